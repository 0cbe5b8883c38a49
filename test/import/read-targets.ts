import { importSources, type ImportResult } from "../../src/import/import.js";
import { compile } from "../../src/compile.js";
import { windowsBuiltinAccount, type ServiceModel, type TargetId, type Text } from "../../src/model.js";
import { SPEC_FIELDS, type SpecField } from "../../src/spec/fields.js";
import { passwordVariable } from "../../src/import/read-model.js";
import { formatText } from "../../src/spec/text.js";
import { capabilityFor } from "../../src/targets/apply-capabilities.js";
import { targetEntry } from "../../src/targets/registry.js";
import { parse, stringify } from "yaml";
import { modelFor } from "../helpers/compile.js";
import { logPath, withKnownValues } from "../../src/targets/supervisord/escape.js";
import { launchdOptions } from "../../src/targets/launchd/options.js";
import { formatRegFile } from "../helpers/wine.js";
import { nssmRegistry, runkeyRegistry, scRegistry } from "./registry-model.js";

// The round trip every reader must pass, written once for all targets: a spec built for a target, read
// back by that target's reader and written as a spec again, builds the same bytes, and normalises to the
// same model on every field the target stores exactly. A new reader joins with one entry in READ_TARGETS
// (and, where its format stores a field in a form other than the field's value, a `stored` projection).
//
// Where the build is not itself what the reader reads (nssm and sc build install scripts; their reader reads
// the registry those scripts leave), `sources` turns the built files into the reader's input, and `shown` says
// what of the spec that input can show: the round trip then expects the bytes built from the spec as shown.

export interface ReadTarget {
  target: TargetId;
  /** How the target stores a field, where comparing the field's value would be wrong. */
  stored?: Partial<Record<SpecField, (m: ServiceModel) => unknown>>;
  /** The reader's input for the built files (by default the files themselves). */
  sources?: (name: string, files: ReadonlyMap<string, string>) => { name: string; bytes: Uint8Array }[];
  /**
   * The spec as far as the reader's input can show it: changes a parsed spec in place, called for the spec and
   * for its windows section (`root` is the whole spec); by default it shows all of it.
   */
  shown?: (spec: Spec, root: Spec) => void;
  /** How many of the shared fixtures must build for the target (10 unless said). */
  minFixtures?: number;
}

const text = (t: Text | undefined) => (t ? formatText(t.parts) : undefined);
const unitName = (d: string) => (/\.(service|target|socket|mount|path|timer|device|swap|slice|scope|automount)$/.test(d) ? d : `${d}.service`);

/** account: local-system is the Windows targets' default account: the file says nothing, and the reader leaves it out. */
const isLocalSystem = (m: ServiceModel) => m.account?.kind === "builtin" && m.account.builtin === "local-system";

type Spec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The ObjectName the Windows scripts write for a spec's account (undefined: LocalSystem). */
function objectName(m: ServiceModel): string {
  const a = m.account;
  if (!a) return "localsystem";
  if (a.kind === "user") return text(a.user)!.toLowerCase();
  return { "local-system": "localsystem", "local-service": "nt authority\\localservice", "network-service": "nt authority\\networkservice", virtual: `nt service\\${m.name.value}`.toLowerCase() }[a.builtin];
}
const BUILTIN_BY_NAME = (name: string): Record<string, string | undefined> => ({ localsystem: "local-system", "nt authority\\localservice": "local-service", "nt authority\\networkservice": "network-service", [`nt service\\${name.toLowerCase()}`]: "virtual" });

/**
 * What a service key shows of a spec's account: a built-in account's name reads back as that account, with no
 * password (Windows keeps none for it); a user's password variable is not in the registry (the reader names it
 * <NAME>_PASSWORD), and is there only when the target sets the account with one.
 */
function shownAccount(spec: Spec, name: string, needsPassword: (user: string, name: string) => boolean): void {
  const a = spec.account;
  if (!a || typeof a !== "object") return;
  const user = String(a.user);
  const builtin = BUILTIN_BY_NAME(name)[user.toLowerCase()];
  if (builtin === "local-system") spec.account = "local-system";
  else if (builtin) spec.account = builtin;
  else if (needsPassword(user, name)) a.password = { fromEnv: passwordVariable(name) };
  else delete a.password;
}

/** A log file's path as the nssm script joins it (plan.ts logPath, written again here). */
const logFile = (dir: string, file: string) => (/[\\/]$/.test(dir) ? dir + file : `${dir}\\${file}`);

export const READ_TARGETS: ReadTarget[] = [
  {
    target: "systemd",
    stored: {
      // One Description= line holds both: "displayName - description", or the one that is set.
      displayName: (m) => {
        const d = text(m.description) || undefined;
        return d === undefined ? text(m.displayName) : m.present.has("displayName") ? `${text(m.displayName)} - ${d}` : d;
      },
      dependsOn: (m) => m.dependsOn.map((d) => unitName(d.value)),
      logs: (m) => m.logs && { directory: text(m.logs.directory)!.replace(/\/+$/, ""), stdout: text(m.logs.stdout), stderr: text(m.logs.stderr) },
    },
  },
  {
    target: "winsw",
    stored: {
      // <description> is always written: empty when the spec has none or says "".
      description: (m) => text(m.description) || undefined,
      // <serviceaccount> holds a name: NT AUTHORITY\LocalService is the built-in local-service.
      account: (m) => (isLocalSystem(m) ? undefined : m.account?.kind === "builtin" ? windowsBuiltinAccount(m.account.builtin, m.name.value) : text(m.account?.user)),
      // <resetfailure> holds one period: restart.resetAfter, else (with maxRetries) restart.window.
      "restart.resetAfter": (m) => m.restart.resetAfterMs?.value ?? (m.restart.maxRetries ? m.restart.windowMs?.value : undefined),
    },
  },
  {
    target: "schtasks",
    stored: {
      // RestartOnFailure/Interval is at least a minute: a shorter delay is written as one (SVC4505 warns).
      "restart.delay": (m) => Math.max(m.restart.delayMs.value, 60_000),
      account: (m) => (isLocalSystem(m) ? undefined : fieldValue(m, "account")),
    },
  },
  {
    target: "nssm",
    sources: (name, files) => [{ name: `${name}.reg`, bytes: formatRegFile(nssmRegistry(name, files)) }],
    shown: (spec, root) => {
      // nssm deletes a DWORD set to its default: a stop timeout of exactly 1.5 s leaves no trace.
      if (spec.stop?.timeout !== undefined && durationMs(spec.stop.timeout) === 1500) delete spec.stop.timeout;
      // An empty description is the SCM's "no description" (nssm's reset): nothing is stored.
      if (spec.description === "") delete spec.description;
      // nssm sets any account but the well-known ones with a password (account.cpp).
      shownAccount(spec, String(root.name), (user, name) => !/^(LocalSystem|NT AUTHORITY\\(System|Local ?Service|Network ?Service))$/i.test(user) && user.toLowerCase() !== `nt service\\${name}`.toLowerCase());
      // nssm 2.24-101 writes nothing 2.24 does not, unless the service has hooks or a virtual account.
      const nssm = root.options?.nssm;
      const views = [root, root.windows ?? {}];
      if (nssm?.version === "2.24-101" && !views.some((v) => v.hooks?.preStart || v.hooks?.postStop || v.account === "virtual")) delete nssm.version;
    },
    stored: {
      account: objectName,
      logs: (m) => m.logs && [logFile(text(m.logs.directory)!, text(m.logs.stdout)!), logFile(text(m.logs.directory)!, text(m.logs.stderr)!)],
    },
  },
  {
    target: "sc",
    sources: (name, files) => [{ name: `${name}.reg`, bytes: formatRegFile(scRegistry(name, files)) }],
    shown: (spec, root) => {
      shownAccount(spec, String(root.name), (user) => !/(\$$)|^(NT AUTHORITY|NT SERVICE)\\/i.test(user));
      // An empty description is the SCM's "no description": nothing is stored.
      if (spec.description === "") delete spec.description;
      // Without restart actions (policy never) the script's reset period is not stored: actions= "" deletes FailureActions.
      const r = spec.restart;
      if (r?.policy === "never") for (const k of ["delay", "maxRetries", "window", "resetAfter"]) delete r[k];
    },
    stored: {
      account: objectName,
      // sc.exe keeps one failure-count reset period: resetAfter, else (with a retry limit) the window; 0 is none.
      "restart.resetAfter": (m) => (m.restart.resetAfterMs?.value ?? (m.restart.maxRetries ? m.restart.windowMs?.value : undefined)) || undefined,
    },
  },
  {
    target: "supervisord",
    stored: {
      // command= holds a ${NAME} the spec's environment sets as its value (withKnownValues), unless a hook wraps it.
      executable: (m) => text(m.hooks.preStart ? m.executable : withKnownValues(m.executable, new Map(m.environment.map((e) => [e.name, e.value])))),
      args: (m) => m.args.map((a) => text(m.hooks.preStart ? a : withKnownValues(a, new Map(m.environment.map((e) => [e.name, e.value]))))),
      // Each stream's file is one path; a rotation without maxSize is backups= alone, and keep defaults to 10.
      logs: (m) => m.logs && [logPath(m.logs.directory, m.logs.stdout), logPath(m.logs.directory, m.logs.stderr)].map(text),
      "logs.rotate": (m) => m.logs?.rotate && { maxSize: m.logs.rotate.maxSizeBytes?.value || undefined, keep: m.logs.rotate.keep?.value ?? 10 },
    },
  },
  {
    target: "launchd",
    stored: {
      // The job is its Label (options.launchd.label, else the name).
      name: (m) => launchdOptions(m).label,
      logs: (m) => m.logs && [text(m.logs.directory)!.replace(/\/+$/, ""), text(m.logs.stdout), text(m.logs.stderr)],
    },
  },
  {
    target: "runkey",
    // A Run entry is never restarted: only the fixtures that say restart.policy never, or give it up, build (9).
    minFixtures: 8,
    // A `reg export` of the Run key and Task Manager's record key, as the install script leaves them.
    sources: (name, files) => [{ name: "run.reg", bytes: formatRegFile(runkeyRegistry(name, files)) }],
    shown: (spec) => {
      // Both are written as Task Manager's disable record, and read back as disabled; delayed is a plain entry.
      if (spec.startup === "manual") spec.startup = "disabled";
      if (spec.startup === "delayed") delete spec.startup;
      // Whether the script re-enables an entry is not in the registry.
      if (spec.options?.runkey) delete spec.options.runkey.reenable;
    },
  },
];

function durationMs(s: unknown): number {
  let ms = 0;
  for (const m of String(s).matchAll(/(\d+)(ms|s|m|h|d)/g)) ms += Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as "ms"];
  return ms;
}

/** A field's value, in comparable form. */
export function fieldValue(m: ServiceModel, f: SpecField): unknown {
  switch (f) {
    case "name":
      return m.name.value;
    case "displayName":
      return text(m.displayName);
    case "description":
      return text(m.description);
    case "executable":
      return text(m.executable);
    case "args":
      return m.args.map(text);
    case "workingDirectory":
      return text(m.workingDirectory);
    case "environment":
      return m.environment.map((e) => [e.name, text(e.value)]);
    case "account":
      return m.account?.kind === "builtin" ? m.account.builtin : text(m.account?.user);
    case "account.group":
      return m.account?.kind === "user" ? text(m.account.group) : undefined;
    case "account.password":
      return m.account?.kind === "user" ? m.account.passwordFromEnv?.value : undefined;
    case "startup":
      return m.startup.value;
    case "dependsOn":
      return m.dependsOn.map((d) => d.value);
    case "restart.policy":
      return m.restart.policy.value;
    case "restart.delay":
      return m.restart.delayMs.value;
    case "restart.maxRetries":
      return m.restart.maxRetries?.value;
    case "restart.window":
      return m.restart.windowMs?.value;
    case "restart.resetAfter":
      return m.restart.resetAfterMs?.value;
    case "stop.timeout":
      return m.stop.timeoutMs?.value;
    case "stop.signal":
      return m.stop.signal?.value;
    case "logs":
      return m.logs && { directory: text(m.logs.directory), stdout: text(m.logs.stdout), stderr: text(m.logs.stderr) };
    case "logs.append":
      return m.logs?.append.value;
    case "logs.rotate":
      return m.logs?.rotate && { maxSize: m.logs.rotate.maxSizeBytes?.value, keep: m.logs.rotate.keep?.value };
    case "hooks.preStart":
      return m.hooks.preStart && [text(m.hooks.preStart.executable), ...m.hooks.preStart.args.map(text)];
    case "hooks.postStop":
      return m.hooks.postStop && [text(m.hooks.postStop.executable), ...m.hooks.postStop.args.map(text)];
    case "priority":
      return m.priority.value;
  }
}

function valueKey(m: ServiceModel, f: SpecField): string | undefined {
  if (!m.present.has(f)) return undefined;
  if (f === "startup") return m.startup.value;
  if (f === "restart.policy") return m.restart.policy.value;
  if (f === "priority") return m.priority.value;
  if (f === "account") return m.account?.kind === "builtin" ? m.account.builtin : m.account ? "user" : undefined;
  if (f === "logs.append") return m.logs ? String(m.logs.append.value) : undefined;
  return undefined;
}

/** The fields the target stores exactly for this model: native for the model's value, and with an effect. */
export function exactFields(m: ServiceModel, target: TargetId): SpecField[] {
  const caps = targetEntry(target)!.capabilities;
  return SPEC_FIELDS.filter((f) => {
    if (capabilityFor(caps, f, valueKey(m, f)).support !== "native") return false;
    // With restart.policy never, the other restart settings have no effect (SVC2017): nothing stores them.
    if (f.startsWith("restart.") && f !== "restart.policy" && m.restart.policy.value === "never") return false;
    // restart.window counts maxRetries; without them it has no effect (SVC2007).
    if (f === "restart.window" && !m.restart.maxRetries) return false;
    return true;
  });
}

export interface RoundTrip {
  outcome: "refused" | "same";
  /** Why the round trip failed, when it did. */
  problems: string[];
  imported?: ImportResult;
  spec?: string;
}

/** The spec as `t`'s source can show it (yaml unchanged when it shows all of it). */
export function shownYaml(yaml: string, t: ReadTarget): string {
  if (!t.shown) return yaml;
  const doc = parse(yaml) as Spec;
  t.shown(doc, doc);
  if (doc.windows && typeof doc.windows === "object") t.shown(doc.windows, doc);
  return stringify(doc);
}

/** build(spec) -> import -> spec' -> build(spec'): the same bytes, and the same model on the fields stored exactly. */
export async function roundTrip(yaml: string, t: ReadTarget): Promise<RoundTrip> {
  const first = await compile(yaml, "service.yaml", { targets: [t.target], sourceName: "service.yaml" });
  if (first.diagnostics.some((d) => d.severity === "error")) return { outcome: "refused", problems: [] };
  const files = first.outputs.flatMap((o) => o.files);
  const sources = t.sources ? t.sources(first.name!, new Map(files.map((f) => [f.name, new TextDecoder().decode(f.bytes)]))) : files.map((f) => ({ name: f.name, bytes: f.bytes }));
  const imported = await importSources(sources, { from: t.target });
  // The spec as the source shows it, and what it builds: what the imported spec must build.
  const shown = shownYaml(yaml, t);
  let expected = files;
  if (t.shown) {
    const built = await compile(shown, "service.yaml", { targets: [t.target], sourceName: "service.yaml" });
    expected = built.outputs.flatMap((o) => o.files);
    if (expected.length === 0) return { outcome: "same", problems: [`the spec as the source shows it does not build: ${built.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`], imported };
  }
  const problems: string[] = [];
  const service = imported.services[0];
  if (imported.services.length !== 1 || !service?.spec) {
    problems.push(`import gave no spec: ${imported.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code} ${d.message}`).join("\n")}`);
    return { outcome: "same", problems, imported };
  }
  const second = await compile(service.spec, "service.yaml", { targets: [t.target], sourceName: "service.yaml" });
  const errors = second.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) problems.push(`the imported spec does not build: ${errors.map((e) => `${e.code} ${e.message}`).join("; ")}`);
  const again = new Map(second.outputs.flatMap((o) => o.files).map((f) => [f.name, f.bytes]));
  for (const f of expected) {
    const b = again.get(f.name);
    if (!b || Buffer.compare(Buffer.from(b), Buffer.from(f.bytes)) !== 0) {
      problems.push(`${f.name} differs:\n--- built from the spec${t.shown ? " as the source shows it" : ""}\n${new TextDecoder().decode(f.bytes)}\n--- built from the imported spec\n${b ? new TextDecoder().decode(b) : "(missing)"}`);
    }
  }
  if (again.size !== expected.length) problems.push(`the imported spec builds ${[...again.keys()].join(", ")}; the spec built ${expected.map((f) => f.name).join(", ")}`);
  if (errors.length === 0) {
    const [a, b] = [await modelFor(shown, t.target), await modelFor(service.spec, t.target)];
    for (const f of exactFields(a, t.target)) {
      const [x, y] = [(t.stored?.[f] ?? ((m: ServiceModel) => fieldValue(m, f)))(a), (t.stored?.[f] ?? ((m: ServiceModel) => fieldValue(m, f)))(b)];
      if (JSON.stringify(x) !== JSON.stringify(y)) problems.push(`${f}: the spec says ${JSON.stringify(x)}, the imported spec ${JSON.stringify(y)}`);
    }
  }
  return { outcome: "same", problems, imported, spec: service.spec };
}
