import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { SourceLoc } from "../model.js";

// The XML decoder the readers share (the inverse of xml.ts): a document as a tree of elements, each with the
// place of its `<`, its attributes (each located) and its content, every value with its character and entity
// references decoded as an XML 1.0 parser decodes them. fast-xml-parser parses (captureMetaData gives each
// element's start offset); references are decoded here, with processEntities off, so that a reader can still
// see how a value was written: .NET's XmlDocument keeps a whitespace-only text node only when it holds a
// decimal character reference (winsw/xml.ts), and attribute values are normalised (a literal tab, CR or LF
// becomes a space) before their references are decoded (XML 1.0 §3.3.3), which fast-xml-parser does not do.
// Loaded by readers only.

export interface XmlText {
  kind: "text";
  /** The decoded characters. */
  text: string;
  /** Only white space, and none of it written as a decimal character reference (what XmlDocument drops). */
  droppable: boolean;
  cdata: boolean;
}

export interface XmlAttribute {
  name: string;
  value: string;
  /** Where the attribute's name is. */
  at: SourceLoc;
  /** Where its value starts (after the opening quote). */
  valueAt: SourceLoc;
}

export interface XmlElement {
  kind: "element";
  name: string;
  attributes: XmlAttribute[];
  children: (XmlElement | XmlText)[];
  /** Where `<name` is. */
  at: SourceLoc;
  /** Where the content starts (after the start tag's `>`); for an empty element, where its tag ends. */
  contentAt: SourceLoc;
}

export interface XmlComment {
  text: string;
  at: SourceLoc;
}

export interface XmlProblem {
  at: SourceLoc;
  message: string;
}

export interface XmlDocument {
  /** The root element; undefined when the document is not well formed (then `problems` says where). */
  root?: XmlElement;
  /** Comments outside and inside the root, in document order. */
  comments: XmlComment[];
  /** The XML declaration's pseudo-attributes (version, encoding, standalone), when it has one. */
  declaration?: { encoding?: string; at: SourceLoc; encodingAt?: SourceLoc };
  problems: XmlProblem[];
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  allowBooleanAttributes: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  captureMetaData: true,
  commentPropName: "#comment",
  cdataPropName: "#cdata",
  ignoreDeclaration: false,
  ignorePiTags: false,
});
const META = XMLParser.getMetaDataSymbol() as unknown as string;

/** Line and column (1-based, UTF-16 code units) of offsets into `text`. */
export function locator(text: string, file: string): (offset: number) => SourceLoc {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file, line: lo + 1, col: offset - starts[lo]! + 1 };
  };
}

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
// XML 1.0 Char: tab, LF, CR, U+0020..U+D7FF, U+E000..U+FFFD, U+10000..U+10FFFF.
const isXmlChar = (c: number) => c === 9 || c === 10 || c === 13 || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

/** Decodes references; a reference XML does not allow is a problem (message), not a guess. */
export function decodeReferences(raw: string): { value: string; decimalRef: boolean } | { problem: string } {
  let decimalRef = false;
  let bad: string | undefined;
  const value = raw.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z_][\w.-]*);|&/g, (m, ref: string | undefined) => {
    if (ref === undefined) {
      bad ??= 'a "&" that starts no reference (write &amp;)';
      return m;
    }
    if (ref.startsWith("#")) {
      const hex = ref[1] === "x";
      const code = parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10);
      if (!isXmlChar(code)) {
        bad ??= `the reference &${ref}; names a character XML 1.0 does not allow`;
        return m;
      }
      if (!hex) decimalRef = true;
      return String.fromCodePoint(code);
    }
    const v = PREDEFINED[ref];
    if (v === undefined) bad ??= `the entity &${ref}; is not defined (XML predefines only amp, lt, gt, quot and apos)`;
    return v ?? m;
  });
  return bad ? { problem: bad } : { value, decimalRef };
}

type Raw = Record<string, unknown>;

/** Parses a document. Never throws: what is not well formed comes back as located problems. */
export function parseXmlDocument(text: string, file: string): XmlDocument {
  const loc = locator(text, file);
  const doc: XmlDocument = { comments: [], problems: [] };
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    doc.problems.push({ at: { file, line: valid.err.line, col: valid.err.col }, message: valid.err.msg });
    return doc;
  }
  if (/<!DOCTYPE/i.test(text)) {
    const i = text.search(/<!DOCTYPE/i);
    doc.problems.push({ at: loc(i), message: "the document has a DOCTYPE, which svcgen does not read (entities it declares would change values)" });
    return doc;
  }
  let items: Raw[];
  try {
    items = parser.parse(text) as Raw[];
  } catch (e) {
    doc.problems.push({ at: loc(0), message: `not well-formed XML: ${(e as Error).message}` });
    return doc;
  }

  // Comments carry no position from the parser: they are found in the text, in order.
  const commentRe = /<!--([\s\S]*?)-->/g;
  for (let m = commentRe.exec(text); m; m = commentRe.exec(text)) doc.comments.push({ text: m[1]!, at: loc(m.index) });

  const decl = /^<\?xml\s[^?]*\?>/.exec(text);
  if (decl) {
    const enc = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(decl[0]);
    doc.declaration = { at: loc(0), ...(enc ? { encoding: enc[2]!, encodingAt: loc(enc.index + enc[0].indexOf(enc[1]!) + 1) } : {}) };
  }

  const element = (item: Raw, name: string): XmlElement => {
    const start = (item[META] as { startIndex: number } | undefined)?.startIndex ?? 0;
    const tagEnd = endOfStartTag(text, start);
    const el: XmlElement = { kind: "element", name, attributes: [], children: [], at: loc(start), contentAt: loc(tagEnd) };
    const rawAttrs = (item[":@"] as Record<string, string> | undefined) ?? {};
    const tag = text.slice(start, tagEnd);
    for (const [k, v] of Object.entries(rawAttrs)) {
      const m = new RegExp(`\\s(${k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})\\s*=\\s*(["'])`).exec(tag);
      const at = loc(start + (m ? m.index + 1 : 0));
      const valueAt = loc(start + (m ? m.index + m[0].length : 0));
      // Attribute-value normalisation: each literal white-space character becomes a space, then references.
      const d = decodeReferences(v.replace(/[\t\n\r]/g, " "));
      if ("problem" in d) doc.problems.push({ at: valueAt, message: d.problem });
      el.attributes.push({ name: k, value: "problem" in d ? v : d.value, at, valueAt });
    }
    const content = item[name] as Raw[];
    for (const c of content) {
      if ("#text" in c) {
        const raw = String(c["#text"]);
        const d = decodeReferences(raw);
        if ("problem" in d) {
          doc.problems.push({ at: el.contentAt, message: `in <${name}>: ${d.problem}` });
          continue;
        }
        el.children.push({ kind: "text", text: d.value, droppable: /^[ \t\r\n]*$/.test(d.value) && !d.decimalRef, cdata: false });
      } else if ("#cdata" in c) {
        const inner = (c["#cdata"] as Raw[]).map((x) => String(x["#text"] ?? "")).join("");
        el.children.push({ kind: "text", text: inner, droppable: false, cdata: true });
      } else if ("#comment" in c) continue;
      else {
        const n = Object.keys(c).find((k) => k !== ":@");
        if (n === undefined || n.startsWith("?")) continue;
        el.children.push(element(c, n));
      }
    }
    return el;
  };

  for (const item of items) {
    const n = Object.keys(item).find((k) => k !== ":@");
    if (n === undefined || n.startsWith("?") || n === "#text" || n === "#comment") continue;
    if (doc.root) {
      const start = (item[META] as { startIndex: number } | undefined)?.startIndex ?? 0;
      doc.problems.push({ at: loc(start), message: "a second root element" });
      continue;
    }
    doc.root = element(item, n);
  }
  if (!doc.root && doc.problems.length === 0) doc.problems.push({ at: loc(0), message: "the document has no root element" });
  return doc;
}

/** The offset just after the `>` of the start tag that begins at `start` (quotes respected). */
function endOfStartTag(text: string, start: number): number {
  let quote: string | undefined;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return i + 1;
  }
  return text.length;
}

/** The element's child elements, optionally only those named `name`. */
export const childElements = (e: XmlElement, name?: string): XmlElement[] =>
  e.children.filter((c): c is XmlElement => c.kind === "element" && (name === undefined || c.name === name));

/** XmlDocument's InnerText: every descendant text node joined, droppable white space left out when asked. */
export function innerText(e: XmlElement, dropWhitespace: boolean): string {
  return e.children.map((c) => (c.kind === "element" ? innerText(c, dropWhitespace) : dropWhitespace && c.droppable ? "" : c.text)).join("");
}

export const attribute = (e: XmlElement, name: string): XmlAttribute | undefined => e.attributes.find((a) => a.name === name);

/** Every element in document order, `e` first. */
export function* descendantsOf(e: XmlElement): Generator<XmlElement> {
  yield e;
  for (const c of e.children) if (c.kind === "element") yield* descendantsOf(c);
}
