import { describe, expect, it } from "vitest";
import { decodeIsoDuration } from "./iso-duration.js";
import { expandWindows, sentinel, sentinelsToParts } from "./windows-expand.js";
import { decodeWinswSizeThreshold, decodeWinswTimeSpan, dotnetIntParse } from "./winsw-values.js";
import { attr, childElements, leafText, parseXml, textOf, XmlError } from "./xml.js";

// The decoders the property tests read outputs with, checked against the rules they were written from.

describe("XML 1.0 reader", () => {
  it("decodes references, keeps text as written, normalises line ends and attribute whitespace", () => {
    const d = parseXml('\uFEFF<?xml version="1.0" encoding="UTF-16"?>\r\n<!-- c --><a x="1&#9;2\t3&#10;&quot;">  t &amp; &lt;&#13;&#x41;\r\n<![CDATA[<raw>]]></a>');
    expect(d.declaration).toEqual({ version: "1.0", encoding: "UTF-16" });
    expect(attr(d.root, "x")).toBe('1\t2 3\n"');
    expect(textOf(d.root)).toBe("  t & <\rA\n<raw>");
    expect(d.comments).toEqual([" c "]);
  });
  it("models XmlDocument: whitespace-only runs are dropped unless a decimal reference is in them", () => {
    const d = parseXml("<r><a>  </a><b>&#32;</b><c>&#x20;</c><d> x </d></r>");
    const [a, b, c, dd] = childElements(d.root);
    expect([a, b, c, dd].map((e) => textOf(e!, "dotnet"))).toEqual(["", " ", "", " x "]);
    expect([a, b, c, dd].map((e) => textOf(e!))).toEqual(["  ", " ", " ", " x "]);
  });
  it("refuses what is not well-formed XML 1.0", () => {
    for (const bad of ["<a>\u0001</a>", "<a>&#1;</a>", "<a>&nbsp;</a>", "<a>]]></a>", "<a><b></a>", "<a x='1' x='2'/>", "<a/><b/>", "<a><!-- -- --></a>", "<a>&#xD800;</a>"]) {
      expect(() => parseXml(bad), bad).toThrow(XmlError);
    }
    expect(() => leafText(parseXml("<a><b/></a>").root)).toThrow(XmlError);
  });
});

describe("xs:duration", () => {
  it("reads the schema's lexical form in milliseconds", () => {
    expect(decodeIsoDuration("PT0S")).toBe(0);
    expect(decodeIsoDuration("P0D")).toBe(0);
    expect(decodeIsoDuration("PT1M")).toBe(60_000);
    expect(decodeIsoDuration("P31D")).toBe(31 * 86_400_000);
    expect(decodeIsoDuration("P1DT2H3M4.5S")).toBe(93_784_500);
  });
  it("refuses what is not a fixed-length duration", () => {
    for (const bad of ["P", "PT", "P1M", "P1Y", "-PT1S", "PT1.0001S", "1S", "PT1H1D"]) expect(() => decodeIsoDuration(bad), bad).toThrow();
  });
});

describe("WinSW values", () => {
  it("time spans: first suffix in ConfigHelper's order, a bare number is milliseconds", () => {
    expect(decodeWinswTimeSpan("15")).toBe(15);
    expect(decodeWinswTimeSpan(" 10 sec ")).toBe(10_000);
    expect(decodeWinswTimeSpan("10secs")).toBe(10_000);
    expect(decodeWinswTimeSpan("2 hrs")).toBe(7_200_000);
    expect(decodeWinswTimeSpan("1 day")).toBe(86_400_000);
    expect(() => decodeWinswTimeSpan("1.5 sec")).toThrow();
    expect(() => decodeWinswTimeSpan("1 min 30 sec")).toThrow();
  });
  it("sizeThreshold is KB in an int; int.Parse is 32-bit", () => {
    expect(decodeWinswSizeThreshold("10240")).toBe(10 * 1024 * 1024);
    expect(() => decodeWinswSizeThreshold("2097152")).toThrow();
    expect(() => dotnetIntParse("2147483648")).toThrow();
  });
});

describe("Windows %-expansion", () => {
  const all = () => true;
  it("replaces defined names, keeps undefined ones, and differs between ntdll and Wine after one", () => {
    expect(expandWindows("%A%\\x", all, "ntdll")).toBe(`${sentinel("A")}\\x`);
    expect(expandWindows("%A%", () => false, "ntdll")).toBe("%A%");
    // "%%B%": an empty name is never defined; ntdll rescans from the second %, Wine skips both.
    expect(expandWindows("%%B%", all, "ntdll")).toBe(`%${sentinel("B")}`);
    expect(expandWindows("%%B%", all, "wine")).toBe("%%B%");
    expect(expandWindows("50%", all, "wine")).toBe("50%");
  });
  it("turns sentinels back into parts", () => {
    expect(sentinelsToParts(`a${sentinel("X")}b`)).toEqual([{ kind: "literal", text: "a" }, { kind: "var", name: "X" }, { kind: "literal", text: "b" }]);
    expect(sentinelsToParts("")).toEqual([{ kind: "literal", text: "" }]);
  });
});
