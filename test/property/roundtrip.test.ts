import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../src/compile.js";
import { escapeMadePath, specArb, specYaml } from "./spec-gen.js";
import { itWithOracle } from "../helpers/oracle.js";
import { FUZZ_TARGETS } from "./targets/index.js";

// For random specs built from hostile strings, every target's outcome is exactly one of:
//  - refused: an error diagnostic with a position, no output, and a reason the format really cannot
//    carry the spec (the target's `unexpressible`, written from the format's rules, agrees);
//  - exact: every value in the output decodes (format rules, not svcgen's encoders) to the spec's.
// Fixed seed and 3,000 cases per target here (about 25 s for the six targets without external readers on
// two cores; launchd runs xmllint and python3's plistlib on each plist it accepts, which takes longer);
// `npm run fuzz -- --runs 100000` for long runs.
const RUNS = Number(process.env.SVCGEN_FUZZ_RUNS ?? 3000);
const SEED = Number(process.env.SVCGEN_FUZZ_SEED ?? 20261122);

const decode = (b: Uint8Array) => (b[0] === 0xff && b[1] === 0xfe ? new TextDecoder("utf-16le").decode(b.subarray(2)) : new TextDecoder().decode(b));

afterAll(() => FUZZ_TARGETS.forEach((t) => t.teardown?.()));

describe.each(FUZZ_TARGETS)("random hostile specs: $target", (t) => {
  const run = t.oracle ? itWithOracle(t.oracle.available, t.oracle.name, t.oracle.install) : it;
  run(`${RUNS} specs are refused for a real reason or reproduced exactly`, async () => {
    const counts = { exact: 0, refused: 0, "silently wrong": 0, "unjustified refusal": 0, crashed: 0 };
    const refusals = new Map<string, number>();
    const specs = specArb({ platform: t.platform, omit: t.omit });
    const property = fc.asyncProperty(t.specs ? t.specs(specs) : specs, t.optionsArb ?? fc.constant(t.options), async (spec, options) => {
      const yaml = specYaml(spec, options);
      let r;
      try {
        r = await compile(yaml, "fuzz.yaml", { targets: [t.target], sourceName: "fuzz.yaml" });
      } catch (e) {
        counts.crashed++;
        throw new Error(`crashed: ${(e as Error).stack}\n${yaml}`);
      }
      const errors = r.diagnostics.filter((d) => d.severity === "error");
      const why = t.unexpressible(spec, options) ?? escapeMadePath(spec);
      if (errors.length > 0) {
        expect(r.outputs).toEqual([]);
        for (const e of errors) expect(e.line >= 1 && e.col >= 1 && e.file === "fuzz.yaml", `located: ${JSON.stringify(e)}`).toBe(true);
        if (why === undefined) {
          counts["unjustified refusal"]++;
          throw new Error(`refused a spec the format can carry:\n${errors.map((e) => `${e.code} ${e.message}`).join("\n")}\n${yaml}`);
        }
        counts.refused++;
        for (const code of new Set(errors.map((e) => e.code))) refusals.set(code, (refusals.get(code) ?? 0) + 1);
        return;
      }
      if (why !== undefined) {
        counts["silently wrong"]++;
        throw new Error(`accepted a spec the format cannot carry (${why}):\n${yaml}`);
      }
      const files = new Map<string, string>();
      for (const o of r.outputs) for (const f of o.files) files.set(f.name, decode(f.bytes));
      const bad = await t.verify(spec, files, options);
      if (bad.length > 0) {
        counts["silently wrong"]++;
        throw new Error(`output differs from the spec:\n${bad.join("\n")}\n${yaml}\n${[...files.values()].join("\n---\n")}`);
      }
      counts.exact++;
    });
    try {
      await fc.assert(property, { numRuns: RUNS, seed: SEED });
    } finally {
      const share = ((counts.refused / Math.max(1, RUNS)) * 100).toFixed(1);
      const codes = [...refusals].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c}:${n}`).join(" ");
      process.stdout.write(`[fuzz ${t.target}] seed ${SEED}: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}; refused ${share}% (${codes})\n`);
    }
  }, 600_000);
});
