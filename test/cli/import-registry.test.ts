import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runImport, type ImportCliOptions } from "../../src/cli/import.js";
import { redirectOutput } from "../../src/cli/output.js";
import type { RunProgram } from "../../src/targets/types.js";
import { runCli } from "../helpers/cli.js";

// svcgen import of registry exports from the command line, and --installed on Windows through a recorded
// reg.exe (Wine's real reg.exe runs in test/conformance/registry-import.test.ts).

const FIX = new URL("../../fixtures/import/", import.meta.url).pathname;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "svcgen-import-reg-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("svcgen import <export>.reg", () => {
  it("tells nssm from sc by the content, writes one spec per service, and names registry values in its warnings", async () => {
    const r = await runCli(["import", join(FIX, "nssm/typed.reg"), join(FIX, "nssm/approx.reg"), join(FIX, "sc/limited.reg"), "--out", dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["approx.yaml", "limited.yaml", "orders-api.yaml"]);
    expect(readFileSync(join(dir, "orders-api.yaml"), "utf8")).toContain("targets: [nssm]");
    expect(readFileSync(join(dir, "limited.yaml"), "utf8")).toContain("targets: [sc]");
    expect(r.stderr).toContain("approx.reg:40:1: warning SVC6202: [nssm] Parameters\\AppThrottle is not imported");
  });

  it("two exports of one service: the first is written, the second refused (SVC6004)", async () => {
    const r = await runCli(["import", join(FIX, "nssm/typed.reg"), join(FIX, "sc/windows.reg"), "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("SVC6004");
    expect(readdirSync(dir)).toEqual(["orders-api.yaml"]);
    expect(readFileSync(join(dir, "orders-api.yaml"), "utf8")).toContain("targets: [nssm]");
  });

  it("--from sc reads an nssm service's key as sc would run it, and reports nssm's parameters", async () => {
    const r = await runCli(["import", join(FIX, "nssm/plain.reg"), "--from", "sc", "--out", dir]);
    expect(r.code, r.stderr).toBe(0);
    const spec = readFileSync(join(dir, "plain.yaml"), "utf8");
    expect(spec).toContain("executable: C:\\bin\\nssm.exe\n");
    expect(spec).toContain("targets: [sc]");
    expect(r.stderr).toContain("warning SVC6303: [sc] [Parameters] is not imported: the program's own settings have no spec field");
  });

  it("a key svcgen cannot describe: exit 1, a located error, nothing written", async () => {
    const r = await runCli(["import", join(FIX, "sc/bad-svchost.reg"), "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("bad-svchost.reg:6:1: error SVC6302: [sc] wuauserv is a service that shares a process with others");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("an export of another key is not recognised without --from", async () => {
    const r = await runCli(["import", join(FIX, "sc/bad-not-service.reg"), "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("SVC6001");
  });
});

describe("svcgen import --installed NAME on Windows", () => {
  const exportBytes = readFileSync(join(FIX, "nssm/typed.reg"));
  const fakeRegExe = (calls: string[][]): RunProgram => async (program, args) => {
    calls.push([program, ...args]);
    if (program !== "reg.exe" || args[1] !== "HKLM\\SYSTEM\\CurrentControlSet\\Services\\orders-api") return { status: 1, stdout: new Uint8Array(), stderr: "ERROR: The system was unable to find the specified registry key or value.\r\n" };
    writeFileSync(args[2]!, exportBytes);
    return { status: 0, stdout: new TextEncoder().encode("The operation completed successfully.\r\n"), stderr: "" };
  };
  const cli = async (o: Partial<ImportCliOptions> & { installed: string }) => {
    let stderr = "";
    const restore = redirectOutput({ stdout: () => undefined, stderr: (s) => (stderr += s) });
    try {
      return { code: await runImport([], { out: dir, strict: false, format: "text", platform: "win32", ...o }), stderr };
    } finally {
      restore();
    }
  };

  it("runs reg.exe export of the service key once (nssm and sc share it) and imports the file it wrote", async () => {
    const calls: string[][] = [];
    const r = await cli({ installed: "orders-api", run: fakeRegExe(calls) });
    expect(r.code, r.stderr).toBe(0);
    expect(calls.map((c) => [c[0], c[1], c[2], c[4]])).toEqual([["reg.exe", "export", "HKLM\\SYSTEM\\CurrentControlSet\\Services\\orders-api", "/y"]]);
    // reg.exe writes into the scratch folder the CLI made, and the CLI removes it.
    expect(existsSync(calls[0]![3]!)).toBe(false);
    const spec = readFileSync(join(dir, "orders-api.yaml"), "utf8");
    expect(spec).toContain("# Imported by svcgen from the installed service (reg.exe export HKLM\\SYSTEM\\CurrentControlSet\\Services\\orders-api): ");
    expect(spec).toContain("targets: [nssm]");
  });

  it("a service that is not installed: reg.exe asked once (then the other Windows sources), its message, exit 2", async () => {
    const calls: string[][] = [];
    const r = await cli({ installed: "nope", run: fakeRegExe(calls) });
    expect(r.code).toBe(2);
    expect(calls.filter((c) => c[0] === "reg.exe" && c[1] === "export")).toHaveLength(1);
    expect(r.stderr).toContain("svcgen: reg.exe export HKLM\\SYSTEM\\CurrentControlSet\\Services\\nope failed: ERROR: The system was unable to find the specified registry key or value.; is nope an installed service?");
    const sc = await cli({ installed: "nope", run: fakeRegExe([]), from: "sc" });
    expect(sc.stderr).toBe("svcgen: reg.exe export HKLM\\SYSTEM\\CurrentControlSet\\Services\\nope failed: ERROR: The system was unable to find the specified registry key or value.; is nope an installed service?\n");
  });

  it("a name that is not a service name is refused before anything runs", async () => {
    const calls: string[][] = [];
    const r = await cli({ installed: "a\\b", run: fakeRegExe(calls), from: "sc" });
    expect(r.code).toBe(2);
    expect(calls).toEqual([]);
    expect(r.stderr).toContain('"a\\\\b" is not a Windows service name');
  });
});
