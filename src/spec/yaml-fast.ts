// A loader for the YAML that specs are written in, so that `validate` and `build` need not load (or
// warm up) the full `yaml` library for every spec: block mappings and sequences, one-line scalars
// (plain; single-quoted; double-quoted with every escape YAML 1.2 defines), one-line flow collections
// nested in each other (trailing commas, JSON-style `"key":value`), quoted keys, comments wherever
// they can go, a leading `---` line, CRLF line ends, any non-ASCII text.
//
// It either returns exactly what the full loader (load-yaml.ts) returns for the same text (the same
// data, the same positions) or declines by returning undefined, and the caller then loads the text with
// the `yaml` library. It declines at anything outside that subset or anything that would be a
// diagnostic (tabs, anchors and aliases, tags, block scalars, multi-line scalars and flow collections,
// empty values, duplicate or unusual keys, other document markers and directives, control characters):
// every error message still comes from one place. test/spec/yaml-fast.test.ts holds it to that, on the
// fixtures, the bench's specs, random documents and random edits of the fixtures (`npm run fuzz` runs
// many more).
//
// Scalars resolve by the YAML 1.2 core schema, as the `yaml` library does (its regular expressions are
// copied here): `true`, `08080` and `0x1F` are a boolean and numbers, with the text as written kept as
// the node's source.

import type { SourceLoc } from "../model.js";
import type { NodeInfo } from "./load.js";
import { segment } from "./pointer.js";
import { FORBIDDEN_KEYS, MAX_EXPANDED_NODES } from "./yaml-limits.js";


// Characters the subset does not handle anywhere in the text: tabs, C0/C1 controls other than line
// breaks, DEL, BOM, non-characters, and lone surrogates (the `yaml` library has its own view of all of
// these). Surrogates are matched one by one and pairs skipped in badChar: with the u flag the search
// reads code points itself, but it is several times slower.
// eslint-disable-next-line no-control-regex
const DECLINE_CHARS = /[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffe\uffff\ud800-\udfff]|\r(?!\n)/g;

/** The offset of the first character of `text` that the subset declines, or -1. */
function badChar(text: string): number {
  DECLINE_CHARS.lastIndex = 0;
  for (;;) {
    const m = DECLINE_CHARS.exec(text);
    if (m === null) return -1;
    const c = text.charCodeAt(m.index);
    const d = text.charCodeAt(m.index + 1);
    if (c < 0xd800 || c > 0xdbff || d < 0xdc00 || d > 0xdfff) return m.index;
    DECLINE_CHARS.lastIndex = m.index + 2;
  }
}

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

// Collections nested deeper than any spec is: declined, so that recursion here never nears the stack's
// limit (the full loader then reports the nesting: see load.ts).
const MAX_DEPTH = 32;
const tooDeep = (path: string): boolean => {
  let n = 0;
  for (let i = path.indexOf("/"); i !== -1; i = path.indexOf("/", i + 1)) if (++n > MAX_DEPTH) return true;
  return false;
};
const decline = (why: string): never => {
  throw new Decline(why);
};

// The first characters of every plain scalar the core schema reads as other than a string, and the
// last ones (a digit, a hex digit, "." of `1.`, `~`, the l/L of null, the e/E of true and false, the
// n/N/f/F of .nan and .inf): `10s`, `5m` and `-v` are strings without a regular expression run.
const NOT_ALWAYS_STRING = "~nNtTfF0123456789+-.";
const NOT_ALWAYS_STRING_END = "0123456789abcdefABCDEF.~lLnN";

/** The core schema's value of a plain scalar. */
function resolvePlain(s: string): unknown {
  if (s !== "" && (!NOT_ALWAYS_STRING.includes(s[0]!) || !NOT_ALWAYS_STRING_END.includes(s[s.length - 1]!))) return s;
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
  const bad = badChar(text);
  if (bad !== -1) return `the character U+${text.charCodeAt(bad).toString(16).padStart(4, "0")} at offset ${bad}`;
  try {
    return new SubsetParser(text, file).parse();
  } catch (e) {
    if (e instanceof Decline) return e.message;
    throw e;
  }
}

// Where a plain scalar stops, or must be declined, searched from its start: ` #` (a comment), a colon
// before a space or the line's end (a mapping the subset leaves to the full loader), the line's end;
// in a flow collection also a flow indicator, and a colon before one. (The searches stop at the line's
// end, so reading a document stays linear.)
const PLAIN_STOP = / #|:(?=[ \r\n]|$)|[\r\n]/g;
const PLAIN_STOP_FLOW = / #|:(?=[ \r\n,[\]{}]|$)|[\r\n,[\]{}]/g;
// Where a double-quoted scalar's literal text stops: the closing quote, an escape, or the line's end.
const DQ_STOP = /["\\\r\n]/g;

// The parser reads with the text's native searches and char codes rather than a character at a time,
// and hands back a second result (the offset after a value, the line after a block) in `at` rather
// than in an array: a build of many specs runs this code mostly unoptimised, where each such array and
// its destructuring cost more than the parsing around them.
class SubsetParser {
  private readonly lines: Line[] = [];
  private readonly nodes = new Map<string, NodeInfo>();
  private count = 0;
  private marked = false;
  /** Set by each reader: the offset after the value read (scalars, flow collections, keys' colons), or the line after a block. */
  private at = 0;

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
      const first = text.charCodeAt(i);
      let empty = i === end || first === 35; // #
      // A `---` line before the content (as people start YAML files out of habit) is one more line
      // without content; any other document marker and directives are the full loader's business.
      if (i === start && (first === 37 || first === 45 || first === 46) && (first === 37 || text.startsWith("---", start) || text.startsWith("...", start))) {
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
    return p === end || (p > start + 3 && this.text.charCodeAt(p) === 35);
  }

  private loc(offset: number, lineNo: number): SourceLoc {
    return { file: this.file, line: lineNo + 1, col: offset - this.lines[lineNo]!.start + 1 };
  }

  private nextContent(from: number): number {
    const lines = this.lines;
    let i = from;
    while (i < lines.length && lines[i]!.empty) i++;
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
    const data = this.blockMap(first, 0, "", undefined);
    const after = this.nextContent(this.at);
    if (after < this.lines.length) decline(`line ${after + 1} is outside the root mapping`);
    return { data, nodes: this.nodes };
  }

  private isSeqItem(line: Line): boolean {
    const p = line.start + line.indent;
    return this.text.charCodeAt(p) === 45 && (p + 1 === line.end || this.text.charCodeAt(p + 1) === 32);
  }

  /** A block mapping whose keys sit at `indent`, from line `i`; `at` is then the line after it. */
  private blockMap(i: number, indent: number, path: string, keyLoc: SourceLoc | undefined): Record<string, unknown> {
    if (tooDeep(path)) decline(`nested more than ${MAX_DEPTH} levels`);
    this.node(path, this.lines[i]!.start + indent, i, keyLoc);
    const obj: Record<string, unknown> = {};
    const t = this.text;
    const lines = this.lines;
    for (;;) {
      i = this.nextContent(i);
      const line = lines[i];
      if (line === undefined || line.indent < indent) {
        this.at = i;
        return obj;
      }
      if (line.indent > indent || this.isSeqItem(line)) decline(`line ${i + 1}: unexpected indentation or sequence entry`);
      const ks = line.start + indent;
      const end = line.end;
      const key = this.mapKey(ks, end, obj);
      const kLoc = this.loc(ks, i);
      const childPath = path + segment(key);
      let p = this.at + 1;
      if (p < end && t.charCodeAt(p) !== 32) decline(`line ${i + 1}: no space after the colon`);
      p = this.skipSpaces(p, end);
      if (p === end || t.charCodeAt(p) === 35) {
        // The value is a block on the following lines: deeper, or a sequence at this same indent.
        const next = this.nextContent(i + 1);
        const nl = lines[next];
        if (nl !== undefined && nl.indent > indent) {
          obj[key] = this.isSeqItem(nl) ? this.blockSeq(next, nl.indent, childPath, kLoc) : this.blockMap(next, nl.indent, childPath, kLoc);
        } else if (nl !== undefined && nl.indent === indent && this.isSeqItem(nl)) {
          obj[key] = this.blockSeq(next, indent, childPath, kLoc);
        } else decline(`line ${i + 1}: an empty value`);
        i = this.at;
      } else {
        obj[key] = this.inlineValue(p, i, childPath, kLoc);
        i = this.afterInline(i, indent);
      }
    }
  }

  /** A block sequence whose dashes sit at `indent`; items are one-line scalars or flow collections. */
  private blockSeq(i: number, indent: number, path: string, keyLoc: SourceLoc | undefined): unknown[] {
    if (tooDeep(path)) decline(`nested more than ${MAX_DEPTH} levels`);
    this.node(path, this.lines[i]!.start + indent, i, keyLoc);
    const items: unknown[] = [];
    const t = this.text;
    for (;;) {
      i = this.nextContent(i);
      const line = this.lines[i];
      if (line === undefined || line.indent < indent || (line.indent === indent && !this.isSeqItem(line))) {
        this.at = i;
        return items;
      }
      if (line.indent > indent) decline(`line ${i + 1}: unexpected indentation`);
      const p = this.skipSpaces(line.start + indent + 1, line.end);
      if (p === line.end || t.charCodeAt(p) === 35 || this.looksLikeMapEntry(p, line.end)) decline(`line ${i + 1}: a block or mapping in a sequence entry`);
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
    const end = this.lines[lineNo]!.end;
    const c = this.text.charCodeAt(p);
    let value: unknown;
    if (c === 91 || c === 123) {
      // [ or {
      this.node(path, p, lineNo, keyLoc);
      value = c === 91 ? this.flowSeq(p, lineNo, path) : this.flowMap(p, lineNo, path);
    } else value = this.scalar(p, lineNo, end, path, keyLoc, false);
    this.restOfLine(this.at, end);
    return value;
  }

  /** Only spaces and a comment may follow a value. */
  private restOfLine(p: number, end: number): void {
    const t = this.text;
    if (p < end && t.charCodeAt(p) !== 32) decline(`offset ${p}: text after a value`);
    p = this.skipSpaces(p, end);
    if (p < end && t.charCodeAt(p) !== 35) decline(`offset ${p}: text after a value`);
  }

  /** A scalar at `p`; `at` is then the offset after it (before any trailing spaces). */
  private scalar(p: number, lineNo: number, end: number, path: string, keyLoc: SourceLoc | undefined, flow: boolean): unknown {
    const t = this.text;
    const c = t[p]!;
    if (c === '"' || c === "'") {
      const value = c === '"' ? this.doubleQuoted(p, end) : this.singleQuoted(p, end);
      this.node(path, p, lineNo, keyLoc).source = value;
      return value;
    }
    if (PLAIN_START_BAD.has(c)) decline(`offset ${p}: a value starting with ${c}`);
    if (PLAIN_START_IF_SAFE_NEXT.has(c)) {
      const n = t[p + 1];
      if (p + 1 >= end || n === " " || (flow && FLOW_INDICATORS.has(n!))) decline(`offset ${p}: a value starting with ${c}`);
    }
    const stop = flow ? PLAIN_STOP_FLOW : PLAIN_STOP;
    stop.lastIndex = p;
    const m = stop.exec(t);
    let q = m === null || m.index > end ? end : m.index;
    if (q < end && t.charCodeAt(q) === 58) decline(`offset ${q}: a colon in a plain value`);
    while (q > p && t.charCodeAt(q - 1) === 32) q--;
    const raw = t.slice(p, q);
    if (raw === "") decline(`offset ${p}: an empty value`);
    const value = resolvePlain(raw);
    // An empty value or null is written differently by different people; the full loader decides.
    if (value === null) decline(`offset ${p}: a null value`);
    this.node(path, p, lineNo, keyLoc).source = typeof value === "string" ? value : raw;
    this.at = q;
    return value;
  }

  /** A single-quoted scalar on one line; `at` is then the offset after it. */
  private singleQuoted(p: number, end: number): string {
    const t = this.text;
    let out = "";
    let q = p + 1;
    for (;;) {
      const close = t.indexOf("'", q);
      if (close === -1 || close >= end) decline(`offset ${p}: a quoted value that does not end on its line`);
      out += t.slice(q, close);
      if (t.charCodeAt(close + 1) !== 39) {
        this.at = close + 1;
        return out;
      }
      out += "'";
      q = close + 2;
    }
  }

  /**
   * A double-quoted scalar on one line, with every escape YAML 1.2 defines (§5.7), resolved as the
   * `yaml` library does: \x, \u and \U give the code point (a surrogate from \u stays a lone UTF-16
   * unit, so "\ud83d\ude80" is one astral character); \ at the end of the line (a continuation) and
   * unknown escapes are declined. `at` is then the offset after it.
   */
  private doubleQuoted(p: number, end: number): string {
    const t = this.text;
    let out = "";
    let q = p + 1;
    for (;;) {
      DQ_STOP.lastIndex = q;
      const m = DQ_STOP.exec(t);
      if (m === null || m.index >= end) decline(`offset ${p}: a quoted value that does not end on its line`);
      const s = m!.index;
      out += t.slice(q, s);
      if (t.charCodeAt(s) === 34) {
        this.at = s + 1;
        return out;
      }
      const e = t[s + 1];
      const simple = e === undefined || s + 1 >= end ? undefined : DQ_ESCAPES[e];
      if (simple !== undefined) {
        out += simple;
        q = s + 2;
        continue;
      }
      const digits = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
      const hex = t.slice(s + 2, s + 2 + digits);
      if (digits === 0 || s + 2 + digits > end || !HEX.test(hex)) decline(`offset ${s}: the escape \\${e ?? ""}`);
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) decline(`offset ${s}: the escape \\${hex}: not a code point`);
      out += String.fromCodePoint(code);
      q = s + 2 + digits;
    }
  }

  /** An entry of a flow collection: a scalar, or a flow collection on the same line; `at` is then the offset after it. */
  private flowValue(q: number, lineNo: number, end: number, path: string, keyLoc: SourceLoc | undefined): unknown {
    const c = this.text[q];
    if (c === "[" || c === "{") {
      this.node(path, q, lineNo, keyLoc);
      return c === "[" ? this.flowSeq(q, lineNo, path) : this.flowMap(q, lineNo, path);
    }
    if (q >= end || c === "]" || c === "}" || c === ",") decline(`offset ${q}: an empty flow entry`);
    return this.scalar(q, lineNo, end, path, keyLoc, true);
  }

  /** `[a, "b", 'c']` on one line; `at` is then the offset after `]`. */
  private flowSeq(p: number, lineNo: number, path: string): unknown[] {
    if (tooDeep(path)) decline(`nested more than ${MAX_DEPTH} levels`);
    const t = this.text;
    const end = this.lines[lineNo]!.end;
    const items: unknown[] = [];
    let q = this.skipSpaces(p + 1, end);
    // A comma may end the list: `[a, b, ]`.
    while (t.charCodeAt(q) !== 93) {
      items.push(this.flowValue(q, lineNo, end, path + "/" + items.length, undefined));
      q = this.skipSpaces(this.at, end);
      if (t.charCodeAt(q) === 93) break;
      if (t.charCodeAt(q) !== 44) decline(`offset ${q}: expected a comma`);
      q = this.skipSpaces(q + 1, end);
    }
    this.at = q + 1;
    return items;
  }

  /** `{ a: b, "c": 'd' }` on one line; `at` is then the offset after `}`. */
  private flowMap(p: number, lineNo: number, path: string): Record<string, unknown> {
    if (tooDeep(path)) decline(`nested more than ${MAX_DEPTH} levels`);
    const t = this.text;
    const end = this.lines[lineNo]!.end;
    const obj: Record<string, unknown> = {};
    let q = this.skipSpaces(p + 1, end);
    while (t.charCodeAt(q) !== 125) {
      const quoted = t[q] === '"' || t[q] === "'";
      const key = this.mapKey(q, end, obj);
      const colon = this.at;
      // After a plain key the colon needs a space (`{a:b}` is the key "a:b" with no value); after a
      // quoted key the value may follow at once, as in JSON.
      if (!quoted && t.charCodeAt(colon + 1) !== 32) decline(`offset ${q}: a flow mapping key`);
      const kLoc = this.loc(q, lineNo);
      q = this.skipSpaces(colon + 1, end);
      obj[key] = this.flowValue(q, lineNo, end, path + segment(key), kLoc);
      q = this.skipSpaces(this.at, end);
      if (t.charCodeAt(q) === 125) break;
      if (t.charCodeAt(q) !== 44) decline(`offset ${q}: expected a comma`);
      q = this.skipSpaces(q + 1, end);
    }
    this.at = q + 1;
    return obj;
  }

  /**
   * The key of a mapping entry at `q`, before `end`; `at` is then the offset of its colon. A plain
   * name that resolves to a string, or a quoted string on one line; spaces may stand before the colon.
   * Declined: a long key, a key already in its map, or one the full loader refuses.
   */
  private mapKey(q: number, end: number, obj: Record<string, unknown>): string {
    const t = this.text;
    const c = t[q];
    let key: string;
    let colon: number;
    if (c === '"' || c === "'") {
      key = c === '"' ? this.doubleQuoted(q, end) : this.singleQuoted(q, end);
      colon = this.skipSpaces(this.at, end);
      if (t.charCodeAt(colon) !== 58) decline(`offset ${q}: a quoted key without a colon`);
    } else {
      colon = t.indexOf(":", q);
      if (colon === -1 || colon >= end) decline(`offset ${q}: no key`);
      let e = colon;
      while (e > q && t.charCodeAt(e - 1) === 32) e--;
      key = t.slice(q, e);
      if (!PLAIN_KEY.test(key) || typeof resolvePlain(key) !== "string") decline(`offset ${q}: the key ${JSON.stringify(key)}`);
    }
    if (colon - q > 256 || FORBIDDEN_KEYS.has(key) || Object.hasOwn(obj, key)) decline(`offset ${q}: the key ${JSON.stringify(key)}`);
    this.at = colon;
    return key;
  }

  private skipSpaces(p: number, end: number): number {
    const t = this.text;
    while (p < end && t.charCodeAt(p) === 32) p++;
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
