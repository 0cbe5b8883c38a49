import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { joinWindowsArgs, quoteWindowsArg } from "../../src/escape/windows-argv.js";
import { decodeWindowsArgs, type ArgvDialect } from "./windows-argv.js";

// The shared encoder, checked against the independent decoder under both parser dialects.
const DIALECTS: ArgvDialect[] = ["msvcrt", "commandLineToArgvW"];

const HOSTILE = [
  "",
  " ",
  "plain",
  "two words",
  'say "hi"',
  '"',
  '""',
  "\\",
  "C:\\dir\\",
  "C:\\dir with space\\",
  "\\\\server\\share\\",
  'a\\"b',
  'trailing\\\\"',
  "100%",
  "%PATH%",
  "$HOME",
  "$$",
  "^caret^",
  "a & b",
  "a | b > c < d",
  "tab\there",
  "new\nline",
  "cr\rhere",
  "Zürich 東京 🙂",
  "--title=Orders & Billing",
];

describe("quoteWindowsArg / joinWindowsArgs against Microsoft's parsing rules", () => {
  for (const dialect of DIALECTS) {
    it(`round-trips hostile strings (${dialect})`, () => {
      for (const s of HOSTILE) expect(decodeWindowsArgs(quoteWindowsArg(s), dialect)).toEqual([s]);
      expect(decodeWindowsArgs(joinWindowsArgs(HOSTILE), dialect)).toEqual(HOSTILE);
    });

    it(`round-trips any list of strings (${dialect})`, () => {
      const ch = fc.constantFrom(" ", "\t", '"', "\\", "a", "%", "^", "&", "\n", "é");
      fc.assert(
        fc.property(fc.array(fc.string({ unit: ch })), (argv) => {
          expect(decodeWindowsArgs(joinWindowsArgs(argv), dialect)).toEqual(argv);
        }),
        { numRuns: 2000 },
      );
      fc.assert(
        fc.property(fc.array(fc.string({ unit: "grapheme" })), (argv) => {
          expect(decodeWindowsArgs(joinWindowsArgs(argv), dialect)).toEqual(argv);
        }),
        { numRuns: 500 },
      );
    });
  }
});
