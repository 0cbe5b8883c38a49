import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { decodePlist, encodePlist, plistStringProblem, PlistSyntaxError, type PlistValue } from "../../src/targets/launchd/escape.js";
import { itWithOracle } from "../helpers/oracle.js";
import { canonical, Plistlib, plistlibAvailable, validatePlist, xmllintAvailable, type Tagged } from "../helpers/plist-oracles.js";

// The plist encoder and decoder of src/targets/launchd/escape.ts: decode(encode(v)) = v for hostile
// values, the decoder's refusals, and agreement with the real readers (plistlib, xmllint with Apple's DTD).

// XML 1.0's Char production, written out: what may appear in a document at all.
const xmlChar = (c: number) => c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
const allXmlChars = (s: string) => [...s].every((ch) => xmlChar(ch.codePointAt(0)!) && !(ch.length === 1 && ch.charCodeAt(0) >= 0xd800 && ch.charCodeAt(0) <= 0xdfff));

const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.string({ unit: fc.constantFrom("<", ">", "&", '"', "'", "]", "\t", "\n", "\r", "\x7f", "\u0085", "\u2028", "é", "🎉", "\ufffd", ";", "#", "x", " "), maxLength: 30 }),
  fc.constantFrom("]]>", "&amp;", "&#13;", "<!-- -->", "<![CDATA[x]]>", "\r\n", ""),
);
const carried = hostileString.filter((s) => allXmlChars(s));

const valueArb: fc.Arbitrary<PlistValue> = fc.letrec<{ v: PlistValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    carried,
    fc.boolean(),
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    fc.array(tie("v"), { maxLength: 4 }),
    fc.uniqueArray(fc.tuple(carried, tie("v")), { maxLength: 4, selector: ([k]) => k }).map((e) => new Map(e)),
  ),
})).v;

const tagged = (v: PlistValue): Tagged => (v instanceof Map ? { dict: [...v].map(([k, x]): [string, Tagged] => [k, tagged(x)]) } : Array.isArray(v) ? v.map(tagged) : v);

describe("plist encoder and decoder", () => {
  it("decode(encode(v)) = v for hostile strings, in any structure", () => {
    fc.assert(
      fc.property(valueArb, fc.array(carried.map((s) => s.replace(/-/g, "")), { maxLength: 2 }), (v, comments) => {
        expect(decodePlist(encodePlist(v, comments))).toEqual(v);
      }),
      { numRuns: 2000, seed: 14 },
    );
  });

  it("the encoder writes each string on its line and throws on what XML cannot carry", () => {
    expect(encodePlist(["a\nb", "c\rd", "e\tf"])).toContain("<string>a&#10;b</string>\n\t<string>c&#13;d</string>\n\t<string>e\tf</string>");
    for (const bad of ["\x00", "\x07", "\ufffe", "\ud800"]) expect(() => encodePlist(bad), JSON.stringify(bad)).toThrow(/internal/);
    expect(() => encodePlist(1.5)).toThrow(/internal/);
  });

  it("plistStringProblem refuses exactly what XML 1.0 cannot carry, and CR", () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        expect(plistStringProblem(s) === undefined).toBe(allXmlChars(s) && !s.includes("\r"));
      }),
      { numRuns: 5000, seed: 14 },
    );
  });

  it("reads what XML allows that svcgen never writes", () => {
    const doc = (body: string, prolog = "") => `\uFEFF<?xml version='1.0' encoding='utf-8'?>${prolog}\r\n<plist version='1.0'><!-- c -->${body}</plist>\r\n<!-- end -->\n`;
    expect(decodePlist(doc("<dict><key>a</key><string>x<![CDATA[<&>]]>y<!-- no -->z&#x1F389;&#233;</string><key>b</key><string/><key>c</key><array/></dict>"))).toEqual(
      new Map<string, PlistValue>([
        ["a", "x<&>yz🎉é"],
        ["b", ""],
        ["c", []],
      ]),
    );
    expect(decodePlist(doc("<string>a\r\nb\rc</string>"))).toEqual("a\nb\nc");
    expect(decodePlist(doc("<integer> -42 </integer>", "<!DOCTYPE plist SYSTEM 'x.dtd'>"))).toEqual(-42);
    expect(decodePlist(doc("<true></true>"))).toEqual(true);
  });

  it.each([
    ["<plist><dict><key>a</key></dict></plist>", /has no value/, 1],
    ["<plist><dict><key>a</key><true/><key>a</key><false/></dict></plist>", /appears twice/, 1],
    ["<plist><dict><string>a</string></dict></plist>", /where a <key> belongs/, 1],
    ["<plist><real>1.5</real></plist>", /<real> is not read/, 1],
    ["<plist><date>2020-01-01T00:00:00Z</date></plist>", /<date> is not read/, 1],
    ["<plist><integer>1.5</integer></plist>", /not an integer/, 1],
    ["<plist><integer>99999999999999999999</integer></plist>", /not an integer/, 1],
    ["<plist><string>a &nbsp; b</string></plist>", /unknown reference/, 1],
    ["<plist><string>a & b</string></plist>", /does not start a reference/, 1],
    ["<plist><string>&#7;</string></plist>", /not a character XML 1.0 allows/, 1],
    ["<plist><string>\x07</string></plist>", /not allowed in XML 1.0/, 1],
    ["<plist><string>a</plist>", /expected <\/string>/, 1],
    ["<plist><dict>text</dict></plist>", /text between elements/, 1],
    ["<plist><true/><true/></plist>", /expected <\/plist>/, 1],
    ["<?xml version='1.1'?><plist><true/></plist>", /XML version/, 1],
    ["<?xml version='1.0' encoding='UTF-16'?><plist><true/></plist>", /encoding/, 1],
    ['<!DOCTYPE plist [<!ENTITY x "y">]><plist><true/></plist>', /internal subset/, 1],
    ["<dict/>", /root element is <dict>/, 1],
    ["<plist><true/></plist>\n\n<x/>", /content after/, 3],
    ["<plist>\n<string>ok</string>\n<!-- a -- b -->\n</plist>", /"--" inside a comment/, 3],
  ])("refuses %j at a position", (text, message, line) => {
    let err: unknown;
    try {
      decodePlist(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PlistSyntaxError);
    expect((err as PlistSyntaxError).message).toMatch(message);
    expect((err as PlistSyntaxError).line).toBe(line);
  });
});

describe("the decoder agrees with the real readers", () => {
  const reader = plistlibAvailable ? new Plistlib() : undefined;
  afterAll(() => reader?.close());
  const withOracles = itWithOracle(xmllintAvailable && plistlibAvailable, "xmllint and python3 (plistlib)", "apt-get install libxml2-utils python3");

  withOracles("on encoded hostile values: valid against the DTD, and plistlib reads the same", async () => {
    await fc.assert(
      fc.asyncProperty(valueArb, async (v) => {
        const text = encodePlist(v);
        expect(validatePlist(text)).toEqual({ status: 0, output: "" });
        const r = await reader!.read(new TextEncoder().encode(text));
        expect(r).toEqual({ ok: tagged(v) });
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  withOracles("on documents in the forms XML allows", async () => {
    const docs = [
      "<?xml version='1.0'?><plist version='1.0'><dict><key>a</key><string>x<![CDATA[<&>]]>y&#x1F389;</string></dict></plist>",
      "<?xml version=\"1.0\"?>\r\n<plist version=\"1.0\">\r\n<array><string>a\r\nb\rc</string><string>&#13;&#xD;</string><integer>-7</integer><false/></array></plist>",
      "<plist version='1.0'><dict><key>k</key><dict/><key>l</key><array/><key>m</key><string/></dict></plist>",
    ];
    for (const d of docs) {
      const r = await reader!.read(new TextEncoder().encode(d));
      expect("ok" in r, JSON.stringify(r)).toBe(true);
      expect(canonical(tagged(decodePlist(d)))).toEqual(canonical((r as { ok: Tagged }).ok));
    }
  });
});
