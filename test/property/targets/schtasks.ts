import fc from "fast-check";
import { decodeIsoDuration } from "../../decoders/iso-duration.js";
import { attr, elementContent, leafText, parseXml, type XmlElement } from "../../decoders/xml.js";
import { hasVar, textOf, type GenSpec, type Parts } from "../spec-gen.js";
import type { TargetFuzz } from "./types.js";
import {
  asExpandable,
  batchProblem,
  decodeExpandedCommandLine,
  decodeExpandedValue,
  differ,
  expansionProblem,
  hasControl,
  joinParts,
  minimalArgLength,
  norm,
  specProblem,
  varNames,
} from "./windows.js";

// What a Task Scheduler task (task XML 1.3, registered with schtasks /create /xml) can and cannot carry,
// written from the task schema (MicrosoftDocs win32 task-scheduler-schema, [MS-TSCH] §2.5), the Exec and
// ITaskSettings pages and XML 1.0, independently of src/targets/schtasks.

const NS = "http://schemas.microsoft.com/windows/2004/02/mit/task";
const MAX_PATH = 260; // pathType: Exec/Command, Exec/WorkingDirectory
const MAX_COMMAND_LINE = 32_766; // CreateProcess: 32,767 characters with the terminating NUL
const MIN_RESTART_MS = 60_000; // RestartOnFailure/Interval PT1M..P31D
const MAX_RESTART_MS = 31 * 86_400_000;
const MAX_COUNT = 255; // RestartOnFailure/Count: unsignedByte, at least 1

type Options = { schtasks: { ignore: string[]; trigger?: "boot" | "logon" } };
const trigger = (o: Record<string, unknown>) => (o as Options).schtasks.trigger ?? "boot";

// XML 1.0 carries tab and LF in element text; CR only as a reference, which Task Scheduler's own stored
// copy of the task need not keep, so a CR is treated as not carried. Other C0 controls are not XML Chars.
const xmlTextProblem = (p: Parts): string | undefined => {
  const s = textOf(p);
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(s)) return "C0 control character XML 1.0 cannot carry";
  if (s.includes("\r")) return "carriage return";
  return undefined;
};

// Each value's length as written in the file: paths are measured with the quotes a value needs (a space
// or a variable's value), since Task Scheduler reads Command as a command-line word.
const commandLength = (p: Parts) => asExpandable(p).length + (/[ \t]/.test(asExpandable(p)) || hasVar(p) ? 2 : 0);

function commandProblem(exe: Parts, args: Parts[], what: string): string | undefined {
  if (hasControl(exe)) return `${what}: control character in a path`;
  if (textOf(exe).includes('"')) return `${what}: a Windows path cannot contain "`;
  const e = expansionProblem(exe);
  if (e) return `${what} executable: ${e}`;
  if (commandLength(exe) > MAX_PATH) return `${what}: Command longer than ${MAX_PATH}`;
  for (const a of args) {
    const x = xmlTextProblem(a);
    if (x) return `${what} args: ${x}`;
  }
  // Task Scheduler expands the whole Arguments text; quoting adds no `%`.
  const line = joinParts(args);
  const e2 = expansionProblem(line, varNames(...args));
  if (e2) return `${what} args: ${e2}`;
  const b = batchProblem(exe, args);
  if (b) return `${what} args: ${b}`;
  const length = commandLength(exe) + args.reduce((t, a) => t + 1 + minimalArgLength(a), 0);
  if (length > MAX_COMMAND_LINE) return `${what}: command line of ${length} characters`;
  return undefined;
}

function unexpressible(s: GenSpec, o: Record<string, unknown>): string | undefined {
  const core = specProblem(s);
  if (core) return core;
  // Task Scheduler never starts a program again after it exited or crashed (RestartOnFailure retries only
  // a launch that failed): what restart.policy on-failure (the default) and always ask for is lost.
  if (!(o as Options).schtasks.ignore.includes("restart.policy") && (s.restart.policy ?? "on-failure") !== "never") return "Task Scheduler restarts nothing that exited";
  const a = s.account;
  if (a?.kind === "builtin" && a.builtin === "virtual") return "a virtual account exists only for an installed service";
  if (a?.kind === "user") {
    if (/^NT SERVICE\\/i.test(textOf(a.user))) return "NT SERVICE\\ accounts exist only for installed services";
    if (hasVar(a.user)) return "Task Scheduler does not expand UserId";
    if (hasControl(a.user)) return "control character in an account name";
  }
  // A logon trigger fires when its user logs on interactively; built-in identities never do.
  if (trigger(o) === "logon" && (a?.kind !== "user" || /^NT AUTHORITY\\/i.test(textOf(a.user)))) return "a logon trigger needs a user who logs on";
  if (s.description) {
    if (hasVar(s.description)) return "Task Scheduler does not expand Description";
    const x = xmlTextProblem(s.description);
    if (x) return `description: ${x}`;
    if (textOf(s.description).startsWith("$(@")) return "a Description starting $(@ is a resource reference";
  }
  const commands: [Parts, Parts[], string][] = [[s.executable, s.args, "main"]];
  if (s.hooks.preStart) commands.push([s.hooks.preStart.executable, s.hooks.preStart.args, "preStart"]);
  if (s.hooks.postStop) commands.push([s.hooks.postStop.executable, s.hooks.postStop.args, "postStop"]);
  for (const [exe, args, what] of commands) {
    const c = commandProblem(exe, args, what);
    if (c) return c;
  }
  const wd = s.workingDirectory;
  if (wd) {
    if (hasControl(wd)) return "workingDirectory: control character in a path";
    if (textOf(wd).includes('"')) return 'workingDirectory: a Windows path cannot contain "';
    const e = expansionProblem(wd);
    if (e) return `workingDirectory: ${e}`;
    if (asExpandable(wd).length > MAX_PATH) return `workingDirectory longer than ${MAX_PATH}`;
  }
  const r = s.restart;
  if ((r.policy ?? "on-failure") !== "never") {
    const delay = r.delayMs ?? 1000;
    if (delay > MAX_RESTART_MS) return "restart interval above P31D";
    // The Interval's documented form is P<days>DT<hours>H<minutes>M<seconds>S: whole seconds.
    if (delay >= MIN_RESTART_MS && delay % 1000 !== 0) return "restart interval is not whole seconds";
    if (r.maxRetries !== undefined && r.maxRetries > MAX_COUNT) return "restart count above 255";
  }
  return undefined;
}

// ITaskSettings::Priority: 0 realtime, 1 high, 2-3 above normal, 4-6 normal, 7-8 below normal, 9-10 idle.
function priorityClass(n: string): string {
  const p = Number(n);
  if (!/^(10|[0-9])$/.test(n)) throw new Error(`Priority ${n}`);
  return p === 0 ? "realtime" : p === 1 ? "high" : p <= 3 ? "above-normal" : p <= 6 ? "normal" : p <= 8 ? "below-normal" : "idle";
}

const BUILTIN_IDS: Record<string, string[]> = {
  "local-system": ["S-1-5-18", "NT AUTHORITY\\SYSTEM", "SYSTEM"],
  "local-service": ["S-1-5-19", "NT AUTHORITY\\LocalService", "NT AUTHORITY\\LOCAL SERVICE"],
  "network-service": ["S-1-5-20", "NT AUTHORITY\\NetworkService", "NT AUTHORITY\\NETWORK SERVICE"],
};

function verify(s: GenSpec, files: Map<string, string>, o: Record<string, unknown>): string[] {
  try {
    return compare(s, files, o);
  } catch (e) {
    return [`the output does not decode: ${(e as Error).message}`];
  }
}

function compare(s: GenSpec, files: Map<string, string>, o: Record<string, unknown>): string[] {
  const { bad, eq } = differ();
  eq("files", [...files.keys()], [`${s.name}.task.xml`]);
  const doc = parseXml(files.get(`${s.name}.task.xml`)!);
  eq("declared encoding", doc.declaration?.encoding?.toUpperCase(), "UTF-16");
  const task = doc.root;
  eq("root", [task.name, attr(task, "xmlns"), attr(task, "version")], ["Task", NS, "1.3"]);
  const one = (parent: XmlElement | undefined, name: string): XmlElement | undefined => {
    if (!parent) return undefined;
    const all = elementContent(parent).filter((e) => e.name === name);
    if (all.length > 1) bad.push(`${parent.name}/${name} appears ${all.length} times`);
    return all[0];
  };
  const value = (parent: XmlElement | undefined, name: string): string | undefined => {
    const e = one(parent, name);
    return e && leafText(e);
  };

  // --- registration
  const reg = one(task, "RegistrationInfo");
  eq("Description", value(reg, "Description"), s.description && textOf(s.description));
  eq("URI", value(reg, "URI"), `\\${s.name}`);

  // --- principal
  const principals = one(task, "Principals");
  const principal = one(principals, "Principal");
  eq("Principal count", principals ? elementContent(principals).length : 0, 1);
  const userId = value(principal, "UserId");
  const logonType = value(principal, "LogonType");
  const a = s.account;
  if (!a || a.kind === "builtin") {
    const ids = BUILTIN_IDS[a?.builtin ?? "local-system"]!;
    if (!ids.some((id) => id.toUpperCase() === userId?.toUpperCase())) bad.push(`UserId ${JSON.stringify(userId)} is not ${a?.builtin ?? "local-system"}`);
    eq("LogonType of a built-in account", logonType, undefined);
  } else {
    const user = textOf(a.user);
    eq("UserId", userId, user);
    // Runs whether or not the user is logged on: the password given at registration (or, for a gMSA,
    // fetched by Windows); NT AUTHORITY identities need none.
    const needsPassword = a.passwordEnv !== undefined || user.endsWith("$");
    eq("LogonType", logonType, needsPassword ? "Password" : undefined);
  }

  // --- triggers
  const startup = s.startup ?? "auto";
  const triggers = one(task, "Triggers");
  const all = triggers ? elementContent(triggers) : [];
  if (startup === "manual" || startup === "disabled") eq("triggers", all.map((t) => t.name), []);
  else {
    const want = trigger(o) === "logon" ? "LogonTrigger" : "BootTrigger";
    eq("triggers", all.map((t) => t.name), [want]);
    const t = all[0];
    if (t) {
      eq("trigger Enabled", value(t, "Enabled") ?? "true", "true");
      const delay = value(t, "Delay");
      // delayed: a fixed wait after the trigger (the capability's accepted approximation).
      eq("trigger Delay", delay === undefined ? 0 : decodeIsoDuration(delay), startup === "delayed" ? 120_000 : 0);
      if (want === "LogonTrigger") eq("LogonTrigger UserId", value(t, "UserId"), a?.kind === "user" ? textOf(a.user) : undefined);
      for (const k of ["StartBoundary", "EndBoundary", "Repetition", "ExecutionTimeLimit"]) eq(`trigger ${k}`, one(t, k)?.name, undefined);
    }
  }

  // --- settings
  const settings = one(task, "Settings");
  eq("Settings/Enabled", value(settings, "Enabled") ?? "true", startup === "disabled" ? "false" : "true");
  const prio = value(settings, "Priority");
  eq("Priority", prio === undefined ? "below-normal" : priorityClass(prio), s.priority ?? "normal");
  // What a long-running program needs from a task: no time limit, not stopped for battery or idleness.
  const limit = value(settings, "ExecutionTimeLimit");
  eq("ExecutionTimeLimit", limit === undefined ? "default PT72H" : decodeIsoDuration(limit), 0);
  eq("DisallowStartIfOnBatteries", value(settings, "DisallowStartIfOnBatteries"), "false");
  eq("StopIfGoingOnBatteries", value(settings, "StopIfGoingOnBatteries"), "false");
  eq("IdleSettings/StopOnIdleEnd", value(one(settings, "IdleSettings"), "StopOnIdleEnd"), "false");
  eq("RunOnlyIfIdle", value(settings, "RunOnlyIfIdle") ?? "false", "false");
  eq("RunOnlyIfNetworkAvailable", value(settings, "RunOnlyIfNetworkAvailable") ?? "false", "false");
  const restart = one(settings, "RestartOnFailure");
  if ((s.restart.policy ?? "on-failure") === "never") eq("RestartOnFailure", restart?.name, undefined);
  else {
    const interval = value(restart, "Interval");
    const count = value(restart, "Count");
    // Task Scheduler's minimum interval is 1 minute: a shorter delay is raised (with a warning).
    eq("RestartOnFailure/Interval", interval && decodeIsoDuration(interval), Math.max(s.restart.delayMs ?? 1000, MIN_RESTART_MS));
    eq("RestartOnFailure/Count", count, String(s.restart.maxRetries ?? MAX_COUNT));
  }

  // --- actions: hooks and the program, in the order they run
  const actions = one(task, "Actions");
  eq("Actions/@Context", attr(actions ?? task, "Context"), principal && attr(principal, "id"));
  const execs = actions ? elementContent(actions) : [];
  const want: [string, Parts, Parts[]][] = [];
  if (s.hooks.preStart) want.push(["preStart", s.hooks.preStart.executable, s.hooks.preStart.args]);
  want.push(["main", s.executable, s.args]);
  if (s.hooks.postStop) want.push(["postStop", s.hooks.postStop.executable, s.hooks.postStop.args]);
  eq("actions", execs.map((e) => e.name), want.map(() => "Exec"));
  want.forEach(([what, exe, args], i) => {
    const e = execs[i];
    if (!e) return;
    const command = value(e, "Command") ?? "";
    const argumentsText = value(e, "Arguments") ?? "";
    const names = varNames(exe, ...args);
    // Task Scheduler expands Command and Arguments and starts `Command Arguments`.
    const { decoded, disagreements } = decodeExpandedCommandLine([command, argumentsText], names);
    eq(`${what} readings that differ`, disagreements, []);
    eq(`${what} program`, decoded.program, norm(exe));
    eq(`${what} args`, decoded.args, args.map(norm));
    const cmd = decodeExpandedValue(command.replace(/^"([^]*)"$/, "$1"), names);
    eq(`${what} Command`, cmd.decoded, norm(exe));
    const wdText = value(e, "WorkingDirectory");
    if (s.workingDirectory) {
      const wd = decodeExpandedValue(wdText ?? "", varNames(s.workingDirectory));
      eq(`${what} WorkingDirectory readings that differ`, wd.disagreements, []);
      eq(`${what} WorkingDirectory`, wd.decoded, norm(s.workingDirectory));
    } else eq(`${what} WorkingDirectory`, wdText, undefined);
  });
  return bad;
}

const IGNORE = ["startup", "restart.window", "hooks.preStart", "hooks.postStop"];

export const schtasksFuzz: TargetFuzz = {
  target: "schtasks",
  platform: "windows",
  // Fields a task cannot express at all (each is an error unless ignored, which removes it).
  omit: new Set(["displayName", "environment", "dependsOn", "restart.resetAfter", "stop.timeout", "logs", "logs.rotate"]),
  options: { schtasks: { ignore: [...IGNORE, "restart.policy"] } },
  // Approximations are accepted (ignored) so that the only errors left are refusals; the trigger varies,
  // and so does accepting the loss of restart.policy (mostly accepted, or most specs would be refused for it).
  optionsArb: fc
    .tuple(fc.constantFrom<Options["schtasks"]["trigger"] | undefined>(undefined, undefined, undefined, "boot", "logon"), fc.constantFrom(true, true, true, false))
    .map(([trigger, acceptRestart]) => {
      const ignore = acceptRestart ? [...IGNORE, "restart.policy"] : IGNORE;
      return { schtasks: trigger ? { ignore, trigger } : { ignore } };
    }),
  unexpressible,
  verify,
};
