import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile.js";
import { diffSpec } from "../../src/diff/diff.js";
import { readSources } from "../../src/import/import.js";
import type { TargetId } from "../../src/model.js";
import { capabilityFor } from "../../src/targets/apply-capabilities.js";
import { targetEntry } from "../../src/targets/registry.js";
import { fieldValue, READ_TARGETS, type ReadTarget } from "../import/read-targets.js";
import { modelFor } from "../helpers/compile.js";
import type { SpecField } from "../../src/spec/fields.js";
import { specArb, specYaml, type GenSpec } from "./spec-gen.js";
import { FUZZ_TARGETS } from "./targets/index.js";

// `svcgen diff` over random hostile specs, for every target with a reader: the installed service is what svcgen
// builds (a unit, an XML file) or, for nssm and sc, the registry key their install script leaves (the registry
// model of test/import/registry-model.ts; the real nssm and SCM under Wine in test/conformance/diff-registry.test.ts).
// A spec compared with its own install has no
// difference, and compared with the build of the same spec with one field changed, has differences on that
// field only (besides fields the target approximates, whose stored form it may make from that field), or none
// where the target stores both values alike. 300 specs per target here; `npm run fuzz` runs more (SVCGEN_FUZZ_RUNS, SVCGEN_FUZZ_SEED).
const RUNS = Math.max(300, Number(process.env.SVCGEN_FUZZ_RUNS ?? 300));
const SEED = Number(process.env.SVCGEN_FUZZ_SEED ?? 20261206);

interface Mutation {
  field: string;
  /** The changed spec, or undefined when this spec cannot take the change. */
  apply(s: GenSpec, root: string): GenSpec | undefined;
  /** The paths diff must name. */
  paths(s: GenSpec): string[];
}

const lit = (text: string) => ({ kind: "literal" as const, text });
const MUTATIONS: Mutation[] = [
  { field: "executable", apply: (s) => ({ ...s, executable: [...s.executable, lit("-zz")] }), paths: () => ["executable"] },
  { field: "args", apply: (s) => ({ ...s, args: [...s.args, [lit("zz-extra")]] }), paths: (s) => [`args[${s.args.length}]`] },
  { field: "environment", apply: (s) => ({ ...s, environment: [...s.environment, ["ZZ_EXTRA", [lit("1")]]] }), paths: () => ["environment.ZZ_EXTRA"] },
  { field: "workingDirectory", apply: (s, root) => ({ ...s, workingDirectory: [lit(`${root}zz-wd`)] }), paths: () => ["workingDirectory"] },
  { field: "dependsOn", apply: (s) => ({ ...s, dependsOn: [...s.dependsOn, "zzdep"] }), paths: () => ["dependsOn"] },
  {
    field: "restart.delay",
    apply: (s) => (s.restart.policy === "never" ? undefined : { ...s, restart: { ...s.restart, delayMs: (s.restart.delayMs ?? 1000) + 1000 } }),
    paths: () => ["restart.delay"],
  },
  { field: "stop.timeout", apply: (s) => ({ ...s, stop: { ...s.stop, timeoutMs: (s.stop.timeoutMs ?? 0) + 1000 } }), paths: () => ["stop.timeout"] },
];

/**
 * The differences diff reports between a spec and the service installed from another, by path. The installed
 * service is what the reader reads: the files built, or for a target that builds install scripts, the registry
 * they leave (READ_TARGETS' `sources`, a model of nssm's and the SCM's rules written apart from the readers).
 */
async function diffPaths(yaml: string, installedYaml: string, t: ReadTarget): Promise<string[] | undefined> {
  const target = t.target;
  const built = await compile(installedYaml, "installed.yaml", { targets: [target] });
  if (built.diagnostics.some((d) => d.severity === "error")) return undefined;
  const files = built.outputs.flatMap((o) => o.files);
  const sources = t.sources ? t.sources(built.name!, new Map(files.map((f) => [f.name, new TextDecoder().decode(f.bytes)]))) : files.map((f) => ({ name: f.name, bytes: f.bytes }));
  const read = await readSources(sources, { from: target });
  const s = read.services[0]!;
  const r = await diffSpec(yaml, "service.yaml", { target, files: s.files, result: s.result });
  if (r.differences === undefined) throw new Error(`not compared: ${r.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`);
  return r.diagnostics.map((d) => (d as { field: string }).field);
}

describe.each(READ_TARGETS)("diff of random specs: $target", (t) => {
  const fuzz = FUZZ_TARGETS.find((f) => f.target === t.target)!;
  const entry = targetEntry(t.target)!;
  const root = fuzz.platform === "windows" ? "C:\\apps\\" : "/opt/";
  it(`${RUNS} specs: none against its own build; exactly the changed field against the build of a changed copy`, async () => {
    const counts: Record<string, number> = { "not built": 0, same: 0 };
    const mutation = fc.constantFrom(...MUTATIONS.filter((m) => capabilityFor(entry.capabilities, m.field as never).support !== "none"));
    const property = fc.asyncProperty(specArb({ platform: fuzz.platform, omit: fuzz.omit }), fuzz.optionsArb ?? fc.constant(fuzz.options), mutation, async (spec, options, m) => {
      const yaml = specYaml(spec, options);
      const own = await diffPaths(yaml, yaml, t);
      if (own === undefined) {
        counts["not built"]!++;
        return;
      }
      if (own.length > 0) throw new Error(`differences against its own build: ${own.join(", ")}\n--- spec\n${yaml}`);
      counts.same!++;
      const changed = m.apply(spec, root);
      if (!changed) return;
      const changedYaml = specYaml(changed, options);
      const paths = await diffPaths(yaml, changedYaml, t);
      if (paths === undefined) return;
      // A change the target stores alike (a task's restart interval is at least a minute) is no difference.
      const stored = t.stored?.[m.field as SpecField] ?? ((x) => fieldValue(x, m.field as SpecField));
      const alike = JSON.stringify(stored(await modelFor(yaml, t.target))) === JSON.stringify(stored(await modelFor(changedYaml, t.target)));
      const key = alike ? `${m.field} (stored alike)` : m.field;
      counts[key] = (counts[key] ?? 0) + 1;
      // Besides the changed field, only a field the target approximates may differ: its stored form can be made
      // from the changed one (a task's restart window is the time its attempts take: delay times count).
      const want = alike ? [] : m.paths(spec);
      const approximated = (p: string) => capabilityFor(entry.capabilities, p as SpecField).support === "approximate";
      expect(paths.filter((p) => !want.includes(p) && !approximated(p)), `--- spec\n${yaml}--- changed\n${changedYaml}`).toEqual([]);
      expect(want.filter((p) => !paths.includes(p)), `--- spec\n${yaml}--- changed\n${changedYaml}`).toEqual([]);
    });
    try {
      await fc.assert(property, { numRuns: RUNS, seed: SEED });
    } finally {
      process.stdout.write(`[diff fuzz ${t.target}] seed ${SEED}: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}\n`);
    }
    expect(counts.same).toBeGreaterThan(RUNS / 10);
  }, 600_000);
});
