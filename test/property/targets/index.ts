import { schtasksFuzz } from "./schtasks.js";
import { systemdFuzz } from "./systemd.js";
import type { TargetFuzz } from "./types.js";

export const FUZZ_TARGETS: TargetFuzz[] = [systemdFuzz, schtasksFuzz];
