import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_TARGETS } from "../../src/cli/specs.js";

// Start-up is a feature: each command loads only the bundles it needs (dist/bin/cli.js for validate,
// cli-build.js for build, cli-more.js for the rest), and runs only the modules it needs. Traced on the
// shipped bundles with V8's own coverage (NODE_V8_COVERAGE): esbuild wraps each module that is loaded
// on demand in a function named by its source path, and coverage counts the calls of every function.
const root = new URL("../../", import.meta.url).pathname;
const bin = join(root, "dist/bin/svcgen.js");
const dir = mkdtempSync(join(tmpdir(), "svcgen-trace-"));
beforeAll(() => {
  if (!existsSync(bin)) execFileSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Trace {
  /** The bundles the process loaded, by file name. */
  bundles: string[];
  /** The modules it ran (source paths: src/..., node_modules/...). */
  modules: Set<string>;
}

function trace(...args: string[]): Trace {
  const coverage = mkdtempSync(join(dir, "coverage-"));
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, NODE_V8_COVERAGE: coverage } });
  expect(r.status, r.stderr).toBeLessThan(2);
  const scripts = readdirSync(coverage).flatMap(
    (f) => (JSON.parse(readFileSync(join(coverage, f), "utf8")) as { result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[] }).result,
  );
  const ours = scripts.filter((s) => /\/dist\/bin\/cli[^/]*\.js$/.test(s.url));
  return {
    bundles: ours.map((s) => s.url.slice(s.url.lastIndexOf("/") + 1)).sort(),
    modules: new Set(ours.flatMap((s) => s.functions.filter((f) => /^(src|node_modules)\//.test(f.functionName) && f.ranges[0]!.count > 0).map((f) => f.functionName))),
  };
}
const matching = (t: Trace, re: RegExp) => [...t.modules].filter((m) => re.test(m)).sort();

describe("lazy loading of the CLI bundles", () => {
  it("validate loads cli.js alone and runs the target checks, never an emitter or a template", () => {
    const t = trace("validate", "fixtures/full/service.yaml", "--target", "all");
    expect(t.bundles).toEqual(["cli.js"]);
    expect(matching(t, /\/check\.ts$/)).toHaveLength(ALL_TARGETS.length);
    expect(matching(t, /\/emit\.ts$|templates|handlebars/)).toEqual([]);
  });
  it("a plain spec is read without the yaml library; an anchor or a YAML error loads it", () => {
    const plain = trace("validate", "fixtures/full/service.yaml");
    expect(matching(plain, /^node_modules\/yaml\/|load-yaml/)).toEqual([]);
    for (const [name, text] of [
      ["anchor.yaml", "version: 1\nname: a\nexecutable: &exe /opt/a/a\nlinux: { executable: *exe }\n"],
      ["broken.yaml", "version: 1\nname: [a\n"],
    ]) {
      writeFileSync(join(dir, name!), text!);
      const t = trace("validate", join(dir, name!));
      expect(t.bundles, name).toEqual(["cli-more.js", "cli.js"]);
      expect(matching(t, /^src\/spec\/load-yaml\.ts$/), name).toHaveLength(1);
      expect(matching(t, /^node_modules\/yaml\//).length, name).toBeGreaterThan(0);
    }
  });
  it("build --target systemd loads cli-build.js, runs the systemd emitter only, and no XML or Windows code", () => {
    const t = trace("build", "fixtures/minimal/service.yaml", "--target", "systemd", "--out", join(dir, "out"));
    expect(t.bundles).toEqual(["cli-build.js", "cli.js"]);
    expect(matching(t, /\/emit\.ts$/)).toEqual(["src/targets/systemd/emit.ts"]);
    expect(matching(t, /\/check\.ts$/)).toEqual(["src/targets/systemd/check.ts"]);
    expect(matching(t, /^src\/escape\/(xml|cmd-batch|windows-argv)\.ts$|^src\/targets\/(winsw|nssm|sc|scm|schtasks|runkey|launchd)\/(?!capabilities|detect)/)).toEqual([]);
  });
  it("validate and build never run a reader; import runs the systemd reader and no emitter of another target", () => {
    for (const args of [["validate", "fixtures/full/service.yaml", "--target", "all"], ["build", "fixtures/minimal/service.yaml", "--target", "all", "--out", join(dir, "out-readers")]]) {
      const t = trace(...args);
      expect(t.bundles).not.toContain("cli-more.js");
      expect(matching(t, /\/read\.ts$|^src\/import\//)).toEqual([]);
    }
    const t = trace("import", "fixtures/minimal/expected/minimal.service", "--out", join(dir, "imported"));
    expect(matching(t, /\/read\.ts$/)).toEqual(["src/targets/systemd/read.ts"]);
    expect(matching(t, /\/emit\.ts$/)).toEqual(["src/targets/systemd/emit.ts"]); // the check build of the written spec
  });
  it("import of a registry export runs the one registry reader it is for, and that target's emitter only", () => {
    for (const [file, reader] of [["fixtures/import/sc/limited.reg", "sc"], ["fixtures/import/nssm/plain.reg", "nssm"]] as const) {
      const t = trace("import", file, "--out", join(dir, `imported-${reader}`));
      expect(matching(t, /\/read\.ts$/), file).toEqual([`src/targets/${reader}/read.ts`]);
      expect(matching(t, /\/emit\.ts$/), file).toEqual([`src/targets/${reader}/emit.ts`]);
    }
  });
  it("schema and --version run no spec pipeline, and never load cli-build.js", () => {
    for (const args of [["schema"], ["--version"]]) {
      const t = trace(...args);
      expect(t.bundles).not.toContain("cli-build.js");
      expect(matching(t, /\/(check|emit)\.ts$|^src\/compile\.ts$/)).toEqual([]);
    }
  });
});
