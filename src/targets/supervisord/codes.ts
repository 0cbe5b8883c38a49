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

export const targetCodes: SupervisordCodeInfo[] = [
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
      "supervisord's value, not the spec's. Write the value out, or use another name. (A variable's own " +
      "name in its value, PATH: /opt/app/bin:${PATH}, is the value it had before, supervisord's: that is " +
      "allowed.)",
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

// --- The reader (svcgen import, svcgen diff): SVC67xx. Each has a minimal file that produces it
// (`example`, the diagnostic on its last line), imported by test/supervisord/reader-codes.test.ts.

export const CONF_REFUSED = "SVC6701";
export const NOT_A_PROGRAM = "SVC6702";
export const KEPT_IN_EXTRA = "SVC6703";
export const IGNORED_SETTING = "SVC6704";
export const APPROXIMATED = "SVC6705";
export const CANNOT_STATE = "SVC6706";
export const RELATIVE_PROGRAM = "SVC6707";
export const UNQUOTED_VARIABLE = "SVC6708";
export const NO_PROGRAM = "SVC6709";

export interface SupervisordReaderCodeInfo extends CodeInfo {
  /** A supervisord configuration file whose last line is where this code is reported. */
  example: { name: string; text: string };
}

const conf = (name: string, ...lines: string[]) => ({ name, text: lines.join("\n") + "\n" });

export const readerCodes: SupervisordReaderCodeInfo[] = [
  {
    code: CONF_REFUSED,
    severity: "error",
    title: "a line or value that makes supervisord refuse the configuration",
    explain:
      "supervisord reads the whole configuration before it starts anything, and refuses all of it for this " +
      "line or value: a line that is neither a [section] header nor name=value, a % that is neither %% nor " +
      "%(name)s, a %(name)s it cannot expand, a boolean or number it cannot read, environment= that is not " +
      "KEY=value pairs, a program name with a space, : or /, stopasgroup=true with killasgroup=false. Fix " +
      "the file (supervisorctl reread says the same); nothing is imported from this program.",
    example: conf("app.conf", "[program:app]", "command=/opt/app/app", "autostart=sometimes"),
  },
  {
    code: NOT_A_PROGRAM,
    severity: "warning",
    title: "a section that is not a program, not imported",
    explain:
      "svcgen imports [program:x] sections, one spec each. [supervisord], [unix_http_server], [supervisorctl] " +
      "and [rpcinterface:x] configure supervisord itself ([supervisord]'s environment= also reaches every " +
      "program, and is not in their specs); [group:x] only names programs together (supervisorctl then calls " +
      "them x:name); [include] is not followed (import the included files too); [eventlistener:x] and " +
      "[fcgi-program:x] run processes a spec cannot describe; [DEFAULT] gives its settings to every section " +
      "(they are read as part of each program).",
    example: conf("supervisord.conf", "[program:app]", "command=/opt/app/app", "[group:web]"),
  },
  {
    code: KEPT_IN_EXTRA,
    severity: "warning",
    title: "a setting with no spec field, kept in options.supervisord.extra",
    explain:
      "The program has a setting the spec has no field for (priority=, umask=, numprocs=, stdout_syslog=...). " +
      "svcgen keeps it, as written, in options.supervisord.extra, so the section svcgen builds from the spec " +
      "still has it. Other targets do not get it: if the spec will also build for them, decide what each should " +
      "do. (priority= is supervisord's start order, not a CPU priority.)",
    example: conf("app.conf", "[program:app]", "command=/opt/app/app", "umask=077"),
  },
  {
    code: IGNORED_SETTING,
    severity: "warning",
    title: "a setting supervisord ignores, not imported",
    explain:
      "supervisord does nothing with this setting here: a name it does not know in a [program:x] section " +
      "(it ignores unknown names without a word), stderr_logfile= with redirect_stderr=true, or exitcodes= " +
      "when autorestart= is true or false (it only decides what autorestart=unexpected restarts). It has no " +
      "effect on the program, and it is not imported.",
    example: conf("app.conf", "[program:app]", "command=/opt/app/app", "restart=always"),
  },
  {
    code: APPROXIMATED,
    severity: "warning",
    title: "a value the spec states only approximately",
    explain:
      "The setting maps to a spec field, but this value has no exact spec equivalent, so the spec gets the " +
      "nearest one and the section svcgen builds from it differs: startsecs= below 2 (svcgen writes at least " +
      "2, by default 3, so that a program that fails at once is not taken for one that ran), startretries= " +
      "(supervisord counts failed starts in a row, the spec restarts within a window), exitcodes= other than 0, " +
      "only one stream logged to a file, stopasgroup= and killasgroup= that differ, log rotation that differs " +
      "between the streams. The message says what the spec says instead.",
    example: conf("app.conf", "[program:app]", "command=/opt/app/app", "startsecs=0"),
  },
  {
    code: CANNOT_STATE,
    severity: "error",
    title: "a value the spec cannot state",
    explain:
      "A value supervisord uses that no spec field can hold, and that svcgen cannot keep as written (only " +
      "settings without a spec field go to options.supervisord.extra): a numeric user= or one that is not a " +
      "Linux user name, a relative directory= or log file, log files in two directories, a stop signal the " +
      "spec does not list, %(host_node_name)s or %(here)s where svcgen cannot know the value (import a file " +
      "by its absolute path for %(here)s), %(process_num)s with numprocs above 1, an environment name that " +
      "is not letters, digits and _, a value svcgen could not write back as supervisord reads it. Change the " +
      "file (or a copy of it) and import it again.",
    example: conf("app.conf", "[program:app]", "command=/opt/app/app", "user=1000"),
  },
  {
    code: RELATIVE_PROGRAM,
    severity: "error",
    title: "a program that is not an absolute path",
    explain:
      "supervisord looks up a bare program name (command=gunicorn app:app) in the PATH of its own environment " +
      "or the program's; a spec's executable is an absolute path, which svcgen cannot know for certain from the " +
      "file. Write the full path (command=/usr/local/bin/gunicorn app:app; `command -v gunicorn` as the " +
      "program's user tells it) and import again.",
    example: conf("app.conf", "[program:app]", "command=gunicorn app:app"),
  },
  {
    code: UNQUOTED_VARIABLE,
    severity: "warning",
    title: "%(ENV_NAME)s outside quotes",
    explain:
      "supervisord substitutes %(ENV_NAME)s before it splits command= (and environment=) into words, so a " +
      "value with a blank or a quote outside quotes would split the word or change its quoting. The spec reads " +
      "${NAME} as one part of one word, which is what the value means whenever it has no blank or quote; svcgen " +
      "writes it quoted ('%(ENV_NAME)s'). Check the variable's value.",
    example: conf("app.conf", "[program:app]", "command=%(ENV_HOME)s/bin/app"),
  },
  {
    code: NO_PROGRAM,
    severity: "error",
    title: "no program to import",
    explain:
      "The file has no [program:x] section with a command=: a supervisord.conf that includes its programs from " +
      "other files ([include] files = conf.d/*.conf) holds none itself. Import the included files (svcgen " +
      "import /etc/supervisor/conf.d/*.conf), or --installed NAME to let svcgen find the program's file.",
    example: conf("app.conf", "[program:app]"),
  },
];

/** Every code of the supervisord target and its reader. */
export const codes: CodeInfo[] = [...targetCodes, ...readerCodes];
