import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect } from "vitest";
import { itWithOracle } from "../helpers/oracle.js";
import { dictOfKeyValuePairs, parseIni, percentFormat, shlexSplit, shlexTokensNonPosix } from "./supervisord-conf.js";

// The supervisord test decoder against the Python it was written from (shlex, configparser, %-format
// and supervisor's dict_of_key_value_pairs), on random strings made of what those readers treat
// specially. Where the decoder gives an answer Python must give the same; where the decoder throws
// (things svcgen never writes, such as an unquoted # in environment=) nothing is compared.
const PYTHON = "/usr/bin/python3";
const available = spawnSync(PYTHON, ["-c", "import supervisor.datatypes"]).status === 0;
const it = itWithOracle(available, "python3 with supervisor's package", "apt-get install supervisor");

const SCRIPT = String.raw`
import configparser, io, json, shlex, sys
from supervisor.datatypes import dict_of_key_value_pairs
LOOKUP = {"a": "A", "ENV_X": "x%s", "b(c)": "BC", "here": "/HERE"}
def attempt(f):
    try:
        return {"ok": f()}
    except Exception as e:
        return {"error": type(e).__name__}
def lexed(s):
    lexer = shlex.shlex(s)
    lexer.wordchars += "/.+-():"
    return list(lexer)
def ini(s):
    p = configparser.RawConfigParser(inline_comment_prefixes=(";", "#"), strict=False)
    # As from a file opened in text mode (universal newlines: \r and \r\n end lines too), as supervisord reads it.
    p.read_file(io.StringIO(s, newline=None))
    return {name: dict(p.items(name)) for name in p.sections()}
out = []
for s in json.load(sys.stdin):
    out.append({
        "split": attempt(lambda: shlex.split(s)),
        "tokens": attempt(lambda: lexed(s)),
        "pairs": attempt(lambda: list(dict_of_key_value_pairs(s).items())),
        "format": attempt(lambda: s % LOOKUP),
        "ini": attempt(lambda: ini("[s]\nk = " + s + "\nother=1\n")),
    })
json.dump(out, sys.stdout)
`;

const CHARS = [..." \t\"'\\;#%()=,:[]sdxk_a", "\u00a0", "\x1c", "\x85", "\u2028", "\u3000", "\x0b", "\n", "\r", "é", "🎉", "ENV_X", "%(a)s", "%%", "%(b(c))s", "%(here)s", "K=", '"v"', "'v'"];
const LOOKUP: Record<string, string> = { a: "A", ENV_X: "x%s", "b(c)": "BC", here: "/HERE" };

const tryIt = <T>(f: () => T): { ok: T } | { error: string } => {
  try {
    return { ok: f() };
  } catch (e) {
    return { error: (e as Error).message };
  }
};

describe("the supervisord test decoder agrees with Python", () => {
  it("on 3000 random strings: shlex.split, non-POSIX shlex tokens, dict_of_key_value_pairs, %-format, configparser", () => {
    const strings = fc.sample(fc.array(fc.constantFrom(...CHARS), { maxLength: 14 }).map((a) => a.join("")), { numRuns: 3000, seed: 7 });
    const r = spawnSync(PYTHON, ["-c", SCRIPT], { input: JSON.stringify(strings), encoding: "utf8", maxBuffer: 1 << 26 });
    expect(r.status, r.stderr).toBe(0);
    const py = JSON.parse(r.stdout) as Record<string, { ok?: unknown; error?: string }>[];
    let compared = 0;
    strings.forEach((s, i) => {
      const want = py[i]!;
      const check = (what: string, mine: { ok: unknown } | { error: string }) => {
        if (!("ok" in mine)) return; // the decoder refuses it: svcgen never writes this
        compared++;
        expect(want[what], `${what} of ${JSON.stringify(s)}`).toEqual({ ok: mine.ok });
      };
      check("split", tryIt(() => shlexSplit(s)));
      check("tokens", tryIt(() => shlexTokensNonPosix(s)));
      check("pairs", tryIt(() => dictOfKeyValuePairs(s)));
      check("format", tryIt(() => percentFormat(s, (k) => LOOKUP[k])));
      const ini = tryIt(() => parseIni(`[s]\nk = ${s}\nother=1\n`));
      check("ini", "ok" in ini ? { ok: Object.fromEntries([...ini.ok.sections].map(([n, m]) => [n, Object.fromEntries(m)])) } : ini);
    });
    expect(compared).toBeGreaterThan(9000);
  }, 60_000);
});
