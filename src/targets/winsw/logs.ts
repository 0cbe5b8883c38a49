import type { Logs } from "../../model.js";
import { windowsExpandable } from "../../escape/windows-env.js";

// WinSW writes <logpath>\<logname>.out.log and .err.log (in the append, reset and roll-by-size modes the
// suffixes are fixed), so the spec's two file names must share one base.

export const OUT_SUFFIX = ".out.log";
export const ERR_SUFFIX = ".err.log";

/** The <logname> (with %NAME% for variables) for the spec's file names, or undefined when there is none. */
export function logBaseName(logs: Pick<Logs, "stdout" | "stderr">): string | undefined {
  const out = windowsExpandable(logs.stdout);
  const err = windowsExpandable(logs.stderr);
  if (!out.endsWith(OUT_SUFFIX) || !err.endsWith(ERR_SUFFIX)) return undefined;
  const base = out.slice(0, -OUT_SUFFIX.length);
  // An empty base cannot be written: WinSW joins it with Path.Combine(logpath, ""), which is logpath
  // itself, so the files would land beside the directory. A base of only whitespace is fine (winswText
  // writes it as decimal references, which XmlDocument keeps).
  if (base !== err.slice(0, -ERR_SUFFIX.length) || base === "") return undefined;
  return base;
}

export const KIB = 1024;
/** sizeThreshold is KB times 1024 in a 32-bit int. */
export const MAX_SIZE_THRESHOLD_KIB = Math.floor(2_147_483_647 / KIB);
