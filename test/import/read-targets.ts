import { importSources, type ImportResult } from "../../src/import/import.js";
import { compile } from "../../src/compile.js";
import { windowsBuiltinAccount, type ServiceModel, type TargetId, type Text } from "../../src/model.js";
import { SPEC_FIELDS, type SpecField } from "../../src/spec/fields.js";
import { formatText } from "../../src/spec/text.js";
import { capabilityFor } from "../../src/targets/apply-capabilities.js";
import { targetEntry } from "../../src/targets/registry.js";
import { modelFor } from "../helpers/compile.js";

// The round trip every reader must pass, written once for all targets: a spec built for a target, read
// back by that target's reader and written as a spec again, builds the same bytes, and normalises to the
// same model on every field the target stores exactly. A new reader joins with one entry in READ_TARGETS
// (and, where its format stores a field in a form other than the field's value, a `stored` projection).

export interface ReadTarget {
  target: TargetId;
  /** How the target stores a field, where comparing the field's value would be wrong. */
  stored?: Partial<Record<SpecField, (m: ServiceModel) => unknown>>;
}

const text = (t: Text | undefined) => (t ? formatText(t.parts) : undefined);
const unitName = (d: string) => (/\.(service|target|socket|mount|path|timer|device|swap|slice|scope|automount)$/.test(d) ? d : `${d}.service`);

/** account: local-system is the Windows targets' default account: the file says nothing, and the reader leaves it out. */
const isLocalSystem = (m: ServiceModel) => m.account?.kind === "builtin" && m.account.builtin === "local-system";

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
];

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

/** build(spec) -> import -> spec' -> build(spec'): the same bytes, and the same model on the fields stored exactly. */
export async function roundTrip(yaml: string, t: ReadTarget): Promise<RoundTrip> {
  const first = await compile(yaml, "service.yaml", { targets: [t.target], sourceName: "service.yaml" });
  if (first.diagnostics.some((d) => d.severity === "error")) return { outcome: "refused", problems: [] };
  const files = first.outputs.flatMap((o) => o.files);
  const imported = await importSources(files.map((f) => ({ name: f.name, bytes: f.bytes })), { from: t.target });
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
  for (const f of files) {
    const b = again.get(f.name);
    if (!b || Buffer.compare(Buffer.from(b), Buffer.from(f.bytes)) !== 0) {
      problems.push(`${f.name} differs:\n--- built from the spec\n${new TextDecoder().decode(f.bytes)}\n--- built from the imported spec\n${b ? new TextDecoder().decode(b) : "(missing)"}`);
    }
  }
  if (again.size !== files.length) problems.push(`the imported spec builds ${[...again.keys()].join(", ")}; the spec built ${files.map((f) => f.name).join(", ")}`);
  if (errors.length === 0) {
    const [a, b] = [await modelFor(yaml, t.target), await modelFor(service.spec, t.target)];
    for (const f of exactFields(a, t.target)) {
      const [x, y] = [(t.stored?.[f] ?? ((m: ServiceModel) => fieldValue(m, f)))(a), (t.stored?.[f] ?? ((m: ServiceModel) => fieldValue(m, f)))(b)];
      if (JSON.stringify(x) !== JSON.stringify(y)) problems.push(`${f}: the spec says ${JSON.stringify(x)}, the imported spec ${JSON.stringify(y)}`);
    }
  }
  return { outcome: "same", problems, imported, spec: service.spec };
}
