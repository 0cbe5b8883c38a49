// The subset loader must agree with the full `yaml` loader wherever it answers: the same data and the
// same positions, or no answer at all (then the full loader runs). Checked on every fixture, on random
// documents written in the styles people use, and on random edits of the fixtures, which make broken
// and odd YAML that the full loader reports or reads in its own way.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { plainSpec, realisticSpec } from "../../scripts/bench-specs.mjs";
import { loadSpec } from "../../src/spec/load.js";
import { loadWithYaml } from "../../src/spec/load-yaml.js";
import { loadSimpleYaml, subsetDeclineReason } from "../../src/spec/yaml-fast.js";

// `npm run fuzz` runs these with many more cases (and a seed of its own).
const RUNS = Number(process.env.SVCGEN_FUZZ_RUNS ?? 3000);
const SEED = process.env.SVCGEN_FUZZ_SEED === undefined ? undefined : Number(process.env.SVCGEN_FUZZ_SEED);

const FIXTURES = new URL("../../fixtures/", import.meta.url).pathname;
// Spec fixtures only (fixtures/import/ holds the import cases).
const fixtureTexts = readdirSync(FIXTURES)
  .filter((d) => existsSync(join(FIXTURES, d, "service.yaml")))
  .map((d) => [d, readFileSync(join(FIXTURES, d, "service.yaml"), "utf8")] as const);

/** "agree" when the subset declines, or returns what the full loader returns without a diagnostic. */
function agreement(text: string): "declined" | "same" {
  const fast = loadSimpleYaml(text, "s.yaml");
  if (!fast) return "declined";
  const full = loadWithYaml(text, "s.yaml");
  expect(full.diagnostics, `the subset read a document the full loader refuses:\n${text}`).toEqual([]);
  expect(fast.data, text).toEqual(full.spec!.data);
  const entries = (m: Map<string, unknown>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  expect(entries(fast.nodes), text).toEqual(entries(full.spec!.nodes));
  return "same";
}

describe("the YAML subset loader", () => {
  it("reads most fixtures itself, exactly as the full loader does", () => {
    const results = fixtureTexts.map(([name, text]) => [name, agreement(text)] as const);
    const same = results.filter(([, r]) => r === "same").map(([n]) => n);
    // Fixtures that need the full loader: broken YAML on purpose, or a construct outside the subset.
    const declined = fixtureTexts.filter(([n]) => !same.includes(n)).map(([n, t]) => `${n} (${subsetDeclineReason(t)})`);
    expect(same.length, `declined: ${declined.join(", ")}`).toBeGreaterThanOrEqual(fixtureTexts.length * 0.7);
  });

  it("declines collections nested deeper than a spec is, instead of recursing towards the stack's limit", () => {
    const deep = (n: number) => `version: 1\nname: x\nargs: ${"[".repeat(n)}${"]".repeat(n)}\n`;
    expect(subsetDeclineReason(deep(20))).toBeUndefined();
    expect(subsetDeclineReason(deep(40))).toMatch(/nested more than 32 levels/);
    expect(loadSimpleYaml(deep(5000), "s.yaml")).toBeUndefined();
  });

  it("reads every spec of the bench itself: the plain one and the realistic ones (README's example, fixtures, flow and quoted styles)", () => {
    // The bench's realistic set measures specs as people write them; if the subset declined one of
    // them, the bench would time the yaml library instead. (loadSpec drops a BOM before the subset.)
    for (let i = 0; i < 28; i++) {
      for (const text of [plainSpec(i), realisticSpec(i).replace(/^\ufeff/, "")]) {
        expect(subsetDeclineReason(text), text).toBeUndefined();
        expect(agreement(text)).toBe("same");
      }
    }
  });

  it("agrees on random documents in block, flow, quoted and commented styles", () => {
    // Array.from keeps the emoji whole; "\ud83d" alone is among the constants below.
    const alphabet = fc.constantFrom(...Array.from("aZ09 _-.:#'\"\\/%$^&!|<>()[]{},*?@`~=+é€😀\u00a0\u2028"));
    const str = fc.array(alphabet, { maxLength: 12 }).map((a) => a.join(""));
    const quotedKey = fc.oneof(
      fc.constantFrom('"APP_ENV"', "'a'", '"a b"', "'it''s'", '"true"', "'1'", '""', '"x/y~z"', '"é\\u00e9"', '"__proto__"', '"q" ', "'name'"),
      str.map((s) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`),
    );
    const key = fc.oneof(
      { weight: 19, arbitrary: fc.constantFrom("name", "args", "a", "B_2", "x.y", "k-k", "APP_ENV", "description", "linux", "options") },
      { weight: 2, arbitrary: quotedKey },
      { weight: 1, arbitrary: fc.constantFrom("true", "null", "on", "0x1", "1e3", "__proto__", "a b", "é", "-a", "a:b", "a ", "b  ", "#c", "a#") },
    );
    const tame = fc.array(fc.constantFrom(...Array.from("aZ09 _-.:/\\=%$é€😀")), { minLength: 1, maxLength: 12 }).map((a) => a.join(""));
    // Every escape YAML 1.2 defines (§5.7), the \x, \u and \U forms at their edges, astral characters
    // as surrogate pairs and lone halves, and escapes that are errors.
    const escape = fc.constantFrom(
      ...["\\0", "\\a", "\\b", "\\t", "\\n", "\\v", "\\f", "\\r", "\\e", "\\ ", '\\"', "\\/", "\\\\", "\\N", "\\_", "\\L", "\\P"],
      ...["\\x41", "\\xe9", "\\xFF", "\\x00", "\\x7f", "\\x85", "\\u00e9", "\\u20AC", "\\u2028", "\\ufeff", "\\uFFFF", "\\u0000"],
      ...["\\ud83d\\ude80", "\\ud83d", "\\ude80", "\\U0001F389", "\\U0001f600", "\\U00000041", "\\U0010FFFF", "\\U00110000", "\\UFFFFFFFF"],
      ...["\\x4", "\\u12", "\\U1234", "\\xg1", "\\q", "\\'", "\\", "\\\t"],
    );
    const escaped = fc.array(fc.oneof(alphabet.filter((c) => c !== '"' && c !== "\\"), escape), { maxLength: 8 }).map((a) => `"${a.join("")}"`);
    const scalarText = fc.oneof(
      tame,
      tame,
      tame.map((s) => `"${s.replace(/\\/g, "\\\\")}"`),
      str, // plain, as it falls
      str.map((s) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`),
      str.map((s) => `'${s.replace(/'/g, "''")}'`),
      escaped,
      fc.constantFrom("08080", "0o17", "0x1F", "-0", "+12", "1.50", ".5", "1e3", ".inf", "-.Inf", ".nan", "true", "False", "~", "null", "", "-x", "--port", "? x", ":x", "a: b", "a #c", "a#c", '"\\u00e9\\x41\\t"', '"\\N"', '"\\ud83d"'),
    );
    const comment = fc.constantFrom("", " # note", "  #", "#x", " # é 😀 \\ \" ' : - [ {", "   # yaml-language-server: $schema=x");
    type Tree = string | { seq: Tree[] } | { map: [string, Tree][] };
    const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        scalarText,
        fc.array(tie("node"), { maxLength: 3 }).map((seq) => ({ seq })),
        fc.array(fc.tuple(key, tie("node")), { maxLength: 3 }).map((map) => ({ map })),
      ),
    })).node;
    // Flow collections as people space them, and as JSON writes them (`{"a":1}`), with a trailing
    // comma now and then.
    const flowText = (t: Tree, style = 0): string => {
      if (typeof t === "string") return t;
      const comma = style % 3 === 2 ? ", " : style % 3 === 1 ? "," : ", ";
      const trailing = style % 5 === 4 ? "," : "";
      const items = "seq" in t ? t.seq.map((x) => flowText(x, style + 1)) : t.map.map(([k, v]) => `${k}${style % 4 === 3 && /^["']/.test(k) ? ":" : ": "}${flowText(v, style + 1)}`);
      const inner = items.join(comma) + (items.length > 0 ? trailing : "");
      return "seq" in t ? `[${inner}]` : style % 2 === 0 ? `{ ${inner} }` : `{${inner}}`;
    };
    /** A node as the value of a key or a sequence entry: one line, or the lines of a block below. */
    const render = (t: Tree, indent: number, seqAtKeyIndent: boolean, flow: number, c: string): string | string[] => {
      if (typeof t === "string" || flow > 0 || ("seq" in t ? t.seq.length === 0 : t.map.length === 0)) return flowText(t, flow);
      const pad = " ".repeat(indent);
      if ("seq" in t) {
        return t.seq.flatMap((x) => {
          const r = render(x, indent + 2, seqAtKeyIndent, flow, c);
          return typeof r === "string" ? [`${pad}- ${r}${c}`] : [`${pad}-`, ...r];
        });
      }
      return t.map.flatMap(([k, v]) => {
        const inner = typeof v !== "string" && "seq" in v && seqAtKeyIndent ? indent : indent + 2;
        const r = render(v, inner, seqAtKeyIndent, flow, c);
        return typeof r === "string" ? [`${pad}${k}: ${r}${c}`] : [`${pad}${k}:${c}`, ...r];
      });
    };
    let same = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, tree, fc.nat({ max: 6 })), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        comment,
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom("", "---", "--- # doc", "---  ", "# top\n---") },
          { weight: 1, arbitrary: fc.constantFrom("--- a: 1", "---\n---", "%YAML 1.2\n---", "...", "---#x", "--- |") },
        ),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), comment), { maxLength: 3 }),
        (top, sameIndentSeq, c, eol, blankLines, start, commentLines) => {
          const lines = top.flatMap(([k, v, flow]) => {
            const inner = typeof v !== "string" && "seq" in v && sameIndentSeq ? 0 : 2;
            const r = render(v, inner, sameIndentSeq, flow % 3 === 0 ? flow + 1 : 0, c);
            return typeof r === "string" ? [`${k}: ${r}${c}`] : [`${k}:${c}`, ...r];
          });
          // Comment lines anywhere, at any indent (a comment line does not end a block).
          for (const [at, indent, text] of commentLines) if (text.trim()) lines.splice(at % (lines.length + 1), 0, " ".repeat(indent) + text.trim());
          if (start) lines.unshift(...start.split("\n"));
          const text = (blankLines ? ["# spec", "", ...lines, ""] : lines).join(eol) + eol;
          runs++;
          if (agreement(text) === "same") same++;
        },
      ),
      { numRuns: RUNS, seed: SEED ?? 7 },
    );
    // The subset must be worth having: it answers for a good share of these (most are broken on purpose).
    expect(same / runs).toBeGreaterThan(0.15);
  });

  it("agrees on random edits of the fixtures (inserted, deleted and replaced characters)", () => {
    const ch = fc.constantFrom(..." \n-:#'\"\\[]{},&*!|>%@`?\t\r\u00a0aZ0".split(""));
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.array(ch, { maxLength: 3 }).map((a) => a.join("")));
    let same = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.constantFrom(...fixtureTexts.map(([, t]) => t)), fc.array(edit, { minLength: 1, maxLength: 3 }), (text, edits) => {
        let t = text;
        for (const [at, del, ins] of edits) {
          const p = at % (t.length + 1);
          t = t.slice(0, p) + ins + t.slice(p + del);
        }
        runs++;
        if (agreement(t) === "same") same++;
      }),
      { numRuns: RUNS, seed: SEED ?? 11 },
    );
    expect(same / runs).toBeGreaterThan(0.2);
  });

  it("declines what it does not handle, so the full loader reports it", async () => {
    for (const text of [
      "name: a\nname: b\n", // duplicate key
      "a: &x 1\nb: *x\n", // anchors and aliases
      "a: !!str 1\n", // tags
      "a: |\n  text\n", // block scalar
      "a: one\n  two\n", // multi-line plain scalar
      "a:\n", // empty value
      "a: 1\n---\nb: 2\n", // a second document
      "---\n---\na: 1\n", // an empty first document
      "--- a: 1\n", // content on the marker's line
      "%YAML 1.2\n---\na: 1\n", // a directive
      "a: 1\n...\n", // a document end marker
      'a: "\\q"\n', // an escape YAML does not define
      'a: "\\U00110000"\n', // past the last code point
      'a: "one \\\n  two"\n', // an escaped line break
      "a:\tb\n", // tab
      "1: x\n", // non-string key
      "__proto__: {}\n", // forbidden key
      "- a\n", // a sequence at the root
      "a: [b, [c]\n", // a flow collection that does not end on its line
    ]) {
      expect(loadSimpleYaml(text, "s.yaml"), text).toBeUndefined();
    }
    // And loadSpec still gives the full loader's diagnostics for them.
    expect((await loadSpec("name: a\nname: b\n", "s.yaml")).diagnostics.map((d) => d.code)).toEqual(["SVC1002"]);
  });
});
