// The winsw target's small encoders, each against an independent reading: time spans against WinSW's
// ParseTimeSpan (as test/winsw/winsw-reader.ts models it), argument lines against the Windows argv
// decoder, element text against an XML parser, comments against XML's comment rule.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { quoteWindowsArg } from "../../src/escape/windows-argv.js";
import { xmlComment } from "../../src/escape/xml.js";
import type { Text } from "../../src/model.js";
import { parseText } from "../../src/spec/text.js";
import { expandedArgs } from "../../src/escape/windows-env.js";
import { argumentLineHazard } from "../../src/targets/winsw/command-line.js";
import { splitDomainUser } from "../../src/targets/winsw/account.js";
import { logBaseName } from "../../src/targets/winsw/logs.js";
import { MAX_MS, winswTimeSpan } from "../../src/targets/winsw/timespan.js";
import { winswText } from "../../src/targets/winsw/xml.js";
import { decodeWindowsArgs } from "../decoders/windows-argv.js";
import { expand, innerText, parseDocument, parseTimeSpan } from "./winsw-reader.js";

const at = { file: "t.yaml", line: 1, col: 1 };
const text = (s: string): Text => {
  const p = parseText(s);
  if (!p.ok) throw new Error(p.message);
  return { parts: p.parts, source: s, at };
};

describe("winswTimeSpan", () => {
  it("writes the largest exact unit", () => {
    expect(winswTimeSpan(0)).toBe("0 sec");
    expect(winswTimeSpan(1)).toBe("1 ms");
    expect(winswTimeSpan(1500)).toBe("1500 ms");
    expect(winswTimeSpan(1000)).toBe("1 sec");
    expect(winswTimeSpan(90_000)).toBe("90 secs");
    expect(winswTimeSpan(60_000)).toBe("1 min");
    expect(winswTimeSpan(5_400_000)).toBe("90 mins");
    expect(winswTimeSpan(3_600_000)).toBe("1 hour");
    expect(winswTimeSpan(7_200_000)).toBe("2 hours");
    expect(winswTimeSpan(86_400_000)).toBe("1 day");
    expect(winswTimeSpan(30 * 86_400_000)).toBe("30 days");
  });
  it("reads back as the same duration (WinSW's suffix order and int parsing)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: MAX_MS }), fc.integer({ min: 0, max: 100_000 }).map((d) => d * 86_400_000)), (ms) => {
        expect(parseTimeSpan(winswTimeSpan(ms))).toBe(ms);
      }),
      { numRuns: 2000 },
    );
  });
  it("refuses what it cannot write", () => {
    expect(() => winswTimeSpan(-1)).toThrow();
    expect(() => winswTimeSpan(MAX_MS + 2)).toThrow(); // odd milliseconds above int32
  });
});

describe("<arguments> (expandedArgs)", () => {
  const ENV = new Map([["SPACED", "C:\\Program Files"], ["TRAIL", "x"]]);
  it("quotes by the MSVCRT rules, and always quotes an argument holding a variable", () => {
    const args = ["plain", "", "a b", 'q"q', "C:\\dir\\", "${SPACED}\\x", "${TRAIL}"].map(text);
    const line = expandedArgs(args);
    expect(line).toBe('plain "" "a b" "q\\"q" C:\\dir\\ "%SPACED%\\x" "%TRAIL%"');
    const decoded = decodeWindowsArgs(expand(line, ENV));
    expect(decoded).toEqual(["plain", "", "a b", 'q"q', "C:\\dir\\", "C:\\Program Files\\x", "x"]);
    expect(decodeWindowsArgs(expand(line, ENV), "commandLineToArgvW")).toEqual(decoded);
  });
  it("round-trips any literal arguments", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom(..."ab \t\\\"&^%'x".split("")) }), { maxLength: 6 }), (args) => {
        const t = args.map((a): Text => ({ parts: [{ kind: "literal", text: a }], source: a, at }));
        expect(decodeWindowsArgs(expandedArgs(t))).toEqual(args);
      }),
      { numRuns: 1000 },
    );
  });
  it("finds % pairs inside one argument and across arguments", () => {
    expect(argumentLineHazard(["a", "100%"].map(text))).toBeUndefined();
    expect(argumentLineHazard(["a", "%X%"].map(text))?.index).toBe(1);
    expect(argumentLineHazard(["a", "1%", "b", "2%"].map(text))).toMatchObject({ index: 1, message: expect.stringContaining("across arguments") });
    expect(argumentLineHazard(["1%", "${PATH}"].map(text))?.index).toBe(0);
  });
});

describe("quoteWindowsArg(always)", () => {
  it("quotes an argument that needs no quotes, doubling trailing backslashes", () => {
    expect(quoteWindowsArg("a", true)).toBe('"a"');
    expect(quoteWindowsArg("a\\", true)).toBe('"a\\\\"');
    expect(quoteWindowsArg("a", false)).toBe("a");
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(decodeWindowsArgs(quoteWindowsArg(s, true))).toEqual([s]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("winswText", () => {
  it("keeps the value on one line and reads back unchanged", () => {
    for (const s of ["a\nb", "\r\nx\r\n", "x\ty", "a & <b> ]]> c", "  lead", "trail  ", "é😀"]) {
      const enc = winswText(s);
      expect(enc).not.toMatch(/[\r\n\t]/);
      expect(innerText(parseDocument(`<x>${enc}</x>`)[0]!)).toBe(s);
    }
  });
  it("writes a value of only whitespace as decimal references, which XmlDocument keeps", () => {
    for (const s of [" ", "   ", "\t", "\r\n", " \t\r\n "]) {
      const enc = winswText(s);
      expect(enc).toMatch(/^(&#[0-9]+;)+$/);
      expect(innerText(parseDocument(`<x>${enc}</x>`)[0]!)).toBe(s);
    }
  });
  it("models XmlDocument: literal or hex-referenced whitespace alone is dropped", () => {
    expect(innerText(parseDocument("<x>  </x>")[0]!)).toBe("");
    expect(innerText(parseDocument("<x>&#x20;</x>")[0]!)).toBe("");
    expect(innerText(parseDocument("<x> &#32; </x>")[0]!)).toBe("   ");
  });
});

describe("xmlComment", () => {
  it("never contains -- nor ends with -", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("-", "a", " ", ">", "\u0001") }), (s) => {
        const c = xmlComment(s);
        expect(c).not.toContain("--");
        expect(c.endsWith("-")).toBe(false);
        expect(c).not.toContain("\u0001");
      }),
    );
    expect(xmlComment("a--b---c-")).toBe("a- -b- - -c- ");
  });
});

describe("account and log names", () => {
  it("splits DOMAIN\\user at the first backslash", () => {
    expect(splitDomainUser("CORP\\svc")).toEqual({ domain: "CORP", user: "svc" });
    expect(splitDomainUser(".\\svc")).toEqual({ domain: ".", user: "svc" });
    expect(splitDomainUser("NT SERVICE\\a\\b")).toEqual({ domain: "NT SERVICE", user: "a\\b" });
    expect(splitDomainUser("svc@corp")).toBeUndefined();
  });
  it("finds the common base of the two log names", () => {
    const logs = (o: string, e: string) => ({ stdout: text(o), stderr: text(e) });
    expect(logBaseName(logs("svc.out.log", "svc.err.log"))).toBe("svc");
    expect(logBaseName(logs("${X}.out.log", "${X}.err.log"))).toBe("%X%");
    expect(logBaseName(logs("a.out.log", "b.err.log"))).toBeUndefined();
    // Found by the fuzzer: a whitespace-only base was refused, though WinSW reads it back (decimal
    // references) and Path.Combine keeps it; only an empty base is lost (Path.Combine(dir, "") is dir).
    expect(logBaseName(logs(" .out.log", " .err.log"))).toBe(" ");
    expect(logBaseName(logs("\t.out.log", "\t.err.log"))).toBe("\t");
    expect(logBaseName(logs(".out.log", ".err.log"))).toBeUndefined();
    expect(logBaseName(logs("a.log", "a.err.log"))).toBeUndefined();
  });
});
