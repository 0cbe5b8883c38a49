import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ServiceModel, SourceLoc, Text } from "../../model.js";
import { pathProblem, rawValueProblem } from "./escape.js";
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
  const raw = (t: Text, what: string, judge: (s: string) => string | undefined = rawValueProblem) => {
    if (!noVars(t, what)) return;
    const problem = judge(t.parts.map((p) => (p.kind === "literal" ? p.text : "")).join(""));
    if (problem) error(t.at, "SVC4103", `${what} cannot be written in a systemd unit: ${problem}`);
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
  raw(model.displayName, "displayName");
  if (model.description) raw(model.description, "description");
  if (model.workingDirectory) raw(model.workingDirectory, "workingDirectory", pathProblem);
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
    raw(logs.directory, "logs.directory", pathProblem);
    raw(logs.stdout, "logs.stdout", (s) => (s === ".." || s === "." ? `"${s}" is not a file name` : rawValueProblem(s)));
    raw(logs.stderr, "logs.stderr", (s) => (s === ".." || s === "." ? `"${s}" is not a file name` : rawValueProblem(s)));
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
