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

// The inverse, for the reader: ConfigHelper.ParseTimeSpan (v2.12.0 and v3.0.0-alpha.11 alike). The value is
// trimmed (String.Trim: Unicode white space), the first suffix of this list in this order that it ends with is
// the unit (Dictionary insertion order, so "10 secs" does not end with "sec" and reaches "secs"), and the rest,
// trimmed, is read by int.Parse (32-bit, optional sign, white space around); a bare number is milliseconds.
const SUFFIXES: readonly [string, number][] = [
  ["ms", 1],
  ["sec", 1000],
  ["secs", 1000],
  ["min", 60_000],
  ["mins", 60_000],
  ["hr", 3_600_000],
  ["hrs", 3_600_000],
  ["hour", 3_600_000],
  ["hours", 3_600_000],
  ["day", 86_400_000],
  ["days", 86_400_000],
];
const DOTNET_TRIM = /^[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+|[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+$/g;
export const dotnetTrim = (s: string): string => s.replace(DOTNET_TRIM, "");

/** .NET int.Parse (NumberStyles.Integer), or undefined where it throws. */
export function dotnetInt(s: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)[ \t\n\v\f\r]*$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n > INT32_MAX || n < -INT32_MAX - 1 ? undefined : n;
}

/** A WinSW time span in milliseconds, or why WinSW would fail to read it. */
export function decodeWinswTimeSpan(s: string): { ok: true; ms: number } | { ok: false; problem: string } {
  const t = dotnetTrim(s);
  const hit = SUFFIXES.find(([suffix]) => t.endsWith(suffix));
  const n = dotnetInt(hit ? dotnetTrim(t.slice(0, t.length - hit[0].length)) : t);
  if (n === undefined) return { ok: false, problem: `${JSON.stringify(s)} is not a WinSW time span (an integer and one of ms, sec, min, hour, day; WinSW fails on it)` };
  if (n < 0) return { ok: false, problem: `${JSON.stringify(s)} is a negative time span` };
  return { ok: true, ms: n * (hit ? hit[1] : 1) };
}
