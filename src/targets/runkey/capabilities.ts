import type { Capabilities } from "../capabilities.js";

// A Run entry is one registry value: its name, and a command line as its data. At each logon Explorer
// reads HKLM\...\Run and HKCU\...\Run and starts each command line once, with no wrapper process in
// between, so everything a service manager or wrapper does around the program is out of reach.
//
// Sources (facts that decide behaviour below):
// - Microsoft, "Run and RunOnce Registry Keys" (MicrosoftDocs/win32, desktop-src/SetupApi/
//   run-and-runonce-registry-keys.md): Run entries "cause programs to run each time that a user logs
//   on"; the data is "a command line no longer than 260 characters"; the order of several entries is
//   indeterminate; the keys are ignored in Safe Mode.
// - Explorer's code is not public. The two open implementations of the same logic start each value
//   with CreateProcess(NULL, <value>, ..., lpCurrentDirectory NULL): no working directory, no
//   environment of its own, no wait and no restart (Wine programs/wineboot/wineboot.c process_run_key;
//   ReactOS base/shell/explorer/startup.cpp ProcessRunKeys, which also marks the session with the
//   volatile StartupHasBeenRun key so that a restarted Explorer does not run the entries again).
//   The program inherits the directory the shell runs in (C:\Windows\system32 on Windows, C:\windows
//   in Wine and ReactOS), never its own.
// - Task Manager's Startup tab (Windows 8 and later) disables an entry without deleting it: a
//   REG_BINARY value of the same name under Explorer\StartupApproved\Run whose first byte is 03 (or 07)
//   means disabled, 02 (or 06) enabled, followed by the FILETIME of the change. Microsoft does not
//   document it; see emit.ts for what the scripts do with it.
const NOT_RESTARTED =
  "Explorer starts a Run entry once per logon session and never again in that session: not when the program exits or crashes, and not when Explorer itself restarts";
const NO_WRAPPER = "a Run entry is only a command line: nothing sits between Explorer and the program";

export const capabilities: Capabilities = {
  name: { support: "native", how: "the name of the registry value under the Run key" },
  displayName: {
    support: "none",
    how: "a Run entry has only its value name (the spec's name); Task Manager shows the program's own file description",
  },
  description: { support: "none", how: "a Run entry has no description" },
  executable: {
    support: "native",
    how: "the start of the value's command line, quoted; ${NAME} as %NAME% in a REG_EXPAND_SZ value, which Windows expands at logon",
  },
  args: { support: "native", how: "the rest of the command line, each argument quoted with the C runtime rules" },
  workingDirectory: {
    support: "none",
    how: "Explorer starts the program in its own directory (C:\\Windows\\system32), not the program's: the program must change directory itself",
  },
  environment: {
    support: "none",
    how: `${NO_WRAPPER}; the program gets the environment of the user's logon session`,
  },
  account: {
    support: "none",
    how: "a Run entry runs as the user who logs on (options.runkey.scope user: the user who ran the install script; machine: every user), never as a service account",
    // Dropping the account runs the program as the logged-on user: no more privileged than the spec's account.
    ignorable: true,
  },
  "account.group": { support: "n/a", how: "Linux only" },
  "account.password": { support: "none", how: "a Run entry runs as the user who logs on: there is no account to give a password for" },
  startup: {
    support: "native",
    how: "the Run value, enabled or marked disabled",
    values: {
      auto: { support: "native", how: "the Run value: Explorer starts the program at each logon of the user, after the desktop appears" },
      delayed: {
        support: "approximate",
        how: "a Run entry always starts after logon, once the desktop appears (and Windows staggers Run entries by itself); there is no separate delayed start",
      },
      manual: {
        support: "approximate",
        how: "a Run entry has no manual start: it is written disabled, as for startup: disabled, so it does not start at logon until enabled in Task Manager's Startup tab; start the program yourself meanwhile",
      },
      disabled: {
        support: "native",
        how: "the Run value, marked disabled in Explorer\\StartupApproved\\Run as Task Manager's Disable does (first byte 03): Task Manager's Startup tab lists it as Disabled and can enable it",
      },
    },
  },
  dependsOn: { support: "none", how: "Explorer starts Run entries at logon without waiting for any service" },
  "restart.policy": {
    support: "none",
    how: NOT_RESTARTED,
    values: { never: { support: "native", how: NOT_RESTARTED } },
  },
  "restart.delay": { support: "none", how: NOT_RESTARTED },
  "restart.maxRetries": { support: "none", how: NOT_RESTARTED },
  "restart.window": { support: "none", how: NOT_RESTARTED },
  "restart.resetAfter": { support: "none", how: NOT_RESTARTED },
  "stop.timeout": {
    support: "none",
    how: "nothing stops a Run entry's program before the user logs off, and then Windows ends it with the session",
  },
  "stop.signal": { support: "n/a", how: "Linux only" },
  logs: { support: "none", how: `${NO_WRAPPER}, so stdout and stderr go nowhere: the program must write its own log files` },
  "logs.append": { support: "none", how: `${NO_WRAPPER}, so stdout and stderr go nowhere: the program must write its own log files` },
  "logs.rotate": { support: "none", how: `${NO_WRAPPER}, so stdout and stderr go nowhere: the program must write and rotate its own log files` },
  "hooks.preStart": { support: "none", how: `${NO_WRAPPER}: no command runs before it` },
  "hooks.postStop": { support: "none", how: `${NO_WRAPPER}: no command runs after it` },
  priority: {
    support: "none",
    how: "only cmd.exe's start /low and the like could set a priority, which would put the command line through cmd.exe at every logon: the program must set its own (SetPriorityClass)",
    values: { normal: { support: "native", how: "the default priority: nothing to set" } },
  },
};
