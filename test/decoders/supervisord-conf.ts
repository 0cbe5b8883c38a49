// A reader of supervisord program files, written from the code supervisord 4.2.5 runs (Python 3.11's
// configparser and shlex; supervisor/options.py processes_from_section and expand, datatypes.py
// dict_of_key_value_pairs, process.py get_execv_args), independently of svcgen's encoder. Tests use it to
// read back what supervisord would do with a generated file; test/conformance/supervisord.test.ts checks
// that it agrees with supervisord's own parser. It is strict where svcgen should never produce something
// (a format conversion other than %s, an unquoted # in environment=): those throw.

/** Python's str.isspace() (and re's \s for str patterns): what configparser strips and splits on. */
const PY_SPACE = new Set(
  [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, ...range(0x2000, 0x200a), 0x2028, 0x2029, 0x202f, 0x205f, 0x3000].map((c) => String.fromCharCode(c)),
);
function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}
const PY_SPACE_CLASS = [...PY_SPACE].map((c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")).join("");
const OPTCRE = new RegExp(`^([^\\n]*?)[${PY_SPACE_CLASS}]*([=:])[${PY_SPACE_CLASS}]*([^\\n]*)$`);
const TRAILING = new RegExp(`[${PY_SPACE_CLASS}]+$`);
export const isPySpace = (c: string | undefined): boolean => c !== undefined && PY_SPACE.has(c);
export const pyStrip = (s: string): string => {
  let a = 0;
  let b = s.length;
  while (a < b && isPySpace(s[a])) a++;
  while (b > a && isPySpace(s[b - 1])) b--;
  return s.slice(a, b);
};

// --- configparser.RawConfigParser(inline_comment_prefixes=(";", "#"), strict=False), as options.py makes it

export interface IniFile {
  /** Section name -> option name (lower-cased) -> value, in file order. */
  sections: Map<string, Map<string, string>>;
}

/** Where an inline comment starts, with configparser's own search (each prefix's occurrences in turn). */
function inlineCommentStart(line: string): number | undefined {
  let start = Infinity;
  let prefixes = new Map<string, number>([
    [";", -1],
    ["#", -1],
  ]);
  while (start === Infinity && prefixes.size > 0) {
    const next = new Map<string, number>();
    for (const [prefix, from] of prefixes) {
      const index = line.indexOf(prefix, from + 1);
      if (index === -1) continue;
      next.set(prefix, index);
      if (index === 0 || (index > 0 && isPySpace(line[index - 1]))) start = Math.min(start, index);
    }
    prefixes = next;
  }
  return start === Infinity ? undefined : start;
}

export function parseIni(text: string): IniFile {
  const sections = new Map<string, Map<string, string[]>>();
  let cur: Map<string, string[]> | undefined;
  let opt: string | undefined;
  let indentLevel = 0;
  // Text-mode file iteration with universal newlines: \r\n, \r and \n end a line, nothing else does.
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  for (const line of lines) {
    let commentStart = inlineCommentStart(line);
    const stripped = pyStrip(line);
    if (stripped.startsWith("#") || stripped.startsWith(";")) commentStart = 0;
    const value = pyStrip(line.slice(0, commentStart));
    if (value === "") {
      // empty_lines_in_values: an empty line (without a comment) becomes part of the current value.
      if (commentStart === undefined && cur && opt) cur.get(opt)!.push("");
      continue;
    }
    let indent = 0;
    while (indent < line.length && isPySpace(line[indent])) indent++;
    if (cur && opt && indent > indentLevel) {
      cur.get(opt)!.push(value);
      continue;
    }
    indentLevel = indent;
    const header = /^\[([^\n]+)\]/.exec(value);
    if (header) {
      const name = header[1]!;
      cur = sections.get(name) ?? new Map();
      sections.set(name, cur);
      opt = undefined;
      continue;
    }
    if (!cur) throw new Error(`configparser: no section header before ${JSON.stringify(line)}`);
    // OPTCRE: (?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$  (Python's . is anything but \n)
    const m = OPTCRE.exec(value);
    if (!m || m[1] === "") throw new Error(`configparser: not an option line: ${JSON.stringify(line)}`);
    opt = pyStrip(m[1]!).toLowerCase();
    cur.set(opt, [pyStrip(m[3]!)]);
  }
  const out = new Map<string, Map<string, string>>();
  for (const [name, opts] of sections) {
    out.set(name, new Map([...opts].map(([k, v]) => [k, v.join("\n").replace(TRAILING, "")])));
  }
  return { sections: out };
}

// --- options.expand: Python's `s % dict`

/**
 * `%%` and `%(key)s` as Python's %-operator with a mapping does them (a key may hold balanced
 * parentheses: `%(ENV_ProgramFiles(x86))s`). Other conversions are valid Python but svcgen never writes
 * them, so they throw, as an unknown key does in supervisord ("cannot be expanded").
 */
export function percentFormat(s: string, lookup: (key: string) => string | undefined): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== "%") {
      out += c;
      continue;
    }
    if (s[i + 1] === "%") {
      out += "%";
      i++;
      continue;
    }
    if (s[i + 1] !== "(") throw new Error(`%-format: "%${s[i + 1] ?? ""}" in ${JSON.stringify(s)}`);
    let depth = 1;
    let j = i + 2;
    for (; j < s.length && depth > 0; j++) {
      if (s[j] === "(") depth++;
      else if (s[j] === ")") depth--;
    }
    if (depth > 0) throw new Error(`%-format: incomplete format key in ${JSON.stringify(s)}`);
    const key = s.slice(i + 2, j - 1);
    if (s[j] !== "s") throw new Error(`%-format: conversion %(${key})${s[j] ?? ""} in ${JSON.stringify(s)}`);
    const value = lookup(key);
    if (value === undefined) throw new Error(`%-format: ${key} cannot be expanded in ${JSON.stringify(s)}`);
    out += value;
    i = j;
  }
  return out;
}

/** UnhosedConfigParser.expand_here: a plain replace, escaped or not. */
export const expandHere = (s: string, here: string): string => s.split("%(here)s").join(here);

// --- shlex

const SHLEX_WS = " \t\r\n";

/** shlex.split(s): posix=True, whitespace_split=True, no comments (CPython's read_token, state by state). */
export function shlexSplit(s: string): string[] {
  const words: string[] = [];
  let i = 0;
  let state: string | undefined = " ";
  while (state !== undefined) {
    let token = "";
    let quoted = false;
    let escapedState = " ";
    for (;;) {
      const c = i < s.length ? s[i++]! : "";
      if (state === " ") {
        if (c === "") {
          state = undefined;
          break;
        } else if (SHLEX_WS.includes(c)) {
          if (token || quoted) break;
        } else if (c === "\\") {
          escapedState = "a";
          state = "\\";
        } else if (c === "'" || c === '"') state = c;
        else {
          token = c;
          state = "a";
        }
      } else if (state === "'" || state === '"') {
        quoted = true;
        if (c === "") throw new Error(`shlex: No closing quotation in ${JSON.stringify(s)}`);
        if (c === state) state = "a";
        else if (c === "\\" && state === '"') {
          escapedState = state;
          state = "\\";
        } else token += c;
      } else if (state === "\\") {
        if (c === "") throw new Error(`shlex: No escaped character in ${JSON.stringify(s)}`);
        // Inside quotes only the quote itself and the backslash are escaped.
        if ((escapedState === "'" || escapedState === '"') && c !== '"' && c !== "\\") token += "\\";
        token += c;
        state = escapedState;
      } else {
        if (c === "") {
          state = undefined;
          break;
        } else if (SHLEX_WS.includes(c)) {
          state = " ";
          if (token || quoted) break;
        } else if (c === "'" || c === '"') state = c;
        else if (c === "\\") {
          escapedState = "a";
          state = "\\";
        } else token += c;
      }
    }
    if (token || quoted) words.push(token);
  }
  return words;
}

const NON_POSIX_WORDCHARS = /^[A-Za-z0-9_/.+\-():]$/;

/** The tokens of shlex.shlex(s) in non-POSIX mode with wordchars += '/.+-():' (dict_of_key_value_pairs). */
export function shlexTokensNonPosix(text: string): string[] {
  const s = Array.from(text); // Python reads code points
  const tokens: string[] = [];
  let i = 0;
  for (;;) {
    let token = "";
    let state = " ";
    while (i <= s.length) {
      const c = i < s.length ? s[i] : "";
      i++;
      if (state === " ") {
        if (c === "") break;
        if (SHLEX_WS.includes(c!)) {
          if (token) break;
          continue;
        }
        if (c === "#") throw new Error(`shlex: unquoted # (a comment) in ${JSON.stringify(text)}`);
        if (NON_POSIX_WORDCHARS.test(c!)) {
          token = c!;
          state = "a";
        } else if (c === "'" || c === '"') {
          token = c;
          state = c;
        } else {
          token = c!;
          break;
        }
      } else if (state === "'" || state === '"') {
        if (c === "") throw new Error(`shlex: No closing quotation in ${JSON.stringify(text)}`);
        token += c;
        if (c === state) break;
      } else {
        if (c === "" || SHLEX_WS.includes(c!)) break;
        if (c === "#") throw new Error(`shlex: unquoted # (a comment) in ${JSON.stringify(text)}`);
        if (NON_POSIX_WORDCHARS.test(c!) || c === "'" || c === '"') token += c;
        else {
          i--; // pushed back: it starts the next token
          break;
        }
      }
    }
    if (token === "") return tokens;
    tokens.push(token);
  }
}

/** datatypes.dict_of_key_value_pairs: KEY=value pairs, every fourth token skipped, quotes stripped from values. */
export function dictOfKeyValuePairs(s: string): [string, string][] {
  const tokens = shlexTokensNonPosix(s);
  const out = new Map<string, string>();
  for (let i = 0; i < tokens.length; i += 4) {
    const [k, eq, v] = tokens.slice(i, i + 3);
    if (v === undefined || eq !== "=") throw new Error(`Unexpected end of key/value pairs in value ${JSON.stringify(s)}`);
    out.set(k!, v.replace(/^['"]+|['"]+$/g, ""));
  }
  return [...out];
}

// --- /bin/sh, for svcgen's preStart wrapper: the subset a generated script may use

const SH_PLAIN = /^[A-Za-z0-9_@%+:,./-]$/;

/**
 * The words of a POSIX shell command list made of words and `&&`: single quotes, double quotes holding
 * only `${NAME}` expansions, and backslash escapes outside quotes. Anything else throws.
 */
export function shWords(script: string, variable: (name: string) => string): string[][] {
  const commands: string[][] = [[]];
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
    let word = "";
    for (; i < script.length && script[i] !== " " && script[i] !== "\t"; ) {
      const d = script[i]!;
      if (d === "'") {
        const end = script.indexOf("'", i + 1);
        if (end < 0) throw new Error(`sh: unterminated ' in ${script}`);
        word += script.slice(i + 1, end);
        i = end + 1;
      } else if (d === '"') {
        const end = script.indexOf('"', i + 1);
        if (end < 0) throw new Error(`sh: unterminated " in ${script}`);
        const inner = script.slice(i + 1, end);
        const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(inner);
        if (!m) throw new Error(`sh: unexpected double-quoted text ${inner}`);
        word += variable(m[1]!);
        i = end + 1;
      } else if (d === "\\") {
        word += script[i + 1] ?? "";
        i += 2;
      } else if (SH_PLAIN.test(d)) {
        word += d;
        i++;
      } else throw new Error(`sh: unquoted ${JSON.stringify(d)} in ${script}`);
    }
    commands[commands.length - 1]!.push(word);
  }
  return commands;
}

// --- a [program:x] section as supervisord reads it

export interface DecodedProgram {
  name: string;
  /** Every option as configparser gives it (before expansion). */
  raw: Map<string, string>;
  argv: string[];
  environment: [string, string][];
  directory?: string;
  user?: string;
  stdoutLogfile?: string;
  stderrLogfile?: string;
}

/**
 * Reads the one [program:x] section of a file as supervisord does, with `env(name)` as supervisord's
 * own environment (ENV_name), the file's directory as %(here)s. The settings read after environment=
 * (directory, the log files, command) also see the program's environment, as in processes_from_section.
 */
export function decodeProgram(text: string, env: (name: string) => string | undefined, here = "/etc/supervisor/conf.d"): DecodedProgram {
  const ini = parseIni(text);
  const names = [...ini.sections.keys()];
  if (names.length !== 1 || !names[0]!.startsWith("program:")) throw new Error(`expected one [program:x] section, got ${names.join(", ")}`);
  const name = names[0]!.slice("program:".length);
  const raw = new Map([...ini.sections.get(names[0]!)!].map(([k, v]) => [k, expandHere(v, here)]));
  const common: Record<string, string> = { here, program_name: name, group_name: name, host_node_name: "host", process_num: "0", numprocs: "1" };
  const supervisordLookup = (key: string) => (key in common ? common[key] : key.startsWith("ENV_") ? env(key.slice(4)) : undefined);
  const environment = raw.has("environment") ? dictOfKeyValuePairs(percentFormat(raw.get("environment")!, supervisordLookup)) : [];
  const programEnv = new Map(environment);
  const programLookup = (key: string) => (key.startsWith("ENV_") && programEnv.has(key.slice(4)) ? programEnv.get(key.slice(4)) : supervisordLookup(key));
  const once = (key: string, lookup = programLookup) => (raw.has(key) ? percentFormat(raw.get(key)!, lookup) : undefined);
  // Log file names are expanded twice (saneget, then expand in processes_from_section).
  const twice = (key: string) => {
    const v = once(key);
    return v === undefined ? undefined : percentFormat(v, programLookup);
  };
  const command = once("command");
  if (command === undefined) throw new Error("no command=");
  const out: DecodedProgram = { name, raw, argv: shlexSplit(command), environment };
  const directory = once("directory");
  if (directory !== undefined) out.directory = directory;
  const user = once("user", supervisordLookup);
  if (user !== undefined) out.user = user;
  const stdout = twice("stdout_logfile");
  if (stdout !== undefined) out.stdoutLogfile = stdout;
  const stderr = twice("stderr_logfile");
  if (stderr !== undefined) out.stderrLogfile = stderr;
  return out;
}
