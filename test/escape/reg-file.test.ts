import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRegExport, type RegData } from "../../src/escape/reg-file.js";
import { decodeFailureActions, INFINITE } from "../../src/targets/scm/failure-actions.js";
import { formatRegFile, parseRegFile, type RegTree, type RegValue } from "../helpers/wine.js";
import { failureActionsBlob } from "../import/registry-model.js";

// The reg export reader (src/escape/reg-file.ts) reads back what reg export writes: files written by the
// test writer (test/helpers/wine.ts formatRegFile, Wine's export.c layout) decode to the values written, and
// the test harness's own reader agrees. Real exports from Wine's reg.exe are read in
// test/conformance/registry-import.test.ts.

const RUNS = 500;
const UTF16 = new TextDecoder("utf-16le");
const textOf = (bytes: Uint8Array) => UTF16.decode(bytes).replace(/^\uFEFF/, "");
const hostile = fc.array(fc.oneof(fc.constantFrom('"', "\\", "\\\\", " ", "=", "@", "[", "]", ";", "é", "東京", "🎉", "%X%", "\t", "a", "Z"), fc.string({ unit: "grapheme", maxLength: 3 })), { maxLength: 6 }).map((a) => a.join(""));
/** REG_SZ is written inside quotes as it is: no line break, NUL or lone surrogate in it. */
const sz = hostile.filter((s) => !/[\r\n\0\ud800-\udfff]/.test(s));
const noNul = hostile.filter((s) => !/[\0\ud800-\udfff]/.test(s));

const valueArb: fc.Arbitrary<RegValue> = fc.oneof(
  sz.map((value): RegValue => ({ type: "REG_SZ", value })),
  noNul.map((value): RegValue => ({ type: "REG_EXPAND_SZ", value })),
  fc.array(noNul.filter((s) => s !== ""), { maxLength: 4 }).map((value): RegValue => ({ type: "REG_MULTI_SZ", value })),
  fc.integer({ min: 0, max: 0xffffffff }).map((value): RegValue => ({ type: "REG_DWORD", value })),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((value): RegValue => ({ type: "REG_QWORD", value })),
  fc.uint8Array({ maxLength: 60 }).map((value): RegValue => ({ type: "REG_BINARY", value })),
);

function asData(v: RegValue): RegData {
  switch (v.type) {
    case "REG_SZ":
    case "REG_EXPAND_SZ":
      return { type: v.type, text: v.value };
    case "REG_MULTI_SZ":
      return { type: v.type, items: v.value };
    case "REG_DWORD":
    case "REG_QWORD":
      return { type: v.type, number: v.value } as RegData;
    case "REG_BINARY":
      return { type: "REG_BINARY", bytes: v.value };
    default:
      throw new Error(v.type);
  }
}

describe("reg export files", () => {
  it("decode to what was written, for hostile names and values of every type", () => {
    const tree = fc
      .uniqueArray(fc.tuple(sz, valueArb), { maxLength: 6, selector: ([n]) => n.toLowerCase() })
      .map((values): RegTree => new Map([["HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\svc", new Map(values)]]));
    fc.assert(
      fc.property(tree, (t) => {
        const text = textOf(formatRegFile(t));
        const r = parseRegExport(text, "x.reg");
        expect(r.problems).toEqual([]);
        const [[path, values]] = [...t];
        expect(r.keys.map((k) => k.path)).toEqual([path]);
        expect(r.keys[0]!.values.map((v) => [v.name, v.data])).toEqual([...values!].map(([n, v]) => [n, asData(v)]));
        // The harness's reader agrees.
        expect([...parseRegFile(text).get(path!)!]).toEqual([...values!]);
      }),
      { numRuns: RUNS },
    );
  });

  it("locates each key and value at its line, continued hex values at their first", () => {
    const text = [
      "Windows Registry Editor Version 5.00",
      "",
      "; a comment",
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\svc]",
      '"ImagePath"=hex(2):43,00,3a,00,5c,00,61,00,20,00,62,00,5c,00,78,00,2e,00,65,00,78,00,65,\\',
      "  00,00,00",
      '@="Restart"',
      '"Name \\"quoted\\""="C:\\\\dir\\\\"',
      "",
      "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\svc\\Parameters]",
      '"AppParameters"=hex(2):00,00',
      '"Empty"=hex(7):00,00',
      '"Wine"="a\\nb\\0c"',
    ].join("\r\n");
    const r = parseRegExport(text, "svc.reg");
    expect(r.problems).toEqual([]);
    expect(r.keys.map((k) => [k.path.split("\\").pop(), k.at.line])).toEqual([["svc", 4], ["Parameters", 10]]);
    expect(r.keys[0]!.values.map((v) => [v.name, v.at.line, v.data])).toEqual([
      ["ImagePath", 5, { type: "REG_EXPAND_SZ", text: "C:\\a b\\x.exe" }],
      ["", 7, { type: "REG_SZ", text: "Restart" }],
      ['Name "quoted"', 8, { type: "REG_SZ", text: "C:\\dir\\" }],
    ]);
    expect(r.keys[1]!.values.map((v) => v.data)).toEqual([{ type: "REG_EXPAND_SZ", text: "" }, { type: "REG_MULTI_SZ", items: [] }, { type: "REG_SZ", text: "a\nb\0c" }]);
  });

  it("refuses what is not an export, at the line, and leaves the bad value out", () => {
    const at = (lines: string[]) => parseRegExport(["Windows Registry Editor Version 5.00", "", "[HKEY_LOCAL_MACHINE\\X]", ...lines].join("\r\n"), "f.reg").problems.map((p) => `${p.at.line}:${p.at.col} ${p.message}`);
    expect(parseRegExport("REGEDIT4\r\n", "f.reg").problems[0]!.message).toContain("REGEDIT4");
    expect(parseRegExport("[HKEY_LOCAL_MACHINE\\X]\r\n", "f.reg").problems[0]!.message).toContain("does not start with");
    expect(at(['"A"=-'])).toEqual(["4:5 the value \"A\": =- deletes the value: that is a file to change a registry, not an export of one"]);
    expect(at(["[-HKEY_LOCAL_MACHINE\\Y]"])[0]).toContain("4:1 [-HKEY_LOCAL_MACHINE\\Y] deletes a key");
    expect(at(['"A"=dword:1'])[0]).toContain("eight hexadecimal digits");
    expect(at(['"A"=hex(2):41,00,42'])[0]).toContain("3 bytes");
    expect(at(['"A"=hex(7):41,00,00,00,00,00,42,00,00,00,00,00'])[0]).toContain("an empty entry inside it");
    expect(at(['"A"=hex(2):41,00,00,00,42,00,00,00'])[0]).toContain("NUL character inside");
    expect(at(['"A"=hex(4):01,00'])[0]).toContain("REG_DWORD of 2 bytes");
    expect(at(['"A"="unterminated'])[0]).toContain("no closing quote");
    expect(at(['"A"="a\\tb"'])[0]).toContain("escape \\t");
    expect(at(['"A"="1"', '"a"="2"'])[0]).toContain('"a" appears twice');
    expect(at(["junk"])[0]).toContain("neither a key, a value nor a comment");
    // A continued hex value whose continuation is missing (a cut file): refused, not read short.
    const cut = '"A"=hex(2):43,00,3a,00,5c,00,\\';
    expect(at([cut])).toEqual(['4:5 the value "A": its hex data ends in a backslash, and no line continues it (is the file cut short?)']);
    expect(at([cut, ""])).toEqual(['4:5 the value "A": its hex data ends in a backslash, and no line continues it (is the file cut short?)']);
    expect(at([cut, "", '"B"=dword:00000001'])).toHaveLength(1);
    const r = parseRegExport(["Windows Registry Editor Version 5.00", "", "[HKEY_LOCAL_MACHINE\\X]", '"A"=hex(2):41,00,42', '"B"=dword:00000001'].join("\r\n"), "f.reg");
    expect(r.keys[0]!.values.map((v) => v.name)).toEqual(["B"]);
  });
});

describe("FailureActions (SERVICE_FAILURE_ACTIONS as the SCM stores it)", () => {
  it("decodes what the SCM writes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: INFINITE }), fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 0xffffffff })), { maxLength: 8 }), (reset, actions) => {
        const d = decodeFailureActions(failureActionsBlob(reset, actions));
        expect(d).toEqual({ ok: true, value: { resetSeconds: reset, actions: actions.map(([type, delayMs]) => ({ type, delayMs })), rebootMsgOffset: 0, commandOffset: 0 } });
      }),
      { numRuns: RUNS },
    );
  });
  it("reads real values as public exports show them", () => {
    const hex = (s: string) => Uint8Array.from(s.split(",").map((h) => parseInt(h, 16)));
    // wuauserv (Windows 10): reset after a day; restart after 60 s, then nothing.
    const wu = decodeFailureActions(hex("80,51,01,00,00,00,00,00,00,00,00,00,03,00,00,00,14,00,00,00,01,00,00,00,60,ea,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00,00"));
    expect(wu).toEqual({ ok: true, value: { resetSeconds: 86400, actions: [{ type: 1, delayMs: 60000 }, { type: 0, delayMs: 0 }, { type: 0, delayMs: 0 }], rebootMsgOffset: 0, commandOffset: 0 } });
    // NetTcpPortSharing: reset after 900 s; restart after 120 s, then after 300 s, then nothing.
    const tcp = decodeFailureActions(hex("84,03,00,00,00,00,00,00,00,00,00,00,03,00,00,00,14,00,00,00,01,00,00,00,c0,d4,01,00,01,00,00,00,e0,93,04,00,00,00,00,00,00,00,00,00"));
    expect(tcp.ok && tcp.value.actions.map((a) => [a.type, a.delayMs])).toEqual([[1, 120000], [1, 300000], [0, 0]]);
    // No actions at all (a blob of zeros).
    expect(decodeFailureActions(new Uint8Array(44))).toMatchObject({ ok: true, value: { actions: [] } });
    expect(decodeFailureActions(new Uint8Array(12))).toMatchObject({ ok: false });
    expect(decodeFailureActions(hex("00,00,00,00,00,00,00,00,00,00,00,00,02,00,00,00,14,00,00,00,01,00,00,00,10,00,00,00"))).toMatchObject({ ok: false });
    expect(decodeFailureActions(hex("00,00,00,00,00,00,00,00,00,00,00,00,01,00,00,00,14,00,00,00,07,00,00,00,10,00,00,00"))).toMatchObject({ ok: false });
  });
});
