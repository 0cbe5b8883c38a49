import { xmlComment, xmlText } from "../../escape/xml.js";

// The XML property list format, both ways: the encoder svcgen writes launchd jobs with, and the decoder
// an importer reads them back with. Written from Apple's PropertyList-1.0 DTD (kept with the tests in
// test/oracles/) and from XML 1.0; the layout (tab indentation, the DOCTYPE line) is the one Apple's own
// writer produces (CoreFoundation's CFPropertyList.c, _CFGenerateXMLPropertyListToData). The decoder is
// checked against Python's plistlib and the encoder against xmllint with the DTD (test/launchd/,
// test/conformance/launchd.test.ts); neither judges the other alone.
//
// The subset is what launchd jobs use: dict, array, string, integer, true and false. A <real>, <date> or
// <data> is reported, not guessed at.

/** A plist value. Numbers are integers; dictionaries keep their keys in document order. */
export type PlistValue = string | number | boolean | PlistValue[] | PlistDict;
export type PlistDict = Map<string, PlistValue>;

export const PLIST_DOCTYPE = '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">';

const hex = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;

/**
 * Why `s` cannot be a plist string that every reader gives back unchanged, or undefined. XML 1.0 has no
 * way at all to carry NUL, the other C0 controls but TAB, LF and CR, or U+FFFE/U+FFFF (not even as a
 * character reference). A CR survives only as the reference &#13;: XML parsers (expat, libxml2) turn a
 * raw CR into LF, and CoreFoundation's writer puts it back raw (CFPropertyList.c, _appendEscapedString
 * escapes only < > &), so one rewrite by plutil or defaults turns it into LF for the next XML reader.
 */
export function plistStringProblem(s: string): string | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0d) return "a carriage return (XML readers turn it into a line feed, and Apple's plist writer does not keep it escaped)";
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || c === 0xfffe || c === 0xffff) return `the character ${hex(c)}, which XML 1.0 cannot carry`;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else return "an unpaired UTF-16 surrogate";
    } else if (c >= 0xdc00 && c <= 0xdfff) return "an unpaired UTF-16 surrogate";
  }
  return undefined;
}

/** Element text on one line: LF as &#10; (xmlText already writes CR as &#13;; a tab stays a tab). */
const text = (s: string): string => xmlText(s).replace(/\n/g, "&#10;");

function encodeValue(v: PlistValue, depth: number, out: string[]): void {
  const pad = "\t".repeat(depth);
  if (typeof v === "string") out.push(`${pad}<string>${text(v)}</string>`);
  else if (typeof v === "boolean") out.push(`${pad}<${v}/>`);
  else if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) throw new Error(`internal: ${v} is not an integer a plist can hold exactly`);
    out.push(`${pad}<integer>${v}</integer>`);
  } else if (Array.isArray(v)) {
    if (v.length === 0) out.push(`${pad}<array/>`);
    else {
      out.push(`${pad}<array>`);
      for (const x of v) encodeValue(x, depth + 1, out);
      out.push(`${pad}</array>`);
    }
  } else if (v.size === 0) out.push(`${pad}<dict/>`);
  else {
    out.push(`${pad}<dict>`);
    for (const [k, x] of v) {
      out.push(`${pad}\t<key>${text(k)}</key>`);
      encodeValue(x, depth + 1, out);
    }
    out.push(`${pad}</dict>`);
  }
}

/** A whole XML plist document (UTF-8 text, LF line ends), with `comments` after the DOCTYPE. */
export function encodePlist(root: PlistValue, comments: readonly string[] = []): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', PLIST_DOCTYPE, ...comments.map((c) => `<!-- ${xmlComment(c)} -->`), '<plist version="1.0">'];
  encodeValue(root, 0, out);
  out.push("</plist>");
  return out.join("\n") + "\n";
}

/** A plist the decoder cannot read, at a 1-based line and column of the (line-end normalised) text. */
export class PlistSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly col: number,
  ) {
    super(`${line}:${col}: ${message}`);
  }
}

// XML 1.0 Char, less what a decoder must refuse to read (everything outside it).
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** A 1-based line and column. */
export interface PlistPosition {
  line: number;
  col: number;
}

/**
 * Where each entry of a decoded dict or array is (its <key> and its value element; an array item's element),
 * by the dict or array object decodePlist returned: for readers that report a key where it is written.
 */
export type PlistPositions = Map<PlistDict | PlistValue[], Map<string | number, { key?: PlistPosition; value: PlistPosition }>>;

/**
 * Reads an XML plist document (the text of the file, BOM allowed). Throws PlistSyntaxError. With `positions`,
 * records where each dict entry and array item is.
 */
export function decodePlist(input: string, positions?: PlistPositions): PlistValue {
  // XML 1.0 section 2.11: CRLF and lone CR become LF before anything else reads the text.
  const src = input.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  let pos = 0;
  const lineCol = (at: number): PlistPosition => {
    const before = src.slice(0, at);
    return { line: before.split("\n").length, col: at - before.lastIndexOf("\n") };
  };
  const fail = (message: string, at = pos): never => {
    const { line, col } = lineCol(at);
    throw new PlistSyntaxError(message, line, col);
  };
  const record = (container: PlistDict | PlistValue[], entry: string | number, value: number, key?: number) => {
    if (!positions) return;
    let m = positions.get(container);
    if (!m) positions.set(container, (m = new Map()));
    m.set(entry, { ...(key !== undefined ? { key: lineCol(key) } : {}), value: lineCol(value) });
  };
  const bad = NOT_XML_CHAR.exec(src);
  if (bad) fail(`the character ${hex(bad[0].charCodeAt(0))} is not allowed in XML 1.0`, bad.index);

  const skipSpace = () => {
    while (pos < src.length && " \t\n".includes(src[pos]!)) pos++;
  };
  const skipPast = (end: string, what: string) => {
    const i = src.indexOf(end, pos);
    if (i < 0) fail(`unterminated ${what}`);
    pos = i + end.length;
  };
  /** A comment at pos (XML 1.0: no "--" inside, and no "-" just before the end). */
  const skipComment = () => {
    const start = pos;
    pos += 4;
    skipPast("-->", "comment");
    const body = src.slice(start + 4, pos - 3);
    if (body.includes("--") || body.endsWith("-")) fail('"--" inside a comment', start);
  };
  /** Whitespace, comments and processing instructions (XML's Misc). */
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (src.startsWith("<!--", pos)) skipComment();
      else if (src.startsWith("<?", pos)) {
        if (/^<\?xml[\s?]/i.test(src.slice(pos, pos + 6))) fail("an XML declaration is allowed only at the start");
        skipPast("?>", "processing instruction");
      } else return;
    }
  };

  // Prolog: the XML declaration, then Misc, an optional DOCTYPE (no internal subset), Misc.
  if (src.startsWith("<?xml")) {
    const end = src.indexOf("?>");
    if (end < 0) fail("unterminated XML declaration");
    const decl = src.slice(0, end);
    const version = /\sversion\s*=\s*(["'])([^"']*)\1/.exec(decl)?.[2];
    if (version !== "1.0") fail(`XML version ${JSON.stringify(version ?? "")} (a plist is XML 1.0)`);
    const encoding = /\sencoding\s*=\s*(["'])([^"']*)\1/.exec(decl)?.[2];
    if (encoding !== undefined && encoding.toUpperCase() !== "UTF-8") fail(`encoding ${JSON.stringify(encoding)} (this reader takes UTF-8)`);
    pos = end + 2;
  }
  skipMisc();
  if (src.startsWith("<!DOCTYPE", pos)) {
    const end = src.indexOf(">", pos);
    if (end < 0) fail("unterminated DOCTYPE");
    if (src.slice(pos, end).includes("[")) fail("a DOCTYPE with an internal subset (entity declarations) is not read");
    pos = end + 1;
    skipMisc();
  }

  /** `<name attrs>` or `<name attrs/>` at pos; returns the name and whether it closed itself. */
  const openTag = (): { name: string; empty: boolean; at: number } => {
    const at = pos;
    const m = /^<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/.exec(src.slice(pos, pos + 512));
    if (!m) fail("expected an element");
    pos += m![0].length;
    return { name: m![1]!, empty: m![3] === "/", at };
  };
  const closeTag = (name: string) => {
    const m = /^<\/([A-Za-z_][\w.-]*)\s*>/.exec(src.slice(pos, pos + 256));
    if (!m || m[1] !== name) fail(`expected </${name}>`);
    pos += m![0].length;
  };
  /** Character data up to the next tag: references decoded, CDATA sections and comments allowed. */
  const textContent = (): string => {
    let out = "";
    for (;;) {
      const lt = src.indexOf("<", pos);
      if (lt < 0) fail("unexpected end of the document");
      out += src.slice(pos, lt).replace(/&([^;\s&<]*);?/g, (ref, body: string, off: number) => {
        if (!ref.endsWith(";")) fail("an & that does not start a reference", pos + off);
        if (body in NAMED) return NAMED[body]!;
        const num = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(body);
        if (!num) fail(`unknown reference &${body};`, pos + off);
        const code = num![1] !== undefined ? parseInt(num![1], 16) : parseInt(num![2]!, 10);
        const ok = code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
        if (!ok) fail(`&${body}; is not a character XML 1.0 allows`, pos + off);
        return String.fromCodePoint(code);
      });
      if (src.slice(pos, lt).includes("]]>")) fail('"]]>" in character data', pos + src.slice(pos, lt).indexOf("]]>"));
      pos = lt;
      if (src.startsWith("<![CDATA[", pos)) {
        const end = src.indexOf("]]>", pos);
        if (end < 0) fail("unterminated CDATA section");
        out += src.slice(pos + 9, end);
        pos = end + 3;
      } else if (src.startsWith("<!--", pos)) skipComment();
      else return out;
    }
  };
  /** Between the children of a dict or an array: only whitespace and comments. */
  const between = () => {
    const t = textContent();
    if (!/^[ \t\n]*$/.test(t)) fail("text between elements");
  };

  const value = (): PlistValue => {
    const tag = openTag();
    switch (tag.name) {
      case "string":
      case "key": {
        if (tag.empty) return "";
        const s = textContent();
        closeTag(tag.name);
        return s;
      }
      case "integer": {
        const t = tag.empty ? "" : textContent().trim();
        if (!tag.empty) closeTag("integer");
        if (!/^[+-]?[0-9]+$/.test(t) || !Number.isSafeInteger(Number(t))) fail(`<integer> ${JSON.stringify(t)} is not an integer this reader can hold`, tag.at);
        return Number(t);
      }
      case "true":
      case "false":
        if (!tag.empty) {
          between();
          closeTag(tag.name);
        }
        return tag.name === "true";
      case "array": {
        const items: PlistValue[] = [];
        if (tag.empty) return items;
        for (;;) {
          between();
          if (src.startsWith("</", pos)) break;
          record(items, items.length, pos);
          items.push(value());
        }
        closeTag("array");
        return items;
      }
      case "dict": {
        const dict: PlistDict = new Map();
        if (tag.empty) return dict;
        for (;;) {
          between();
          if (src.startsWith("</", pos)) break;
          const keyAt = pos;
          const k = openTag();
          if (k.name !== "key") fail(`<${k.name}> where a <key> belongs`, keyAt);
          const name = k.empty ? "" : textContent();
          if (!k.empty) closeTag("key");
          if (dict.has(name)) fail(`the key ${JSON.stringify(name)} appears twice`, keyAt);
          between();
          if (src.startsWith("</", pos)) fail(`the key ${JSON.stringify(name)} has no value`);
          record(dict, name, pos, keyAt);
          dict.set(name, value());
        }
        closeTag("dict");
        return dict;
      }
      default:
        return fail(`<${tag.name}> is not read (a launchd plist uses dict, array, string, integer, true and false)`, tag.at);
    }
  };

  const root = openTag();
  if (root.name !== "plist") fail(`the root element is <${root.name}>, not <plist>`, root.at);
  if (root.empty) fail("an empty <plist/>", root.at);
  between();
  const result = value();
  between();
  closeTag("plist");
  skipMisc();
  if (pos !== src.length) fail("content after </plist>");
  return result;
}
