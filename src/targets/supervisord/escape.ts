import type { Text, TextPart } from "../../model.js";

// How supervisord 4.2.5 reads a value of a [program:x] section, in three layers (supervisor/options.py,
// datatypes.py and process.py, on Python's configparser and shlex):
//
// 1. configparser (RawConfigParser, inline_comment_prefixes ";" and "#", as options.py sets them): a
//    setting is one line; blanks (Python's str.isspace) are stripped at both ends; a ";" or "#" right
//    after a blank starts a comment. There are no escapes.
// 2. Python %-formatting of each value with a dict (options.expand; log file paths twice): "%%" is
//    "%", "%(ENV_X)s" the environment variable X (supervisord's own environment, then the program's
//    environment= for the settings read after it), any other "%" is an error that makes supervisord
//    refuse the whole configuration. Before that, every "%(here)s" in an included file is replaced by the file's
//    directory by a plain text replace (UnhosedConfigParser.expand_here), even inside "%%(here)s".
// 3. Per setting: command= is split with shlex.split (POSIX rules) at each start (process.py);
//    environment= is read by dict_of_key_value_pairs (shlex in non-POSIX mode: a quoted token keeps its
//    quotes, which strip('\'"') then removes, with any other quote characters at its ends; no escapes);
//    directory=, user= and the log file paths are used as they are.

/** Python's str.isspace() characters: what configparser strips and what makes a ";" or "#" a comment. */
const PY_SPACE_CLASS = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const PY_SPACE = new RegExp(`[${PY_SPACE_CLASS}]`);
const PY_LEADING = new RegExp(`^[${PY_SPACE_CLASS}]+`);
const PY_TRAILING = new RegExp(`[${PY_SPACE_CLASS}]+$`);
/** Python's c.isspace() for one character. */
export const isPySpace = (c: string | undefined): boolean => c !== undefined && c.length === 1 && PY_SPACE.test(c);
/** Python's str.lstrip(), rstrip() and strip() without arguments. */
export const pyStripStart = (s: string): string => s.replace(PY_LEADING, "");
export const pyStripEnd = (s: string): string => s.replace(PY_TRAILING, "");
export const pyStrip = (s: string): string => pyStripStart(pyStripEnd(s));
export const COMMENT_AFTER_SPACE = new RegExp(`[${PY_SPACE_CLASS}][;#]`);
export const LEADING_SPACE = new RegExp(`^[${PY_SPACE_CLASS}]`);
export const TRAILING_SPACE = new RegExp(`[${PY_SPACE_CLASS}]$`);
const LINE_BREAK = /[\r\n]/;
const HERE = "%(here)s";

/** `%(ENV_NAME)s`: supervisord's expansion of an environment variable. */
export const envReference = (name: string): string => `%(ENV_${name})s`;

/** A value for a setting supervisord takes as it is (directory=, user=): `%` doubled, `${NAME}` expanded by supervisord. */
export function expandable(t: Text): string {
  return t.parts.map((p) => (p.kind === "literal" ? p.text.replace(/%/g, "%%") : envReference(p.name))).join("");
}

/**
 * A log file path: supervisord expands stdout_logfile= and stderr_logfile= twice (saneget, then
 * expand again in processes_from_section), so a literal `%` is written `%%%%`, and a variable
 * `%%(ENV_NAME)s`, which the second pass substitutes (a value containing `%` is then not read again).
 */
export function logfileValue(t: Text): string {
  return t.parts.map((p) => (p.kind === "literal" ? p.text.replace(/%/g, "%%%%") : "%" + envReference(p.name))).join("");
}

const literals = (t: Text): string[] => t.parts.flatMap((p) => (p.kind === "literal" ? [p.text] : []));
const first = (t: Text): TextPart | undefined => t.parts[0];
const last = (t: Text): TextPart | undefined => t.parts[t.parts.length - 1];

/** Why a value cannot stand on one configparser line at all (every setting), or undefined. */
export function lineProblem(t: Text): string | undefined {
  if (literals(t).some((s) => LINE_BREAK.test(s))) {
    return "it contains a line break, and svcgen writes each supervisord setting on one line (configparser's indented continuation lines would lose the blanks around it)";
  }
  return undefined;
}

/**
 * Why a value of a setting supervisord takes as it is cannot be written so that it reads it back, or
 * undefined. `ends` says which ends of `t` are ends of the line (a log directory is followed by "/",
 * a log file name preceded by it).
 */
export function rawValueProblem(t: Text, ends: "both" | "start" | "end" = "both"): string | undefined {
  const line = lineProblem(t);
  if (line) return line;
  const f = first(t);
  const l = last(t);
  if ((ends !== "end" && f?.kind === "literal" && LEADING_SPACE.test(f.text)) || (ends !== "start" && l?.kind === "literal" && TRAILING_SPACE.test(l.text))) {
    return "it starts or ends with a blank, which configparser strips";
  }
  if (literals(t).some((s) => COMMENT_AFTER_SPACE.test(s))) return 'a ";" or "#" follows a blank, and configparser would cut the line there as a comment';
  if (literals(t).some((s) => s.includes(HERE))) return `it contains the text ${HERE}, which supervisord replaces with the configuration file's directory even when escaped`;
  return undefined;
}

// --- command=: shlex.split words

// Characters that stand for themselves in a bare shlex word and mean nothing to configparser or `%`.
const BARE = /^[A-Za-z0-9_@+=:,./-]+$/;

/** One literal run inside a double-quoted shlex word. */
function quotedRun(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    // In double quotes shlex takes a backslash literally unless a `"` or `\` follows: both are escaped.
    if (c === "\\" || c === '"') out += "\\" + c;
    else if (c === "%") out += "%%";
    // A ";" or "#" after a blank would start a configparser comment: close and reopen the quotes
    // between them (shlex joins the two halves into one word).
    else if ((c === ";" || c === "#") && i > 0 && PY_SPACE.test(s[i - 1]!)) out += '""' + c;
    else out += c;
  }
  // "%%(here)s" still contains "%(here)s", which expand_here replaces: split it with the same "" trick.
  return `"${out.replace(/%\(here\)s/g, '%(""here)s')}"`;
}

/**
 * One shlex word of command= that shlex.split gives back as exactly this argv element. `${NAME}` becomes
 * `'%(ENV_NAME)s'`: supervisord substitutes the value before splitting, so it is single-quoted to stay in
 * this word (a value containing `'` would still break the command; svcgen cannot see values).
 */
export function commandWord(t: Text): string {
  if (t.parts.length === 1 && t.parts[0]!.kind === "literal" && BARE.test(t.parts[0]!.text)) return t.parts[0]!.text;
  if (t.parts.every((p) => p.kind === "literal" && p.text === "")) return '""';
  return t.parts
    .filter((p) => p.kind === "var" || p.text !== "")
    .map((p) => (p.kind === "var" ? `'${envReference(p.name)}'` : BARE.test(p.text) ? p.text : quotedRun(p.text)))
    .join("");
}

export function commandLine(words: readonly Text[]): string {
  return words.map(commandWord).join(" ");
}

/**
 * `t` with each `${NAME}` that the spec's environment sets replaced by that value. In command= supervisord
 * substitutes the program's own value for %(ENV_NAME)s and then splits the line, so a value holding a
 * quote would break the word; svcgen knows these values, so it writes them out (the same characters
 * reach the program). Values from supervisord's own environment stay references.
 */
export function withKnownValues(t: Text, env: ReadonlyMap<string, Text>): Text {
  // A value that names its own variable (PATH: /opt/bin:${PATH}) holds supervisord's value of it, which
  // command= cannot reach any more (%(ENV_PATH)s there is the program's): it stays a reference, to the
  // program's value, which is what the spec's ${PATH} means.
  const known = (name: string) => env.has(name) && !env.get(name)!.parts.some((q) => q.kind === "var" && q.name === name);
  if (!t.parts.some((p) => p.kind === "var" && known(p.name))) return t;
  const parts: TextPart[] = [];
  for (const p of t.parts.flatMap((p) => (p.kind === "var" && known(p.name) ? env.get(p.name)!.parts : [p]))) {
    const prev = parts[parts.length - 1];
    if (p.kind === "literal" && prev?.kind === "literal") prev.text += p.text;
    else parts.push({ ...p });
  }
  return { ...t, parts };
}

// --- environment=: dict_of_key_value_pairs

/** Why an environment value cannot be written as KEY="value" (or 'value') and read back, or undefined. */
export function envValueProblem(t: Text): string | undefined {
  const line = lineProblem(t);
  if (line) return line;
  const text = literals(t).join("");
  if (text.includes('"') && text.includes("'")) return "it contains both ' and \", and supervisord's KEY=\"value\" syntax has no escape for the quote around the value";
  const f = first(t);
  const l = last(t);
  if ((f?.kind === "literal" && /^['"]/.test(f.text)) || (l?.kind === "literal" && /['"]$/.test(l.text))) {
    return "it starts or ends with a quote, which supervisord strips from environment values";
  }
  if (literals(t).some((s) => COMMENT_AFTER_SPACE.test(s))) return 'a ";" or "#" follows a blank, and configparser would cut the line there as a comment';
  if (literals(t).some((s) => s.includes(HERE))) return `it contains the text ${HERE}, which supervisord replaces with the configuration file's directory even when escaped`;
  return undefined;
}

/** `KEY="value"` for environment=, quoted with whichever quote the value does not contain. */
export function envAssignment(name: string, value: Text): string {
  const q = literals(value).some((s) => s.includes('"')) ? "'" : '"';
  return `${name}=${q}${expandable(value)}${q}`;
}

// --- /bin/sh words, for the hooks.preStart wrapper

/** POSIX shell variable names: what `${NAME}` can expand in /bin/sh. */
export const SH_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Characters that stand for themselves in a shell word wherever it is (no `=`: `a=b` first is an assignment).
const SH_BARE = /^[A-Za-z0-9_@%+:,./-]+$/;

/** One /bin/sh word: literal runs bare when safe, else in single quotes (`'` as `'\''`); `${NAME}` as `"${NAME}"`. */
export function shWord(t: Text): string {
  const word = t.parts
    .filter((p) => p.kind === "var" || p.text !== "")
    .map((p) => (p.kind === "var" ? `"\${${p.name}}"` : SH_BARE.test(p.text) ? p.text : `'${p.text.replace(/'/g, "'\\''")}'`))
    .join("");
  return word === "" ? "''" : word;
}

export const shCommand = (words: readonly Text[]): string => words.map(shWord).join(" ");

// --- log files

/** `<directory>/<file>` as one Text (trailing slashes of a literal directory dropped), for stdout_logfile= and stderr_logfile=. */
export function logPath(directory: Text, file: Text): Text {
  const parts: TextPart[] = directory.parts.map((p) => ({ ...p }));
  const end = parts[parts.length - 1];
  if (end?.kind === "literal") end.text = end.text.replace(/\/+$/, "");
  const joined: TextPart[] = [];
  for (const p of [...parts, { kind: "literal" as const, text: "/" }, ...file.parts]) {
    const prev = joined[joined.length - 1];
    if (p.kind === "literal" && prev?.kind === "literal") prev.text += p.text;
    else if (p.kind === "var" || p.text !== "") joined.push({ ...p });
  }
  return { parts: joined, source: `${directory.source}/${file.source}`, at: file.at };
}

/** True when two texts are the same characters and variables (the same log file). */
export const sameText = (a: Text, b: Text): boolean => JSON.stringify(a.parts) === JSON.stringify(b.parts);

// =====================================================================================================
// Decoders, the reader's side (read.ts): each reads what the encoder above writes, and what people write by
// hand, by the same rules supervisord reads it, reporting what it cannot decode to one meaning instead of
// guessing. A `${NAME}` part stands for a variable of supervisord's own environment (%(ENV_NAME)s), whose
// value svcgen cannot know.

/** A decoded value, or why not: `refused` when supervisord itself refuses the configuration for it. */
export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: string; refused?: boolean };
const ok = <T>(value: T): Decoded<T> => ({ ok: true, value });
const fail = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });
const refused = (problem: string): { ok: false; problem: string; refused: true } => ({ ok: false, problem, refused: true });

/** Appends a part, merging adjacent literals. */
function push(parts: TextPart[], p: TextPart): void {
  const last = parts[parts.length - 1];
  if (p.kind === "literal" && last?.kind === "literal") parts[parts.length - 1] = { kind: "literal", text: last.text + p.text };
  else if (p.kind === "var" || p.text !== "") parts.push(p);
}

// --- options.expand: Python's `value % expansions`

/**
 * What supervisord substitutes for `%(key)...`: known text (program_name, here, a value the file itself
 * sets), a number (process_num, numprocs), a variable of its own environment, or a value svcgen cannot
 * know (`why` says which).
 */
export type Expansion =
  | { kind: "text"; text: string }
  | { kind: "parts"; parts: readonly TextPart[] }
  | { kind: "int"; value: number }
  | { kind: "var"; name: string }
  | { kind: "unknown"; why: string };

/** Python's conversion characters (%% aside). */
const CONVERSIONS = "diouxXeEfFgGcrsa";

/** One `%...` conversion as Python's PyUnicode_Format parses it. */
interface Conversion {
  key?: string;
  flags: string;
  width?: number;
  precision?: number;
  conversion: string;
  end: number;
}

function parseConversion(s: string, i: number): Decoded<Conversion> {
  let j = i + 1;
  let key: string | undefined;
  if (s[j] === "(") {
    let depth = 1;
    const from = ++j;
    for (; j < s.length && depth > 0; j++) {
      if (s[j] === "(") depth++;
      else if (s[j] === ")") depth--;
    }
    if (depth > 0) return refused(`"${s.slice(i)}" has an incomplete format key`);
    key = s.slice(from, j - 1);
  }
  let flags = "";
  while (j < s.length && "-+ #0".includes(s[j]!)) flags += s[j++];
  const digits = (): number | undefined => {
    const m = /^\d+/.exec(s.slice(j));
    if (!m) return undefined;
    j += m[0].length;
    return Number(m[0]);
  };
  if (s[j] === "*") return refused(`"${s.slice(i, j + 1)}" asks for a width argument`);
  const width = digits();
  let precision: number | undefined;
  if (s[j] === ".") {
    j++;
    if (s[j] === "*") return refused(`"${s.slice(i, j + 1)}" asks for a precision argument`);
    precision = digits() ?? 0;
  }
  while (j < s.length && "hlL".includes(s[j]!)) j++;
  if (j >= s.length) return refused(`"${s.slice(i)}" is an incomplete format`);
  return ok({ ...(key !== undefined ? { key } : {}), flags, ...(width !== undefined ? { width } : {}), ...(precision !== undefined ? { precision } : {}), conversion: s[j]!, end: j + 1 });
}

/** Python's `%d` with flags and width, for a number. */
function formatInt(n: number, c: Conversion): string {
  let digits = String(Math.abs(n));
  if (c.precision !== undefined) digits = digits.padStart(c.precision, "0");
  const sign = n < 0 ? "-" : c.flags.includes("+") ? "+" : c.flags.includes(" ") ? " " : "";
  const width = c.width ?? 0;
  if (c.flags.includes("-")) return (sign + digits).padEnd(width, " ");
  if (c.flags.includes("0")) return sign + digits.padStart(width - sign.length, "0");
  return (sign + digits).padStart(width, " ");
}

/** Python's `%s` with flags, width and precision, for a text. */
function formatStr(t: string, c: Conversion): string {
  const cut = c.precision !== undefined ? Array.from(t).slice(0, c.precision).join("") : t;
  const len = Array.from(cut).length;
  const pad = " ".repeat(Math.max(0, (c.width ?? 0) - len));
  return c.flags.includes("-") ? cut + pad : pad + cut;
}

/**
 * `s % expansions` as supervisord's options.expand does it: `%%` is `%`, `%(key)s` the key's value
 * (`%(key)d` and the like for a number); anything else makes supervisord refuse the configuration. A
 * variable of supervisord's environment becomes a `${NAME}` part. What svcgen cannot decode exactly (a
 * conversion other than s and d, formatting of a value it cannot know) is reported.
 */
export function expandPercent(s: string, lookup: (key: string) => Expansion | undefined): Decoded<TextPart[]> {
  const parts: TextPart[] = [];
  let lit = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== "%") {
      lit += c;
      continue;
    }
    const conv = parseConversion(s, i);
    if (!conv.ok) return conv;
    const { key, conversion } = conv.value;
    const spec = s.slice(i, conv.value.end);
    if (!CONVERSIONS.includes(conversion) && !(conversion === "%" && key === undefined && conv.value.end === i + 2)) return refused(`"${spec}" has an unsupported format character`);
    if (key === undefined) {
      if (conversion === "%") {
        lit += "%";
        i++;
        continue;
      }
      // With a mapping, a conversion without a key formats the whole mapping (%s, %r, %a) or fails.
      if ("sra".includes(conversion)) return fail(`"${spec}" would insert the whole table of names supervisord expands`);
      return refused(`"${spec}" is neither %% nor %(name)s`);
    }
    const value = lookup(key);
    if (value === undefined) return refused(`%(${key})s names nothing supervisord can expand`);
    if (value.kind === "unknown") return fail(`${spec} is ${value.why}, which svcgen cannot know`);
    const plain = conv.value.flags === "" && conv.value.width === undefined && conv.value.precision === undefined;
    if (value.kind === "var" || value.kind === "parts") {
      const what = value.kind === "var" ? `the environment variable ${value.name}` : `%(${key})s`;
      if (conversion !== "s" || !plain) return fail(`${spec} formats the value of ${what}, which svcgen cannot know`);
      if (lit) parts.push({ kind: "literal", text: lit });
      lit = "";
      for (const p of value.kind === "var" ? [{ kind: "var" as const, name: value.name }] : value.parts) push(parts, p);
    } else if (value.kind === "int") {
      if ("diu".includes(conversion)) lit += formatInt(value.value, conv.value);
      else if (conversion === "s") lit += formatStr(String(value.value), conv.value);
      else return fail(`svcgen does not decode the conversion ${spec}`);
    } else {
      if (conversion === "s") lit += formatStr(value.text, conv.value);
      else if ("diouxXeEfFgG".includes(conversion)) return refused(`${spec} formats a text as a number`);
      else return fail(`svcgen does not decode the conversion ${spec}`);
    }
    i = conv.value.end - 1;
  }
  if (lit || parts.length === 0) parts.push({ kind: "literal", text: lit });
  return ok(parts);
}

/** A second expansion of already expanded parts (log file paths): the literal text again, variables as they are. */
export function expandPercentParts(parts: readonly TextPart[], lookup: (key: string) => Expansion | undefined): Decoded<TextPart[]> {
  const out: TextPart[] = [];
  for (const p of parts) {
    if (p.kind === "var") {
      push(out, p);
      continue;
    }
    const d = expandPercent(p.text, lookup);
    if (!d.ok) return d;
    for (const q of d.value) push(out, q);
  }
  if (out.length === 0) out.push({ kind: "literal", text: "" });
  return ok(out);
}

/** The characters of parts, each variable as one item (a placeholder for its unknown value). */
type Item = string | { name: string };
const items = (parts: readonly TextPart[]): Item[] => parts.flatMap((p): Item[] => (p.kind === "literal" ? Array.from(p.text) : [{ name: p.name }]));
const addItem = (word: TextPart[], c: Item): void => push(word, typeof c === "string" ? { kind: "literal", text: c } : { kind: "var", name: c.name });

// --- shlex.split, POSIX mode (command=, at each start: process.py get_execv_args)

const SHLEX_WS = " \t\r\n";

export interface SplitCommand {
  words: TextPart[][];
  /** Variables outside quotes: shlex splits their values at blanks and reads quotes in them. */
  unquotedVars: string[];
}

/**
 * shlex.split(value) (posix, whitespace_split, no comments) over expanded parts, state by state as CPython's
 * shlex.read_token. A variable inside quotes stays in its word (as svcgen writes it: a value holding that
 * quote would still end it); one outside quotes is kept in its word and named in `unquotedVars`.
 */
export function shlexSplitParts(parts: readonly TextPart[]): Decoded<SplitCommand> {
  const s = items(parts);
  const words: TextPart[][] = [];
  const unquotedVars: string[] = [];
  let i = 0;
  let state: string | undefined = " ";
  while (state !== undefined) {
    const word: TextPart[] = [];
    let has = false;
    let escaped = " ";
    for (;;) {
      const c = i < s.length ? s[i++]! : "";
      if (typeof c !== "string") {
        if (state === "\\") return fail(`a backslash before %(ENV_${c.name})s escapes the first character of its value, which svcgen cannot know`);
        if (state === " " || state === "a") unquotedVars.push(c.name);
        if (state === " ") state = "a";
        addItem(word, c);
        has = true;
        continue;
      }
      if (state === " ") {
        if (c === "") {
          state = undefined;
          break;
        } else if (SHLEX_WS.includes(c)) {
          if (has) break;
        } else if (c === "\\") {
          escaped = "a";
          state = "\\";
        } else if (c === "'" || c === '"') {
          state = c;
          has = true;
        } else {
          addItem(word, c);
          has = true;
          state = "a";
        }
      } else if (state === "'" || state === '"') {
        if (c === "") return fail("a quote is not closed (shlex: No closing quotation), and supervisord cannot start the program");
        if (c === state) state = "a";
        else if (c === "\\" && state === '"') {
          escaped = state;
          state = "\\";
        } else addItem(word, c);
      } else if (state === "\\") {
        if (c === "") return fail("it ends in a backslash (shlex: No escaped character), and supervisord cannot start the program");
        // Inside double quotes a backslash escapes only the quote and itself.
        if (escaped === '"' && c !== '"' && c !== "\\") addItem(word, "\\");
        addItem(word, c);
        has = true;
        state = escaped;
      } else {
        if (c === "") {
          state = undefined;
          break;
        } else if (SHLEX_WS.includes(c)) {
          state = " ";
          break;
        } else if (c === "'" || c === '"') state = c;
        else if (c === "\\") {
          escaped = "a";
          state = "\\";
        } else addItem(word, c);
      }
    }
    if (has) words.push(word.length > 0 ? word : [{ kind: "literal", text: "" }]);
  }
  return ok({ words, unquotedVars });
}

// --- dict_of_key_value_pairs (environment=): shlex.shlex in non-POSIX mode, wordchars += "/.+-():"

const WORDCHAR = /^[A-Za-z0-9_/.+\-():]$/;

interface Token {
  parts: TextPart[];
  /** The token's text when it holds no variable. */
  text?: string;
}

/**
 * The tokens of shlex.shlex(value) in non-POSIX mode as dict_of_key_value_pairs makes it: words of
 * ASCII letters, digits and _/.+-():, quoted strings with their quotes, any other character alone; # starts
 * a comment to the end of the line (inside a word too, which then goes on with the next line).
 */
function tokensNonPosix(parts: readonly TextPart[], unquoted: string[]): Decoded<Token[]> {
  const s = items(parts);
  const tokens: Token[] = [];
  let i = 0;
  const skipLine = () => {
    while (i < s.length && s[i] !== "\n") i++;
    if (i < s.length) i++;
  };
  for (;;) {
    const word: TextPart[] = [];
    let state = " ";
    for (;;) {
      const c = i < s.length ? s[i++]! : "";
      if (typeof c !== "string") {
        if (state === " " || state === "a") unquoted.push(c.name);
        if (state === " ") state = "a";
        addItem(word, c);
        continue;
      }
      if (state === " ") {
        if (c === "") break;
        if (SHLEX_WS.includes(c)) {
          if (word.length > 0) break;
          continue;
        }
        if (c === "#") skipLine();
        else if (WORDCHAR.test(c)) {
          addItem(word, c);
          state = "a";
        } else if (c === "'" || c === '"') {
          addItem(word, c);
          state = c;
        } else {
          addItem(word, c);
          break;
        }
      } else if (state === "'" || state === '"') {
        if (c === "") return refused("a quote is not closed (shlex: No closing quotation)");
        addItem(word, c);
        if (c === state) break;
      } else {
        if (c === "") break;
        if (SHLEX_WS.includes(c)) break;
        if (c === "#") skipLine();
        else if (WORDCHAR.test(c) || c === "'" || c === '"') addItem(word, c);
        else {
          i--; // pushed back: it starts the next token
          break;
        }
      }
    }
    // shlex's end of input is the empty token.
    if (word.length === 0) return ok(tokens);
    tokens.push({ parts: word, ...(word.every((p) => p.kind === "literal") ? { text: word.map((p) => (p as { text: string }).text).join("") } : {}) });
  }
}

export interface KeyValuePairs {
  /** Names and values in the order the names first appear (a later value replaces an earlier one). */
  pairs: [string, TextPart[]][];
  unquotedVars: string[];
}

/**
 * datatypes.dict_of_key_value_pairs: tokens taken three at a time as KEY = value, the fourth (the comma,
 * or whatever stands there) skipped; quote characters stripped from both ends of each value.
 */
export function keyValuePairs(parts: readonly TextPart[]): Decoded<KeyValuePairs> {
  const unquotedVars: string[] = [];
  const t = tokensNonPosix(parts, unquotedVars);
  if (!t.ok) return t;
  const tokens = t.value;
  const out = new Map<string, TextPart[]>();
  for (let i = 0; i < tokens.length; i += 4) {
    const [k, eq, v] = tokens.slice(i, i + 3);
    if (!v || eq?.text !== "=") return refused(`it is not KEY=value pairs (supervisord: "Unexpected end of key/value pairs") after ${JSON.stringify(tokens.slice(0, i).map((x) => x.text ?? "…").join(" "))}`);
    if (k!.text === undefined) return fail("a variable in a name");
    const value = v.parts.map((p) => ({ ...p }));
    const first = value[0];
    if (first?.kind === "literal") first.text = first.text.replace(/^['"]+/, "");
    const last = value[value.length - 1];
    if (last?.kind === "literal") last.text = last.text.replace(/['"]+$/, "");
    const clean: TextPart[] = [];
    for (const p of value) push(clean, p);
    out.set(k!.text, clean.length > 0 ? clean : [{ kind: "literal", text: "" }]);
  }
  return ok({ pairs: [...out], unquotedVars });
}

// --- /bin/sh words of the preStart wrapper (shWord's inverse)

/**
 * The commands of a /bin/sh script made of words and `&&`, as shCommand writes them: bare characters,
 * '...' quotes ('\'' for a quote), "${NAME}", and backslash escapes outside quotes. Anything else a shell
 * would interpret (an unquoted $, ;, |, globs, redirections) is refused.
 */
export function decodeShCommands(script: string): Decoded<TextPart[][][]> {
  const commands: TextPart[][][] = [[]];
  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (script.startsWith("&&", i)) {
      commands.push([]);
      i += 2;
      continue;
    }
    const word: TextPart[] = [];
    while (i < script.length && script[i] !== " " && script[i] !== "\t" && !script.startsWith("&&", i)) {
      const d = script[i]!;
      if (d === "'") {
        const end = script.indexOf("'", i + 1);
        if (end < 0) return fail("an unterminated ' quote");
        push(word, { kind: "literal", text: script.slice(i + 1, end) });
        i = end + 1;
      } else if (d === '"') {
        const m = /^"\$\{([A-Za-z_][A-Za-z0-9_]*)\}"/.exec(script.slice(i));
        if (!m) return fail(`a double-quoted text other than "\${NAME}" at ${JSON.stringify(script.slice(i, i + 20))}`);
        push(word, { kind: "var", name: m[1]! });
        i += m[0].length;
      } else if (d === "\\") {
        if (i + 1 >= script.length) return fail("a trailing backslash");
        push(word, { kind: "literal", text: script[i + 1]! });
        i += 2;
      } else if (/^[A-Za-z0-9_@%+:,./-]$/.test(d)) {
        push(word, { kind: "literal", text: d });
        i++;
      } else return fail(`the character ${JSON.stringify(d)}, which /bin/sh would interpret`);
    }
    commands[commands.length - 1]!.push(word.length > 0 ? word : [{ kind: "literal", text: "" }]);
  }
  return ok(commands);
}

// --- numbers, booleans, sizes (datatypes.py)

/** Python's int(str): blanks around, a sign, digits with single underscores between them. */
export function pyInt(s: string): number | undefined {
  const t = pyStrip(s);
  if (!/^[+-]?\d+(?:_\d+)*$/.test(t)) return undefined;
  const n = Number(t.replace(/_/g, ""));
  return Number.isSafeInteger(n) ? n : undefined;
}

const TRUTHY = ["yes", "true", "on", "1"];
const FALSY = ["no", "false", "off", "0"];

/** datatypes.boolean. */
export function pyBoolean(s: string): boolean | undefined {
  const l = s.toLowerCase();
  return TRUTHY.includes(l) ? true : FALSY.includes(l) ? false : undefined;
}

/** datatypes.byte_size: a number with an optional kb, mb or gb (1024-based, any case). */
export function byteSize(s: string): number | undefined {
  const l = s.toLowerCase();
  const unit = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 }[l.slice(-2)];
  const n = pyInt(unit ? l.slice(0, -2) : l);
  if (n === undefined) return undefined;
  const bytes = n * (unit ?? 1);
  return Number.isSafeInteger(bytes) ? bytes : undefined;
}
