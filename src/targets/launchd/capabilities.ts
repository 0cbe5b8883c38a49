import type { Priority } from "../../model.js";
import type { Capabilities, Capability } from "../capabilities.js";

// Sources: launchd.plist(5) (the macOS man page; its launchd-842 version is in Apple's open-source
// launchd, kept at github.com/freebsd/openlaunchd, launchd/src/launchd.plist.5) and launchd-842's
// launchd/core.c where the man page is silent:
// - restart.policy on-failure: job_keepalive() counts an exit as good only when WIFEXITED with status 0,
//   so KeepAlive { SuccessfulExit: false } restarts after a non-zero status and after a death by signal.
// - restart.delay: job_start() delays a respawn by ThrottleInterval minus the time the job ran ("Throttling
//   respawn: Will start in N seconds"); a job that ran longer than ThrottleInterval is restarted at once.
// - logs.append: job_setup_attributes() opens StandardOutPath/StandardErrorPath O_WRONLY|O_CREAT|O_APPEND.
// - stop.timeout: ExitTimeOut is the wait between SIGTERM and SIGKILL; 0 means never SIGKILL (man page).

const WINDOWS_ACCOUNT: Capability = {
  support: "none",
  how: "Windows built-in accounts do not exist on macOS; set macos.account: { user: ... } (omit account to run a daemon as root)",
};
const nice = (n: number, what: string): Capability => ({ support: "approximate", how: `Nice ${n}: a nice value, not ${what}` });
const NO_RETRY_LIMIT = "launchd never gives up on a job it keeps alive: it restarts it for as long as the job is loaded, throttled by ThrottleInterval";

export const capabilities: Capabilities = {
  name: { support: "native", how: "Label (options.launchd.label names another) and the file name <label>.plist" },
  displayName: { support: "none", how: "a launchd job has only its Label; launchd keeps and shows no display name" },
  description: { support: "none", how: "launchd.plist has no description key: launchd keeps and shows none" },
  executable: { support: "native", how: "ProgramArguments[0]; launchd runs it with execv, no shell (no Program key, so argv[0] is the path)" },
  args: { support: "native", how: "ProgramArguments[1...], one <string> per argument, passed to the program as written: no shell, no quoting, no expansion" },
  workingDirectory: { support: "native", how: "WorkingDirectory" },
  environment: { support: "native", how: "EnvironmentVariables: literal strings (launchd expands nothing in them)" },
  account: {
    support: "native",
    how: "UserName",
    values: {
      user: { support: "native", how: "UserName (a daemon, options.launchd.domain: system; an agent runs as the user who logs in)" },
      "local-system": WINDOWS_ACCOUNT,
      "local-service": WINDOWS_ACCOUNT,
      "network-service": WINDOWS_ACCOUNT,
      virtual: WINDOWS_ACCOUNT,
    },
  },
  "account.group": { support: "native", how: "GroupName (a daemon only, like UserName)" },
  "account.password": { support: "n/a", how: "macOS jobs need no password: launchd starts them as the user directly" },
  startup: {
    support: "native",
    how: "RunAtLoad / Disabled",
    values: {
      auto: { support: "native", how: "RunAtLoad true: started when launchd loads the plist (at boot for a daemon, at login for an agent)" },
      delayed: { support: "approximate", how: "launchd has no delayed start: RunAtLoad true, started at load like auto" },
      manual: { support: "native", how: "RunAtLoad false: loaded but started only by launchctl kickstart (with restart.policy never: a kept-alive job starts at load)" },
      disabled: { support: "native", how: "Disabled true: launchd does not load the job until launchctl enable (RunAtLoad false)" },
    },
  },
  dependsOn: {
    support: "none",
    how: "launchd has no dependencies between jobs: it starts jobs on demand, and a job waits for what it needs itself",
  },
  "restart.policy": {
    support: "native",
    how: "KeepAlive",
    values: {
      "on-failure": { support: "native", how: "KeepAlive { SuccessfulExit: false }: restarted after a non-zero exit or a signal" },
      always: { support: "native", how: "KeepAlive true: restarted whenever it exits (launchctl stop restarts it too: bootout stops it)" },
      never: { support: "native", how: "KeepAlive false" },
    },
  },
  "restart.delay": {
    support: "approximate",
    how: "ThrottleInterval (whole seconds): launchd starts the job again no sooner than that long after its previous start, so a job that ran longer is restarted at once",
  },
  "restart.maxRetries": { support: "none", how: NO_RETRY_LIMIT },
  "restart.window": { support: "none", how: NO_RETRY_LIMIT },
  "restart.resetAfter": { support: "none", how: "launchd keeps no failure count to reset" },
  "stop.timeout": { support: "native", how: "ExitTimeOut: whole seconds between SIGTERM and SIGKILL (0 would mean never kill, so 0s is refused)" },
  "stop.signal": {
    support: "none",
    how: "launchd always stops a job with SIGTERM",
    values: {
      SIGTERM: { support: "native", how: "launchd stops a job with SIGTERM, then SIGKILL after ExitTimeOut" },
    },
  },
  logs: { support: "native", how: "StandardOutPath / StandardErrorPath: <directory>/<file>" },
  "logs.append": {
    support: "native",
    how: "launchd opens both files with O_APPEND",
    values: {
      true: { support: "native", how: "launchd opens both files with O_APPEND" },
      false: { support: "none", how: "launchd always appends to StandardOutPath/StandardErrorPath: a fresh file per start cannot be asked for" },
    },
  },
  "logs.rotate": {
    support: "none",
    how: "launchd never rotates the files: rotate them with newsyslog (a file in /etc/newsyslog.d/), or log with os_log",
  },
  "hooks.preStart": { support: "none", how: "a launchd job runs one program: no command before it (wrap the program in a script that runs both)" },
  "hooks.postStop": { support: "none", how: "a launchd job runs one program: no command after it stops" },
  priority: {
    support: "native",
    how: "Nice, the job's nice value",
    values: {
      idle: nice(19, "an idle priority class"),
      "below-normal": nice(10, "a priority class"),
      normal: { support: "native", how: "nothing to write (Nice 0)" },
      "above-normal": nice(-5, "a priority class (a daemon only: an agent cannot raise its priority)"),
      high: nice(-10, "a priority class (a daemon only: an agent cannot raise its priority)"),
      realtime: nice(-20, "real-time scheduling (a daemon only: an agent cannot raise its priority)"),
    },
  },
};

/** The Nice value written for each priority (the same scale as the systemd target's Nice=). */
export const NICE: Record<Priority, number> = { idle: 19, "below-normal": 10, normal: 0, "above-normal": -5, high: -10, realtime: -20 };
