import type { SourceText } from "../targets/types.js";
import type { XmlDocument } from "./xml-read.js";

// What an XML file's declaration says about its encoding, against the bytes decodeSource read. XML 1.0
// (§4.3.3, Appendix F) makes the byte order mark or the first bytes decide between UTF-8 and UTF-16, and the
// declaration may only agree: a file that says UTF-8 while its bytes are UTF-16 (or the reverse) is a fatal
// error to a conforming parser, and .NET's XmlDocument (WinSW) and Task Scheduler both refuse to switch
// encodings. svcgen reads the characters the bytes hold (decodeSource) and says what a Windows program would do.

const UTF8 = /^utf-?8$/i;
const UTF16 = /^(utf-?16|unicode|ucs-2)(le|be)?$/i;
// Labels whose ASCII range is ASCII: a file in one of them with only ASCII characters reads the same as UTF-8.
const ASCII_COMPATIBLE = /^(us-ascii|ascii|iso-8859-\d+|latin1|windows-125\d|cp125\d)$/i;

export interface EncodingFinding {
  severity: "error" | "warning";
  message: string;
}

/** Undefined when the declaration agrees with the bytes (or there is none, or no encoding in it). */
export function declaredEncodingFinding(doc: XmlDocument, src: SourceText): EncodingFinding | undefined {
  const declared = doc.declaration?.encoding;
  if (declared === undefined) return undefined;
  const actual = src.encoding;
  const sixteen = actual === "utf-16le" || actual === "utf-16be";
  if (UTF8.test(declared)) {
    if (actual === "utf-8") return undefined;
    return { severity: "warning", message: `the declaration says encoding="${declared}", but the file is ${actual.toUpperCase()}${src.bom ? " with a byte order mark" : ""}: svcgen reads it by its bytes; Windows programs refuse a file whose declaration and bytes disagree` };
  }
  if (UTF16.test(declared)) {
    if (sixteen) return undefined;
    return { severity: "warning", message: `the declaration says encoding="${declared}", but the file is ${actual.toUpperCase()}: svcgen reads it by its bytes; schtasks /create and Register-ScheduledTask refuse a file whose declaration and bytes disagree ("cannot switch the encoding")` };
  }
  if (ASCII_COMPATIBLE.test(declared) && actual === "utf-8") {
    // eslint-disable-next-line no-control-regex
    if (/^[\x00-\x7f]*$/.test(src.text)) return undefined;
    return { severity: "error", message: `the declaration says encoding="${declared}" and the file has characters outside ASCII: svcgen reads UTF-8 and UTF-16 only, and cannot tell which characters a ${declared} reader would see` };
  }
  return { severity: "error", message: `the declaration says encoding="${declared}", which svcgen does not read (UTF-8 and UTF-16 only); save the file as UTF-8 or UTF-16` };
}
