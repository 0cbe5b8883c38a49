import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { decodeWindowsCommandLine } from "../decoders/windows-argv.js";
import { expandWindows } from "../decoders/windows-expand.js";
import { runImport } from "../../src/cli/import.js";
import { redirectOutput } from "../../src/cli/output.js";
import type { RunProgram } from "../../src/targets/types.js";
import { compileYaml } from "../helpers/compile.js";
import { itWithOracle } from "../helpers/oracle.js";
import { WINE_INSTALL_HINT, wineOracle, WinePrefix, type RegValue, type RunResult } from "../helpers/wine.js";

// The runkey scripts, run for real: Wine's cmd.exe runs them, Wine's own reg.exe writes the registry,
// and the values are read back with `reg export` (UTF-16) and split with the Windows argv rules
// (test/decoders/windows-argv.ts), independently of svcgen's encoders. Then Wine's own Run-key code
// (wineboot's process_run_key: CreateProcess on each REG_SZ value of HKLM and HKCU\...\Run) starts the
// entry, and a recording program (argv-dump.c) shows the argv it received.
//
// Known Wine differences: its Run-key code starts only REG_SZ values (an entry with ${NAME}, written
// REG_EXPAND_SZ, is checked by its stored text and the test decoder's expansion instead); `net session`
// succeeds for everyone, so the Administrator check is shown failing with a `net` that fails, first on
// PATH. Task Manager does not exist here: its disable record is written as Windows writes it.
//
// Import: `svcgen import --installed NAME` runs Wine's reg.exe (query, then export of the Run key and of Task
// Manager's record key) on entries the scripts wrote, and the spec it writes builds the same scripts.

const ARGV_DUMP_C = new URL("./argv-dump/argv-dump.c", import.meta.url).pathname;
const gcc = spawnSync("sh", ["-c", "command -v x86_64-w64-mingw32-gcc"], { encoding: "utf8" }).stdout?.trim() || undefined;
const itWineOnce = itWithOracle(wineOracle().available && !!gcc, "wine + mingw-w64", `${WINE_INSTALL_HINT} mingw-w64`);
let p: WinePrefix;
const itWine = (name: string, fn: () => Promise<void>, timeout?: number) => itWineOnce(name, () => p.retryOnStartFailure(name, fn), timeout);

// The program's directory has the characters cmd.exe and the argv rules treat specially (no %: a
// literal % in the path and another in an argument would pair when Windows expands the line).
const PROGRAM_DIR = "rk dir (x86) & co; ^!";
const ARGS = [
  "--title",
  "Orders & Billing | <Prod> (eu)",
  'say "hello"',
  "C:\\path with spaces\\",
  "",
  "caret^ and bang!",
  "tab\there",
  "trailing\\",
  "back\\\\slashes\\\\\"quote",
  "50%",
];

const HKCU_RUN = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
const HKLM_RUN = "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
const HKLM_RUN_32 = "HKLM\\Software\\Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Run";
const HKCU_APPROVED = "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run";
const HKLM_APPROVED = "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run";

let scripts: string;
let programDir: string;
let exe: string;

const yamlString = (s: string) => JSON.stringify(s);

function spec(name: string, extra: string[] = [], args: readonly string[] = ARGS, executable = exe): string {
  return ["version: 1", `name: ${name}`, `executable: ${yamlString(executable)}`, `args: ${JSON.stringify(args)}`, ...extra].join("\n");
}

async function build(yaml: string, name: string): Promise<void> {
  // Left out, restart.policy means on-failure, which a Run entry cannot do: these specs say never.
  const c = await compileYaml(/^restart:/m.test(yaml) ? yaml : `${yaml}\nrestart: { policy: never }\n`, "runkey", { sourceName: "service.yaml" });
  expect(c.errors).toEqual([]);
  for (const f of [`${name}.runkey-install.cmd`, `${name}.runkey-uninstall.cmd`]) writeFileSync(join(scripts, f), c.files.get(f)!);
}

const run = (file: string): Promise<RunResult> => p.runScript(join(scripts, file));

/** One value of a key, read back with `reg export`; undefined when the key or the value is missing. */
async function regValue(key: string, name: string): Promise<RegValue | undefined> {
  const tree = await p.regExport(key);
  if (!tree) return undefined;
  const full = key.replace(/^HKCU\\/, "HKEY_CURRENT_USER\\").replace(/^HKLM\\/, "HKEY_LOCAL_MACHINE\\").toLowerCase();
  const values = [...tree].find(([k]) => k.toLowerCase() === full)?.[1];
  return values?.get(name);
}

const hex = (v: RegValue | undefined) => (v && v.value instanceof Uint8Array ? Buffer.from(v.value).toString("hex") : v);

/** The argv lists the recording program received, when Wine's Run-key code started it (waits for the first). */
async function startedArgv(): Promise<string[][]> {
  const f = join(programDir, "argv-dump.txt");
  for (let i = 0; i < 100 && !existsSync(f); i++) await new Promise((r) => setTimeout(r, 100));
  if (!existsSync(f)) return [];
  await new Promise((r) => setTimeout(r, 300)); // any other entry started in the same pass
  const dec = (h: string) => (h === "-" ? "" : String.fromCharCode(...h.match(/.{4}/g)!.map((x) => parseInt(x, 16))));
  const rows = readFileSync(f, "utf8").trim().split("\n").map((l) => l.split(" ").map(dec));
  rmSync(f);
  return rows.map((r) => r.slice(1));
}

describe("runkey scripts under Wine (cmd.exe, reg.exe, the registry, wineboot's Run-key code)", () => {
  beforeAll(async () => {
    if (!wineOracle().available || !gcc) return;
    p = await WinePrefix.create("runkey");
    scripts = join(p.driveC, "scripts");
    programDir = join(p.driveC, PROGRAM_DIR);
    mkdirSync(scripts);
    mkdirSync(programDir);
    execFileSync(gcc, ["-municode", "-O2", "-o", join(programDir, "argv-dump.exe"), ARGV_DUMP_C, "-lshell32"]);
    exe = p.winPath(join(programDir, "argv-dump.exe"));
  }, 240_000);
  afterAll(async () => p?.close());

  itWine("install twice, read back with reg export, started by Wine's Run-key code with the spec's argv; uninstall removes it", async () => {
    await build(spec("rk-hostile"), "rk-hostile");
    for (let i = 0; i < 2; i++) {
      const r = await run("rk-hostile.runkey-install.cmd");
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain("The entry rk-hostile is installed: the program starts at the next logon of the user who ran this script.");
      const v = await regValue(HKCU_RUN, "rk-hostile");
      expect(v?.type).toBe("REG_SZ");
      // Split as Windows splits a command line, by both the C runtime's and CommandLineToArgvW's rules.
      for (const dialect of ["msvcrt", "commandLineToArgvW"] as const) {
        expect(decodeWindowsCommandLine(v!.value as string, dialect), dialect).toEqual([exe, ...ARGS]);
      }
    }
    // What Windows' Explorer does at logon, done by Wine's equivalent: the program gets exactly those.
    rmSync(join(programDir, "argv-dump.txt"), { force: true });
    const boot = await p.wine(["wineboot"]);
    expect(boot.code, boot.stdout + boot.stderr).toBe(0);
    expect(await startedArgv()).toEqual([[exe, ...ARGS]]);

    const un = await run("rk-hostile.runkey-uninstall.cmd");
    expect(un.code, un.stdout + un.stderr).toBe(0);
    expect(un.stdout).toContain("The entry rk-hostile is removed");
    expect(await regValue(HKCU_RUN, "rk-hostile")).toBeUndefined();
    const again = await run("rk-hostile.runkey-uninstall.cmd");
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain("The entry rk-hostile is not installed: nothing to remove.");
  });

  itWine("converges: a changed spec replaces the value, and a value of another type", async () => {
    await p.setupStep(["reg", "add", HKCU_RUN, "/v", "rk-converge", "/t", "REG_EXPAND_SZ", "/d", "%WINDIR%\\old.exe --stale", "/f"]);
    await build(spec("rk-converge", [], ["--new"]), "rk-converge");
    expect((await run("rk-converge.runkey-install.cmd")).code).toBe(0);
    expect(await regValue(HKCU_RUN, "rk-converge")).toEqual({ type: "REG_SZ", value: `"${exe}" --new` });
    expect((await run("rk-converge.runkey-uninstall.cmd")).code).toBe(0);
  });

  itWine("a Task Manager disable: left as it is and reported without reenable, cleared and reported with it", async () => {
    // Task Manager's Disable: 03 00 00 00 and the FILETIME of the change.
    const disabled = "0300000088b7c1c3d2a5d901";
    for (const first of ["03", "07"]) {
      const record = first + disabled.slice(2);
      await p.setupStep(["reg", "add", HKCU_APPROVED, "/v", "rk-approved", "/t", "REG_BINARY", "/d", record, "/f"]);

      await build(spec("rk-approved", [], ["--x"]), "rk-approved");
      const kept = await run("rk-approved.runkey-install.cmd");
      expect(kept.code, kept.stdout + kept.stderr).toBe(0);
      expect(kept.stdout).toContain("NOTE: the entry rk-approved is disabled in Task Manager's Startup tab, so Windows does not start it at logon.");
      expect(kept.stdout).toContain("This script left it disabled: enable it there, or set options.runkey.reenable: true and run this script again.");
      expect(kept.stdout).not.toContain("is installed:");
      expect(hex(await regValue(HKCU_APPROVED, "rk-approved"))).toBe(record);
      expect((await regValue(HKCU_RUN, "rk-approved"))?.value).toBe(`"${exe}" --x`);

      await build(spec("rk-approved", ["options: { runkey: { reenable: true } }"], ["--x"]), "rk-approved");
      const cleared = await run("rk-approved.runkey-install.cmd");
      expect(cleared.code, cleared.stdout + cleared.stderr).toBe(0);
      expect(cleared.stdout).toContain("The entry rk-approved had been disabled in Task Manager's Startup tab: it is enabled again, as options.runkey.reenable: true asks.");
      expect(cleared.stdout).toContain("The entry rk-approved is installed:");
      expect(await regValue(HKCU_APPROVED, "rk-approved")).toBeUndefined();
    }

    // An enabled record (02) is not a disable: left alone, nothing said about it.
    const enabled = "020000000000000000000000";
    await p.setupStep(["reg", "add", HKCU_APPROVED, "/v", "rk-approved", "/t", "REG_BINARY", "/d", enabled, "/f"]);
    const r = await run("rk-approved.runkey-install.cmd");
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/disabled/);
    expect(hex(await regValue(HKCU_APPROVED, "rk-approved"))).toBe(enabled);

    // startup: disabled writes Task Manager's Disable; uninstall removes the value and the record.
    await build(spec("rk-approved", ["startup: disabled"], ["--x"]), "rk-approved");
    const d = await run("rk-approved.runkey-install.cmd");
    expect(d.code, d.stdout + d.stderr).toBe(0);
    expect(d.stdout).toContain("The entry rk-approved is installed and disabled, as startup: disabled asks");
    expect(hex(await regValue(HKCU_APPROVED, "rk-approved"))).toBe("030000000000000000000000");
    const un = await run("rk-approved.runkey-uninstall.cmd");
    expect(un.code, un.stdout + un.stderr).toBe(0);
    expect(await regValue(HKCU_RUN, "rk-approved")).toBeUndefined();
    expect(await regValue(HKCU_APPROVED, "rk-approved")).toBeUndefined();
  });

  itWine("scope machine: stops before any change without elevation; elevated, writes HKLM's 64-bit Run key", async () => {
    await build(spec("rk-machine", ["options: { runkey: { scope: machine } }"]), "rk-machine");
    // Wine's `net session` succeeds for everyone: a `net.exe` that fails, first on PATH, plays a standard
    // user (`net session` exits 2 without elevation).
    const netStub = join(p.binDir, "net.exe");
    execFileSync(gcc!, ["-x", "c", "-", "-o", netStub], { input: "int main(void) { return 2; }\n" });
    try {
      const denied = await run("rk-machine.runkey-install.cmd");
      expect(denied.code, denied.stdout + denied.stderr).toBe(5);
      expect(denied.stderr).toContain("ERROR: run this script from an elevated (Administrator) command prompt.");
      expect(await regValue(HKLM_RUN, "rk-machine")).toBeUndefined();
      const deniedUn = await run("rk-machine.runkey-uninstall.cmd");
      expect(deniedUn.code).toBe(5);
      // The per-user scripts never ask for elevation.
      await build(spec("rk-user-only", [], ["--u"]), "rk-user-only");
      const user = await run("rk-user-only.runkey-install.cmd");
      expect(user.code, user.stdout + user.stderr).toBe(0);
      expect((await run("rk-user-only.runkey-uninstall.cmd")).code).toBe(0);
    } finally {
      rmSync(netStub, { force: true });
    }

    const r = await run("rk-machine.runkey-install.cmd");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("The entry rk-machine is installed: the program starts at the next logon of every user.");
    const v = await regValue(HKLM_RUN, "rk-machine");
    expect(v?.type).toBe("REG_SZ");
    expect(decodeWindowsCommandLine(v!.value as string, "commandLineToArgvW")).toEqual([exe, ...ARGS]);
    // The scripts name the 64-bit view (/reg:64), which a 32-bit reg.exe (run from a 32-bit prompt)
    // would otherwise not use. Debian's Wine here has no 32-bit side to run one; what it shows is that
    // its reg.exe honours the view switches: /reg:32 is the WOW6432Node copy, which the script left alone.
    await p.setupStep(["reg", "add", HKLM_RUN, "/v", "rk-view-probe", "/t", "REG_SZ", "/d", "x", "/f", "/reg:32"]);
    expect(await regValue(HKLM_RUN_32, "rk-view-probe")).toEqual({ type: "REG_SZ", value: "x" });
    expect(await regValue(HKLM_RUN, "rk-view-probe")).toBeUndefined();
    await p.setupStep(["reg", "delete", HKLM_RUN, "/v", "rk-view-probe", "/f", "/reg:32"]);
    expect(await regValue(HKLM_RUN_32, "rk-machine")).toBeUndefined();

    rmSync(join(programDir, "argv-dump.txt"), { force: true });
    expect((await p.wine(["wineboot"])).code).toBe(0);
    expect(await startedArgv()).toEqual([[exe, ...ARGS]]);

    await p.setupStep(["reg", "add", HKLM_APPROVED, "/v", "rk-machine", "/t", "REG_BINARY", "/d", "030000000000000000000000", "/f"]);
    const un = await run("rk-machine.runkey-uninstall.cmd");
    expect(un.code, un.stdout + un.stderr).toBe(0);
    expect(await regValue(HKLM_RUN, "rk-machine")).toBeUndefined();
    expect(await regValue(HKLM_APPROVED, "rk-machine")).toBeUndefined();
  });

  itWine("${NAME}: a REG_EXPAND_SZ value holding %NAME%, which expands to the program and arguments", async () => {
    const yaml = [
      "version: 1",
      "name: rk-vars",
      "executable: '${ProgramFiles}\\Vars App\\vars.exe'",
      `args: ["--data", "\${APPDATA}\\\\vars", "--ratio", "75%"]`,
    ].join("\n");
    await build(yaml, "rk-vars");
    const r = await run("rk-vars.runkey-install.cmd");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const v = await regValue(HKCU_RUN, "rk-vars");
    expect(v).toEqual({ type: "REG_EXPAND_SZ", value: '"%ProgramFiles%\\Vars App\\vars.exe" --data "%APPDATA%\\vars" --ratio 75%' });
    const env: Record<string, string> = { PROGRAMFILES: "C:\\Program Files", APPDATA: "C:\\Users\\me & co\\AppData\\Roaming" };
    for (const scan of ["ntdll", "wine"] as const) {
      const expanded = expandWindows(v!.value as string, (n) => n.toUpperCase() in env, scan, (n) => env[n.toUpperCase()]!);
      expect(decodeWindowsCommandLine(expanded, "commandLineToArgvW")).toEqual(["C:\\Program Files\\Vars App\\vars.exe", "--data", `${env.APPDATA}\\vars`, "--ratio", "75%"]);
    }
    expect((await run("rk-vars.runkey-uninstall.cmd")).code).toBe(0);
    expect(await regValue(HKCU_RUN, "rk-vars")).toBeUndefined();
  });

  itWine("svcgen import --installed NAME: Wine's reg.exe finds and exports the entries the scripts wrote, and each imports to a spec that builds the same scripts", async () => {
    const vars = ["version: 1", "name: rk-imp-vars", "executable: '${ProgramFiles}\\Vars App\\vars.exe'", `args: ["--data", "\${APPDATA}\\\\vars", "--ratio", "75%"]`].join("\n");
    const cases: [string, string, string[]][] = [
      ["rk-imp-hostile", spec("rk-imp-hostile"), []],
      ["rk-imp-off", spec("rk-imp-off", ["startup: disabled"], ["--x"]), ["startup: disabled\n"]],
      ["rk-imp-machine", spec("rk-imp-machine", ["options: { runkey: { scope: machine } }"], ["--all"]), ["options:\n  runkey:\n    scope: machine\n"]],
      ["rk-imp-vars", vars, ["executable: ${ProgramFiles}\\Vars App\\vars.exe\nargs: [--data, '${APPDATA}\\vars', --ratio, 75%]\n"]],
    ];
    // --installed runs reg.exe as on Windows; here Wine runs it, and the scratch folder's paths are given as Wine sees them.
    const regExe: RunProgram = async (program, args) => {
      if (program !== "reg.exe") return { status: 1, stdout: new Uint8Array(), stderr: `${program} is not run here` };
      const r = await p.wine([program, ...args.map((a) => (a.startsWith(tmpdir()) ? p.winPath(a) : a))]);
      return { status: r.code, stdout: new TextEncoder().encode(r.stdout), stderr: r.stderr };
    };
    const out = mkdtempSync(join(tmpdir(), "svcgen-runkey-import-"));
    try {
      for (const [name, yaml, shows] of cases) {
        await build(yaml, name);
        const r = await run(`${name}.runkey-install.cmd`);
        expect(r.code, r.stdout + r.stderr).toBe(0);
        let stderr = "";
        const restore = redirectOutput({ stdout: () => undefined, stderr: (s) => (stderr += s) });
        let code: number;
        try {
          code = await runImport([], { out, strict: false, format: "text", platform: "win32", from: "runkey", installed: name, run: regExe });
        } finally {
          restore();
        }
        expect(code, stderr).toBe(0);
        const imported = readFileSync(join(out, `${name}.yaml`), "utf8");
        for (const s of shows) expect(imported).toContain(s);
        const [a, b] = [await compileYaml(`${yaml}\nrestart: { policy: never }\n`, "runkey", { sourceName: "service.yaml" }), await compileYaml(imported, "runkey", { sourceName: "service.yaml" })];
        expect(a.errors).toEqual([]);
        expect(b.errors).toEqual([]);
        expect([...b.files.entries()]).toEqual([...a.files.entries()]);
        expect((await run(`${name}.runkey-uninstall.cmd`)).code).toBe(0);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 240_000);
});
