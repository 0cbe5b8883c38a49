import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDiff, type DiffCliOptions } from "../../src/cli/diff.js";
import { redirectOutput } from "../../src/cli/output.js";
import type { RunProgram } from "../../src/targets/types.js";
import { runCli } from "../helpers/cli.js";
import { itWithOracle } from "../helpers/oracle.js";

// The systemd case, end to end through the CLI: a unit built by svcgen, installed in a scratch root
// (/etc/systemd/system), then a drop-in that changes Restart= and one that resets Environment=. systemd itself
// (systemd-analyze verify --root) reads the unit with both drop-ins; `svcgen diff --against` the unit and its
// drop-ins, and `--installed` through systemctl cat's output of the same files, report exactly those fields.
const analyze = spawnSync("systemd-analyze", ["--version"], { encoding: "utf8" });
const itVerify = itWithOracle(analyze.status === 0, "systemd-analyze", "apt-get install systemd");
const hostUnits = ["/usr/lib/systemd/system", "/lib/systemd/system"].find((d) => existsSync(d));

const SPEC = `version: 1
name: orders
displayName: Orders
description: Handles orders
executable: /opt/orders/orders
args: [--port, "8080", Orders & Billing]
environment:
  MODE: production
  REGION: eu
startup: delayed
dependsOn: [postgresql]
restart:
  policy: on-failure
  delay: 10s
logs:
  directory: /var/log/orders
targets: [systemd]
`;

let dir: string;
let root: string;
let spec: string;
let unit: string;
let unitDir: string;
const dropIn = (name: string) => join(unitDir, "orders.service.d", name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "svcgen-diff-"));
  root = join(dir, "root");
  unitDir = join(root, "etc/systemd/system");
  spec = join(dir, "orders.yaml");
  writeFileSync(spec, SPEC);
  const b = await runCli(["build", spec, "--out", unitDir]);
  expect(b.code, b.stderr).toBe(0);
  unit = join(unitDir, "orders.service");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The drop-ins of the issue: one changes Restart=, one resets Environment= (and sets one variable again). */
function addDropIns(): void {
  mkdirSync(join(unitDir, "orders.service.d"), { recursive: true });
  writeFileSync(dropIn("10-restart.conf"), "[Service]\nRestart=always\n");
  writeFileSync(dropIn("20-environment.conf"), "[Service]\nEnvironment=\nEnvironment=MODE=debug\n");
}
function removeDropIns(): void {
  rmSync(join(unitDir, "orders.service.d"), { recursive: true, force: true });
}

describe("svcgen diff against a systemd unit and its drop-ins", () => {
  it("the unit svcgen built agrees with its spec: exit 0, nothing on stdout (a delayed start and the description are stored in systemd's form)", async () => {
    removeDropIns();
    const r = await runCli(["diff", spec, "--against", unit]);
    expect([r.code, r.stdout]).toEqual([0, ""]);
    expect(r.stderr).toBe(`${spec} [systemd] against ${unit}: no differences\n`);
  });

  it("a drop-in changing Restart= and one resetting Environment=: exactly those fields, both values, at the spec's lines", async () => {
    addDropIns();
    const r = await runCli(["diff", spec, "--against", unit, dropIn("10-restart.conf"), dropIn("20-environment.conf")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        `${spec}:8:3: error SVC7001: [systemd] environment.MODE: spec "production", installed "debug" (Environment=, ${dropIn("20-environment.conf")}:3)`,
        `${spec}:9:3: error SVC7003: [systemd] environment.REGION: spec "eu", not installed`,
        `${spec}:13:11: error SVC7001: [systemd] restart.policy: spec on-failure, installed always (Restart=, ${dropIn("10-restart.conf")}:2)`,
        "",
      ].join("\n"),
    );
    expect(r.stderr).toContain(": 3 differences\n");
  });

  itVerify("systemd reads the unit with both drop-ins (systemd-analyze verify in the scratch root: nothing on stderr)", () => {
    addDropIns();
    const r0 = join(dir, "verify-root");
    cpSync(hostUnits!, join(r0, "usr/lib/systemd/system"), { recursive: true, dereference: false });
    cpSync(unitDir, join(r0, "etc/systemd/system"), { recursive: true });
    mkdirSync(join(r0, "opt/orders"), { recursive: true });
    writeFileSync(join(r0, "opt/orders/orders"), "#!/bin/sh\n");
    chmodSync(join(r0, "opt/orders/orders"), 0o755);
    const v = spawnSync("systemd-analyze", ["verify", "--man=no", `--root=${r0}`, "orders.service"], { encoding: "utf8" });
    expect([v.status, v.stderr]).toEqual([0, ""]);
    // The same root with a drop-in systemd cannot parse does print: verify reads the drop-ins.
    writeFileSync(join(r0, "etc/systemd/system/orders.service.d/30-bad.conf"), "[Service]\nRestart=bogus\n");
    expect(spawnSync("systemd-analyze", ["verify", "--man=no", `--root=${r0}`, "orders.service"], { encoding: "utf8" }).stderr).toContain("30-bad.conf:2");
  });

  it("drop-ins apply in systemd's order (by file name), whatever order they are given in", async () => {
    addDropIns();
    writeFileSync(dropIn("05-restart.conf"), "[Service]\nRestart=no\n");
    const r = await runCli(["diff", spec, "--against", unit, dropIn("20-environment.conf"), dropIn("10-restart.conf"), dropIn("05-restart.conf")]);
    expect(r.stdout).toContain("restart.policy: spec on-failure, installed always (Restart=");
    rmSync(dropIn("05-restart.conf"));
  });

  it("settings the spec does not have are installed only: a directive, an environment variable, a log file", async () => {
    removeDropIns();
    mkdirSync(join(unitDir, "orders.service.d"), { recursive: true });
    writeFileSync(dropIn("override.conf"), "[Service]\nMemoryMax=1G\nEnvironment=DEBUG=1\nWorkingDirectory=/srv/orders\n");
    const r = await runCli(["diff", spec, "--against", unit, dropIn("override.conf")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        `${spec}:2:7: error SVC7002: [systemd] options.systemd.extra.Service.MemoryMax: installed only: "1G" (MemoryMax, ${dropIn("override.conf")}:2)`,
        `${spec}:2:7: error SVC7002: [systemd] workingDirectory: installed only: "/srv/orders" (WorkingDirectory=, ${dropIn("override.conf")}:4)`,
        `${spec}:8:3: error SVC7002: [systemd] environment.DEBUG: installed only: "1" (Environment=, ${dropIn("override.conf")}:3)`,
        "",
      ].join("\n"),
    );
    removeDropIns();
  });

  it("a value the target stores in its own form is shown in that form, with what the spec wrote", async () => {
    removeDropIns();
    mkdirSync(join(unitDir, "orders.service.d"), { recursive: true });
    writeFileSync(dropIn("name.conf"), "[Unit]\nDescription=Orders (old)\n[Install]\nWantedBy=\n");
    const r = await runCli(["diff", spec, "--against", unit, dropIn("name.conf")]);
    expect(r.stdout).toBe(
      [
        `${spec}:3:14: error SVC7001: [systemd] displayName: spec "Orders - Handles orders" (as systemd stores "Orders"), installed "Orders (old)" (Description=, ${dropIn("name.conf")}:2)`,
        `${spec}:10:10: error SVC7001: [systemd] startup: spec auto (as systemd stores delayed), installed manual ([Install] (none), ${unit}:1)`,
        "",
      ].join("\n"),
    );
    removeDropIns();
  });
});

describe("svcgen diff --installed (Linux: systemctl cat)", () => {
  /** What systemctl cat prints for the unit and its drop-ins (src/systemctl/systemctl-cat.c: `# path`, a blank line between files). */
  const catOf = (files: string[]) => files.map((f) => `# ${f}\n${readFileSync(f, "utf8")}`).join("\n");
  const cli = async (o: Partial<DiffCliOptions>, specs = [spec]) => {
    let stdout = "";
    let stderr = "";
    const restore = redirectOutput({ stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    try {
      const code = await runDiff(specs, { installed: true, format: "text", platform: "linux", ...o });
      return { code, stdout, stderr };
    } finally {
      restore();
    }
  };

  it("reads the unit and its drop-ins as systemctl cat shows them, at their own paths", async () => {
    addDropIns();
    const calls: string[][] = [];
    const run: RunProgram = async (cmd, args) => {
      calls.push([cmd, ...args]);
      return { status: 0, stdout: new TextEncoder().encode(catOf([unit, dropIn("10-restart.conf"), dropIn("20-environment.conf")])), stderr: "" };
    };
    const r = await cli({ run });
    expect(calls).toEqual([["systemctl", "cat", "--", "orders.service"]]);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n").filter(Boolean).map((l) => l.replace(/ \(.*$/, "").replace(/^.*\] /, ""))).toEqual([
      'environment.MODE: spec "production", installed "debug"',
      'environment.REGION: spec "eu", not installed',
      "restart.policy: spec on-failure, installed always",
    ]);
    expect(r.stdout).toContain(`(Restart=, ${dropIn("10-restart.conf")}:2)`);
    expect(r.stderr).toBe(`${spec} [systemd] against systemctl cat orders.service: 3 differences\n`);
    removeDropIns();
    const same: RunProgram = async () => ({ status: 0, stdout: new TextEncoder().encode(catOf([unit])), stderr: "" });
    expect((await cli({ run: same })).code).toBe(0);
  });

  it("a service that is not installed: SVC7004 at the spec's name with the tool's message, exit 1", async () => {
    const run: RunProgram = async () => ({ status: 1, stdout: new Uint8Array(), stderr: "No files found for orders.service." });
    const r = await cli({ run });
    expect([r.code, r.stdout]).toEqual([1, `${spec}:2:7: error SVC7004: [systemd] orders is not installed, or cannot be shown: systemctl cat orders.service failed: No files found for orders.service.\n`]);
  });

  it("a spec's targets that cannot be read here are named in a note; the others are compared", async () => {
    const both = join(dir, "both.yaml");
    writeFileSync(both, SPEC.replace("name: orders", "name: orders\nwindows: { executable: 'C:\\orders\\orders.exe' }").replace("targets: [systemd]", "targets: [winsw, systemd]"));
    const run: RunProgram = async () => ({ status: 0, stdout: new TextEncoder().encode(catOf([unit])), stderr: "" });
    const r = await cli({ run }, [both]);
    expect(r.stderr.split("\n")[0]).toMatch(new RegExp(`^svcgen: note: ${both}: not compared: (svcgen cannot read winsw services yet|installed winsw services are read on win32, not linux|winsw has no installed form to read)$`));
    expect(r.stderr).toContain(`${both} [systemd] against systemctl cat orders.service: `);
  });

  it("targets that cannot be read here: a usage error (exit 2) that says why", async () => {
    const r = await cli({ platform: "win32", run: async () => ({ status: 1, stdout: new Uint8Array(), stderr: "" }) });
    expect([r.code, r.stderr]).toEqual([2, `svcgen: ${spec}: installed systemd services are read on linux, not win32; compare files instead with --against, or name a target with --target\n`]);
  });
});
