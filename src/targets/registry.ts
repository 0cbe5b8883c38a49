import type { TargetId } from "../model.js";
import type { TargetEntry } from "./types.js";

// Dynamic imports keep each target's code out of start-up until a command needs it.
export const TARGETS: readonly TargetEntry[] = [
  {
    id: "winsw",
    platform: "windows",
    title: "WinSW XML configuration (v2.12 and v3)",
    outputs: (n) => [`${n}.xml`],
    capabilities: async () => (await import("./winsw/capabilities.js")).capabilities,
    checker: () => import("./winsw/check.js"),
    emitter: () => import("./winsw/emit.js"),
  },
  {
    id: "nssm",
    platform: "windows",
    title: "nssm install and uninstall command scripts",
    outputs: (n) => [`${n}.nssm-install.cmd`, `${n}.nssm-uninstall.cmd`],
    capabilities: async () => (await import("./nssm/capabilities.js")).capabilities,
    checker: () => import("./nssm/check.js"),
    emitter: () => import("./nssm/emit.js"),
  },
  {
    id: "sc",
    platform: "windows",
    title: "sc.exe install and uninstall batch files",
    outputs: (n) => [`${n}.sc-install.cmd`, `${n}.sc-uninstall.cmd`],
    capabilities: async () => (await import("./sc/capabilities.js")).capabilities,
    checker: () => import("./sc/check.js"),
    emitter: () => import("./sc/emit.js"),
  },
  {
    id: "systemd",
    platform: "linux",
    title: "systemd service unit",
    outputs: (n) => [`${n}.service`],
    capabilities: async () => (await import("./systemd/capabilities.js")).capabilities,
    checker: () => import("./systemd/check.js"),
    emitter: () => import("./systemd/emit.js"),
  },
  {
    id: "schtasks",
    platform: "windows",
    title: "Windows Task Scheduler task XML",
    outputs: (n) => [`${n}.task.xml`],
    capabilities: async () => (await import("./schtasks/capabilities.js")).capabilities,
    checker: () => import("./schtasks/check.js"),
    emitter: () => import("./schtasks/emit.js"),
  },
];

export const TARGET_IDS: readonly TargetId[] = TARGETS.map((t) => t.id);

export function targetEntry(id: string): TargetEntry | undefined {
  return TARGETS.find((t) => t.id === id);
}
