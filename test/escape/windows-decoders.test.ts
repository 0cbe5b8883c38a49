import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitProgramWord } from "../../src/escape/windows-argv.js";
import { decodeArgsValue, decodeExpandedCommandLine, decodeWindowsValue, percentHazard, spaceJoined } from "../../src/escape/windows-env.js";
import type { ServiceModel, Text, TextPart } from "../../src/model.js";
import { hookCommandLine } from "../../src/targets/nssm/plan.js";
import { imagePath } from "../../src/targets/sc/commands.js";
import { splitProgramName } from "../decoders/windows-argv.js";
import { hostileText, normalizeParts } from "../property/spec-gen.js";

// The decoders the registry readers add to those of test/escape/read-decoders.test.ts: whole command lines
// (a program word, then arguments), the inverse of the nssm emitter's hook command line and of the sc
// emitter's ImagePath, and values stored as written (REG_SZ). decode(encode(v)) = v for hostile values, and the
// program word agrees with the test decoder's CommandLineToArgvW argv[0] rule.

const RUNS = 1000;
const AT = { file: "", line: 1, col: 1 };
const text = (parts: TextPart[]): Text => ({ parts, source: "", at: AT });
const lineChars = fc.array(fc.constantFrom(" ", "\t", '"', "\\", "a", "b", "%", "x y"), { maxLength: 24 }).map((a) => a.join(""));
/** Spec text without NUL (no spec value can hold one) or U+E000 (decodeExpandedArgs' marker). */
const specText = hostileText.map((p) => normalizeParts(p.map((x) => (x.kind === "literal" ? { kind: "literal" as const, text: x.text.replace(/[\0\ue000]/g, "") } : x))));
/** A program path as the nssm and sc checks let it through: absolute, no quote (no Windows path has one), no control character. */
const program = specText.map((p) => normalizeParts([{ kind: "literal", text: "C:\\" }, ...p.map((x) => (x.kind === "literal" ? { kind: "literal" as const, text: x.text.replace(/["\x00-\x1f]/g, "") } : x))]));

describe("command lines", () => {
  it("the program word: quoted up to its quote, else up to the first blank, as CommandLineToArgvW reads argv[0]", () => {
    fc.assert(
      fc.property(lineChars, (line) => {
        const p = splitProgramWord(line);
        if (!p.ok) return;
        const t = splitProgramName(line, "commandLineToArgvW");
        expect([p.program, p.rest]).toEqual([t.program, t.rest]);
      }),
      { numRuns: RUNS },
    );
    expect(splitProgramWord('"C:\\a b\\x.exe" -k')).toEqual({ ok: true, program: "C:\\a b\\x.exe", rest: " -k", quoted: true });
    expect(splitProgramWord('"C:\\a b').ok).toBe(false);
    expect(splitProgramWord('"C:\\a"b c').ok).toBe(false);
  });

  it("an nssm hook: decodeExpandedCommandLine(hookCommandLine(c)) = c", () => {
    fc.assert(
      fc.property(program, fc.array(specText, { maxLength: 4 }), (exe, args) => {
        const c = { executable: text(exe), args: args.map(text), at: AT };
        if (percentHazard(spaceJoined([c.executable, ...c.args])) !== undefined) return;
        const d = decodeExpandedCommandLine(hookCommandLine(c), true);
        expect(d).toMatchObject({ ok: true, program: normalizeParts(exe), args: args.map((a) => normalizeParts(a)) });
      }),
      { numRuns: RUNS },
    );
  });

  it("an ImagePath (sc): decodeExpandedCommandLine(imagePath(m)) = the executable and args", () => {
    fc.assert(
      fc.property(program, fc.array(specText, { maxLength: 4 }), (exe, args) => {
        const m = { executable: text(exe), args: args.map(text) } as unknown as ServiceModel;
        if (percentHazard(spaceJoined([m.executable, ...m.args])) !== undefined) return;
        const d = decodeExpandedCommandLine(imagePath(m), true);
        expect(d).toMatchObject({ ok: true, program: normalizeParts(exe), args: args.map((a) => normalizeParts(a)), programQuoted: true, splitByValue: [] });
      }),
      { numRuns: RUNS },
    );
  });

  it("a variable outside quotes is told apart: its value could bring spaces", () => {
    expect(decodeExpandedCommandLine('"C:\\x.exe" --dir %TEMP%\\x "%APPDATA%\\y"', true)).toMatchObject({ ok: true, splitByValue: [1] });
    expect(decodeExpandedCommandLine("%SystemRoot%\\x.exe -k", true)).toMatchObject({ ok: true, programQuoted: false, program: [{ kind: "var", name: "SystemRoot" }, { kind: "literal", text: "\\x.exe" }] });
  });
});

describe("values stored as written (REG_SZ)", () => {
  it("are literal: a lone % stays, a % that an expanded value would pair is refused", () => {
    expect(decodeWindowsValue("100% sure", false)).toEqual({ ok: true, parts: [{ kind: "literal", text: "100% sure" }] });
    expect(decodeWindowsValue("C:\\%X%\\y", false).ok).toBe(false);
    expect(decodeArgsValue('-a "b c" 50%', false)).toEqual({ ok: true, args: [[{ kind: "literal", text: "-a" }], [{ kind: "literal", text: "b c" }], [{ kind: "literal", text: "50%" }]], splitByValue: [] });
    expect(decodeArgsValue("%A% x", false).ok).toBe(false);
    expect(decodeExpandedCommandLine('"C:\\%A%\\x.exe"', false).ok).toBe(false);
    expect(decodeExpandedCommandLine('"C:\\%A%\\x.exe"', true)).toMatchObject({ ok: true, program: [{ kind: "literal", text: "C:\\" }, { kind: "var", name: "A" }, { kind: "literal", text: "\\x.exe" }] });
  });
});
