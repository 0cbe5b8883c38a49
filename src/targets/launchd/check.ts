import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { isLiteral, literalOf, type Located, type ServiceModel, type SourceLoc, type Text } from "../../model.js";
import { NICE } from "./capabilities.js";
import * as C from "./codes.js";
import { plistStringProblem } from "./escape.js";
import { launchdOptions } from "./options.js";

const TARGET = "launchd";
// launchd-842 core.c (job_import_integer): ThrottleInterval and ExitTimeOut above UINT32_MAX are ignored.
export const MAX_SECONDS = 0xffff_ffff;

export function check(model: ServiceModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (at: SourceLoc, code: string, message: string, hint?: string) => out.push(diag(at, "error", code, message, hint, TARGET));
  const opts = launchdOptions(model);

  /** A plist string launchd uses as written: no ${NAME}, and only characters XML carries both ways. */
  const string = (t: Text, field: string): void => {
    if (!isLiteral(t)) {
      error(t.at, C.VARIABLE, `${field} ${JSON.stringify(t.source)}: launchd does not expand \${NAME}, the program would see it literally`, "write the value out in the macos section, or $${NAME} for a literal ${NAME}");
      return;
    }
    const why = plistStringProblem(literalOf(t));
    if (why) error(t.at, C.PLIST_CHARACTER, `${field} contains ${why}`, "remove the character");
  };
  const seconds = (d: Located<number>, field: string, key: string): void => {
    if (d.value % 1000 !== 0) error(d.at, C.WHOLE_SECONDS, `${field} ${d.value}ms is not a whole number of seconds, and launchd's ${key} counts whole seconds`, "write it in whole seconds");
    else if (d.value / 1000 > MAX_SECONDS) error(d.at, C.WHOLE_SECONDS, `${field} is more than ${key}'s maximum of ${MAX_SECONDS} seconds`, "choose a shorter duration");
  };

  // --- strings
  string(model.executable, "executable");
  model.args.forEach((a, i) => string(a, `args[${i}]`));
  if (model.workingDirectory) string(model.workingDirectory, "workingDirectory");
  for (const e of model.environment) string(e.value, `environment.${e.name}`);
  if (model.account?.kind === "user") {
    string(model.account.user, "account.user");
    if (model.account.group) string(model.account.group, "account.group");
  }
  if (model.logs) {
    string(model.logs.directory, "logs.directory");
    for (const key of ["stdout", "stderr"] as const) {
      const f = model.logs[key];
      string(f, `logs.${key}`);
      if (isLiteral(f) && (literalOf(f) === "." || literalOf(f) === "..")) {
        error(f.at, C.LOG_FILE_NAME, `logs.${key} ${JSON.stringify(literalOf(f))} names a directory, not a file launchd can write to`, "choose a file name");
      }
    }
  }

  // --- the domain: an agent runs as the user who logs in, and cannot raise its priority
  if (opts.domain === "user") {
    if (model.account) {
      error(model.account.at, C.AGENT_ACCOUNT, "an agent (options.launchd.domain: user) runs as the user who logs in: launchd ignores UserName and GroupName there", "remove account for macOS, or use domain: system (a daemon)");
    }
    if (NICE[model.priority.value] < 0) {
      error(model.priority.at, C.AGENT_NICE, `priority ${model.priority.value} needs a negative Nice, which launchd honours for daemons only`, "use domain: system (a daemon), or priority normal or lower for macOS");
    }
  }

  // --- start and restart
  const keptAlive = model.restart.policy.value !== "never";
  if (keptAlive && model.startup.value === "manual") {
    error(
      model.startup.at,
      C.MANUAL_KEEPALIVE,
      `startup: manual with restart.policy ${model.restart.policy.value}: launchd starts a job it keeps alive as soon as it loads it`,
      "set restart.policy: never for macOS (macos: { restart: { policy: never } }), or use startup: auto",
    );
  }
  if (keptAlive) seconds(model.restart.delayMs, "restart.delay", "ThrottleInterval");

  // --- stop
  const timeout = model.stop.timeoutMs;
  if (timeout?.value === 0) {
    error(timeout.at, C.ZERO_EXIT_TIMEOUT, "stop.timeout 0s cannot be written: launchd reads ExitTimeOut 0 as never send SIGKILL", "give the program at least 1s");
  } else if (timeout) seconds(timeout, "stop.timeout", "ExitTimeOut");
  return out;
}
