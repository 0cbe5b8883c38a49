import type { TargetId } from "../model.js";
import type { TargetEntry } from "./types.js";
import { capabilities as winswCaps } from "./winsw/capabilities.js";
import { capabilities as nssmCaps } from "./nssm/capabilities.js";
import { capabilities as scCaps } from "./sc/capabilities.js";
import { capabilities as systemdCaps } from "./systemd/capabilities.js";
import { capabilities as schtasksCaps } from "./schtasks/capabilities.js";
import { capabilities as runkeyCaps } from "./runkey/capabilities.js";
import { capabilities as supervisordCaps } from "./supervisord/capabilities.js";
import { detectUnit } from "./systemd/detect.js";
import { capabilities as launchdCaps } from "./launchd/capabilities.js";
import { detectWinsw } from "./winsw/detect.js";
import { detectTask } from "./schtasks/detect.js";
import { detectSupervisordConf } from "./supervisord/detect.js";
import { detectPlist } from "./launchd/detect.js";
import { detectServiceExport } from "./scm/detect.js";
import { detectRunKeyExport } from "./runkey/detect.js";

// Readers (import, diff) load like emitters: only when such a command runs; `detect` is a few lines of
// content sniffing per target, so that import can tell a file's kind without loading any reader.
// Capability tables are plain data that every command with a target needs: loaded with the registry.
// Checks and emitters are imported per target, when a command needs them: validate never loads an
// emitter, and a systemd build loads no Windows code (no XML, no cmd.exe encoders). Each import runs
// once: a build of 200 specs asks for every module 200 times, and an import() of a loaded module still
// goes through the ESM loader's resolution each time.
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
}

export const TARGETS: readonly TargetEntry[] = [
  {
    id: "winsw",
    platform: "windows",
    title: "WinSW XML configuration (v2.12 and v3)",
    outputs: (n) => [`${n}.xml`],
    capabilities: winswCaps,
    checker: once(() => import("./winsw/check.js")),
    emitter: once(() => import("./winsw/emit.js")),
    reader: once(() => import("./winsw/read.js")),
    detect: (_name, _bytes, text) => detectWinsw(text),
  },
  {
    id: "nssm",
    platform: "windows",
    title: "nssm install and uninstall command scripts",
    outputs: (n) => [`${n}.nssm-install.cmd`, `${n}.nssm-uninstall.cmd`],
    capabilities: nssmCaps,
    checker: once(() => import("./nssm/check.js")),
    emitter: once(() => import("./nssm/emit.js")),
    reader: once(() => import("./nssm/read.js")),
    detect: (_name, _bytes, text) => (detectServiceExport(text) === "nssm" ? {} : undefined),
  },
  {
    id: "sc",
    platform: "windows",
    title: "sc.exe install and uninstall batch files",
    outputs: (n) => [`${n}.sc-install.cmd`, `${n}.sc-uninstall.cmd`],
    capabilities: scCaps,
    checker: once(() => import("./sc/check.js")),
    emitter: once(() => import("./sc/emit.js")),
    reader: once(() => import("./sc/read.js")),
    detect: (_name, _bytes, text) => (detectServiceExport(text) === "sc" ? {} : undefined),
  },
  {
    id: "systemd",
    platform: "linux",
    title: "systemd service unit",
    outputs: (n) => [`${n}.service`],
    capabilities: systemdCaps,
    checker: once(() => import("./systemd/check.js")),
    emitter: once(() => import("./systemd/emit.js")),
    reader: once(() => import("./systemd/read.js")),
    detect: (name, _bytes, text) => detectUnit(name, text),
  },
  {
    id: "schtasks",
    platform: "windows",
    title: "Windows Task Scheduler task XML",
    outputs: (n) => [`${n}.task.xml`],
    capabilities: schtasksCaps,
    checker: once(() => import("./schtasks/check.js")),
    emitter: once(() => import("./schtasks/emit.js")),
    reader: once(() => import("./schtasks/read.js")),
    detect: (_name, _bytes, text) => detectTask(text),
  },
  {
    id: "runkey",
    platform: "windows",
    title: "Windows Run registry entry: install and uninstall command scripts",
    outputs: (n) => [`${n}.runkey-install.cmd`, `${n}.runkey-uninstall.cmd`],
    capabilities: runkeyCaps,
    checker: once(() => import("./runkey/check.js")),
    emitter: once(() => import("./runkey/emit.js")),
    reader: once(() => import("./runkey/read.js")),
    detect: (_name, _bytes, text) => (detectRunKeyExport(text) ? {} : undefined),
  },
  {
    id: "supervisord",
    platform: "linux",
    title: "supervisord program section for conf.d/",
    outputs: (n) => [`${n}.supervisord.conf`],
    capabilities: supervisordCaps,
    checker: once(() => import("./supervisord/check.js")),
    emitter: once(() => import("./supervisord/emit.js")),
    reader: once(() => import("./supervisord/read.js")),
    detect: (_name, _bytes, text) => detectSupervisordConf(text),
  },
  {
    id: "launchd",
    platform: "macos",
    title: "launchd property list: a daemon, or an agent (options.launchd.domain: user); the file is <label>.plist, the name unless options.launchd.label",
    outputs: (n) => [`${n}.plist`],
    capabilities: launchdCaps,
    checker: once(() => import("./launchd/check.js")),
    emitter: once(() => import("./launchd/emit.js")),
    reader: once(() => import("./launchd/read.js")),
    detect: (name, bytes, text) => detectPlist(name, bytes, text),
  },
];

export const TARGET_IDS: readonly TargetId[] = TARGETS.map((t) => t.id);

export function targetEntry(id: string): TargetEntry | undefined {
  return TARGETS.find((t) => t.id === id);
}
