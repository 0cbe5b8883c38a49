// WinSW time spans (stoptimeout, resetfailure, onfailure@delay): an integer and a unit. Both versions
// parse them alike: trim, take the first of ms, sec, secs, min, mins, hr, hrs, hour, hours, day, days that
// the text ends with, int.Parse the rest; a bare number is milliseconds. svcgen always writes a unit.

const UNITS: readonly [number, string, string][] = [
  [86_400_000, "day", "days"],
  [3_600_000, "hour", "hours"],
  [60_000, "min", "mins"],
  [1000, "sec", "secs"],
  [1, "ms", "ms"],
];

const INT32_MAX = 2_147_483_647;

/** The largest unit that divides `ms` exactly, e.g. 90_000 -> "90 sec", 5_400_000 -> "90 min". */
export function winswTimeSpan(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new Error(`internal: ${ms} ms is not a duration`);
  if (ms === 0) return "0 sec";
  for (const [factor, one, many] of UNITS) {
    if (ms % factor !== 0) continue;
    const n = ms / factor;
    if (n > INT32_MAX) break;
    return `${n} ${n === 1 ? one : many}`;
  }
  throw new Error(`internal: ${ms} ms does not fit a WinSW time span; check should have refused it`);
}

/** Longest duration WinSW keeps as 32-bit milliseconds (onfailure delay, stoptimeout in v3). */
export const MAX_MS = INT32_MAX;
/** Longest reset period: the SCM's dwResetPeriod, which WinSW fills from an int of seconds. */
export const MAX_RESET_SECONDS = INT32_MAX;
