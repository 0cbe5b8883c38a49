import type { Command, ServiceModel, TargetId, Text } from "../model.js";
import { importedHeaderLine } from "../render/header.js";
import { schemaModeline } from "../spec/modeline.js";
import { formatText } from "../spec/text.js";
import { formatDuration, formatSize } from "../spec/units.js";
import { yamlKey, yamlString } from "./yaml-text.js";

// The spec `svcgen import` writes for a read model: what a person would have written for that service.
// - The schema modeline first, then the import header (render/header.ts), then the keys in README's order
//   (version, name, displayName, ... priority, targets, options), sub-keys in the schema's order.
// - Only the fields in model.present: a field equal to the spec's default is not written (read-model.ts
//   computes `present` that way), nor a log file name equal to its default.
// - Values in spec syntax: Text as `${NAME}` and `$$` (formatText), durations as `1m30s`, sizes as `10MiB`,
//   scalars plain unless YAML needs quotes (yaml-text.ts), short lists in flow style.
// - targets: [<the source's target>] and options.<target> as the reader gave them.
//
// The modeline is the one `svcgen init` writes (spec/modeline.ts): the schema of the svcgen that wrote the
// spec, relative to the folder the spec is written to. That is right where it matters: svcgen installed in
// the deployment repo (node_modules/svcgen/schema/...), so editors check the spec against the schema of the
// svcgen that builds it. The schema's `$id` is not served anywhere, so a URL would give editors nothing.

const MAX_FLOW = 100;

export interface WrittenSpecSource {
  /** The target whose files were read: the spec's `targets`, and the options key. */
  target: TargetId;
  /** The folder the spec is written to (the modeline is relative to it). */
  specDir: string;
  /** How the header names what was read (paths relative to where the spec is written). */
  sources: readonly string[];
}

export function writeSpec(model: ServiceModel, src: WrittenSpecSource): string {
  const out: string[] = [schemaModeline(src.specDir), `# ${importedHeaderLine(src.sources)}`, "version: 1"];
  const has = (f: string) => model.present.has(f);
  const text = (t: Text) => yamlString(formatText(t.parts));
  const line = (indent: number, key: string, value: string) => out.push(`${"  ".repeat(indent)}${yamlKey(key)}: ${value}`);
  const open = (indent: number, key: string) => out.push(`${"  ".repeat(indent)}${yamlKey(key)}:`);
  /** A list of scalars: flow style when it fits on the line, else one item per line. */
  const list = (indent: number, key: string, items: string[]) => {
    const flow = `[${items.map((s) => yamlString(s, true)).join(", ")}]`;
    if (`${"  ".repeat(indent)}${key}: ${flow}`.length <= MAX_FLOW) line(indent, key, flow);
    else {
      open(indent, key);
      for (const s of items) out.push(`${"  ".repeat(indent + 1)}- ${yamlString(s)}`);
    }
  };
  const command = (indent: number, key: string, c: Command) => {
    open(indent, key);
    line(indent + 1, "executable", text(c.executable));
    if (c.args.length > 0) list(indent + 1, "args", c.args.map((a) => formatText(a.parts)));
  };

  line(0, "name", yamlString(model.name.value));
  if (has("displayName")) line(0, "displayName", text(model.displayName));
  if (has("description") && model.description) line(0, "description", text(model.description));
  line(0, "executable", text(model.executable));
  if (has("args")) list(0, "args", model.args.map((a) => formatText(a.parts)));
  if (has("workingDirectory") && model.workingDirectory) line(0, "workingDirectory", text(model.workingDirectory));
  if (has("environment")) {
    open(0, "environment");
    for (const e of model.environment) line(1, e.name, text(e.value));
  }
  const acc = model.account;
  if (acc?.kind === "builtin") line(0, "account", acc.builtin);
  else if (acc) {
    open(0, "account");
    line(1, "user", text(acc.user));
    if (acc.group) line(1, "group", text(acc.group));
    if (acc.passwordFromEnv) line(1, "password", `{ fromEnv: ${acc.passwordFromEnv.value} }`);
  }
  if (has("startup")) line(0, "startup", model.startup.value);
  if (has("dependsOn")) list(0, "dependsOn", model.dependsOn.map((d) => d.value));
  const r = model.restart;
  if (["restart.policy", "restart.delay", "restart.maxRetries", "restart.window", "restart.resetAfter"].some(has)) {
    open(0, "restart");
    if (has("restart.policy")) line(1, "policy", r.policy.value);
    if (has("restart.delay")) line(1, "delay", formatDuration(r.delayMs.value));
    if (r.maxRetries) line(1, "maxRetries", String(r.maxRetries.value));
    if (r.windowMs) line(1, "window", formatDuration(r.windowMs.value));
    if (r.resetAfterMs) line(1, "resetAfter", formatDuration(r.resetAfterMs.value));
  }
  if (model.stop.timeoutMs || model.stop.signal) {
    open(0, "stop");
    if (model.stop.timeoutMs) line(1, "timeout", formatDuration(model.stop.timeoutMs.value));
    if (model.stop.signal) line(1, "signal", model.stop.signal.value);
  }
  const logs = model.logs;
  if (logs) {
    open(0, "logs");
    line(1, "directory", text(logs.directory));
    if (formatText(logs.stdout.parts) !== `${model.name.value}.out.log`) line(1, "stdout", text(logs.stdout));
    if (formatText(logs.stderr.parts) !== `${model.name.value}.err.log`) line(1, "stderr", text(logs.stderr));
    if (!logs.append.value) line(1, "append", "false");
    if (logs.rotate) {
      open(1, "rotate");
      if (logs.rotate.maxSizeBytes) line(2, "maxSize", formatSize(logs.rotate.maxSizeBytes.value));
      if (logs.rotate.keep) line(2, "keep", String(logs.rotate.keep.value));
    }
  }
  if (model.hooks.preStart || model.hooks.postStop) {
    open(0, "hooks");
    if (model.hooks.preStart) command(1, "preStart", model.hooks.preStart);
    if (model.hooks.postStop) command(1, "postStop", model.hooks.postStop);
  }
  if (has("priority")) line(0, "priority", model.priority.value);
  line(0, "targets", `[${src.target}]`);
  const options = Object.entries(model.options).filter(([, v]) => v !== undefined);
  if (options.length > 0) {
    open(0, "options");
    open(1, src.target);
    for (const [k, v] of options) value(out, 2, k, v);
  }
  return out.join("\n") + "\n";
}

/** Options are plain data (strings, numbers, booleans, lists and maps of them): block maps, flow lists that fit. */
function value(out: string[], indent: number, key: string, v: unknown): void {
  const pad = "  ".repeat(indent);
  const scalar = (x: unknown, flow = false) => (typeof x === "string" ? yamlString(x, flow) : String(x));
  if (Array.isArray(v)) {
    const flow = `[${v.map((x) => scalar(x, true)).join(", ")}]`;
    if (`${pad}${key}: ${flow}`.length <= MAX_FLOW) out.push(`${pad}${yamlKey(key)}: ${flow}`);
    else {
      out.push(`${pad}${yamlKey(key)}:`);
      for (const x of v) out.push(`${pad}  - ${scalar(x)}`);
    }
  } else if (v !== null && typeof v === "object") {
    out.push(`${pad}${yamlKey(key)}:`);
    for (const [k, x] of Object.entries(v)) value(out, indent + 1, k, x);
  } else out.push(`${pad}${yamlKey(key)}: ${scalar(v)}`);
}
