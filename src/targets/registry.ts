import type { TargetId } from "../model.js";
import type { TargetEntry } from "./types.js";
import { capabilities as winswCaps } from "./winsw/capabilities.js";
import { capabilities as nssmCaps } from "./nssm/capabilities.js";
import { capabilities as scCaps } from "./sc/capabilities.js";
import { capabilities as systemdCaps } from "./systemd/capabilities.js";
import { capabilities as schtasksCaps } from "./schtasks/capabilities.js";

// Capability tables are plain data that every command with a target needs: loaded with the registry.
// Checks and emitters are imported per target, when a command needs them: validate never loads an
// emitter, and a systemd build loads no Windows code (no XML, no cmd.exe encoders).
export const TARGETS: readonly TargetEntry[] = [
  {
    id: "winsw",
    platform: "windows",
    title: "WinSW XML configuration (v2.12 and v3)",
    outputs: (n) => [`${n}.xml`],
    capabilities: async () => winswCaps,
    checker: () => import("./winsw/check.js"),
    emitter: () => import("./winsw/emit.js"),
  },
  {
    id: "nssm",
    platform: "windows",
    title: "nssm install and uninstall command scripts",
    outputs: (n) => [`${n}.nssm-install.cmd`, `${n}.nssm-uninstall.cmd`],
    capabilities: async () => nssmCaps,
    checker: () => import("./nssm/check.js"),
    emitter: () => import("./nssm/emit.js"),
  },
  {
    id: "sc",
    platform: "windows",
    title: "sc.exe install and uninstall batch files",
    outputs: (n) => [`${n}.sc-install.cmd`, `${n}.sc-uninstall.cmd`],
    capabilities: async () => scCaps,
    checker: () => import("./sc/check.js"),
    emitter: () => import("./sc/emit.js"),
  },
  {
    id: "systemd",
    platform: "linux",
    title: "systemd service unit",
    outputs: (n) => [`${n}.service`],
    capabilities: async () => systemdCaps,
    checker: () => import("./systemd/check.js"),
    emitter: () => import("./systemd/emit.js"),
  },
  {
    id: "schtasks",
    platform: "windows",
    title: "Windows Task Scheduler task XML",
    outputs: (n) => [`${n}.task.xml`],
    capabilities: async () => schtasksCaps,
    checker: () => import("./schtasks/check.js"),
    emitter: () => import("./schtasks/emit.js"),
  },
];

export const TARGET_IDS: readonly TargetId[] = TARGETS.map((t) => t.id);

export function targetEntry(id: string): TargetEntry | undefined {
  return TARGETS.find((t) => t.id === id);
}
