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
// The reader (svcgen import): SVC65xx.
export const READ_NO_FIELD = "SVC6501";
export const READ_VALUE = "SVC6502";
export const READ_XML = "SVC6503";
export const READ_APPROXIMATED = "SVC6504";
export const READ_SETTING = "SVC6505";
export const READ_SEVERAL_ACTIONS = "SVC6506";
export const READ_REFUSED = "SVC6507";
export const READ_NOT_READ = "SVC6508";
export const READ_NAME = "SVC6509";
export const READ_UNQUOTED_VARIABLE = "SVC6510";
export const READ_ENCODING = "SVC6511";
export const READ_ENCODING_UNREAD = "SVC6512";

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
  {
    code: READ_NO_FIELD,
    severity: "warning",
    title: "a task element with no spec field, not imported",
    explain:
      "svcgen import read part of a task a spec has no field for: descriptive RegistrationInfo (Author, Date, " +
      "Version, Source, ...), a principal's DisplayName or RequiredPrivileges, a non-Exec action (ComHandler, " +
      "SendEmail, ShowMessage), the task's Data. The spec is written without it.",
  },
  {
    code: READ_VALUE,
    severity: "error",
    title: "a task value svcgen cannot read",
    explain:
      "The value is not valid for Task Scheduler (a Priority outside 0-10, a RestartOnFailure Interval under a " +
      "minute), or svcgen cannot decode it without guessing: a %...% pair whose name a spec cannot write, percent " +
      "signs Windows and Wine pair differently, Arguments that the C runtime and CommandLineToArgvW split " +
      "differently, a quote inside Command. Nothing is written; fix the value, or write the spec by hand.",
  },
  {
    code: READ_XML,
    severity: "error",
    title: "a file that is not task XML",
    explain:
      "The file is not well-formed XML, its root is not <Task> in the namespace " +
      "http://schemas.microsoft.com/windows/2004/02/mit/task, or a part the schema requires is missing or doubled " +
      "(Actions, one Principal, an Exec's Command). Task Scheduler would refuse it too.",
  },
  {
    code: READ_APPROXIMATED,
    severity: "warning",
    title: "a task setting read approximately",
    explain:
      "The spec keeps the setting's main meaning, not all of it: a trigger delay other than 2 minutes (read as " +
      "startup: delayed), a logon type other than Password (the spec's task is registered with the user's " +
      "password), a RunLevel other than HighestAvailable, a logon trigger for another user, hooks with another " +
      "working directory than the program. The message says what the spec's task does instead.",
  },
  {
    code: READ_SETTING,
    severity: "warning",
    title: "a task setting that changes how the task runs, which a spec cannot state",
    explain:
      "svcgen's task runs a program as a service runs: started at boot (or logon) and whenever it is started by " +
      "hand, never stopped for a time limit, battery power or the end of idleness, at normal priority. This task " +
      "differs in the setting named (an ExecutionTimeLimit, battery or idle conditions, a calendar or event " +
      "trigger, a second trigger, repetition, ...). The spec cannot state it, so the task built from the spec " +
      "behaves as the message says; keep the original task if you need the setting.",
  },
  {
    code: READ_SEVERAL_ACTIONS,
    severity: "error",
    title: "a task that runs several programs",
    explain:
      "Task Scheduler runs a task's actions one after another; a spec runs one program, with an optional preStart " +
      "hook before it and postStop hook after it. svcgen's own task files mark those with <Exec id=\"preStart\"> and " +
      "<Exec id=\"postStop\">; a task with several unmarked Exec actions is not imported. Mark them (if that is " +
      "what they are) and import again.",
  },
  {
    code: READ_REFUSED,
    severity: "error",
    title: "a task a spec cannot describe",
    explain:
      "The task runs no program (no Exec action), or runs for a group of users (GroupId) rather than one account. " +
      "A spec cannot say that, so nothing is written.",
  },
  {
    code: READ_NOT_READ,
    severity: "warning",
    title: "a task element Task Scheduler does not use here, not imported",
    explain:
      "The element is not part of the task schema, or has no effect where it stands (a disabled trigger, a logon " +
      "type for a built-in account, a trigger of a disabled task). The spec is written without it.",
  },
  {
    code: READ_NAME,
    severity: "warning",
    title: "how the imported task was named",
    explain:
      "A task's name is where it is registered, not part of its XML: RegistrationInfo/URI records it when the task " +
      "was exported, and svcgen takes its last part. Without a URI the spec takes the file's name (orders.xml " +
      "gives orders); a task in a folder (\\Company\\orders) keeps only its name, since svcgen registers at the " +
      "root folder. Rename the spec if that is not the name you want.",
  },
  {
    code: READ_UNQUOTED_VARIABLE,
    severity: "warning",
    title: "an argument with a %VARIABLE% outside quotes",
    explain:
      "Task Scheduler expands %NAME% before the program splits its command line, so a variable outside quotes " +
      "whose value holds a space becomes several arguments. The spec keeps the argument whole (${NAME} in one " +
      "args item), and svcgen quotes it: check that one argument is what the program expects.",
  },
  {
    code: READ_ENCODING,
    severity: "warning",
    title: "the XML declaration names another encoding than the file's bytes",
    explain:
      "Windows exports tasks as UTF-16LE with a byte order mark and encoding=\"UTF-16\". This file's bytes and its " +
      "declaration disagree (a UTF-8 file saying UTF-16, or the reverse). svcgen reads the characters the bytes " +
      "hold; schtasks /create and Register-ScheduledTask refuse such a file (\"cannot switch the encoding\").",
  },
  {
    code: READ_ENCODING_UNREAD,
    severity: "error",
    title: "a task file in an encoding svcgen does not read",
    explain:
      "The declaration names an encoding other than UTF-8 and UTF-16 and the file has characters outside ASCII, " +
      "which svcgen cannot decode without guessing. Export the task again (Task Scheduler writes UTF-16), or save " +
      "it as UTF-8 with a matching declaration.",
  },
];
