// A reader of supervisord program files, written from the code supervisord 4.2.5 runs (Python 3.11's
// configparser and shlex; supervisor/options.py processes_from_section and expand, datatypes.py
// dict_of_key_value_pairs, process.py get_execv_args), independently of svcgen's encoder. Tests use it to
// read back what supervisord would do with a generated file; test/conformance/supervisord.test.ts checks
// that it agrees with supervisord's own parser. It is strict where svcgen should never produce something
// (a format conversion other than %s, an unquoted # in environment=): those throw.

import { parseConfFile, sectionItems } from "../../src/targets/supervisord/conf-file.js";
import { decodeShCommands, isPySpace, pyStrip } from "../../src/targets/supervisord/escape.js";

// Python's str.isspace(), configparser's reading of a file and /bin/sh's words of the preStart wrapper
// are those svcgen's own readers implement (src/targets/supervisord/conf-file.ts and escape.ts, for
// `svcgen import`): one implementation, which the tests beside this file hold to Python's configparser
// and to supervisord. The rest of this file is written independently of svcgen's encoder and readers.
export { isPySpace, pyStrip };

// --- configparser.RawConfigParser(inline_comment_prefixes=(";", "#"), strict=False), as options.py makes it

export interface IniFile {
  /** Section name -> option name (lower-cased) -> value, as configparser's items() gives them ([DEFAULT]'s too). */
  sections: Map<string, Map<string, string>>;
}

/** The file's sections; a file supervisord refuses throws. */
export function parseIni(text: string): IniFile {
  const conf = parseConfFile(text, "test.conf");
  const problem = conf.problems[0];
  if (problem) throw new Error(`configparser: line ${problem.at.line}: ${problem.message}`);
  return { sections: new Map(conf.sections.map((s) => [s.name, new Map(sectionItems(conf, s).map((o) => [o.name, o.value]))])) };
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

/**
 * The words of a POSIX shell command list made of words and `&&` (single quotes, double quotes holding
 * only `${NAME}` expansions, backslash escapes outside quotes), with `variable` giving each ${NAME}'s
 * value. Anything else throws.
 */
export function shWords(script: string, variable: (name: string) => string): string[][] {
  const decoded = decodeShCommands(script);
  if (!decoded.ok) throw new Error(`sh: ${decoded.problem} in ${script}`);
  return decoded.value.map((command) => command.map((word) => word.map((p) => (p.kind === "literal" ? p.text : variable(p.name))).join("")));
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
