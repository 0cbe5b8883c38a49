import { Parser } from "yaml";
import { yamlString } from "../import/yaml-text.js";

// The `yaml` library's errors in the words of a spec's author: what is wrong on this line of the spec
// and what to type instead, never the library's own vocabulary ("implicit keys", "flow collections",
// "parseAllDocuments()"). One rule per error code and message family the library raises (yaml 2.x,
// `onError(..., code, message)` in dist/compose/*.js, the composer's and parser's error tokens);
// test/spec/yaml-messages.test.ts gives an input for each, and anything unforeseen still gets a message
// about the spec rather than the library's words alone.
//
// Several rules look at the text around the error (the line, the lines above and below) because the
// library reports where its reading failed, which is often a line after the mistake: a key indented one
// space too far is reported at the value above it.

export interface YamlErrorLike {
  code: string;
  message: string;
  pos: [number, number];
}

export interface YamlMessage {
  /** Where to report it: an offset into the text. */
  offset: number;
  code: string;
  message: string;
  hint?: string;
  /** The error is a consequence of an earlier one on another line (an unclosed bracket). */
  cascade?: boolean;
  /** Nothing after it can be read as meant (an unclosed quote or bracket): later errors are left out. */
  final?: boolean;
}

interface Line {
  start: number;
  end: number;
  text: string;
  indent: number;
  /** Offset of the first character that is not a space. */
  content: number;
}

class Source {
  private cstTokens?: CstToken[];
  constructor(readonly text: string) {}

  lineAt(offset: number): Line {
    const o = Math.min(Math.max(offset, 0), this.text.length);
    const start = this.text.lastIndexOf("\n", o - 1) + 1;
    let end = this.text.indexOf("\n", o);
    if (end === -1) end = this.text.length;
    if (this.text[end - 1] === "\r") end--;
    const text = this.text.slice(start, end);
    const indent = /^ */.exec(text)![0].length;
    return { start, end, text, indent, content: start + indent };
  }

  /** The nearest line above (or below) that has something other than spaces and a comment. */
  contentLine(from: Line, direction: -1 | 1): Line | undefined {
    let l = from;
    for (;;) {
      if (direction === -1 ? l.start === 0 : l.end >= this.text.length) return undefined;
      l = this.lineAt(direction === -1 ? l.start - 1 : this.text.indexOf("\n", l.end) + 1);
      if (!/^\s*(#.*)?$/.test(l.text)) return l;
    }
  }

  firstContentLine(): Line | undefined {
    const l = this.lineAt(0);
    return /^\s*(#.*)?$/.test(l.text) ? this.contentLine(l, 1) : l;
  }

  /** The tokens of the library's concrete syntax tree, for where a quote or bracket was opened. */
  cst(): CstToken[] {
    if (!this.cstTokens) {
      // Iterative: a file of thousands of nested brackets must not overflow the stack here too.
      const out: CstToken[] = [];
      const stack: unknown[] = [...new Parser().parse(this.text)].reverse();
      while (stack.length > 0) {
        const v = stack.pop();
        if (typeof v !== "object" || v === null) continue;
        const t = v as CstToken;
        if (!Array.isArray(v) && typeof t.type === "string" && typeof t.offset === "number") out.push(t);
        const children = Array.isArray(v) ? v : Object.entries(v).flatMap(([k, x]) => (k !== "source" && typeof x === "object" ? [x] : []));
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      }
      out.sort((a, b) => a.offset - b.offset);
      this.cstTokens = out;
    }
    return this.cstTokens;
  }
}

interface CstToken {
  type: string;
  offset: number;
  source?: string;
  start?: { source?: string };
  end?: { source?: string }[];
}

/** `key: value` of a line, when it has that form (`- key: value` too). */
function keyValue(line: Line): { key: string; value: string; valueOffset: number } | undefined {
  const m = /^(\s*(?:-\s+)?)([^\s#:'"][^#]*?|"[^"]*"|'[^']*'):(?:\s+|$)/.exec(line.text);
  if (!m) return undefined;
  const rest = line.text.slice(m[0].length);
  return { key: m[2]!.replace(/^["']|["']$/g, ""), value: stripComment(rest), valueOffset: line.start + m[0].length };
}

const stripComment = (s: string): string => s.replace(/\s+#.*$/, "").trim();

const quote = (s: string): string => `\`${s}\``;

type Rule = (e: YamlErrorLike, src: Source, m: RegExpExecArray) => Omit<YamlMessage, "code"> & { code?: string } | undefined;

const SYNTAX = "SVC1001";

// Each rule: the library's error code, the message family (a regular expression on its message), and
// what svcgen says instead. The first rule that matches and returns a message wins.
const RULES: [code: string, message: RegExp, rule: Rule][] = [
  [
    "DUPLICATE_KEY",
    /./,
    (e, src) => {
      const line = src.lineAt(e.pos[0]);
      const key = /^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^:#]+?)\s*:/.exec(src.text.slice(e.pos[0], line.end) + ":")?.[1]?.replace(/^["']|["']$/g, "");
      let first: number | undefined;
      for (let l = src.contentLine(line, -1); l && l.indent >= line.indent; l = src.contentLine(l, -1)) {
        if (l.indent === line.indent && keyValue(l)?.key === key) first = src.text.slice(0, l.start).split("\n").length;
      }
      return {
        offset: e.pos[0],
        code: "SVC1002",
        message: `duplicate key${key ? ` "${key}"` : ""}: a key may appear once in a map${first ? ` (it is also on line ${first})` : ""}`,
        hint: "YAML keeps only one of the values; delete the other",
      };
    },
  ],
  [
    "MULTIPLE_DOCS",
    /./,
    (e, src) => {
      const line = src.lineAt(e.pos[0]);
      if (/^---/.test(line.text)) {
        const empty = /^---\s*(#.*)?$/.test(line.text) && !src.contentLine(line, 1);
        return {
          offset: line.start,
          code: "SVC1008",
          message: empty ? 'the "---" line starts a second YAML document, with nothing in it' : 'a second YAML document starts at this "---" line: a spec file holds one service',
          hint: empty ? 'delete the "---" line' : 'put each service in a spec file of its own (or delete the "---" line if this is all one service)',
        };
      }
      return {
        offset: line.content,
        code: "SVC1008",
        message: 'this text comes after the end of the spec (a "..." line above ends it)',
        hint: 'delete the "..." line, or the text after it',
      };
    },
  ],
  [
    "TAB_AS_INDENT",
    /./,
    (e) => ({ offset: e.pos[0], message: "this line is indented with a tab; YAML indents with spaces only", hint: "replace the tab with spaces (and set the editor to indent YAML files with spaces)" }),
  ],
  [
    "BAD_DQ_ESCAPE",
    /^Invalid escape sequence (.*)$/,
    (e, src, m) => {
      // The value as typed, from its opening quote to the last quote on the line (which a trailing
      // backslash, as in "C:\logs\", escapes): in single quotes every backslash is literal.
      const line = src.lineAt(e.pos[0]);
      const open = src.text.lastIndexOf('"', e.pos[0]);
      const close = src.text.lastIndexOf('"', line.end - 1);
      const inner = open >= line.start && close > open ? src.text.slice(open + 1, close) : undefined;
      const literal = inner !== undefined && !inner.includes('"') ? ` (${quote(`'${inner.replace(/'/g, "''")}'`)})` : "";
      return {
        offset: e.pos[0],
        message: `${m[1]} is not an escape sequence: in double quotes a backslash starts one (\\n, \\t, \\")`,
        hint: `put a Windows path in single quotes${literal} or leave it unquoted, where a backslash is a backslash; in double quotes write each one twice (\\\\)`,
      };
    },
  ],
  [
    "MISSING_CHAR",
    /^Missing closing (["'])quote$/,
    (e, src, m) => {
      const q = m[1]!;
      const type = q === '"' ? "double-quoted-scalar" : "single-quoted-scalar";
      const scalar = src
        .cst()
        .filter((t) => t.type === type && t.offset < e.pos[0])
        .pop();
      const offset = scalar?.offset ?? e.pos[0];
      const firstLine = src.text.slice(offset, src.lineAt(offset).end);
      const escaped = q === '"' && /\\"/.test(firstLine);
      return {
        offset,
        final: true,
        message: `this ${q === '"' ? "double" : "single"}-quoted value has no closing ${q}`,
        hint: escaped
          ? `a backslash before " makes the quote part of the value (as in "C:\\logs\\"): put a Windows path in single quotes ('C:\\logs\\') or leave it unquoted`
          : `add the closing ${q} at the end of the value${q === "'" ? " (inside single quotes, write '' for a ')" : ""}`,
      };
    },
  ],
  [
    "MISSING_CHAR",
    /^Comments must be separated from other tokens by white space characters$/,
    (e) => ({ offset: e.pos[0], message: "a comment (#) needs a space before it", hint: "put a space before the #, or quote the whole value if the # is part of it" }),
  ],
  [
    "BAD_SCALAR_START",
    /cannot start with .*character (.)$/,
    (e, src, m) => {
      const ch = m[1]!;
      const line = src.lineAt(e.pos[0]);
      const value = stripComment(src.text.slice(e.pos[0], line.end));
      const key = keyValue(line);
      const quoted = `${key && key.valueOffset === e.pos[0] ? `${key.key}: ` : ""}${yamlString(value)}`;
      if (ch === "%" && /%[A-Za-z_][A-Za-z0-9_()]*%/.test(value)) {
        return {
          offset: e.pos[0],
          message: "a value cannot start with % unless it is quoted",
          hint: `svcgen writes a variable expanded at start as \${NAME}: ${quote(`${key ? `${key.key}: ` : ""}${value.replace(/%([A-Za-z_][A-Za-z0-9_()]*)%/g, "${$1}")}`)}`,
        };
      }
      if (ch === "," && value === ",") return { offset: e.pos[0], message: "a stray comma", hint: "delete it" };
      return { offset: e.pos[0], message: `a value cannot start with ${ch} unless it is quoted`, hint: `quote it: ${quote(quoted)}` };
    },
  ],
  [
    "BLOCK_IN_FLOW|MULTILINE_IMPLICIT_KEY",
    /^(?:Block collections|Implicit keys of flow sequence pairs)/,
    (e) => ({
      offset: e.pos[0],
      message: "inside [ ] or { }, items are separated by commas, and a list item has no dash",
      hint: "add the missing comma (`{ a: 1, b: 2 }`, `[a, b]`), or write the list or map one item per line, without brackets",
    }),
  ],
  [
    "MISSING_CHAR",
    /^Missing , (?:or : )?between flow (sequence|map) items$/,
    (e, _src, m) => ({ offset: e.pos[0], message: `a comma is missing before this item of the ${m[1] === "map" ? "{ } map" : "[ ] list"}`, hint: "separate items with a comma and a space" }),
  ],
  [
    "MISSING_CHAR",
    /^Missing space after : in flow map$/,
    (e) => ({ offset: e.pos[0], message: "a colon in { } needs a space after it", hint: "write `{ key: value }`" }),
  ],
  [
    "UNEXPECTED_TOKEN",
    /^Unexpected (?:, in|empty item in) flow (sequence|map)$/,
    (e, _src, m) => ({ offset: e.pos[0], message: `an empty item in this ${m[1] === "map" ? "{ } map" : "[ ] list"}: a comma with nothing before it`, hint: "delete the extra comma" }),
  ],
  [
    "BAD_INDENT|MISSING_CHAR",
    /^Flow (sequence|map) (?:in block collection )?must (?:be sufficiently indented and )?end with a ([\]}])$/,
    (e, src, m) => {
      const open = m[2] === "]" ? "[" : "{";
      const opener = src
        .cst()
        .filter((t) => t.type === "flow-collection" && t.start?.source === open && t.offset < e.pos[0] && !t.end?.some((x) => x.source === m[2]))
        .pop();
      return {
        offset: opener?.offset ?? e.pos[0],
        final: true,
        message: `this ${open === "[" ? "[ ] list" : "{ } map"} has no closing ${m[2]}`,
        hint: `close it with ${m[2]}; if it goes on over several lines, indent each further line more than its key`,
      };
    },
  ],
  [
    "BAD_INDENT",
    /^All mapping items must start at the same column$/,
    (e, src) => {
      const line = src.lineAt(e.pos[0]);
      const key = keyValue(line)?.key;
      const above = src.contentLine(line, -1);
      const parent = (() => {
        for (let l = above; l; l = src.contentLine(l, -1)) if (l.indent < line.indent) return l;
        return undefined;
      })();
      const sibling = above && above.indent > line.indent && !/^\s*-/.test(above.text) ? above : undefined;
      const name = key ? `"${key}"` : "this key";
      if (sibling && parent) {
        const sKey = keyValue(sibling)?.key;
        const pKey = keyValue(parent)?.key;
        return {
          offset: line.content,
          message: `${name} is indented ${line.indent} space${line.indent === 1 ? "" : "s"}, the keys above it ${sibling.indent}: keys of one map start at the same column`,
          hint: `indent it ${sibling.indent} spaces${sKey ? ` like "${sKey}"` : ""}${pKey ? ` to keep it in ${pKey}` : ""}, or ${parent.indent}${pKey ? ` like "${pKey}"` : ""} to make it a key of its own`,
        };
      }
      return { offset: line.content, message: `${name} is not lined up with the keys above it`, hint: "keys of one map start at the same column; a key indented further belongs to the key above it, which then has nothing after its colon" };
    },
  ],
  [
    "BAD_INDENT",
    /^All sequence items must start at the same column$/,
    (e, src) => ({ offset: src.lineAt(e.pos[0]).content, message: "this list item is not lined up with the items above it", hint: 'start every "- " of one list at the same column' }),
  ],
  [
    "BAD_INDENT",
    /^Block scalar values in collections must be indented$/,
    (e) => ({ offset: e.pos[0], message: "the text of a | or > block must be indented more than its key", hint: "indent the lines below the | or >" }),
  ],
  ["BLOCK_AS_IMPLICIT_KEY|MULTILINE_IMPLICIT_KEY|MISSING_CHAR", /^(?:Nested mappings|Implicit keys|Implicit map keys|A block sequence)/, (e, src) => lineShape(e, src)],
  [
    "UNEXPECTED_TOKEN",
    /^Unexpected block-seq-ind on same line with key$/,
    (e, src) => {
      const line = src.lineAt(e.pos[0]);
      const kv = keyValue(line);
      if (kv && e.pos[0] > line.content) {
        const item = stripComment(src.text.slice(e.pos[0] + 1, line.end));
        return {
          offset: e.pos[0],
          message: 'a list item ("- ") cannot start on the same line as its key',
          hint: `write the list in brackets, ${quote(`${kv.key}: [${item ? yamlString(item, true) : ""}]`)}, or each "- item" on a line of its own below "${kv.key}:", indented`,
        };
      }
      return lineShape(e, src);
    },
  ],
  [
    "UNEXPECTED_TOKEN",
    /^Unexpected scalar at node end$/,
    (e, src) => {
      const line = src.lineAt(e.pos[0]);
      if (/^\.\.\.(\s|$)/.test(line.text)) return { offset: e.pos[0], message: 'text after "...", which ends the spec', hint: 'delete the "..." or the text after it' };
      const before = src.text.slice(0, e.pos[0]).trimEnd().slice(-1);
      if (before === '"' || before === "'") {
        return { offset: e.pos[0], message: "text after the closing quote of this value", hint: 'put the whole value inside the quotes, or start a comment with " #"' };
      }
      if (before === "]" || before === "}") {
        return { offset: e.pos[0], message: `text after the closing ${before}`, hint: `put it inside the ${before === "]" ? "[ ]" : "{ }"}, or start a comment with " #"` };
      }
      const first = src.firstContentLine() ?? line;
      if (line.start === e.pos[0] - line.indent && line.indent < first.indent) {
        return { offset: e.pos[0], message: `this line is indented less than the spec's first line (${first.indent} spaces)`, hint: "start every top-level key at the same column, preferably the first" };
      }
      return undefined;
    },
  ],
  [
    "UNEXPECTED_TOKEN",
    /^Unexpected (\S+) token in YAML (?:stream|document)(?:: "(.*)")?$/,
    (e, src, m) => {
      const shown = m[2] ?? m[1]!;
      if (shown === "]" || shown === "}") {
        return { offset: e.pos[0], message: `this ${shown} closes nothing: no ${shown === "]" ? "[" : "{"} is open here`, hint: `delete it, or check the line where the ${shown === "]" ? "[" : "{"} opens: a list or map in brackets that goes on over several lines indents each further line more than its key`, cascade: true };
      }
      const line = src.lineAt(e.pos[0]);
      return { offset: e.pos[0], message: `${JSON.stringify(shown)} is not expected here`, hint: line.indent > 0 ? "check this line's indentation against the lines above" : "check the line above: a value may be missing its closing quote or bracket", cascade: true };
    },
  ],
  [
    "UNEXPECTED_TOKEN",
    /^Block scalar header includes extra characters: (.*)$/s,
    (e) => ({ offset: e.pos[0], message: "after | or >, only + or -, a digit (the indentation) and a comment may follow on the same line", hint: "start the text on the next line, indented" }),
  ],
  ["UNEXPECTED_TOKEN", /^Unexpected doc-end without preceding document$/, (e) => ({ offset: e.pos[0], message: 'a "..." line ends a document, but none has begun', hint: 'delete the "..." line' })],
  [
    "MISSING_CHAR",
    /^Missing directives-end(?:\/doc-start)? indicator line$/,
    (e) => ({ offset: e.pos[0], message: 'a "%" directive line must be followed by a "---" line', hint: 'delete the % line (a spec needs no directive), or add a "---" line below it' }),
  ],
  [
    "MISSING_CHAR",
    /^Block collection cannot start on same line with directives-end marker$/,
    (e, src) => ({ offset: e.pos[0], message: 'a map or list cannot start on the "---" line', hint: `put ${quote(stripComment(src.text.slice(e.pos[0], src.lineAt(e.pos[0]).end)))} on the next line` }),
  ],
  [
    "MISSING_CHAR",
    /^(?:Tags and anchors must be separated|Missing newline after)/,
    (e) => ({ offset: e.pos[0], message: "an anchor (&name) or a tag (!tag) needs a space after it", hint: "put a space after it, or quote the value if the & or ! is part of it" }),
  ],
  ["BAD_DIRECTIVE", /./, (e) => ({ offset: e.pos[0], message: 'this "%" line is not a valid YAML directive', hint: "a spec needs no directive: delete the line (a value that starts with % must be quoted)" })],
  [
    "TAG_RESOLVE_FAILED",
    /./,
    (e, src) => ({
      offset: e.pos[0],
      code: "SVC1007",
      message: `YAML tag ${/^!\S*/.exec(src.text.slice(e.pos[0]))?.[0] ?? ""} is not supported in a spec`.replace("tag  is", "tag is"),
      hint: 'write the value plainly (quote it if the ! is part of it: `"!x"`); `!!str` is the one tag svcgen accepts',
    }),
  ],
  ["MULTIPLE_TAGS", /./, (e) => ({ offset: e.pos[0], code: "SVC1007", message: "a value has two tags (!tag); svcgen accepts one, `!!str`", hint: "delete them, or quote the value if the ! is part of it" })],
  ["BAD_ALIAS", /^Alias cannot be an empty string$/, (e) => ({ offset: e.pos[0], message: '"*" starts an alias (*name), and no name follows it', hint: 'quote the value if the * is part of it: `"*"`' })],
  ["BAD_ALIAS", /^Anchor cannot be an empty string$/, (e) => ({ offset: e.pos[0], message: '"&" starts an anchor (&name), and no name follows it', hint: 'quote the value if the & is part of it: `"&"`' })],
  ["MULTIPLE_ANCHORS", /./, (e) => ({ offset: e.pos[0], message: "a value has two anchors (&name); it can have one", hint: "delete one, or quote the value if the & is part of it" })],
  ["ALIAS_PROPS", /./, (e) => ({ offset: e.pos[0], message: "an alias (*name) cannot have an anchor or tag of its own", hint: "delete the & or ! before it" })],
  ["BAD_PROP_ORDER", /the (.) indicator$/, (e, _src, m) => ({ offset: e.pos[0], message: `an anchor or tag must come after the ${m[1]}, not before it`, hint: `write ${quote(`${m[1]} &name value`)}` })],
  [
    "KEY_OVER_1024_CHARS",
    /./,
    (e) => ({ offset: e.pos[0], message: "this key runs on for more than 1024 characters", hint: 'a key is one word, such as executable: look for a missing ": " or an unclosed quote above' }),
  ],
  ["RESOURCE_EXHAUSTION", /./, (e) => ({ offset: e.pos[0], message: "the spec nests lists and maps too deeply to be read", hint: "a spec nests a few levels deep; look for brackets opened and never closed" })],
];

/**
 * Keys and values on the wrong lines: `description: Note: this` (a second ": " on the line), a line
 * indented under a key that already has a value, `name:orders` (no space after the colon), a line
 * with no colon, a list item after a key that has a value. The library reports these as "implicit
 * keys" problems at the value before the mistake; this finds the line the author has to change.
 */
function lineShape(e: YamlErrorLike, src: Source): Omit<YamlMessage, "code"> | undefined {
  const line = src.lineAt(e.pos[0]);
  const kv = keyValue(line);
  const next = src.contentLine(line, 1);
  const above = src.contentLine(line, -1);
  if (/^A block sequence/.test(e.message) || /^-(\s|$)/.test(line.text.slice(line.indent))) {
    if (above && /^\s*-(\s|$)/.test(above.text) && above.indent !== line.indent) {
      return { offset: line.content, message: "this list item is not lined up with the items above it", hint: 'start every "- " of one list at the same column' };
    }
    const owner = above && keyValue(above);
    return {
      offset: line.content,
      message: owner && owner.value ? `a list item cannot follow "${owner.key}: ${owner.value}", which already has a value` : 'a list item ("- ") cannot follow the keys of a map at the same indentation',
      hint: owner ? `to give ${owner.key} a list, leave nothing after its colon ("${owner.key}:") and indent the items below it` : "put the list under a key of its own, with its items indented below it",
    };
  }
  if (kv && e.pos[0] >= kv.valueOffset) {
    const value = stripComment(src.text.slice(kv.valueOffset, line.end));
    if (/:(\s|$)/.test(value)) {
      return { offset: kv.valueOffset, message: `the value of ${kv.key} contains ": ", which YAML reads as the start of another key`, hint: `quote the value: ${quote(`${kv.key}: ${yamlString(value)}`)}` };
    }
    if (next && next.indent > line.indent) {
      const nk = keyValue(next)?.key;
      return {
        offset: next.content,
        message: `this line is indented more than "${kv.key}" above it, which already has a value, so YAML reads it as part of that value`,
        hint: `${line.indent === 0 ? "start it at the first column" : `indent it ${line.indent} space${line.indent === 1 ? "" : "s"}`}, like "${kv.key}"${nk ? `; or, to put ${nk} inside ${kv.key}, leave nothing after "${kv.key}:"` : ""}`,
      };
    }
  }
  const body = stripComment(line.text.slice(line.indent));
  const tight = /^([A-Za-z_][\w.-]*):(\S.*)$/.exec(body);
  if (!kv && tight) {
    return { offset: line.content, message: `"${body}" needs a space after the colon to be a key and its value`, hint: `write ${quote(`${tight[1]}: ${tight[2]}`)}` };
  }
  if (!kv && !body.includes(":")) {
    const words = /^([A-Za-z_][\w.-]*)\s+(\S.*)$/.exec(body);
    return {
      offset: line.content,
      message: "this line is not a key and its value: it has no colon",
      hint: words ? `write ${quote(`${words[1]}: ${words[2]}`)}` : 'write "key: value" (a colon and a space after the key), or start a list item with "- "',
    };
  }
  return undefined;
}

/** The rules, as code and message pattern, for the test that gives an input for each. */
export const YAML_RULES: readonly (readonly [string, RegExp])[] = RULES.map(([c, re]) => [c, re] as const);

/** What to tell the spec's author about one of the `yaml` library's errors (and which rule said it). */
export function explainYamlError(e: YamlErrorLike, src: Source): YamlMessage & { rule?: number } {
  for (const [i, [codes, re, rule]] of RULES.entries()) {
    if (!codes.split("|").includes(e.code)) continue;
    const m = re.exec(e.message);
    if (!m) continue;
    const r = rule(e, src, m);
    if (r) return { code: SYNTAX, ...r, rule: i };
  }
  // Not foreseen (the library's "should not happen" paths): still about the spec, with the library's
  // words as the detail.
  const detail = e.message.split("\n")[0]!.replace(/ at line \d+, column \d+.*$/, "");
  return { offset: e.pos[0], code: SYNTAX, message: `svcgen cannot read this part of the spec as YAML (${detail.charAt(0).toLowerCase()}${detail.slice(1)})`, hint: "compare it with the README's example; quoting a value often helps" };
}

export { Source as YamlSource };
