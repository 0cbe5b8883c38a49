import type { Capabilities } from "../capabilities.js";

// sc.exe registers the program itself as the service: no wrapper process sits between the SCM and the
// program, so everything a wrapper would do (working directory, log capture, stop timing, priority,
// hooks) is out of reach, and the program must speak the Windows service protocol itself.
const SERVICE_PROTOCOL =
  "the program must implement the Windows service protocol itself (x/sys/windows/svc, kardianos/service, .NET UseWindowsService); a plain program fails to start with error 1053";

export const capabilities: Capabilities = {
  name: { support: "native", how: "the service key: sc.exe create <name>" },
  displayName: { support: "native", how: "DisplayName= (literal text)" },
  description: { support: "native", how: "sc.exe description (literal text; no description clears it)" },
  executable: {
    support: "native",
    how: `binPath=, quoted, as the service's ImagePath (\${NAME} is expanded by the SCM at start); ${SERVICE_PROTOCOL}`,
  },
  args: { support: "native", how: "the rest of binPath=, each argument quoted with the C runtime rules" },
  workingDirectory: {
    support: "none",
    how: "sc.exe cannot set a working directory: the service starts in C:\\Windows\\System32, so the program must change directory itself",
  },
  environment: {
    support: "native",
    how: "the service's Environment registry value (REG_MULTI_SZ, written with reg.exe); values are literal, the SCM does not expand ${NAME} there",
  },
  account: {
    support: "native",
    how: "obj= (and password=)",
    values: {
      "local-system": { support: "native", how: 'obj= LocalSystem password= ""' },
      "local-service": { support: "native", how: 'obj= "NT AUTHORITY\\LocalService" password= ""' },
      "network-service": { support: "native", how: 'obj= "NT AUTHORITY\\NetworkService" password= ""' },
      virtual: { support: "native", how: 'obj= "NT SERVICE\\<name>" (no password)' },
      user: {
        support: "native",
        how: "obj= <user> password= <read at install time>; sc.exe does not grant the right to log on as a service, so grant it first (otherwise error 1069 at start)",
      },
    },
  },
  "account.group": { support: "n/a", how: "Linux only" },
  "account.password": {
    support: "native",
    how: "password=, read by the install script from the named environment variable (it fails when the variable is unset); never written into the script",
  },
  startup: {
    support: "native",
    how: "start=",
    values: {
      auto: { support: "native", how: "start= auto" },
      delayed: { support: "native", how: "start= delayed-auto" },
      manual: { support: "native", how: "start= demand" },
      disabled: { support: "native", how: "start= disabled" },
    },
  },
  dependsOn: { support: "native", how: "depend=, the names separated by /" },
  "restart.policy": {
    support: "native",
    how: "sc.exe failure restart actions and sc.exe failureflag",
    values: {
      "on-failure": {
        support: "native",
        how: "sc.exe failure restart actions and sc.exe failureflag 1: the SCM restarts the service when its process dies or it stops with a non-zero exit code",
      },
      always: {
        support: "approximate",
        how: "the SCM restarts a service only when its process dies or it stops with a non-zero exit code (sc.exe failure, failureflag 1); a service that stops cleanly with exit code 0 stays stopped",
      },
      never: { support: "native", how: 'no failure actions (sc.exe failure actions= "") and sc.exe failureflag 0' },
    },
  },
  "restart.delay": { support: "native", how: "the delay of each sc.exe failure restart action, in milliseconds" },
  "restart.maxRetries": {
    support: "native",
    how: 'that many restart actions, then "take no action", which the SCM repeats for every later failure',
  },
  "restart.window": {
    support: "approximate",
    how: "the SCM has no sliding window: window becomes the failure-count reset period (sc.exe failure reset=, whole seconds) unless resetAfter sets it, so failures count until that long passes without one",
  },
  "restart.resetAfter": { support: "native", how: "sc.exe failure reset=, in whole seconds" },
  "stop.timeout": {
    support: "none",
    how: "sc.exe has no per-service stop timeout: the program controls its own stop through the service protocol (SERVICE_STOP_PENDING with wait hints)",
  },
  "stop.signal": { support: "n/a", how: "Linux only" },
  logs: { support: "none", how: "sc.exe cannot capture stdout or stderr: the program must write its own log files" },
  "logs.append": { support: "none", how: "sc.exe cannot capture stdout or stderr: the program must write its own log files" },
  "logs.rotate": { support: "none", how: "sc.exe cannot capture stdout or stderr: the program must write and rotate its own log files" },
  "hooks.preStart": { support: "none", how: "sc.exe has no start hooks: run the command from the program, or use the nssm or winsw target" },
  "hooks.postStop": { support: "none", how: "sc.exe has no stop hooks: run the command from the program, or use the nssm or winsw target" },
  priority: {
    support: "none",
    how: "sc.exe cannot set a process priority: the program must set its own (SetPriorityClass)",
    values: { normal: { support: "native", how: "the default priority: nothing to set" } },
  },
};
