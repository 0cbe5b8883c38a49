import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { cmdUnrepresentable, CMD_MAX_LINE } from "../../escape/cmd-batch.js";
import { batchArgumentProblems } from "../../escape/batch-program.js";
import { BATCH_ARGUMENT, CMD_LINE_TOO_LONG, CMD_UNREPRESENTABLE, PERCENT_HAZARD, VARIABLE_NOT_EXPANDED } from "../../escape/codes.js";
import { percentHazard, spaceJoined } from "../../escape/windows-env.js";
import { isLiteral, literalOf, type Command, type ServiceModel, type SourceLoc, type Text } from "../../model.js";
import {
  DISPLAY_NAME_TOO_LONG,
  HOOKS_NEED_101,
  NOT_A_DWORD,
  PASSWORD_REQUIRED,
  QUOTE_IN_PATH,
  RESTART_DELAY_FLOOR,
  VIRTUAL_NEEDS_101,
} from "./codes.js";
import { installPlan, logPath, nssmVersion, passwordlessUser } from "./plan.js";
import { callLine } from "./lines.js";

const T = "nssm";
const MAX_DWORD = 0xffffffff;

export function check(model: ServiceModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (at: SourceLoc, code: string, message: string, hint?: string) => out.push(diag(at, "error", code, message, hint, T));
  const version = nssmVersion(model);
  let encodable = true;

  // Every text nssm receives must survive a cmd.exe line.
  const carried = (t: Text, field: string) => {
    const why = cmdUnrepresentable(literalOf(t));
    if (why !== undefined) {
      encodable = false;
      err(t.at, CMD_UNREPRESENTABLE, `${field} contains ${why}`, "remove it from the value");
    }
  };
  // nssm (or Windows for it) expands %NAME% in these: a literal % must not pair with another.
  const expanded = (t: Text | undefined, field: string) => {
    if (!t) return;
    const why = percentHazard(t);
    if (why !== undefined) err(t.at, PERCENT_HAZARD, `${field}: ${why}`, "write ${NAME} for a variable; nssm has no escape for a literal %");
  };
  // ...and stores these verbatim, so a ${NAME} would stay the text %NAME%.
  const verbatim = (t: Text | undefined, field: string) => {
    if (t && !isLiteral(t)) err(t.at, VARIABLE_NOT_EXPANDED, `${field} ${JSON.stringify(t.source)} uses a variable, but nssm stores ${field} as written`, "write the literal value");
  };
  const path = (t: Text | undefined, field: string) => {
    if (t && literalOf(t).includes('"')) err(t.at, QUOTE_IN_PATH, `${field} contains a double quote, which no Windows path can`);
  };
  // nssm starts the program (and each hook) with CreateProcess: a .bat or .cmd runs under cmd.exe, which
  // reads the whole command line again.
  const batch = (c: Pick<Command, "executable" | "args">, field: string) => {
    for (const b of batchArgumentProblems(c.executable, c.args)) {
      err(c.args[b.index]!.at, BATCH_ARGUMENT, `${field}[${b.index}] contains ${JSON.stringify(b.char)}, which cmd.exe would interpret: Windows runs ${literalOf(c.executable)} through cmd.exe`, "pass the value another way (an environment variable or a file)");
    }
  };

  carried(model.executable, "executable");
  path(model.executable, "executable");
  expanded(model.executable, "executable");
  model.args.forEach((a, i) => carried(a, `args[${i}]`));
  expanded(spaceJoined(model.args), "args");
  batch(model, "args");
  if (model.workingDirectory) {
    carried(model.workingDirectory, "workingDirectory");
    path(model.workingDirectory, "workingDirectory");
    expanded(model.workingDirectory, "workingDirectory");
  }
  for (const e of model.environment) {
    carried(e.value, `environment.${e.name}`);
    expanded(e.value, `environment.${e.name}`);
  }
  carried(model.displayName, "displayName");
  verbatim(model.displayName, "displayName");
  const shown = literalOf(model.displayName);
  // Counted in characters; a string no longer than 256 UTF-16 units has no more than 256 of them.
  if (shown.length > 256 && [...shown].length > 256) err(model.displayName.at, DISPLAY_NAME_TOO_LONG, "displayName is longer than 256 characters");
  if (model.description) {
    carried(model.description, "description");
    verbatim(model.description, "description");
  }

  const a = model.account;
  if (a?.kind === "user") {
    carried(a.user, "account.user");
    verbatim(a.user, "account.user");
    if (!a.passwordFromEnv && !passwordlessUser(literalOf(a.user), model.name.value, version)) {
      err(a.at, PASSWORD_REQUIRED, `nssm cannot set the account ${JSON.stringify(a.user.source)} without its password`, "add password: { fromEnv: <VARIABLE> }");
    }
  } else if (a?.kind === "builtin" && a.builtin === "virtual" && version === "2.24") {
    err(a.at, VIRTUAL_NEEDS_101, "nssm 2.24 cannot run a service as a virtual account", 'set options.nssm.version: "2.24-101", or choose another account');
  }

  if (model.logs) {
    const { directory, stdout, stderr } = model.logs;
    for (const [t, f] of [
      [directory, "logs.directory"],
      [stdout, "logs.stdout"],
      [stderr, "logs.stderr"],
    ] as const) {
      carried(t, f);
      path(t, f);
    }
    expanded(logPath(directory, stdout), "logs.stdout");
    expanded(logPath(directory, stderr), "logs.stderr");
  }

  for (const [key, c] of [
    ["hooks.preStart", model.hooks.preStart],
    ["hooks.postStop", model.hooks.postStop],
  ] as const) {
    if (!c) continue;
    if (version === "2.24") {
      err(c.at, HOOKS_NEED_101, `${key} needs nssm 2.24-101 (AppEvents); nssm 2.24 has no hooks`, `set options.nssm.version: "2.24-101" (nssm 2.24 cannot run hooks)`);
      continue;
    }
    carried(c.executable, `${key}.executable`);
    path(c.executable, `${key}.executable`);
    c.args.forEach((x, i) => carried(x, `${key}.args[${i}]`));
    expanded(spaceJoined([c.executable, ...c.args]), key);
    batch(c, `${key}.args`);
  }

  const dword = (v: { value: number; at: SourceLoc } | undefined, field: string) => {
    if (v && v.value > MAX_DWORD) err(v.at, NOT_A_DWORD, `${field} is ${v.value} ms; nssm stores at most ${MAX_DWORD} ms (about 49 days)`);
  };
  // With restart.policy never the delay is not written (AppRestartDelay is reset).
  if (model.restart.policy.value !== "never") dword(model.restart.delayMs, "restart.delay");
  dword(model.stop.timeoutMs, "stop.timeout");
  const delay = model.restart.delayMs.value;
  if (model.present.has("restart.delay") && delay > 0 && delay < 2000 && model.restart.policy.value !== "never") {
    out.push(
      diag(model.restart.delayMs.at, "warning", RESTART_DELAY_FLOOR, `restart.delay is ${delay} ms, but nssm waits at least 2000 ms before it restarts the program`, "write 0s to restart at once, or 2s or more", T),
    );
  }

  // Only once every value is known to be encodable: measure the lines cmd.exe will read.
  if (encodable && !out.some((d) => d.severity === "error")) {
    const plan = installPlan(model);
    for (const call of [plan.install, ...plan.settings]) {
      const line = callLine(call);
      if (line.length > CMD_MAX_LINE) {
        err(model.locOf(lineField(call.what)), CMD_LINE_TOO_LONG, `the line for nssm ${call.what} would be ${line.length} characters; cmd.exe reads at most ${CMD_MAX_LINE}`);
      }
    }
  }
  return out;
}

/** The spec field behind a setting, for the position of a too-long line. */
function lineField(what: string): string {
  const p = what.split(" ")[1] ?? "";
  if (p === "Application" || what === "install") return "executable";
  if (p === "AppParameters") return "args";
  if (p === "AppDirectory") return "workingDirectory";
  if (p === "AppEnvironmentExtra") return "environment";
  if (p === "Description") return "description";
  if (p === "DisplayName") return "displayName";
  if (p === "DependOnService") return "dependsOn";
  if (p.startsWith("AppStd")) return "logs";
  if (p === "AppEvents") return what.includes("Start/Pre") ? "hooks.preStart" : "hooks.postStop";
  return "name";
}
