import { isLiteral, literalOf, type ServiceModel, type Text } from "../../model.js";
import { headerLines } from "../../render/header.js";
import type { EmitContext, OutputFile } from "../types.js";
import { NICE } from "./capabilities.js";
import { encodePlist, type PlistDict, type PlistValue } from "./escape.js";
import { launchdOptions, type LaunchdOptions } from "./options.js";

const UTF8 = new TextEncoder();

function literal(t: Text, what: string): string {
  if (!isLiteral(t)) throw new Error(`internal: ${what} has a variable; check should have refused it`);
  return literalOf(t);
}

/** Where the file goes and how it is loaded, for the header. */
function installComment(o: LaunchdOptions): string[] {
  const file = `${o.label}.plist`;
  return o.domain === "system"
    ? [
        `A launchd daemon: install as /Library/LaunchDaemons/${file} (owner root:wheel, mode 644), then load it:`,
        `  sudo launchctl bootstrap system /Library/LaunchDaemons/${file}`,
      ]
    : [`A launchd agent: install as ~/Library/LaunchAgents/${file}, then load it as that user:`, `  launchctl bootstrap gui/$(id -u) ~/Library/LaunchAgents/${file}`];
}

/** The job's keys, in the order launchd.plist(5) describes them. */
export function jobDict(model: ServiceModel): PlistDict {
  const o = launchdOptions(model);
  const job: PlistDict = new Map();
  job.set("Label", o.label);
  if (model.startup.value === "disabled") job.set("Disabled", true);
  if (model.account?.kind === "user") {
    job.set("UserName", literal(model.account.user, "account.user"));
    if (model.account.group) job.set("GroupName", literal(model.account.group, "account.group"));
  } else if (model.account) throw new Error("internal: a built-in account reached the launchd emitter");
  job.set("ProgramArguments", [literal(model.executable, "executable"), ...model.args.map((a, i) => literal(a, `args[${i}]`))]);
  if (model.workingDirectory) job.set("WorkingDirectory", literal(model.workingDirectory, "workingDirectory"));
  if (model.environment.length > 0) {
    job.set("EnvironmentVariables", new Map(model.environment.map((e): [string, PlistValue] => [e.name, literal(e.value, `environment.${e.name}`)])));
  }
  job.set("RunAtLoad", model.startup.value === "auto" || model.startup.value === "delayed");
  const policy = model.restart.policy.value;
  // on-failure: restart after a non-zero exit or a death by signal (launchd-842 core.c, job_keepalive: a
  // "good exit" is WIFEXITED with status 0, and SuccessfulExit false restarts on anything else).
  job.set("KeepAlive", policy === "always" ? true : policy === "on-failure" ? new Map([["SuccessfulExit", false]]) : false);
  if (policy !== "never") job.set("ThrottleInterval", wholeSeconds(model.restart.delayMs.value));
  if (model.stop.timeoutMs) job.set("ExitTimeOut", wholeSeconds(model.stop.timeoutMs.value));
  if (model.logs) {
    const dir = literal(model.logs.directory, "logs.directory").replace(/\/+$/, "");
    job.set("StandardOutPath", `${dir}/${literal(model.logs.stdout, "logs.stdout")}`);
    job.set("StandardErrorPath", `${dir}/${literal(model.logs.stderr, "logs.stderr")}`);
  }
  const nice = NICE[model.priority.value];
  if (nice !== 0) job.set("Nice", nice);
  return job;
}

function wholeSeconds(ms: number): number {
  if (ms % 1000 !== 0) throw new Error(`internal: ${ms}ms is not whole seconds; check should have refused it`);
  return ms / 1000;
}

export function emit(model: ServiceModel, ctx: EmitContext): OutputFile[] {
  const o = launchdOptions(model);
  const text = encodePlist(jobDict(model), [...headerLines(ctx.sourceName), ...installComment(o)]);
  return [{ name: `${o.label}.plist`, bytes: UTF8.encode(text) }];
}
