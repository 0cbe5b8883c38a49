import type { Text } from "../../model.js";

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

/**
 * Why a raw value cannot be written, or undefined. Measured on systemd 252: other control characters
 * (\x01, DEL) and non-ASCII spaces are kept as they are, so they are not refused.
 */
export function rawValueProblem(s: string): string | undefined {
  if (/[\r\n]/.test(s)) return "it contains a line break, and a raw systemd value is one line with no escapes";
  if (/^[ \t]|[ \t]$/.test(s)) return "it starts or ends with a space or tab, which systemd trims";
  if (s.endsWith("\\")) return "it ends with a backslash, which joins the next line of the unit onto it";
  return undefined;
}

/** systemd refuses a path with a `..` component ("path is not normalized"), fatally for the unit. */
export function pathProblem(s: string): string | undefined {
  return s.split("/").includes("..") ? 'it has a ".." component, which systemd refuses ("path is not normalized")' : rawValueProblem(s);
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
