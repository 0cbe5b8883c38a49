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
  if (!t.parts.some((p) => p.kind === "var" && env.has(p.name))) return t;
  const parts: TextPart[] = [];
  for (const p of t.parts.flatMap((p) => (p.kind === "var" && env.has(p.name) ? env.get(p.name)!.parts : [p]))) {
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
