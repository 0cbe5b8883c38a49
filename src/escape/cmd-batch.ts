// The cmd.exe batch encoder: text placed on one line of a generated .cmd file so that cmd.exe hands the
// called program exactly the characters we mean, with nothing run as a command.
//
// API
//   cmdUnrepresentable(s)  why a batch line cannot carry `s` (CR, LF, NUL, other C0 controls, Ctrl-Z,
//                          lone surrogates), or undefined. Checks call it and make a diagnostic; the
//                          encoders throw on such input (a check should have refused it first).
//   cmdArg(value)          one argv element for a program that parses its command line with the MSVCRT /
//                          CommandLineToArgvW rules (nssm.exe, sc.exe, reg.exe): cmdToken(MSVCRT quoting).
//                          A spec's `${NAME}`, written `%NAME%` (windowsExpandable), reaches the PROGRAM as
//                          those characters (cmd does not expand it), so whatever stores or runs the value
//                          (a REG_EXPAND_SZ, the SCM) expands it when the service starts. Callers run
//                          percentHazard() first wherever the receiver expands `%`.
//   cmdToken(fragment)     a raw command-line fragment (already MSVCRT-quoted, e.g. joinWindowsArgs output)
//                          as batch text: cmd passes the fragment on unchanged and ends outside a quote.
//   cmdRemText(s)          text for a `rem` line, inert whether or not cmd parses the rest of a rem line.
//   CMD_MAX_LINE           the longest line cmd.exe reads (8191 characters).
//
// The rules (Microsoft "cmd" docs, KB Q75634, and the phase model in the nssm/sc reference §A.3):
//  1. `%` expansion runs first over the whole line, quotes or not: a literal `%` is written `%%`; a caret
//     does not protect it.
//  2. Then `"` toggles cmd's quote state at every quote (cmd knows nothing of `\"`). Outside quotes,
//     `& | < >` are operators, `( )` close or open blocks, and `^` escapes the next character (and is
//     removed). Inside quotes all of them are literal. Quotes themselves reach the program.
//  3. `!` expansion happens only with delayed expansion on. Every generated script runs
//     `setlocal EnableExtensions DisableDelayedExpansion`, so `!` is literal and these encoders never
//     escape it: do not put their output on a line that runs with delayed expansion enabled.
// For an external program cmd does not split arguments: it passes the text after phases 1-2 as the
// command line, and the program splits it. Two forms, both ending outside cmd's quotes so that a token
// cannot change how the rest of the line parses:
//  - plain, when every `"` of the fragment is an MSVCRT quote delimiter (`"C:\Program Files\x" "a & b"`):
//    the quotes are kept, cmd's quote state toggles at each, metacharacters outside them get a caret;
//  - caret, when the fragment has a literal (backslash-escaped) quote or an odd number of quotes: every
//    `"` is written `^"` so cmd never enters its quote state, and every metacharacter gets a caret (the
//    form of nssm's own quote()). Windows would also read the plain form right, but Wine's cmd decides
//    where a quoted run ends by looking ahead (WCMD_IsEndQuote) and, for `"a\"b^" "x"`, ends the token
//    inside quotes; the conformance tests run under Wine, so both must agree.

import { quoteWindowsArg } from "./windows-argv.js";

export const CMD_MAX_LINE = 8191;

// A value MSVCRT would take bare but cmd would not: quote it for MSVCRT so cmd sees it inside quotes
// (reads better than carets: `"a&b"` rather than `a^&b`).
const CMD_METACHARS = /[\^&|<>()]/;

// Quick tests (one regular expression instead of a loop over the characters) for the common case of
// text with nothing to refuse or escape; the loops below decide everything else.
// eslint-disable-next-line no-control-regex
const MAYBE_UNREPRESENTABLE = /[\x00-\x08\x0a-\x1f\x7f\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex
const TOKEN_NEEDS_WORK = /[%"^&|<>()\x00-\x08\x0a-\x1f\x7f\ud800-\udfff]/;
// eslint-disable-next-line no-control-regex
const ARG_NEEDS_WORK = /[\s"^&|<>()%\x00-\x1f\x7f\ud800-\udfff]/;

/**
 * Why a batch line cannot carry `s`, or undefined. CR/LF end the line; NUL and Ctrl-Z end the file for
 * some readers; the other C0 controls (all but TAB) are not reliably passed through cmd; an unpaired
 * surrogate has no UTF-8 form.
 */
export function cmdUnrepresentable(s: string): string | undefined {
  if (!MAYBE_UNREPRESENTABLE.test(s)) return undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0d || c === 0x0a) return "a line break (cmd.exe ends the command at CR or LF)";
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
      return `the control character U+${c.toString(16).toUpperCase().padStart(4, "0")} (a cmd.exe batch line cannot carry it)`;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return "an unpaired UTF-16 surrogate (it has no UTF-8 form)";
    }
    if (c >= 0xdc00 && c <= 0xdfff) return "an unpaired UTF-16 surrogate (it has no UTF-8 form)";
  }
  return undefined;
}

function assertRepresentable(s: string): void {
  const why = cmdUnrepresentable(s);
  if (why !== undefined) {
    throw new Error(`internal: a cmd.exe batch line cannot carry ${JSON.stringify(s)} (${why}); a check should have refused it`);
  }
}

/** True when every `"` is an MSVCRT delimiter (not after an odd run of backslashes) and they pair up. */
function onlyDelimiterQuotes(fragment: string): boolean {
  let quotes = 0;
  let backslashes = 0;
  for (let i = 0; i < fragment.length; i++) {
    const c = fragment.charCodeAt(i);
    if (c === BACKSLASH) {
      backslashes++;
      continue;
    }
    if (c === QUOTE) {
      if (backslashes % 2 === 1) return false;
      quotes++;
    }
    backslashes = 0;
  }
  return quotes % 2 === 0;
}

const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const PERCENT = 0x25;
/**
 * ^ & | < > ( ): outside cmd quotes, operators or escapes. `(`/`)` only matter inside blocks; escaping
 * them everywhere costs nothing.
 */
const isSpecialOutsideQuotes = (c: number): boolean =>
  c === 0x5e || c === 0x26 || c === 0x7c || c === 0x3c || c === 0x3e || c === 0x28 || c === 0x29;

/** A raw command-line fragment as batch text that cmd.exe turns back into exactly `fragment`. */
export function cmdToken(fragment: string): string {
  if (!TOKEN_NEEDS_WORK.test(fragment)) return fragment;
  assertRepresentable(fragment);
  const caret = !onlyDelimiterQuotes(fragment);
  let inQuotes = false;
  // Copies runs of plain characters with one slice each: a string built a character at a time is a
  // chain of thousands of small strings in a build, all garbage.
  let out = "";
  let from = 0;
  for (let i = 0; i < fragment.length; i++) {
    const c = fragment.charCodeAt(i);
    let escaped: string | undefined;
    if (c === PERCENT) {
      escaped = "%%";
    } else if (c === QUOTE) {
      if (caret) escaped = '^"';
      else inQuotes = !inQuotes;
    } else if (!inQuotes && isSpecialOutsideQuotes(c)) {
      escaped = "^" + fragment[i];
    }
    if (escaped !== undefined) {
      out += fragment.slice(from, i) + escaped;
      from = i + 1;
    }
  }
  if (inQuotes) throw new Error("internal: cmdToken ended inside quotes");
  return out + fragment.slice(from);
}

/** MSVCRT quoting, forced when cmd metacharacters would otherwise stand unquoted. */
function msvcrtQuote(value: string): string {
  const q = quoteWindowsArg(value);
  if (q.startsWith('"') || !CMD_METACHARS.test(value)) return q;
  // No quote, space, tab, LF or VT in `value` (quoteWindowsArg would have quoted it): only trailing
  // backslashes need doubling so that the last one does not escape the closing quote.
  return '"' + value.replace(/(\\+)$/, "$1$1") + '"';
}

/** One argv element, through cmd.exe and then the program's MSVCRT argv parser. */
export function cmdArg(value: string): string {
  // No quote, space, %, metacharacter or control: MSVCRT takes it bare and cmd leaves it alone.
  if (value !== "" && !ARG_NEEDS_WORK.test(value)) return value;
  assertRepresentable(value);
  return cmdToken(msvcrtQuote(value));
}

/**
 * Text for the rest of a `rem` line. Windows' cmd skips most parsing after `rem` but still expands `%`
 * (a `%~` there is a fatal error) and a trailing `^` continues the comment onto the next line; escaping
 * every metacharacter keeps the line inert under either reading.
 */
export function cmdRemText(s: string): string {
  assertRepresentable(s);
  return s.replace(REM_ESCAPED, (ch) => (ch === "%" ? "%%" : "^" + ch));
}

const REM_ESCAPED = /[%"^&|<>()]/g;
