import type { CodeInfo } from "../../diagnostics/code-info.js";

// Codes of the schtasks target (SVC45xx). The shared Windows ones (a literal % Windows would expand,
// ${NAME} where nothing expands it) are in src/escape/codes.ts.
export const XML_CHARACTER = "SVC4501";
export const PATH_TOO_LONG = "SVC4502";
export const QUOTE_IN_PATH = "SVC4503";
export const RESTART_DELAY_RAISED = "SVC4504";
export const RESTART_DELAY_TOO_LONG = "SVC4505";
export const RESTART_DELAY_FRACTION = "SVC4506";
export const TOO_MANY_RETRIES = "SVC4507";
export const LOGON_NEEDS_USER = "SVC4508";
export const NO_TASK_ACCOUNT = "SVC4509";
export const BAD_OPTION = "SVC4510";
export const RESOURCE_DESCRIPTION = "SVC4511";
export const COMMAND_LINE_TOO_LONG = "SVC4512";

export const codes: CodeInfo[] = [
  {
    code: XML_CHARACTER,
    severity: "error",
    title: "a value contains a character the task XML cannot carry",
    explain:
      "XML 1.0 cannot carry NUL, the other C0 control characters except TAB and LF, or U+FFFE/U+FFFF. A CR " +
      "survives only as a character reference, and XML parsers turn a raw CR into LF, so a copy that Task " +
      "Scheduler writes back could lose it: svcgen refuses CR too. Paths (executable, workingDirectory) " +
      "may contain no control character at all, since Windows file names cannot. Remove the character.",
  },
  {
    code: PATH_TOO_LONG,
    severity: "error",
    title: "a program path or working directory is longer than Task Scheduler's 260 characters",
    explain:
      "The task schema limits Exec/Command and Exec/WorkingDirectory to 260 characters (Command is written " +
      "in quotes, which count). Windows refuses a longer one when the task is registered. Move the program " +
      "to a shorter path, or start it from a shorter one.",
  },
  {
    code: QUOTE_IN_PATH,
    severity: "error",
    title: 'a program path or working directory contains a double quote (")',
    explain:
      'Windows file names cannot contain ", and Task Scheduler reads a quote in Exec/Command as quoting ' +
      "(a quoted working directory fails with error 267, the directory name is invalid). Remove it.",
  },
  {
    code: RESTART_DELAY_RAISED,
    severity: "warning",
    title: "restart.delay is shorter than Task Scheduler's one-minute minimum",
    explain:
      "RestartOnFailure/Interval must be between 1 minute and 31 days; Windows rejects a shorter one when " +
      "the task is registered. svcgen writes 1 minute. Set restart.delay to 1m or more to make this explicit.",
  },
  {
    code: RESTART_DELAY_TOO_LONG,
    severity: "error",
    title: "restart.delay is longer than Task Scheduler's 31-day maximum",
    explain: "RestartOnFailure/Interval must be between 1 minute and 31 days. Choose a shorter restart.delay.",
  },
  {
    code: RESTART_DELAY_FRACTION,
    severity: "error",
    title: "restart.delay is not a whole number of seconds",
    explain:
      "Microsoft documents Task Scheduler durations as PnDTnHnMnS with whole numbers (nS: the number of " +
      "seconds), and it is not documented that Windows reads a fraction; svcgen does not round. " +
      "Write restart.delay in whole seconds (e.g. 90s rather than 90500ms).",
  },
  {
    code: TOO_MANY_RETRIES,
    severity: "error",
    title: "restart.maxRetries is more than Task Scheduler's 255",
    explain:
      "RestartOnFailure/Count is a byte from 1 to 255. Lower restart.maxRetries, or omit it (svcgen then " +
      "writes 255, the most Task Scheduler allows).",
  },
  {
    code: LOGON_NEEDS_USER,
    severity: "error",
    title: "options.schtasks.trigger: logon needs account.user",
    explain:
      "A logon trigger starts the task when the account's user logs on. Built-in accounts never log on " +
      "interactively (nor do NT AUTHORITY identities given as account.user), and without a user the trigger would fire at every user's logon. Set account: " +
      "{ user: ..., password: { fromEnv: ... } }, or use the default boot trigger.",
  },
  {
    code: NO_TASK_ACCOUNT,
    severity: "error",
    title: "Task Scheduler cannot run a task as this account",
    explain:
      "NT SERVICE\\<name> accounts (virtual accounts) exist only for an installed Windows service, so a " +
      "task cannot run as one. Use a built-in account, a user or a gMSA, or a service target (winsw, nssm, sc).",
  },
  {
    code: BAD_OPTION,
    severity: "error",
    title: "an options.schtasks value is not valid",
    explain: "options.schtasks accepts trigger (boot or logon) and ignore. See `svcgen schema`.",
  },
  {
    code: RESOURCE_DESCRIPTION,
    severity: "error",
    title: 'the description starts with "$(@", which Task Scheduler reads as a resource reference',
    explain:
      'Task Scheduler shows a description of the form "$(@file,-id)" as a string loaded from a resource ' +
      "DLL, not as written. Reword the start of the description.",
  },
  {
    code: COMMAND_LINE_TOO_LONG,
    severity: "error",
    title: "a command line is longer than Windows' 32,767 characters",
    explain:
      "Task Scheduler starts each action with CreateProcess, whose command line (program and arguments) is " +
      "at most 32,767 characters. Shorten the arguments, for example by moving them into a file the program reads.",
  },
];
