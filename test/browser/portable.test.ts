import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadSpec, MAX_SPEC_BYTES, utf8Length } from "../../src/spec/load.js";
import { utf16leWithBom } from "../../src/targets/schtasks/utf16le.js";

// compile() runs in the playground too, so the code on its path uses no Node Buffer
// (scripts/build-site.mjs refuses a bundled module of src/ that does). These helpers replaced Buffer
// there: they must agree with it exactly, lone surrogates included.
const strings = fc.oneof(
  fc.string({ unit: "binary", maxLength: 64 }),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 64 }).map((units) => String.fromCharCode(...units)),
);

describe("portable encoders on compile's path", () => {
  it("utf8Length counts as Buffer.byteLength", () => {
    for (const s of ["", "a", "é", "€", "😀", "\ud800", "\udc00", "a\ud800b", "\ud800\ud800\udc00", "\udbff\udfff"]) expect(utf8Length(s), JSON.stringify(s)).toBe(Buffer.byteLength(s, "utf8"));
    fc.assert(fc.property(strings, (s) => utf8Length(s) === Buffer.byteLength(s, "utf8")), { numRuns: 2000 });
  });
  it("the size limit counts UTF-8 bytes, not characters", async () => {
    const codes = async (text: string) => (await loadSpec(text, "s.yaml")).diagnostics.map((d) => d.code);
    const euros = "€".repeat(Math.floor(MAX_SPEC_BYTES / 3) + 1); // 3 bytes each: just over the limit
    expect(await codes(`# ${euros}\nversion: 1\n`)).toEqual(["SVC1004"]);
    expect(await codes(`# ${euros.slice(10)}\nversion: 1\n`)).not.toContain("SVC1004"); // 30 bytes fewer: under it
  });
  it("utf16leWithBom writes Buffer's utf16le bytes after FF FE", () => {
    fc.assert(
      fc.property(strings, (s) => Buffer.from(utf16leWithBom(s)).equals(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, "utf16le")]))),
      { numRuns: 2000 },
    );
  });
});
