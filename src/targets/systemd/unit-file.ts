import type { SourceLoc } from "../../model.js";

// A unit file read as systemd 252 reads it (src/shared/conf-parser.c, config_parse and parse_line), keeping
// where each assignment was written:
// - a line whose first non-blank character is # or ; is a comment, wherever it is (also inside a continuation);
// - a line ending in an odd number of backslashes continues on the next line, the backslash becoming a space;
//   an empty line ends a continuation;
// - blanks (space, tab, CR, LF) around the key and the value are dropped; the key is up to the first `=`;
// - `[Name]` starts a section; a header that does not end in `]` makes systemd refuse the whole file.

export interface Assignment {
  section: string;
  key: string;
  /** The value as systemd hands it to the setting's parser (continuations joined, blanks trimmed). */
  value: string;
  /** Where the key starts. */
  at: SourceLoc;
  /** Where the value starts (the key's position when the value is empty). */
  valueAt: SourceLoc;
}

export interface LineProblem {
  at: SourceLoc;
  severity: "error" | "warning";
  message: string;
}

export interface UnitFileText {
  assignments: Assignment[];
  /** Sections in the order they appear, with where their header is. */
  sections: { name: string; at: SourceLoc }[];
  /** Lines systemd ignores (with its warning) or refuses (an error for the whole file). */
  problems: LineProblem[];
  /** The comment lines before the first section or assignment, without their `#`. */
  leadingComments: string[];
}

const BLANK = /^[ \t\n\r]+|[ \t\n\r]+$/g;
const strip = (s: string): string => s.replace(BLANK, "");
const leading = (s: string): number => s.length - s.replace(/^[ \t\n\r]+/, "").length;

export function parseUnitFile(text: string, file: string): UnitFileText {
  const out: UnitFileText = { assignments: [], sections: [], problems: [], leadingComments: [] };
  // read_line ends a line at LF, CR, CRLF or NUL.
  const lines = text.split(/\r\n|\r|\n|\0/);
  let section: string | undefined;
  let ignoredSection = false;
  let seenContent = false;
  // A logical line: its text and where its first physical line starts.
  let cont: { text: string; line: number } | undefined;

  const at = (line: number, col: number): SourceLoc => ({ file, line, col });
  const logical = (l: string, line: number): void => {
    const t = strip(l);
    if (t === "") return;
    seenContent = true;
    const lead = leading(l);
    if (t.startsWith("[")) {
      if (!t.endsWith("]")) {
        out.problems.push({ at: at(line, lead + 1), severity: "error", message: `"${t}" is not a section header (systemd refuses the whole file)` });
        return;
      }
      section = t.slice(1, -1);
      ignoredSection = false;
      out.sections.push({ name: section, at: at(line, lead + 1) });
      return;
    }
    if (section === undefined) {
      if (!ignoredSection) out.problems.push({ at: at(line, lead + 1), severity: "warning", message: "an assignment before any section header, which systemd ignores" });
      return;
    }
    const eq = l.indexOf("=");
    if (eq < 0) {
      out.problems.push({ at: at(line, lead + 1), severity: "warning", message: `"${t}" has no "=", and systemd ignores the line` });
      return;
    }
    const key = strip(l.slice(0, eq));
    if (key === "") {
      out.problems.push({ at: at(line, lead + 1), severity: "warning", message: 'a line with no key before "=", which systemd ignores' });
      return;
    }
    const rest = l.slice(eq + 1);
    const value = strip(rest);
    // Columns are exact on the first physical line; a value that starts after a continuation is placed at its key.
    const valueCol = eq + 1 + leading(rest) + 1;
    const firstLineLength = lines[line - 1]!.length;
    out.assignments.push({
      section,
      key,
      value,
      at: at(line, lead + 1),
      valueAt: value === "" || valueCol > firstLineLength ? at(line, lead + 1) : at(line, valueCol),
    });
  };

  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i]!;
    if (i === 0 && raw.startsWith("\uFEFF")) raw = raw.slice(1);
    const trimmed = raw.replace(/^[ \t\n\r]+/, "");
    if (trimmed !== "" && (trimmed[0] === "#" || trimmed[0] === ";")) {
      if (!seenContent && !cont) out.leadingComments.push(trimmed.slice(1));
      continue;
    }
    const joined = cont ? cont.text + raw : raw;
    const start = cont ? cont.line : i + 1;
    let backslashes = 0;
    for (let k = joined.length - 1; k >= 0 && joined[k] === "\\"; k--) backslashes++;
    if (backslashes % 2 === 1) {
      cont = { text: joined.slice(0, -1) + " ", line: start };
      continue;
    }
    cont = undefined;
    logical(joined, start);
  }
  if (cont) logical(cont.text, cont.line);
  return out;
}
