import { describe, expect, it } from "vitest";
import { importSources } from "../../src/import/import.js";
import { SPEC_FIELDS, type SpecField } from "../../src/spec/fields.js";
import type { Capabilities } from "../../src/targets/capabilities.js";
import { capabilities as nssmCaps } from "../../src/targets/nssm/capabilities.js";
import * as nssmKeys from "../../src/targets/nssm/keys.js";
import { capabilities as scCaps } from "../../src/targets/sc/capabilities.js";
import * as scKeys from "../../src/targets/sc/keys.js";
import type { ValueTable } from "../../src/targets/scm/keys.js";
import { formatRegFile, type RegTree, type RegValue } from "../helpers/wine.js";
import { failureActionsBlob } from "./registry-model.js";

// The registry readers' key tables against the capability tables: what the emitters write, the readers read;
// and every value a table maps is read by its reader (it feeds its fields, and is never reported as not imported).

const tables: [string, Capabilities, ValueTable, Readonly<Partial<Record<SpecField, string>>>][] = [
  ["nssm", nssmCaps, { ...nssmKeys.SERVICE_MAPPED, ...nssmKeys.PARAMETERS_MAPPED }, nssmKeys.WITHOUT_VALUE],
  ["sc", scCaps, scKeys.MAPPED, scKeys.WITHOUT_VALUE],
];

describe.each(tables)("%s keys.ts against capabilities.ts", (_t, caps, mapped, without) => {
  const withValue = new Set(Object.values(mapped).flat());
  const supports = (f: SpecField) => new Set([caps[f].support, ...Object.values(caps[f].values ?? {}).map((v) => v.support)]);
  it("every field the target stores, exactly or approximately, has a value the reader maps to it (or a reason it has none)", () => {
    expect(SPEC_FIELDS.filter((f) => (supports(f).has("native") || supports(f).has("approximate")) && !withValue.has(f) && !without[f])).toEqual([]);
  });
  it("no value maps to a field the target cannot express, and a field said to have no value has none", () => {
    expect([...withValue].filter((f) => caps[f].support === "none" || caps[f].support === "n/a")).toEqual([]);
    expect(Object.keys(without).filter((f) => withValue.has(f as SpecField))).toEqual([]);
  });
});

const sz = (value: string): RegValue => ({ type: "REG_SZ", value });
const ex = (value: string): RegValue => ({ type: "REG_EXPAND_SZ", value });
const dw = (value: number): RegValue => ({ type: "REG_DWORD", value });
const multi = (...value: string[]): RegValue => ({ type: "REG_MULTI_SZ", value });
const KEY = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\full";

/** The SCM's values, set to something other than the spec's defaults. */
const SCM: [string, RegValue][] = [
  ["Type", dw(0x10)],
  ["Start", dw(2)],
  ["DelayedAutostart", dw(1)],
  ["ErrorControl", dw(1)],
  ["DisplayName", sz("Full")],
  ["Description", sz("Every value")],
  ["ObjectName", sz(".\\svc")],
  ["DependOnService", multi("Tcpip")],
];

describe("every mapped value is read", () => {
  it("sc: a key with every value of the table feeds every field the table names", async () => {
    // FailureActions' reset period is the window with a retry limit, restart.resetAfter without one: two keys.
    const origins = new Set<string>();
    for (const actions of [[[1, 5000], [0, 0]], [[1, 5000]]] as [number, number][][]) {
      const tree: RegTree = new Map([
        [
          KEY,
          new Map<string, RegValue>([
            ...SCM,
            ["ImagePath", ex('"C:\\full\\full.exe" --a')],
            ["Environment", multi("A=1")],
            ["FailureActions", { type: "REG_BINARY", value: failureActionsBlob(60, actions) }],
            ["FailureActionsOnNonCrashFailures", dw(1)],
          ]),
        ],
      ]);
      const r = await importSources([{ name: "full.reg", bytes: formatRegFile(tree) }]);
      expect(r.services[0]!.target).toBe("sc");
      expect(r.diagnostics.filter((d) => d.code !== "SVC6007")).toEqual([]);
      for (const f of r.services[0]!.result.origins.keys()) origins.add(f);
    }
    for (const [name, fields] of Object.entries(scKeys.MAPPED)) for (const f of fields) expect([...origins], `${name} -> ${f}`).toContain(f);
  });
  it("nssm: a key with every parameter of the table feeds every field the table names", async () => {
    const p = `${KEY}\\Parameters`;
    const tree: RegTree = new Map([
      [KEY, new Map<string, RegValue>([...SCM, ["ImagePath", ex("C:\\nssm\\nssm.exe")], ["FailureActionsOnNonCrashFailures", dw(1)]])],
      [
        p,
        new Map<string, RegValue>([
          ["Application", ex("C:\\full\\full.exe")],
          ["AppParameters", ex("--a")],
          ["AppDirectory", ex("C:\\full")],
          ["AppEnvironmentExtra", multi("A=1")],
          ["AppRestartDelay", dw(5000)],
          ["AppStopMethodConsole", dw(9000)],
          ["AppStopMethodWindow", dw(9000)],
          ["AppStopMethodThreads", dw(9000)],
          ["AppStdout", ex("C:\\full\\logs\\out.log")],
          ["AppStderr", ex("C:\\full\\logs\\err.log")],
          ["AppStdoutCreationDisposition", dw(2)],
          ["AppStderrCreationDisposition", dw(2)],
          ["AppRotateFiles", dw(1)],
          ["AppRotateOnline", dw(1)],
          ["AppRotateBytes", dw(1)],
          ["AppRotateBytesHigh", dw(1)],
          ["AppPriority", dw(0x4000)],
        ]),
      ],
      [`${p}\\AppExit`, new Map([["", sz("Restart")], ["0", sz("Exit")]])],
      [`${p}\\AppEvents`, new Map()],
      [`${p}\\AppEvents\\Exit`, new Map([["Post", ex("C:\\full\\post.exe")]])],
      [`${p}\\AppEvents\\Start`, new Map([["Pre", ex("C:\\full\\pre.exe")]])],
    ]);
    const r = await importSources([{ name: "full.reg", bytes: formatRegFile(tree) }]);
    expect(r.services[0]!.target).toBe("nssm");
    expect(r.diagnostics.filter((d) => d.code !== "SVC6007")).toEqual([]);
    const origins = r.services[0]!.result.origins;
    const mapped = { ...nssmKeys.SERVICE_MAPPED, ...nssmKeys.PARAMETERS_MAPPED };
    for (const [name, fields] of Object.entries(mapped)) for (const f of fields) expect([...origins.keys()], `${name} -> ${f}`).toContain(f);
    // Origins name the registry value, for svcgen diff.
    expect(origins.get("restart.policy")!.setting).toBe("Parameters\\AppExit\\0");
    expect(origins.get("hooks.preStart")!.setting).toBe("Parameters\\AppEvents\\Start\\Pre");
    expect(origins.get("startup")!.setting).toBe("DelayedAutostart");
    expect(r.services[0]!.result.model!.logs!.rotate!.maxSizeBytes!.value).toBe(2 ** 32 + 1);
  });
});
