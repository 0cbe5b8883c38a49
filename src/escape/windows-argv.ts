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
  let out = '"';
  let backslashes = 0;
  for (const ch of arg) {
    if (ch === "\\") {
      backslashes++;
    } else if (ch === '"') {
      out += "\\".repeat(backslashes * 2 + 1) + '"';
      backslashes = 0;
    } else {
      out += "\\".repeat(backslashes) + ch;
      backslashes = 0;
    }
  }
  // Backslashes before the closing quote must be doubled, or the last one would escape it.
  return out + "\\".repeat(backslashes * 2) + '"';
}

/** The argument part of a command line (everything after the program name). */
export function joinWindowsArgs(args: readonly string[]): string {
  return args.map((a) => quoteWindowsArg(a)).join(" ");
}
