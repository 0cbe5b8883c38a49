import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runImport, type ImportCliOptions } from "../../src/cli/import.js";
import { redirectOutput } from "../../src/cli/output.js";
import { glob, SEARCH_PATHS } from "../../src/targets/supervisord/installed.js";
import type { LiveFiles, RunProgram } from "../../src/targets/types.js";
import { runCli } from "../helpers/cli.js";

// svcgen import of supervisord files through the CLI: one spec per program, --service, and --installed, which
// finds the program's file as supervisord finds its configuration (a fake file system here).

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "svcgen-import-sv-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const TWO = "[program:web]\ncommand=/opt/web/web --port 80\nstartsecs=3\nstartretries=1000000\n\n[program:worker]\ncommand=/opt/web/worker\nstartsecs=3\nstartretries=1000000\n";

describe("svcgen import of a supervisord file", () => {
  it("writes a spec per program, detected by its [program:x] sections", async () => {
    const f = join(dir, "app.conf");
    writeFileSync(f, TWO);
    const out = join(dir, "specs");
    const r = await runCli(["import", f, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["web.yaml", "worker.yaml"]);
    expect(readFileSync(join(out, "web.yaml"), "utf8")).toContain("args: [--port, \"80\"]\ntargets: [supervisord]\n");
  });

  it("--service keeps one program; a name the file does not hold is SVC6009 with the names it holds", async () => {
    const f = join(dir, "app.conf");
    writeFileSync(f, TWO);
    const one = await runCli(["import", f, "--service", "worker", "--out", join(dir, "one")]);
    expect(one.code, one.stderr).toBe(0);
    expect(readdirSync(join(dir, "one"))).toEqual(["worker.yaml"]);
    const none = await runCli(["import", f, "--service", "api", "--out", join(dir, "none")]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`${f}:1:1: error SVC6009: ${f} holds no service named api (it holds web, worker)`);
  });
});

describe("svcgen import --installed NAME --from supervisord", () => {
  const fake = (files: Record<string, string>): LiveFiles => ({
    read: async (p) => (p in files ? new TextEncoder().encode(files[p]) : undefined),
    list: async (d) => {
      const names = Object.keys(files).filter((p) => p.startsWith(`${d}/`)).map((p) => p.slice(d.length + 1).split("/")[0]!);
      return names.length > 0 ? [...new Set(names)] : undefined;
    },
  });
  const noSystemd: RunProgram = async () => ({ status: 1, stdout: new Uint8Array(), stderr: "No files found." });
  const cli = async (o: Partial<ImportCliOptions> & { installed: string }) => {
    let stdout = "";
    let stderr = "";
    const restore = redirectOutput({ stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    try {
      const code = await runImport([], { out: dir, strict: false, format: "text", platform: "linux", run: noSystemd, ...o });
      return { code, stdout, stderr };
    } finally {
      restore();
    }
  };
  const SYSTEM = {
    "/etc/supervisor/supervisord.conf": "[supervisord]\nlogfile=/var/log/supervisor/supervisord.log\n\n[include]\nfiles = conf.d/*.conf\n",
    "/etc/supervisor/conf.d/web.conf": TWO,
    "/etc/supervisor/conf.d/.hidden.conf": "[program:hidden]\ncommand=/opt/x\n",
    "/etc/supervisor/conf.d/api.conf": "[program:api]\ncommand=/opt/api/api\ndirectory=%(here)s\nstartsecs=3\nstartretries=1000000\n",
  };

  it("follows [include] from supervisord's configuration file to the program's file, and reads that program only", async () => {
    const r = await cli({ installed: "worker", files: fake(SYSTEM) });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(["worker.yaml"]);
    expect(readFileSync(join(dir, "worker.yaml"), "utf8")).toContain("# Imported by svcgen from the installed service ([program:worker] in supervisord's configuration files): ");
    // The file's absolute name gives %(here)s.
    const api = await cli({ installed: "api", files: fake(SYSTEM) });
    expect(api.code, api.stderr).toBe(0);
    expect(readFileSync(join(dir, "api.yaml"), "utf8")).toContain("workingDirectory: /etc/supervisor/conf.d\n");
  });

  it("says where it looked when the program or the configuration is not there", async () => {
    const missing = await cli({ installed: "nope", files: fake(SYSTEM), from: "supervisord" });
    expect([missing.code, missing.stderr]).toEqual([2, "svcgen: no [program:nope] in /etc/supervisor/supervisord.conf, /etc/supervisor/conf.d/api.conf, /etc/supervisor/conf.d/web.conf\n"]);
    const none = await cli({ installed: "web", files: fake({}), from: "supervisord" });
    expect([none.code, none.stderr]).toEqual([2, `svcgen: no supervisord configuration file at ${SEARCH_PATHS.join(", ")}\n`]);
    const twice = await cli({ installed: "web", files: fake({ ...SYSTEM, "/etc/supervisor/conf.d/web2.conf": "[program:web]\ncommand=/opt/other\n" }), from: "supervisord" });
    expect(twice.stderr).toContain("[program:web] is in /etc/supervisor/conf.d/web.conf and /etc/supervisor/conf.d/web2.conf, which supervisord merges");
    expect((await cli({ installed: "web", service: "web", files: fake(SYSTEM) })).code).toBe(2);
  });

  it("globs as Python's glob.glob does: wildcards in any component, hidden names only for a pattern that asks", async () => {
    const files = fake({ "/a/b1/x.conf": "", "/a/b2/y.ini": "", "/a/b2/.z.conf": "", "/a/c/x.conf": "" });
    expect(await glob("/a/b?/*", files)).toEqual(["/a/b1/x.conf", "/a/b2/y.ini"]);
    expect(await glob("/a/*/[!y]*.conf", files)).toEqual(["/a/b1/x.conf", "/a/c/x.conf"]);
    expect(await glob("/a/b2/.*", files)).toEqual(["/a/b2/.z.conf"]);
    expect(await glob("/a/nothing/*.conf", files)).toEqual([]);
  });
});
