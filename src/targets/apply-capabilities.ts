import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { ServiceModel, TargetId } from "../model.js";
import { ENUM_DEFAULTS, SPEC_FIELDS, type SpecField } from "../spec/fields.js";
import type { Capabilities, Capability } from "./capabilities.js";

// Dropping these would not lose a setting but change one: without its account a service runs as the
// target's default (LocalSystem, root), far more privileged than what the spec asked for.
const NOT_IGNORABLE = new Map<SpecField, string>([["account", "the service would silently run as the default account (LocalSystem or root)"]]);

// A field left out means its documented default (ENUM_DEFAULTS: startup auto, restart.policy on-failure,
// priority normal). Where the target cannot express that default it is judged like a written value: a
// Task Scheduler task for a spec without restart: would otherwise silently never restart a crashed
// program, the very trap the default is there to avoid. (A default the target only approximates is not
// reported: the spec asked for nothing in particular.)
const defaultOf = (field: SpecField): string | undefined => (ENUM_DEFAULTS as Partial<Record<SpecField, string>>)[field];

/**
 * What to do instead of a refused field: remove it, or, where leaving it out would mean a default the
 * target cannot express either, set one of the values it can.
 */
function refusalHint(caps: Capabilities, field: SpecField, target: TargetId): string {
  const dflt = defaultOf(field);
  const expressible =
    dflt !== undefined && capabilityFor(caps, field, dflt).support === "none"
      ? Object.entries(caps[field].values ?? {}).filter(([, c]) => c.support === "native" || c.support === "approximate").map(([v]) => `${field}: ${v}`)
      : [];
  const instead = expressible.length ? `set ${expressible.join(" or ")} for ${target}` : `remove it for ${target}`;
  return `${instead}, or accept losing it: options.${target}.ignore: [${field}]`;
}

/** The enum value a capability may refine on (`startup: delayed`, `account: virtual` / `user`, `stop.signal: SIGINT`). */
export function valueKey(model: ServiceModel, field: SpecField): string | undefined {
  switch (field) {
    case "startup":
      return model.startup.value;
    case "restart.policy":
      return model.restart.policy.value;
    case "priority":
      return model.priority.value;
    case "account":
      return model.account?.kind === "builtin" ? model.account.builtin : model.account ? "user" : undefined;
    case "logs.append":
      return model.logs ? String(model.logs.append.value) : undefined;
    case "stop.signal":
      return model.stop.signal?.value;
    default:
      return undefined;
  }
}

// Each field's parts (`logs`: logs.append, logs.rotate), removed from the present set with it.
const PARTS = new Map<string, SpecField[]>(SPEC_FIELDS.map((f) => [f, SPEC_FIELDS.filter((p) => p.startsWith(`${f}.`))]));
const RESTART_KEYS = { "restart.delay": "delayMs", "restart.maxRetries": "maxRetries", "restart.window": "windowMs", "restart.resetAfter": "resetAfterMs" } as const;

/** Whether `field` is a part of one of the `dropped` fields (`logs.rotate` of `logs`). */
function coveredBy(dropped: readonly SpecField[], field: string): boolean {
  const dot = field.indexOf(".");
  if (dot < 0) return false;
  for (let i = 0; i < dropped.length; i++) {
    const d = dropped[i]!;
    if (d.length < field.length && field.charCodeAt(d.length) === 46 && field.startsWith(d)) return true;
  }
  return false;
}

export function capabilityFor(caps: Capabilities, field: SpecField, value?: string): Capability {
  const c = caps[field];
  return (value !== undefined && c.values?.[value]) || c;
}

/**
 * Removes `field` from a (shallow-copied) model, replacing nested objects rather than mutating them:
 * other targets share them. `present` is the model's own copy of the field set (made once per target
 * by the caller), from which the field and its parts are removed.
 */
function drop(model: ServiceModel, field: SpecField, present: Set<string>): void {
  const m = model as { -readonly [K in keyof ServiceModel]: ServiceModel[K] };
  switch (field) {
    case "displayName":
      m.displayName = { parts: [{ kind: "literal", text: m.name.value }], source: m.name.value, at: m.name.at };
      break;
    case "description":
      delete m.description;
      break;
    case "args":
      m.args = [];
      break;
    case "workingDirectory":
      delete m.workingDirectory;
      break;
    case "environment":
      m.environment = [];
      break;
    case "account":
      delete m.account;
      break;
    case "account.group":
      if (m.account?.kind === "user") {
        m.account = { ...m.account };
        delete m.account.group;
      }
      break;
    case "account.password":
      if (m.account?.kind === "user") {
        m.account = { ...m.account };
        delete m.account.passwordFromEnv;
      }
      break;
    case "startup":
      m.startup = { value: "auto", at: m.startup.at };
      break;
    case "dependsOn":
      m.dependsOn = [];
      break;
    case "restart.policy":
      m.restart = { ...m.restart, policy: { value: "on-failure", at: m.restart.policy.at } };
      break;
    case "restart.delay":
    case "restart.maxRetries":
    case "restart.window":
    case "restart.resetAfter": {
      const key = RESTART_KEYS[field];
      m.restart = { ...m.restart };
      if (key === "delayMs") m.restart.delayMs = { value: 1000, at: m.restart.delayMs.at };
      else delete (m.restart as unknown as Record<string, unknown>)[key];
      break;
    }
    case "stop.timeout":
      m.stop = { ...m.stop };
      delete m.stop.timeoutMs;
      break;
    case "stop.signal":
      m.stop = { ...m.stop };
      delete m.stop.signal;
      break;
    case "logs":
      delete m.logs;
      break;
    case "logs.append":
      if (m.logs) m.logs = { ...m.logs, append: { value: true, at: m.logs.append.at } };
      break;
    case "logs.rotate":
      if (m.logs) {
        m.logs = { ...m.logs };
        delete m.logs.rotate;
      }
      break;
    case "hooks.preStart":
      m.hooks = { ...m.hooks };
      delete m.hooks.preStart;
      break;
    case "hooks.postStop":
      m.hooks = { ...m.hooks };
      delete m.hooks.postStop;
      break;
    case "priority":
      m.priority = { value: "normal", at: m.priority.at };
      break;
    case "name":
    case "executable":
      break;
  }
  present.delete(field);
  for (const p of PARTS.get(field) ?? []) present.delete(p);
}

/**
 * Judges the fields the spec sets against what the target can express: an error for what it cannot
 * (unless ignored: then the field is dropped), a warning saying how for what it approximates (unless
 * ignored: then the approximation is accepted silently). Returns the model the target's
 * check and emit see: ignored fields removed, options narrowed to `options.<target>`.
 */
export function applyCapabilities(
  model: ServiceModel,
  caps: Capabilities,
  target: TargetId,
  targetOptions: Record<string, unknown>,
  optionLoc: ServiceModel["optionLoc"],
): { model: ServiceModel; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const ignoreList = Array.isArray(targetOptions.ignore) ? (targetOptions.ignore as SpecField[]) : [];
  const ignored = new Set(ignoreList);
  const out: ServiceModel = { ...model, options: { ...targetOptions }, optionLoc };
  delete out.options.ignore;

  // Ignored fields the target cannot express are dropped, and their parts with them (`logs` covers
  // logs.append and logs.rotate). An ignored field that is kept (native, approximated) covers nothing:
  // its parts are judged on their own, or `ignore: [logs]` would silently lose logs.rotate.
  const dropped = ignoreList.filter((f) => caps[f] && capabilityFor(caps, f, model.present.has(f) ? valueKey(model, f) : undefined).support === "none");
  const fields = Object.keys(caps) as SpecField[];
  let present: Set<string> | undefined;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    const inSpec = model.present.has(field);
    if (dropped.length > 0 && coveredBy(dropped, field)) continue;
    const cap = capabilityFor(caps, field, inSpec ? valueKey(model, field) : undefined);
    if (ignored.has(field) && NOT_IGNORABLE.has(field) && inSpec && cap.support === "none" && !caps[field].ignorable) {
      diagnostics.push(
        diag(optionLoc(`ignore.${ignoreList.indexOf(field)}`), "error", "SVC3004", `options.${target}.ignore cannot list ${field}: ${NOT_IGNORABLE.get(field)}`, `set an account ${target} can express (a platform section), or remove account for every target`, target),
      );
      continue;
    }
    if (ignored.has(field)) {
      if (cap.support === "native" || cap.support === "n/a") {
        diagnostics.push(
          diag(optionLoc(`ignore.${ignoreList.indexOf(field)}`), "warning", "SVC3003", `options.${target}.ignore lists ${field}, which ${target} ${cap.support === "native" ? "expresses" : "does not use"}: the entry has no effect`, "remove it", target),
        );
        continue;
      }
      // Ignoring a field the target cannot express drops it; ignoring an approximated one accepts the
      // approximation without the warning (dropping it would lose more than the user agreed to).
      if (inSpec && cap.support === "none") {
        if (!present) out.present = present = new Set(model.present);
        drop(out, field, present);
      }
      continue;
    }
    if (!inSpec) {
      const dflt = defaultOf(field);
      const byDefault = dflt === undefined ? undefined : capabilityFor(caps, field, dflt);
      if (byDefault?.support === "none") {
        // At the field's mapping when the spec has one (restart:), else at the service's name.
        const group = field.includes(".") ? field.slice(0, field.indexOf(".") + 1) : undefined;
        const at = group && [...model.present].some((p) => p.startsWith(group)) ? model.locOf(field) : model.name.at;
        diagnostics.push(
          diag(at, "error", "SVC3001", `${target} cannot express ${field} ${dflt}, the default when ${field} is not set: ${byDefault.how}`, refusalHint(caps, field, target), target),
        );
      }
      continue;
    }
    if (cap.support === "none") {
      diagnostics.push(
        diag(model.locOf(field), "error", "SVC3001", `${target} cannot express ${field}: ${cap.how}`, refusalHint(caps, field, target), target),
      );
    } else if (cap.support === "approximate") {
      diagnostics.push(diag(model.locOf(field), "warning", "SVC3002", `${field} is approximated: ${cap.how}`, `options.${target}.ignore: [${field}] accepts the approximation without this warning`, target));
    }
  }
  return { model: out, diagnostics };
}
