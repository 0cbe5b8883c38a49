import type { Capabilities } from "../capabilities.js";

// Read from supervisor 4.2.5's own code (options.py processes_from_section, process.py transition and
// finish): a run shorter than startsecs is a failed start (state BACKOFF), retried after 1 s, 2 s, 3 s...
// until startretries is exceeded (FATAL); a run that got past startsecs and then exits is restarted at
// once, as autorestart says, without limit and without delay, and resets the failed-start count.

const WINDOWS_ACCOUNT = { support: "none" as const, how: "Windows built-in accounts do not exist on Linux; set linux.account: { user: ... } (omit account to run as supervisord's user, usually root)" };
const NO_PRIORITY = "supervisord cannot set a CPU priority (its own priority= is the start order: options.supervisord.extra.priority); run the program under nice(1) (linux.executable: /usr/bin/nice, args: [-n, \"10\", ...]) or let it set its own";

export const capabilities: Capabilities = {
  name: { support: "native", how: "[program:<name>] in <name>.supervisord.conf" },
  displayName: { support: "none", how: "supervisord has no display name: supervisorctl shows the program name" },
  description: { support: "none", how: "supervisord has no description setting" },
  executable: { support: "native", how: "command=, first word (${NAME} as %(ENV_NAME)s)" },
  args: {
    support: "native",
    how: "command= words, quoted for shlex.split with % doubled; ${NAME} as '%(ENV_NAME)s', substituted before splitting (a value containing ' would break the command)",
  },
  workingDirectory: { support: "native", how: "directory=" },
  environment: {
    support: "native",
    how: "environment=KEY=\"value\",... (${NAME} as %(ENV_NAME)s, from supervisord's own environment)",
  },
  account: {
    support: "native",
    how: "user= (supervisord must run as root; the user must exist when supervisord reads the file)",
    values: {
      user: { support: "native", how: "user= (supervisord must run as root; the user must exist when supervisord reads the file)" },
      "local-system": WINDOWS_ACCOUNT,
      "local-service": WINDOWS_ACCOUNT,
      "network-service": WINDOWS_ACCOUNT,
      virtual: WINDOWS_ACCOUNT,
    },
  },
  "account.group": {
    support: "none",
    how: "supervisord has no group setting: user= runs the program with that user's primary and supplementary groups",
  },
  "account.password": { support: "n/a", how: "Linux services need no password" },
  startup: {
    support: "native",
    how: "autostart=",
    values: {
      auto: { support: "native", how: "autostart=true" },
      delayed: { support: "approximate", how: "supervisord has no delayed start: autostart=true (options.supervisord.extra.priority orders starts)" },
      manual: { support: "native", how: "autostart=false: supervisorctl start <name>" },
      disabled: { support: "approximate", how: "autostart=false: supervisord does not start it, but supervisorctl start still can" },
    },
  },
  dependsOn: {
    support: "none",
    how: "supervisord has no dependencies between programs (priority= orders starts without waiting for anything)",
  },
  "restart.policy": {
    support: "native",
    how: "autorestart=",
    values: {
      "on-failure": {
        support: "native",
        how: "autorestart=unexpected with exitcodes=0 (an exit of any code within startsecs of starting is a failed start, retried up to restart.maxRetries times)",
      },
      always: { support: "native", how: "autorestart=true" },
      never: { support: "native", how: "autorestart=false and startretries=0 (not even a failed start is retried)" },
    },
  },
  "restart.delay": {
    support: "none",
    how: "supervisord restarts a program that ran past startsecs at once, and retries a failed start after 1 s, 2 s, 3 s...: the delay is not configurable",
  },
  "restart.maxRetries": {
    support: "approximate",
    how: "startretries=, which gives up after that many failed starts in a row (a failed start is an exit within startsecs of starting: 3 s, or options.supervisord.startsecs); a program that ran longer is restarted without limit",
  },
  "restart.window": {
    support: "approximate",
    how: "supervisord has no window: it counts failed starts in a row, not restarts within a period",
  },
  "restart.resetAfter": {
    support: "approximate",
    how: "supervisord forgets failed starts as soon as the program has stayed up startsecs (3 s, or options.supervisord.startsecs); there is no separate reset period",
  },
  "stop.timeout": { support: "native", how: "stopwaitsecs= (whole seconds), then SIGKILL" },
  "stop.signal": { support: "native", how: "stopsignal=" },
  logs: {
    support: "native",
    how: "stdout_logfile= and stderr_logfile= (redirect_stderr=true when both are one file); the directory must exist when supervisord reads the file",
  },
  "logs.append": {
    support: "native",
    how: "supervisord always appends",
    values: {
      true: { support: "native", how: "supervisord always appends" },
      false: { support: "none", how: "supervisord always appends to its log files: it cannot start a fresh file at each start" },
    },
  },
  "logs.rotate": {
    support: "native",
    how: "*_logfile_maxbytes= (bytes) and *_logfile_backups= (keep; supervisord's default 10 when not set): files <file>.1 ... <file>.<keep>",
  },
  "hooks.preStart": {
    support: "approximate",
    how: "supervisord has no hooks: command= runs /bin/sh -c '<hook> && exec <program>', so the hook runs before every start (restarts too), a failing hook counts as a failed start, and ${NAME} in either is expanded by /bin/sh",
  },
  "hooks.postStop": {
    support: "none",
    how: "supervisord runs nothing after a program stops (an event listener for PROCESS_STATE_STOPPED/EXITED can)",
  },
  priority: {
    support: "none",
    how: NO_PRIORITY,
    values: { normal: { support: "native", how: "nothing to set: the program runs at supervisord's priority" } },
  },
};
