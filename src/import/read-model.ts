import type {
  Account,
  Command,
  EnvVar,
  Located,
  Logs,
  Platform,
  Priority,
  RestartPolicy,
  ServiceModel,
  SourceLoc,
  Startup,
  Stop,
  Text,
  TextPart,
} from "../model.js";
import type { SpecField } from "../spec/fields.js";
import { DEFAULT_RESTART_DELAY_MS, WINDOWS_ABSOLUTE } from "../spec/normalize.js";
import { formatText } from "../spec/text.js";
import type { Origin } from "../targets/types.js";

// How a reader builds the ServiceModel it returns. A reader fills a ModelDraft with what the source states,
// each value decoded into spec terms and located in the source; completeModel applies the spec's defaults
// and derives what the rest of svcgen reads from a model:
//
// - `present` holds exactly the fields whose value differs from the spec's default. A spec that states those
//   fields and nothing else normalises back to the same model, so the spec writer (spec-writer.ts) writes
//   `present` and no default, and `applyCapabilities` judges a read model as it would that spec.
// - Defaults are the spec's, not the target's: a systemd unit without Restart= never restarts, so its reader
//   sets `restart.policy: never`; a draft that leaves the policy out means the spec's `on-failure`.
// - `locOf(field)` is where the field's setting is in the source (`origins`), else the start of the main
//   file; `optionLoc(key)` likewise for the target's options (`extra.Service.MemoryMax`).
// - `options` are this target's options as a spec would state them (`version`, `extra`, ...), with nothing
//   that merely repeats the target's default: the spec writer writes them as they are.

export interface ModelDraft {
  /** The main source file. */
  file: string;
  platform: Platform;
  name: Located<string>;
  displayName?: Text;
  description?: Text;
  executable: Text;
  args?: Text[];
  workingDirectory?: Text;
  environment?: EnvVar[];
  account?: Account;
  startup?: Located<Startup>;
  dependsOn?: Located<string>[];
  restart?: {
    policy?: Located<RestartPolicy>;
    delayMs?: Located<number>;
    maxRetries?: Located<number>;
    windowMs?: Located<number>;
    resetAfterMs?: Located<number>;
  };
  stop?: Stop;
  logs?: Omit<Logs, "stdout" | "stderr" | "append"> & { stdout?: Text; stderr?: Text; append?: Located<boolean> };
  hooks?: { preStart?: Command; postStop?: Command };
  priority?: Located<Priority>;
  /** `options.<target>` as the spec should state them. */
  options?: Record<string, unknown>;
  /** Where options came from, by dotted key (`extra.Service.MemoryMax`). */
  optionOrigins?: ReadonlyMap<string, SourceLoc>;
}

/**
 * Why a path read from a Windows source is not one a spec accepts (a spec's paths are absolute, or start with a
 * variable), or undefined. Windows looks a bare name or a relative path up in several places (the program's own
 * folder, the working directory, the system folders, PATH), so a reader reports it instead of guessing which.
 */
export function windowsPathProblem(t: Text): string | undefined {
  const first = t.parts[0];
  if (first?.kind === "var" || (first?.kind === "literal" && WINDOWS_ABSOLUTE.test(first.text))) return undefined;
  return `${JSON.stringify(t.source)} is not an absolute path: Windows would look it up in several places (the program's folder, the working directory, the system folders, PATH), and svcgen cannot tell which one it finds`;
}

/** A path's last part, split at either separator (readers run in the browser too: no node:path). */
export const baseName = (p: string): string => p.slice(Math.max(p.lastIndexOf("/"), p.lastIndexOf("\\")) + 1);

/** A literal Text read from a source (no variables). */
export function literalText(s: string, at: SourceLoc): Text {
  return textFromParts([{ kind: "literal", text: s }], at);
}

/** A Text from decoded parts: adjacent literals merged, `source` in spec syntax (what the written spec holds). */
export function textFromParts(parts: readonly TextPart[], at: SourceLoc): Text {
  const merged: TextPart[] = [];
  for (const p of parts) {
    const last = merged[merged.length - 1];
    if (p.kind === "literal" && last?.kind === "literal") merged[merged.length - 1] = { kind: "literal", text: last.text + p.text };
    else if (!(p.kind === "literal" && p.text === "")) merged.push(p);
  }
  if (merged.length === 0) merged.push({ kind: "literal", text: "" });
  return { parts: merged, source: formatText(merged), at };
}

/**
 * The environment variable a written spec reads an account's password from, `<NAME>_PASSWORD` for a
 * service called NAME (letters and digits kept, anything else `_`, upper case): one convention for every
 * reader, so that the warning each prints names a variable the user can predict.
 */
export function passwordVariable(service: string): string {
  const base = service.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
  return /^[0-9]/.test(base) ? `_${base}_PASSWORD` : `${base}_PASSWORD`;
}

const sameText = (t: Text | undefined, s: string): boolean => !!t && t.parts.length === 1 && t.parts[0]!.kind === "literal" && t.parts[0]!.text === s;

/**
 * The model for a draft: defaults applied, `present`, `locOf` and `optionLoc` derived. Throws on a draft a
 * spec could not state (a reader bug: a reader must turn such a source into diagnostics instead).
 */
export function completeModel(d: ModelDraft, origins: ReadonlyMap<SpecField, Origin>): ServiceModel {
  const start: SourceLoc = { file: d.file, line: 1, col: 1 };
  const name = d.name.value;
  const r = d.restart ?? {};
  const policy = r.policy ?? { value: "on-failure" as const, at: start };
  if (policy.value === "never" && (r.delayMs || r.maxRetries || r.windowMs || r.resetAfterMs)) {
    throw new Error("internal: a reader set restart settings for restart.policy never (a spec would warn SVC2017)");
  }
  if (!!r.maxRetries !== !!r.windowMs) throw new Error("internal: a reader set restart.maxRetries without restart.window or the reverse");
  if (d.displayName && formatText(d.displayName.parts) === "") throw new Error("internal: a reader set an empty displayName");

  const locOf = (field: string): SourceLoc => {
    for (let f = field; f; f = f.includes(".") ? f.slice(0, f.lastIndexOf(".")) : "") {
      const o = origins.get(f as SpecField);
      if (o) return o.at;
    }
    return start;
  };
  const optionLoc = (key: string): SourceLoc => {
    for (let k = key; k; k = k.includes(".") ? k.slice(0, k.lastIndexOf(".")) : "") {
      const at = d.optionOrigins?.get(k);
      if (at) return at;
    }
    return start;
  };

  const logs: Logs | undefined = d.logs && {
    ...d.logs,
    stdout: d.logs.stdout ?? literalText(`${name}.out.log`, d.logs.at),
    stderr: d.logs.stderr ?? literalText(`${name}.err.log`, d.logs.at),
    append: d.logs.append ?? { value: true, at: d.logs.at },
  };

  const model: ServiceModel = {
    file: d.file,
    platform: d.platform,
    name: d.name,
    displayName: d.displayName ?? literalText(name, d.name.at),
    executable: d.executable,
    args: d.args ?? [],
    environment: d.environment ?? [],
    startup: d.startup ?? { value: "auto", at: start },
    dependsOn: d.dependsOn ?? [],
    restart: { policy, delayMs: r.delayMs ?? { value: DEFAULT_RESTART_DELAY_MS, at: start } },
    stop: d.stop ?? {},
    hooks: d.hooks ?? {},
    priority: d.priority ?? { value: "normal", at: start },
    options: d.options ?? {},
    optionLoc,
    present: new Set(),
    locOf,
  };
  if (d.description) model.description = d.description;
  if (d.workingDirectory) model.workingDirectory = d.workingDirectory;
  if (d.account) model.account = d.account;
  if (r.maxRetries) model.restart.maxRetries = r.maxRetries;
  if (r.windowMs) model.restart.windowMs = r.windowMs;
  if (r.resetAfterMs) model.restart.resetAfterMs = r.resetAfterMs;
  if (logs) model.logs = logs;
  model.present = presentFields(model);
  return model;
}

/** The fields of a model whose value differs from the spec's default: what a spec must state to give it. */
export function presentFields(m: ServiceModel): Set<SpecField> {
  const p = new Set<SpecField>(["name", "executable"]);
  const add = (f: SpecField, yes: unknown) => yes && p.add(f);
  add("displayName", !sameText(m.displayName, m.name.value));
  add("description", m.description);
  add("args", m.args.length > 0);
  add("workingDirectory", m.workingDirectory);
  add("environment", m.environment.length > 0);
  add("account", m.account);
  add("account.group", m.account?.kind === "user" && m.account.group);
  add("account.password", m.account?.kind === "user" && m.account.passwordFromEnv);
  add("startup", m.startup.value !== "auto");
  add("dependsOn", m.dependsOn.length > 0);
  add("restart.policy", m.restart.policy.value !== "on-failure");
  add("restart.delay", m.restart.delayMs.value !== DEFAULT_RESTART_DELAY_MS);
  add("restart.maxRetries", m.restart.maxRetries);
  add("restart.window", m.restart.windowMs);
  add("restart.resetAfter", m.restart.resetAfterMs);
  add("stop.timeout", m.stop.timeoutMs);
  add("stop.signal", m.stop.signal);
  add("logs", m.logs);
  add("logs.append", m.logs && !m.logs.append.value);
  add("logs.rotate", m.logs?.rotate);
  add("hooks.preStart", m.hooks.preStart);
  add("hooks.postStop", m.hooks.postStop);
  add("priority", m.priority.value !== "normal");
  return p;
}
