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

// The inverse, for the reader: xs:duration (XML Schema 2 §3.2.6) in milliseconds. Years and months have no
// fixed length, and a fraction finer than a millisecond or a negative duration has no spec form: each is a
// problem, not a guess.
const LEXICAL = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d+))?S)?)?$/;

export function decodeIsoDuration(s: string): { ok: true; ms: number } | { ok: false; problem: string } {
  const t = s.trim();
  const m = LEXICAL.exec(t);
  if (!m || t === "P" || t === "-P" || t.endsWith("T")) return { ok: false, problem: `${JSON.stringify(s)} is not an xs:duration (P1DT2H3M4S)` };
  const [, sign, y, mo, d, h, mi, sec, frac] = m;
  if (Number(y ?? 0) !== 0 || Number(mo ?? 0) !== 0) return { ok: false, problem: `${JSON.stringify(s)} counts years or months, which have no fixed length` };
  if (frac !== undefined && frac.replace(/0+$/, "").length > 3) return { ok: false, problem: `${JSON.stringify(s)} has a fraction finer than a millisecond` };
  const ms = Number(d ?? 0) * MS_PER.d + Number(h ?? 0) * MS_PER.h + Number(mi ?? 0) * MS_PER.m + Number(sec ?? 0) * MS_PER.s + (frac === undefined ? 0 : Number(frac.padEnd(3, "0").slice(0, 3)));
  if (sign && ms !== 0) return { ok: false, problem: `${JSON.stringify(s)} is negative` };
  if (!Number.isSafeInteger(ms)) return { ok: false, problem: `${JSON.stringify(s)} is too long` };
  return { ok: true, ms };
}
