import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { READ_TARGETS, roundTrip } from "../import/read-targets.js";
import { specArb, specYaml } from "./spec-gen.js";
import { FUZZ_TARGETS } from "./targets/index.js";

// The round trip of test/import/read-targets.ts over random hostile specs, for every target with a reader:
// each spec the target builds is imported back to a spec that builds the same bytes and means the same on
// every field the target stores exactly. 1,000 specs per target here; `npm run fuzz -- --runs 100000` for
// long runs (SVCGEN_FUZZ_RUNS, SVCGEN_FUZZ_SEED).
const RUNS = Math.max(1000, Number(process.env.SVCGEN_FUZZ_RUNS ?? 1000));
const SEED = Number(process.env.SVCGEN_FUZZ_SEED ?? 20261206);

describe.each(READ_TARGETS)("import round trip of random specs: $target", (t) => {
  const fuzz = FUZZ_TARGETS.find((f) => f.target === t.target)!;
  it(`${RUNS} specs: refused by build, or built, imported and built again to the same bytes`, async () => {
    const counts = { same: 0, "not built": 0, different: 0 };
    const property = fc.asyncProperty(specArb({ platform: fuzz.platform, omit: fuzz.omit }), fuzz.optionsArb ?? fc.constant(fuzz.options), async (spec, options) => {
      const yaml = specYaml(spec, options);
      const r = await roundTrip(yaml, t);
      if (r.outcome === "refused") {
        counts["not built"]++;
        return;
      }
      if (r.problems.length > 0) {
        counts.different++;
        throw new Error(`${r.problems.join("\n")}\n--- spec\n${yaml}\n--- imported\n${r.spec ?? "(none)"}`);
      }
      counts.same++;
    });
    try {
      await fc.assert(property, { numRuns: RUNS, seed: SEED });
    } finally {
      process.stdout.write(`[import fuzz ${t.target}] seed ${SEED}: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}\n`);
    }
    // WinSW refuses about three quarters of these hostile specs (accounts and hooks need a version, % pairs...).
    expect(counts.same).toBeGreaterThan(RUNS / 5);
  }, 600_000);
});
