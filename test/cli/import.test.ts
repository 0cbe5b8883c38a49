import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runImport, type ImportCliOptions } from "../../src/cli/import.js";
import { redirectOutput } from "../../src/cli/output.js";
import type { RunProgram } from "../../src/targets/types.js";
import { runCli } from "../helpers/cli.js";
import { useScratchDir } from "../helpers/scratch.js";

const tmp = useScratchDir("svcgen-import-");

const file = tmp.file;
const UNIT = "[Unit]\nDescription=Web\n[Service]\nType=exec\nExecStart=/opt/web/web --port 80\nRestart=always\n[Install]\nWantedBy=multi-user.target\n";

describe("svcgen import FILE...", () => {
  it("writes <name>.yaml with the import header; the spec builds; a second run leaves it alone", async () => {
    const u = file("web.service", UNIT);
    const out = join(tmp.dir, "specs");
    const r = await runCli(["import", u, "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`wrote ${join(out, "web.yaml")}\n`);
    const spec = readFileSync(join(out, "web.yaml"), "utf8");
    expect(spec.split("\n").slice(1, 2)).toEqual(["# Imported by svcgen from ../web.service: `svcgen import` may overwrite this file until you delete this line."]);
    expect(spec).toContain("restart:\n  policy: always\n");
    expect(readdirSync(out)).toEqual(["web.yaml"]);
    const b = await runCli(["build", join(out, "web.yaml"), "--out", join(tmp.dir, "units")]);
    expect(b.code, b.stderr).toBe(0);
    expect((await runCli(["import", u, "--out", out])).stdout).toBe(`unchanged ${join(out, "web.yaml")}\n`);
  });

  it("overwrites a spec it imported, and refuses (exit 2, nothing written) one without the import line", async () => {
    const u = file("web.service", UNIT);
    await runCli(["import", u, "--out", tmp.dir]);
    file("web.service", UNIT.replace("Restart=always", "Restart=no"));
    expect((await runCli(["import", u, "--out", tmp.dir])).code).toBe(0);
    expect(readFileSync(join(tmp.dir, "web.yaml"), "utf8")).toContain("policy: never");
    const edited = readFileSync(join(tmp.dir, "web.yaml"), "utf8").split("\n").filter((l) => !l.startsWith("# Imported by svcgen")).join("\n");
    writeFileSync(join(tmp.dir, "web.yaml"), edited);
    const r = await runCli(["import", u, "--out", tmp.dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("SVC5001: refusing to overwrite");
    expect(readFileSync(join(tmp.dir, "web.yaml"), "utf8")).toBe(edited);
  });

  it("a unit it cannot import: exit 1, located diagnostics, no file; the others are still written", async () => {
    const bad = file("bad.service", "[Service]\nExecStart=/opt/x %H\n");
    const good = file("web.service", UNIT);
    const r = await runCli(["import", bad, good, "--out", join(tmp.dir, "o")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${bad}:2:11: error SVC6103: [systemd] ExecStart= cannot be read`);
    expect(r.stderr).toContain("2 services: 1 error, 0 warnings");
    expect(readdirSync(join(tmp.dir, "o"))).toEqual(["web.yaml"]);
  });

  it("--strict makes warnings errors: nothing written; --format json prints one array on stdout", async () => {
    const u = file("m.service", "[Service]\nExecStart=/opt/m\nMemoryMax=1G\n");
    const r = await runCli(["import", u, "--out", tmp.dir, "--strict"]);
    expect(r.code).toBe(1);
    expect(existsSync(join(tmp.dir, "m.yaml"))).toBe(false);
    const j = await runCli(["import", u, "--out", join(tmp.dir, "j"), "--format", "json"]);
    expect(j.code).toBe(0);
    const ds = JSON.parse(j.stdout.slice(0, j.stdout.lastIndexOf("]") + 1)) as { code: string; line: number }[];
    expect(ds.map((d) => [d.code, d.line])).toEqual([["SVC6101", 3]]);
  });

  it("tells the kind from the content, takes drop-ins after their unit, and says what it cannot tell", async () => {
    const u = file("sys/web.service", UNIT);
    const d = file("sys/web.service.d/override.conf", "[Service]\nRestart=on-failure\n");
    const r = await runCli(["import", u, d, "--out", tmp.dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(tmp.dir, "web.yaml"), "utf8")).not.toContain("policy:");
    const lone = await runCli(["import", d, "--out", join(tmp.dir, "x")]);
    expect(lone.code).toBe(1);
    expect(lone.stderr).toContain("SVC6003");
    const txt = file("notes.txt", "hello\n");
    const unknown = await runCli(["import", txt, "--out", join(tmp.dir, "x")]);
    expect(unknown.stderr).toMatch(new RegExp(`${txt.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:1:1: error SVC6001: svcgen cannot tell what kind of file this is \\(it imports [a-z, ]*systemd[a-z, ]*\\)`));
    const forced = await runCli(["import", file("unit.conf", "ExecStart=/opt/x\n"), "--from", "systemd", "--out", join(tmp.dir, "x")]);
    expect(forced.stderr).toContain("SVC6114");
  });

  it("an environment variable named like a secret: written as the source has it, with SVC6010 at its line", async () => {
    const u = file("web.service", UNIT.replace("Type=exec\n", 'Type=exec\nEnvironment=DB_PASSWORD=hunter2 HOME=/srv/web\n'));
    const r = await runCli(["import", u, "--out", join(tmp.dir, "specs")]);
    expect(r.code, r.stderr).toBe(0);
    // HOME is no secret.
    expect(r.stderr.split("\n").filter((l) => l.includes("SVC6010"))).toEqual([
      `${u}:5:1: warning SVC6010: [systemd] DB_PASSWORD looks like a secret by its name, and the spec written holds its value as plain text, as the source does`,
    ]);
    expect(readFileSync(join(tmp.dir, "specs", "web.yaml"), "utf8")).toContain("DB_PASSWORD: hunter2");
  });

  it("usage errors exit 2", async () => {
    expect((await runCli(["import", "--out", tmp.dir])).code).toBe(2);
    expect((await runCli(["import", join(tmp.dir, "missing.service")])).stderr).toContain("cannot read");
    // --from overrides detection: a unit read as WinSW XML is not XML.
    const w = await runCli(["import", file("x.service", UNIT), "--from", "winsw", "--out", join(tmp.dir, "w")]);
    expect(w.code).toBe(1);
    expect(w.stderr).toContain("SVC6403");
    expect((await runCli(["import", file("y.service", UNIT), "--from", "bogus"])).code).toBe(2);
    expect((await runCli(["import", file("z.service", UNIT), "--installed", "z"])).code).toBe(2);
  });

  it("two files of one service name: SVC6004, and the first is written", async () => {
    const a = file("a/web.service", UNIT);
    const b = file("b/web.service", UNIT);
    const r = await runCli(["import", a, b, "--out", join(tmp.dir, "o")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("SVC6004");
  });
});

describe("svcgen import --installed NAME", () => {
  // What systemctl cat prints (src/systemctl/systemctl-cat.c): each file after a `# path` line, a blank line
  // between files.
  const catOutput = [
    "# /lib/systemd/system/web.service",
    "[Unit]",
    "Description=Web",
    "[Service]",
    "ExecStart=/opt/web/web",
    "# /not/a/header because no blank line precedes it",
    "",
    "# /etc/systemd/system/web.service.d/override.conf",
    "[Service]",
    "Restart=always",
    "Environment=A=1",
    "",
  ].join("\n");
  const run = (calls: string[][]): RunProgram => async (cmd, args) => {
    calls.push([cmd, ...args]);
    return args.includes("web.service") ? { status: 0, stdout: new TextEncoder().encode(catOutput), stderr: "" } : { status: 1, stdout: new Uint8Array(), stderr: "No files found for nope.service." };
  };
  const cli = async (o: Partial<ImportCliOptions> & { installed: string }) => {
    let stdout = "";
    let stderr = "";
    const restore = redirectOutput({ stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    try {
      const code = await runImport([], { out: tmp.dir, strict: false, format: "text", platform: "linux", ...o });
      return { code, stdout, stderr };
    } finally {
      restore();
    }
  };

  it("runs systemctl cat, reads the unit and its drop-in at their own paths, and names the source in the header", async () => {
    const calls: string[][] = [];
    const r = await cli({ installed: "web", run: run(calls) });
    expect(r.code, r.stderr).toBe(0);
    expect(calls).toEqual([["systemctl", "cat", "--", "web.service"]]);
    const spec = readFileSync(join(tmp.dir, "web.yaml"), "utf8");
    expect(spec).toContain("# Imported by svcgen from the installed service (systemctl cat web.service): ");
    expect(spec).toContain("environment:\n  A: \"1\"\n");
    expect(spec).toContain("policy: always");
  });

  it("reads an alias as the unit it names (systemctl cat shows the unit file under its own name)", async () => {
    const alias: RunProgram = async () => ({ status: 0, stdout: new TextEncoder().encode(catOutput), stderr: "" });
    const r = await cli({ installed: "web-alias", run: alias });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(tmp.dir)).toEqual(["web.yaml"]);
  });

  it("reports the tool's own message when the service is not there, and has no reader for other platforms yet", async () => {
    const r = await cli({ installed: "nope", run: run([]), from: "systemd" });
    expect([r.code, r.stderr]).toEqual([2, "svcgen: systemctl cat nope.service failed: No files found for nope.service.\n"]);
    const w = await cli({ installed: "web", run: run([]), platform: "aix" });
    expect([w.code, w.stderr]).toEqual([2, "svcgen: --installed cannot read services on aix yet: import their files instead\n"]);
  });
});
