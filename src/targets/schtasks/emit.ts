import { xmlAttr, xmlComment, xmlText } from "../../escape/xml.js";
import { windowsExpandable } from "../../escape/windows-env.js";
import { isLiteral, literalOf, type Command, type ServiceModel, type Text } from "../../model.js";
import { headerLines } from "../../render/header.js";
import type { EmitContext, OutputFile } from "../types.js";
import { expandedArgs } from "../../escape/windows-env.js";
import { taskCommand } from "./command-line.js";
import { isoDuration } from "./iso-duration.js";
import { DELAYED_START_MS, HOOK_ACTION_ID, restartPlan, TASK_PRIORITY, taskPrincipal, triggerOption, type TaskPrincipal } from "./plan.js";
import { utf16leWithBom } from "./utf16le.js";

const NAMESPACE = "http://schemas.microsoft.com/windows/2004/02/mit/task";
// Actions/@Context must name the Principal's id (an xs:ID): Windows' own exports call it "Author".
const PRINCIPAL_ID = "Author";
const EOL = "\r\n";

/** Element text. LF is written as a reference so that every line of the file ends in CRLF. */
const text = (s: string): string => xmlText(s).replace(/\n/g, "&#10;");

function literal(t: Text, what: string): string {
  if (!isLiteral(t)) throw new Error(`internal: ${what} has a variable; check should have refused it`);
  return literalOf(t);
}

function registrationComment(name: string, file: string, p: TaskPrincipal): string[] {
  const create = `schtasks /create /tn "${name}" /xml "${file}"`;
  switch (p.kind) {
    case "service":
      return [`Register as an administrator: ${create}`];
    case "password":
      return [
        `Register as an administrator, giving the password of ${p.userId} from the environment variable ${p.passwordEnv} (this file does not hold it), in cmd.exe:`,
        `  ${create} /ru "${p.userId}" /rp "%${p.passwordEnv}%"`,
      ];
    case "gmsa":
      return [
        `Register as an administrator (Windows fetches the password of the gMSA ${p.userId} itself), in PowerShell:`,
        `  Register-ScheduledTask -TaskName "${name}" -Xml (Get-Content -Raw "${file}")`,
      ];
    case "refused":
      throw new Error(`internal: ${p.reason}; check should have refused the account`);
  }
}

function trigger(model: ServiceModel, userId: string | undefined): string[] {
  const startup = model.startup.value;
  if (startup === "manual" || startup === "disabled") return [];
  const opt = triggerOption(model);
  if ("error" in opt) throw new Error(`internal: ${opt.error}`);
  // The trigger types are xs:sequence extensions: Enabled first, then UserId (logon), then Delay.
  const body = ["<Enabled>true</Enabled>"];
  if (opt.trigger === "logon") {
    if (userId === undefined) throw new Error("internal: logon trigger without a user");
    body.push(`<UserId>${text(userId)}</UserId>`);
  }
  if (startup === "delayed") body.push(`<Delay>${isoDuration(DELAYED_START_MS)}</Delay>`);
  const el = opt.trigger === "logon" ? "LogonTrigger" : "BootTrigger";
  return ["<Triggers>", `  <${el}>`, ...body.map((l) => "    " + l), `  </${el}>`, "</Triggers>"];
}

function principal(p: TaskPrincipal): string[] {
  if (p.kind === "refused") throw new Error(`internal: ${p.reason}`);
  const lines = [`<UserId>${text(p.userId)}</UserId>`];
  // A user or gMSA runs whether or not it is logged on, with the password given at registration (or
  // fetched by Windows for a gMSA). Built-in accounts take no LogonType.
  if (p.kind !== "service") lines.push("<LogonType>Password</LogonType>");
  // A Windows service gets its account's full token (UAC does not filter services); HighestAvailable
  // is the task equivalent. For an account that is not an administrator it changes nothing.
  lines.push("<RunLevel>HighestAvailable</RunLevel>");
  return ["<Principals>", `  <Principal id="${xmlAttr(PRINCIPAL_ID)}">`, ...lines.map((l) => "    " + l), "  </Principal>", "</Principals>"];
}

function settings(model: ServiceModel): string[] {
  const restart = restartPlan(model);
  // Task Scheduler's defaults suit short jobs: stop after 72 hours, not on battery, below-normal
  // priority, idle stop. Each is set here to what a long-running service needs.
  const lines = [
    "<MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>",
    "<DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>",
    "<StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>",
    "<AllowHardTerminate>true</AllowHardTerminate>",
    "<StartWhenAvailable>true</StartWhenAvailable>",
    "<RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>",
    "<IdleSettings>",
    "  <StopOnIdleEnd>false</StopOnIdleEnd>",
    "  <RestartOnIdle>false</RestartOnIdle>",
    "</IdleSettings>",
    "<AllowStartOnDemand>true</AllowStartOnDemand>",
    `<Enabled>${model.startup.value === "disabled" ? "false" : "true"}</Enabled>`,
    "<Hidden>false</Hidden>",
    "<RunOnlyIfIdle>false</RunOnlyIfIdle>",
    "<WakeToRun>false</WakeToRun>",
    `<ExecutionTimeLimit>${isoDuration(0)}</ExecutionTimeLimit>`,
    `<Priority>${TASK_PRIORITY[model.priority.value]}</Priority>`,
  ];
  if (restart) {
    if (restart.intervalMs % 1000 !== 0) throw new Error("internal: restart interval is not whole seconds");
    lines.push(
      "<RestartOnFailure>",
      `  <Interval>${isoDuration(restart.intervalMs)}</Interval>`,
      `  <Count>${restart.count}</Count>`,
      "</RestartOnFailure>",
    );
  }
  return ["<Settings>", ...lines.map((l) => "  " + l), "</Settings>"];
}

function exec(c: Pick<Command, "executable" | "args">, workingDirectory: Text | undefined, id?: string): string[] {
  const lines = [`<Command>${text(taskCommand(c.executable))}</Command>`];
  if (c.args.length > 0) lines.push(`<Arguments>${text(expandedArgs(c.args))}</Arguments>`);
  if (workingDirectory) lines.push(`<WorkingDirectory>${text(windowsExpandable(workingDirectory))}</WorkingDirectory>`);
  return [id ? `<Exec id="${xmlAttr(id)}">` : "<Exec>", ...lines.map((l) => "  " + l), "</Exec>"];
}

function actions(model: ServiceModel): string[] {
  // Actions run one after another, in document order. Hooks get the service's working directory, as
  // they do on the other targets, and an id saying which hook they are (the program's Exec has none).
  const wd = model.workingDirectory;
  const all = [
    ...(model.hooks.preStart ? exec(model.hooks.preStart, wd, HOOK_ACTION_ID.preStart) : []),
    ...exec({ executable: model.executable, args: model.args }, wd),
    ...(model.hooks.postStop ? exec(model.hooks.postStop, wd, HOOK_ACTION_ID.postStop) : []),
  ];
  return [`<Actions Context="${xmlAttr(PRINCIPAL_ID)}">`, ...all.map((l) => "  " + l), "</Actions>"];
}

export function emit(model: ServiceModel, ctx: EmitContext): OutputFile[] {
  const name = model.name.value;
  const file = `${name}.task.xml`;
  const p = taskPrincipal(model.account);
  const userId = p.kind === "password" || p.kind === "gmsa" ? p.userId : undefined;

  const registration = ["<RegistrationInfo>"];
  if (model.description) registration.push(`  <Description>${text(literal(model.description, "description"))}</Description>`);
  registration.push(`  <URI>${text("\\" + name)}</URI>`, "</RegistrationInfo>");

  const body = [...registration, ...trigger(model, userId), ...principal(p), ...settings(model), ...actions(model)];
  const comments = [...headerLines(ctx.sourceName), ...registrationComment(name, file, p)];
  const lines = [
    '<?xml version="1.0" encoding="UTF-16"?>',
    ...comments.map((c) => `<!-- ${xmlComment(c)} -->`),
    `<Task version="1.3" xmlns="${NAMESPACE}">`,
    ...body.map((l) => "  " + l),
    "</Task>",
  ];
  return [{ name: file, bytes: utf16leWithBom(lines.join(EOL) + EOL) }];
}
