import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { compileYaml } from "../helpers/compile.js";
import { itWithOracle } from "../helpers/oracle.js";
import { WINE_INSTALL_HINT, wineOracle, WinePrefix, type RegValue, type RegValues, type RunResult } from "../helpers/wine.js";
import { decodeWindowsCommandLine } from "../decoders/windows-argv.js";

// The sc scripts, run for real: cmd.exe and reg.exe are Wine's, the registry is Wine's, and Wine's
// service control manager (services.exe) stores and starts the service. sc.exe is a stand-in built here
// from test/conformance/sc-recorder/sc.c with mingw-w64, because Wine's own sc.exe lacks `config` and
// `failureflag`, exits 1 instead of the Win32 error code and mangles `depend=`. The stand-in records
// the argv that reaches it (CommandLineToArgvW) and applies it through the Win32 service API.
//
// What is checked where:
// - the registry (wine reg export): ImagePath, DisplayName, Description, Start, DependOnService,
//   ObjectName, and the Environment value written by Wine's real reg.exe;
// - the recorded sc.exe argv, compared with lists written out here by hand from the spec: everything,
//   and in particular what Wine's SCM cannot store (the delayed-start flag, failure actions, the
//   failure flag: ChangeServiceConfig2 answers ERROR_INVALID_LEVEL or drops them);
// - the started service's own argv (a stub service built from stub-service.c records it): the
//   ImagePath's arguments reach the program exactly;
// - Wine's own sc.exe given the script's `sc.exe create` line stores the same ImagePath.
// Known Wine differences, avoided on purpose: Wine's cmd re-expands %...% inside an expanded value
// (Windows does not), so the test password has no %; `chcp 65001` needs a console, so non-ASCII values
// are checked by bytes in test/sc/emit.test.ts; Wine stores the ImagePath as REG_SZ, not REG_EXPAND_SZ.

const SOURCES = new URL("./sc-recorder/", import.meta.url).pathname;

const gcc = spawnSync("sh", ["-c", "command -v x86_64-w64-mingw32-gcc"], { encoding: "utf8" }).stdout?.trim() || undefined;
const itWineOnce = itWithOracle(wineOracle().available && !!gcc, "wine + mingw-w64", `${WINE_INSTALL_HINT} mingw-w64`);
let h: ScHarness;
// A test runs again (twice at most), from removed services, only when Wine failed to start a program in it.
const itWine = (name: string, fn: () => Promise<void>, timeout?: number) =>
  itWineOnce(name, () => h.p.retryOnStartFailure(name, fn), timeout);

// A directory name with the characters cmd.exe and the argv rules treat specially (no " : the
// executable check refuses it, as no Windows path can hold one).
const HOSTILE_DIR = "svc dir (x86) & co; 50% ^!";

function buildExe(source: string, out: string): void {
  execFileSync(gcc!, ["-municode", "-O2", "-Wall", "-Werror", "-o", out, join(SOURCES, source), "-ladvapi32", "-lshell32"], { stdio: "pipe" });
}

/** A Wine prefix with the sc.exe stand-in first on PATH and the stub service in a hostile directory. */
class ScHarness {
  readonly scripts: string;
  readonly programDir: string;
  readonly scLog: string;
  readonly scExe: string;

  private constructor(readonly p: WinePrefix) {
    this.scripts = join(p.root, "scripts");
    this.programDir = join(p.root, HOSTILE_DIR);
    mkdirSync(this.scripts);
    mkdirSync(this.programDir);
    // Built outside the scripts' current directory, then put first on PATH (C:\svcgen-bin): a script's
    // `sc.exe` resolves to it before C:\windows\system32\sc.exe.
    mkdirSync(join(p.root, "build"));
    buildExe("sc.c", join(p.root, "build", "sc.exe"));
    this.scExe = p.installTool(join(p.root, "build", "sc.exe"), "sc.exe");
    this.scLog = join(p.binDir, "sc-record.jsonl");
    buildExe("stub-service.c", join(this.programDir, "stub-service.exe"));
  }

  static async create(): Promise<ScHarness> {
    return new ScHarness(await WinePrefix.create("sc"));
  }

  /** The Windows path of the stub service. */
  get stubExe(): string {
    return this.p.winPath(join(this.programDir, "stub-service.exe"));
  }

  write(files: Map<string, Uint8Array>): void {
    for (const [name, bytes] of files) writeFileSync(join(this.scripts, name), bytes);
  }

  private takeScRecord(): string[][] {
    if (!existsSync(this.scLog)) return [];
    const lines = readFileSync(this.scLog, "utf8").split("\n").filter(Boolean);
    rmSync(this.scLog);
    return lines.map((l) => (JSON.parse(l) as { argv: string[] }).argv.slice(1));
  }

  /** Runs a generated script with cmd.exe; `sc` is the argv (after the program name) of each sc.exe call. */
  async run(script: string, env: Record<string, string> = {}): Promise<RunResult & { sc: string[][] }> {
    this.takeScRecord();
    const r = await this.p.runScript(join(this.scripts, script), { env });
    return { ...r, sc: this.takeScRecord() };
  }

  /** sc.exe (the stand-in) with these arguments, outside any script. */
  async sc(args: string[]): Promise<RunResult> {
    const r = await this.p.wine([this.scExe, ...args]);
    this.takeScRecord();
    return r;
  }

  /** Waits until the SCM reports the service RUNNING (StartService may return before the process is up). */
  async waitRunning(name: string): Promise<void> {
    for (let i = 0; i < 50; i++) {
      if (/STATE\s+:\s+4\b/.test((await this.sc(["query", name])).stdout)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${name} did not reach RUNNING`);
  }

  async registry(name: string): Promise<RegValues | undefined> {
    return (await this.p.service(name))?.key;
  }

  /** Argv lines the stub service recorded when the SCM started it. */
  serviceArgv(): string[][] {
    const f = join(this.programDir, "service-argv.jsonl");
    if (!existsSync(f)) return [];
    return readFileSync(f, "utf8").split("\n").filter(Boolean).map((l) => (JSON.parse(l) as { argv: string[] }).argv);
  }

  close(): Promise<void> {
    return this.p.close();
  }
}

const sz = (v: RegValue | undefined) => (v?.type === "REG_SZ" || v?.type === "REG_EXPAND_SZ" ? v.value : v);
const dword = (v: RegValue | undefined) => (v?.type === "REG_DWORD" ? v.value : v);
const multi = (v: RegValue | undefined) => (v?.type === "REG_MULTI_SZ" ? v.value : v);

// --- the specs ------------------------------------------------------------------------------------

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
];
const PASSWORD = "p&ss^w!<x>|y";

function specA(exe: string): string {
  return [
    "version: 1",
    "name: hostile-sc",
    `displayName: 'Hostile "sc" & <friends> 100%'`,
    "description: 'Costs $$5, 100% of cases; caret ^, bang !, pipe |, (parens)'",
    `executable: '${exe.replace(/'/g, "''")}'`,
    `args: ${JSON.stringify(ARGS)}`,
    "environment:",
    `  QUOTED: 'a "quoted" value'`,
    `  SYMBOLS: "^&|<>()!"`,
    `  PERCENT: "100% and %TEMP%"`,
    `  ZERO: 'C:\\0data;D:\\x'`,
    "account: { user: '.\\svcuser', password: { fromEnv: HOSTILE_SC_PASSWORD } }",
    "startup: delayed",
    "dependsOn: [Tcpip, Dnscache]",
    "restart: { delay: 5s, maxRetries: 3, window: 10m, resetAfter: 1h }",
  ].join("\n");
}

// The same service after the spec dropped almost everything: the script must reset what is gone.
function specB(exe: string): string {
  return ["version: 1", "name: hostile-sc", `executable: '${exe.replace(/'/g, "''")}'`, "startup: manual", "restart: { policy: never }"].join("\n");
}

// The argv sc.exe must receive for spec A, written out by hand (sc.exe syntax: `name=` and the value
// as two elements; the ImagePath's executable quoted, its arguments quoted by the C runtime rules).
function imagePathA(exe: string): string {
  return [
    `"${exe}"`,
    "--title",
    '"Orders & Billing | <Prod> (eu)"',
    '"say \\"hello\\""',
    '"C:\\path with spaces\\\\"',
    '""',
    '"caret^ and bang!"',
    '"tab\there"',
    "trailing\\",
    '"back\\\\slashes\\\\\\\\\\"quote"',
  ].join(" ");
}

function expectedInstallA(exe: string, first: boolean): string[][] {
  const ip = imagePathA(exe);
  return [
    ["query", "hostile-sc"],
    ...(first ? [["create", "hostile-sc", "binPath=", ip, "start=", "auto", "DisplayName=", 'Hostile "sc" & <friends> 100%']] : []),
    [
      "config", "hostile-sc", "binPath=", ip, "start=", "delayed-auto", "DisplayName=", 'Hostile "sc" & <friends> 100%',
      "depend=", "Tcpip/Dnscache", "obj=", ".\\svcuser", "password=", PASSWORD,
    ],
    ["description", "hostile-sc", "Costs $5, 100% of cases; caret ^, bang !, pipe |, (parens)"],
    ["failure", "hostile-sc", "reset=", "3600", "actions=", "restart/5000/restart/5000/restart/5000//0"],
    ["failureflag", "hostile-sc", "1"],
  ];
}

function expectedInstallB(exe: string): string[][] {
  return [
    ["query", "hostile-sc"],
    ["config", "hostile-sc", "binPath=", `"${exe}"`, "start=", "demand", "DisplayName=", "hostile-sc", "depend=", "/", "obj=", "LocalSystem", "password=", ""],
    ["description", "hostile-sc", ""],
    ["failure", "hostile-sc", "reset=", "0", "actions=", ""],
    ["failureflag", "hostile-sc", "0"],
  ];
}

async function build(h: ScHarness, yaml: string): Promise<void> {
  const r = await compileYaml(yaml, "sc", { sourceName: "service.yaml" });
  expect(r.errors).toEqual([]);
  h.write(r.files);
}

describe("sc scripts under Wine (cmd.exe, reg.exe, the SCM; sc.exe stand-in)", () => {
  beforeAll(async () => {
    if (wineOracle().available && gcc) h = await ScHarness.create();
  }, 240_000);
  afterAll(async () => h?.close());

  itWine("install twice, start, uninstall twice: registry, sc.exe argv and the service's argv match the spec", async () => {
    await build(h, specA(h.stubExe));
    const env = { HOSTILE_SC_PASSWORD: PASSWORD };

    for (const first of [true, false]) {
      const run = await h.run("hostile-sc.sc-install.cmd", env);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toContain(first ? "Creating the service hostile-sc." : "Updating the existing service hostile-sc.");
      expect(run.sc).toEqual(expectedInstallA(h.stubExe, first));

      const reg = (await h.registry("hostile-sc"))!;
      expect(sz(reg.get("ImagePath"))).toBe(imagePathA(h.stubExe));
      expect(decodeWindowsCommandLine(sz(reg.get("ImagePath")) as string, "commandLineToArgvW")).toEqual([h.stubExe, ...ARGS]);
      expect(sz(reg.get("DisplayName"))).toBe('Hostile "sc" & <friends> 100%');
      expect(sz(reg.get("Description"))).toBe("Costs $5, 100% of cases; caret ^, bang !, pipe |, (parens)");
      expect(dword(reg.get("Start"))).toBe(2); // auto; the delayed flag is in the argv (Wine cannot store it)
      expect(dword(reg.get("Type"))).toBe(0x10);
      expect(multi(reg.get("DependOnService"))).toEqual(["Tcpip", "Dnscache"]);
      expect(sz(reg.get("ObjectName"))).toBe(".\\svcuser");
      expect(multi(reg.get("Environment"))).toEqual(['QUOTED=a "quoted" value', "SYMBOLS=^&|<>()!", "PERCENT=100% and %TEMP%", "ZERO=C:\\0data;D:\\x"]);
      expect([...reg.keys()].some((k) => /password/i.test(k))).toBe(false);
      expect(readFileSync(join(h.scripts, "hostile-sc.sc-install.cmd"), "latin1")).not.toContain(PASSWORD);
    }

    // The SCM starts the ImagePath: the program gets exactly the spec's arguments.
    rmSync(join(h.programDir, "service-argv.jsonl"), { force: true });
    const start = await h.sc(["start", "hostile-sc"]);
    expect(start.code, start.stdout).toBe(0);
    await h.waitRunning("hostile-sc");
    expect(h.serviceArgv()).toEqual([[h.stubExe, ...ARGS]]);

    // Uninstall stops the running service, waits for it (the stub takes 3 s), then deletes it.
    const un = await h.run("hostile-sc.sc-uninstall.cmd");
    expect(un.code, un.stdout + un.stderr).toBe(0);
    expect(un.ms).toBeGreaterThan(2500);
    expect(un.sc[0]).toEqual(["query", "hostile-sc"]);
    expect(un.sc.at(-1)).toEqual(["delete", "hostile-sc"]);
    const stops = un.sc.slice(1, -1);
    expect(stops.length).toBeGreaterThanOrEqual(2);
    for (const s of stops) expect(s).toEqual(["stop", "hostile-sc"]);
    expect(un.stdout).toContain("The service hostile-sc is removed.");
    expect(await h.registry("hostile-sc")).toBeUndefined();

    const again = await h.run("hostile-sc.sc-uninstall.cmd");
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain("The service hostile-sc is not installed: nothing to remove.");
    expect(again.sc).toEqual([["query", "hostile-sc"]]);
  });

  itWine("converges when the spec drops settings: description, environment, dependencies, account, restart", async () => {
    await build(h, specA(h.stubExe));
    expect((await h.run("hostile-sc.sc-install.cmd", { HOSTILE_SC_PASSWORD: PASSWORD })).code).toBe(0);

    await build(h, specB(h.stubExe));
    const run = await h.run("hostile-sc.sc-install.cmd");
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.sc).toEqual(expectedInstallB(h.stubExe));
    const reg = (await h.registry("hostile-sc"))!;
    expect(sz(reg.get("ImagePath"))).toBe(`"${h.stubExe}"`);
    expect(sz(reg.get("DisplayName"))).toBe("hostile-sc");
    expect(reg.has("Description")).toBe(false);
    expect(dword(reg.get("Start"))).toBe(3);
    expect(reg.has("DependOnService")).toBe(false);
    expect(sz(reg.get("ObjectName"))).toBe("LocalSystem");
    expect(reg.has("Environment")).toBe(false);

    // And once more: nothing left to reset, still exit 0.
    expect((await h.run("hostile-sc.sc-install.cmd")).code).toBe(0);
    expect((await h.run("hostile-sc.sc-uninstall.cmd")).code).toBe(0);
  });

  itWine("refuses to start without a usable password, before changing anything", async () => {
    await build(h, specA(h.stubExe));
    const missing = await h.run("hostile-sc.sc-install.cmd");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("ERROR: set the environment variable HOSTILE_SC_PASSWORD");
    expect(missing.sc).toEqual([]);
    for (const bad of ['pa"ss', "pass\\"]) {
      const r = await h.run("hostile-sc.sc-install.cmd", { HOSTILE_SC_PASSWORD: bad });
      expect(r.code, bad).toBe(1);
      expect(r.stderr).toContain("contains a double quote or ends with a backslash");
      expect(r.sc).toEqual([]);
    }
    expect(await h.registry("hostile-sc")).toBeUndefined();
  });

  itWine("Wine's own sc.exe, given the script's create line, stores the same ImagePath and display name", async () => {
    await build(h, specA(h.stubExe));
    const script = readFileSync(join(h.scripts, "hostile-sc.sc-install.cmd"), "utf8");
    const create = script.split("\r\n").find((l) => l.startsWith("sc.exe create "))!;
    // The same line, run by Wine's sc.exe instead of the stand-in.
    writeFileSync(join(h.scripts, "wine-create.cmd"), `@echo off\r\n%SystemRoot%\\system32\\${create}\r\nexit /b %ERRORLEVEL%\r\n`);
    const r = await h.run("wine-create.cmd");
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.sc).toEqual([]);
    const reg = (await h.registry("hostile-sc"))!;
    expect(sz(reg.get("ImagePath"))).toBe(imagePathA(h.stubExe));
    expect(sz(reg.get("DisplayName"))).toBe('Hostile "sc" & <friends> 100%');
    expect(dword(reg.get("Start"))).toBe(2);
    expect((await h.run("hostile-sc.sc-uninstall.cmd")).code).toBe(0);
  });

  itWine("a service marked for deletion: install says so, uninstall ends cleanly", async () => {
    const yaml = ["version: 1", "name: marked-sc", `executable: '${h.stubExe.replace(/'/g, "''")}'`, "startup: manual"].join("\n");
    await build(h, yaml);
    expect((await h.run("marked-sc.sc-install.cmd")).code).toBe(0);
    expect((await h.sc(["start", "marked-sc"])).code).toBe(0);
    await h.waitRunning("marked-sc");
    // Deleting a running service only marks it for deletion.
    expect((await h.sc(["delete", "marked-sc"])).code).toBe(0);

    const install = await h.run("marked-sc.sc-install.cmd");
    expect(install.code).toBe(1);
    expect(install.stderr).toContain("ERROR: Windows has marked the service marked-sc for deletion.");
    expect(install.sc.map((a) => a[0])).toEqual(["query", "config"]);

    // Wine's SCM answers 1060 to a stop request for it (Windows would stop it first): either way the
    // script ends with exit code 0 and says what it found.
    const un = await h.run("marked-sc.sc-uninstall.cmd");
    expect(un.code, un.stdout + un.stderr).toBe(0);
    expect(un.stdout).toMatch(/The service marked-sc is (not installed|removed|stopped and already marked)/);
  });

  itWine("${NAME} reaches the ImagePath as %NAME% for the SCM to expand; a lone literal % stays", async () => {
    const yaml = [
      "version: 1",
      "name: vars-sc",
      "executable: '${ProgramFiles}\\Vars App\\vars.exe'",
      `args: ["--data", "\${ProgramData}\\\\vars", "--ratio", "75%"]`,
      "startup: manual",
    ].join("\n");
    await build(h, yaml);
    const run = await h.run("vars-sc.sc-install.cmd");
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const ip = '"%ProgramFiles%\\Vars App\\vars.exe" --data "%ProgramData%\\vars" --ratio 75%';
    expect(run.sc[1]!.slice(0, 4)).toEqual(["create", "vars-sc", "binPath=", ip]);
    expect(sz((await h.registry("vars-sc"))!.get("ImagePath"))).toBe(ip);
    expect((await h.run("vars-sc.sc-uninstall.cmd")).code).toBe(0);
  });
});
