import { describe, expect, it } from "vitest";
import { decodeWindowsArgs, decodeWindowsCommandLine, splitProgramName } from "./windows-argv.js";

// String.raw keeps the backslashes exactly as they would appear on a Windows command line.
const r = String.raw;

describe("decodeWindowsArgs (Microsoft's C runtime rules)", () => {
  // The table "Results of parsing command lines" in Microsoft's "Parsing C++ command-line arguments".
  it.each([
    [r`"abc" d e`, ["abc", "d", "e"]],
    [r`a\\b d"e f"g h`, [r`a\\b`, "de fg", "h"]],
    [r`a\\\"b c d`, [r`a\"b`, "c", "d"]],
    [r`a\\\\"b c" d e`, [r`a\\b c`, "d", "e"]],
    [r`a"b"" c d`, [r`ab" c d`]],
  ])("Microsoft's example %s", (line, argv) => {
    expect(decodeWindowsArgs(line)).toEqual(argv);
  });

  it("splits on spaces and tabs only", () => {
    expect(decodeWindowsArgs("a\tb  c\n d\ve")).toEqual(["a", "b", "c\n", "d\ve"]);
  });

  it("ignores leading and trailing blanks", () => {
    expect(decodeWindowsArgs("  a  ")).toEqual(["a"]);
    expect(decodeWindowsArgs("")).toEqual([]);
    expect(decodeWindowsArgs(" \t ")).toEqual([]);
  });

  it("gives an empty argument for a pair of quotes", () => {
    expect(decodeWindowsArgs(r`"" x ""`)).toEqual(["", "x", ""]);
  });

  it("keeps backslashes that do not precede a quote", () => {
    // (A raw template literal cannot end in a backslash, hence the plain strings.)
    expect(decodeWindowsArgs(r`C:\dir\ \\server\share\ a\\\b`)).toEqual(["C:\\dir\\", "\\\\server\\share\\", r`a\\\b`]);
  });

  it("halves backslashes before a quote and escapes the quote when their count is odd", () => {
    expect(decodeWindowsArgs(r`"C:\dir\\"`)).toEqual(["C:\\dir\\"]);
    expect(decodeWindowsArgs(r`\"`)).toEqual(['"']);
    expect(decodeWindowsArgs(r`\\\"`)).toEqual([r`\"`]);
    expect(decodeWindowsArgs(r`\\"a b"`)).toEqual([r`\a b`]);
  });

  it("embeds quoted strings inside an argument", () => {
    expect(decodeWindowsArgs(r`--title="Orders & Billing"x`)).toEqual(["--title=Orders & Billing" + "x"]);
  });

  it("runs an unterminated quoted string to the end", () => {
    expect(decodeWindowsArgs(r`a "b c`)).toEqual(["a", "b c"]);
  });

  it("treats cmd.exe and environment characters as ordinary", () => {
    expect(decodeWindowsArgs("%PATH% ^& $x | <>")).toEqual(["%PATH%", "^&", "$x", "|", "<>"]);
  });

  it("keeps non-ASCII characters, including ones outside the BMP", () => {
    expect(decodeWindowsArgs('"Zürich 東京" 🙂')).toEqual(["Zürich 東京", "🙂"]);
  });
});

describe("the CommandLineToArgvW dialect", () => {
  it("ends the quoted string after a quote pair inside it", () => {
    expect(decodeWindowsArgs(r`a"b"" c d`, "commandLineToArgvW")).toEqual([r`ab"`, "c", "d"]);
  });

  it("agrees with the C runtime when no quote pair appears inside quotes", () => {
    for (const line of [r`"abc" d e`, r`a\\b d"e f"g h`, r`a\\\"b c d`, r`a\\\\"b c" d e`, r`"a \"b\" c\\" ""`]) {
      expect(decodeWindowsArgs(line, "commandLineToArgvW")).toEqual(decodeWindowsArgs(line, "msvcrt"));
    }
  });
});

describe("argv[0]", () => {
  it("takes a quoted program name whole, with no backslash escapes", () => {
    expect(decodeWindowsCommandLine(r`"C:\Program Files\app.exe" a "b c"`)).toEqual([r`C:\Program Files\app.exe`, "a", "b c"]);
    expect(decodeWindowsCommandLine(r`"C:\dir\\" x`)).toEqual([r`C:\dir\\`, "x"]);
  });

  it("ends an unquoted program name at the first blank", () => {
    expect(splitProgramName(r`C:\apps\a.exe --x`)).toEqual({ program: r`C:\apps\a.exe`, rest: " --x" });
  });

  it("differs between dialects only for quotes in the middle of the name", () => {
    expect(splitProgramName(r`C:\"Program Files"\a.exe x`).program).toBe(r`C:\Program Files\a.exe`);
    expect(splitProgramName(r`C:\"Program Files"\a.exe x`, "commandLineToArgvW").program).toBe(r`C:\"Program`);
  });
});
