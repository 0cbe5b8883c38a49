// WinSW's value parsers, written from its source (winsw/winsw v2.12.0 src/WinSW.Core/Util/ConfigHelper.cs
// ParseTimeSpan and XmlServiceConfig.cs; v3.0.0-alpha.11 the same parsers), not from svcgen's encoders.

const DOTNET_WHITESPACE = /^[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+|[\s\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+$/g;
/** String.Trim(): Unicode white space at both ends. */
export const dotnetTrim = (s: string): string => s.replace(DOTNET_WHITESPACE, "");

/** int.Parse (NumberStyles.Integer): optional white space around, an optional sign, ASCII digits, 32-bit. */
export function dotnetIntParse(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)[ \t\n\v\f\r]*$/.exec(s);
  if (!m) throw new Error(`int.Parse fails on ${JSON.stringify(s)}`);
  const n = Number(m[1]);
  if (n > 2_147_483_647 || n < -2_147_483_648) throw new Error(`int.Parse overflows on ${JSON.stringify(s)}`);
  return n;
}

// ConfigHelper.Suffix, in the order the Dictionary is enumerated (insertion order): the first suffix the
// trimmed text ends with is taken ("10 secs" does not end with "sec", so "secs" is reached).
const SUFFIX: [string, number][] = [
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

/** ConfigHelper.ParseTimeSpan in milliseconds: trim, unit suffix, int.Parse of the rest; a bare number is ms. */
export function decodeWinswTimeSpan(v: string): number {
  const t = dotnetTrim(v);
  for (const [suffix, factor] of SUFFIX) {
    if (t.endsWith(suffix)) return dotnetIntParse(dotnetTrim(t.slice(0, t.length - suffix.length))) * factor;
  }
  return dotnetIntParse(t);
}

/** <sizeThreshold>: int.Parse of kilobytes, times 1024, in a 32-bit int. */
export function decodeWinswSizeThreshold(v: string): number {
  const kb = dotnetIntParse(v);
  const bytes = kb * 1024;
  if (bytes > 2_147_483_647) throw new Error(`sizeThreshold ${kb} KB overflows WinSW's int`);
  return bytes;
}

/** bool.Parse: "true"/"false", any case, white space around allowed. */
export function dotnetBoolParse(s: string): boolean {
  const t = dotnetTrim(s).toLowerCase();
  if (t === "true") return true;
  if (t === "false") return false;
  throw new Error(`bool.Parse fails on ${JSON.stringify(s)}`);
}
