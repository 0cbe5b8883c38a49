import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDiff } from "../../src/cli/diff.js";
import { redirectOutput } from "../../src/cli/output.js";
import type { RunProgram } from "../../src/targets/types.js";
import { runCli } from "../helpers/cli.js";
import { formatRegFile, type RegTree } from "../helpers/wine.js";
import { nssmRegistry, scRegistry } from "../import/registry-model.js";

// svcgen diff of nssm and sc services through their registry key, without Wine: the key svcgen's install script
// leaves (test/import/registry-model.ts, nssm's and the SCM's rules written apart from the readers), exported as
// reg export writes it, given with --against or fetched by --installed through a recorded reg.exe. The real
// nssm, reg.exe and SCM run in test/conformance/diff-registry.test.ts.
const SPEC = `version: 1
name: orders
executable: C:\\apps\\orders\\orders.exe
args: [--port, "8080"]
environment:
  MODE: production
  DB_PASSWORD: hunter2
startup: delayed
dependsOn: [Tcpip]
restart:
  policy: always
  delay: 10s
  maxRetries: 3
  window: 1h
stop:
  timeout: 1500ms
logs:
  directory: C:\\logs\\orders
targets: [nssm, sc]
options:
  nssm:
    ignore: [restart.maxRetries, restart.window]
  sc:
    ignore: [stop.timeout, logs, restart.policy, restart.window]
`;
const KEY = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\orders";

let dir: string;
let spec: string;
const registry: Record<"nssm" | "sc", () => RegTree> = { nssm: () => new Map(), sc: () => new Map() };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "svcgen-diff-reg-"));
  spec = join(dir, "orders.yaml");
  writeFileSync(spec, SPEC);
  expect((await runCli(["build", "orders.yaml"], dir)).code).toBe(0);
  const files = (t: string) => new Map([[`orders.${t}-install.cmd`, readFileSync(join(dir, `orders.${t}-install.cmd`), "utf8")]]);
  registry.nssm = () => nssmRegistry("orders", files("nssm"));
  registry.sc = () => scRegistry("orders", files("sc"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportOf(tree: RegTree, as: string): string {
  const path = join(dir, as);
  writeFileSync(path, formatRegFile(tree));
  return path;
}

describe("svcgen diff against a service key's export", () => {
  it.each(["nssm", "sc"] as const)("%s: the key svcgen's script leaves agrees with the spec (defaults nssm deletes, always as on-failure, one reset period)", async (t) => {
    const r = await runCli(["diff", spec, "--target", t, "--against", exportOf(registry[t](), `${t}.reg`)]);
    expect([r.code, r.stdout]).toEqual([0, ""]);
  });

  it("a secret environment variable changed by hand differs, its values never printed", async () => {
    const tree = registry.sc();
    tree.get(KEY)!.set("Environment", { type: "REG_MULTI_SZ", value: ["MODE=production", "DB_PASSWORD=letmein"] });
    const r = await runCli(["diff", spec, "--target", "sc", "--against", exportOf(tree, "secret.reg")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\S+orders\.yaml:7:3: error SVC7001: \[sc\] environment\.DB_PASSWORD: the spec's value and the installed value differ, not shown, as the name suggests a secret \(Environment, \S+secret\.reg:\d+\)\n$/);
    expect(r.stdout + r.stderr).not.toMatch(/hunter2|letmein/);
  });
});

describe("svcgen diff --installed on Windows: reg.exe export of the service key", () => {
  const fakeRegExe = (calls: string[][], tree: RegTree | undefined): RunProgram => async (program, args) => {
    calls.push([program, ...args]);
    if (!tree) return { status: 1, stdout: new Uint8Array(), stderr: "ERROR: The system was unable to find the specified registry key or value.\r\n" };
    writeFileSync(args[2]!, formatRegFile(tree));
    return { status: 0, stdout: new TextEncoder().encode("The operation completed successfully.\r\n"), stderr: "" };
  };
  const diff = async (run: RunProgram) => {
    let stdout = "";
    let stderr = "";
    const restore = redirectOutput({ stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    try {
      return { code: await runDiff([spec], { installed: true, targets: ["nssm"], format: "text", platform: "win32", run }), stdout, stderr };
    } finally {
      restore();
    }
  };

  it("exports the key into a scratch folder it removes, and compares what reg.exe wrote", async () => {
    const calls: string[][] = [];
    const tree = registry.nssm();
    tree.get(`${KEY}\\Parameters`)!.set("AppRestartDelay", { type: "REG_DWORD", value: 60000 });
    const r = await diff(fakeRegExe(calls, tree));
    expect(calls.map((c) => [c[0], c[1], c[2], c[4]])).toEqual([["reg.exe", "export", "HKLM\\SYSTEM\\CurrentControlSet\\Services\\orders", "/y"]]);
    expect(existsSync(calls[0]![3]!)).toBe(false);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^\S+orders\.yaml:12:10: error SVC7001: \[nssm\] restart\.delay: spec 10s, installed 1m \(Parameters\\AppRestartDelay, HKLM\\SYSTEM\\CurrentControlSet\\Services\\orders:\d+\)\n$/);
    expect(r.stderr).toBe(`${spec} [nssm] against reg.exe export HKLM\\SYSTEM\\CurrentControlSet\\Services\\orders: 1 difference\n`);
  });

  it("a service that is not installed: SVC7004 with reg.exe's message, exit 1", async () => {
    const r = await diff(fakeRegExe([], undefined));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("error SVC7004: [nssm] orders is not installed, or cannot be shown: reg.exe export HKLM\\SYSTEM\\CurrentControlSet\\Services\\orders failed: ERROR: The system was unable to find the specified registry key or value.; is orders an installed service?");
  });
});
