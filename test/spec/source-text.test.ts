import { describe, expect, it } from "vitest";
import { binaryKind, decodeForDisplay, decodeSource, describeEncoding, detectEncoding } from "../../src/spec/source-text.js";

const utf16 = (s: string, le: boolean, bom = true) => {
  const b = Buffer.from(s, "utf16le");
  if (!le) b.swap16();
  return new Uint8Array([...(bom ? (le ? [0xff, 0xfe] : [0xfe, 0xff]) : []), ...b]);
};
const utf32 = (s: string, le: boolean, bom = true) => {
  const cps = [...(bom ? [0xfeff] : []), ...Array.from(s, (c) => c.codePointAt(0)!)];
  const b = new Uint8Array(cps.length * 4);
  const v = new DataView(b.buffer);
  cps.forEach((cp, i) => v.setUint32(i * 4, cp, le));
  return b;
};
const text = "version: 1\nname: orders\ndisplayName: 订单服务 😀\n";

describe("decodeSource", () => {
  it("reads UTF-8 with and without a BOM, and UTF-16/32 in both byte orders, with or without a BOM", () => {
    const cases: [Uint8Array, string, boolean][] = [
      [new TextEncoder().encode(text), "utf-8", false],
      [new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]), "utf-8", true],
      [utf16(text, true), "utf-16le", true],
      [utf16(text, false), "utf-16be", true],
      [utf16(text, true, false), "utf-16le", false],
      [utf16(text, false, false), "utf-16be", false],
      [utf32(text, true), "utf-32le", true],
      [utf32(text, false), "utf-32be", true],
      [utf32(text, true, false), "utf-32le", false],
      [utf32(text, false, false), "utf-32be", false],
    ];
    for (const [bytes, encoding, bom] of cases) {
      const r = decodeSource(bytes, "s.yaml");
      expect(r, encoding).toMatchObject({ text, encoding, bom, diagnostics: [] });
    }
  });
  it("refuses bytes that are not UTF-8 at the first bad byte, with its line, column and value", () => {
    // "displayName: 订单" in GBK: 0xB6 0xA9 is not UTF-8.
    const gbk = new Uint8Array([...new TextEncoder().encode("version: 1\nname: x\ndisplayName: "), 0xb6, 0xa9, 0xb5, 0xa5, 0x0a]);
    const r = decodeSource(gbk, "s.yaml");
    expect(r.text).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ file: "s.yaml", line: 3, col: 14, code: "SVC1009", severity: "error" });
    expect(r.diagnostics[0]!.message).toContain("0xB6");
    expect(r.diagnostics[0]!.hint).toContain("save the file as UTF-8");
    // Windows-1252 "é" after non-ASCII UTF-8 on the same line: the column counts characters, not bytes.
    const cp1252 = new Uint8Array([...new TextEncoder().encode("a: ü"), 0xe9, 0x0a]);
    expect(decodeSource(cp1252, "s.yaml").diagnostics[0]).toMatchObject({ line: 1, col: 5 });
  });
  it("refuses overlong forms, surrogates in UTF-8, and a truncated sequence at the end", () => {
    for (const [bytes, col] of [
      [[0x61, 0xc0, 0xaf], 2],
      [[0x61, 0xed, 0xa0, 0x80], 2],
      [[0x61, 0x62, 0xe4, 0xb8], 3],
      [[0xf5, 0x80, 0x80, 0x80], 1],
    ] as [number[], number][]) {
      expect(decodeSource(new Uint8Array(bytes), "s").diagnostics[0], String(bytes)).toMatchObject({ line: 1, col, code: "SVC1009" });
    }
  });
  it("refuses lone surrogates in UTF-16, an odd length, and UTF-32 values that are not characters", () => {
    const lone = new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x0a, 0x00, 0x62, 0x00, 0x00, 0xd8, 0x63, 0x00]);
    expect(decodeSource(lone, "s").diagnostics[0]).toMatchObject({ line: 2, col: 2, code: "SVC1009" });
    expect(decodeSource(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x62]), "s").diagnostics[0]).toMatchObject({ line: 1, col: 2 });
    const big = utf32("ab", true);
    new DataView(big.buffer).setUint32(8, 0x110000, true);
    expect(decodeSource(big, "s").diagnostics[0]).toMatchObject({ line: 1, col: 2 });
  });
  it("detects by NUL pattern only when the first character is ASCII", () => {
    expect(detectEncoding(new TextEncoder().encode("é"))).toEqual({ encoding: "utf-8", bom: 0 });
    expect(detectEncoding(new Uint8Array([]))).toEqual({ encoding: "utf-8", bom: 0 });
  });
});

describe("files that are not text", () => {
  it("names common binary kinds by their signature, only when the bytes are not text", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(decodeSource(png, "a.png").diagnostics[0]).toMatchObject({ code: "SVC1010", line: 1, col: 1, message: "the file is a PNG image, not a text file" });
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
    expect(decodeSource(elf, "a").diagnostics[0]!.message).toBe("the file is an ELF executable (Linux), not a text file");
    // A spec that happens to start with "MZ" or "%PDF-" is text, and read as such.
    expect(decodeSource(new TextEncoder().encode("MZ: 1\n"), "s").text).toBe("MZ: 1\n");
    expect(binaryKind(new TextEncoder().encode("%PDF-1.7"))).toBe("a PDF document");
  });
  it("a NUL in any encoding is not text: located where it is", () => {
    expect(decodeSource(new TextEncoder().encode("a: 1\nb: \0\n"), "s").diagnostics[0]).toMatchObject({ code: "SVC1010", line: 2, col: 4 });
    expect(decodeSource(utf16("a: 1\nb: \0\n", true), "s").diagnostics[0]).toMatchObject({ code: "SVC1010", line: 2, col: 4, message: expect.stringContaining("byte offset 18") });
    expect(decodeSource(utf32("a: 1\nb: \0\n", false), "s").diagnostics[0]).toMatchObject({ code: "SVC1010", line: 2, col: 4, message: expect.stringContaining("byte offset 36") });
    // Bytes that are neither UTF-8 nor free of NULs: binary, not a legacy code page.
    expect(decodeSource(new Uint8Array([0x61, 0x0a, 0xe9, 0x00, 0x01]), "s").diagnostics[0]).toMatchObject({ code: "SVC1010", line: 2, col: 2 });
  });
});

describe("UTF-16 without a BOM that starts with a character that is not ASCII", () => {
  it("cannot be detected as YAML 1.2 says, and is named for what it is", () => {
    for (const le of [true, false]) {
      const d = decodeSource(utf16("# 订单\nversion: 1\n".replace("# ", ""), le, false), "s").diagnostics[0];
      expect(d).toMatchObject({ code: "SVC1009", line: 1, col: 1 });
      expect(d!.message).toBe(`the file looks like UTF-16${le ? "LE" : "BE"} without a byte order mark, starting with "订": YAML tells UTF-16 from UTF-8 only by an ASCII first character`);
    }
  });
});

describe("decodeForDisplay", () => {
  it("decodes any encoding decodeSource reads, and replaces what is not valid instead of refusing it", () => {
    expect(decodeForDisplay(utf16(text, false))).toEqual({ text, encoding: "utf-16be", bom: true, valid: true });
    expect(decodeForDisplay(utf32(text, true, false))).toEqual({ text, encoding: "utf-32le", bom: false, valid: true });
    expect(decodeForDisplay(new Uint8Array([0x61, 0xe9, 0x62]))).toEqual({ text: "a\ufffdb", encoding: "utf-8", bom: false, valid: false });
    expect(describeEncoding("utf-16le", true)).toBe("UTF-16LE with a byte order mark");
  });
});
