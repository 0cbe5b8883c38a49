import { xmlAttr, xmlText } from "../../escape/xml.js";

// WinSW reads each value as the element's whole inner text, untrimmed, through .NET's XmlDocument.Load,
// which drops a text node made only of whitespace. Its reader (XmlTextReader, "v1 compatible") counts a
// text node holding a decimal character reference as text, though (XmlTextReaderImpl.ParseText:
// `v1Compat && entityType == EntityType.CharacterDec`). So a value is written on one line between its tags:
// LF as &#10;, tab as &#9; (xmlText already writes CR as &#13;), and a value of only whitespace entirely as
// decimal references, which keeps it from being dropped.

/** Element text for WinSW: one line, and a whitespace-only value that XmlDocument keeps. */
export function winswText(s: string): string {
  if (s !== "" && isXmlWhitespace(s)) return [...s].map((c) => `&#${c.charCodeAt(0)};`).join("");
  return xmlText(s).replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

/** Attribute value for WinSW (xmlAttr already references tab, CR and LF). */
export const winswAttr = xmlAttr;

/** Empty or only XML whitespace (space, tab, CR, LF): what XmlDocument drops when it is a whole text node. */
export const isXmlWhitespace = (s: string): boolean => /^[ \t\r\n]*$/.test(s);

/** `<name>value</name>` with the value encoded. */
export const element = (name: string, value: string): string => `<${name}>${winswText(value)}</${name}>`;
