import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { cmdUnrepresentable } from "../../escape/cmd-batch.js";
import { batchArgumentProblems } from "../../escape/batch-program.js";
import { BATCH_ARGUMENT, CMD_LINE_TOO_LONG, CMD_UNREPRESENTABLE, PERCENT_HAZARD, VARIABLE_NOT_EXPANDED } from "../../escape/codes.js";
import { percentHazard, spaceJoined } from "../../escape/windows-env.js";
import { isLiteral, literalOf, type SourceLoc, type Text, type ServiceModel } from "../../model.js";
import {
  commandLine,
  environmentEntries,
  installPlan,
  lineTooLong,
  MAX_DWORD_VALUE,
  multiSzSeparator,
  resetPeriodMs,
  uninstallPlan,
  type Invocation,
} from "./commands.js";
import { DISPLAY_NAME_TOO_LONG, ENVIRONMENT_SEPARATOR, OUT_OF_RANGE, PASSWORD_NOT_ALLOWED, QUOTE_IN_EXECUTABLE, WHOLE_SECONDS } from "./codes.js";

const TARGET = "sc";
// Accounts whose password Windows manages: CreateService must get a NULL password for them.
const MANAGED_ACCOUNT = /(\$$)|^NT SERVICE\\/i;

export function check(model: ServiceModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (at: SourceLoc, code: string, message: string, hint?: string) => out.push(diag(at, "error", code, message, hint, TARGET));

  /** Every text that ends up on a script line. */
  const representable = (t: Text, field: string): void => {
    const why = cmdUnrepresentable(t.source);
    if (why !== undefined) error(t.at, CMD_UNREPRESENTABLE, `${field} contains ${why}`, "remove it from the value");
  };
  /** Texts that Windows stores verbatim: `${NAME}` would stay the literal text %NAME%. */
  const literalOnly = (t: Text, field: string, where: string): void => {
    if (!isLiteral(t)) {
      error(t.at, VARIABLE_NOT_EXPANDED, `${field} uses \${NAME}, but ${where} is stored as written: nothing expands it`, "write the literal value ($$ for a literal $)");
    }
  };

  // --- the ImagePath (binPath=): expanded by the SCM, so ${NAME} works and a literal % must not pair
  representable(model.executable, "executable");
  model.args.forEach((a, i) => representable(a, `args[${i}]`));
  if (model.executable.parts.some((p) => p.kind === "literal" && p.text.includes('"'))) {
    error(model.executable.at, QUOTE_IN_EXECUTABLE, "executable contains a double quote, which no Windows path can contain and which would end the quoted path in the ImagePath");
  }
  const imageParts: Array<[Text, string]> = [[model.executable, "executable"], ...model.args.map((a, i): [Text, string] => [a, `args[${i}]`])];
  let hazard = false;
  for (const [t, field] of imageParts) {
    const why = percentHazard(t);
    if (why !== undefined) {
      hazard = true;
      error(t.at, PERCENT_HAZARD, `${field}: ${why} (the service's ImagePath is expanded when it starts)`, "write ${NAME} for a variable you mean, and avoid two literal % signs");
    }
  }
  if (!hazard) {
    // A % in one element can pair with a % in a later one: the SCM expands the ImagePath as one string.
    const why = percentHazard(spaceJoined(imageParts.map(([t]) => t)));
    if (why !== undefined) {
      const first = imageParts.find(([t]) => t.parts.some((p) => p.kind === "literal" && p.text.includes("%")));
      error((first?.[0] ?? model.executable).at, PERCENT_HAZARD, `${first?.[1] ?? "executable"}: ${why} (the SCM expands the whole ImagePath, all arguments together, when the service starts)`, "avoid literal % signs in more than one argument, or use ${NAME}");
    }
  }

  // The SCM starts the ImagePath with CreateProcess: a .bat or .cmd runs under cmd.exe, which reads it again.
  for (const b of batchArgumentProblems(model.executable, model.args)) {
    error(model.args[b.index]!.at, BATCH_ARGUMENT, `args[${b.index}] contains ${JSON.stringify(b.char)}, which cmd.exe would interpret: Windows runs ${literalOf(model.executable)} through cmd.exe`, "pass the value another way (an environment variable or a file)");
  }

  // --- literal-only texts
  representable(model.displayName, "displayName");
  literalOnly(model.displayName, "displayName", "the display name");
  // Measured as stored, not as written in the spec ($$ is one character).
  const shown = literalOf(model.displayName);
  if (shown.length > 256) error(model.displayName.at, DISPLAY_NAME_TOO_LONG, `displayName is ${shown.length} characters long; Windows allows at most 256`);
  if (model.description) {
    representable(model.description, "description");
    literalOnly(model.description, "description", "the service description");
  }
  for (const e of model.environment) {
    representable(e.value, `environment.${e.name}`);
    if (!isLiteral(e.value)) {
      error(
        e.value.at,
        VARIABLE_NOT_EXPANDED,
        `environment.${e.name} uses \${NAME}, but the SCM passes the service's Environment registry value on as written: nothing expands it`,
        "write the literal value for the sc target, or use the nssm or winsw target, which expand variables in environment values",
      );
    }
  }
  if (model.environment.length && multiSzSeparator(environmentEntries(model)) === undefined) {
    error(model.locOf("environment"), ENVIRONMENT_SEPARATOR, "the environment values together use every separator character reg.exe could be given for the Environment value");
  }

  // --- account
  const acc = model.account;
  if (acc?.kind === "user") {
    representable(acc.user, "account.user");
    literalOnly(acc.user, "account.user", "the account name");
    if (acc.passwordFromEnv && MANAGED_ACCOUNT.test(acc.user.source)) {
      error(acc.passwordFromEnv.at, PASSWORD_NOT_ALLOWED, `${acc.user.source} is an account whose password Windows manages: sc.exe must be given no password`, "remove account.password");
    }
  }

  // --- restart: the SCM's units are DWORD milliseconds (delays) and DWORD seconds (reset period)
  if (model.restart.policy.value !== "never") {
    const delay = model.restart.delayMs;
    if (delay.value > MAX_DWORD_VALUE) {
      error(delay.at, OUT_OF_RANGE, `restart.delay is ${delay.value} ms; the SCM keeps at most ${MAX_DWORD_VALUE} ms (about 49.7 days)`);
    }
    const reset = resetPeriodMs(model);
    if (reset.from) {
      const at = (reset.from === "restart.resetAfter" ? model.restart.resetAfterMs : model.restart.windowMs)!.at;
      if (reset.ms % 1000 !== 0) {
        error(at, WHOLE_SECONDS, `${reset.from} is ${reset.ms} ms, but sc.exe failure reset= takes whole seconds`, `write ${Math.ceil(reset.ms / 1000)}s or ${Math.floor(reset.ms / 1000)}s`);
      } else if (reset.ms / 1000 > MAX_DWORD_VALUE) {
        error(at, OUT_OF_RANGE, `${reset.from} is ${reset.ms / 1000} s; the SCM keeps at most ${MAX_DWORD_VALUE} s`);
      }
    }
  }

  // --- line length, once every value is known to be encodable
  if (out.length === 0) {
    const plan = installPlan(model);
    const un = uninstallPlan(model);
    const argsAt = model.args.length ? model.locOf("args") : model.executable.at;
    const all: Array<[Invocation, string, SourceLoc]> = [
      [plan.create, "sc.exe create", argsAt],
      [plan.config, "sc.exe config", argsAt],
      [plan.description, "sc.exe description", model.description?.at ?? model.name.at],
      [plan.failure, "sc.exe failure", model.restart.maxRetries?.at ?? model.name.at],
      [un.delete, "sc.exe delete", model.name.at],
    ];
    if (plan.environment) all.push([plan.environment, "reg.exe add (environment)", model.locOf("environment")]);
    for (const [inv, what, at] of all) {
      const line = commandLine(inv);
      if (lineTooLong(line)) {
        error(at, CMD_LINE_TOO_LONG, `the ${what} line of the sc install script would be ${line.length} characters long; cmd.exe reads at most 8191`);
      }
    }
  }
  return out;
}
