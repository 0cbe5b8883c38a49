import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeWindowsArgs, joinWindowsArgs, quoteWindowsArg, splitProgramWord, splitWindowsArgs } from "../../src/escape/windows-argv.js";
import { decodeExpandedArgs, decodeExpandedCommandLine, decodeWindowsValue, expandedArgs, percentHazard, spaceJoined, windowsExpandable } from "../../src/escape/windows-env.js";
import type { ServiceModel, Text, TextPart } from "../../src/model.js";
import { imagePath } from "../../src/targets/sc/commands.js";
import { hookCommandLine } from "../../src/targets/nssm/plan.js";
import { decodeWindowsArgs as testDecodeArgs, splitProgramName } from "../decoders/windows-argv.js";
import { ATOMS, CONTROLS, hostileText, normalizeParts } from "../property/spec-gen.js";

// The Windows decoders the registry readers use are the exact inverses of the encoders the nssm and sc
// emitters use, for hostile values: decode(encode(v)) = v. And on any command line, hand-written ones
// included, the production splitter agrees with the test decoder written from Microsoft's rules
// (test/decoders/windows-argv.ts), in both dialects.

const RUNS = 1000;
const AT = { file: "", line: 1, col: 1 };
const text = (parts: TextPart[]): Text => ({ parts, source: "", at: AT });
const hostileString = fc.array(fc.oneof(fc.constantFrom(...ATOMS, ...CONTROLS), fc.string({ unit: "grapheme", maxLength: 4 })), { maxLength: 8 }).map((a) => a.join(""));
const lineChars = fc.array(fc.constantFrom(" ", "\t", '"', "\\", "a", "b", "%", "x y"), { maxLength: 24 }).map((a) => a.join(""));
/** Spec text without NUL (no spec value can hold one) and without the private-use characters the decoder marks variables with. */
const specText = hostileText.map((p) => normalizeParts(p.map((x) => (x.kind === "literal" ? { kind: "literal" as const, text: x.text.replace(/[\0\ue000-\uf8ff]/g, "") } : x))));

describe("Windows argv: split(join(args)) = args", () => {
  it("in both dialects, for any argument list", () => {
    fc.assert(
      fc.property(fc.array(hostileString, { maxLength: 6 }), (args) => {
        const line = joinWindowsArgs(args);
        expect(splitWindowsArgs(line, "msvcrt")).toEqual(args);
        expect(splitWindowsArgs(line, "commandLineToArgvW")).toEqual(args);
        expect(decodeWindowsArgs(line)).toEqual({ ok: true, args });
      }),
      { numRuns: RUNS },
    );
  });
  it("agrees with the test decoder on any line, and reports the lines the two dialects read differently", () => {
    fc.assert(
      fc.property(lineChars, (line) => {
        expect(splitWindowsArgs(line, "msvcrt")).toEqual(testDecodeArgs(line, "msvcrt"));
        expect(splitWindowsArgs(line, "commandLineToArgvW")).toEqual(testDecodeArgs(line, "commandLineToArgvW"));
        const same = JSON.stringify(testDecodeArgs(line, "msvcrt")) === JSON.stringify(testDecodeArgs(line, "commandLineToArgvW"));
        expect(decodeWindowsArgs(line).ok).toBe(same);
      }),
      { numRuns: RUNS },
    );
    expect(decodeWindowsArgs('"a""b" c').ok).toBe(false);
  });
  it("the program word: quoted up to its quote, else up to the first blank; as CommandLineToArgvW reads argv[0]", () => {
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
});

describe("values Windows expands: decode(encode(t)) = t wherever percentHazard finds one meaning", () => {
  it("a single value (a path, an environment value)", () => {
    let decoded = 0;
    fc.assert(
      fc.property(specText, (parts) => {
        const t = text(parts);
        const d = decodeWindowsValue(windowsExpandable(t), true);
        if (percentHazard(t) !== undefined) {
          // Nothing could have written it: either refused, or read as another value that writes the same characters.
          if (d.ok) expect(windowsExpandable(text(d.value))).toBe(windowsExpandable(t));
          return;
        }
        decoded++;
        expect(d).toEqual({ ok: true, value: normalizeParts(parts) });
      }),
      { numRuns: RUNS },
    );
    expect(decoded).toBeGreaterThan(RUNS / 2);
  });
  it("a REG_SZ is literal: a % that an expanded value would pair is refused", () => {
    expect(decodeWindowsValue("C:\\%X%\\y", false)).toMatchObject({ ok: false });
    expect(decodeWindowsValue("100% sure", false)).toEqual({ ok: true, value: [{ kind: "literal", text: "100% sure" }] });
    expect(decodeWindowsValue("%ProgramFiles(x86)%\\a", true)).toEqual({ ok: true, value: [{ kind: "var", name: "ProgramFiles(x86)" }, { kind: "literal", text: "\\a" }] });
    expect(decodeWindowsValue("%a b%", true)).toMatchObject({ ok: false });
    expect(decodeWindowsValue("%%X%", true)).toMatchObject({ ok: false });
  });
  it("arguments (nssm's AppParameters): decodeExpandedArgs(expandedArgs(args)) = args", () => {
    let decoded = 0;
    fc.assert(
      fc.property(fc.array(specText, { maxLength: 5 }), (args) => {
        const texts = args.map(text);
        if (percentHazard(spaceJoined(texts)) !== undefined) return;
        const d = decodeExpandedArgs(expandedArgs(texts), true);
        expect(d.ok).toBe(true);
        if (!d.ok) return;
        decoded++;
        expect(d.value.args).toEqual(args.map((a) => normalizeParts(a)));
        expect(d.value.unquotedVariables).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    expect(decoded).toBeGreaterThan(RUNS / 2);
  });
  it("an nssm hook: decodeExpandedCommandLine(hookCommandLine(c)) = c", () => {
    // A program path as the nssm check lets it through: no quote, no control character.
    const program = specText.map((p) => normalizeParts([{ kind: "literal", text: "C:\\" }, ...p.map((x) => (x.kind === "literal" ? { kind: "literal" as const, text: x.text.replace(/["\x00-\x1f]/g, "") } : x))]));
    fc.assert(
      fc.property(program, fc.array(specText, { maxLength: 4 }), (exe, args) => {
        const c = { executable: text(exe), args: args.map(text), at: AT };
        if (percentHazard(spaceJoined([c.executable, ...c.args])) !== undefined) return;
        const d = decodeExpandedCommandLine(hookCommandLine(c), true);
        expect(d.ok).toBe(true);
        if (!d.ok) return;
        expect(d.value.program).toEqual(normalizeParts(exe));
        expect(d.value.args).toEqual(args.map((a) => normalizeParts(a)));
      }),
      { numRuns: RUNS },
    );
  });
  it("an ImagePath (sc): decodeExpandedCommandLine(imagePath(m)) = the executable and args", () => {
    const program = specText.map((p) => normalizeParts([{ kind: "literal", text: "C:\\" }, ...p.map((x) => (x.kind === "literal" ? { kind: "literal" as const, text: x.text.replace(/"/g, "") } : x))]));
    fc.assert(
      fc.property(program, fc.array(specText, { maxLength: 4 }), (exe, args) => {
        const m = { executable: text(exe), args: args.map(text) } as unknown as ServiceModel;
        if (percentHazard(spaceJoined([m.executable, ...m.args])) !== undefined) return;
        const d = decodeExpandedCommandLine(imagePath(m), true);
        expect(d).toMatchObject({ ok: true, value: { program: normalizeParts(exe), args: args.map((a) => normalizeParts(a)), programQuoted: true } });
      }),
      { numRuns: RUNS },
    );
  });
  it("an unquoted variable is told apart: its value could bring spaces", () => {
    const d = decodeExpandedArgs('--dir %TEMP%\\x "%APPDATA%\\y"', true);
    expect(d).toMatchObject({ ok: true, value: { unquotedVariables: ["TEMP"] } });
    expect(quoteWindowsArg("%TEMP%\\x", true)).toBe('"%TEMP%\\x"');
  });
});
