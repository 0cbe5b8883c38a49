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

export const codes: LaunchdCodeInfo[] = [
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
