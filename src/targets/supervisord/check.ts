import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ServiceModel, SourceLoc, Text } from "../../model.js";
import * as C from "./codes.js";
import { COMMENT_AFTER_SPACE, envValueProblem, LEADING_SPACE, lineProblem, rawValueProblem, SH_NAME, TRAILING_SPACE } from "./escape.js";
import { supervisordOptions } from "./options.js";

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/;
/** Python %-format with a dict: `%%`, or `%(name)` and a conversion. */
const PERCENT_FORMAT = /%(?:%|\((?:[^()]|\([^()]*\))*\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa])/g;

export function check(model: ServiceModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (at: SourceLoc, code: string, message: string, hint?: string) => out.push(diag(at, "error", code, message, hint, "supervisord"));
  const opts = supervisordOptions(model);
  const wrapped = model.hooks.preStart !== undefined;

  // command= words: shlex quoting carries every character but a line break.
  const word = (t: Text, what: string) => {
    const problem = lineProblem(t);
    if (problem) error(t.at, C.UNREADABLE_VALUE, `${what} cannot be written in supervisord's command=: ${problem}`);
    if (!wrapped) return;
    for (const p of t.parts) {
      if (p.kind === "var" && !SH_NAME.test(p.name)) {
        error(t.at, C.SH_VARIABLE, `${what}: /bin/sh cannot expand \${${p.name}} (hooks.preStart runs the command through /bin/sh -c)`, "write the value out in the linux section");
      }
    }
  };
  word(model.executable, "executable");
  model.args.forEach((a, i) => word(a, `args[${i}]`));
  if (!wrapped) {
    // A variable whose environment value names itself stays '%(ENV_NAME)s' in command= (withKnownValues): its
    // value must not hold the ' that quotes it there.
    const quoted = new Set(model.environment.filter((e) => e.value.parts.some((p) => p.kind === "var" && p.name === e.name) && e.value.parts.some((p) => p.kind === "literal" && p.text.includes("'"))).map((e) => e.name));
    [model.executable, ...model.args].forEach((t, i) => {
      for (const p of t.parts) {
        if (p.kind === "var" && quoted.has(p.name)) {
          error(t.at, C.UNREADABLE_VALUE, `${i === 0 ? "executable" : `args[${i - 1}]`} uses \${${p.name}}, whose value in environment names ${p.name} itself and holds a ', which the quoted '%(ENV_${p.name})s' in command= cannot carry`, "write the value out");
        }
      }
    });
  }
  if (model.hooks.preStart) {
    word(model.hooks.preStart.executable, "hooks.preStart.executable");
    model.hooks.preStart.args.forEach((a, i) => word(a, `hooks.preStart.args[${i}]`));
  }

  const raw = (t: Text, what: string, setting: string, ends?: "start" | "end") => {
    const problem = rawValueProblem(t, ends);
    if (problem) error(t.at, C.UNREADABLE_VALUE, `${what} cannot be written in supervisord's ${setting}: ${problem}`);
  };
  if (model.workingDirectory) raw(model.workingDirectory, "workingDirectory", "directory=");

  // environment= and user= are expanded before the program's environment exists: a ${NAME} the spec's
  // environment sets would take supervisord's own value. A variable's own name in its value
  // (PATH: /opt/app/bin:${PATH}) means the value it had before, which is supervisord's: that is right.
  const specNames = new Set(model.environment.map((e) => e.name));
  const tooEarly = (t: Text, what: string, self?: string) => {
    for (const p of t.parts) {
      if (p.kind === "var" && specNames.has(p.name) && p.name !== self) {
        error(t.at, C.ENV_REFERENCE_TOO_EARLY, `${what} uses \${${p.name}}, which environment sets, but supervisord expands it from its own environment before the program's exists`, `write the value out`);
      }
    }
  };
  for (const e of model.environment) {
    const problem = envValueProblem(e.value);
    if (problem) error(e.value.at, C.ENV_VALUE, `environment.${e.name} cannot be written in supervisord's environment=: ${problem}`);
    tooEarly(e.value, `environment.${e.name}`, e.name);
  }
  if (model.account?.kind === "user") {
    raw(model.account.user, "account.user", "user=");
    tooEarly(model.account.user, "account.user");
  }

  if (model.logs) {
    raw(model.logs.directory, "logs.directory", "log file paths", "start");
    for (const key of ["stdout", "stderr"] as const) {
      const file = model.logs[key];
      const name = file.parts.length === 1 && file.parts[0]!.kind === "literal" ? file.parts[0]!.text : undefined;
      if (name === "." || name === "..") error(file.at, C.UNREADABLE_VALUE, `logs.${key} "${name}" is not a file name`);
      else raw(file, `logs.${key}`, `${key}_logfile=`, "end");
    }
  }

  const timeout = model.stop.timeoutMs;
  if (timeout && timeout.value % 1000 !== 0) {
    error(timeout.at, C.WHOLE_SECONDS, `stop.timeout is ${timeout.value} ms, but supervisord's stopwaitsecs takes whole seconds`, `write ${Math.ceil(timeout.value / 1000)}s or ${Math.floor(timeout.value / 1000)}s`);
  }

  for (const [key, value] of opts.extra) {
    const at = model.optionLoc(`extra.${key}`);
    const problem = CONTROL.test(value)
      ? "a control character"
      : LEADING_SPACE.test(value) || TRAILING_SPACE.test(value)
        ? "a blank at one end, which configparser strips"
        : COMMENT_AFTER_SPACE.test(value)
          ? 'a ";" or "#" after a blank, which configparser reads as a comment'
          : value.replace(PERCENT_FORMAT, "").includes("%")
            ? 'a "%" that is neither "%%" nor "%(name)s", which makes supervisord refuse the whole configuration'
            : undefined;
    if (problem) error(at, C.BAD_EXTRA, `options.supervisord.extra.${key} contains ${problem}`);
  }
  return out;
}
