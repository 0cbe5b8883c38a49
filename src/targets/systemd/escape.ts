import type { Text, TextPart } from "../../model.js";

// systemd's value classes (systemd.syntax(7), systemd.unit(5) SPECIFIERS, systemd.service(5) COMMAND
// LINES). Quoting is per setting: Exec* and Environment= are word lists with C escapes; paths and
// Description= are raw (quotes would become part of the value). `%` starts a specifier in all of them.
// `$` is expanded only in Exec* arguments (not in the executable, not in Environment=).

const C_ESCAPES: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v" };

function cEscape(ch: string): string {
  const named = C_ESCAPES[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return "\\x" + code.toString(16).padStart(2, "0");
  return ch;
}

// Characters that may stand unquoted in a word without any reading other than themselves.
const BARE = /^[A-Za-z0-9_@%+=:,./~-]+$/;

/** One literal run inside a quoted word: C escapes, `%%`, and `$$` where `$` would be expanded. */
function quotedChars(s: string, dollars: boolean): string {
  return s.replace(dollars ? QUOTED_SPECIAL_WITH_DOLLAR : QUOTED_SPECIAL, (ch) => (ch === "%" ? "%%" : ch === "$" ? "$$" : cEscape(ch)));
}
// eslint-disable-next-line no-control-regex
const QUOTED_SPECIAL = /[%\\"\x00-\x1f\x7f]/g;
// eslint-disable-next-line no-control-regex
const QUOTED_SPECIAL_WITH_DOLLAR = /[%$\\"\x00-\x1f\x7f]/g;

/**
 * An argument of ExecStart=/ExecStartPre=/ExecStopPost=: exactly one argv element. `${NAME}` parts
 * stay `${NAME}` (systemd substitutes the variable's value as part of the same argument).
 */
export function execArg(t: Text): string {
  const literal = t.parts.map((p) => (p.kind === "literal" ? p.text : "")).join("");
  const body = t.parts.map((p) => (p.kind === "literal" ? quotedChars(p.text, true) : "${" + p.name + "}")).join("");
  const bare = literal === "" ? t.parts.length > 1 : BARE.test(literal);
  return bare && !body.includes("\\") ? body : `"${body}"`;
}

/** The executable word: `%` doubled, `$` literal (systemd does not expand it there), quoted for spaces. */
export function execPath(path: string): string {
  const body = path.replace(/%/g, "%%");
  return BARE.test(path) ? body : `"${body}"`;
}

/** `Environment=` assignment for one variable; `$` is literal there, `%` is a specifier. */
export function envAssignment(name: string, value: string): string {
  const assignment = `${name}=${value}`;
  if (BARE.test(assignment)) return assignment.replace(/%/g, "%%");
  return `"${quotedChars(assignment, false)}"`;
}

/** A raw value (WorkingDirectory=, StandardOutput=append:PATH, Description=, User=): only `%` is special. */
export function rawValue(s: string): string {
  return s.replace(/%/g, "%%");
}

/** Where a raw value breaks (an index into it) and why, said of `setting` (`the Description= line`). */
export interface RawProblem {
  index: number;
  message: string;
}

/**
 * Why a raw value cannot be written, or undefined: judged on the whole value as the line carries it.
 * Measured on systemd 252: other control characters (\x01, DEL) and non-ASCII spaces are kept as they
 * are, so they are not refused.
 */
export function rawValueProblem(s: string, setting: string): RawProblem | undefined {
  const lineBreak = s.search(/[\r\n]/);
  if (lineBreak >= 0) return { index: lineBreak, message: `${setting} contains a line break, and a raw systemd value is one line with no escapes` };
  if (/^[ \t]/.test(s)) return { index: 0, message: `${setting} starts with a space or tab, which systemd trims` };
  if (/[ \t]$/.test(s)) return { index: s.length - 1, message: `${setting} ends with a space or tab, which systemd trims` };
  if (s.endsWith("\\")) return { index: s.length - 1, message: `${setting} ends with a backslash, which joins the next line of the unit onto it` };
  return undefined;
}

// path_simplify_and_warn (src/basic/path-util.c) refuses, fatally for the unit, a path with a ".."
// component ("path is not normalized"), a component longer than NAME_MAX or a path of PATH_MAX bytes or
// more ("path has invalid length"); measured with systemd-analyze verify 252.
const NAME_MAX = 255;
const PATH_MAX = 4096;

/** UTF-8 length of `s` (lone surrogates were refused by the loader). */
function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** Why an absolute path cannot be written as a raw value (WorkingDirectory=, a log path), or undefined. */
export function pathProblem(s: string, setting: string): RawProblem | undefined {
  let offset = 0;
  for (const component of s.split("/")) {
    if (component === "..") return { index: offset, message: `${setting} has a ".." component, which systemd refuses ("path is not normalized")` };
    const bytes = utf8Length(component);
    if (bytes > NAME_MAX) return { index: offset, message: `${setting} has a component of ${bytes} bytes, and systemd refuses one longer than ${NAME_MAX} ("path has invalid length")` };
    offset += component.length + 1;
  }
  const bytes = utf8Length(s);
  if (bytes >= PATH_MAX) {
    // Blame the field holding the byte that reaches the limit.
    let at = 0;
    let n = 0;
    for (const ch of s) {
      n += utf8Length(ch);
      if (n >= PATH_MAX) break;
      at += ch.length;
    }
    return { index: at, message: `${setting} is a path of ${bytes} bytes, and systemd refuses one of ${PATH_MAX} or more ("path has invalid length")` };
  }
  return rawValueProblem(s, setting);
}

const UNITS: [number, string][] = [
  [86_400_000, "d"],
  [3_600_000, "h"],
  [60_000, "min"],
  [1000, "s"],
  [1, "ms"],
];

/** A systemd time span with explicit units (a bare number would mean seconds): 90000 -> `1min 30s`. */
export function timespan(ms: number): string {
  if (ms === 0) return "0";
  const parts: string[] = [];
  let rest = ms;
  for (const [size, unit] of UNITS) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join(" ");
}

/** A unit name for After=/Wants=: a name without a suffix is a service. */
export function unitName(dep: string): string {
  return /\.(service|target|socket|mount|path|timer|device|swap|slice|scope|automount)$/.test(dep) ? dep : `${dep}.service`;
}

// ---------------------------------------------------------------------------------------------------
// Decoders: each the inverse of an encoder above, written from systemd 252's own parsing code
// (src/basic/extract-word.c, src/basic/escape.c cunescape_one, src/shared/specifier.c specifier_printf,
// src/core/load-fragment.c config_parse_exec/config_parse_environ/config_parse_exec_output,
// src/basic/env-util.c replace_env_argv, src/basic/time-util.c parse_sec). They report what they cannot
// decode exactly instead of guessing: `{ ok: false, problem }` names the reason in the user's terms.

export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: string };
const ok = <T>(value: T): Decoded<T> => ({ ok: true, value });
const fail = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });

const WS = " \t\n\r";

/**
 * One C escape after a backslash (systemd's cunescape_one): what it stands for (a character, or for `\xHH` and
 * `\NNN` one byte, since systemd unescapes those to bytes) and the index after it.
 */
function cunescapeAt(s: string, i: number): Decoded<[string | number, number]> {
  const c = s[i];
  const simple: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", '"': '"', "'": "'", s: " " };
  if (c === undefined) return fail("it ends with a backslash");
  if (c in simple) return ok([simple[c]!, i + 1]);
  const hex = (n: number) => {
    const h = s.slice(i + 1, i + 1 + n);
    return new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h) ? parseInt(h, 16) : undefined;
  };
  if (c === "x") {
    const v = hex(2);
    if (v === undefined || v === 0) return fail(`"\\x${s.slice(i + 1, i + 3)}" is not an escape systemd accepts`);
    return ok([v, i + 3]);
  }
  if (c === "u" || c === "U") {
    const n = c === "u" ? 4 : 8;
    const v = hex(n);
    if (v === undefined || v === 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return fail(`"\\${c}${s.slice(i + 1, i + 1 + n)}" is not an escape systemd accepts`);
    return ok([String.fromCodePoint(v), i + 1 + n]);
  }
  if (c >= "0" && c <= "7") {
    const o = s.slice(i, i + 3);
    if (!/^[0-7]{3}$/.test(o) || parseInt(o, 8) === 0 || parseInt(o, 8) > 0xff) return fail(`"\\${o}" is not an escape systemd accepts`);
    return ok([parseInt(o, 8), i + 3]);
  }
  return fail(`"\\${c}" is not an escape systemd knows (it refuses the line)`);
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** A word as extract_first_word(EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE) returns it, with where it started. */
export interface Word {
  text: string;
  /** Offset of the word's first character in the value. */
  offset: number;
  /** Some of it was quoted or escaped (so it is never the `;` separator). */
  quoted: boolean;
  /** The word as written in the unit (quotes and escapes included). */
  raw: string;
}

/**
 * Splits a word list (Exec*=, Environment=) as systemd does: whitespace separates words; "..." and '...'
 * quote (a quote may start anywhere in a word); backslash escapes are C escapes, inside quotes too; `\xHH`
 * and `\NNN` are bytes, which must add up to UTF-8. With `exec`, a word written `\;` is a literal ";"
 * (config_parse_exec checks for it before splitting).
 */
export function splitWords(value: string, exec = false): Decoded<Word[]> {
  const words: Word[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && WS.includes(value[i]!)) i++;
    if (i >= value.length) break;
    const start = i;
    if (exec && value[i] === "\\" && value[i + 1] === ";" && (i + 2 >= value.length || WS.includes(value[i + 2]!))) {
      words.push({ text: ";", offset: start, quoted: true, raw: "\\;" });
      i += 2;
      continue;
    }
    let text = "";
    let bytes: number[] = [];
    const flush = (): boolean => {
      if (bytes.length === 0) return true;
      try {
        text += UTF8.decode(new Uint8Array(bytes));
      } catch {
        return false;
      }
      bytes = [];
      return true;
    };
    let quote: string | undefined;
    let quoted = false;
    while (i < value.length) {
      const ch = value[i]!;
      if (quote) {
        if (ch === quote) {
          quote = undefined;
          i++;
          continue;
        }
      } else if (WS.includes(ch)) break;
      else if (ch === '"' || ch === "'") {
        quote = ch;
        quoted = true;
        i++;
        continue;
      }
      if (ch === "\\") {
        const e = cunescapeAt(value, i + 1);
        if (!e.ok) return e;
        quoted = true;
        const [v, next] = e.value;
        if (typeof v === "number") bytes.push(v);
        else {
          if (!flush()) return fail(`the escaped bytes before character ${i + 1} are not UTF-8`);
          text += v;
        }
        i = next;
        continue;
      }
      if (!flush()) return fail(`the escaped bytes before character ${i + 1} are not UTF-8`);
      text += ch;
      i++;
    }
    if (!flush()) return fail("the escaped bytes at the end of a word are not UTF-8");
    if (quote) return fail(`the quote ${quote} opened in the word at character ${start + 1} is never closed`);
    words.push({ text, offset: start, quoted, raw: value.slice(start, i) });
  }
  return ok(words);
}

/** What a unit's specifiers resolve to, where svcgen can know it for certain (see resolveSpecifiers). */
export interface SpecifierContext {
  /** The unit name, `orders.service`. */
  unit: string;
}

// Specifiers whose value follows from the unit name alone (systemd.unit(5), SPECIFIERS). The others depend on
// the host (%H, %m, %b, %v, %a, %o...), on the manager's environment (%T, %V), or on how unit names are
// unescaped (%P, %I, %J, %f); those are reported, not guessed.
const NAME_SPECIFIERS: Record<string, (c: SpecifierContext) => string> = {
  n: (c) => c.unit,
  N: (c) => c.unit.replace(/\.[^.]+$/, ""),
  p: (c) => c.unit.replace(/\.[^.]+$/, ""),
  i: () => "",
  j: (c) => {
    const p = c.unit.replace(/\.[^.]+$/, "");
    return p.slice(p.lastIndexOf("-") + 1);
  },
};
// specifier_printf: `%` followed by one of these is a specifier (an unknown one fails the setting); `%` followed by
// anything else, or at the end, stays a literal `%`.
const POSSIBLE_SPECIFIER = /[A-Za-z0-9]/;

/** specifier_printf as systemd 252 runs it on a setting's value: `%%` is `%`, and the specifiers above resolve. */
export function resolveSpecifiers(s: string, ctx: SpecifierContext): Decoded<string> {
  if (!s.includes("%")) return ok(s);
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== "%") {
      out += s[i];
      continue;
    }
    const c = s[i + 1];
    if (c === undefined) {
      out += "%";
      break;
    }
    i++;
    if (c === "%") out += "%";
    else if (NAME_SPECIFIERS[c]) out += NAME_SPECIFIERS[c]!(ctx);
    else if (POSSIBLE_SPECIFIER.test(c)) return fail(`the specifier %${c} depends on the machine or on how systemd runs the unit, so its value cannot be written into a spec`);
    else out += "%" + c;
  }
  return ok(out);
}

/** A raw value (Description=, WorkingDirectory=, User=, append: paths): only specifiers to resolve. */
export function decodeRawValue(raw: string, ctx: SpecifierContext): Decoded<string> {
  return resolveSpecifiers(raw, ctx);
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * One argument word (after quotes and escapes, before specifiers), as replace_env_argv treats it at start:
 * `$$` is `$`, `${NAME}` is the variable's value within the same argument, and a `$` before anything else is
 * literal. A word that starts with `$` and not `${` or `$$` is split at whitespace into any number of
 * arguments (`$NAME`), which a spec argument cannot express. With the `:` prefix nothing is expanded.
 */
export function decodeExecArgWord(word: Word, ctx: SpecifierContext, noEnvExpand: boolean): Decoded<TextPart[]> {
  const resolved = resolveSpecifiers(word.text, ctx);
  if (!resolved.ok) return resolved;
  const s = resolved.value;
  if (noEnvExpand) return ok([{ kind: "literal", text: s }]);
  if (s.startsWith("$") && s[1] !== "{" && s[1] !== "$") {
    return fail(
      s === "$"
        ? 'a lone "$" is taken by systemd as a variable with an empty name, and the argument disappears'
        : `"${s}" is a whole-word variable: systemd splits its value at whitespace into any number of arguments, which a spec argument cannot say`,
    );
  }
  const parts: TextPart[] = [];
  let lit = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === "$" && s[i + 1] === "$") {
      lit += "$";
      i++;
    } else if (ch === "$" && s[i + 1] === "{") {
      const end = s.indexOf("}", i + 2);
      const name = end < 0 ? undefined : s.slice(i + 2, end);
      if (name === undefined || !ENV_NAME.test(name)) return fail(`"${s.slice(i, end < 0 ? undefined : end + 1)}" is not a variable reference systemd versions agree on`);
      if (lit) parts.push({ kind: "literal", text: lit });
      lit = "";
      parts.push({ kind: "var", name });
      i = end;
    } else lit += ch;
  }
  if (lit || parts.length === 0) parts.push({ kind: "literal", text: lit });
  return ok(parts);
}

/** The prefixes of an Exec*= command (systemd.service(5), COMMAND LINES). */
export interface ExecPrefixes {
  /** `-`: a failure exit status is ignored. */
  ignoreFailure: boolean;
  /** `@`: the second word is argv[0]. */
  argv0: boolean;
  /** `:`: no environment variable substitution. */
  noEnvExpand: boolean;
  /** `+`, `!` or `!!`: privileges or credentials are not applied as for the service. */
  privileges?: "+" | "!" | "!!";
}

export interface ExecCommand {
  prefixes: ExecPrefixes;
  /** The executable as written (after prefixes, quotes, escapes and specifiers). */
  executable: string;
  args: TextPart[][];
  /** The prefix characters as written (`-`, `:+`), for messages. */
  prefixText: string;
}

/**
 * An Exec*= value as config_parse_exec (252) reads it: one or more commands (an unquoted lone `;` separates
 * them; `\;` is a literal `;` argument), each a possibly prefixed executable and its arguments.
 */
export function decodeExecLine(value: string, ctx: SpecifierContext): Decoded<ExecCommand[]> {
  const split = splitWords(value, true);
  if (!split.ok) return split;
  const commands: ExecCommand[] = [];
  let words = split.value;
  while (words.length > 0) {
    const sep = words.findIndex((w, i) => i > 0 && !w.quoted && w.raw === ";");
    const these = sep < 0 ? words : words.slice(0, sep);
    words = sep < 0 ? [] : words.slice(sep + 1);
    const [first, ...rest] = these;
    if (!first) return fail('an empty command before ";"');
    const prefixes: ExecPrefixes = { ignoreFailure: false, argv0: false, noEnvExpand: false };
    let f = first.text;
    let prefixText = "";
    for (;;) {
      const c = f[0];
      if (c === "-" && !prefixes.ignoreFailure) prefixes.ignoreFailure = true;
      else if (c === "@" && !prefixes.argv0) prefixes.argv0 = true;
      else if (c === ":" && !prefixes.noEnvExpand) prefixes.noEnvExpand = true;
      else if (c === "+" && !prefixes.privileges) prefixes.privileges = "+";
      else if (c === "!" && !prefixes.privileges) prefixes.privileges = "!";
      else if (c === "!" && prefixes.privileges === "!") prefixes.privileges = "!!";
      else break;
      prefixText += c;
      f = f.slice(1);
    }
    const exe = resolveSpecifiers(f, ctx);
    if (!exe.ok) return exe;
    if (exe.value === "") return fail("the command has no executable");
    const args: TextPart[][] = [];
    for (const w of rest) {
      const a = decodeExecArgWord(w, ctx, prefixes.noEnvExpand);
      if (!a.ok) return a;
      args.push(a.value);
    }
    commands.push({ prefixes, executable: exe.value, args, prefixText });
  }
  return ok(commands);
}

/**
 * An Environment= value as config_parse_environ reads it: words (quotes, C escapes), then specifiers per word;
 * each must be NAME=VALUE with a valid name (systemd ignores others with a warning: returned in `ignored`).
 * `$` is literal there.
 */
export function decodeEnvironment(value: string, ctx: SpecifierContext): Decoded<{ assignments: [string, string][]; ignored: string[] }> {
  const split = splitWords(value);
  if (!split.ok) return split;
  const assignments: [string, string][] = [];
  const ignored: string[] = [];
  for (const w of split.value) {
    const r = resolveSpecifiers(w.text, ctx);
    if (!r.ok) return r;
    const eq = r.value.indexOf("=");
    if (eq <= 0 || !ENV_NAME.test(r.value.slice(0, eq))) ignored.push(r.value);
    else assignments.push([r.value.slice(0, eq), r.value.slice(eq + 1)]);
  }
  return ok({ assignments, ignored });
}

// parse_sec's units (src/basic/time-util.c), in microseconds.
const USEC: Record<string, number> = {
  seconds: 1e6, second: 1e6, sec: 1e6, s: 1e6,
  minutes: 60e6, minute: 60e6, min: 60e6, months: 2_629_800e6, month: 2_629_800e6, M: 2_629_800e6,
  msec: 1e3, ms: 1e3, m: 60e6,
  hours: 3_600e6, hour: 3_600e6, hr: 3_600e6, h: 3_600e6,
  days: 86_400e6, day: 86_400e6, d: 86_400e6,
  weeks: 604_800e6, week: 604_800e6, w: 604_800e6,
  years: 31_557_600e6, year: 31_557_600e6, y: 31_557_600e6,
  usec: 1, us: 1, "µs": 1, "μs": 1,
};

/**
 * A time span as parse_sec reads it (`1min 30s`, `90`, `1.5h`, `infinity`), in milliseconds: the inverse of
 * `timespan`. `infinity` and spans that are not a whole number of milliseconds cannot be a spec duration.
 */
export function parseTimespan(s: string): Decoded<number> {
  const t = s.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, "");
  if (t === "infinity") return fail('"infinity" is not a duration a spec can state');
  if (t === "") return fail("the value is empty");
  let usec = 0;
  let i = 0;
  let any = false;
  const re = /[ \t\n\r]*(\d*)(?:\.(\d*))?[ \t\n\r]*([A-Za-z\u00b5\u03bc]*)/y;
  while (i < t.length) {
    re.lastIndex = i;
    const m = re.exec(t);
    if (!m || m[0] === "" || (m[1] === "" && (m[2] ?? "") === "")) return fail(`"${s}" is not a systemd time span`);
    const unit = m[3] === "" ? "s" : m[3]!;
    const mult = USEC[unit];
    if (mult === undefined) return fail(`"${m[3]}" is not a systemd time unit`);
    const whole = m[1] === "" ? 0 : Number(m[1]);
    const frac = m[2] ? Number(`0.${m[2]}`) : 0;
    usec += whole * mult + Math.floor(frac * mult);
    i = re.lastIndex;
    any = true;
  }
  if (!any || !Number.isSafeInteger(usec)) return fail(`"${s}" is not a systemd time span`);
  if (usec % 1000 !== 0) return fail(`${s} is not a whole number of milliseconds`);
  return ok(usec / 1000);
}

const UNIT_SUFFIX = /\.(service|target|socket|mount|path|timer|device|swap|slice|scope|automount)$/;

/** The dependsOn name for a unit name: the inverse of `unitName` (`postgresql.service` -> `postgresql`). */
export function dependencyName(unit: string): string {
  const base = unit.endsWith(".service") ? unit.slice(0, -".service".length) : unit;
  // `foo.target.service` must stay whole: `foo.target` would be written back as a target.
  return base !== unit && !UNIT_SUFFIX.test(base) ? base : unit;
}
