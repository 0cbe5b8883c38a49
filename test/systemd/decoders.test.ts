import fc from "fast-check";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { yamlString } from "../../src/import/yaml-text.js";
import { formatText, parseText } from "../../src/spec/text.js";
import { formatDuration, formatSize, parseDuration, parseSize } from "../../src/spec/units.js";
import { toSpec, toTarget } from "../../src/targets/pairs.js";
import {
  decodeEnvironment,
  decodeExecLine,
  decodeRawValue,
  dependencyName,
  envAssignment,
  execArg,
  execPath,
  parseTimespan,
  rawValue,
  resolveSpecifiers,
  splitWords,
  timespan,
  unitName,
} from "../../src/targets/systemd/escape.js";
import { NICE, RESTART, RESTART_WITHOUT_POLICY } from "../../src/targets/systemd/values.js";
import { splitWords as testSplitWords } from "../decoders/systemd-unit.js";
import { ATOMS, CONTROLS, hostileText, normalizeParts } from "../property/spec-gen.js";

// Each decoder is the exact inverse of its encoder: decode(encode(v)) = v for hostile values. The encoders
// are the emitter's; the decoders are the reader's (escape.ts), written from systemd's own parsing code.
const ctx = { unit: "svc.service" };
const RUNS = 1000;
const hostile = fc.array(fc.oneof(fc.constantFrom(...ATOMS, ...CONTROLS.filter((c) => c !== "\0")), fc.string({ unit: "grapheme", maxLength: 4 })), { maxLength: 8 }).map((a) => a.join(""));
const noNul = (s: string) => !s.includes("\0");

describe("systemd decoders are the inverses of the encoders", () => {
  it("execArg: one argument, literal text and ${NAME} parts", () => {
    const parts = hostileText.filter((p) => p.every((x) => (x.kind === "literal" ? noNul(x.text) : /^[A-Za-z_][A-Za-z0-9_]*$/.test(x.name))));
    fc.assert(
      fc.property(fc.array(parts, { minLength: 1, maxLength: 4 }), (args) => {
        const line = ["/opt/x", ...args.map((a) => execArg({ parts: a, source: "", at: { file: "", line: 1, col: 1 } }))].join(" ");
        const d = decodeExecLine(line, ctx);
        expect(d.ok && d.value.length === 1 && d.value[0]!.args.map(normalizeParts)).toEqual(args.map(normalizeParts));
      }),
      { numRuns: RUNS },
    );
  });

  it("execPath: the executable word", () => {
    fc.assert(
      fc.property(hostile.filter((s) => !/[\\"'\x00-\x1f\x7f]/.test(s)), (s) => {
        const path = `/opt/${s}`;
        const d = decodeExecLine(`${execPath(path)} --x`, ctx);
        expect(d.ok && d.value[0]!.executable).toBe(path);
      }),
      { numRuns: RUNS },
    );
  });

  it("envAssignment: NAME=value, $ literal", () => {
    fc.assert(
      fc.property(fc.constantFrom("A", "PATH_X", "_u"), hostile.filter(noNul), (name, value) => {
        const d = decodeEnvironment(envAssignment(name, value), ctx);
        expect(d.ok && d.value.assignments).toEqual([[name, value]]);
      }),
      { numRuns: RUNS },
    );
  });

  it("rawValue: only % is special", () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const d = decodeRawValue(rawValue(s), ctx);
        expect(d.ok && d.value).toBe(s);
      }),
      { numRuns: RUNS },
    );
  });

  it("timespan: milliseconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * 86_400_000 }), (ms) => {
        expect(parseTimespan(timespan(ms))).toEqual({ ok: true, value: ms });
      }),
      { numRuns: RUNS },
    );
  });

  it("unitName: dependency names", () => {
    for (const d of ["postgresql", "x.service", "network-online.target", "foo.bar", "foo.target.service", "a.socket", "Tcpip"]) {
      expect(unitName(dependencyName(unitName(d)))).toBe(unitName(d));
    }
    expect(dependencyName("postgresql.service")).toBe("postgresql");
    expect(dependencyName("foo.target.service")).toBe("foo.target.service");
  });

  it("value tables are pairs read both ways; reading loses Nice values no priority is written as", () => {
    for (const [spec] of RESTART) expect(toSpec(RESTART, toTarget(RESTART, spec))).toBe(spec);
    for (const [spec] of NICE) expect(toSpec(NICE, toTarget(NICE, spec))).toBe(spec);
    const lost = [];
    for (let n = -20; n <= 19; n++) if (toSpec(NICE, n) === undefined) lost.push(n);
    expect(lost).toHaveLength(40 - NICE.length);
    expect(Object.keys(RESTART_WITHOUT_POLICY).sort()).toEqual(["on-abnormal", "on-abort", "on-success", "on-watchdog"]);
  });
});

describe("spec syntax decoders are the inverses of the spec writer's encoders", () => {
  it("formatText / parseText", () => {
    fc.assert(
      fc.property(hostileText, (parts) => {
        const p = parseText(formatText(parts));
        expect(p.ok && normalizeParts(p.parts)).toEqual(normalizeParts(parts));
      }),
      { numRuns: RUNS },
    );
  });
  it("formatDuration / parseDuration and formatSize / parseSize", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 45 }), (ms) => {
        expect(parseDuration(formatDuration(ms))).toBe(ms);
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 45 }), (b) => {
        expect(parseSize(formatSize(b))).toBe(b);
      }),
      { numRuns: RUNS },
    );
    expect([formatDuration(90_000), formatDuration(600_000), formatDuration(100), formatSize(10 * 1024 * 1024), formatSize(1_000_000), formatSize(1025)]).toEqual(["1m30s", "10m", "100ms", "10MiB", "1MB", "1025B"]);
  });
  it("yamlString: plain where YAML 1.2 and 1.1 read it back, quoted otherwise, in block and flow context", () => {
    fc.assert(
      fc.property(hostile.filter(noNul), (s) => {
        for (const version of ["1.2", "1.1"] as const) {
          expect((parse(`k: ${yamlString(s)}`, { version }) as { k: unknown }).k).toBe(s);
          expect((parse(`k: [${yamlString(s, true)}]`, { version }) as { k: unknown[] }).k).toEqual([s]);
        }
      }),
      { numRuns: RUNS },
    );
    expect(["--port", "8080", "yes", "C:\\apps\\x", "${HOME}", "a: b"].map((s) => yamlString(s))).toEqual(["--port", '"8080"', '"yes"', "C:\\apps\\x", "${HOME}", '"a: b"']);
  });
});

describe("what the systemd decoders refuse rather than guess", () => {
  it.each([
    ["$HOME", "whole-word variable"],
    ["$", "empty name"],
    ["${A-B}", "not a variable reference"],
    ["%H", "specifier %H"],
    ["\\q", "not an escape"],
    ['"open', "never closed"],
    ["\\xff", "not UTF-8"],
  ])("%s", (arg, why) => {
    const d = decodeExecLine(`/opt/x ${arg}`, ctx);
    expect(d.ok ? "decoded" : d.problem).toContain(why);
  });
  it("reads what systemd reads: specifiers of the unit name, literal % before a non-letter, \\; and ;", () => {
    expect(resolveSpecifiers("%n %N %p %i|%j 50% 100%/x %%", { unit: "orders-api.service" })).toEqual({ ok: true, value: "orders-api.service orders-api orders-api |api 50% 100%/x %" });
    const d = decodeExecLine('/opt/x "a b" \\; c ; /opt/y', ctx);
    expect(d.ok && d.value.map((c) => [c.executable, c.args.map((a) => formatText(a))])).toEqual([["/opt/x", ["a b", ";", "c"]], ["/opt/y", []]]);
    const p = decodeExecLine("-:@/opt/x argv0 $x", ctx);
    expect(p.ok && p.value[0]!.prefixes).toEqual({ ignoreFailure: true, argv0: true, noEnvExpand: true });
    expect(decodeExecLine("/opt/x a$b $$c", ctx)).toMatchObject({ ok: true, value: [{ args: [[{ kind: "literal", text: "a$b" }], [{ kind: "literal", text: "$c" }]] }] });
    expect(parseTimespan("1min 30s")).toEqual({ ok: true, value: 90_000 });
    expect(parseTimespan("90")).toEqual({ ok: true, value: 90_000 });
    expect(parseTimespan("1.5h")).toEqual({ ok: true, value: 5_400_000 });
    expect(parseTimespan("infinity").ok).toBe(false);
    expect(parseTimespan("100us").ok).toBe(false);
  });
  it("splitWords agrees with the independent test decoder on hostile word lists", () => {
    fc.assert(
      fc.property(hostile, (s) => {
        let want: string[] | undefined;
        try {
          want = testSplitWords(s);
        } catch {
          want = undefined;
        }
        const got = splitWords(s);
        if (want !== undefined && got.ok) expect(got.value.map((w) => w.text)).toEqual(want);
      }),
      { numRuns: RUNS },
    );
  });
});
