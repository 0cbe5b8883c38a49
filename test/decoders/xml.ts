// A small XML 1.0 reader for tests, written from the XML 1.0 (Fifth Edition) rules rather than from
// svcgen's encoders (src/escape/xml.ts) or a parser library's defaults:
//   §2.2  Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF], raw or referenced;
//   §2.11 line ends: CR LF and a lone CR become LF before parsing (a &#13; reference survives);
//   §2.4  character data: `<` and `&` only as markup, `]]>` not allowed;
//   §4.1  character references &#N; and &#xN;, §4.6 the five predefined entities (no DTD, so no others);
//   §3.3.3 attribute-value normalisation (no DTD: every attribute is CDATA): each literal whitespace
//         character becomes a space; characters from references are kept as they are.
// Text keeps, per run of character data, whether it is only whitespace and whether a decimal character
// reference occurs in it: .NET's XmlDocument (WinSW) drops whitespace-only runs (references included),
// except those its v1-compatible XmlTextReader counts as text because they hold a decimal reference
// (XmlTextReaderImpl.ParseText); `textOf(el, "dotnet")` models that, `textOf(el)` keeps everything.

export interface XmlElement {
  kind: "element";
  name: string;
  /** In document order; names are unique (a duplicate is a well-formedness error). */
  attrs: [string, string][];
  children: XmlNode[];
}
export interface XmlText {
  kind: "text";
  text: string;
  /** Made only of whitespace characters (space, tab, LF, CR), literal or referenced. */
  whitespace: boolean;
  /** Made only of literal whitespace: layout between elements. */
  layout: boolean;
  /** A decimal character reference occurs in it. */
  decimalRef: boolean;
}
export type XmlNode = XmlElement | XmlText | { kind: "cdata"; text: string } | { kind: "comment"; text: string } | { kind: "pi"; target: string; data: string };

export interface XmlDocument {
  /** The XML declaration's pseudo-attributes (version, encoding, standalone), if there is one. */
  declaration?: Record<string, string>;
  root: XmlElement;
  /** Comments, in document order, wherever they are. */
  comments: string[];
}

export class XmlError extends Error {}

const NAME_START = /[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const NAME_CHAR = /[-.0-9\u00B7\u0300-\u036F\u203F-\u2040]/;
const isNameStart = (c: string | undefined) => c !== undefined && NAME_START.test(c);
const isNameChar = (c: string | undefined) => c !== undefined && (NAME_START.test(c) || NAME_CHAR.test(c));
const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\n" || c === "\r";

/** Whether a code point is an XML 1.0 Char. */
export function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", apos: "'", quot: '"' };

export function parseXml(input: string): XmlDocument {
  let s = input.startsWith("\uFEFF") ? input.slice(1) : input;
  // §2.2: every raw character must be a Char (checked by code point, so surrogate pairs are fine).
  for (const ch of s) {
    if (!isXmlChar(ch.codePointAt(0)!)) throw new XmlError(`character U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} is not allowed in XML 1.0`);
  }
  s = s.replace(/\r\n?/g, "\n"); // §2.11
  let i = 0;
  const comments: string[] = [];
  const fail = (what: string): never => {
    const line = s.slice(0, i).split("\n").length;
    throw new XmlError(`${what} at line ${line} (offset ${i})`);
  };
  const startsWith = (t: string) => s.startsWith(t, i);
  const expect = (t: string) => {
    if (!startsWith(t)) fail(`expected ${JSON.stringify(t)}`);
    i += t.length;
  };
  const skipSpace = () => {
    while (isSpace(s[i])) i++;
  };
  const name = (): string => {
    if (!isNameStart(s[i])) fail("expected a name");
    const start = i;
    while (isNameChar(s[i])) i++;
    return s.slice(start, i);
  };
  /** A reference after its `&`; returns the characters and whether it was a decimal character reference. */
  const reference = (): { text: string; decimal: boolean } => {
    expect("&");
    let text: string;
    let decimal = false;
    if (startsWith("#x")) {
      const m = /^#x([0-9A-Fa-f]+);/.exec(s.slice(i, i + 12));
      if (!m) fail("bad hexadecimal character reference");
      text = charFromCode(parseInt(m![1]!, 16));
      i += m![0].length;
    } else if (startsWith("#")) {
      const m = /^#([0-9]+);/.exec(s.slice(i, i + 12));
      if (!m) fail("bad decimal character reference");
      text = charFromCode(parseInt(m![1]!, 10));
      decimal = true;
      i += m![0].length;
    } else {
      const n = name();
      expect(";");
      if (!(n in PREDEFINED)) fail(`undeclared entity &${n};`);
      text = PREDEFINED[n]!;
    }
    return { text, decimal };
  };
  const charFromCode = (cp: number): string => {
    if (!isXmlChar(cp)) fail(`character reference to U+${cp.toString(16)}, which is not a Char`);
    return String.fromCodePoint(cp);
  };
  const comment = (): string => {
    expect("<!--");
    const end = s.indexOf("-->", i);
    if (end < 0) fail("unterminated comment");
    const body = s.slice(i, end);
    if (body.includes("--") || body.endsWith("-")) fail('"--" inside a comment');
    i = end + 3;
    comments.push(body);
    return body;
  };
  const pi = (): { target: string; data: string } => {
    expect("<?");
    const target = name();
    if (target.toLowerCase() === "xml") fail("<?xml is only allowed at the very start");
    const end = s.indexOf("?>", i);
    if (end < 0) fail("unterminated processing instruction");
    const data = s.slice(i, end).replace(/^[ \t\n]+/, "");
    i = end + 2;
    return { target, data };
  };
  const misc = () => {
    for (;;) {
      skipSpace();
      if (startsWith("<!--")) comment();
      else if (startsWith("<?")) pi();
      else return;
    }
  };
  const attrValue = (): string => {
    const q = s[i];
    if (q !== '"' && q !== "'") fail("expected a quoted attribute value");
    i++;
    let v = "";
    for (;;) {
      const c = s[i];
      if (c === undefined) fail("unterminated attribute value");
      if (c === q) break;
      if (c === "<") fail('"<" in an attribute value');
      if (c === "&") v += reference().text;
      else {
        v += isSpace(c) ? " " : c; // §3.3.3, literal whitespace only
        i++;
      }
    }
    i++;
    return v;
  };
  const element = (): XmlElement => {
    expect("<");
    const tag = name();
    const attrs: [string, string][] = [];
    for (;;) {
      const hadSpace = isSpace(s[i]);
      skipSpace();
      if (startsWith("/>")) {
        i += 2;
        return { kind: "element", name: tag, attrs, children: [] };
      }
      if (startsWith(">")) {
        i++;
        break;
      }
      if (!hadSpace) fail("expected whitespace before an attribute");
      const an = name();
      skipSpace();
      expect("=");
      skipSpace();
      if (attrs.some(([k]) => k === an)) fail(`duplicate attribute ${an}`);
      attrs.push([an, attrValue()]);
    }
    const children: XmlNode[] = [];
    let run: XmlText | undefined;
    const flush = () => {
      if (run) children.push(run);
      run = undefined;
    };
    for (;;) {
      if (i >= s.length) fail(`<${tag}> is not closed`);
      if (startsWith("</")) {
        flush();
        i += 2;
        if (name() !== tag) fail(`end tag does not match <${tag}>`);
        skipSpace();
        expect(">");
        return { kind: "element", name: tag, attrs, children };
      }
      if (startsWith("<!--")) {
        flush();
        children.push({ kind: "comment", text: comment() });
      } else if (startsWith("<![CDATA[")) {
        flush();
        i += 9;
        const end = s.indexOf("]]>", i);
        if (end < 0) fail("unterminated CDATA section");
        children.push({ kind: "cdata", text: s.slice(i, end) });
        i = end + 3;
      } else if (startsWith("<?")) {
        flush();
        children.push({ kind: "pi", ...pi() });
      } else if (startsWith("<!")) {
        fail("markup declaration inside an element");
      } else if (startsWith("<")) {
        flush();
        children.push(element());
      } else {
        run ??= { kind: "text", text: "", whitespace: true, layout: true, decimalRef: false };
        if (s[i] === "&") {
          const r = reference();
          run.text += r.text;
          run.layout = false;
          if (!isSpace(r.text)) run.whitespace = false;
          run.decimalRef ||= r.decimal;
        } else {
          if (startsWith("]]>")) fail('"]]>" in character data');
          const c = s[i]!;
          run.text += c;
          if (!isSpace(c)) run.whitespace = run.layout = false;
          i++;
        }
      }
    }
  };

  let declaration: Record<string, string> | undefined;
  if (s.startsWith("<?xml") && isSpace(s[5])) {
    i = 5;
    declaration = {};
    for (;;) {
      skipSpace();
      if (startsWith("?>")) {
        i += 2;
        break;
      }
      const k = name();
      skipSpace();
      expect("=");
      skipSpace();
      declaration[k] = attrValue();
    }
    if (declaration.version === undefined) fail("the XML declaration has no version");
  }
  misc();
  if (startsWith("<!DOCTYPE")) fail("DOCTYPE is not supported by this reader");
  const root = element();
  misc();
  if (i !== s.length) fail("content after the root element");
  return { declaration, root, comments };
}

export const childElements = (el: XmlElement, name?: string): XmlElement[] =>
  el.children.filter((c): c is XmlElement => c.kind === "element" && (name === undefined || c.name === name));

export const attr = (el: XmlElement, name: string): string | undefined => el.attrs.find(([k]) => k === name)?.[1];

/**
 * The element's text: every descendant text and CDATA node joined (DOM textContent / .NET InnerText).
 * "dotnet" leaves out the whitespace-only runs XmlDocument (PreserveWhitespace false) does not keep.
 */
export function textOf(el: XmlElement, mode: "xml" | "dotnet" = "xml"): string {
  return el.children
    .map((c) => {
      if (c.kind === "element") return textOf(c, mode);
      if (c.kind === "cdata") return c.text;
      if (c.kind === "text") return mode === "dotnet" && c.whitespace && !c.decimalRef ? "" : c.text;
      return "";
    })
    .join("");
}

/** Text of a leaf element: no child elements allowed (so layout cannot be confused with a value). */
export function leafText(el: XmlElement, mode: "xml" | "dotnet" = "xml"): string {
  if (childElements(el).length > 0) throw new XmlError(`<${el.name}> has child elements, not a value`);
  return textOf(el, mode);
}

/** Child elements, checking that any text between them is layout (literal whitespace) only. */
export function elementContent(el: XmlElement): XmlElement[] {
  for (const c of el.children) {
    if ((c.kind === "text" && !c.layout) || c.kind === "cdata") throw new XmlError(`<${el.name}> mixes text ${JSON.stringify(c.text)} with elements`);
  }
  return childElements(el);
}
