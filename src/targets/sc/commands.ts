// What the sc scripts run, as argv lists, before any cmd.exe encoding. One place decides the sc.exe
// and reg.exe arguments; check.ts measures the encoded lines, emit.ts lays them out. Pure and light:
// `validate` loads this through check.ts.

import { cmdArg, CMD_MAX_LINE } from "../../escape/cmd-batch.js";
import { secretArg } from "../../render/cmd-script.js";
import { expandedArg, windowsExpandable } from "../../escape/windows-env.js";
import { literalOf, windowsBuiltinAccount, type ServiceModel } from "../../model.js";
import { lastValueOf } from "../memo.js";

/** An argv element: literal text, or the value of an environment variable when the script runs. */
export type Arg = string | { fromEnv: string };

export interface Invocation {
  program: "sc.exe" | "reg.exe";
  args: Arg[];
  /** The batch line, kept by commandLine once made (check measures it, emit writes it). */
  line?: string;
}

/** The SCM keeps delays as a DWORD of milliseconds and the reset period as a DWORD of seconds (INFINITE excluded). */
export const MAX_DWORD_VALUE = 0xfffffffe;

export const registryKey = (name: string): string => `HKLM\\SYSTEM\\CurrentControlSet\\Services\\${name}`;

/**
 * The ImagePath: the executable quoted (always, so that a path with spaces can never be split: CWE-428),
 * then each argument quoted with the C runtime rules. `${NAME}` becomes `%NAME%`, which the SCM expands
 * at start (the ImagePath is REG_EXPAND_SZ); check.ts refuses a literal % that could pair. The SCM
 * expands before the program splits its command line, so an argument with a variable is quoted even
 * when it has no space as written: the value may bring one (C:\Program Files).
 */
export function imagePath(model: ServiceModel): string {
  const exe = `"${windowsExpandable(model.executable)}"`;
  return [exe, ...model.args.map(expandedArg)].join(" ");
}

const START: Record<ServiceModel["startup"]["value"], string> = {
  auto: "auto",
  delayed: "delayed-auto",
  manual: "demand",
  disabled: "disabled",
};

/** obj= and password= for the spec's account (LocalSystem when none is set). */
function accountArgs(model: ServiceModel): Arg[] {
  const a = model.account;
  if (!a) return ["obj=", "LocalSystem", "password=", ""];
  if (a.kind === "builtin") {
    const obj = windowsBuiltinAccount(a.builtin, model.name.value);
    // CreateService/ChangeServiceConfig want a NULL password for a virtual account: leave password= out.
    return a.builtin === "virtual" ? ["obj=", obj] : ["obj=", obj, "password=", ""];
  }
  const user = literalOf(a.user);
  return a.passwordFromEnv ? ["obj=", user, "password=", { fromEnv: a.passwordFromEnv.value }] : ["obj=", user];
}

/**
 * The failure-count reset period in milliseconds: resetAfter when set, else window (the only period
 * the SCM has to count retries in), else 0 (a single repeated restart action does not depend on it).
 */
export function resetPeriodMs(model: ServiceModel): { ms: number; from?: "restart.resetAfter" | "restart.window" } {
  if (model.restart.resetAfterMs) return { ms: model.restart.resetAfterMs.value, from: "restart.resetAfter" };
  if (model.restart.maxRetries && model.restart.windowMs) return { ms: model.restart.windowMs.value, from: "restart.window" };
  return { ms: 0 };
}

/** The actions= list: one restart per allowed retry and then "take no action" (an empty action), or one restart repeated forever. */
export function failureActions(model: ServiceModel): string {
  if (model.restart.policy.value === "never") return "";
  const restart = `restart/${model.restart.delayMs.value}`;
  const n = model.restart.maxRetries?.value;
  if (n === undefined) return restart;
  return [...Array<string>(n).fill(restart), "/0"].join("/");
}

/**
 * REG_MULTI_SZ data for reg.exe: the entries joined by a separator character that none of them
 * contains, passed with /s. reg.exe's default separator is the two characters `\0`, which a Windows
 * path can contain (C:\0data): a chosen single character is never ambiguous.
 */
// No `/`, `-` or `?`: reg.exe might take a separator argument that looks like a switch for one.
const SEPARATORS = [";", ",", "|", "~", "#", "*", "@", "+", "!", "$", "'", "`", "_", ".", "[", "]", "{", "}"];

export function multiSzSeparator(entries: readonly string[]): string | undefined {
  return SEPARATORS.find((s) => entries.every((e) => !e.includes(s)));
}

export const environmentEntries = (model: ServiceModel): string[] => model.environment.map((e) => `${e.name}=${literalOf(e.value)}`);

export interface InstallPlan {
  name: string;
  query: Invocation;
  create: Invocation;
  config: Invocation;
  description: Invocation;
  failure: Invocation;
  failureFlag: Invocation;
  /** reg.exe add of the Environment value, or undefined: the value is deleted if present. */
  environment?: Invocation;
  /** reg.exe query / delete of the Environment value, for when the spec sets none. */
  environmentQuery: Invocation;
  environmentDelete: Invocation;
  /** The environment variable the script reads the password from, if any. */
  passwordEnv?: string;
}

export const installPlan = lastValueOf(buildInstallPlan);

function buildInstallPlan(model: ServiceModel): InstallPlan {
  const name = model.name.value;
  const bin = imagePath(model);
  const displayName = literalOf(model.displayName);
  const start = START[model.startup.value];
  const deps = model.dependsOn.length ? model.dependsOn.map((d) => d.value).join("/") : "/";
  const reset = Math.round(resetPeriodMs(model).ms / 1000);
  const entries = environmentEntries(model);
  const key = registryKey(name);
  const plan: InstallPlan = {
    name,
    query: { program: "sc.exe", args: ["query", name] },
    // Create with the values every sc.exe understands at create time (delayed-auto is set by config:
    // older sc.exe builds accept it only there); config then sets everything, on both paths.
    create: {
      program: "sc.exe",
      args: ["create", name, "binPath=", bin, "start=", start === "delayed-auto" ? "auto" : start, "DisplayName=", displayName],
    },
    config: {
      program: "sc.exe",
      args: ["config", name, "binPath=", bin, "start=", start, "DisplayName=", displayName, "depend=", deps, ...accountArgs(model)],
    },
    description: { program: "sc.exe", args: ["description", name, model.description ? literalOf(model.description) : ""] },
    failure: { program: "sc.exe", args: ["failure", name, "reset=", String(reset), "actions=", failureActions(model)] },
    failureFlag: { program: "sc.exe", args: ["failureflag", name, model.restart.policy.value === "never" ? "0" : "1"] },
    environmentQuery: { program: "reg.exe", args: ["query", key, "/v", "Environment"] },
    environmentDelete: { program: "reg.exe", args: ["delete", key, "/v", "Environment", "/f"] },
  };
  if (entries.length) {
    const sep = multiSzSeparator(entries);
    if (sep === undefined) throw new Error("internal: no REG_MULTI_SZ separator left; check.ts should have refused the environment");
    plan.environment = {
      program: "reg.exe",
      args: ["add", key, "/v", "Environment", "/t", "REG_MULTI_SZ", "/s", sep, "/d", entries.join(sep), "/f"],
    };
  }
  const a = model.account;
  if (a?.kind === "user" && a.passwordFromEnv) plan.passwordEnv = a.passwordFromEnv.value;
  return plan;
}

export interface UninstallPlan {
  name: string;
  query: Invocation;
  stop: Invocation;
  delete: Invocation;
}

export const uninstallPlan = lastValueOf(buildUninstallPlan);

function buildUninstallPlan(model: ServiceModel): UninstallPlan {
  const name = model.name.value;
  return {
    name,
    query: { program: "sc.exe", args: ["query", name] },
    stop: { program: "sc.exe", args: ["stop", name] },
    delete: { program: "sc.exe", args: ["delete", name] },
  };
}

/**
 * One batch line running the invocation. A password is written as "%VAR%" (secretArg): cmd expands it
 * when the line runs, inside quotes so that & | < > ^ in it stay literal; the script refuses, before
 * any change, a value that quotes cannot carry (CmdScript.requireSecret).
 */
export function commandLine(inv: Invocation): string {
  return (inv.line ??= ([inv.program] as string[]).concat(inv.args.map((a) => (typeof a === "string" ? cmdArg(a) : secretArg(a.fromEnv)))).join(" "));
}

export const lineTooLong = (line: string): boolean => line.length > CMD_MAX_LINE;
