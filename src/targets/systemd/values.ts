import type { Priority, RestartPolicy } from "../../model.js";
import type { Pairs } from "../pairs.js";

// Spec values and their systemd counterparts, used by emit.ts left to right and by read.ts right to left.

export const RESTART: Pairs<RestartPolicy, string> = [
  ["on-failure", "on-failure"],
  ["always", "always"],
  ["never", "no"],
];

/**
 * Restart= values with no spec policy, each with the nearest policy that restarts at least whenever it
 * does (read.ts keeps the systemd value itself in options.systemd.extra, so the unit keeps its behaviour).
 */
export const RESTART_WITHOUT_POLICY: Readonly<Record<string, RestartPolicy>> = {
  "on-success": "always",
  "on-abnormal": "on-failure",
  "on-abort": "on-failure",
  "on-watchdog": "on-failure",
};

/** priority <-> Nice=. Only `normal` is exact; the rest are the nice values closest to each priority class. */
export const NICE: Pairs<Priority, number> = [
  ["idle", 19],
  ["below-normal", 10],
  ["normal", 0],
  ["above-normal", -5],
  ["high", -10],
  ["realtime", -20],
];
