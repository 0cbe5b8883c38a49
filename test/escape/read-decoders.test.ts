import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { joinWindowsArgs, splitWindowsArgs } from "../../src/escape/windows-argv.js";
import { decodeExpandable, decodeExpandedArgs, expandedArgs, percentHazard, spaceJoined, windowsExpandable } from "../../src/escape/windows-env.js";
import { xmlAttr, xmlText, xmlUnrepresentable } from "../../src/escape/xml.js";
import { attribute, childElements, innerText, parseXmlDocument } from "../../src/escape/xml-read.js";
import type { Text, TextPart } from "../../src/model.js";
import { decodeIsoDuration, isoDuration } from "../../src/targets/schtasks/iso-duration.js";
import { winswText } from "../../src/targets/winsw/xml.js";
import { decodeWinswTimeSpan, winswTimeSpan } from "../../src/targets/winsw/timespan.js";
import { decodeIsoDuration as testIsoDuration } from "../decoders/iso-duration.js";
import { decodeWindowsArgs } from "../decoders/windows-argv.js";
import { expandWindows, sentinelsToParts } from "../decoders/windows-expand.js";
import { decodeWinswTimeSpan as testTimeSpan } from "../decoders/winsw-values.js";
import { attr, childElements as testChildren, parseXml, textOf as testTextOf } from "../decoders/xml.js";
import { hostileText, normalizeParts, VAR_NAMES } from "../property/spec-gen.js";

// The readers' decoders are the inverses of the emitters' encoders: decode(encode(v)) = v for every value the
// encoder accepts, over hostile strings. And they agree with the test decoders (test/decoders/, written from
// Microsoft's and .NET's rules, independently of src/) wherever those give one answer; where the test decoders'
// readings differ (the C runtime and CommandLineToArgvW, ntdll's and Wine's %-scan), the readers refuse.

const RUNS = 2000;
const at = { file: "t", line: 1, col: 1 };
const text = (parts: TextPart[]): Text => ({ parts, source: "", at });
const hostileChar = fc.constantFrom(..." \t\"\\%$^&|<>()!;#=,/:-.*?`{}[]~@+abcXYZ019é東🎉\u00a0".split(""), "\\\\", '\\"', "%%", "%X%", "%PATH%", "%ProgramFiles(x86)%", "\n");
const hostile = fc.array(hostileChar, { maxLength: 20 }).map((cs) => cs.join(""));

describe("Windows argument lines (splitWindowsArgs, the inverse of joinWindowsArgs)", () => {
  it("gives back every argument list joinWindowsArgs writes", () => {
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 5 }), (args) => {
        const line = joinWindowsArgs(args);
        expect(splitWindowsArgs(line)).toEqual({ ok: true, args });
      }),
      { numRuns: RUNS },
    );
  });
  it("agrees with the test decoder's C runtime and CommandLineToArgvW readings, and refuses where they differ", () => {
    fc.assert(
      fc.property(hostile, (line) => {
        const msvcrt = decodeWindowsArgs(line, "msvcrt");
        const shell = decodeWindowsArgs(line, "commandLineToArgvW");
        const r = splitWindowsArgs(line);
        if (JSON.stringify(msvcrt) === JSON.stringify(shell)) expect(r).toEqual({ ok: true, args: msvcrt });
        else expect(r.ok).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("%NAME% (decodeExpandable, the inverse of windowsExpandable)", () => {
  it("gives back every text the encoder accepts (no percent hazard)", () => {
    fc.assert(
      fc.property(hostileText, (parts) => {
        const t = text(parts);
        if (percentHazard(t)) return;
        const d = decodeExpandable(windowsExpandable(t));
        expect(d).toEqual({ ok: true, parts: normalizeParts(parts) });
      }),
      { numRuns: RUNS },
    );
  });
  it("agrees with Windows' (ntdll) and Wine's expansion, with every name defined, wherever it reads a value", () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const d = decodeExpandable(s);
        if (!d.ok) return;
        for (const scan of ["ntdll", "wine"] as const) {
          const parts = sentinelsToParts(expandWindows(s, () => true, scan));
          expect(parts, scan).toEqual(normalizeParts(d.parts));
        }
      }),
      { numRuns: RUNS },
    );
  });
  it("refuses a pair whose name a spec cannot write", () => {
    expect(decodeExpandable("%a b%").ok).toBe(false);
    expect(decodeExpandable("%%X%").ok).toBe(false);
    expect(decodeExpandable("%%%X%")).toEqual({ ok: true, parts: [{ kind: "literal", text: "%%" }, { kind: "var", name: "X" }] });
    expect(decodeExpandable("50% $5")).toEqual({ ok: true, parts: [{ kind: "literal", text: "50% $5" }] });
  });
});

describe("argument lines Windows expands (decodeExpandedArgs, the inverse of expandedArgs)", () => {
  const argsArb = fc.array(hostileText, { maxLength: 4 });
  it("gives back every argument list the encoder accepts", () => {
    fc.assert(
      fc.property(argsArb, (list) => {
        const texts = list.map(text);
        if (texts.some((t) => percentHazard(t)) || (texts.length > 0 && percentHazard(spaceJoined(texts)))) return;
        const d = decodeExpandedArgs(expandedArgs(texts));
        expect(d.ok).toBe(true);
        if (!d.ok) return;
        expect(d.args).toEqual(list.map(normalizeParts));
        // svcgen quotes every argument that holds a variable: none splits on the variable's value.
        expect(d.splitByValue).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
  it("names an argument whose variable stands outside quotes", () => {
    const d = decodeExpandedArgs('--dir %APPDATA%\\x "%HOME%"');
    expect(d.ok && d.splitByValue).toEqual([1]);
  });
  it("finds a pair across arguments before splitting", () => {
    expect(decodeExpandedArgs("a%X b%").ok).toBe(false);
  });
});

describe("WinSW time spans and task durations", () => {
  it("decodeWinswTimeSpan(winswTimeSpan(ms)) = ms, and agrees with the test decoder", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constantFrom(1, 1000, 60_000, 3_600_000, 86_400_000), (n, unit) => {
        const ms = n * unit;
        if (!Number.isSafeInteger(ms) || ms / unit > 2 ** 31 - 1) return;
        expect(decodeWinswTimeSpan(winswTimeSpan(ms))).toEqual({ ok: true, ms });
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.oneof(hostile, fc.tuple(fc.integer({ min: -5, max: 99999 }), fc.constantFrom("", " ", "ms", "sec", " secs", "min", "mins", "hr", "hrs", " hour", "hours", "day", "days", "d", "Sec")).map(([n, u]) => ` ${n}${u} `)), (s) => {
        let expected: number | undefined;
        try {
          expected = testTimeSpan(s);
        } catch {
          expected = undefined;
        }
        const d = decodeWinswTimeSpan(s);
        if (expected === undefined || expected < 0) expect(d.ok).toBe(false);
        else expect(d).toEqual({ ok: true, ms: expected });
      }),
      { numRuns: RUNS },
    );
  });
  it("decodeIsoDuration(isoDuration(ms)) = ms, and agrees with the test decoder", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 * 365 * 86_400_000 }), (ms) => {
        expect(decodeIsoDuration(isoDuration(ms))).toEqual({ ok: true, ms });
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.stringMatching(/^-?P(\d{1,3}Y)?(\d{1,3}M)?(\d{1,3}D)?(T(\d{1,3}H)?(\d{1,3}M)?(\d{1,3}(\.\d{1,5})?S)?)?$/), (s) => {
        let expected: number | undefined;
        try {
          expected = testIsoDuration(s);
        } catch {
          expected = undefined;
        }
        const d = decodeIsoDuration(s);
        if (expected === undefined) expect(d.ok).toBe(false);
        else expect(d).toEqual({ ok: true, ms: expected });
      }),
      { numRuns: RUNS },
    );
  });
});

describe("XML (parseXmlDocument, the inverse of xml.ts)", () => {
  const xmlString = fc.string({ unit: fc.constantFrom(..."ab <>&\"'\t\n\r]]>é🎉".split(""), "\u00a0", " ", "&#10;") , maxLength: 16 }).filter((s) => !xmlUnrepresentable(s));
  it("gives back element text and attribute values the encoders write, as the test parser reads them", () => {
    fc.assert(
      fc.property(xmlString, xmlString, (t, a) => {
        const doc = `<?xml version="1.0"?>\r\n<root>\r\n  <v k="${xmlAttr(a)}">${winswText(t)}</v>\r\n  <w>${xmlText(t)}</w>\r\n</root>\r\n`;
        const ours = parseXmlDocument(doc, "t.xml");
        expect(ours.problems).toEqual([]);
        const v = childElements(ours.root!, "v")[0]!;
        const w = childElements(ours.root!, "w")[0]!;
        expect(attribute(v, "k")!.value).toBe(a);
        // XmlDocument keeps what winswText writes; plain XML text keeps every character but a raw CR (written as &#13;).
        expect(innerText(v, true)).toBe(t);
        expect(innerText(w, false)).toBe(t);
        const theirs = parseXml(doc);
        const tv = testChildren(theirs.root, "v")[0]!;
        expect(attr(tv, "k")).toBe(a);
        expect(testTextOf(tv, "dotnet")).toBe(innerText(v, true));
        // Positions: each element's `<` and its value's first character, by line and column.
        expect([v.at.line, v.at.col, v.contentAt.line]).toEqual([3, 3, 3]);
        expect(v.contentAt.col).toBe(3 + `<v k="${xmlAttr(a)}">`.length);
        expect(attribute(v, "k")!.valueAt).toEqual({ file: "t.xml", line: 3, col: 9 });
        expect([w.at.line, w.at.col]).toEqual([4 + (winswText(t).match(/\n/g) ?? []).length, 3]);
      }),
      { numRuns: RUNS },
    );
  });
  it("locates what is not well formed, and refuses a DOCTYPE and undefined entities", () => {
    expect(parseXmlDocument("<a>\n  <b></a>", "t.xml").problems[0]!.at).toMatchObject({ line: 2 });
    expect(parseXmlDocument('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', "t.xml").problems).toHaveLength(1);
    expect(parseXmlDocument("<a>&nbsp;</a>", "t.xml").problems[0]!.message).toMatch(/not defined/);
  });
});

it("the variable names the generator uses are ones a spec can write", () => {
  for (const n of VAR_NAMES) expect(decodeExpandable(`%${n}%`)).toEqual({ ok: true, parts: [{ kind: "var", name: n }] });
});
