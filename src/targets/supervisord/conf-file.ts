import type { SourceLoc } from "../../model.js";
import { isPySpace, pyStrip, pyStripEnd, pyStripStart } from "./escape.js";

// A supervisord configuration file read as supervisord 4.2.5 reads it: Python 3.11's
// configparser.RawConfigParser(inline_comment_prefixes=(";", "#"), strict=False) (options.py,
// UnhosedConfigParser; configparser.py _read), keeping where each option was written:
// - the file is read as text lines ending in \n, \r\n or \r (nothing else ends a line);
// - a line whose stripped text starts with # or ; is a comment; elsewhere a ; or # at the start of the line
//   or right after a blank (Python's str.isspace) starts a comment to the end of the line;
// - a line indented deeper than the line that started the current option continues its value (joined with
//   "\n"; an empty line without a comment inside a value becomes an empty line of it); the joined value
//   loses trailing blanks;
// - `[name]` starts a section (the name runs to the last "]" of the line); [DEFAULT] holds options every
//   section inherits; a section or option given twice merges, the later value winning (strict=False);
// - an option line is `name = value` or `name : value`, split at the first = or :; names are lower-cased;
// - a line before any section header, or one that is neither header nor option, makes supervisord refuse the
//   whole configuration (MissingSectionHeaderError, ParsingError).

export interface ConfOption {
  /** The name as configparser keys it (lower-cased). */
  name: string;
  /** The value as configparser gives it (continuation lines joined with "\n"). */
  value: string;
  /** Where the option's name starts. */
  at: SourceLoc;
  /** Where its value starts (the name's position when the first line holds no value). */
  valueAt: SourceLoc;
  /** The line of the option's last continuation line. */
  lastLine: number;
}

export interface ConfSection {
  name: string;
  /** Where its (first) header is. */
  at: SourceLoc;
  options: Map<string, ConfOption>;
}

export interface ConfFile {
  /** Sections in the order they first appear, each with its options merged as configparser merges them. */
  sections: ConfSection[];
  /** [DEFAULT]'s options: configparser gives them to every section that does not set the option itself. */
  defaults: Map<string, ConfOption>;
  /** Lines that make supervisord refuse the configuration. */
  problems: { at: SourceLoc; message: string }[];
  /** Comment lines before the first section, without their ; or #. */
  leadingComments: string[];
}

/** The first non-blank character's index (configparser's NONSPACECRE), or the line's length. */
function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && isPySpace(line[i])) i++;
  return i;
}

/** Where an inline comment starts, by configparser's own search (each prefix's occurrences in turn). */
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
      if (index === 0 || isPySpace(line[index - 1])) start = Math.min(start, index);
    }
    prefixes = next;
  }
  return start === Infinity ? undefined : start;
}

export function parseConfFile(text: string, file: string): ConfFile {
  const out: ConfFile = { sections: [], defaults: new Map(), problems: [], leadingComments: [] };
  const at = (line: number, col: number): SourceLoc => ({ file, line, col });
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  const byName = new Map<string, ConfSection>();
  let cur: Map<string, ConfOption> | undefined;
  let opt: { option: ConfOption; parts: string[] } | undefined;
  let indentLevel = 0;
  let seenContent = false;
  const finish = () => {
    if (opt) opt.option.value = pyStripEnd(opt.parts.join("\n"));
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    let commentStart = inlineCommentStart(line);
    const stripped = pyStrip(line);
    if (stripped.startsWith("#") || stripped.startsWith(";")) {
      commentStart = 0;
      if (!seenContent) out.leadingComments.push(stripped.slice(1));
    }
    const value = pyStrip(line.slice(0, commentStart));
    if (value === "") {
      // empty_lines_in_values: an empty line without a comment is part of the current value.
      if (commentStart === undefined && cur && opt) {
        opt.parts.push("");
        opt.option.lastLine = lineNo;
      }
      continue;
    }
    seenContent = true;
    const indent = indentOf(line);
    if (cur && opt && indent > indentLevel) {
      opt.parts.push(value);
      opt.option.lastLine = lineNo;
      if (opt.parts.every((p, k) => k === opt!.parts.length - 1 || p === "") && opt.option.valueAt === opt.option.at) opt.option.valueAt = at(lineNo, indent + 1);
      continue;
    }
    indentLevel = indent;
    // SECTCRE `\[(?P<header>.+)\]`, matched at the start: the header runs to the line's last "]".
    const close = value.lastIndexOf("]");
    if (value.startsWith("[") && close >= 2) {
      finish();
      opt = undefined;
      const name = value.slice(1, close);
      if (name === "DEFAULT") {
        cur = out.defaults;
        continue;
      }
      let section = byName.get(name);
      if (!section) {
        section = { name, at: at(lineNo, indent + 1), options: new Map() };
        byName.set(name, section);
        out.sections.push(section);
      }
      cur = section.options;
      continue;
    }
    if (!cur) {
      out.problems.push({ at: at(lineNo, indent + 1), message: `a line before any [section] header: supervisord refuses the file ("File contains no section headers")` });
      return out;
    }
    // OPTCRE `(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$`: the name is up to the first = or :.
    const eq = value.search(/[=:]/);
    const key = eq < 0 ? "" : pyStrip(value.slice(0, eq));
    if (eq < 0 || key === "") {
      finish();
      opt = undefined;
      out.problems.push({ at: at(lineNo, indent + 1), message: eq < 0 ? `"${value}" is neither a [section] header nor a name=value option: supervisord refuses the file` : `an option with no name before "${value[eq]}": supervisord refuses the file` });
      continue;
    }
    finish();
    const rest = value.slice(eq + 1);
    const first = pyStrip(rest);
    const valueCol = indent + eq + 1 + (rest.length - pyStripStart(rest).length) + 1;
    const option: ConfOption = { name: key.toLowerCase(), value: first, at: at(lineNo, indent + 1), valueAt: first === "" ? at(lineNo, indent + 1) : at(lineNo, valueCol), lastLine: lineNo };
    // A later assignment replaces the value; the option keeps its place (a dict's key order).
    cur.set(option.name, option);
    opt = { option, parts: [first] };
  }
  finish();
  return out;
}

/** An option of a section as configparser's get() finds it: the section's own, else [DEFAULT]'s. */
export function getOption(conf: ConfFile, section: ConfSection, name: string): ConfOption | undefined {
  return section.options.get(name) ?? conf.defaults.get(name);
}

/** Every option configparser gives a section (its own and [DEFAULT]'s), in items()' order: [DEFAULT]'s first. */
export function sectionItems(conf: ConfFile, section: ConfSection): ConfOption[] {
  return [...[...conf.defaults.values()].map((d) => section.options.get(d.name) ?? d), ...[...section.options.values()].filter((o) => !conf.defaults.has(o.name))];
}
