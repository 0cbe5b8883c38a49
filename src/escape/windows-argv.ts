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
