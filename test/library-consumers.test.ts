import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The package as other projects use it: an ES module importer, a CommonJS require (Node 20.19+ loads
// the ES module), and TypeScript in both module systems with `node16` resolution, checking svcgen's
// own declarations too (skipLibCheck off). The package is linked into a fresh project's node_modules,
// so its package.json `exports` decide what resolves, as after `npm install svcgen`.
const root = new URL("../", import.meta.url).pathname;
const project = mkdtempSync(join(tmpdir(), "svcgen-consumer-"));
afterAll(() => rmSync(project, { recursive: true, force: true }));
beforeAll(() => {
  if (!existsSync(join(root, "dist/index.d.cts"))) execFileSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
  mkdirSync(join(project, "node_modules"));
  symlinkSync(root, join(project, "node_modules/svcgen"), "dir");
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true }));
}, 120_000);

const SPEC = JSON.stringify("version: 1\nname: web\nexecutable: /opt/web/web\n");
const node = (file: string, text: string) => {
  writeFileSync(join(project, file), text);
  return spawnSync(process.execPath, [file], { cwd: project, encoding: "utf8" });
};
const [major, minor] = process.versions.node.split(".").map(Number) as [number, number];
const requireEsm = major > 22 || (major === 22 && minor >= 12) || (major === 20 && minor >= 19);

describe("svcgen as a dependency", () => {
  it.runIf(requireEsm)("require('svcgen') works from CommonJS (Node 20.19 or later), without a warning", () => {
    const r = node("use.cjs", `const { compile } = require("svcgen");\ncompile(${SPEC}, "web.yaml", { targets: ["systemd"] }).then((r) => console.log(r.outputs[0].files[0].name));\n`);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("web.service\n");
  });
  it("import from an ES module", () => {
    const r = node("use.mjs", `import { compile } from "svcgen";\nconst r = await compile(${SPEC}, "web.yaml", { targets: ["systemd"] });\nconsole.log(r.outputs[0].files[0].name);\n`);
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("web.service\n");
  });
  it("TypeScript with module node16 resolves svcgen's types from CommonJS (.cts) and ES module (.mts) files", () => {
    const source = `import { compile, type CompileResult } from "svcgen";\nexport const n: Promise<number> = compile("", "x.yaml").then((r: CompileResult) => r.diagnostics.length);\n// @ts-expect-error the result's fields are typed\nexport const bad: Promise<string> = compile("", "x.yaml").then((r) => r.diagnostics.length);\n`;
    const files = ["index.cts", "index.mts"];
    for (const f of files) writeFileSync(join(project, f), source);
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({ compilerOptions: { module: "node16", moduleResolution: "node16", strict: true, noEmit: true, skipLibCheck: false, types: [] }, files }),
    );
    const tsc = spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", project], { encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
