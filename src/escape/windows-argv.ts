// Quoting one argv element so that the MSVCRT start-up code (and CommandLineToArgvW) gives it back
// unchanged. Rules (Microsoft, "Parsing C++ command-line arguments"): whitespace separates arguments
// outside quotes; 2n backslashes before a quote give n backslashes and the quote toggles quoting;
// 2n+1 backslashes before a quote give n backslashes and a literal quote; backslashes not before a
// quote are literal.

const NEEDS_QUOTES = /[ \t\n\v"]/;

/**
 * `always` quotes even an argument that needs no quotes as written: for text that is expanded before the
 * program parses it (WinSW's `%NAME%`), where the variable's value may bring spaces.
 */
export function quoteWindowsArg(arg: string, always = false): string {
  if (!always && arg !== "" && !NEEDS_QUOTES.test(arg)) return arg;
  // A quote gets a backslash, and the backslashes before it are doubled; so are those before the
  // closing quote, or the last one would escape it. Other backslashes are literal.
  return '"' + arg.replace(QUOTE_AND_BACKSLASHES_BEFORE, '$1$1\\"').replace(TRAILING_BACKSLASHES, "$1$1") + '"';
}

const QUOTE_AND_BACKSLASHES_BEFORE = /(\\*)"/g;
const TRAILING_BACKSLASHES = /(\\+)$/;

/** The argument part of a command line (everything after the program name). */
export function joinWindowsArgs(args: readonly string[]): string {
  return args.map((a) => quoteWindowsArg(a)).join(" ");
}

/**
 * The inverse of joinWindowsArgs: the argument part of a command line split as the C runtime splits it
 * (Microsoft, "Parsing C++ command-line arguments"), or why it cannot be split unambiguously. Programs split
 * with either the C runtime (since 2008: `""` inside a quoted run is a literal quote and the run goes on) or
 * CommandLineToArgvW (the pre-2008 rule: the literal quote ends the run); a line the two read differently is
 * refused rather than guessed. Hand-written quoting (`a"b c"d` is one argument, `a b`) is read as they read it.
 */
export function splitWindowsArgs(tail: string): { ok: true; args: string[] } | { ok: false; problem: string } {
  const msvcrt = splitArgs(tail, false);
  const shell = splitArgs(tail, true);
  if (JSON.stringify(msvcrt) !== JSON.stringify(shell)) {
    return { ok: false, problem: 'it has "" inside a quoted run, which the C runtime and CommandLineToArgvW split differently' };
  }
  return { ok: true, args: msvcrt };
}

function splitArgs(tail: string, pre2008: boolean): string[] {
  const args: string[] = [];
  const blank = (c: string | undefined) => c === " " || c === "\t";
  let i = 0;
  for (;;) {
    while (blank(tail[i])) i++;
    if (i >= tail.length) return args;
    let arg = "";
    let quoted = false;
    while (i < tail.length) {
      let slashes = 0;
      while (tail[i] === "\\") {
        slashes++;
        i++;
      }
      if (tail[i] === '"') {
        arg += "\\".repeat(slashes >> 1);
        if (slashes % 2 === 1) arg += '"';
        else if (quoted && tail[i + 1] === '"') {
          arg += '"';
          i++;
          if (pre2008) quoted = false;
        } else quoted = !quoted;
        i++;
        continue;
      }
      arg += "\\".repeat(slashes);
      if (i >= tail.length || (!quoted && blank(tail[i]))) break;
      arg += tail[i];
      i++;
    }
    args.push(arg);
  }
}

/**
 * The program word at the start of a command line: a quoted path up to its closing quote, or the text up to
 * the first space or tab, and the rest (the tail, for splitWindowsArgs). Not an answer to which file Windows
 * runs for an unquoted word followed by more text: CreateProcess then tries the word, then the word and the
 * next one (C:\Program.exe before C:\Program Files\x.exe: CWE-428), so callers judge that case themselves.
 * Refused: a quote that does not close, text glued to the closing quote, a quote inside an unquoted word.
 */
export function splitProgramWord(line: string): { ok: true; program: string; rest: string; quoted: boolean } | { ok: false; problem: string } {
  const blank = (c: string | undefined) => c === " " || c === "\t";
  if (line.startsWith('"')) {
    const close = line.indexOf('"', 1);
    if (close < 0) return { ok: false, problem: "the quoted program path has no closing quote" };
    const after = line[close + 1];
    if (after !== undefined && !blank(after)) return { ok: false, problem: `text follows the quoted program path without a space (${JSON.stringify(line.slice(0, close + 2))})` };
    return { ok: true, program: line.slice(1, close), rest: line.slice(close + 1), quoted: true };
  }
  let end = 0;
  while (end < line.length && !blank(line[end])) end++;
  const program = line.slice(0, end);
  if (program.includes('"')) return { ok: false, problem: `the program path ${JSON.stringify(program)} has a quote inside it` };
  return { ok: true, program, rest: line.slice(end), quoted: false };
}
