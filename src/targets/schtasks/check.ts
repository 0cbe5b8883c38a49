import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { batchArgumentProblems } from "../../escape/batch-program.js";
import { BATCH_ARGUMENT, PERCENT_HAZARD, VARIABLE_NOT_EXPANDED } from "../../escape/codes.js";
import { expandedArgs, percentHazard, spaceJoined, windowsExpandable } from "../../escape/windows-env.js";
import { isLiteral, literalOf, type Command, type ServiceModel, type SourceLoc, type Text } from "../../model.js";
import * as C from "./codes.js";
import { taskCommand } from "./command-line.js";
import {
  RESTART_MAX_COUNT,
  RESTART_MAX_INTERVAL_MS,
  RESTART_MIN_INTERVAL_MS,
  taskPrincipal,
  triggerOption,
} from "./plan.js";

const TARGET = "schtasks";
// The task schema's pathType (Exec/Command, Exec/WorkingDirectory).
const MAX_PATH_CHARS = 260;
// CreateProcess: lpCommandLine is at most 32,767 characters including the terminating NUL.
const MAX_COMMAND_LINE_CHARS = 32_766;
const KNOWN_OPTIONS = new Set(["trigger"]);

const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * Why the task XML cannot carry `s` so that Task Scheduler reads it back unchanged, or undefined.
 * Text may hold TAB and LF (XML keeps both in element content); a raw CR is normalised to LF by any XML
 * parser, so it survives only as a reference, which a copy Task Scheduler writes back may not keep.
 * A path or account name may hold no control character at all: Windows allows none in either.
 */
export function taskXmlProblem(s: string, kind: "text" | "name"): string | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 && (kind === "name" || (c !== 0x09 && c !== 0x0a))) {
      return kind === "name"
        ? `the control character ${hex(c)} (Windows paths and account names cannot contain control characters)`
        : c === 0x0d
          ? "a carriage return (XML turns it into a line feed unless escaped, and Task Scheduler's own copy of the task may not keep the escape)"
          : `the control character ${hex(c)}, which XML 1.0 cannot carry`;
    }
    if (c === 0xfffe || c === 0xffff) return `the noncharacter ${hex(c)}, which XML 1.0 cannot carry`;
  }
  return undefined;
}

export function check(model: ServiceModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (at: SourceLoc, code: string, message: string, hint?: string) => out.push(diag(at, "error", code, message, hint, TARGET));
  const warn = (at: SourceLoc, code: string, message: string, hint?: string) => out.push(diag(at, "warning", code, message, hint, TARGET));

  const characters = (t: Text, field: string, kind: "text" | "name"): boolean => {
    const why = taskXmlProblem(literalOf(t), kind);
    if (why) error(t.at, C.XML_CHARACTER, `${field} contains ${why}`, "remove the character");
    return !why;
  };
  const verbatim = (t: Text, field: string): void => {
    if (!isLiteral(t)) {
      error(t.at, VARIABLE_NOT_EXPANDED, `${field} ${JSON.stringify(t.source)} uses a variable, but Task Scheduler stores ${field} as written`, "write the value itself, or $${NAME} for a literal ${NAME}");
    }
  };
  const expandable = (t: Text, field: string): boolean => {
    const why = percentHazard(t);
    if (why) error(t.at, PERCENT_HAZARD, `${field} ${JSON.stringify(t.source)}: ${why}`, "Task Scheduler expands %NAME% in Exec values; write ${NAME} for a variable and avoid a literal % that another % follows");
    return !why;
  };
  const path = (t: Text, field: string, written: string): void => {
    if (!characters(t, field, "name")) return;
    if (literalOf(t).includes('"')) {
      error(t.at, C.QUOTE_IN_PATH, `${field} ${JSON.stringify(t.source)} contains a double quote`, "Windows paths cannot contain one: remove it");
      return;
    }
    expandable(t, field);
    if (written.length > MAX_PATH_CHARS) {
      error(t.at, C.PATH_TOO_LONG, `${field} is ${written.length} characters as Task Scheduler reads it; the limit is ${MAX_PATH_CHARS}`, "use a shorter path");
    }
  };
  const command = (c: Pick<Command, "executable" | "args" | "at">, prefix: string): void => {
    path(c.executable, `${prefix}executable`, taskCommand(c.executable));
    let eachExpandable = true;
    c.args.forEach((a, i) => {
      characters(a, `${prefix}args[${i}]`, "text");
      eachExpandable = expandable(a, `${prefix}args[${i}]`) && eachExpandable;
    });
    // Task Scheduler starts the action with CreateProcess: a .bat or .cmd runs under cmd.exe, which reads
    // the whole command line again.
    for (const b of batchArgumentProblems(c.executable, c.args)) {
      error(c.args[b.index]!.at, BATCH_ARGUMENT, `${prefix}args[${b.index}] contains ${JSON.stringify(b.char)}, which cmd.exe would interpret: Windows runs ${literalOf(c.executable)} through cmd.exe`, "pass the value another way (an environment variable or a file)");
    }
    if (!eachExpandable) return;
    // Two arguments that are each safe can still pair their `%` across the joined line.
    const joined = spaceJoined(c.args);
    const why = percentHazard(joined);
    if (why) {
      const at = c.args.find((a) => literalOf(a).includes("%"))?.at ?? joined.at;
      error(at, PERCENT_HAZARD, `${prefix}args, joined into one command line: ${why}`, "Task Scheduler expands %NAME% across the whole Arguments line; avoid a literal % in more than one argument");
    }
    if (taskXmlProblem(literalOf(c.executable), "name") === undefined) {
      const line = `${taskCommand(c.executable)} ${expandedArgs(c.args)}`;
      if (line.length > MAX_COMMAND_LINE_CHARS) {
        error(c.at, C.COMMAND_LINE_TOO_LONG, `${prefix}executable and args make a ${line.length}-character command line; Windows allows ${MAX_COMMAND_LINE_CHARS}`, "pass long data in a file instead");
      }
    }
  };

  // --- options
  for (const key of Object.keys(model.options)) {
    if (!KNOWN_OPTIONS.has(key)) error(model.optionLoc(key), C.BAD_OPTION, `options.schtasks.${key} is not an option of the schtasks target`, "options.schtasks takes trigger and ignore");
  }
  const trigger = triggerOption(model);
  if ("error" in trigger) error(model.optionLoc("trigger"), C.BAD_OPTION, trigger.error, "use boot (the default) or logon");

  // --- account
  const principal = taskPrincipal(model.account);
  if (principal.kind === "refused") {
    error(model.account?.at ?? model.locOf("account"), C.NO_TASK_ACCOUNT, `Task Scheduler cannot run a task as this account: ${principal.reason}`, "use a built-in account, a user with a password, or a gMSA");
  }
  if (model.account?.kind === "user") {
    verbatim(model.account.user, "account.user");
    characters(model.account.user, "account.user", "name");
  }
  if ("trigger" in trigger && trigger.trigger === "logon") {
    if (model.account?.kind !== "user") {
      error(model.optionLoc("trigger"), C.LOGON_NEEDS_USER, "options.schtasks.trigger: logon needs account.user, whose logon starts the task", "set account: { user: ..., password: { fromEnv: ... } }, or remove the trigger option (boot)");
    } else if (/^NT AUTHORITY\\/i.test(literalOf(model.account.user))) {
      // An NT AUTHORITY identity is a built-in account by name: it never logs on interactively either,
      // with or without a password.
      error(model.optionLoc("trigger"), C.LOGON_NEEDS_USER, `options.schtasks.trigger: logon needs a user who logs on, and ${literalOf(model.account.user)} never does`, "use a user with a password, or remove the trigger option (boot)");
    }
  }

  // --- description
  if (model.description) {
    verbatim(model.description, "description");
    characters(model.description, "description", "text");
    if (literalOf(model.description).startsWith("$(@")) {
      error(model.description.at, C.RESOURCE_DESCRIPTION, 'description starts with "$(@", which Task Scheduler reads as a reference to a string resource', "reword the start of the description");
    }
  }

  // --- actions
  command({ executable: model.executable, args: model.args, at: model.locOf("executable") }, "");
  if (model.hooks.preStart) command(model.hooks.preStart, "hooks.preStart.");
  if (model.hooks.postStop) command(model.hooks.postStop, "hooks.postStop.");
  if (model.workingDirectory) path(model.workingDirectory, "workingDirectory", windowsExpandable(model.workingDirectory));

  // --- restart
  const r = model.restart;
  if (r.policy.value !== "never") {
    const ms = r.delayMs.value;
    if (ms > RESTART_MAX_INTERVAL_MS) {
      error(r.delayMs.at, C.RESTART_DELAY_TOO_LONG, `restart.delay is longer than Task Scheduler's maximum restart interval of 31 days`, "use 31d or less");
    } else if (ms < RESTART_MIN_INTERVAL_MS) {
      if (model.present.has("restart.delay")) {
        warn(r.delayMs.at, C.RESTART_DELAY_RAISED, `restart.delay is shorter than Task Scheduler's minimum restart interval: it waits 1 minute`, "set restart.delay: 1m (or more) for schtasks");
      }
    } else if (ms % 1000 !== 0) {
      error(r.delayMs.at, C.RESTART_DELAY_FRACTION, `restart.delay ${ms}ms is not a whole number of seconds`, "write it in whole seconds");
    }
    if (r.maxRetries && r.maxRetries.value > RESTART_MAX_COUNT) {
      error(r.maxRetries.at, C.TOO_MANY_RETRIES, `restart.maxRetries ${r.maxRetries.value} is more than Task Scheduler's ${RESTART_MAX_COUNT}`, `use ${RESTART_MAX_COUNT} or less, or omit it`);
    }
  }
  return out;
}
