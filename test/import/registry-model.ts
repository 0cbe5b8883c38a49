import { batchLineToArgv } from "../helpers/cmd-parse.js";
import type { RegTree, RegValue, RegValues } from "../helpers/wine.js";
import { readScript } from "../property/targets/nssm.js";

// What the registry holds after svcgen's install script ran on a machine without the service: the service
// key and its subkeys, as the nssm and sc round trips give them to the readers (written out with
// formatRegFile). Written from the programs' rules, independently of the readers:
// - the script's lines decoded as cmd.exe and the C runtime read them (test/helpers/cmd-parse.ts, and the
//   nssm argv reading of test/property/targets/nssm.ts);
// - nssm 2.24 (settings.cpp, registry.cpp at 220d2b0, reference nssm-sc.md §A.1): `install` creates the service
//   (own process, automatic, LocalSystem, ImagePath = nssm) and writes Application, AppParameters "",
//   AppDirectory = the program's folder and AppExit\(Default) = Restart; `set` of a DWORD equal to a
//   non-zero default deletes it (setting_set_number), `reset` deletes it, and `reset` of a string with
//   an empty default writes "" (setting_set_string); hooks go to AppEvents\<event>\<action>; the native
//   settings go through the SCM (Start with DelayedAutostart, ObjectName, DependOnService, Description);
// - the SCM for sc.exe (reference §B): create and config store what they are given; `failure` stores
//   SERVICE_FAILURE_ACTIONS in the 20-byte-header layout of [MS-SCMR] 2.2.45 (actions= "" deletes it),
//   `failureflag` FailureActionsOnNonCrashFailures; reg.exe add writes the Environment REG_MULTI_SZ.
// Windows, not Wine: ImagePath is REG_EXPAND_SZ, failure actions and the delayed flag are stored.

export const NSSM_PATH = "C:\\tools\\nssm\\nssm.exe";

const sz = (value: string): RegValue => ({ type: "REG_SZ", value });
const ex = (value: string): RegValue => ({ type: "REG_EXPAND_SZ", value });
const dw = (value: number): RegValue => ({ type: "REG_DWORD", value });
const multi = (value: string[]): RegValue => ({ type: "REG_MULTI_SZ", value });

const keyOf = (name: string) => `HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\${name}`;

class Registry {
  readonly tree: RegTree = new Map();
  constructor(private readonly base: string) {}
  /** A key, made with the keys above it (reg export writes every key, an empty one too). */
  key(rel = ""): RegValues {
    if (rel.includes("\\")) this.key(rel.slice(0, rel.lastIndexOf("\\")));
    const path = rel ? `${this.base}\\${rel}` : this.base;
    let k = this.tree.get(path);
    if (!k) this.tree.set(path, (k = new Map()));
    return k;
  }
  has(rel: string): boolean {
    return this.tree.has(rel ? `${this.base}\\${rel}` : this.base);
  }
}

/** What nssm stores for DWORD parameters that have a non-zero default (set to it: deleted). */
const NSSM_DWORD_DEFAULTS: Record<string, number> = {
  AppStopMethodConsole: 1500,
  AppStopMethodWindow: 1500,
  AppStopMethodThreads: 1500,
  AppThrottle: 1500,
  AppStdoutCreationDisposition: 4,
  AppStderrCreationDisposition: 4,
  AppStdoutShareMode: 3,
  AppStderrShareMode: 3,
};
const NSSM_STRINGS_RESET_TO_EMPTY = new Set(["AppParameters", "AppDirectory"]);
const NSSM_EXPAND = new Set(["Application", "AppParameters", "AppDirectory", "AppStdout", "AppStderr", "AppStdin"]);
const PRIORITY_CLASS: Record<string, number> = {
  IDLE_PRIORITY_CLASS: 0x40,
  BELOW_NORMAL_PRIORITY_CLASS: 0x4000,
  ABOVE_NORMAL_PRIORITY_CLASS: 0x8000,
  HIGH_PRIORITY_CLASS: 0x80,
  REALTIME_PRIORITY_CLASS: 0x100,
};
const START: Record<string, number> = { SERVICE_AUTO_START: 2, SERVICE_DELAYED_AUTO_START: 2, SERVICE_DEMAND_START: 3, SERVICE_DISABLED: 4 };

/** The C runtime's strtoul(s, 0, 0), which nssm reads numbers with. */
const cNumber = (s: string): number => (/^0[xX]/.test(s) ? parseInt(s.slice(2), 16) : /^0[0-7]+$/.test(s) ? parseInt(s, 8) : Number(s));

/** The registry after an nssm install script (of `files`) ran where the service did not exist. */
export function nssmRegistry(name: string, files: ReadonlyMap<string, string>): RegTree {
  const bad: string[] = [];
  const { install, settings } = readScript(files.get(`${name}.nssm-install.cmd`)!, name, undefined, bad);
  if (bad.length > 0 || install === undefined) throw new Error(`the nssm script does not decode: ${bad.join("; ")}`);
  const r = new Registry(keyOf(name));
  const svc = r.key();
  // nssm install (service.cpp install_service, registry.cpp create_parameters): Windows' SCM writes its values in this order.
  svc.set("Type", dw(0x10)).set("Start", dw(2)).set("ErrorControl", dw(1)).set("ImagePath", ex(NSSM_PATH)).set("DisplayName", sz(name)).set("ObjectName", sz("LocalSystem"));
  svc.set("FailureActionsOnNonCrashFailures", dw(1));
  const params = r.key("Parameters");
  const dir = install.includes("\\") ? install.slice(0, install.lastIndexOf("\\")) : "";
  params.set("Application", ex(install)).set("AppParameters", ex("")).set("AppDirectory", ex(dir));
  r.key("Parameters\\AppExit").set("", sz("Restart"));

  for (const st of settings.values()) {
    const value = st.value ?? "";
    switch (st.param) {
      case "DisplayName":
        svc.set("DisplayName", sz(st.verb === "set" ? value : name));
        break;
      case "Description":
        if (st.verb === "set" && value !== "") svc.set("Description", sz(value));
        else svc.delete("Description");
        break;
      case "Start":
        svc.set("Start", dw(START[value]!));
        svc.set("DelayedAutostart", dw(value === "SERVICE_DELAYED_AUTO_START" ? 1 : 0));
        break;
      case "ObjectName":
        svc.set("ObjectName", sz(st.user ?? value));
        break;
      case "DependOnService":
        if (st.verb === "set") svc.set("DependOnService", multi(st.entries!));
        else svc.delete("DependOnService");
        break;
      case "AppExit": {
        const k = r.key("Parameters\\AppExit");
        const code = st.sub === "Default" ? "" : st.sub!;
        if (st.verb === "set") k.set(code, sz(value));
        else if (code !== "") k.delete(code);
        else k.set("", sz("Restart"));
        break;
      }
      case "AppEvents": {
        const [event, action] = st.sub!.split("/") as [string, string];
        if (st.verb === "set" && value !== "") r.key(`Parameters\\AppEvents\\${event}`).set(action, ex(value));
        else if (r.has(`Parameters\\AppEvents\\${event}`)) r.key(`Parameters\\AppEvents\\${event}`).delete(action); // keys are not created to delete
        break;
      }
      case "AppEnvironmentExtra":
      case "AppEnvironment":
        if (st.verb === "set") params.set(st.param, multi(st.entries!));
        else params.delete(st.param);
        break;
      case "AppPriority":
        if (st.verb === "set" && PRIORITY_CLASS[value] !== undefined) params.set("AppPriority", dw(PRIORITY_CLASS[value]!));
        else params.delete("AppPriority");
        break;
      default:
        if (NSSM_EXPAND.has(st.param)) {
          if (st.verb === "set") params.set(st.param, ex(value));
          else if (NSSM_STRINGS_RESET_TO_EMPTY.has(st.param)) params.set(st.param, ex(""));
          else params.delete(st.param);
        } else if (st.verb === "set" && cNumber(value) !== NSSM_DWORD_DEFAULTS[st.param]) {
          params.set(st.param, dw(cNumber(value)));
        } else params.delete(st.param);
    }
  }
  return r.tree;
}

/** sc.exe's `name= value` pairs. */
function scOptions(argv: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; i + 1 < argv.length; i += 2) m.set(argv[i]!.toLowerCase(), argv[i + 1]!);
  return m;
}

const SC_START: Record<string, number> = { auto: 2, "delayed-auto": 2, demand: 3, disabled: 4 };
const SC_ACTION: Record<string, number> = { "": 0, restart: 1, reboot: 2, run: 3 };

/** SERVICE_FAILURE_ACTIONS as the SCM stores it ([MS-SCMR] 2.2.45, the offsets a 20-byte header). */
export function failureActionsBlob(resetSeconds: number, actions: readonly (readonly [number, number])[]): Uint8Array {
  const b = new Uint8Array(20 + 8 * actions.length);
  const v = new DataView(b.buffer);
  v.setUint32(0, resetSeconds, true);
  v.setUint32(12, actions.length, true);
  v.setUint32(16, actions.length ? 20 : 0, true);
  actions.forEach(([type, delay], i) => {
    v.setUint32(20 + 8 * i, type, true);
    v.setUint32(24 + 8 * i, delay, true);
  });
  return b;
}

/** The registry after an sc install script (of `files`) ran where the service did not exist. */
export function scRegistry(name: string, files: ReadonlyMap<string, string>): RegTree {
  const lines = files.get(`${name}.sc-install.cmd`)!.split("\r\n").filter((l) => /^(sc|reg)\.exe /.test(l));
  const calls = lines.map((l) => batchLineToArgv(l.replace(/ >nul 2>&1$/, ""), {}));
  const r = new Registry(keyOf(name));
  const svc = r.key();
  for (const c of calls) {
    const [program, verb] = c;
    if (program === "reg.exe") {
      if (verb !== "add") continue; // query and delete: nothing to delete on a new service
      const flag = (f: string) => c[c.findIndex((x) => x.toLowerCase() === f) + 1]!;
      svc.set(flag("/v"), multi(flag("/d").split(flag("/s"))));
      continue;
    }
    const o = scOptions(c.slice(3));
    switch (verb) {
      case "create":
        svc.set("Type", dw(0x10)).set("Start", dw(SC_START[o.get("start=")!]!)).set("ErrorControl", dw(1)).set("ImagePath", ex(o.get("binpath=")!));
        svc.set("DisplayName", sz(o.get("displayname=")!)).set("ObjectName", sz("LocalSystem"));
        break;
      case "config": {
        const start = o.get("start=")!;
        svc.set("ImagePath", ex(o.get("binpath=")!)).set("Start", dw(SC_START[start]!)).set("DisplayName", sz(o.get("displayname=")!));
        if (start === "delayed-auto") svc.set("DelayedAutostart", dw(1));
        const deps = o.get("depend=")!;
        if (deps === "/") svc.delete("DependOnService");
        else svc.set("DependOnService", multi(deps.split("/")));
        svc.set("ObjectName", sz(o.get("obj=")!));
        break;
      }
      case "description":
        if (c[3]) svc.set("Description", sz(c[3]));
        else svc.delete("Description");
        break;
      case "failure": {
        const actions = o.get("actions=")!;
        if (actions === "") {
          svc.delete("FailureActions");
          break;
        }
        const parts = actions.split("/");
        const pairs: [number, number][] = [];
        for (let i = 0; i < parts.length; i += 2) pairs.push([SC_ACTION[parts[i]!]!, Number(parts[i + 1])]);
        svc.set("FailureActions", { type: "REG_BINARY", value: failureActionsBlob(Number(o.get("reset=")), pairs) });
        break;
      }
      case "failureflag":
        svc.set("FailureActionsOnNonCrashFailures", dw(Number(c[3])));
        break;
    }
  }
  return r.tree;
}

const ROOTS: Record<string, string> = { hkcu: "HKEY_CURRENT_USER", hklm: "HKEY_LOCAL_MACHINE" };

/**
 * The registry after a runkey install script (of `files`) ran for a user who had no such entry: each
 * `reg.exe add KEY /v NAME /t TYPE /d DATA` it runs unconditionally (the Run value; Task Manager's disable record
 * for startup disabled or manual), in the keys it names. The queries find nothing on such a machine, so the
 * script's conditional lines (a re-enable) do not run.
 */
export function runkeyRegistry(name: string, files: ReadonlyMap<string, string>): RegTree {
  const lines = files.get(`${name}.runkey-install.cmd`)!.split("\r\n").filter((l) => /^reg\.exe add /.test(l));
  const tree: RegTree = new Map();
  for (const c of lines.map((l) => batchLineToArgv(l, {}))) {
    const flag = (f: string) => c[c.findIndex((x) => x.toLowerCase() === f) + 1]!;
    const [root, ...rest] = c[2]!.split("\\");
    const key = [ROOTS[root!.toLowerCase()]!, ...rest].join("\\");
    if (!tree.has(key)) tree.set(key, new Map());
    const type = flag("/t");
    const data = flag("/d");
    const value: RegValue =
      type === "REG_BINARY" ? { type, value: Uint8Array.from(data.match(/../g)!.map((h) => parseInt(h, 16))) } : type === "REG_EXPAND_SZ" ? ex(data) : sz(data);
    tree.get(key)!.set(flag("/v"), value);
  }
  return tree;
}
