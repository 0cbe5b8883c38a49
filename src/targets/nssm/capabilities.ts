import type { Capabilities } from "../capabilities.js";

// nssm is a wrapper: the SCM runs nssm.exe, which runs the program, captures its output, restarts it and
// stops it. So most fields are native; what nssm lacks is a retry limit (it restarts forever, backing off)
// and deleting old log files. Facts: reference/nssm-sc.md §A and the nssm source (service.cpp, hook.cpp).
export const capabilities: Capabilities = {
  name: { support: "native", how: "the service name: nssm install <name>" },
  displayName: { support: "native", how: "DisplayName (literal text)" },
  description: { support: "native", how: "Description (literal text); reset when the spec has none" },
  executable: { support: "native", how: "Application (REG_EXPAND_SZ: ${NAME} is expanded when the service starts)" },
  args: { support: "native", how: "AppParameters: the arguments quoted with the C runtime rules into one string" },
  workingDirectory: {
    support: "native",
    how: "AppDirectory; without it nssm starts the program in the executable's folder",
  },
  environment: {
    support: "native",
    how: "AppEnvironmentExtra, one NAME=value per entry, added to the service's environment; ${NAME} is expanded when the program starts",
  },
  account: {
    support: "native",
    how: "ObjectName",
    values: {
      "local-system": { support: "native", how: "ObjectName LocalSystem" },
      "local-service": { support: "native", how: "ObjectName NT AUTHORITY\\LocalService" },
      "network-service": { support: "native", how: "ObjectName NT AUTHORITY\\NetworkService" },
      virtual: { support: "native", how: "ObjectName NT SERVICE\\<name> (nssm 2.24-101; 2.24 cannot)" },
      user: {
        support: "native",
        how: "ObjectName <user> <password read at install time>; nssm grants the account the right to log on as a service",
      },
    },
  },
  "account.group": { support: "n/a", how: "Linux only" },
  "account.password": {
    support: "native",
    how: "the password argument of nssm set ObjectName, read by the install script from the named environment variable (it fails when the variable is unset); never written into the script",
  },
  startup: {
    support: "native",
    how: "Start",
    values: {
      auto: { support: "native", how: "Start SERVICE_AUTO_START" },
      delayed: { support: "native", how: "Start SERVICE_DELAYED_AUTO_START" },
      manual: { support: "native", how: "Start SERVICE_DEMAND_START" },
      disabled: { support: "native", how: "Start SERVICE_DISABLED" },
    },
  },
  dependsOn: { support: "native", how: "DependOnService, one service per entry (each must exist when the script runs)" },
  "restart.policy": {
    support: "native",
    how: "AppExit",
    values: {
      "on-failure": { support: "native", how: "AppExit Default Restart and AppExit 0 Exit: exit code 0 stops the service, any other restarts the program" },
      always: { support: "native", how: "AppExit Default Restart: nssm restarts the program whatever its exit code" },
      never: { support: "native", how: "AppExit Default Exit: the service stops when the program exits" },
    },
  },
  "restart.delay": {
    support: "native",
    how: "AppRestartDelay (ms); nssm waits at least 2 s when it is not 0, and longer (doubling up to 128 s) while the program keeps exiting within 1.5 s of starting (AppThrottle)",
  },
  "restart.maxRetries": { support: "none", how: "nssm has no retry limit: it restarts the program for as long as the service runs" },
  "restart.window": { support: "none", how: "nssm has no retry limit, so no window to count retries in" },
  "restart.resetAfter": {
    support: "none",
    how: "nssm keeps no failure count to reset; its restart back-off resets once the program has run for 1.5 s (AppThrottle)",
  },
  "stop.timeout": {
    support: "approximate",
    how: "AppStopMethodConsole, AppStopMethodWindow and AppStopMethodThreads: nssm waits this long after each of Ctrl+C, WM_CLOSE and WM_QUIT that applies to the program before the next, so up to three times this before it ends the process",
  },
  "stop.signal": { support: "n/a", how: "Linux only" },
  logs: {
    support: "native",
    how: "AppStdout and AppStderr: nssm writes the program's output to <directory>\\<file> (${NAME} expanded when the service starts)",
  },
  "logs.append": {
    support: "native",
    how: "AppStdoutCreationDisposition and AppStderrCreationDisposition: 4 (append) or 2 (a new file at each start of the program)",
  },
  "logs.rotate": {
    support: "approximate",
    how: "AppRotateFiles, AppRotateOnline and AppRotateBytes: nssm renames a log file that has reached maxSize (at start and while running) with a timestamp, but never deletes old files, so keep is not enforced",
  },
  "hooks.preStart": {
    support: "approximate",
    how: "AppEvents Start/Pre (nssm 2.24-101): runs before every start of the program, is ended after 20 s, and exit code 99 cancels the start",
  },
  "hooks.postStop": {
    support: "approximate",
    how: "AppEvents Exit/Post (nssm 2.24-101): runs after every exit of the program, also before nssm restarts it, and is ended after 60 s",
  },
  priority: {
    support: "native",
    how: "AppPriority",
    values: {
      idle: { support: "native", how: "AppPriority IDLE_PRIORITY_CLASS" },
      "below-normal": { support: "native", how: "AppPriority BELOW_NORMAL_PRIORITY_CLASS" },
      normal: { support: "native", how: "AppPriority NORMAL_PRIORITY_CLASS (nssm's default)" },
      "above-normal": { support: "native", how: "AppPriority ABOVE_NORMAL_PRIORITY_CLASS" },
      high: { support: "native", how: "AppPriority HIGH_PRIORITY_CLASS" },
      realtime: { support: "native", how: "AppPriority REALTIME_PRIORITY_CLASS" },
    },
  },
};
