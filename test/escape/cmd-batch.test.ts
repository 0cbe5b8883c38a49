import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  CMD_MAX_LINE,
  cmdArg,
  cmdRemText,
  cmdToken,
  cmdUnrepresentable,
} from "../../src/escape/cmd-batch.js";
import { joinWindowsArgs } from "../../src/escape/windows-argv.js";
import { windowsExpandable } from "../../src/escape/windows-env.js";
import type { Text } from "../../src/model.js";
import { batchLineToArgv, cmdPhase1, cmdPhase2, CmdParseError, msvcrtArgv } from "../helpers/cmd-parse.js";

const at = { file: "t.yaml", line: 1, col: 1 };
const argvOf = (...tokens: string[]) => batchLineToArgv(["prog", ...tokens].join(" "));

// Characters that each parser treats specially, plus ordinary and non-ASCII ones.
const hostileChar = fc.constantFrom(
  ..."\"\\%^&|<>()! \t=,;*?$'`~@:/".split(""),
  "a",
  "Z",
  "0",
  "é",
  "ü",
  "€",
  "日",
  "😀",
);
const hostile = fc.array(hostileChar, { maxLength: 24 }).map((cs) => cs.join(""));

describe("the decoder (sanity, from the documented rules)", () => {
  it("follows the MSVCRT backslash and quote rules", () => {
    expect(msvcrtArgv(String.raw`p a\\\"b "c d" e\\f "g\\" ""`)).toEqual(["p", 'a\\"b', "c d", "e\\\\f", "g\\", ""]);
  });
  it("doubles and drops percent signs as a batch file does", () => {
    expect(cmdPhase1("%%a %X% %missing% 100%", { x: "1" })).toBe("%a 1  100");
  });
  it("refuses unquoted operators and keeps quoted ones", () => {
    expect(() => cmdPhase2("a & b")).toThrow(CmdParseError);
    expect(cmdPhase2('"a & b" c^&d')).toBe('"a & b" c&d');
  });
});

describe("cmdArg", () => {
  it("leaves plain values bare", () => {
    expect(cmdArg("C:\\data\\")).toBe("C:\\data\\");
    expect(cmdArg("SERVICE_AUTO_START")).toBe("SERVICE_AUTO_START");
  });

  it("matches the reference's worked examples (or an equivalent simpler form)", () => {
    expect(cmdArg("C:\\Program Files\\App\\app.exe")).toBe('"C:\\Program Files\\App\\app.exe"');
    expect(cmdArg("a&b")).toBe('"a&b"');
    expect(cmdArg("PATH=C:\\bin;%PATH%")).toBe('PATH=C:\\bin;%%PATH%%');
    // Reference (nssm's quote() with %% for a batch file): ^"--config ^\^"C:^\My Dir^\a.yml^\^" --pct 50%% --amp a^&b^".
    // Ours is the same caret form without carets before backslashes (not metacharacters for cmd).
    const v = '--config "C:\\My Dir\\a.yml" --pct 50% --amp a&b';
    expect(cmdArg(v)).toBe('^"--config \\^"C:\\My Dir\\a.yml\\^" --pct 50%% --amp a^&b^"');
    expect(argvOf(cmdArg(v))).toEqual(["prog", v]);
    const w = 'Line with "quotes" & <angle> | pipe ^ caret';
    expect(cmdArg(w)).toBe('^"Line with \\^"quotes\\^" ^& ^<angle^> ^| pipe ^^ caret^"');
    expect(argvOf(cmdArg(w))).toEqual(["prog", w]);
    const x = '-a "C:\\trail\\\\" -b x';
    expect(cmdArg(x)).toBe('^"-a \\^"C:\\trail\\\\\\\\\\^" -b x^"');
    expect(argvOf(cmdArg(x))).toEqual(["prog", x]);
  });

  it("writes a value with inner quotes in caret form, so no cmd quote state is left to guess", () => {
    // Wine's cmd guesses where a quoted run ends by looking ahead; with no bare quote it has nothing to guess.
    expect(cmdArg('a"b')).toBe('^"a\\^"b^"');
    expect(cmdArg('" & echo PWNED & "')).toBe('^"\\^" ^& echo PWNED ^& \\^"^"');
    expect(argvOf(cmdArg('a"b'), cmdArg("next & last"))).toEqual(["prog", 'a"b', "next & last"]);
  });

  it("keeps plain quotes when they only delimit", () => {
    expect(cmdToken('"C:\\Program Files\\x.exe" "a & b" c&d')).toBe('"C:\\Program Files\\x.exe" "a & b" c^&d');
  });

  it("handles trailing backslashes and quotes after backslashes", () => {
    for (const v of ["C:\\dir with space\\", "a&b\\", '-a "C:\\trail\\\\" -b x', '\\"', "\\\\", '"', "", " "]) {
      expect(argvOf(cmdArg(v), "x")).toEqual(["prog", v, "x"]);
    }
  });

  it("never leaves an operator, a caret continuation or a lone percent for cmd", () => {
    fc.assert(
      fc.property(hostile, (v) => {
        const t = cmdArg(v);
        // Every % is doubled: after removing %% pairs none is left.
        expect(t.replace(/%%/g, "")).not.toContain("%");
        expect(cmdPhase2(cmdPhase1(t), { inBlock: true })).toBeTypeOf("string");
      }),
      { numRuns: 3000 },
    );
  });

  it("round-trips any representable value through cmd.exe and MSVCRT, alone and among others", () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 4 }), (vs) => {
        expect(argvOf(...vs.map(cmdArg))).toEqual(["prog", ...vs]);
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses what a batch line cannot carry", () => {
    for (const bad of ["a\nb", "a\rb", "a\0b", "a\u001ab", "a\u0007", "\uD800x", "x\uDC00"]) {
      expect(cmdUnrepresentable(bad)).toBeTypeOf("string");
      expect(() => cmdArg(bad)).toThrow(/check should have refused/);
    }
    expect(cmdUnrepresentable("tab\there é 😀 ! % ^")).toBeUndefined();
  });
});

describe("cmdToken", () => {
  it("passes a joined command line through unchanged", () => {
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 4 }), (vs) => {
        const fragment = joinWindowsArgs(vs);
        expect(cmdPhase2(cmdPhase1(cmdToken(fragment)), { inBlock: true })).toBe(fragment);
      }),
      { numRuns: 2000 },
    );
  });

  it("composes: a command line as ONE argument of another program (sc binPath= style)", () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: 1, maxLength: 3 }), (vs) => {
        const imagePath = joinWindowsArgs(vs);
        const argv = argvOf("binPath=", cmdArg(imagePath));
        expect(argv).toEqual(["prog", "binPath=", imagePath]);
        expect(msvcrtArgv("exe " + argv[2]!).slice(1)).toEqual(vs);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("cmdArg of a spec value with ${NAME}", () => {
  it("hands the program %NAME% for ${NAME}, unexpanded by cmd", () => {
    const t: Text = {
      parts: [
        { kind: "var", name: "ProgramData" },
        { kind: "literal", text: "\\orders & co" },
      ],
      source: "${ProgramData}\\orders & co",
      at,
    };
    const tok = cmdArg(windowsExpandable(t));
    expect(tok).toBe('"%%ProgramData%%\\orders & co"');
    expect(batchLineToArgv("prog " + tok, { ProgramData: "C:\\ProgramData" })).toEqual(["prog", "%ProgramData%\\orders & co"]);
  });
});

describe("cmdRemText", () => {
  it("keeps every metacharacter inert", () => {
    const s = 'a&b|c<d>e(f)g"h^ 50% %~dp0 ^';
    const r = cmdRemText(s);
    expect(r).toBe('a^&b^|c^<d^>e^(f^)g^"h^^ 50%% %%~dp0 ^^');
    expect(cmdPhase2(cmdPhase1(r), { inBlock: true })).toBe(s);
  });
});

it("exports cmd's line limit", () => {
  expect(CMD_MAX_LINE).toBe(8191);
});
