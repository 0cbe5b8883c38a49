import type { CodeInfo } from "../../diagnostics/code-info.js";

// Codes of the launchd target (SVC48xx). Each has a minimal spec that produces it (`example`), run by
// test/launchd/codes.test.ts; the rows of capabilities.ts produce the SVC3001/SVC3002 diagnostics.
export const VARIABLE = "SVC4801";
export const PLIST_CHARACTER = "SVC4802";
export const WHOLE_SECONDS = "SVC4803";
export const ZERO_EXIT_TIMEOUT = "SVC4804";
export const AGENT_ACCOUNT = "SVC4805";
export const MANUAL_KEEPALIVE = "SVC4806";
export const AGENT_NICE = "SVC4807";
export const LOG_FILE_NAME = "SVC4808";

export interface LaunchdCodeInfo extends CodeInfo {
  /** The lines of a spec (after `version: 1`, `name: svc`) that produce the code for launchd. */
  example: string;
}

export const targetCodes: LaunchdCodeInfo[] = [
  {
    code: VARIABLE,
    severity: "error",
    title: "${NAME} in a launchd value",
    explain:
      "launchd expands no variables: ProgramArguments go to execv as they are (no shell), and " +
      "EnvironmentVariables, WorkingDirectory, the log paths, UserName and GroupName are used as written. " +
      "A ${NAME} would reach the program as that literal text. Write the value out in the macos section, or " +
      "$${NAME} for a literal ${NAME}; a program that needs a variable's value can read its environment.",
    example: 'executable: "${HOME}/bin/svc"\n',
  },
  {
    code: PLIST_CHARACTER,
    severity: "error",
    title: "a value contains a character a property list cannot carry",
    explain:
      "A launchd plist is XML 1.0, which cannot carry NUL, the C0 control characters other than TAB and LF, " +
      "or U+FFFE/U+FFFF, not even as character references. A CR survives only as the reference &#13;: XML " +
      "parsers turn a raw CR into LF, and Apple's own writer (CFPropertyList, plutil, defaults) writes it back " +
      "raw, so the next reader would see LF: svcgen refuses CR too. Remove the character.",
    example: 'executable: /usr/local/bin/svc\nargs: ["a\\u0007b"]\n',
  },
  {
    code: WHOLE_SECONDS,
    severity: "error",
    title: "a duration launchd cannot store",
    explain:
      "ThrottleInterval (restart.delay) and ExitTimeOut (stop.timeout) are integers of seconds, at most " +
      "4294967295 (launchd ignores a larger one). svcgen does not round: write the duration in whole seconds.",
    example: "executable: /usr/local/bin/svc\nstop: { timeout: 1500ms }\n",
  },
  {
    code: ZERO_EXIT_TIMEOUT,
    severity: "error",
    title: "stop.timeout 0s: launchd reads ExitTimeOut 0 as never kill",
    explain:
      "launchd.plist(5): for ExitTimeOut, \"the value zero is interpreted as infinity\": launchd would wait " +
      "forever after SIGTERM instead of killing at once, and can stall shutdown. Give the program at least a " +
      "second (stop.timeout: 1s).",
    example: "executable: /usr/local/bin/svc\nstop: { timeout: 0s }\n",
  },
  {
    code: AGENT_ACCOUNT,
    severity: "error",
    title: "an account for a launchd agent (options.launchd.domain: user)",
    explain:
      "An agent in ~/Library/LaunchAgents runs as the user who logs in: launchd.plist(5) says UserName and " +
      "GroupName are only applicable to services loaded into the privileged system domain, and ignored for " +
      "agents. Remove account for macOS, or make the job a daemon (domain: system, the default).",
    example: "executable: /usr/local/bin/svc\naccount: { user: svc }\noptions: { launchd: { domain: user } }\n",
  },
  {
    code: MANUAL_KEEPALIVE,
    severity: "error",
    title: "startup: manual with a restart policy: launchd starts a kept-alive job when it loads it",
    explain:
      "A job with KeepAlive true, or KeepAlive { SuccessfulExit: false }, is started as soon as launchd loads " +
      "it (launchd.plist(5): SuccessfulExit \"implies that RunAtLoad is set to true\"; launchd-842 core.c marks " +
      "such a job pending at load), so it would not wait to be started by hand. Set restart.policy: never for " +
      "macOS (macos: { restart: { policy: never } }), or use startup: auto.",
    example: "executable: /usr/local/bin/svc\nstartup: manual\n",
  },
  {
    code: AGENT_NICE,
    severity: "error",
    title: "a raised priority for a launchd agent",
    explain:
      "above-normal, high and realtime are written as a negative Nice, and only root may lower a nice value " +
      "(setpriority(2)). launchd applies Nice in the job's own process; for an agent that process is the " +
      "user's (in launchd-842 the whole per-user launchd ran as the user), and launchd.info, the reference " +
      "of the LaunchControl author, says Nice values below zero are honoured for daemons only. The job would " +
      "run at normal priority. Use a daemon (options.launchd.domain: system), or normal or a lower priority " +
      "for macOS.",
    example: "executable: /usr/local/bin/svc\npriority: high\noptions: { launchd: { domain: user, ignore: [priority] } }\n",
  },
  {
    code: LOG_FILE_NAME,
    severity: "error",
    title: 'a log file name of "." or ".."',
    explain:
      "logs.stdout and logs.stderr name files inside logs.directory; \".\" and \"..\" name directories, which " +
      "launchd cannot open for writing, so the output would be lost. Choose a file name.",
    example: 'executable: /usr/local/bin/svc\nlogs: { directory: /var/log/svc, stdout: ".." }\n',
  },
];

// --- The reader (svcgen import, svcgen diff): SVC68xx. Each has a minimal plist that produces it
// (`example`, the diagnostic on its last line but the closing ones), imported by
// test/launchd/reader-codes.test.ts.

export const NOT_IMPORTED = "SVC6801";
export const IGNORED_KEY = "SVC6802";
export const UNREADABLE = "SVC6803";
export const APPROXIMATED = "SVC6804";
export const CANNOT_STATE = "SVC6805";
export const NOT_A_SERVICE = "SVC6806";
export const DOMAIN_ASSUMED = "SVC6807";

export interface LaunchdReaderCodeInfo extends CodeInfo {
  /** A plist file, and the line of it where this code is reported. */
  example: { name: string; text: string; line: number };
}

/** A plist whose job dict holds `keys` (XML lines), Label and ProgramArguments first: the first key is on line 6. */
const job = (name: string, keys: string[], line = 6, label = "com.example.svc") => ({
  name,
  text: [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<plist version="1.0">',
    "<dict>",
    `\t<key>Label</key><string>${label}</string>`,
    "\t<key>ProgramArguments</key><array><string>/usr/local/bin/svc</string></array>",
    ...keys.map((k) => `\t${k}`),
    "</dict>",
    "</plist>",
    "",
  ].join("\n"),
  line,
});
const daemon = "/Library/LaunchDaemons/com.example.svc.plist";

export const readerCodes: LaunchdReaderCodeInfo[] = [
  {
    code: NOT_IMPORTED,
    severity: "warning",
    title: "a key with no spec field, not imported",
    explain:
      "launchd does something with this key that no spec field says (Umask, ProcessType, SoftResourceLimits, " +
      "LowPriorityIO, AbandonProcessGroup, StandardInPath...). It is not imported, so the plist svcgen builds " +
      "from the spec lacks it: add what the program needs another way, or keep the plist.",
    example: job(daemon, ["<key>Umask</key><integer>18</integer>"]),
  },
  {
    code: IGNORED_KEY,
    severity: "warning",
    title: "a key launchd ignores, not imported",
    explain:
      "launchd does nothing with this key here: a name it does not know (it logs \"Unknown key\"), a value of " +
      "the wrong type, UserName or GroupName in an agent, which runs as the user who logs in, UserName root " +
      "and GroupName wheel (the defaults), a value outside the range launchd accepts. It has no effect, and " +
      "it is not imported.",
    example: job(daemon, ["<key>Restart</key><true/>"]),
  },
  {
    code: UNREADABLE,
    severity: "error",
    title: "a plist svcgen cannot read",
    explain:
      "The file is not an XML property list svcgen reads (a binary plist: convert it with plutil -convert xml1; " +
      "a syntax error; a <real>, <date> or <data>), or its root is not the job's dictionary, or it has no Label " +
      "or no program. Nothing is imported.",
    example: { name: daemon, text: '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>Label</key><real>1.5</real>\n', line: 4 },
  },
  {
    code: APPROXIMATED,
    severity: "warning",
    title: "a value the spec states only approximately",
    explain:
      "The key maps to a spec field, but the value has no exact spec equivalent, so the spec gets the nearest " +
      "one and the plist svcgen builds from it differs: KeepAlive conditions other than SuccessfulExit false " +
      "(the spec restarts always, or on failure), ThrottleInterval read as restart.delay (launchd counts it " +
      "from the previous start), a Nice between the values svcgen writes, ExitTimeOut 0 (never kill), one " +
      "stream logged to a file and the other not. The message says what the spec says instead.",
    example: job(daemon, ["<key>Nice</key><integer>5</integer>"]),
  },
  {
    code: CANNOT_STATE,
    severity: "error",
    title: "a value the spec cannot state",
    explain:
      "A value launchd uses that no spec field can hold: a Label that is not a file name, a Program that is " +
      "not ProgramArguments' first word (a different argv[0]), a program or directory that is not an " +
      "absolute path (launchd searches PATH for a bare name), an environment name that is not letters, digits " +
      "and _, log files in two directories, a GroupName without a UserName, glob patterns with EnableGlobbing. " +
      "Change the plist (or a copy of it) and import it again.",
    example: job(daemon, ["<key>WorkingDirectory</key><string>data</string>"]),
  },
  {
    code: NOT_A_SERVICE,
    severity: "error",
    title: "a job svcgen cannot describe as a service",
    explain:
      "The job depends on something a spec cannot say: sockets or Mach services launchd hands the program " +
      "(Sockets, MachServices, inetdCompatibility, LaunchEvents), a chroot (RootDirectory), or starts that " +
      "come from a schedule or an event (StartInterval, StartCalendarInterval, WatchPaths, QueueDirectories, " +
      "StartOnMount) when launchd does not keep it running anyway. A spec describes a program that runs as a " +
      "service, from boot or login; such a job stays a launchd plist.",
    example: job(daemon, ["<key>StartInterval</key><integer>3600</integer>"]),
  },
  {
    code: DOMAIN_ASSUMED,
    severity: "warning",
    title: "a plist that does not say whether it is a daemon or an agent",
    explain:
      "The same plist is a daemon in /Library/LaunchDaemons (the system domain, at boot, as root or UserName) " +
      "or an agent in a LaunchAgents folder (at login, as the user). Its path did not tell, so the spec says a " +
      "daemon (options.launchd.domain: system, the default). For an agent, set options.launchd.domain: user, " +
      "or import the file from where it is installed.",
    example: job("com.example.svc.plist", [], 4),
  },
];

/** Every code of the launchd target and its reader. */
export const codes: CodeInfo[] = [...targetCodes, ...readerCodes];
