import { diag, type Diagnostic, type Severity } from "../../diagnostics/diagnostic.js";
import { batchArgumentProblems } from "../../escape/batch-program.js";
import { PERCENT_HAZARD, VARIABLE_NOT_EXPANDED } from "../../escape/codes.js";
import { percentHazard, windowsExpandable } from "../../escape/windows-env.js";
import { xmlUnrepresentable } from "../../escape/xml.js";
import type { Command, ServiceModel, SourceLoc, Text } from "../../model.js";
import { accountProblem } from "./account.js";
import * as C from "./codes.js";
import { argumentLineHazard, endsWithVariable } from "./command-line.js";
import { KIB, logBaseName, MAX_SIZE_THRESHOLD_KIB, OUT_SUFFIX } from "./logs.js";
import { winswVersion } from "./options.js";
import { MAX_MS, MAX_RESET_SECONDS } from "./timespan.js";

const hasVar = (t: Text): boolean => t.parts.some((p) => p.kind === "var");
const literalText = (t: Text): string => t.parts.map((p) => (p.kind === "literal" ? p.text : "")).join("");

export function check(model: ServiceModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (severity: Severity, at: SourceLoc, code: string, message: string, hint?: string) =>
    out.push(diag(at, severity, code, message, hint, "winsw"));
  const error = (at: SourceLoc, code: string, message: string, hint?: string) => report("error", at, code, message, hint);
  const warn = (at: SourceLoc, code: string, message: string, hint?: string) => report("warning", at, code, message, hint);

  const version = winswVersion(model);
  if (version === undefined) {
    error(model.optionLoc("version"), C.BAD_OPTION, `options.winsw.version ${JSON.stringify(model.options.version)} is not 2 or 3`, "omit it for XML that WinSW 2.12 and 3.0 both read");
    return out;
  }
  const needV3 = version === 2 ? "options.winsw.version is 2" : "without options.winsw.version svcgen writes only what WinSW 2 and 3 both read";

  /** Any text WinSW reads: XML must be able to carry it. */
  const representable = (t: Text, what: string): boolean => {
    if (!xmlUnrepresentable(windowsExpandable(t))) return true;
    error(t.at, C.XML_UNREPRESENTABLE, `${what} contains a control character that XML 1.0 cannot carry`, "remove it");
    return false;
  };
  /** A value WinSW passes through %-expansion. */
  const expanded = (t: Text, what: string): boolean => {
    if (!representable(t, what)) return false;
    const hazard = percentHazard(t);
    if (hazard) error(t.at, PERCENT_HAZARD, `${what}: ${hazard}`, "write ${NAME} for a variable; WinSW cannot carry a literal %NAME%");
    return !hazard;
  };
  const programPath = (t: Text, what: string): void => {
    expanded(t, what);
    if (literalText(t).includes('"')) error(t.at, C.QUOTE_IN_PATH, `${what} contains a double quote`, "write the path without quotes: WinSW quotes it itself");
  };
  const argumentList = (cmd: Pick<Command, "executable" | "args">, what: string, v2LineBreaks: boolean): void => {
    const ok = cmd.args.every((a, i) => representable(a, `${what}[${i}]`));
    if (!ok) return;
    const hazard = argumentLineHazard(cmd.args);
    if (hazard) {
      const a = cmd.args[hazard.index]!;
      error(a.at, PERCENT_HAZARD, `${what}[${hazard.index}]: ${hazard.message}`, "write ${NAME} for a variable; WinSW expands %NAME% over the whole argument line");
    }
    const batch = new Map(batchArgumentProblems(cmd.executable, cmd.args).map((b) => [b.index, b.char]));
    cmd.args.forEach((a, i) => {
      const lit = literalText(a);
      if (v2LineBreaks && /[\r\n]/.test(lit)) {
        error(a.at, C.ARGUMENT_LINE_BREAK, `${what}[${i}] contains a line break, which WinSW 2 turns into a space (${needV3})`, "set options.winsw.version: 3, or remove the line break");
      }
      const char = batch.get(i);
      if (char !== undefined) {
        error(a.at, C.BATCH_METACHARACTER, `${what}[${i}] contains ${JSON.stringify(char)}, which cmd.exe would interpret: Windows runs ${windowsExpandable(cmd.executable)} through cmd.exe`, "pass the value another way (an environment variable or a file)");
      }
      if (endsWithVariable(a)) {
        const last = a.parts[a.parts.length - 1] as { name: string };
        warn(a.at, C.TRAILING_VARIABLE, `${what}[${i}] ends with \${${last.name}}: if its value ends with a backslash, the argument runs on into the next one`, "make sure the value has no trailing backslash, or put a literal character after it");
      }
    });
  };

  // --- identity
  for (const [t, what] of [[model.displayName, "displayName"], [model.description, "description"]] as const) {
    if (!t) continue;
    expanded(t, what);
    if (hasVar(t)) {
      warn(t.at, C.INSTALL_TIME_VARIABLE, `${what}: WinSW expands variables here once, when it installs the service, in the installing console's environment`, "write the literal text if the value should not depend on the installing session");
    }
  }

  // --- program
  programPath(model.executable, "executable");
  argumentList(model, "args", version !== 3);
  if (model.workingDirectory) expanded(model.workingDirectory, "workingDirectory");

  // --- environment: applied in order, each value expanded as it is applied
  const envIndex = new Map(model.environment.map((e, i) => [e.name.toUpperCase(), i]));
  model.environment.forEach((e, i) => {
    const what = `environment.${e.name}`;
    expanded(e.value, what);
    if (version !== 3 && e.value.parts.every((p) => p.kind === "literal" && p.text === "")) {
      error(e.value.at, C.EMPTY_ENV_VALUE, `${what} is empty, and WinSW 2 removes a variable set to an empty value (${needV3})`, "leave the variable out, or set options.winsw.version: 3");
    }
    for (const p of e.value.parts) {
      if (p.kind !== "var") continue;
      const later = envIndex.get(p.name.toUpperCase());
      if (later !== undefined && later > i) {
        warn(e.value.at, C.ENV_ORDER, `${what} refers to \${${p.name}}, which the spec sets further down: WinSW gives the value it had before`, `move ${model.environment[later]!.name} above ${e.name} if you mean the spec's value`);
      }
    }
  });

  // --- account
  const account = model.account;
  if (account?.kind === "user") {
    if (hasVar(account.user)) {
      error(account.user.at, VARIABLE_NOT_EXPANDED, "account.user: WinSW does not expand variables in the service account", "write the account name out");
    } else {
      representable(account.user, "account.user");
    }
  }
  const problem = account?.kind === "user" && hasVar(account.user) ? undefined : accountProblem(account, version);
  if (account && problem) {
    const at = account.kind === "user" ? account.user.at : account.at;
    const messages: Record<typeof problem, [string, string, string]> = {
      "needs-version": [C.ACCOUNT_NEEDS_VERSION, "WinSW 2 and 3 write the service account differently, and each ignores the other's form (the service would run as LocalSystem)", "set options.winsw.version: 2 or 3"],
      "virtual-v3": [C.VIRTUAL_ACCOUNT_V3, "WinSW 3 cannot install a service under its virtual account NT SERVICE\\" + model.name.value + ": it looks the account up before the service exists", "use options.winsw.version: 2, or another account"],
      "upn-v2": [C.ACCOUNT_FORM, "WinSW 2 cannot store a user@domain account: it always writes domain\\user", "write DOMAIN\\user, or set options.winsw.version: 3"],
      "no-domain-v2": [C.ACCOUNT_FORM, "account.user has no domain, and WinSW 2 would take it as a local account (.\\user)", "write .\\user for a local account, or DOMAIN\\user"],
      "empty-part": [C.ACCOUNT_FORM, "account.user has an empty domain or user name around its backslash", "write DOMAIN\\user or .\\user"],
    };
    const [code, message, hint] = messages[problem];
    error(at, code, message, hint);
  }

  // --- restart: <onfailure> delays are 32-bit milliseconds, the reset period whole seconds
  const r = model.restart;
  if (r.policy.value !== "never") {
    if (r.delayMs.value > MAX_MS) error(r.delayMs.at, C.TIME_SPAN, "restart.delay is longer than WinSW can store (about 24.8 days)");
    const reset = r.resetAfterMs ?? (r.maxRetries ? r.windowMs : undefined);
    if (reset) {
      const field = r.resetAfterMs ? "restart.resetAfter" : "restart.window";
      if (reset.value % 1000 !== 0) error(reset.at, C.TIME_SPAN, `${field} is not a whole number of seconds, which Windows keeps the failure reset period in`, "round it to whole seconds");
      else if (reset.value / 1000 > MAX_RESET_SECONDS) error(reset.at, C.TIME_SPAN, `${field} is longer than Windows can store`);
    }
  }
  if (model.stop.timeoutMs && model.stop.timeoutMs.value > MAX_MS) {
    error(model.stop.timeoutMs.at, C.TIME_SPAN, "stop.timeout is longer than WinSW can store (about 24.8 days)");
  }

  // --- logs
  const logs = model.logs;
  if (logs) {
    expanded(logs.directory, "logs.directory");
    const namesOk = [[logs.stdout, "logs.stdout"], [logs.stderr, "logs.stderr"]].every(([t, w]) => expanded(t as Text, w as string));
    if (namesOk && logBaseName(logs) === undefined) {
      const at = windowsExpandable(logs.stdout).endsWith(OUT_SUFFIX) ? logs.stderr.at : logs.stdout.at;
      error(at, C.LOG_FILE_NAMES, `WinSW cannot name the log files ${JSON.stringify(logs.stdout.source)} and ${JSON.stringify(logs.stderr.source)}: it writes <base>.out.log and <base>.err.log`, "use names like orders.out.log and orders.err.log (same base), or leave both out");
    }
    if (logs.rotate) {
      const size = logs.rotate.maxSizeBytes;
      if (size && (size.value % KIB !== 0 || size.value / KIB > MAX_SIZE_THRESHOLD_KIB)) {
        error(size.at, C.LOG_SIZE, size.value % KIB !== 0 ? "logs.rotate.maxSize is not a whole number of KiB, which WinSW's sizeThreshold counts in" : "logs.rotate.maxSize is above WinSW's limit of 2097151 KiB", "give it in KiB, MiB or GiB (10MiB, not 10MB)");
      }
      if (logs.rotate.keep?.value === 1) error(logs.rotate.keep.at, C.LOG_KEEP_ONE, "WinSW cannot keep exactly one rotated file: it would truncate the live log instead", "use keep: 2 or more");
      if (!logs.append.value) error(logs.append.at, C.LOG_ROTATE_RESET, "WinSW cannot both rotate by size and start fresh files at each start", "remove logs.append: false, or the rotation");
    }
  }

  // --- hooks (WinSW 3 only)
  for (const [key, cmd] of [["preStart", model.hooks.preStart], ["postStop", model.hooks.postStop]] as const) {
    if (!cmd) continue;
    if (version !== 3) {
      error(cmd.at, C.HOOKS_NEED_V3, `hooks.${key}: WinSW 2 has no hooks, and would silently not run it (${needV3})`, `set options.winsw.version: 3, or list hooks.${key} in options.winsw.ignore`);
      continue;
    }
    programPath(cmd.executable, `hooks.${key}.executable`);
    argumentList(cmd, `hooks.${key}.args`, false);
  }
  return out;
}
