import type { CodeInfo } from "../../diagnostics/code-info.js";

// Codes of the supervisord target (SVC47xx). Each has a minimal spec that produces it (`example`, the
// offending node on its last line), run by test/supervisord/codes.test.ts.
export const UNREADABLE_VALUE = "SVC4701";
export const ENV_VALUE = "SVC4702";
export const ENV_REFERENCE_TOO_EARLY = "SVC4703";
export const WHOLE_SECONDS = "SVC4704";
export const SH_VARIABLE = "SVC4705";
export const BAD_EXTRA = "SVC4706";

export interface SupervisordCodeInfo extends CodeInfo {
  /** A spec for the supervisord target whose last line is where this code is reported. */
  example: string;
}

const spec = (...lines: string[]) => ["version: 1", "name: app", "targets: [supervisord]", ...lines].join("\n") + "\n";

export const codes: SupervisordCodeInfo[] = [
  {
    code: UNREADABLE_VALUE,
    severity: "error",
    title: "a value supervisord would not read back as written",
    explain:
      "supervisord reads its files with Python's configparser: each setting is one line, blanks at both " +
      "ends of a value are stripped, and a ; or # right after a blank starts a comment. directory=, user= " +
      "and the log file paths have no quoting to protect them, and supervisord replaces the text " +
      "%(here)s in them with the file's directory even when written %%(here)s. A line break cannot be " +
      "written in any setting. Change the value (a log file name must not be . or ..).",
    example: spec("executable: /opt/app/app", 'workingDirectory: "/srv/app ;old"'),
  },
  {
    code: ENV_VALUE,
    severity: "error",
    title: "an environment value supervisord's KEY=\"value\" syntax cannot carry",
    explain:
      "supervisord reads environment= with Python's shlex in non-POSIX mode: a value is quoted with \" or ' " +
      "and has no escapes, and supervisord then strips every quote character from both ends of it. So a " +
      "value cannot contain both kinds of quote, nor start or end with one; a ; or # after a blank would " +
      "start a configparser comment, and %(here)s is replaced by the file's directory. Change the value, " +
      "or have the program read it from a file.",
    example: spec("executable: /opt/app/app", "environment:", "  GREETING: \"'hello'\""),
  },
  {
    code: ENV_REFERENCE_TOO_EARLY,
    severity: "error",
    title: "${NAME} refers to a variable the spec sets, where supervisord would use its own",
    explain:
      "supervisord expands %(ENV_NAME)s in environment= and user= from its own environment, before the " +
      "program's environment= exists; only the settings read after it (command, directory, log files) see " +
      "the program's variables. A ${NAME} there that the spec's environment also sets would take " +
      "supervisord's value, not the spec's. Write the value out, or use another name.",
    example: spec("executable: /opt/app/app", "environment:", "  BASE: /srv", "  DATA: ${BASE}/data"),
  },
  {
    code: WHOLE_SECONDS,
    severity: "error",
    title: "stop.timeout is not a whole number of seconds",
    explain:
      "supervisord's stopwaitsecs is a whole number of seconds, and svcgen does not round a value " +
      "silently: write stop.timeout in whole seconds (e.g. 2s rather than 1500ms).",
    example: spec("executable: /opt/app/app", "stop:", "  timeout: 1500ms"),
  },
  {
    code: SH_VARIABLE,
    severity: "error",
    title: "a variable /bin/sh cannot expand, in a command run through the preStart wrapper",
    explain:
      "With hooks.preStart, supervisord runs /bin/sh -c '<hook> && exec <program>' and the shell expands " +
      "each ${NAME}. Shell variable names are letters, digits and _ only, so a Windows name such as " +
      "${ProgramFiles(x86)} cannot be expanded there. Write the value out for Linux (the linux section).",
    example: spec(
      "executable: /opt/app/app",
      "hooks:",
      "  preStart: { executable: /opt/app/migrate }",
      "args:",
      '  - "${ProgramFiles(x86)}"',
    ),
  },
  {
    code: BAD_EXTRA,
    severity: "error",
    title: "an unusable options.supervisord.extra value",
    explain:
      "Raw settings are written as given, one line each: a control character, a blank at either end, a ; " +
      "or # after a blank (a configparser comment) or a % that is neither %% nor %(name)s (which makes " +
      "supervisord refuse the whole configuration) would break the file.",
    example: spec("executable: /opt/app/app", "options:", "  supervisord:", "    extra:", '      umask: "50%"'),
  },
];
