import { nssmFuzz } from "./nssm.js";
import { runkeyFuzz } from "./runkey.js";
import { scFuzz } from "./sc.js";
import { schtasksFuzz } from "./schtasks.js";
import { supervisordFuzz } from "./supervisord.js";
import { systemdFuzz } from "./systemd.js";
import type { TargetFuzz } from "./types.js";
import { winswFuzz } from "./winsw.js";
import { launchdFuzz } from "./launchd.js";

export const FUZZ_TARGETS: TargetFuzz[] = [systemdFuzz, schtasksFuzz, winswFuzz, nssmFuzz, scFuzz, runkeyFuzz, supervisordFuzz, launchdFuzz];
