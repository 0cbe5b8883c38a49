import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runImport, type ImportCliOptions } from "../../src/cli/import.js";
import { redirectOutput } from "../../src/cli/output.js";
import type { RunProgram } from "../../src/targets/types.js";
import { runCli } from "../helpers/cli.js";

// svcgen import of Run-key exports from the command line, and --installed NAME on Windows through a recorded
// reg.exe (Wine's real reg.exe runs it in test/conformance/runkey.test.ts).

const FIX = new URL("../../fixtures/import/runkey/", import.meta.url).pathname;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "svcgen-import-runkey-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A reg export file: UTF-16LE with a BOM, CRLF. */
const regFile = (lines: string[]) => Buffer.from("\uFEFF" + ["Windows Registry Editor Version 5.00", "", ...lines, ""].join("\r\n"), "utf16le");
const CV = "Software\\Microsoft\\Windows\\CurrentVersion";

describe("svcgen import <Run key export>.reg", () => {
  it("tells a Run key export by its content and writes a spec per entry; an entry with an error gets none", async () => {
    const r = await runCli(["import", join(FIX, "user-entries.reg"), "--out", dir]);
    expect(r.code).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(["Discord.yaml", "OneDrive.yaml", "Spotify.yaml"]);
    expect(readFileSync(join(dir, "Spotify.yaml"), "utf8")).toContain("startup: disabled\nrestart:\n  policy: never\ntargets: [runkey]\n");
    expect(r.stderr).toContain('error SVC6006: [runkey] the Run entry "Microsoft Teams" cannot be a spec\'s name');
  });

  it("svcgen diff compares a spec with its entry in a Run key export (the export's other entries are not its)", async () => {
    const spec = join(dir, "Spotify.yaml");
    const same = ["version: 1", "name: Spotify", "executable: C:\\Users\\ana\\AppData\\Roaming\\Spotify\\Spotify.exe", "args: [--autostart, --minimized]", "startup: disabled", "restart: { policy: never }", "targets: [runkey]", ""];
    writeFileSync(spec, same.join("\n"));
    const ok = await runCli(["diff", spec, "--against", join(FIX, "user-entries.reg")]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    writeFileSync(spec, same.map((l) => (l.startsWith("args:") ? "args: [--autostart]" : l)).join("\n"));
    const changed = await runCli(["diff", spec, "--against", join(FIX, "user-entries.reg")]);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain(`SVC7002: [runkey] args[1]: installed only: "--minimized"`);
  });

  it("--service keeps one entry", async () => {
    const r = await runCli(["import", join(FIX, "user-entries.reg"), "--service", "spotify", "--out", dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual(["Spotify.yaml"]);
  });
});

describe("svcgen import --installed NAME on Windows, for a Run entry", () => {
  const exports: Record<string, Buffer> = {
    [`HKCU\\${CV}\\Run`]: regFile([`[HKEY_CURRENT_USER\\${CV}\\Run]`, '"Spotify"="\\"C:\\\\Users\\\\ana\\\\AppData\\\\Roaming\\\\Spotify\\\\Spotify.exe\\" --autostart"', '"OneDrive"="\\"C:\\\\OneDrive\\\\OneDrive.exe\\" /background"', ""]),
    [`HKCU\\${CV}\\Explorer\\StartupApproved\\Run`]: regFile([`[HKEY_CURRENT_USER\\${CV}\\Explorer\\StartupApproved\\Run]`, '"Spotify"=hex:03,00,00,00,66,c2,a1,f3,e6,b8,da,01', ""]),
    [`HKLM\\${CV}\\Run`]: regFile([`[HKEY_LOCAL_MACHINE\\${CV}\\Run]`, '"Agent"="\\"C:\\\\Program Files\\\\Agent\\\\agent.exe\\""', ""]),
  };
  const NOT_FOUND = { status: 1, stdout: new Uint8Array(), stderr: "ERROR: The system was unable to find the specified registry key or value.\r\n" };
  const fakeRegExe =
    (calls: string[][]): RunProgram =>
    async (program, args) => {
      calls.push([program, ...args]);
      if (program !== "reg.exe") return NOT_FOUND;
      if (args[0] === "query") {
        const bytes = exports[args[1]!];
        return bytes && new TextDecoder("utf-16le").decode(bytes).includes(`"${args[3]}"=`) ? { status: 0, stdout: new Uint8Array(), stderr: "" } : NOT_FOUND;
      }
      if (args[0] === "export" && exports[args[1]!]) {
        writeFileSync(args[2]!, exports[args[1]!]!);
        return { status: 0, stdout: new TextEncoder().encode("The operation completed successfully.\r\n"), stderr: "" };
      }
      return NOT_FOUND;
    };
  const cli = async (o: Partial<ImportCliOptions> & { installed: string }) => {
    let stderr = "";
    const restore = redirectOutput({ stdout: () => undefined, stderr: (s) => (stderr += s) });
    try {
      return { code: await runImport([], { out: dir, strict: false, format: "text", platform: "win32", from: "runkey", ...o }), stderr };
    } finally {
      restore();
    }
  };

  it("finds the entry's Run key with reg.exe query, exports it and Task Manager's records, and imports that entry only", async () => {
    const calls: string[][] = [];
    const r = await cli({ installed: "Spotify", run: fakeRegExe(calls) });
    expect(r.code, r.stderr).toBe(0);
    expect(calls.map((c) => c.filter((_, i) => i !== 3 || c[1] !== "export"))).toEqual([
      ["reg.exe", "query", `HKCU\\${CV}\\Run`, "/v", "Spotify", "/reg:64"],
      ["reg.exe", "export", `HKCU\\${CV}\\Run`, "/y", "/reg:64"],
      ["reg.exe", "export", `HKCU\\${CV}\\Explorer\\StartupApproved\\Run`, "/y", "/reg:64"],
    ]);
    expect(existsSync(calls[1]![3]!)).toBe(false);
    expect(readdirSync(dir)).toEqual(["Spotify.yaml"]);
    const spec = readFileSync(join(dir, "Spotify.yaml"), "utf8");
    expect(spec).toContain(`# Imported by svcgen from the installed service (reg.exe export of the Run key that holds Spotify (HKCU or HKLM) and of its StartupApproved\\Run): `);
    expect(spec).toContain("executable: C:\\Users\\ana\\AppData\\Roaming\\Spotify\\Spotify.exe\nargs: [--autostart]\nstartup: disabled\n");
  });

  it("an entry of every user's (HKLM): scope machine; no Task Manager key says nothing; a missing entry says where it looked", async () => {
    const r = await cli({ installed: "Agent", run: fakeRegExe([]) });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, "Agent.yaml"), "utf8")).toContain("options:\n  runkey:\n    scope: machine\n");
    const none = await cli({ installed: "nope", run: fakeRegExe([]) });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(`svcgen: reg.exe query found no Run entry nope in HKCU\\${CV}\\Run or HKLM\\${CV}\\Run\n`);
  });
});
