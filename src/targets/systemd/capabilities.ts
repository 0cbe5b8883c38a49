import type { Priority } from "../../model.js";
import type { Capabilities } from "../capabilities.js";
import { toTarget } from "../pairs.js";
import { NICE } from "./values.js";

const nice = (p: Priority, what: string) => ({ support: "approximate" as const, how: `Nice=${toTarget(NICE, p)}: a nice value, not ${what}` });

export const capabilities: Capabilities = {
  name: { support: "native", how: "the unit file name, <name>.service" },
  displayName: { support: "native", how: "Description=" },
  description: {
    support: "approximate",
    how: "systemd has one Description= line: the description is written there, after displayName and \" - \" when both are set",
  },
  executable: { support: "native", how: "ExecStart=, first word" },
  args: { support: "native", how: "ExecStart= words, quoted and escaped one argument per word" },
  workingDirectory: { support: "native", how: "WorkingDirectory=" },
  environment: { support: "native", how: "Environment=, one quoted assignment per variable (values are literal: systemd does not expand ${NAME} there)" },
  account: {
    support: "native",
    how: "User=",
    values: {
      user: { support: "native", how: "User=" },
      "local-system": { support: "none", how: "Windows built-in accounts do not exist on Linux; set linux.account: { user: ... } (omit account to run as root)" },
      "local-service": { support: "none", how: "Windows built-in accounts do not exist on Linux; set linux.account: { user: ... }" },
      "network-service": { support: "none", how: "Windows built-in accounts do not exist on Linux; set linux.account: { user: ... }" },
      virtual: { support: "none", how: "Windows virtual accounts do not exist on Linux; set linux.account: { user: ... } (DynamicUser= is close, but changes file access)" },
    },
  },
  "account.group": { support: "native", how: "Group=" },
  "account.password": { support: "n/a", how: "Linux services need no password" },
  startup: {
    support: "native",
    how: "[Install] WantedBy=",
    values: {
      auto: { support: "native", how: "[Install] WantedBy=multi-user.target (or options.systemd.wantedBy); run systemctl enable" },
      delayed: { support: "approximate", how: "systemd has no delayed start: enabled like auto; order it with dependsOn instead" },
      manual: { support: "native", how: "no [Install] section: systemctl start only" },
      disabled: { support: "approximate", how: "no [Install] section; to forbid starts, run systemctl mask <name>" },
    },
  },
  dependsOn: { support: "native", how: "After= and Wants= (a name without a suffix means <name>.service)" },
  "restart.policy": { support: "native", how: "Restart=on-failure|always|no" },
  "restart.delay": { support: "native", how: "RestartSec=" },
  "restart.maxRetries": { support: "native", how: "StartLimitBurst= in [Unit] (maxRetries + 1: the first start counts too)" },
  "restart.window": { support: "native", how: "StartLimitIntervalSec= in [Unit] (0, never give up, when maxRetries is not set)" },
  "restart.resetAfter": { support: "approximate", how: "systemd forgets restarts older than restart.window; there is no separate reset period" },
  "stop.timeout": { support: "native", how: "TimeoutStopSec=" },
  "stop.signal": { support: "native", how: "KillSignal=" },
  logs: { support: "native", how: "StandardOutput=/StandardError= append:<directory>/<file>" },
  "logs.append": { support: "native", how: "append: (true) or truncate: (false, systemd 248 or later)" },
  "logs.rotate": { support: "none", how: "systemd writes the files but never rotates them: use logrotate (copytruncate), or the journal" },
  "hooks.preStart": { support: "native", how: "ExecStartPre=" },
  "hooks.postStop": { support: "native", how: "ExecStopPost=" },
  priority: {
    support: "native",
    how: "Nice=",
    values: {
      idle: nice("idle", "an idle priority class"),
      "below-normal": nice("below-normal", "a priority class"),
      normal: { support: "native", how: "nothing to write (Nice=0)" },
      "above-normal": nice("above-normal", "a priority class"),
      high: nice("high", "a priority class"),
      realtime: nice("realtime", "real-time scheduling"),
    },
  },
};

