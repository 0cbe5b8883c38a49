import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_TARGETS } from "../../src/cli/specs.js";

// Start-up is a feature: each command loads only the code it needs. Traced on the shipped bundle.
const root = new URL("../../", import.meta.url).pathname;
const bin = join(root, "dist/bin/svcgen.js");
const dir = mkdtempSync(join(tmpdir(), "svcgen-trace-"));
beforeAll(() => {
  if (!existsSync(bin)) execFileSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loaded(...args: string[]): string[] {
  const trace = join(dir, `trace-${Math.random().toString(36).slice(2)}`);
  const r = spawnSync(process.execPath, ["--import", join(root, "test/cli/trace-loads.mjs"), bin, ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, SVCGEN_TRACE_FILE: trace },
  });
  expect(r.status, r.stderr).toBeLessThan(2);
  const chunks = readFileSync(trace, "utf8").split("\n").filter((u) => u.includes("/dist/bin/"));
  return chunks.map((u) => u.slice(u.lastIndexOf("/") + 1));
}

describe("lazy loading of the CLI bundle", () => {
  it("validate loads target checks, never an emitter or a template", () => {
    const files = loaded("validate", "fixtures/full/service.yaml", "--target", "all");
    expect(files.filter((f) => f.startsWith("check-"))).toHaveLength(ALL_TARGETS.length);
    expect(files.filter((f) => f.startsWith("emit-"))).toEqual([]);
    expect(files.join(" ")).not.toMatch(/templates|handlebars/i);
  });
  it("a plain spec is read without the yaml library; an anchor or a YAML error loads it", () => {
    expect(loaded("validate", "fixtures/full/service.yaml").some((f) => f.startsWith("load-yaml-"))).toBe(false);
    for (const [name, text] of [
      ["anchor.yaml", "version: 1\nname: a\nexecutable: &exe /opt/a/a\nlinux: { executable: *exe }\n"],
      ["broken.yaml", "version: 1\nname: [a\n"],
    ]) {
      writeFileSync(join(dir, name!), text!);
      const files = loaded("validate", join(dir, name!));
      expect(files.filter((f) => f.startsWith("load-yaml-")), name).toHaveLength(1);
      expect(files.map((f) => readFileSync(join(root, "dist/bin", f), "utf8")).join("\n")).toContain("Composer");
    }
  });
  it("build --target systemd loads the systemd emitter only, and no XML code", () => {
    const out = join(dir, "out");
    const files = loaded("build", "fixtures/minimal/service.yaml", "--target", "systemd", "--out", out);
    expect(files.filter((f) => f.startsWith("emit-"))).toHaveLength(1);
    const code = files.map((f) => readFileSync(join(root, "dist/bin", f), "utf8")).join("\n");
    expect(code).not.toMatch(/<\?xml|xmlText|xmlAttr/);
    expect(code).toContain("ExecStart=");
  });
  it("validate and build never load a reader; import loads the systemd reader and no emitter of another target", () => {
    const out = join(dir, "out-readers");
    for (const args of [["validate", "fixtures/full/service.yaml", "--target", "all"], ["build", "fixtures/minimal/service.yaml", "--target", "all", "--out", out]]) {
      expect(loaded(...args).filter((f) => f.startsWith("read-") || f.startsWith("import-"))).toEqual([]);
    }
    const files = loaded("import", "fixtures/minimal/expected/minimal.service", "--out", join(dir, "imported"));
    expect(files.filter((f) => f.startsWith("read-"))).toHaveLength(1);
    expect(files.filter((f) => f.startsWith("emit-"))).toHaveLength(1); // the check build of the written spec, for systemd
  });
  it("import of a registry export loads the one registry reader it is for, and that target's emitter only", () => {
    for (const [file, reader] of [["fixtures/import/sc/limited.reg", "sc"], ["fixtures/import/nssm/plain.reg", "nssm"]] as const) {
      const files = loaded("import", file, "--out", join(dir, `imported-${reader}`));
      const readers = files.filter((f) => f.startsWith("read-"));
      expect(readers, file).toHaveLength(1);
      expect(readFileSync(join(root, "dist/bin", readers[0]!), "utf8"), file).toContain(reader === "sc" ? "FailureActions" : "AppEnvironmentExtra");
      expect(files.filter((f) => f.startsWith("emit-")), file).toHaveLength(1);
    }
  });
  it("schema, targets and --version load no spec pipeline", () => {
    for (const args of [["schema"], ["--version"]]) {
      const files = loaded(...args);
      expect(files.filter((f) => /^(check|emit|compile)-/.test(f))).toEqual([]);
    }
  });
});
