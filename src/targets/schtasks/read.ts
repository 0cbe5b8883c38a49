import { diag, hasErrors } from "../../diagnostics/diagnostic.js";
import { decodeExpandable, decodeExpandedArgs } from "../../escape/windows-env.js";
import { declaredEncodingFinding } from "../../escape/xml-encoding.js";
import { attribute, childElements, innerText, parseXmlDocument, type XmlElement } from "../../escape/xml-read.js";
import { NOT_A_SPEC_NAME, passwordFromEnvWarning } from "../../import/codes.js";
import { baseName, completeModel, literalText, passwordVariable, textFromParts, windowsPathProblem, type ModelDraft } from "../../import/read-model.js";
import type { Command, Located, Priority, SourceLoc, Startup, Text } from "../../model.js";
import { GENERATED_MARKER } from "../../render/header.js";
import type { SpecField } from "../../spec/fields.js";
import type { ReadResult, SourceText } from "../types.js";
import * as C from "./codes.js";
import { decodeIsoDuration } from "./iso-duration.js";
import { DELAYED_START_MS, HOOK_ACTION_ID, RESTART_MAX_COUNT, TASK_PRIORITY } from "./plan.js";
import { ReaderBase, SPEC_NAME_RULE } from "../../import/reader-base.js";

// The Task Scheduler reader: a task's XML (as Windows exports it, UTF-16LE with a BOM, or UTF-8) -> the
// ServiceModel a spec for it normalises to. The schema is Microsoft's task XSD (test/oracles/); values are read
// as Task Scheduler uses them: Exec/Command and Exec/Arguments are %-expanded when the task starts, then the
// program splits its command line by the C runtime rules (escape/windows-env.ts); durations are xs:duration.
//
// A task is a service in svcgen's sense when it starts at boot (or at a user's logon) and runs one program.
// Everything that makes it behave like one is what svcgen's emitter writes (emit.ts: no time limit, not stopped
// on battery or idle, normal priority, ...); each setting of the file that differs from that is reported with
// what the spec's task does instead (SVC6505), never dropped silently. A task has no service name inside it:
// the name is RegistrationInfo/URI's last part, else the file's name (SVC6509 says which).

const T = "schtasks";
const NS = "http://schemas.microsoft.com/windows/2004/02/mit/task";
const SPEC_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const SIDS: Record<string, "local-system" | "local-service" | "network-service"> = { "S-1-5-18": "local-system", "S-1-5-19": "local-service", "S-1-5-20": "network-service" };
const PASSWORDLESS = /(\$$)|^(NT AUTHORITY|NT SERVICE)\\/i;
const PRIORITY_BANDS: Priority[] = ["realtime", "high", "above-normal", "above-normal", "normal", "normal", "normal", "below-normal", "below-normal", "idle", "idle"];

/** Settings svcgen's task states, with the schema's default and the value it writes (emit.ts). */
const SETTINGS: Record<string, { dflt: string; svcgen: string; meaning: (v: string) => string }> = {
  MultipleInstancesPolicy: { dflt: "IgnoreNew", svcgen: "IgnoreNew", meaning: (v) => `a second start ${v === "Parallel" ? "runs another instance" : v === "Queue" ? "is queued" : "stops the running instance first"}` },
  DisallowStartIfOnBatteries: { dflt: "true", svcgen: "false", meaning: () => "the task does not start on battery power" },
  StopIfGoingOnBatteries: { dflt: "true", svcgen: "false", meaning: () => "the task is stopped when the computer switches to battery power" },
  AllowHardTerminate: { dflt: "true", svcgen: "true", meaning: () => "the task cannot be terminated when it does not stop" },
  StartWhenAvailable: { dflt: "false", svcgen: "true", meaning: () => "a missed start is not made up later" },
  RunOnlyIfNetworkAvailable: { dflt: "false", svcgen: "false", meaning: () => "the task starts only with a network connection" },
  AllowStartOnDemand: { dflt: "true", svcgen: "true", meaning: () => "the task cannot be started by hand (schtasks /run)" },
  Hidden: { dflt: "false", svcgen: "false", meaning: () => "the task is hidden in Task Scheduler's window" },
  RunOnlyIfIdle: { dflt: "false", svcgen: "false", meaning: () => "the task starts only when the computer is idle" },
  WakeToRun: { dflt: "false", svcgen: "false", meaning: () => "the task wakes the computer to run" },
  DeleteExpiredTaskAfter: { dflt: "PT0S", svcgen: "PT0S", meaning: (v) => `the task is deleted ${v} after it expires` },
  UseUnifiedSchedulingEngine: { dflt: "false", svcgen: "false", meaning: () => "the task runs under the unified scheduling engine" },
  DisallowStartOnRemoteAppSession: { dflt: "false", svcgen: "false", meaning: () => "the task does not start in a RemoteApp session" },
  Volatile: { dflt: "false", svcgen: "false", meaning: () => "the task is volatile" },
};
const IDLE: Record<string, { dflt: string; svcgen: string; meaning: string }> = {
  StopOnIdleEnd: { dflt: "true", svcgen: "false", meaning: "the task is stopped when the computer stops being idle" },
  RestartOnIdle: { dflt: "false", svcgen: "false", meaning: "the task restarts when the computer becomes idle again" },
  Duration: { dflt: "PT10M", svcgen: "PT10M", meaning: "how long the computer must be idle (with RunOnlyIfIdle)" },
  WaitTimeout: { dflt: "PT1H", svcgen: "PT1H", meaning: "how long the task waits for the computer to be idle (with RunOnlyIfIdle)" },
};
const OTHER_TRIGGERS = new Set(["CalendarTrigger", "TimeTrigger", "EventTrigger", "IdleTrigger", "RegistrationTrigger", "SessionStateChangeTrigger", "WnfStateChangeTrigger"]);

export function read(files: readonly SourceText[]): ReadResult {
  return new TaskReader(files[0]!).read();
}

const bool = (s: string): boolean | undefined => (/^\s*(true|1)\s*$/.test(s) ? true : /^\s*(false|0)\s*$/.test(s) ? false : undefined);

class TaskReader extends ReaderBase {
  private readonly file: string;

  constructor(private readonly src: SourceText) {
    super(T);
    this.file = src.name;
  }
  private origin(field: SpecField, setting: string, at: SourceLoc): void {
    this.origins.set(field, { setting, at });
  }

  read(): ReadResult {
    const doc = parseXmlDocument(this.src.text, this.file);
    for (const p of doc.problems) this.error(p.at, C.READ_XML, `the file is not well-formed task XML: ${p.message}`);
    const enc = declaredEncodingFinding(doc, this.src);
    if (enc) this.report(enc.severity, doc.declaration?.encodingAt ?? { file: this.file, line: 1, col: 1 }, enc.severity === "error" ? C.READ_ENCODING_UNREAD : C.READ_ENCODING, enc.message);
    if (!doc.root || hasErrors(this.diagnostics)) return this.result();
    const task = doc.root;
    if (task.name !== "Task" || attribute(task, "xmlns")?.value !== NS) {
      this.error(task.at, C.READ_XML, `the root element is not a <Task> in the namespace ${NS}: Task Scheduler does not read it`);
      return this.result();
    }
    const notes = doc.comments.filter(() => doc.comments.some((c) => c.text.includes(GENERATED_MARKER))).map((c) => c.text).join("\n");
    const generatedPassword = /\/rp "%([A-Za-z_][A-Za-z0-9_]*)%"/.exec(notes)?.[1];
    const generatedGmsa = /Windows fetches the password of the gMSA/.test(notes);

    const parts = new Map<string, XmlElement>();
    for (const el of childElements(task)) {
      if (parts.has(el.name)) this.error(el.at, C.READ_XML, `<${el.name}> appears twice (the schema allows one)`);
      else if (["RegistrationInfo", "Triggers", "Settings", "Principals", "Actions"].includes(el.name)) parts.set(el.name, el);
      else this.warn(el.at, el.name === "Data" ? C.READ_NO_FIELD : C.READ_NOT_READ, `<${el.name}> ${el.name === "Data" ? "holds data for the task's handler, which a spec has no field for" : "is not part of a task"}: not imported`);
    }
    if (hasErrors(this.diagnostics)) return this.result();
    const start: SourceLoc = { file: this.file, line: 1, col: 1 };

    // --- name and description
    const reg = parts.get("RegistrationInfo");
    const name = this.name(reg);
    if (!name) return this.result();
    const draft: ModelDraft = { file: this.file, platform: "windows", name, executable: literalText("", start) };
    if (reg) {
      const descriptive: XmlElement[] = [];
      for (const el of childElements(reg)) {
        if (el.name === "Description") {
          const v = innerText(el, false);
          if (v.startsWith("$(@")) this.warn(el.contentAt, C.READ_NO_FIELD, "the description is a reference to a string resource (\"$(@...\"), which svcgen cannot resolve: not imported");
          else {
            draft.description = literalText(v, el.contentAt);
            this.origin("description", "<Description>", el.contentAt);
          }
        } else if (el.name !== "URI") descriptive.push(el);
      }
      if (descriptive.length > 0) {
        this.warn(descriptive[0]!.at, C.READ_NO_FIELD, `${descriptive.map((e) => `<${e.name}>`).join(", ")} in <RegistrationInfo> ${descriptive.length === 1 ? "describes" : "describe"} the task and ${descriptive.length === 1 ? "has" : "have"} no spec field: not imported`);
      }
    }

    // --- principal
    const principal = this.principal(parts.get("Principals"), name.value, generatedPassword, generatedGmsa);
    if (principal === null) return this.result();
    if (principal.account) draft.account = principal.account;

    // --- actions
    const actions = this.actions(parts.get("Actions"));
    if (!actions) return this.result();
    draft.executable = actions.main.executable;
    if (actions.main.args.length > 0) draft.args = actions.main.args;
    if (actions.workingDirectory) draft.workingDirectory = actions.workingDirectory;
    if (actions.preStart || actions.postStop) draft.hooks = { ...(actions.preStart ? { preStart: actions.preStart } : {}), ...(actions.postStop ? { postStop: actions.postStop } : {}) };

    // --- settings, then triggers (Settings/Enabled decides disabled)
    const settings = this.settings(parts.get("Settings"));
    draft.priority = settings.priority;
    draft.restart = settings.restart;
    const trigger = this.triggers(parts.get("Triggers"), principal.userId, settings.enabled);
    draft.startup = trigger.startup;
    const options: Record<string, unknown> = {};
    if (trigger.logon) options.trigger = "logon";
    // RestartOnFailure retries a launch that failed; what restart.policy is for (starting the program
    // again after it exits) a task cannot do, so a spec that keeps RestartOnFailure accepts that loss.
    if (settings.restart.policy?.value !== "never") options.ignore = ["restart.policy"];
    draft.options = options;

    if (hasErrors(this.diagnostics)) return this.result();
    return { ...this.result(), model: completeModel(draft, this.origins) };
  }

  private name(reg: XmlElement | undefined): Located<string> | undefined {
    const uri = reg && childElements(reg, "URI")[0];
    const start: SourceLoc = { file: this.file, line: 1, col: 1 };
    const fromFile = baseName(this.file).replace(/\.xml$/i, "").replace(/\.task$/i, "");
    let value: string;
    let at: SourceLoc;
    if (uri && innerText(uri, false) !== "") {
      const path = innerText(uri, false);
      value = path.slice(path.lastIndexOf("\\") + 1);
      at = uri.contentAt;
      if (path.lastIndexOf("\\") > 0) this.warn(uri.contentAt, C.READ_NAME, `the task is in the folder ${path.slice(0, path.lastIndexOf("\\"))}: the spec names it ${value}, which svcgen registers at the root folder`);
      this.origin("name", "<URI>", at);
    } else {
      value = fromFile;
      at = start;
      this.warn(start, C.READ_NAME, `the task XML has no <URI>, so nothing in it names the task: the spec takes the file's name, ${JSON.stringify(value)}`, "rename the spec (and its name:) if the task is registered under another name");
      this.origin("name", "the file name", at);
    }
    if (!SPEC_NAME.test(value)) {
      // Task names may hold spaces and more; a spec's may not. The nearest spec name, said out loud: the spec's
      // task is registered under it.
      const near = value.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "").slice(0, 64).replace(/[-.]+$/, "");
      if (!SPEC_NAME.test(near)) {
        this.diagnostics.push(diag(at, "error", NOT_A_SPEC_NAME, `the task name ${JSON.stringify(value)} cannot be a spec's name`, SPEC_NAME_RULE, T));
        return undefined;
      }
      this.warn(at, C.READ_NAME, `the task name ${JSON.stringify(value)} cannot be a spec's name (letters, digits, _ . -): the spec names it ${near}, and svcgen registers the task under that name`, "rename the spec if you prefer another name");
      value = near;
    }
    return { value, at };
  }

  /** The account (undefined: LocalSystem) and the user a logon trigger must name; null after an error. */
  private principal(el: XmlElement | undefined, service: string, generatedPassword: string | undefined, generatedGmsa: boolean): { account?: ModelDraft["account"]; userId?: string } | null {
    if (!el) {
      this.warn({ file: this.file, line: 1, col: 1 }, C.READ_APPROXIMATED, "the task has no <Principals>: it runs as the user who registers it; the spec's task runs as LocalSystem (SYSTEM)");
      return {};
    }
    const ps = childElements(el, "Principal");
    if (ps.length !== 1) {
      this.error(el.at, C.READ_XML, `<Principals> has ${ps.length} <Principal> elements; Task Scheduler reads exactly one`);
      return null;
    }
    const p = ps[0]!;
    const child = (n: string) => childElements(p, n)[0];
    const group = child("GroupId");
    const user = child("UserId");
    for (const c of childElements(p)) {
      if (["DisplayName", "ProcessTokenSidType", "RequiredPrivileges"].includes(c.name)) this.warn(c.at, C.READ_NO_FIELD, `<Principal><${c.name}> has no spec field: not imported`);
      else if (!["UserId", "GroupId", "LogonType", "RunLevel"].includes(c.name)) this.warn(c.at, C.READ_NOT_READ, `<Principal><${c.name}> is not part of a principal: not imported`);
    }
    if (group) {
      this.error(group.at, C.READ_REFUSED, `the task runs for the members of the group ${innerText(group, false)}, which a spec cannot say (it names one account)`);
      return null;
    }
    const runLevel = child("RunLevel");
    const level = runLevel ? innerText(runLevel, false).trim() : "LeastPrivilege";
    if (level !== "HighestAvailable") this.warn(runLevel?.contentAt ?? p.at, C.READ_APPROXIMATED, `the task runs with ${runLevel ? `RunLevel ${level}` : "the default RunLevel, LeastPrivilege"} (a filtered token); the spec's task runs with the highest privileges the account has, as a service does`);
    const logonEl = child("LogonType");
    const logon = logonEl ? innerText(logonEl, false).trim() : undefined;
    if (!user || innerText(user, false).trim() === "") {
      this.warn(user?.at ?? p.at, C.READ_APPROXIMATED, "the principal names no user: the task runs as the user who registers it; the spec's task runs as LocalSystem (SYSTEM)");
      return {};
    }
    const id = innerText(user, false);
    const at = user.contentAt;
    this.origin("account", "<UserId>", at);
    const sid = SIDS[id.toUpperCase()] ?? (/^(NT AUTHORITY\\)?SYSTEM$/i.test(id) ? "local-system" : undefined);
    if (sid) {
      if (logon && logon !== "ServiceAccount") this.warn(logonEl!.contentAt, C.READ_NOT_READ, `LogonType ${logon} does not apply to a built-in account: not imported`);
      return sid === "local-system" ? {} : { account: { kind: "builtin", builtin: sid, at } };
    }
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x1f]/.test(id)) {
      this.error(at, C.READ_VALUE, `the user ${JSON.stringify(id)} is not an account name a spec accepts`);
      return null;
    }
    const account: NonNullable<ModelDraft["account"]> = { kind: "user", user: literalText(id, at), at };
    const gmsa = id.endsWith("$") && (generatedGmsa || !generatedPassword);
    if (PASSWORDLESS.test(id) && (gmsa || !id.endsWith("$")) && !(generatedPassword && logon === "Password")) {
      if (logon && logon !== "Password" && logon !== "ServiceAccount") this.warn(logonEl!.contentAt, C.READ_NOT_READ, `LogonType ${logon} does not apply to ${id}: not imported`);
      // An NT AUTHORITY identity never logs on: a logon trigger cannot name it (emit's check refuses that too).
      return /^NT AUTHORITY\\/i.test(id) ? { account } : { account, userId: id };
    }
    if (logon !== "Password") {
      const how = logon === "InteractiveToken" ? "only while the user is logged on" : logon === "S4U" ? "without the user's password (no network access)" : logon === "InteractiveTokenOrPassword" ? "with the user's session or password" : "only while the user is logged on (the default logon type)";
      this.warn(logonEl?.contentAt ?? at, C.READ_APPROXIMATED, `the task runs as ${id} ${how}; the spec's task is registered with the user's password and runs whether the user is logged on or not`);
    }
    const variable = generatedPassword ?? passwordVariable(service);
    account.passwordFromEnv = { value: variable, at };
    this.origin("account.password", "<LogonType>", logonEl?.contentAt ?? at);
    this.diagnostics.push(passwordFromEnvWarning(at, variable, T));
    return { account, userId: id };
  }

  private actions(el: XmlElement | undefined): { main: Command; preStart?: Command; postStop?: Command; workingDirectory?: Text } | undefined {
    if (!el) {
      this.error({ file: this.file, line: 1, col: 1 }, C.READ_XML, "the task has no <Actions>: there is no program to run");
      return undefined;
    }
    const execs: XmlElement[] = [];
    for (const a of childElements(el)) {
      if (a.name === "Exec") execs.push(a);
      else if (["ComHandler", "SendEmail", "ShowMessage"].includes(a.name)) this.warn(a.at, C.READ_NO_FIELD, `the <${a.name}> action is not a program a spec can run: not imported`);
      else this.warn(a.at, C.READ_NOT_READ, `<${a.name}> is not a task action: not imported`);
    }
    if (execs.length === 0) {
      this.error(el.at, C.READ_REFUSED, "the task has no <Exec> action: there is no program to run");
      return undefined;
    }
    const byId = (id: string) => execs.filter((e) => attribute(e, "id")?.value === id);
    const pre = byId(HOOK_ACTION_ID.preStart);
    const post = byId(HOOK_ACTION_ID.postStop);
    const mains = execs.filter((e) => !pre.includes(e) && !post.includes(e));
    if (mains.length !== 1 || pre.length > 1 || post.length > 1 || (pre[0] && execs.indexOf(pre[0]) > execs.indexOf(mains[0]!)) || (post[0] && execs.indexOf(post[0]) < execs.indexOf(mains[0]!))) {
      this.error(
        (mains[1] ?? execs[1] ?? el).at,
        C.READ_SEVERAL_ACTIONS,
        `the task runs ${execs.length} programs one after another: a spec runs one program, with at most a preStart hook before it and a postStop hook after it, which svcgen marks <Exec id="preStart"> and <Exec id="postStop">`,
        'if the first program prepares and the last cleans up, give them id="preStart" and id="postStop" and import again',
      );
      return undefined;
    }
    const main = this.exec(mains[0]!, "executable", "args", "");
    const preStart = pre[0] && this.exec(pre[0], "hooks.preStart", "hooks.preStart", "preStart ");
    const postStop = post[0] && this.exec(post[0], "hooks.postStop", "hooks.postStop", "postStop ");
    if (!main || (pre[0] && !preStart) || (post[0] && !postStop)) return undefined;
    // svcgen gives every action the service's working directory; hooks that differ cannot keep theirs.
    for (const h of [preStart, postStop]) {
      if (h && (h.wd?.source ?? "") !== (main.wd?.source ?? "")) this.warn(h.command.at, C.READ_APPROXIMATED, `this hook's working directory (${h.wd?.source ?? "none"}) is not the program's: the spec's hooks run in the program's (${main.wd?.source ?? "none"})`);
    }
    if (main.wd) this.origin("workingDirectory", "<WorkingDirectory>", main.wd.at);
    return { main: main.command, ...(preStart ? { preStart: preStart.command } : {}), ...(postStop ? { postStop: postStop.command } : {}), ...(main.wd ? { workingDirectory: main.wd } : {}) };
  }

  private exec(e: XmlElement, exeField: SpecField, argsField: SpecField, what: string): { command: Command; wd?: Text } | undefined {
    const child = (n: string) => childElements(e, n)[0];
    for (const c of childElements(e)) if (!["Command", "Arguments", "WorkingDirectory"].includes(c.name)) this.warn(c.at, C.READ_NOT_READ, `<Exec><${c.name}> is not part of an Exec action: not imported`);
    const cmdEl = child("Command");
    if (!cmdEl) {
      this.error(e.at, C.READ_XML, `the ${what}<Exec> has no <Command>`);
      return undefined;
    }
    let raw = innerText(cmdEl, false).trim();
    // Task Scheduler takes Command as the first word of the command line: quotes around it group it.
    if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) raw = raw.slice(1, -1);
    if (raw.includes('"') || raw === "") {
      this.error(cmdEl.contentAt, C.READ_VALUE, raw === "" ? `the ${what}<Command> is empty` : `the ${what}<Command> ${JSON.stringify(raw)} has a double quote inside the path`);
      return undefined;
    }
    const exe = decodeExpandable(raw);
    if (!exe.ok) {
      this.error(cmdEl.contentAt, C.READ_VALUE, `the ${what}<Command> cannot be read: ${exe.problem}`);
      return undefined;
    }
    const executable = textFromParts(exe.parts, cmdEl.contentAt);
    const relative = windowsPathProblem(executable);
    if (relative) {
      this.error(cmdEl.contentAt, C.READ_VALUE, `the ${what}<Command> ${relative}`, "write the full path, e.g. C:\\Windows\\System32\\cmd.exe");
      return undefined;
    }
    this.origin(exeField, "<Command>", cmdEl.contentAt);
    let args: Text[] = [];
    const argEl = child("Arguments");
    if (argEl) {
      const d = decodeExpandedArgs(innerText(argEl, false));
      if (!d.ok) {
        this.error(argEl.contentAt, C.READ_VALUE, `the ${what}<Arguments> cannot be read: ${d.problem}`);
        return undefined;
      }
      args = d.args.map((p) => textFromParts(p, argEl.contentAt));
      for (const i of d.splitByValue) this.warn(argEl.contentAt, C.READ_UNQUOTED_VARIABLE, `argument ${i + 1} (${JSON.stringify(args[i]!.source)}) holds a variable outside quotes: Windows splits it further if the value has a space; the spec keeps it one argument (svcgen quotes it)`);
      if (args.length > 0 && argsField === "args") this.origin("args", "<Arguments>", argEl.contentAt);
    }
    let wd: Text | undefined;
    const wdEl = child("WorkingDirectory");
    if (wdEl) {
      const v = innerText(wdEl, false);
      const d = v.includes('"') ? { ok: false as const, problem: "it has a double quote, which no Windows path does" } : decodeExpandable(v);
      if (!d.ok) {
        this.error(wdEl.contentAt, C.READ_VALUE, `the ${what}<WorkingDirectory> cannot be read: ${d.problem}`);
        return undefined;
      }
      if (v !== "") wd = textFromParts(d.parts, wdEl.contentAt);
      const relative = wd && windowsPathProblem(wd);
      if (relative) {
        this.error(wdEl.contentAt, C.READ_VALUE, `the ${what}<WorkingDirectory> ${relative}`, "write the full path");
        return undefined;
      }
    }
    return { command: { executable, args, at: e.at }, ...(wd ? { wd } : {}) };
  }

  private settings(el: XmlElement | undefined): { priority: Located<Priority>; restart: NonNullable<ModelDraft["restart"]>; enabled: boolean } {
    const start: SourceLoc = { file: this.file, line: 1, col: 1 };
    const at = el?.at ?? start;
    const seen = new Map<string, XmlElement>();
    for (const c of el ? childElements(el) : []) seen.set(c.name, c);
    const text = (n: string) => {
      const c = seen.get(n);
      return c ? innerText(c, false).trim() : undefined;
    };
    // Each setting svcgen's task states: the file's value (or the schema's default) against svcgen's.
    for (const [n, s] of Object.entries(SETTINGS)) {
      const v = text(n) ?? s.dflt;
      if (v === s.svcgen || (bool(v) !== undefined && bool(v) === bool(s.svcgen))) continue;
      const where = seen.get(n)?.contentAt ?? at;
      this.warn(where, C.READ_SETTING, `${n} is ${v}${seen.has(n) ? "" : " (the default)"}: ${s.meaning(v)}; a spec cannot say so, and the spec's task has ${n} ${s.svcgen}`);
    }
    const idle = seen.get("IdleSettings");
    const idleSeen = new Map((idle ? childElements(idle) : []).map((c) => [c.name, c]));
    const runOnlyIfIdle = bool(text("RunOnlyIfIdle") ?? "false");
    for (const [n, s] of Object.entries(IDLE)) {
      const c = idleSeen.get(n);
      const v = c ? innerText(c, false).trim() : s.dflt;
      if (v === s.svcgen || (bool(v) !== undefined && bool(v) === bool(s.svcgen))) continue;
      if ((n === "Duration" || n === "WaitTimeout") && !runOnlyIfIdle) continue;
      this.warn(c?.contentAt ?? idle?.at ?? at, C.READ_SETTING, `IdleSettings ${n} is ${v}${c ? "" : " (the default)"}: ${s.meaning}; the spec's task has ${n} ${s.svcgen}`);
    }
    const known = new Set([...Object.keys(SETTINGS), "IdleSettings", "Enabled", "ExecutionTimeLimit", "Priority", "RestartOnFailure"]);
    for (const [n, c] of seen) {
      if (known.has(n)) continue;
      this.warn(c.at, ["NetworkSettings", "NetworkProfileName", "MaintenanceSettings"].includes(n) ? C.READ_SETTING : C.READ_NOT_READ, `<Settings><${n}> ${["NetworkSettings", "NetworkProfileName", "MaintenanceSettings"].includes(n) ? "has no spec field" : "is not a task setting svcgen knows"}: not imported`);
    }
    const limit = text("ExecutionTimeLimit") ?? "PT72H";
    const lim = decodeIsoDuration(limit);
    if (!lim.ok || lim.ms !== 0) {
      this.warn(seen.get("ExecutionTimeLimit")?.contentAt ?? at, C.READ_SETTING, `ExecutionTimeLimit is ${limit}${seen.has("ExecutionTimeLimit") ? "" : " (the default)"}: Task Scheduler stops the program after that long; the spec's task runs without a time limit (PT0S), as a service does`);
    }
    const enabledText = text("Enabled");
    const enabled = enabledText === undefined ? true : bool(enabledText);
    if (enabled === undefined) this.error(seen.get("Enabled")!.contentAt, C.READ_VALUE, `<Enabled>${enabledText}</Enabled> is not true or false`);

    // Priority: 0..10, default 7; for a program only its priority class counts.
    let priority: Located<Priority> = { value: "below-normal", at };
    const prEl = seen.get("Priority");
    const pr = text("Priority") ?? "7";
    const n = /^\d+$/.test(pr) ? Number(pr) : NaN;
    if (!(n >= 0 && n <= 10)) this.error(prEl?.contentAt ?? at, C.READ_VALUE, `<Priority>${pr}</Priority> is not 0 to 10`);
    else {
      const p = PRIORITY_BANDS[n]!;
      priority = { value: p, at: prEl?.contentAt ?? at };
      this.origin("priority", prEl ? "<Priority>" : "<Priority> (the default, 7)", prEl?.contentAt ?? at);
      if (TASK_PRIORITY[p] !== n) this.warn(prEl?.contentAt ?? at, C.READ_SETTING, `Priority ${n}${prEl ? "" : " (the default)"} is read as priority: ${p} (the same priority class; svcgen writes ${TASK_PRIORITY[p]})`);
    }

    // RestartOnFailure: Interval and Count.
    const restart: NonNullable<ModelDraft["restart"]> = { policy: { value: "never", at } };
    const rof = seen.get("RestartOnFailure");
    if (!rof) this.origin("restart.policy", "<RestartOnFailure> (none)", at);
    else {
      const i = childElements(rof, "Interval")[0];
      const c = childElements(rof, "Count")[0];
      const interval = i ? decodeIsoDuration(innerText(i, false)) : undefined;
      const count = c ? Number(innerText(c, false).trim()) : NaN;
      if (!i || !interval?.ok || interval.ms < 60_000 || interval.ms % 1000 !== 0) this.error(i?.contentAt ?? rof.at, C.READ_VALUE, `RestartOnFailure needs an <Interval> of whole seconds, 1 minute or more${interval && !interval.ok ? `: ${interval.problem}` : ""}`);
      else if (!c || !Number.isInteger(count) || count < 1 || count > RESTART_MAX_COUNT) this.error(c?.contentAt ?? rof.at, C.READ_VALUE, `RestartOnFailure needs a <Count> from 1 to ${RESTART_MAX_COUNT}`);
      else {
        restart.policy = { value: "on-failure", at: rof.at };
        restart.delayMs = { value: interval.ms, at: i.contentAt };
        this.origin("restart.policy", "<RestartOnFailure>", rof.at);
        this.origin("restart.delay", "<Interval>", i.contentAt);
        if (count !== RESTART_MAX_COUNT) {
          // Task Scheduler has no window: it gives up after Count attempts in a row. The spec's maxRetries needs
          // one; the time those attempts take (Count x Interval) is the nearest.
          restart.maxRetries = { value: count, at: c.contentAt };
          restart.windowMs = { value: count * interval.ms, at: c.contentAt };
          this.origin("restart.maxRetries", "<Count>", c.contentAt);
          this.origin("restart.window", "<Count> x <Interval>", c.contentAt);
        }
      }
    }
    return { priority, restart, enabled: enabled ?? true };
  }

  private triggers(el: XmlElement | undefined, userId: string | undefined, enabled: boolean): { startup: Located<Startup>; logon?: boolean } {
    const start: SourceLoc = { file: this.file, line: 1, col: 1 };
    const all = el ? childElements(el) : [];
    const usable: XmlElement[] = [];
    for (const t of all) {
      if (t.name === "BootTrigger" || t.name === "LogonTrigger") {
        const en = childElements(t, "Enabled")[0];
        if (en && bool(innerText(en, false)) === false) this.warn(t.at, C.READ_SETTING, `this ${t.name} is disabled: not imported`);
        else usable.push(t);
      } else if (OTHER_TRIGGERS.has(t.name)) this.warn(t.at, C.READ_SETTING, `the ${t.name} starts the task ${t.name === "CalendarTrigger" || t.name === "TimeTrigger" ? "on a schedule" : "on an event"}, which a spec cannot say (it starts a service at boot or logon): not imported`);
      else this.warn(t.at, C.READ_NOT_READ, `<${t.name}> is not a trigger: not imported`);
    }
    if (!enabled) {
      const en = { file: this.file, line: 1, col: 1 };
      this.origin("startup", "<Enabled>false", en);
      if (usable.length > 0) this.warn(usable[0]!.at, C.READ_NOT_READ, "the task is disabled (Settings/Enabled false), so its trigger starts nothing: the spec says startup: disabled");
      return { startup: { value: "disabled", at: en } };
    }
    if (usable.length === 0) {
      this.origin("startup", "<Triggers> (none)", el?.at ?? start);
      return { startup: { value: "manual", at: el?.at ?? start } };
    }
    const t = usable[0]!;
    for (const other of usable.slice(1)) this.warn(other.at, C.READ_SETTING, `a second start trigger (${other.name}): the spec's task has one, the first (line ${t.at.line}); not imported`);
    let logon = t.name === "LogonTrigger";
    if (logon && !userId?.length) {
      logon = false;
      this.warn(t.at, C.READ_APPROXIMATED, "a logon trigger of a task that runs as no user of its own (it starts at a user's logon as a built-in account): the spec's task starts at boot instead, since a spec's logon trigger is its account's logon");
    }
    let value: Startup = "auto";
    for (const c of childElements(t)) {
      if (c.name === "Enabled") continue;
      if (c.name === "Delay") {
        const d = decodeIsoDuration(innerText(c, false));
        if (d.ok && d.ms === 0) continue;
        value = "delayed";
        if (!d.ok || d.ms !== DELAYED_START_MS) this.warn(c.contentAt, C.READ_APPROXIMATED, `the trigger waits ${innerText(c, false)}: read as startup: delayed, which svcgen's task writes as 2 minutes (PT2M)`);
      } else if (c.name === "UserId" && logon) {
        const u = innerText(c, false);
        if (u !== userId) this.warn(c.contentAt, C.READ_APPROXIMATED, `the logon trigger starts the task when ${u} logs on, not its account ${userId ?? "(none)"}: the spec's task starts at the logon of its account`);
      } else this.warn(c.at, C.READ_SETTING, `<${t.name}><${c.name}> has no spec field (${c.name === "Repetition" ? "the task is started again at intervals" : c.name === "ExecutionTimeLimit" ? "the trigger's instance is stopped after that long" : "it limits when the trigger fires"}): not imported`);
    }
    if (logon && !childElements(t, "UserId")[0]) this.warn(t.at, C.READ_APPROXIMATED, "the logon trigger fires at any user's logon: the spec's task starts at the logon of its account");
    this.origin("startup", `<${t.name}>`, t.at);
    return { startup: { value, at: t.at }, ...(logon ? { logon: true } : {}) };
  }
}

export { installed } from "./installed.js";

/** Task elements and settings that change how the task runs and have no spec field (ReaderModule.unstated). */
export const unstated = [C.READ_NO_FIELD, C.READ_SETTING];
