// A Windows command-line decoder written from Microsoft's published parsing rules, independently of
// svcgen's encoder (src/escape/windows-argv.ts), so that tests can check the encoder against the
// rules instead of against itself.
//
// Sources:
// - "Parsing C++ command-line arguments" (learn.microsoft.com, cpp/main-function-command-line-args):
//   arguments are delimited by a space or a tab; argv[0] is special (quotes group, no escapes);
//   a quoted string can be embedded in an argument; within a quoted string a pair of quotes is one
//   literal quote; an unterminated quoted string runs to the end of the line; 2n backslashes before a
//   quote give n backslashes and the quote delimits; 2n+1 backslashes before a quote give n backslashes
//   and a literal quote; backslashes not before a quote are literal.
// - CommandLineToArgvW (learn.microsoft.com, shellapi): the same backslash rules; argv[0] runs to the
//   next quote when the line starts with one, otherwise to the first space or tab. Its handling of a
//   quote pair inside a quoted string is not documented; it is the pre-2008 C runtime's (a literal
//   quote, and the quoted string ends), which the "commandLineToArgvW" dialect models.
//
// A generated command line should decode the same under both dialects: then it does not matter which
// parser the program happens to use.

export type ArgvDialect = "msvcrt" | "commandLineToArgvW";

const isBlank = (c: string | undefined): boolean => c === " " || c === "\t";

/** Decodes the argument part of a command line (everything after the program name) into argv[1..]. */
export function decodeWindowsArgs(tail: string, dialect: ArgvDialect = "msvcrt"): string[] {
  const args: string[] = [];
  let i = 0;
  const n = tail.length;
  for (;;) {
    while (isBlank(tail[i])) i++;
    if (i >= n) break;
    let arg = "";
    let inQuotes = false;
    while (i < n) {
      let slashes = 0;
      while (tail[i] === "\\") {
        slashes++;
        i++;
      }
      if (tail[i] === '"') {
        arg += "\\".repeat(Math.floor(slashes / 2));
        if (slashes % 2 === 1) {
          arg += '"'; // escaped by the odd backslash
          i++;
          continue;
        }
        if (inQuotes && tail[i + 1] === '"') {
          // A quote pair inside a quoted string: one literal quote.
          arg += '"';
          i += 2;
          if (dialect === "commandLineToArgvW") inQuotes = false;
          continue;
        }
        inQuotes = !inQuotes;
        i++;
        continue;
      }
      arg += "\\".repeat(slashes);
      if (i >= n) break;
      if (!inQuotes && isBlank(tail[i])) break;
      arg += tail[i];
      i++;
    }
    args.push(arg);
  }
  return args;
}

/** Splits a whole command line into argv[0] (the program) and the rest, by the dialect's argv[0] rule. */
export function splitProgramName(line: string, dialect: ArgvDialect = "msvcrt"): { program: string; rest: string } {
  let i = 0;
  let program = "";
  if (dialect === "commandLineToArgvW") {
    if (line[0] === '"') {
      const close = line.indexOf('"', 1);
      program = close === -1 ? line.slice(1) : line.slice(1, close);
      i = close === -1 ? line.length : close + 1;
    } else {
      while (i < line.length && !isBlank(line[i])) program += line[i++];
    }
    return { program, rest: line.slice(i) };
  }
  // C runtime: quotes toggle grouping anywhere in argv[0]; backslashes are literal.
  let inQuotes = false;
  while (i < line.length && (inQuotes || !isBlank(line[i]))) {
    if (line[i] === '"') inQuotes = !inQuotes;
    else program += line[i];
    i++;
  }
  return { program, rest: line.slice(i) };
}

/** Decodes a whole command line into argv (argv[0] first). */
export function decodeWindowsCommandLine(line: string, dialect: ArgvDialect = "msvcrt"): string[] {
  const { program, rest } = splitProgramName(line, dialect);
  return [program, ...decodeWindowsArgs(rest, dialect)];
}
