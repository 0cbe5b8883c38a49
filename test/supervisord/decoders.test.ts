import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it as plainIt } from "vitest";
import type { Text, TextPart } from "../../src/model.js";
import { parseConfFile } from "../../src/targets/supervisord/conf-file.js";
import {
  commandLine,
  decodeShCommands,
  envAssignment,
  expandable,
  expandPercent,
  expandPercentParts,
  keyValuePairs,
  logfileValue,
  shCommand,
  shlexSplitParts,
  type Expansion,
} from "../../src/targets/supervisord/escape.js";
import { itWithOracle } from "../helpers/oracle.js";
import { dictOfKeyValuePairs, parseIni, percentFormat, shlexSplit } from "../decoders/supervisord-conf.js";
import { ATOMS, CONTROLS, VAR_NAMES } from "../property/spec-gen.js";

// The supervisord reader's decoders (src/targets/supervisord/escape.ts, conf-file.ts):
// - each is the exact inverse of its encoder: decode(encode(v)) = v for hostile values;
// - each agrees with the Python it was written from (configparser, %-format, shlex in both modes,
//   supervisor's dict_of_key_value_pairs), run on random strings, and with the test decoder
//   (test/decoders/supervisord-conf.ts) where that one gives an answer.

const PYTHON = "/usr/bin/python3";
const available = spawnSync(PYTHON, ["-c", "import supervisor.datatypes"]).status === 0;
const it = itWithOracle(available, "python3 with supervisor's package", "apt-get install supervisor");

const lit = (text: string): TextPart => ({ kind: "literal", text });
const text = (parts: TextPart[]): Text => ({ parts, source: "", at: { file: "t", line: 1, col: 1 } });
const merged = (parts: readonly TextPart[]): TextPart[] => {
  const out: TextPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === "literal" && last?.kind === "literal") out[out.length - 1] = lit(last.text + p.text);
    else if (!(p.kind === "literal" && p.text === "")) out.push(p);
  }
  return out.length > 0 ? out : [lit("")];
};

// Hostile values as parts, without line breaks (no supervisord setting can hold one as written).
const partArb: fc.Arbitrary<TextPart> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...ATOMS, "%(here)s", "%(ENV_X)s", "a ;b", "a #b", "\u3000;", "'", '"').map(lit) },
  { weight: 1, arbitrary: fc.constantFrom(...CONTROLS.filter((c) => !/[\r\n\u2028\u0085\v\f]/.test(c) && c !== "\0")).map(lit) },
  { weight: 2, arbitrary: fc.constantFrom(...VAR_NAMES).map((name): TextPart => ({ kind: "var", name })) },
);
const partsArb = fc.array(partArb, { minLength: 1, maxLength: 6 }).map(merged);
const literalPartsArb = fc.array(partArb.filter((p) => p.kind === "literal"), { minLength: 1, maxLength: 6 }).map(merged);

/** What supervisord expands in these settings: variables of its own environment. */
const envLookup = (key: string): Expansion | undefined => (key.startsWith("ENV_") ? { kind: "var", name: key.slice(4) } : undefined);

describe("supervisord decoders invert their encoders", () => {
  plainIt("command=: expandPercent then shlexSplitParts gives back the words commandLine wrote", () => {
    fc.assert(
      fc.property(fc.array(partsArb, { minLength: 1, maxLength: 5 }), (words) => {
        const line = commandLine(words.map(text));
        const expanded = expandPercent(line, envLookup);
        expect(expanded.ok).toBe(true);
        if (!expanded.ok) return;
        const split = shlexSplitParts(expanded.value);
        expect(split).toEqual({ ok: true, value: { words, unquotedVars: [] } });
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  plainIt("environment=: keyValuePairs reads back what envAssignment wrote, for the values the check lets through", () => {
    const writable = partsArb.filter((p) => {
      const t = p.map((x) => (x.kind === "literal" ? x.text : "")).join("");
      const first = p[0]!;
      const last = p[p.length - 1]!;
      return !(t.includes('"') && t.includes("'")) && !(first.kind === "literal" && /^['"]/.test(first.text)) && !(last.kind === "literal" && /['"]$/.test(last.text));
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("A", "B_1", "_x", "PATH"), writable), { minLength: 1, maxLength: 4 }), (pairs) => {
        const value = pairs.map(([k, v]) => envAssignment(k, text(v))).join(",");
        const expanded = expandPercent(value, envLookup);
        expect(expanded.ok).toBe(true);
        if (!expanded.ok) return;
        const read = keyValuePairs(expanded.value);
        const want = new Map<string, TextPart[]>();
        for (const [k, v] of pairs) want.set(k, v);
        expect(read).toEqual({ ok: true, value: { pairs: [...want], unquotedVars: [] } });
      }),
      { numRuns: 3000, seed: 12 },
    );
  });

  plainIt("directory= and user=: expandPercent reads back what expandable wrote; log paths, expanded twice, what logfileValue wrote", () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        expect(expandPercent(expandable(text(parts)), envLookup)).toEqual({ ok: true, value: parts });
        const once = expandPercent(logfileValue(text(parts)), envLookup);
        expect(once.ok).toBe(true);
        if (once.ok) expect(expandPercentParts(once.value, envLookup)).toEqual({ ok: true, value: parts });
      }),
      { numRuns: 3000, seed: 13 },
    );
  });

  plainIt("the preStart wrapper: decodeShCommands reads back shCommand's words and the && exec join", () => {
    const shPart = fc.oneof(
      { weight: 8, arbitrary: literalPartsArb.map((p) => p[0]!) },
      { weight: 1, arbitrary: fc.constantFrom("HOME", "APP_DIR", "X").map((name): TextPart => ({ kind: "var", name })) },
    );
    const word = fc.array(shPart, { minLength: 1, maxLength: 4 }).map(merged);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), fc.array(word, { minLength: 1, maxLength: 4 }), (hook, program) => {
        const script = `${shCommand(hook.map(text))} && exec ${shCommand(program.map(text))}`;
        expect(decodeShCommands(script)).toEqual({ ok: true, value: [hook, [[lit("exec")], ...program]] });
      }),
      { numRuns: 2000, seed: 14 },
    );
  });
});

// --- against Python and the test decoder

const SCRIPT = String.raw`
import configparser, io, json, shlex, sys
from supervisor.datatypes import dict_of_key_value_pairs
LOOKUP = {"a": "A", "ENV_X": "x%s", "b(c)": "BC", "here": "/HERE", "n": 7}
def attempt(f):
    try:
        return {"ok": f()}
    except Exception as e:
        return {"error": type(e).__name__}
def ini(s):
    p = configparser.RawConfigParser(inline_comment_prefixes=(";", "#"), strict=False)
    p.read_file(io.StringIO(s, newline=None))
    return {"sections": {name: dict(p.items(name)) for name in p.sections()}, "defaults": dict(p.defaults())}
out = []
data = json.load(sys.stdin)
for s in data["strings"]:
    out.append({
        "split": attempt(lambda: shlex.split(s)),
        "pairs": attempt(lambda: list(dict_of_key_value_pairs(s).items())),
        "format": attempt(lambda: s % LOOKUP),
    })
files = [attempt(lambda: ini(f)) for f in data["files"]]
json.dump({"strings": out, "files": files}, sys.stdout)
`;

const CHARS = [..." \t\"'\\;#%()=,:[]sdxk_a", "\u00a0", "\x1c", "\x85", "\u2028", "\u3000", "\x0b", "\n", "\r", "é", "🎉", "ENV_X", "%(a)s", "%%", "%(b(c))s", "%(here)s", "%(n)02d", "%(n)s", "%(a)5s", "K=", '"v"', "'v'", "#c\n"];
const LINES = ["[s]", "[DEFAULT]", "[t] ; c", "[", "]", "k = v", "K: v", "k=", "=v", " k=v", "  cont", "\tcont", "", " ", "; c", "# c", "k = a ;b", "k = a;b", "x", "k=v #c", "[s]x", "\u3000k=v", "k\u00a0=\u00a0v"];
const LOOKUP: Record<string, Expansion> = { a: { kind: "text", text: "A" }, ENV_X: { kind: "text", text: "x%s" }, "b(c)": { kind: "text", text: "BC" }, here: { kind: "text", text: "/HERE" }, n: { kind: "int", value: 7 } };
const joined = (parts: readonly TextPart[]) => parts.map((p) => (p.kind === "literal" ? p.text : `\${${p.name}}`)).join("");
const tryIt = <T>(f: () => T): { ok: T } | { error: string } => {
  try {
    return { ok: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

describe("supervisord decoders agree with Python", () => {
  it("on 4000 random strings (shlex.split, dict_of_key_value_pairs, %-format) and 1500 random files (configparser), and with the test decoder where it answers", () => {
    const strings = fc.sample(fc.array(fc.constantFrom(...CHARS), { maxLength: 14 }).map((a) => a.join("")), { numRuns: 4000, seed: 21 });
    const files = fc.sample(fc.array(fc.constantFrom(...LINES), { maxLength: 10 }).map((a) => a.join("\n") + "\n"), { numRuns: 1500, seed: 22 });
    const r = spawnSync(PYTHON, ["-c", SCRIPT], { input: JSON.stringify({ strings, files }), encoding: "utf8", maxBuffer: 1 << 26 });
    expect(r.status, r.stderr).toBe(0);
    const py = JSON.parse(r.stdout) as { strings: Record<string, { ok?: unknown; error?: string }>[]; files: { ok?: unknown; error?: string }[] };
    const counts = { split: 0, pairs: 0, format: 0, files: 0, testDecoder: 0 };
    strings.forEach((s, i) => {
      const want = py.strings[i]!;
      // shlex.split
      const split = shlexSplitParts([lit(s)]);
      expect(split.ok, `split of ${JSON.stringify(s)}`).toBe("ok" in want.split!);
      if (split.ok) expect(split.value.words.map(joined), JSON.stringify(s)).toEqual(want.split!.ok);
      counts.split++;
      const test = tryIt(() => shlexSplit(s));
      if ("ok" in test && split.ok) {
        expect(split.value.words.map(joined)).toEqual(test.ok);
        counts.testDecoder++;
      }
      // dict_of_key_value_pairs
      const pairs = keyValuePairs([lit(s)]);
      expect(pairs.ok, `pairs of ${JSON.stringify(s)}: ${JSON.stringify(pairs)}`).toBe("ok" in want.pairs!);
      if (pairs.ok) expect(pairs.value.pairs.map(([k, v]) => [k, joined(v)]), JSON.stringify(s)).toEqual(want.pairs!.ok);
      counts.pairs++;
      const testPairs = tryIt(() => dictOfKeyValuePairs(s));
      if ("ok" in testPairs && pairs.ok) {
        expect(pairs.value.pairs.map(([k, v]) => [k, joined(v)])).toEqual(testPairs.ok);
        counts.testDecoder++;
      }
      // %-format: a refusal is an error in Python too; what the reader declines to decode (a conversion it
      // does not read) is not compared.
      const f = expandPercent(s, (k) => LOOKUP[k]);
      if (f.ok) {
        expect(want.format, `format of ${JSON.stringify(s)}`).toEqual({ ok: joined(f.value) });
        counts.format++;
        const testFormat = tryIt(() => percentFormat(s, (k) => (LOOKUP[k]?.kind === "text" ? (LOOKUP[k] as { text: string }).text : undefined)));
        if ("ok" in testFormat) expect(joined(f.value)).toEqual(testFormat.ok);
      } else if (f.refused) {
        expect("error" in want.format!, `format of ${JSON.stringify(s)}: ${f.problem}`).toBe(true);
        counts.format++;
      }
    });
    files.forEach((text, i) => {
      const want = py.files[i]!;
      const mine = parseConfFile(text, "f.conf");
      expect(mine.problems.length === 0, `${JSON.stringify(text)}: ${JSON.stringify(mine.problems)} vs ${JSON.stringify(want)}`).toBe("ok" in want);
      if (mine.problems.length > 0) return;
      const sections = Object.fromEntries(mine.sections.map((s) => [s.name, Object.fromEntries([...[...mine.defaults].map(([k, o]) => [k, o.value]), ...[...s.options].map(([k, o]) => [k, o.value])])]));
      expect({ sections, defaults: Object.fromEntries([...mine.defaults].map(([k, o]) => [k, o.value])) }, JSON.stringify(text)).toEqual(want.ok);
      counts.files++;
      const test = tryIt(() => parseIni(text));
      if ("ok" in test && !text.includes("[DEFAULT]")) {
        expect(Object.fromEntries(mine.sections.map((s) => [s.name, Object.fromEntries([...s.options].map(([k, o]) => [k, o.value]))]))).toEqual(Object.fromEntries([...test.ok.sections].map(([n, m]) => [n, Object.fromEntries(m)])));
        counts.testDecoder++;
      }
    });
    process.stdout.write(`[supervisord decoders vs Python] ${JSON.stringify(counts)}\n`);
    expect(counts.format).toBeGreaterThan(2000);
    expect(counts.files).toBeGreaterThan(300);
  }, 120_000);
});
