// xs:duration (XML Schema Part 2 §3.2.6, the ISO 8601 PnYnMnDTnHnMnS form) as milliseconds, for the
// durations of Task Scheduler's task XML. Written from the schema's lexical rules, not from svcgen's
// encoder: an optional sign, P, then at least one of Y M D, and after T at least one of H M S (seconds may
// have a fraction). Years and months have no fixed length, so a non-zero one is an error here; so are a
// negative duration and a fraction finer than a millisecond.

const LEXICAL = /^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:\.(\d+))?S)?)?$/;

export function decodeIsoDuration(text: string): number {
  const m = LEXICAL.exec(text);
  // "P" alone and a "T" with nothing after it are not durations.
  if (!m || text === "P" || text.endsWith("T") || text === "-P") throw new Error(`not an xs:duration: ${JSON.stringify(text)}`);
  const [, sign, y, mo, d, h, mi, s, frac] = m;
  if (sign && /[1-9]/.test(text)) throw new Error(`negative duration ${text}`);
  if (Number(y ?? 0) !== 0 || Number(mo ?? 0) !== 0) throw new Error(`years/months have no fixed length: ${text}`);
  if (frac !== undefined && frac.replace(/0+$/, "").length > 3) throw new Error(`fraction finer than 1 ms: ${text}`);
  const ms = frac === undefined ? 0 : Number(frac.padEnd(3, "0").slice(0, 3));
  return Number(d ?? 0) * 86_400_000 + Number(h ?? 0) * 3_600_000 + Number(mi ?? 0) * 60_000 + Number(s ?? 0) * 1000 + ms;
}
