// Rules every Windows target shares, written from Windows' own rules (not from src/escape or the targets'
// checks): what %-expansion can carry, what the spec loader refuses for any Windows target, and decoding
// an expanded value or command line back into spec parts.

import { decodeWindowsArgs, splitProgramName, type ArgvDialect } from "../../decoders/windows-argv.js";
import { expandWindows, sentinelsToParts, windowsReadings } from "../../decoders/windows-expand.js";
import { allTexts, normalizeParts, textOf, type GenSpec, type Parts } from "../spec-gen.js";

/** The only way to write a value Windows expands: literal text as it is, `${NAME}` as `%NAME%` (no escape exists). */
export const asExpandable = (p: Parts): string => p.map((x) => (x.kind === "literal" ? x.text : `%${x.name}%`)).join("");

const same = (a: Parts, b: Parts): boolean => JSON.stringify(normalizeParts(a)) === JSON.stringify(normalizeParts(b));

/**
 * Why `%`-expansion cannot give back these parts under every reading (see test/decoders/windows-expand.ts),
 * or undefined. `names` are the variables taken as defined in the narrow reading.
 */
export function expansionProblem(p: Parts, names: readonly string[] = varNames(p)): string | undefined {
  const written = asExpandable(p);
  for (const r of windowsReadings(names)) {
    const back = sentinelsToParts(expandWindows(written, r.defined, r.scan));
    if (!same(back, p)) return `%-expansion (${r.label}) reads ${JSON.stringify(written)} differently`;
  }
  return undefined;
}

export const varNames = (...ps: Parts[]): string[] => ps.flatMap((p) => p.flatMap((x) => (x.kind === "var" ? [x.name] : [])));

/** Parts joined with a literal separator (the argument line as %-expansion scans it). */
export const joinParts = (ps: Parts[], sep = " "): Parts => ps.flatMap((p, i) => (i === 0 ? p : [{ kind: "literal" as const, text: sep }, ...p]));

/**
 * Windows runs a .bat or .cmd program through cmd.exe (CreateProcess starts `cmd.exe /c` for it, whoever
 * asks: the SCM, nssm, WinSW, Task Scheduler; trailing dots and spaces of the file name are dropped), and
 * cmd.exe reads & | < > ^ on that command line as syntax, toggles its quoting at every ", and cannot
 * pass a line break: an argument holding one is not passed as written.
 */
export const isBatch = (exe: Parts): boolean => /\.(bat|cmd)[. ]*$/i.test(asExpandable(exe));
const CMD_SYNTAX = /[&|<>^"\r\n]/;
export const batchProblem = (exe: Parts, args: Parts[]): string | undefined =>
  isBatch(exe) && args.some((a) => CMD_SYNTAX.test(textOf(a))) ? "cmd.exe syntax character in an argument of a batch program" : undefined;

const CONTROL = /[\x00-\x1f]/;
/** Windows file names and account names allow no character below U+0020. */
export const hasControl = (p: Parts): boolean => CONTROL.test(textOf(p));

// The spec loader's Windows rules (SPEC.md: a Windows user other than a gMSA or an NT AUTHORITY / NT SERVICE
// identity needs a password; NUL is never a character of any value).
const PASSWORDLESS = /\$$|^(NT AUTHORITY|NT SERVICE)\\/i;
export function specProblem(s: GenSpec): string | undefined {
  if (allTexts(s).some((p) => textOf(p).includes("\0"))) return "NUL";
  if (s.account?.kind === "user" && !s.account.passwordEnv && !PASSWORDLESS.test(textOf(s.account.user))) return "Windows user without a password";
  return undefined;
}

/**
 * Minimal length of one argv element on a Windows command line (MSVCRT rules): quotes only when it is
 * empty, has a space or tab, or holds a variable (whose value may have spaces); a `"` costs a backslash,
 * and so does each backslash before a `"` (or before the closing quote).
 */
export function minimalArgLength(p: Parts): number {
  const s = asExpandable(p);
  const quoted = s === "" || /[ \t]/.test(s) || p.some((x) => x.kind === "var");
  let n = quoted ? 2 : 0;
  let slashes = 0;
  for (const c of s.split("")) {
    if (c === "\\") {
      slashes++;
      continue;
    }
    n += c === '"' ? 2 * slashes + 2 : slashes + 1;
    slashes = 0;
  }
  return n + (quoted ? 2 * slashes : slashes);
}

export interface DecodedCommand {
  program: Parts;
  args: Parts[];
}

/**
 * Decodes a command line that Windows expands piece by piece (each piece a value of its own, such as a
 * program path and an argument string), joins with a space, and a program then splits: expansion under
 * every reading, then argv by both the C runtime and CommandLineToArgvW. Returns the first decoding, and
 * the readings whose result differs from it.
 */
export function decodeExpandedCommandLine(pieces: readonly string[], names: readonly string[]): { decoded: DecodedCommand; disagreements: string[] } {
  const results: [string, DecodedCommand][] = [];
  for (const r of windowsReadings(names)) {
    const expanded = pieces.map((p) => expandWindows(p, r.defined, r.scan)).join(" ");
    for (const dialect of ["msvcrt", "commandLineToArgvW"] as ArgvDialect[]) {
      const { program, rest } = splitProgramName(expanded, dialect);
      results.push([`${r.label}, ${dialect}`, { program: sentinelsToParts(program), args: decodeWindowsArgs(rest, dialect).map(sentinelsToParts) }]);
    }
  }
  const first = JSON.stringify(results[0]![1]);
  return { decoded: results[0]![1], disagreements: results.filter(([, d]) => JSON.stringify(d) !== first).map(([l]) => l) };
}

/** Decodes an expanded single value (a path) under every reading; disagreements listed as above. */
export function decodeExpandedValue(s: string, names: readonly string[]): { decoded: Parts; disagreements: string[] } {
  const results = windowsReadings(names).map((r) => [r.label, sentinelsToParts(expandWindows(s, r.defined, r.scan))] as const);
  const first = JSON.stringify(results[0]![1]);
  return { decoded: results[0]![1], disagreements: results.filter(([, d]) => JSON.stringify(d) !== first).map(([l]) => l) };
}

/** Collects differences; values compared as JSON. */
export function differ(): { bad: string[]; eq: (what: string, got: unknown, want: unknown) => void } {
  const bad: string[] = [];
  const eq = (what: string, got: unknown, want: unknown) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  return { bad, eq };
}

export const partsEqual = same;
export const norm = normalizeParts;
