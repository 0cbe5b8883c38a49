// Windows %NAME% expansion (ExpandEnvironmentStrings; .NET's Environment.ExpandEnvironmentVariables calls
// it), for decoding values that Windows expands: WinSW's elements, Task Scheduler's Exec values, a
// REG_EXPAND_SZ. Microsoft documents only that each %name% of a defined variable is replaced (names are
// case-insensitive) and that an undefined one is left as it is; there is no escape. Where the scan resumes
// after an undefined name is not documented, and implementations differ:
//   "ntdll"  keeps the `%` and rescans from the closing `%` (ReactOS rtl/env.c, modelling Windows' ntdll);
//   "wine"   keeps `%name%` whole and resumes after it (Wine dlls/ntdll/env.c).
// A value is written faithfully only if every reading gives it back, so tests decode under both scans
// and both extremes of the environment: only the spec's own variables defined, or every name defined.
//
// Variables come back as parts: each defined name expands to a sentinel (private-use characters around
// the name, with a space inside so that argv quoting is exercised), which `sentinelsToParts` turns back
// into { kind: "var" } parts after any further decoding (argv splitting).

export type Part = { kind: "literal"; text: string } | { kind: "var"; name: string };
export type ExpandScan = "ntdll" | "wine";

const OPEN = "\uE000";
const CLOSE = "\uE001";
export const sentinel = (name: string): string => `${OPEN} ${name} ${CLOSE}`;

/**
 * Expands `s`. `defined(name)` says whether a variable of that name exists (an empty name never does);
 * a defined name becomes `substitute(name)`: its sentinel, unless the caller has real values.
 */
export function expandWindows(s: string, defined: (name: string) => boolean, scan: ExpandScan, substitute?: (name: string) => string): string {
  if (!substitute && (s.includes(OPEN) || s.includes(CLOSE))) throw new Error("value contains the decoder's sentinel characters");
  const valueOf = substitute ?? sentinel;
  let out = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c !== "%") {
      out += c;
      i++;
      continue;
    }
    const close = s.indexOf("%", i + 1);
    if (close < 0) {
      out += s.slice(i); // an unfinished name is copied
      break;
    }
    const name = s.slice(i + 1, close);
    if (name !== "" && defined(name)) {
      out += valueOf(name);
      i = close + 1;
    } else if (scan === "wine") {
      out += s.slice(i, close + 1);
      i = close + 1;
    } else {
      out += "%";
      i = i + 1;
      // ntdll: copy the `%` and go on scanning right after it (the name's characters are then plain
      // text up to the closing `%`, which may open another name).
      out += s.slice(i, close);
      i = close;
    }
  }
  return out;
}

/** Sentinels back to variable parts; adjacent literal text merged, empty literals dropped. */
export function sentinelsToParts(s: string): Part[] {
  const out: Part[] = [];
  const push = (p: Part) => {
    const last = out[out.length - 1];
    if (p.kind === "literal" && p.text === "") return;
    if (p.kind === "literal" && last?.kind === "literal") last.text += p.text;
    else out.push(p);
  };
  const re = new RegExp(`${OPEN} ([^${CLOSE}]*) ${CLOSE}`, "g");
  let last = 0;
  for (const m of s.matchAll(re)) {
    push({ kind: "literal", text: s.slice(last, m.index) });
    push({ kind: "var", name: m[1]! });
    last = m.index! + m[0].length;
  }
  push({ kind: "literal", text: s.slice(last) });
  if (out.some((p) => p.kind === "literal" && (p.text.includes(OPEN) || p.text.includes(CLOSE)))) throw new Error("a sentinel was split apart");
  return out.length === 0 ? [{ kind: "literal", text: "" }] : out;
}

/** The four readings: both scans, with only `names` defined or every name defined. */
export function windowsReadings(names: readonly string[]): { label: string; defined: (n: string) => boolean; scan: ExpandScan }[] {
  const own = new Set(names.map((n) => n.toUpperCase()));
  const some = (n: string) => own.has(n.toUpperCase());
  const all = () => true;
  return [
    { label: "ntdll, spec's variables", defined: some, scan: "ntdll" },
    { label: "ntdll, every name", defined: all, scan: "ntdll" },
    { label: "wine, spec's variables", defined: some, scan: "wine" },
    { label: "wine, every name", defined: all, scan: "wine" },
  ];
}
