import type { Capabilities } from "../capabilities.js";

// Task Scheduler's only restart setting is RestartOnFailure, which retries a launch that failed ([MS-TSCH]
// 2.5.4.2: the task failed to run, a start condition unmet or the action not started); a program that
// started and then exited or crashed is never started again. That is not what
// restart.policy is for, so on-failure and always are errors unless ignored (ignoring them keeps
// RestartOnFailure, from restart.delay and restart.maxRetries, for launches that fail).
const RESTART_HOW =
  "Task Scheduler never restarts a program that started and then exited or crashed: its Settings/RestartOnFailure " +
  "only retries a launch that failed (the program could not be started), at least 1 minute apart and at most 255 times";

export const capabilities: Capabilities = {
  name: { support: "native", how: "the task name given to schtasks /create /tn <name> (and RegistrationInfo/URI \\<name>)" },
  displayName: { support: "none", how: "a task has only its name; Task Scheduler shows no separate display name" },
  description: { support: "native", how: "RegistrationInfo/Description" },
  executable: { support: "native", how: "Exec/Command, quoted; ${NAME} as %NAME%, expanded when the task starts" },
  args: { support: "native", how: "Exec/Arguments, quoted for the Windows argv rules; ${NAME} as %NAME%" },
  workingDirectory: { support: "native", how: "Exec/WorkingDirectory of every action" },
  environment: { support: "none", how: "a task has no environment of its own: it gets the account's" },
  account: {
    support: "native",
    how: "Principals/Principal",
    values: {
      "local-system": { support: "native", how: "Principal UserId S-1-5-18 (SYSTEM)" },
      "local-service": { support: "native", how: "Principal UserId S-1-5-19 (LOCAL SERVICE)" },
      "network-service": { support: "native", how: "Principal UserId S-1-5-20 (NETWORK SERVICE)" },
      virtual: { support: "none", how: "NT SERVICE\\<name> exists only for an installed service; a task cannot run as it" },
      user: { support: "native", how: "Principal UserId with LogonType Password: runs whether or not the user is logged on" },
    },
  },
  "account.group": { support: "n/a", how: "Linux only" },
  "account.password": {
    support: "native",
    how: "given at registration (schtasks /create ... /ru <user> /rp, from the variable); never in the file",
  },
  startup: {
    support: "native",
    how: "Triggers",
    values: {
      auto: { support: "native", how: "a BootTrigger (or a LogonTrigger with options.schtasks.trigger: logon)" },
      delayed: {
        support: "approximate",
        how: "the trigger waits a fixed 2 minutes after boot (or logon), not until the automatic services have started",
      },
      manual: { support: "native", how: "no trigger: start it with schtasks /run /tn <name>" },
      disabled: { support: "native", how: "Settings/Enabled false and no trigger" },
    },
  },
  dependsOn: { support: "none", how: "a task cannot wait for services to start" },
  "restart.policy": {
    support: "none",
    how: RESTART_HOW,
    values: {
      "on-failure": { support: "none", how: RESTART_HOW },
      always: { support: "none", how: RESTART_HOW },
      never: { support: "native", how: "no RestartOnFailure" },
    },
  },
  "restart.delay": { support: "native", how: "RestartOnFailure/Interval (1 minute to 31 days)" },
  "restart.maxRetries": { support: "native", how: "RestartOnFailure/Count (1 to 255; 255 when omitted)" },
  "restart.window": {
    support: "approximate",
    how: "Task Scheduler has no window: it gives up after RestartOnFailure/Count attempts in a row",
  },
  "restart.resetAfter": { support: "none", how: "Task Scheduler keeps no failure count to reset" },
  "stop.timeout": { support: "none", how: "Task Scheduler ends a task by terminating it, with no grace period" },
  "stop.signal": { support: "n/a", how: "Linux only" },
  logs: { support: "none", how: "Task Scheduler does not capture a program's output" },
  "logs.append": { support: "none", how: "Task Scheduler does not capture a program's output" },
  "logs.rotate": { support: "none", how: "Task Scheduler does not capture a program's output" },
  "hooks.preStart": {
    support: "approximate",
    how: "an Exec action before the program's; the program starts after it ends even when it fails",
  },
  "hooks.postStop": {
    support: "approximate",
    how: "an Exec action after the program's: it runs when the program exits, not when the task is ended (End terminates the task)",
  },
  priority: {
    support: "native",
    how: "Settings/Priority: the process priority class",
    values: {
      idle: { support: "native", how: "Settings/Priority 9 (IDLE_PRIORITY_CLASS)" },
      "below-normal": { support: "native", how: "Settings/Priority 7 (BELOW_NORMAL_PRIORITY_CLASS)" },
      normal: { support: "native", how: "Settings/Priority 4 (NORMAL_PRIORITY_CLASS; Task Scheduler's own default, 7, is below normal)" },
      "above-normal": { support: "native", how: "Settings/Priority 2 (ABOVE_NORMAL_PRIORITY_CLASS)" },
      high: { support: "native", how: "Settings/Priority 1 (HIGH_PRIORITY_CLASS)" },
      realtime: { support: "native", how: "Settings/Priority 0 (REALTIME_PRIORITY_CLASS)" },
    },
  },
};
