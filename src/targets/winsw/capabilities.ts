import type { Capabilities } from "../capabilities.js";

const account = (how: string) => ({ support: "native" as const, how });

export const capabilities: Capabilities = {
  name: { support: "native", how: "<id>; the file is <name>.xml beside the WinSW executable renamed <name>.exe" },
  displayName: { support: "native", how: "<name> (a ${NAME} in it is expanded once, at install)" },
  description: { support: "native", how: "<description> (a ${NAME} in it is expanded once, at install)" },
  executable: { support: "native", how: "<executable>, unquoted; ${NAME} written as %NAME%" },
  args: {
    support: "native",
    how: "<arguments>, one line quoted by the MSVCRT rules; an argument holding ${NAME} is always quoted (the value must not contain \" nor end the argument with \\)",
  },
  workingDirectory: { support: "native", how: "<workingdirectory>" },
  environment: { support: "native", how: "<env name value/>, applied in order; ${NAME} written as %NAME%" },
  account: {
    support: "native",
    how: "<serviceaccount> (needs options.winsw.version: WinSW 2 and 3 write it differently)",
    values: {
      "local-system": account("no <serviceaccount>: WinSW's default account"),
      "local-service": account("<serviceaccount>: NT AUTHORITY\\LocalService (needs options.winsw.version)"),
      "network-service": account("<serviceaccount>: NT AUTHORITY\\NetworkService (needs options.winsw.version)"),
      virtual: account("<serviceaccount>: NT SERVICE\\<name>, no password (WinSW 2 only: WinSW 3's install cannot look the account up before the service exists)"),
      user: account("<serviceaccount>: WinSW 2 <domain>/<user> with <allowservicelogon>, WinSW 3 <username> (needs options.winsw.version)"),
    },
  },
  "account.group": { support: "n/a", how: "Linux only" },
  "account.password": {
    support: "approximate",
    how: "never written to the XML: WinSW asks for it at install (WinSW 3 <prompt>console</prompt> or its install password option, WinSW 2 `install /p`); the file's header says how",
  },
  startup: {
    support: "native",
    how: "<startmode>",
    values: {
      auto: { support: "native", how: "<startmode>Automatic</startmode>" },
      delayed: { support: "native", how: "<startmode>Automatic</startmode> and <delayedAutoStart>true</delayedAutoStart>" },
      manual: { support: "native", how: "<startmode>Manual</startmode>" },
      disabled: { support: "native", how: "<startmode>Disabled</startmode>" },
    },
  },
  dependsOn: { support: "native", how: "<depend>, one per service" },
  "restart.policy": {
    support: "native",
    how: "<onfailure action=\"restart\"> (SCM recovery actions)",
    values: {
      "on-failure": { support: "native", how: "<onfailure action=\"restart\">: WinSW reports a non-zero exit as a failure, and the SCM restarts it" },
      always: {
        support: "approximate",
        how: "restarts only after a non-zero exit: WinSW reports an exit with code 0 as a clean stop, and the SCM does not restart it",
      },
      never: { support: "native", how: "no <onfailure>: the SCM takes no action" },
    },
  },
  "restart.delay": { support: "native", how: "<onfailure delay>" },
  "restart.maxRetries": { support: "native", how: "that many <onfailure action=\"restart\">, then one with action=\"none\"" },
  "restart.window": {
    support: "approximate",
    how: "Windows counts failures until a period without one passes (<resetfailure>), not within a sliding window: that period is restart.resetAfter when set, else the window",
  },
  "restart.resetAfter": { support: "native", how: "<resetfailure> (whole seconds); without it WinSW's default is 1 day" },
  "stop.timeout": {
    support: "native",
    how: "<stoptimeout>: Ctrl+C (or WM_CLOSE), then the process tree is killed after it (WinSW 2 waits this long for each process of the tree)",
  },
  "stop.signal": { support: "n/a", how: "Linux only: WinSW sends Ctrl+C" },
  logs: { support: "native", how: "<logpath> and <logname>: files <logname>.out.log and <logname>.err.log (WinSW also writes <name>.wrapper.log there)" },
  "logs.append": { support: "native", how: "<log mode=\"append\"> (true) or <log mode=\"reset\"> (false)" },
  "logs.rotate": {
    support: "native",
    how: "<log mode=\"roll-by-size\"> with <sizeThreshold> in KiB and <keepFiles> (defaults 10 MiB and 8); rotated files are <base>.0.out.log, .1, ...",
  },
  "hooks.preStart": {
    support: "native",
    how: "WinSW 3 <prestart>: runs and is waited for before the program starts; if it fails, WinSW logs that and starts the program anyway",
  },
  "hooks.postStop": {
    support: "approximate",
    how: "WinSW 3 <poststop>: runs after a stop request has stopped the program, not when the program exits by itself",
  },
  priority: {
    support: "native",
    how: "<priority> (a process priority class)",
    values: {
      idle: { support: "native", how: "<priority>Idle</priority>" },
      "below-normal": { support: "native", how: "<priority>BelowNormal</priority>" },
      normal: { support: "native", how: "nothing to write (WinSW's default is Normal)" },
      "above-normal": { support: "native", how: "<priority>AboveNormal</priority>" },
      high: { support: "native", how: "<priority>High</priority>" },
      realtime: { support: "native", how: "<priority>RealTime</priority>" },
    },
  },
};
