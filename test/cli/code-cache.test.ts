import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The launcher (src/cli/launcher.cts) hands V8 a code cache with each bundle. A cache V8 refuses (made
// by another Node version, or under other V8 flags, or damaged) must change nothing but the time: the
// same output, the same files, the same exit code as with the cache.
const root = new URL("../../", import.meta.url).pathname;
const dist = join(root, "dist/bin");
const dir = mkdtempSync(join(tmpdir(), "svcgen-code-cache-"));
beforeAll(() => {
  if (!existsSync(join(dist, "svcgen.js"))) execFileSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A copy of dist/bin/ two levels below a folder of its own, as in the package (the bundles find the
// schema at ../../schema/ from there).
function copyOfBin(name: string, change: (binDir: string) => void): string {
  const pkg = join(dir, name);
  cpSync(dist, join(pkg, "dist/bin"), { recursive: true });
  cpSync(join(root, "schema"), join(pkg, "schema"), { recursive: true });
  change(join(pkg, "dist/bin"));
  return join(pkg, "dist/bin/svcgen.js");
}

// Each command of the run, with where it writes, and what it printed, its exit code and the files.
function run(bin: string, nodeFlags: string[] = []) {
  const out = mkdtempSync(join(dir, "out-"));
  const commands = [
    ["validate", "fixtures/full/service.yaml", "--target", "all"],
    ["validate", "fixtures/bad-duration/service.yaml"],
    ["build", "fixtures/full/service.yaml", "--target", "winsw", "--target", "systemd", "--target", "launchd", "--out", join(out, "built")],
    ["import", "fixtures/minimal/expected/minimal.service", "--out", join(out, "imported")],
    ["--version"],
  ];
  const results = commands.map((args) => {
    const r = spawnSync(process.execPath, [...nodeFlags, bin, ...args], { cwd: root, encoding: "utf8" });
    return { args: args.join(" ").replaceAll(out, "<out>"), status: r.status, stdout: r.stdout.replaceAll(out, "<out>"), stderr: r.stderr.replaceAll(out, "<out>") };
  });
  const files = Object.fromEntries(
    readdirSync(out, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      // (An imported spec's modeline points at the schema of the svcgen that wrote it: each copy has its own.)
      .map((e) => [join(e.parentPath, e.name).slice(out.length), readFileSync(join(e.parentPath, e.name), "utf8").replace(/\$schema=\S+/, "$schema=<schema>")]),
  );
  return { results, files };
}

function cachesTaken(bin: string, nodeFlags: string[] = []): string {
  const script = `
    const { loadCli } = require(${JSON.stringify(bin)});
    const cli = loadCli();
    (async () => {
      await cli.main(["validate", "fixtures/minimal/service.yaml"]);
      await cli.main(["build", "fixtures/minimal/service.yaml", "--target", "systemd", "--out", ${JSON.stringify(join(dir, "taken"))}]);
      await cli.main(["--version"]);
      process.stderr.write("\\ncaches: " + cli.loaded().map((b) => b.name + ":" + b.cacheUsed).join(" "));
    })();`;
  const r = spawnSync(process.execPath, [...nodeFlags, "-e", script], { cwd: root, encoding: "utf8" });
  return /\ncaches: (.*)$/.exec(r.stderr)?.[1] ?? r.stderr;
}

describe("the CLI with its code caches", () => {
  it("takes the cache built beside each bundle it loads", () => {
    // A cache V8 refuses would only cost time, so nothing else would fail: the launcher's own report.
    expect(cachesTaken(join(dist, "svcgen.js"))).toBe("cli.js:true cli-build.js:true cli-more.js:true");
  });
});

describe("the CLI without its code caches", () => {
  const withCaches = () => run(join(dist, "svcgen.js"));
  it("gives the same output, files and exit codes when the cache files are missing", () => {
    const bin = copyOfBin("missing", (b) => readdirSync(b).filter((f) => f.endsWith(".code-cache")).forEach((f) => rmSync(join(b, f))));
    expect(cachesTaken(bin)).toBe("cli.js:false cli-build.js:false cli-more.js:false");
    expect(run(bin)).toEqual(withCaches());
  });
  it("... when they are damaged (cut short, or not a cache at all)", () => {
    const bin = copyOfBin("damaged", (b) => {
      truncateSync(join(b, "cli.code-cache"), 1000);
      writeFileSync(join(b, "cli-build.code-cache"), Buffer.alloc(4096, 0x5a));
      truncateSync(join(b, "cli-more.code-cache"), 0);
    });
    expect(cachesTaken(bin)).toBe("cli.js:false cli-build.js:false cli-more.js:false");
    expect(run(bin)).toEqual(withCaches());
  });
  it("... when node runs with other V8 flags than the ones the caches were made under", () => {
    const flags = ["--max-old-space-size=512"];
    expect(cachesTaken(join(dist, "svcgen.js"), flags)).toBe("cli.js:false cli-build.js:false cli-more.js:false");
    expect(run(join(dist, "svcgen.js"), flags)).toEqual(withCaches());
  });
});
