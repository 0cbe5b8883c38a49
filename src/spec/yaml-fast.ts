// A loader for the plain YAML that specs are written in, so that `validate` and `build` need not load
// (or warm up) the full `yaml` library for every spec: block mappings and sequences, one-line scalars
// (plain, single- and double-quoted) and one-line flow collections, with comments.
//
// It either returns exactly what the full loader (load-yaml.ts) returns for the same text (the same
// data, the same positions) or declines by returning undefined, and the caller then loads the text with
// the `yaml` library. It declines at anything outside that subset or anything that would be a
// diagnostic (tabs, anchors and aliases, tags, block scalars, multi-line scalars, empty values,
// duplicate or unusual keys, document markers, control characters): every error message still comes
// from one place. test/spec/yaml-fast.test.ts holds it to that, on the fixtures and on random documents.
//
// Scalars resolve by the YAML 1.2 core schema, as the `yaml` library does (its regular expressions are
// copied here): `true`, `08080` and `0x1F` are a boolean and numbers, with the text as written kept as
// the node's source.

import type { SourceLoc } from "../model.js";
import type { NodeInfo } from "./load.js";
import { segment } from "./pointer.js";
import { FORBIDDEN_KEYS, MAX_EXPANDED_NODES } from "./yaml-limits.js";


// Characters the subset does not handle anywhere in the text: tabs, C0/C1 controls other than line
// breaks, DEL, BOM, non-characters, and surrogates (the `yaml` library has its own view of all of these).
// eslint-disable-next-line no-control-regex
const DECLINE_CHARS = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff]|\r(?!\n)|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// A key the subset takes plain: a name, not a number, boolean or null (core schema), nor a key the full
// loader refuses (FORBIDDEN_KEYS).
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

// The core schema's tests (yaml 2.x src/schema/core, src/schema/common/null.ts).
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

class Decline extends Error {}
const decline = (why: string): never => {
  throw new Decline(why);
};

/** The core schema's value of a plain scalar. */
function resolvePlain(s: string): unknown {
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === "t" || s[0] === "T";
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === "nan" ? NaN : s[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

// Where a plain scalar may not start: indicators; `-`, `?` and `:` only before a character that could
// continue it (so `--port` is plain, `- x` a sequence entry).
const PLAIN_START_BAD = new Set(["[", "]", "{", "}", ",", "#", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`"]);
const PLAIN_START_IF_SAFE_NEXT = new Set(["-", "?", ":"]);
const FLOW_INDICATORS = new Set(["[", "]", "{", "}", ","]);

interface Line {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset of the line's end (before "\n" or "\r\n"). */
  end: number;
  indent: number;
  /** True for a line that is blank or only a comment. */
  empty: boolean;
}

export function loadSimpleYaml(text: string, file: string): { data: unknown; nodes: Map<string, NodeInfo> } | undefined {
  const r = readSubset(text, file);
  return typeof r === "string" ? undefined : r;
}

/** Why the subset loader declines `text` (for tests and for tuning the subset), or undefined. */
export function subsetDeclineReason(text: string): string | undefined {
  const r = readSubset(text, "s.yaml");
  return typeof r === "string" ? r : undefined;
}

function readSubset(text: string, file: string): { data: unknown; nodes: Map<string, NodeInfo> } | string {
  const bad = DECLINE_CHARS.exec(text);
  if (bad) return `the character U+${bad[0].charCodeAt(0).toString(16).padStart(4, "0")} at offset ${bad.index}`;
  try {
    return new SubsetParser(text, file).parse();
  } catch (e) {
    if (e instanceof Decline) return e.message;
    throw e;
  }
}

class SubsetParser {
  private readonly lines: Line[] = [];
  private readonly nodes = new Map<string, NodeInfo>();
  private count = 0;
  private marked = false;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    let start = 0;
    while (start <= text.length) {
      let nl = text.indexOf("\n", start);
      if (nl === -1) nl = text.length;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      let i = start;
      while (i < end && text.charCodeAt(i) === 32) i++;
      const first = text[i];
      let empty = i === end || first === "#";
      // A `---` line before the content (as people start YAML files out of habit) is one more line
      // without content; any other document marker and directives are the full loader's business.
      if (i === start && (first === "%" || text.startsWith("---", start) || text.startsWith("...", start))) {
        if (!this.startMarker(start, end)) decline(`a directive or document marker on line ${this.lines.length + 1}`);
        empty = true;
      }
      this.lines.push({ start, end, indent: i - start, empty });
      start = nl + 1;
    }
  }

  /** `---` alone (or before a comment) on the line, with nothing but blank and comment lines above it. */
  private startMarker(start: number, end: number): boolean {
    if (this.marked || !this.text.startsWith("---", start) || this.lines.some((l) => !l.empty)) return false;
    this.marked = true;
    const p = this.skipSpaces(start + 3, end);
    return p === end || (p > start + 3 && this.text[p] === "#");
  }

  private loc(offset: number, lineNo: number): SourceLoc {
    return { file: this.file, line: lineNo + 1, col: offset - this.lines[lineNo]!.start + 1 };
  }

  private nextContent(from: number): number {
    let i = from;
    while (i < this.lines.length && this.lines[i]!.empty) i++;
    return i;
  }

  /** Records the node at `ptr` (its value at offset `p` of line `lineNo`) and returns its info. */
  private node(ptr: string, p: number, lineNo: number, keyLoc: SourceLoc | undefined): NodeInfo {
    if (++this.count > MAX_EXPANDED_NODES) decline("too many nodes");
    const info: NodeInfo = { value: this.loc(p, lineNo) };
    if (keyLoc) info.key = keyLoc;
    this.nodes.set(ptr, info);
    return info;
  }

  parse(): { data: unknown; nodes: Map<string, NodeInfo> } {
    const first = this.nextContent(0);
    if (first >= this.lines.length) decline("an empty document");
    const line = this.lines[first]!;
    if (line.indent !== 0 || this.isSeqItem(line)) decline("the root is not a block mapping");
    const [data, after] = this.blockMap(first, 0, "", undefined);
    if (this.nextContent(after) < this.lines.length) decline(`line ${this.nextContent(after) + 1} is outside the root mapping`);
    return { data, nodes: this.nodes };
  }

  private isSeqItem(line: Line): boolean {
    const p = line.start + line.indent;
    return this.text[p] === "-" && (p + 1 === line.end || this.text[p + 1] === " ");
  }

  /** A block mapping whose keys sit at `indent`, from line `i`; returns the value and the next line. */
  private blockMap(i: number, indent: number, path: string, keyLoc: SourceLoc | undefined): [Record<string, unknown>, number] {
    this.node(path, this.lines[i]!.start + indent, i, keyLoc);
    const obj: Record<string, unknown> = {};
    const t = this.text;
    for (;;) {
      i = this.nextContent(i);
      if (i >= this.lines.length) return [obj, i];
      const line = this.lines[i]!;
      if (line.indent < indent) return [obj, i];
      if (line.indent > indent || this.isSeqItem(line)) decline(`line ${i + 1}: unexpected indentation or sequence entry`);
      const ks = line.start + indent;
      const [key, colon] = this.mapKey(ks, line.end, obj);
      const kLoc = this.loc(ks, i);
      const childPath = path + segment(key);
      let p = colon + 1;
      if (p < line.end && t[p] !== " ") decline(`line ${i + 1}: no space after the colon`);
      while (p < line.end && t[p] === " ") p++;
      if (p === line.end || t[p] === "#") {
        // The value is a block on the following lines: deeper, or a sequence at this same indent.
        const next = this.nextContent(i + 1);
        const nl = this.lines[next];
        if (!nl) decline(`line ${i + 1}: an empty value`);
        if (nl!.indent > indent) {
          [obj[key], i] = this.isSeqItem(nl!) ? this.blockSeq(next, nl!.indent, childPath, kLoc) : this.blockMap(next, nl!.indent, childPath, kLoc);
        } else if (nl!.indent === indent && this.isSeqItem(nl!)) {
          [obj[key], i] = this.blockSeq(next, indent, childPath, kLoc);
        } else decline(`line ${i + 1}: an empty value`);
      } else {
        obj[key] = this.inlineValue(p, i, childPath, kLoc);
        i = this.afterInline(i, indent);
      }
    }
  }

  /** A block sequence whose dashes sit at `indent`; items are one-line scalars or flow collections. */
  private blockSeq(i: number, indent: number, path: string, keyLoc: SourceLoc | undefined): [unknown[], number] {
    this.node(path, this.lines[i]!.start + indent, i, keyLoc);
    const items: unknown[] = [];
    const t = this.text;
    for (;;) {
      i = this.nextContent(i);
      if (i >= this.lines.length) return [items, i];
      const line = this.lines[i]!;
      if (line.indent < indent || (line.indent === indent && !this.isSeqItem(line))) return [items, i];
      if (line.indent > indent) decline(`line ${i + 1}: unexpected indentation`);
      let p = line.start + indent + 1;
      while (p < line.end && t[p] === " ") p++;
      if (p === line.end || t[p] === "#" || this.looksLikeMapEntry(p, line.end)) decline(`line ${i + 1}: a block or mapping in a sequence entry`);
      items.push(this.inlineValue(p, i, path + "/" + items.length, undefined));
      i = this.afterInline(i, indent);
    }
  }

  /** `- key: value` (a compact mapping in a sequence) is left to the full loader. */
  private looksLikeMapEntry(p: number, end: number): boolean {
    const c = this.text[p];
    if (c === '"' || c === "'" || c === "[" || c === "{") return false;
    const colon = this.text.indexOf(":", p);
    return colon !== -1 && colon < end;
  }

  /** After a one-line value: a deeper line would continue a multi-line scalar; decline it. */
  private afterInline(i: number, indent: number): number {
    const next = this.nextContent(i + 1);
    const nl = this.lines[next];
    if (nl && nl.indent > indent) decline(`line ${next + 1}: a continuation line`);
    return next;
  }

  /** A scalar or flow collection starting at `p` that ends its line (a comment may follow). */
  private inlineValue(p: number, lineNo: number, path: string, keyLoc: SourceLoc | undefined): unknown {
    const line = this.lines[lineNo]!;
    const t = this.text;
    const c = t[p];
    if (c === "[" || c === "{") {
      this.node(path, p, lineNo, keyLoc);
      const [value, end] = c === "[" ? this.flowSeq(p, lineNo, path) : this.flowMap(p, lineNo, path);
      this.restOfLine(end, line.end);
      return value;
    }
    const [value, end] = this.scalar(p, lineNo, line.end, path, keyLoc, false);
    this.restOfLine(end, line.end);
    return value;
  }

  /** Only spaces and a comment may follow a value. */
  private restOfLine(p: number, end: number): void {
    const t = this.text;
    if (p < end && t[p] !== " ") decline(`offset ${p}: text after a value`);
    while (p < end && t[p] === " ") p++;
    if (p < end && t[p] !== "#") decline(`offset ${p}: text after a value`);
  }

  /** A scalar at `p`; returns its value and the offset after it (before any trailing spaces). */
  private scalar(p: number, lineNo: number, end: number, path: string, keyLoc: SourceLoc | undefined, flow: boolean): [unknown, number] {
    const t = this.text;
    const c = t[p]!;
    let value: unknown;
    let after: number;
    if (c === '"') [value, after] = this.doubleQuoted(p, end);
    else if (c === "'") [value, after] = this.singleQuoted(p, end);
    else {
      if (PLAIN_START_BAD.has(c)) decline(`offset ${p}: a value starting with ${c}`);
      if (PLAIN_START_IF_SAFE_NEXT.has(c)) {
        const n = t[p + 1];
        if (p + 1 >= end || n === " " || (flow && FLOW_INDICATORS.has(n!))) decline(`offset ${p}: a value starting with ${c}`);
      }
      let q = p;
      while (q < end) {
        const ch = t[q]!;
        if (ch === "#" && t[q - 1] === " ") break;
        if (ch === ":" && (q + 1 === end || t[q + 1] === " " || (flow && FLOW_INDICATORS.has(t[q + 1]!)))) decline(`offset ${q}: a colon in a plain value`);
        if (flow && FLOW_INDICATORS.has(ch)) break;
        q++;
      }
      while (q > p && t[q - 1] === " ") q--;
      const raw = t.slice(p, q);
      if (raw === "") decline(`offset ${p}: an empty value`);
      value = resolvePlain(raw);
      // An empty value or null is written differently by different people; the full loader decides.
      if (value === null) decline(`offset ${p}: a null value`);
      this.node(path, p, lineNo, keyLoc).source = typeof value === "string" ? value : raw;
      return [value, q];
    }
    this.node(path, p, lineNo, keyLoc).source = value as string;
    return [value, after];
  }

  private singleQuoted(p: number, end: number): [string, number] {
    const t = this.text;
    let out = "";
    let q = p + 1;
    for (;;) {
      const close = t.indexOf("'", q);
      if (close === -1 || close >= end) decline(`offset ${p}: a quoted value that does not end on its line`);
      out += t.slice(q, close);
      if (t[close + 1] === "'") {
        out += "'";
        q = close + 2;
      } else return [out, close + 1];
    }
  }

  /**
   * A double-quoted scalar on one line, with every escape YAML 1.2 defines (§5.7), resolved as the
   * `yaml` library does: \x, \u and \U give the code point (a surrogate from \u stays a lone UTF-16
   * unit, so "\ud83d\ude80" is one astral character); \ at the end of the line (a continuation) and
   * unknown escapes are declined.
   */
  private doubleQuoted(p: number, end: number): [string, number] {
    const t = this.text;
    let out = "";
    let q = p + 1;
    let run = q;
    for (;;) {
      if (q >= end) decline(`offset ${p}: a quoted value that does not end on its line`);
      const ch = t.charCodeAt(q);
      if (ch === 34) return [out + t.slice(run, q), q + 1];
      if (ch !== 92) {
        q++;
        continue;
      }
      out += t.slice(run, q);
      const e = t[q + 1];
      const simple = e === undefined || q + 1 >= end ? undefined : DQ_ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        q += 2;
      } else {
        const digits = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
        const hex = t.slice(q + 2, q + 2 + digits);
        if (digits === 0 || q + 2 + digits > end || !HEX.test(hex)) decline(`offset ${q}: the escape \\${e ?? ""}`);
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) decline(`offset ${q}: the escape \\${hex}: not a code point`);
        out += String.fromCodePoint(code);
        q += 2 + digits;
      }
      run = q;
    }
  }

  /** An entry of a flow collection: a scalar, or a flow collection on the same line. */
  private flowValue(q: number, lineNo: number, end: number, path: string, keyLoc: SourceLoc | undefined): [unknown, number] {
    const c = this.text[q];
    if (c === "[" || c === "{") {
      this.node(path, q, lineNo, keyLoc);
      return c === "[" ? this.flowSeq(q, lineNo, path) : this.flowMap(q, lineNo, path);
    }
    if (q >= end || c === "]" || c === "}" || c === ",") decline(`offset ${q}: an empty flow entry`);
    return this.scalar(q, lineNo, end, path, keyLoc, true);
  }

  /** `[a, "b", 'c']` on one line; returns the array and the offset after `]`. */
  private flowSeq(p: number, lineNo: number, path: string): [unknown[], number] {
    const t = this.text;
    const end = this.lines[lineNo]!.end;
    const items: unknown[] = [];
    let q = this.skipSpaces(p + 1, end);
    if (t[q] === "]") return [items, q + 1];
    for (;;) {
      const [value, after] = this.flowValue(q, lineNo, end, path + "/" + items.length, undefined);
      items.push(value);
      q = this.skipSpaces(after, end);
      if (t[q] === "]") return [items, q + 1];
      if (t[q] !== ",") decline(`offset ${q}: expected a comma`);
      q = this.skipSpaces(q + 1, end);
      // A comma may end the list: `[a, b, ]`.
      if (t[q] === "]") return [items, q + 1];
    }
  }

  /** `{ a: b, "c": 'd' }` on one line; returns the object and the offset after `}`. */
  private flowMap(p: number, lineNo: number, path: string): [Record<string, unknown>, number] {
    const t = this.text;
    const end = this.lines[lineNo]!.end;
    const obj: Record<string, unknown> = {};
    let q = this.skipSpaces(p + 1, end);
    if (t[q] === "}") return [obj, q + 1];
    for (;;) {
      const [key, colon] = this.mapKey(q, end, obj);
      // After a plain key the colon needs a space (`{a:b}` is the key "a:b" with no value); after a
      // quoted key the value may follow at once, as in JSON.
      if (t[colon + 1] !== " " && !(t[q] === '"' || t[q] === "'")) decline(`offset ${q}: a flow mapping key`);
      const kLoc = this.loc(q, lineNo);
      q = this.skipSpaces(colon + 1, end);
      const [value, after] = this.flowValue(q, lineNo, end, path + segment(key), kLoc);
      obj[key] = value;
      q = this.skipSpaces(after, end);
      if (t[q] === "}") return [obj, q + 1];
      if (t[q] !== ",") decline(`offset ${q}: expected a comma`);
      q = this.skipSpaces(q + 1, end);
      if (t[q] === "}") return [obj, q + 1];
    }
  }

  /**
   * The key of a mapping entry at `q`, before `end`, and the offset of its colon: a plain name that
   * resolves to a string, or a quoted string on one line; spaces may stand before the colon. Declined:
   * a long key, a key new in its map, or one the full loader refuses.
   */
  private mapKey(q: number, end: number, obj: Record<string, unknown>): [string, number] {
    const t = this.text;
    const c = t[q];
    let key: string;
    let colon: number;
    if (c === '"' || c === "'") {
      let after: number;
      [key, after] = c === '"' ? this.doubleQuoted(q, end) : this.singleQuoted(q, end);
      colon = this.skipSpaces(after, end);
      if (t[colon] !== ":") decline(`offset ${q}: a quoted key without a colon`);
    } else {
      colon = t.indexOf(":", q);
      if (colon === -1 || colon >= end) decline(`offset ${q}: no key`);
      let e = colon;
      while (e > q && t[e - 1] === " ") e--;
      key = t.slice(q, e);
      if (!PLAIN_KEY.test(key) || typeof resolvePlain(key) !== "string") decline(`offset ${q}: the key ${JSON.stringify(key)}`);
    }
    if (colon - q > 256 || FORBIDDEN_KEYS.has(key) || Object.hasOwn(obj, key)) decline(`offset ${q}: the key ${JSON.stringify(key)}`);
    return [key, colon];
  }

  private skipSpaces(p: number, end: number): number {
    while (p < end && this.text[p] === " ") p++;
    return p;
  }
}

// The double-quoted escapes of one character (YAML 1.2 §5.7, as the `yaml` library maps them). An
// escaped tab is one too, but a tab is declined before parsing.
const DQ_ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\u0085",
  _: "\u00a0",
  L: "\u2028",
  P: "\u2029",
};
const HEX = /^[0-9a-fA-F]+$/;
