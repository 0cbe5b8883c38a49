import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ServiceModel, SourceLoc, Text } from "../../model.js";
import { composedText, descriptionValue, logFileValue, pieceAt, singleValue, type Composed } from "./composed.js";
import { pathProblem, rawValueProblem, type RawProblem } from "./escape.js";
import { systemdOptions } from "./options.js";

const SYSTEMD_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function check(model: ServiceModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (at: SourceLoc, code: string, message: string, hint?: string) => out.push(diag(at, "error", code, message, hint, "systemd"));
  const opts = systemdOptions(model);

  const noVars = (t: Text, what: string) => {
    if (t.parts.some((p) => p.kind === "var")) {
      error(t.at, "SVC4102", `${what}: systemd does not expand \${NAME} there, the value would stay literal`, "write the value out in the linux section");
      return false;
    }
    return true;
  };
  const literalText = (t: Text) => t.parts.map((p) => (p.kind === "literal" ? p.text : "")).join("");
  // A raw setting is judged as the line svcgen writes it, composed by the emitter's own function, and
  // the problem is reported at the field whose characters cause it.
  const raw = (c: Composed, judge: (s: string, setting: string) => RawProblem | undefined) => {
    const problem = judge(composedText(c), c.setting);
    if (!problem) return;
    const blamed = pieceAt(c, problem.index);
    error(blamed.at ?? model.locOf(blamed.field), "SVC4103", `${blamed.field} cannot be written in a systemd unit: ${problem.message}`);
  };
  const exe = (t: Text, what: string) => {
    if (!noVars(t, what)) return;
    const s = t.parts.map((p) => (p.kind === "literal" ? p.text : "")).join("");
    // eslint-disable-next-line no-control-regex
    if (/[\\"'\x00-\x1f\x7f]/.test(s)) error(t.at, "SVC4104", `${what} ${JSON.stringify(s)} contains a character systemd refuses in an executable path (backslash, quote or control character)`);
    else if (s.endsWith("/")) error(t.at, "SVC4104", `${what} ${JSON.stringify(s)} names a directory`);
  };
  const args = (ts: Text[], what: string) =>
    ts.forEach((t, i) => {
      for (const p of t.parts) {
        if (p.kind === "var" && !SYSTEMD_VAR.test(p.name)) error(t.at, "SVC4105", `${what}[${i}]: systemd cannot expand \${${p.name}}`);
      }
    });

  exe(model.executable, "executable");
  args(model.args, "args");
  for (const [key, hook] of Object.entries(model.hooks)) {
    if (!hook) continue;
    exe(hook.executable, `hooks.${key}.executable`);
    args(hook.args, `hooks.${key}.args`);
  }
  const titleOk = noVars(model.displayName, "displayName");
  const descriptionOk = !model.description || noVars(model.description, "description");
  if (titleOk && descriptionOk) raw(descriptionValue(model, literalText), rawValueProblem);
  if (model.workingDirectory && noVars(model.workingDirectory, "workingDirectory")) {
    raw(singleValue("the WorkingDirectory= path", model.workingDirectory, "workingDirectory", literalText), pathProblem);
  }
  for (const e of model.environment) {
    if (e.value.parts.some((p) => p.kind === "var")) {
      error(e.value.at, "SVC4101", `environment.${e.name}: systemd does not expand \${NAME} in Environment= values; the service would see the literal text`, "write the value out in linux.environment, or expand it in the program");
    }
  }
  if (model.account?.kind === "user") {
    noVars(model.account.user, "account.user");
    if (model.account.group) noVars(model.account.group, "account.group");
  }
  if (model.logs) {
    const { logs } = model;
    const dirOk = noVars(logs.directory, "logs.directory");
    for (const stream of ["stdout", "stderr"] as const) {
      const file = logs[stream];
      if (!noVars(file, `logs.${stream}`) || !dirOk) continue;
      const name = literalText(file);
      if (name === "." || name === "..") error(file.at, "SVC4103", `logs.${stream} cannot be written in a systemd unit: "${name}" is not a file name`);
      else raw(logFileValue(model, stream, literalText), pathProblem);
    }
    if (opts.version < 240) error(logs.at, "SVC4106", `systemd ${opts.version} cannot write logs to files (StandardOutput=append: needs 240)`, "raise options.systemd.version, or drop logs for Linux");
    else if (!logs.append.value && opts.version < 248) error(logs.append.at, "SVC4106", `systemd ${opts.version} cannot start a fresh log file at each start (truncate: needs 248)`, "set logs.append: true, or raise options.systemd.version");
  }
  for (const [section, directives] of Object.entries(opts.extra)) {
    for (const [key, values] of Object.entries(directives)) {
      for (const v of values) {
        const problem = /[\x00-\x1f\x7f]/.test(v) ? "a control character" : v.endsWith("\\") ? "a trailing backslash" : undefined;
        if (problem) error(model.optionLoc(`extra.${section}.${key}`), "SVC4107", `options.systemd.extra.${section}.${key} contains ${problem}`);
      }
    }
  }
  return out;
}
