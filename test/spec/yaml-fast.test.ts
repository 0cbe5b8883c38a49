// The subset loader must agree with the full `yaml` loader wherever it answers: the same data and the
// same positions, or no answer at all (then the full loader runs). Checked on every fixture, on random
// documents written in the styles people use, and on random edits of the fixtures, which make broken
// and odd YAML that the full loader reports or reads in its own way.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../../src/spec/load.js";
import { loadWithYaml } from "../../src/spec/load-yaml.js";
import { loadSimpleYaml, subsetDeclineReason } from "../../src/spec/yaml-fast.js";

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

  it("agrees on random documents in block, flow, quoted and commented styles", () => {
    // Array.from keeps the emoji whole; "\ud83d" alone is among the constants below.
    const alphabet = fc.constantFrom(...Array.from("aZ09 _-.:#'\"\\/%$^&!|<>()[]{},*?@`~=+é€😀\u00a0\u2028"));
    const str = fc.array(alphabet, { maxLength: 12 }).map((a) => a.join(""));
    const key = fc.oneof(
      { weight: 19, arbitrary: fc.constantFrom("name", "args", "a", "B_2", "x.y", "k-k", "APP_ENV", "description", "linux", "options") },
      { weight: 1, arbitrary: fc.constantFrom("true", "null", "on", "0x1", "1e3", "__proto__", "a b", "é", '"q"', "-a", "a:b") },
    );
    const tame = fc.array(fc.constantFrom(...Array.from("aZ09 _-.:/\\=%$é€😀")), { minLength: 1, maxLength: 12 }).map((a) => a.join(""));
    const scalarText = fc.oneof(
      tame,
      tame,
      tame.map((s) => `"${s.replace(/\\/g, "\\\\")}"`),
      str, // plain, as it falls
      str.map((s) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`),
      str.map((s) => `'${s.replace(/'/g, "''")}'`),
      fc.constantFrom("08080", "0o17", "0x1F", "-0", "+12", "1.50", ".5", "1e3", ".inf", "-.Inf", ".nan", "true", "False", "~", "null", "", "-x", "--port", "? x", ":x", "a: b", "a #c", "a#c", '"\\u00e9\\x41\\t"', '"\\N"', '"\\ud83d"'),
    );
    const comment = fc.constantFrom("", " # note", "  #", "#x");
    type Tree = string | { seq: Tree[] } | { map: [string, Tree][] };
    const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        scalarText,
        fc.array(tie("node"), { maxLength: 3 }).map((seq) => ({ seq })),
        fc.array(fc.tuple(key, tie("node")), { maxLength: 3 }).map((map) => ({ map })),
      ),
    })).node;
    const flowText = (t: Tree): string =>
      typeof t === "string" ? t : "seq" in t ? `[${t.seq.map(flowText).join(", ")}]` : `{ ${t.map.map(([k, v]) => `${k}: ${flowText(v)}`).join(", ")} }`;
    /** A node as the value of a key or a sequence entry: one line, or the lines of a block below. */
    const render = (t: Tree, indent: number, seqAtKeyIndent: boolean, flow: boolean, c: string): string | string[] => {
      if (typeof t === "string" || flow || ("seq" in t ? t.seq.length === 0 : t.map.length === 0)) return flowText(t);
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
        fc.array(fc.tuple(key, tree, fc.boolean()), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        comment,
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        (top, sameIndentSeq, c, eol, blankLines) => {
          const lines = top.flatMap(([k, v, flow]) => {
            const inner = typeof v !== "string" && "seq" in v && sameIndentSeq ? 0 : 2;
            const r = render(v, inner, sameIndentSeq, flow, c);
            return typeof r === "string" ? [`${k}: ${r}${c}`] : [`${k}:`, ...r];
          });
          const text = (blankLines ? ["# spec", "", ...lines, ""] : lines).join(eol) + eol;
          runs++;
          if (agreement(text) === "same") same++;
        },
      ),
      { numRuns: 3000, seed: 7 },
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
      { numRuns: 3000, seed: 11 },
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
      "---\na: 1\n", // document marker
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
