// What the runkey scripts run, as reg.exe argument lists before any cmd.exe encoding, and the Run
// value itself. check.ts measures the value, emit.ts lays the lines out. Pure and light: `validate`
// loads this through check.ts.

import { cmdArg } from "../../escape/cmd-batch.js";
import { expandedArg, windowsExpandable } from "../../escape/windows-env.js";
import { isLiteral, type ServiceModel } from "../../model.js";
import { lastValueOf } from "../memo.js";
import { runkeyOptions, type RunkeyScope } from "./options.js";

/** The registry roots of the two scopes, as reg.exe names them. */
const ROOT: Record<RunkeyScope, string> = { user: "HKCU", machine: "HKLM" };

export const runKey = (scope: RunkeyScope): string => `${ROOT[scope]}\\Software\\Microsoft\\Windows\\CurrentVersion\\Run`;
/** Where Task Manager's Startup tab records that the user disabled the entry of the same name. */
export const approvedKey = (scope: RunkeyScope): string => `${ROOT[scope]}\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run`;

/**
 * What Task Manager's Disable writes (12 bytes): 03, three zero bytes, then the FILETIME of the change.
 * svcgen writes no time (zero): the scripts must give the same bytes at every run.
 */
export const DISABLED_DATA = "03" + "00".repeat(11);
/** First bytes of a StartupApproved value that mean disabled (03; 07 is seen for entries Windows itself disabled). */
export const DISABLED_FIRST_BYTES = ["03", "07"] as const;

/**
 * The value's data: the executable, always quoted (a path with spaces can never be split: CWE-428),
 * then each argument quoted with the C runtime rules, as the other Windows targets write a command
 * line (windows-env.ts). `${NAME}` becomes `%NAME%`; an argument holding one is quoted even without a
 * space, as its value may bring one.
 */
export function runCommandLine(model: ServiceModel): string {
  return [`"${windowsExpandable(model.executable)}"`, ...model.args.map(expandedArg)].join(" ");
}

/**
 * REG_EXPAND_SZ when the command line has a `${NAME}` to expand at logon (the type Windows' own Run
 * entries with variables have: SecurityHealth is `%windir%\system32\SecurityHealthSystray.exe`),
 * REG_SZ otherwise. Microsoft does not document whether Explorer expands a REG_SZ Run value too (ReactOS
 * does, Wine does not), so check.ts refuses any literal % that expansion could pair, whatever the type:
 * then both readings give the same program and arguments. REG_SZ where nothing needs expanding also
 * keeps the entry working under Wine, whose Run-key code skips any other type.
 */
export function runValueType(model: ServiceModel): "REG_SZ" | "REG_EXPAND_SZ" {
  return isLiteral(model.executable) && model.args.every(isLiteral) ? "REG_SZ" : "REG_EXPAND_SZ";
}

/** One reg.exe call. `/reg:64` on every call: the 64-bit view even from a 32-bit cmd.exe (HKLM\Software is redirected for 32-bit programs). */
export interface RegCall {
  what: string;
  args: string[];
  line?: string;
}

const reg = (what: string, args: string[]): RegCall => ({ what, args: [...args, "/reg:64"] });

export interface RunkeyPlan {
  name: string;
  scope: RunkeyScope;
  reenable: boolean;
  commandLine: string;
  add: RegCall;
  runQuery: RegCall;
  runDelete: RegCall;
  approvedQuery: RegCall;
  approvedDelete: RegCall;
  approvedDisable: RegCall;
}

export const runkeyPlan = lastValueOf(buildPlan);

function buildPlan(model: ServiceModel): RunkeyPlan {
  const name = model.name.value;
  const { scope, reenable } = runkeyOptions(model);
  const run = runKey(scope);
  const approved = approvedKey(scope);
  const commandLine = runCommandLine(model);
  return {
    name,
    scope,
    reenable,
    commandLine,
    add: reg("reg.exe add Run", ["add", run, "/v", name, "/t", runValueType(model), "/d", commandLine, "/f"]),
    runQuery: reg("reg.exe query Run", ["query", run, "/v", name]),
    runDelete: reg("reg.exe delete Run", ["delete", run, "/v", name, "/f"]),
    approvedQuery: reg("reg.exe query StartupApproved", ["query", approved, "/v", name]),
    approvedDelete: reg("reg.exe delete StartupApproved", ["delete", approved, "/v", name, "/f"]),
    approvedDisable: reg("reg.exe add StartupApproved", ["add", approved, "/v", name, "/t", "REG_BINARY", "/d", DISABLED_DATA, "/f"]),
  };
}

/** The batch line of a call: each argument through cmd.exe and reg.exe's argv parsing (cmdArg). */
export function regLine(call: RegCall): string {
  return (call.line ??= ["reg.exe", ...call.args.map(cmdArg)].join(" "));
}

/** The longest command line a Run value carries (Microsoft, "Run and RunOnce Registry Keys"). */
export const MAX_RUN_COMMAND_LINE = 260;
