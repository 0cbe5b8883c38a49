// What the nssm scripts run, as argument lists before any cmd.exe encoding: one place decides every
// `nssm set` / `nssm reset`. check.ts measures and vets the values, emit.ts lays the lines out. Pure and
// light (no templates): `validate` loads it through check.ts.
//
// Parameter facts are from reference/nssm-sc.md §A.1-A.2 and the nssm source (settings.cpp,
// service.cpp, env.cpp, hook.cpp at 2.24 = 220d2b0 and 2.24-101 = 897c7ad).

import { expandedArg, expandedArgs, windowsExpandable } from "../../escape/windows-env.js";
import { isLiteral, literalOf, windowsBuiltinAccount, type Command, type Priority, type ServiceModel, type Startup, type Text } from "../../model.js";
import { lastValueOf } from "../memo.js";
import type { Pairs } from "../pairs.js";

export type NssmVersion = "2.24" | "2.24-101";

/** An argument: literal text, or the value of an environment variable read when the script runs. */
export type Arg = string | { secretEnv: string };

export interface NssmCall {
  /** Short name for the failure message (`set AppParameters`). */
  what: string;
  /** Arguments after `nssm.exe`. */
  args: Arg[];
  /** The batch line, kept by callLine once made (check measures it, emit writes it). */
  line?: string;
}

export const nssmVersion = (model: ServiceModel): NssmVersion =>
  (model.options.version as NssmVersion | undefined) ?? "2.24";

/** Where a value came from, so that check.ts can point at it. */
export type ValueOrigin =
  | "executable"
  | "args"
  | "workingDirectory"
  | "environment"
  | "displayName"
  | "description"
  | "account"
  | "logs"
  | "hooks.preStart"
  | "hooks.postStop";

export const START: Record<Startup, string> = {
  auto: "SERVICE_AUTO_START",
  delayed: "SERVICE_DELAYED_AUTO_START",
  manual: "SERVICE_DEMAND_START",
  disabled: "SERVICE_DISABLED",
};

/** The priority classes as nssm stores them in AppPriority (the Win32 constants), read right to left by read.ts. */
export const PRIORITY_CLASS: Pairs<Priority, number> = [
  ["idle", 0x40],
  ["below-normal", 0x4000],
  ["normal", 0x20],
  ["above-normal", 0x8000],
  ["high", 0x80],
  ["realtime", 0x100],
];

export const PRIORITY: Record<Priority, string> = {
  idle: "IDLE_PRIORITY_CLASS",
  "below-normal": "BELOW_NORMAL_PRIORITY_CLASS",
  normal: "NORMAL_PRIORITY_CLASS",
  "above-normal": "ABOVE_NORMAL_PRIORITY_CLASS",
  high: "HIGH_PRIORITY_CLASS",
  realtime: "REALTIME_PRIORITY_CLASS",
};

/** CreateFile dispositions nssm opens the log files with (it seeks to the end afterwards). */
export const OPEN_ALWAYS = 4;
export const CREATE_ALWAYS = 2;

/** The ObjectName nssm resolves without a password (well-known SIDs; NT Service\ needs 2.24-101). */
export function builtinAccountName(model: ServiceModel): string | undefined {
  const a = model.account;
  if (!a) return "LocalSystem";
  return a.kind === "builtin" ? windowsBuiltinAccount(a.builtin, model.name.value) : undefined;
}

/**
 * Whether nssm sets `user` as ObjectName without a password: the well-known service accounts, which it
 * resolves by SID (account.cpp well_known_username), and from 2.24-101 the service's own virtual account
 * (is_virtual_account). Any other account needs its password.
 */
export function passwordlessUser(user: string, service: string, version: NssmVersion): boolean {
  if (/^(LocalSystem|NT AUTHORITY\\(System|Local ?Service|Network ?Service))$/i.test(user)) return true;
  return version === "2.24-101" && user.toLowerCase() === `nt service\\${service}`.toLowerCase();
}

/** A log file path: the directory and the file name joined with one backslash. */
export function logPath(dir: Text, file: Text): Text {
  const parts = [...dir.parts];
  const last = parts[parts.length - 1];
  const endsWithSep = last?.kind === "literal" && /[\\/]$/.test(last.text);
  if (!endsWithSep) parts.push({ kind: "literal", text: "\\" });
  return { parts: [...parts, ...file.parts], source: `${dir.source}\\${file.source}`, at: file.at };
}

/**
 * The program word of a hook's command line. argv[0] has its own rule (quotes group, backslashes are
 * literal), so the path is only wrapped in quotes (it cannot contain one), never backslash-escaped. Bare
 * only when it cannot be read two ways: CreateProcess adds .exe to an unquoted word without an extension
 * and, when there is no such file, goes on to the next word (CWE-428), and svcgen's reader reads such a
 * line as Windows most likely runs it (scm/service-key.ts commandLine).
 */
const programWord = (t: Text): string => {
  const s = windowsExpandable(t);
  return s === "" || /[ \t]/.test(s) || !isLiteral(t) || !/\.(exe|com|bat|cmd)$/i.test(s) ? `"${s}"` : s;
};

/** A hook as nssm stores it: one command line. */
export function hookCommandLine(c: Command): string {
  return [programWord(c.executable), ...c.args.map(expandedArg)].join(" ");
}

/** Every value the install script passes, with where it came from (for check.ts). */
export interface PlannedValue {
  origin: ValueOrigin;
  /** The characters nssm receives. */
  value: string;
  /** True when nssm stores it as REG_EXPAND_SZ or expands it itself (so a literal % can pair). */
  expanded: boolean;
  text?: Text;
}

export interface InstallPlan {
  name: string;
  version: NssmVersion;
  /** `nssm install <name> <app>`, run only when the service does not exist. */
  install: NssmCall;
  /** Every setting, set or reset, in this order, on both paths (new and existing service). */
  settings: NssmCall[];
  /** The environment variable the script reads the account password from. */
  secretEnv?: string;
}

// AppExit and AppEvents take a sub-argument (the exit code, the event), which names the step too.
const SUB_PARAMS = new Set(["AppExit", "AppEvents"]);
const set = (name: string, param: string, ...value: Arg[]): NssmCall => ({
  what: SUB_PARAMS.has(param) ? `set ${param} ${String(value[0])}` : `set ${param}`,
  args: ["set", name, param, ...value],
});
const reset = (name: string, param: string, ...sub: string[]): NssmCall => ({
  what: `reset ${[param, ...sub].join(" ")}`,
  args: ["reset", name, param, ...sub],
});
const num = (n: number): string => {
  if (!Number.isSafeInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`internal: ${n} is not a DWORD; check.ts should have refused it`);
  return String(n); // decimal, no leading zero: nssm reads numbers with base auto-detection (010 = 8)
};

export const installPlan = lastValueOf(buildInstallPlan);

function buildInstallPlan(model: ServiceModel): InstallPlan {
  const name = model.name.value;
  const version = nssmVersion(model);
  const s: NssmCall[] = [];
  const app = windowsExpandable(model.executable);

  s.push(set(name, "Application", app));
  if (model.args.length) s.push(set(name, "AppParameters", expandedArgs(model.args)));
  else s.push(reset(name, "AppParameters"));
  if (model.workingDirectory) s.push(set(name, "AppDirectory", windowsExpandable(model.workingDirectory)));
  else s.push(reset(name, "AppDirectory"));
  if (model.environment.length) {
    s.push(set(name, "AppEnvironmentExtra", ...model.environment.map((e) => `${e.name}=${windowsExpandable(e.value)}`)));
  } else s.push(reset(name, "AppEnvironmentExtra"));

  s.push(set(name, "DisplayName", literalOf(model.displayName)));
  if (model.description) s.push(set(name, "Description", literalOf(model.description)));
  else s.push(reset(name, "Description"));
  s.push(set(name, "Start", START[model.startup.value]));

  const a = model.account;
  let secretEnv: string | undefined;
  if (a?.kind === "user") {
    if (a.passwordFromEnv) {
      secretEnv = a.passwordFromEnv.value;
      s.push(set(name, "ObjectName", literalOf(a.user), { secretEnv }));
    } else if (passwordlessUser(literalOf(a.user), name, version)) {
      s.push(set(name, "ObjectName", literalOf(a.user)));
    } else throw new Error("internal: a user account without a password; check.ts should have refused it");
  } else {
    s.push(set(name, "ObjectName", builtinAccountName(model)!));
  }

  if (model.dependsOn.length) s.push(set(name, "DependOnService", ...model.dependsOn.map((d) => d.value)));
  else s.push(reset(name, "DependOnService"));

  const policy = model.restart.policy.value;
  s.push(set(name, "AppExit", "Default", policy === "never" ? "Exit" : "Restart"));
  if (policy === "on-failure") s.push(set(name, "AppExit", "0", "Exit"));
  else s.push(reset(name, "AppExit", "0"));
  // With policy never there is no restart to delay (the IR's default delay would only add noise).
  if (policy === "never") s.push(reset(name, "AppRestartDelay"));
  else s.push(set(name, "AppRestartDelay", num(model.restart.delayMs.value)));
  // The restart back-off and the stop sequence that the capability texts describe assume nssm's
  // defaults here: put them back if someone changed them by hand.
  s.push(reset(name, "AppThrottle"));
  s.push(reset(name, "AppStopMethodSkip"));

  for (const p of ["AppStopMethodConsole", "AppStopMethodWindow", "AppStopMethodThreads"]) {
    if (model.stop.timeoutMs) s.push(set(name, p, num(model.stop.timeoutMs.value)));
    else s.push(reset(name, p));
  }

  const logs = model.logs;
  if (logs) {
    s.push(set(name, "AppStdout", windowsExpandable(logPath(logs.directory, logs.stdout))));
    s.push(set(name, "AppStderr", windowsExpandable(logPath(logs.directory, logs.stderr))));
    const disposition = num(logs.append.value ? OPEN_ALWAYS : CREATE_ALWAYS);
    s.push(set(name, "AppStdoutCreationDisposition", disposition));
    s.push(set(name, "AppStderrCreationDisposition", disposition));
  } else {
    for (const p of ["AppStdout", "AppStderr", "AppStdoutCreationDisposition", "AppStderrCreationDisposition"]) s.push(reset(name, p));
  }
  const rotate = logs?.rotate;
  if (rotate) {
    s.push(set(name, "AppRotateFiles", "1"));
    const size = rotate.maxSizeBytes?.value;
    if (size !== undefined) {
      s.push(set(name, "AppRotateOnline", "1"));
      s.push(set(name, "AppRotateBytes", num(size % 2 ** 32)));
      if (size >= 2 ** 32) s.push(set(name, "AppRotateBytesHigh", num(Math.floor(size / 2 ** 32))));
      else s.push(reset(name, "AppRotateBytesHigh"));
    } else {
      for (const p of ["AppRotateOnline", "AppRotateBytes", "AppRotateBytesHigh"]) s.push(reset(name, p));
    }
  } else {
    for (const p of ["AppRotateFiles", "AppRotateOnline", "AppRotateBytes", "AppRotateBytesHigh"]) s.push(reset(name, p));
  }

  if (model.priority.value === "normal") s.push(reset(name, "AppPriority"));
  else s.push(set(name, "AppPriority", PRIORITY[model.priority.value]));

  // AppEvents exists from 2.24-101 on; 2.24 rejects the parameter name, so its scripts never touch it
  // (check.ts refuses hooks for 2.24).
  if (version === "2.24-101") {
    const { preStart, postStop } = model.hooks;
    if (preStart) s.push(set(name, "AppEvents", "Start/Pre", hookCommandLine(preStart)));
    else s.push(reset(name, "AppEvents", "Start/Pre"));
    if (postStop) s.push(set(name, "AppEvents", "Exit/Post", hookCommandLine(postStop)));
    else s.push(reset(name, "AppEvents", "Exit/Post"));
  }

  const plan: InstallPlan = { name, version, install: { what: "install", args: ["install", name, app] }, settings: s };
  if (secretEnv) plan.secretEnv = secretEnv;
  return plan;
}

/** Every value from the spec that reaches nssm, for check.ts. */
export function plannedValues(model: ServiceModel): PlannedValue[] {
  const v: PlannedValue[] = [];
  const add = (origin: ValueOrigin, text: Text, expanded: boolean) =>
    v.push({ origin, value: expanded ? windowsExpandable(text) : literalOf(text), expanded, text });
  add("executable", model.executable, true);
  for (const a of model.args) add("args", a, true);
  if (model.workingDirectory) add("workingDirectory", model.workingDirectory, true);
  for (const e of model.environment) add("environment", e.value, true);
  add("displayName", model.displayName, false);
  if (model.description) add("description", model.description, false);
  if (model.account?.kind === "user") add("account", model.account.user, false);
  if (model.logs) {
    add("logs", logPath(model.logs.directory, model.logs.stdout), true);
    add("logs", logPath(model.logs.directory, model.logs.stderr), true);
  }
  for (const [origin, c] of [
    ["hooks.preStart", model.hooks.preStart],
    ["hooks.postStop", model.hooks.postStop],
  ] as const) {
    if (!c) continue;
    add(origin, c.executable, true);
    for (const a of c.args) add(origin, a, true);
  }
  return v;
}
