// The ISO 8601 / xs:duration encoder for Task Scheduler (PnDTnHnMnS). Days are the largest unit: months
// and years have no fixed length, and Windows' own task exports write long spans as days (P31D).

const MS_PER = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 } as const;

/**
 * Milliseconds as an xs:duration: `PT0S` for zero, otherwise only the non-zero units, seconds with a
 * decimal fraction when needed (`PT1.5S`). Callers that need whole seconds check `ms % 1000` first.
 */
export function isoDuration(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new Error(`internal: not a duration in ms: ${ms}`);
  if (ms === 0) return "PT0S";
  let rest = ms;
  const take = (unit: number): number => {
    const n = Math.floor(rest / unit);
    rest -= n * unit;
    return n;
  };
  const d = take(MS_PER.d);
  const h = take(MS_PER.h);
  const m = take(MS_PER.m);
  const s = take(MS_PER.s);
  const frac = rest; // 0..999 ms
  let time = "";
  if (h) time += `${h}H`;
  if (m) time += `${m}M`;
  if (s || frac) time += frac ? `${s}.${String(frac).padStart(3, "0").replace(/0+$/, "")}S` : `${s}S`;
  return `P${d ? `${d}D` : ""}${time ? `T${time}` : ""}`;
}
