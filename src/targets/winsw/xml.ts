import { xmlAttr, xmlText } from "../../escape/xml.js";

// WinSW reads each value as the element's whole inner text, untrimmed, through .NET's XmlDocument (which
// drops text nodes made only of whitespace). So a value is written on one line between its tags: a line
// feed inside it as &#10; (xmlText already writes CR as &#13;), a tab as &#9; so that no invisible
// character sits in the file, and nothing around the value.

/** Element text for WinSW: xmlText with LF and tab as character references, so the value stays on one line. */
export function winswText(s: string): string {
  return xmlText(s).replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

/** Attribute value for WinSW (xmlAttr already references tab, CR and LF). */
export const winswAttr = xmlAttr;

/** Empty or only XML whitespace (space, tab, CR, LF): what XmlDocument drops when it is a whole text node. */
export const isXmlWhitespace = (s: string): boolean => /^[ \t\r\n]*$/.test(s);

/** `<name>value</name>` with the value encoded. */
export const element = (name: string, value: string): string => `<${name}>${winswText(value)}</${name}>`;
