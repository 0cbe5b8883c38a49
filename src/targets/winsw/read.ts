import { diag, hasErrors } from "../../diagnostics/diagnostic.js";
import { decodeExpandable, decodeExpandedArgs } from "../../escape/windows-env.js";
import { declaredEncodingFinding } from "../../escape/xml-encoding.js";
import { attribute, childElements, descendantsOf, innerText, parseXmlDocument, type XmlElement } from "../../escape/xml-read.js";
import { NOT_A_SPEC_NAME, passwordFromEnvWarning, passwordInSourceWarning } from "../../import/codes.js";
import { baseName, completeModel, literalText, passwordVariable, textFromParts, windowsPathProblem, type ModelDraft } from "../../import/read-model.js";
import type { Command, EnvVar, Located, Priority, SourceLoc, Startup, Text } from "../../model.js";
import { GENERATED_MARKER } from "../../render/header.js";
import type { SpecField } from "../../spec/fields.js";
import { formatDuration } from "../../spec/units.js";
import type { ReadResult, SourceText } from "../types.js";
import * as C from "./codes.js";
import { ERR_SUFFIX, KIB, OUT_SUFFIX } from "./logs.js";
import { decodeWinswTimeSpan, dotnetInt, dotnetTrim } from "./timespan.js";
import { ReaderBase, SPEC_NAME_RULE } from "../../import/reader-base.js";

// The WinSW reader: a WinSW XML file -> the ServiceModel a spec for it normalises to, read as WinSW reads it
// (../shared/reference/winsw.md; WinSW v2.12.0 and v3.0.0-alpha.11, XmlServiceConfig.cs):
//
// - .NET's XmlDocument: whitespace-only text dropped unless written as a decimal reference, nothing trimmed,
//   attribute values normalised (escape/xml-read.ts).
// - Which WinSW: a file svcgen generated says so in its header; otherwise the forms decide (v3's <username>,
//   hooks, <preshutdown>...; v2's <domain>/<user>, <argument>, a root other than <service>, an empty
//   <delayedAutoStart/>, line breaks in <arguments>). Where the two read a value differently and nothing
//   decides, the value is refused (SVC6406), not guessed; a file that reads the same under both gets no
//   options.winsw.version.
// - Values: %NAME% (Environment.ExpandEnvironmentVariables) becomes ${NAME}, a literal $ stays one (the spec
//   writes $$); <arguments> is split by the C runtime rules after expansion (escape/windows-env.ts); time
//   spans by ConfigHelper.ParseTimeSpan (timespan.ts); enums and booleans as .NET parses them.
// - Every element is mapped to a field, or reported: not imported (SVC6401: no spec field; SVC6408: WinSW does
//   not read it), approximated (SVC6405), or refused (SVC6402, SVC6409). A <password> is never copied.

const T = "winsw";
const SPEC_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DEPENDENCY = /^[A-Za-z0-9][A-Za-z0-9_.@:-]*$/;

/** Elements with no spec field: not imported, with why. */
const NO_FIELD: Record<string, string> = {
  hidewindow: "it starts the program without a console window",
  beeponshutdown: "it beeps when Windows shuts down",
  interactive: "it lets the service interact with the desktop",
  securityDescriptor: "it sets who may control the service",
  download: "it downloads a file before each start",
  extensions: "it loads WinSW plug-ins",
  sharedDirectoryMapping: "it maps network drives before the start",
  stopexecutable: "it runs another program to stop the service; the spec's stop is Ctrl+C, then the stop timeout",
  stoparguments: "it stops the service by running a command; the spec's stop is Ctrl+C, then the stop timeout",
  stopargument: "it stops the service by running a command; the spec's stop is Ctrl+C, then the stop timeout",
  stopparentprocessfirst: "it chooses the order in which WinSW 2 stops the process tree",
  waithint: "it is the pending-operation hint WinSW 2 gives the service manager",
  sleeptime: "it is the interval at which WinSW 2 polls a stopping program",
  poststart: "the spec's hooks are preStart and postStop",
  prestop: "the spec's hooks are preStart and postStop",
  preshutdown: "it stops the service at the pre-shutdown notification",
  preshutdownTimeout: "it sets the service's pre-shutdown timeout",
  autoRefresh: "it makes WinSW 3 re-apply the service's settings when the file changes",
  outfilepattern: "it names rotated stdout files",
  errfilepattern: "it names rotated stderr files",
};
/** Elements whose absence the spec cannot express: refused. */
const REFUSED: Record<string, string> = {
  startarguments: "the program gets these arguments at start instead of <arguments> (WinSW 2 adds <arguments> after them), which a spec cannot say",
  startargument: "the program gets these arguments at start instead of <arguments>, which a spec cannot say",
};
const V3_ONLY = new Set(["prestart", "poststart", "prestop", "poststop", "preshutdown", "preshutdownTimeout", "autoRefresh", "sharedDirectoryMapping"]);
const V2_ONLY = new Set(["argument", "startargument", "stopargument", "stopparentprocessfirst", "waithint", "sleeptime"]);
/** Root children read as a single value (WinSW takes the first). */
const SINGLE = new Set(["id", "name", "description", "executable", "arguments", "workingdirectory", "startmode", "delayedAutoStart", "serviceaccount", "resetfailure", "stoptimeout", "priority", "logpath", "logname", "log", "logmode", "prestart", "poststop", "outfiledisabled", "errfiledisabled"]);
const REPEATED = new Set(["env", "depend", "onfailure", "argument"]);

const START_MODES: Record<string, Startup | undefined> = { automatic: "auto", manual: "manual", disabled: "disabled", boot: undefined, system: undefined };
const PRIORITIES: Record<string, Priority> = { idle: "idle", belownormal: "below-normal", normal: "normal", abovenormal: "above-normal", high: "high", realtime: "realtime" };
const BUILTIN_NAMES: Record<string, "local-service" | "network-service"> = { "NT AUTHORITY\\LocalService": "local-service", "NT AUTHORITY\\NetworkService": "network-service" };
const LOCAL_SYSTEM = new Set(["LocalSystem", ".\\LocalSystem", "NT AUTHORITY\\SYSTEM"]);
const PASSWORDLESS = /(\$$)|^(NT AUTHORITY|NT SERVICE)\\/i;

type Version = 2 | 3;

export function read(files: readonly SourceText[]): ReadResult {
  return new WinswReader(files[0]!).read();
}

class WinswReader extends ReaderBase {
  private readonly file: string;
  private version: Version | undefined;
  private evidence: { version: Version; why: string; at: SourceLoc }[] = [];
  private root!: XmlElement;

  constructor(private readonly src: SourceText) {
    super(T);
    this.file = src.name;
  }

  private origin(field: SpecField, setting: string, at: SourceLoc): void {
    this.origins.set(field, { setting, at });
  }

  read(): ReadResult {
    const doc = parseXmlDocument(this.src.text, this.file);
    for (const p of doc.problems) this.error(p.at, C.READ_XML, `the file is not XML WinSW can load: ${p.message}`);
    const enc = declaredEncodingFinding(doc, this.src);
    if (enc) this.report(enc.severity, doc.declaration?.encodingAt ?? { file: this.file, line: 1, col: 1 }, enc.severity === "error" ? C.READ_ENCODING_UNREAD : C.READ_ENCODING, enc.message);
    if (!doc.root || hasErrors(this.diagnostics)) return this.result();
    this.root = doc.root;
    const root = doc.root;

    // Which WinSW: svcgen's header, else the forms.
    const generated = doc.comments.some((c) => c.text.includes(GENERATED_MARKER));
    const notes = doc.comments.map((c) => c.text).join("\n");
    let generatedVersion: Version | "both" | undefined;
    let passwordEnv: string | undefined;
    if (generated) {
      const v = /For WinSW (2\.12 and 3\.0|2\.12|3\.0):/.exec(notes);
      generatedVersion = v ? (v[1] === "2.12" ? 2 : v[1] === "3.0" ? 3 : "both") : undefined;
      passwordEnv = /(?:meant to come from|\(from) %([A-Za-z_][A-Za-z0-9_]*)%\)/.exec(notes)?.[1];
    }
    this.collectEvidence(root);
    const twos = this.evidence.filter((e) => e.version === 2);
    const threes = this.evidence.filter((e) => e.version === 3);
    if (generatedVersion !== undefined) this.version = generatedVersion === "both" ? undefined : generatedVersion;
    else if (twos.length > 0 && threes.length > 0) {
      this.error(
        threes[0]!.at,
        C.READ_MIXED_VERSIONS,
        `the file mixes WinSW 3 forms (${threes[0]!.why}) with WinSW 2 forms (${twos[0]!.why}, line ${twos[0]!.at.line}): each version ignores the other's, so svcgen cannot tell which WinSW runs it`,
        "remove the forms of the version you do not use",
      );
      return this.result();
    } else this.version = twos.length > 0 ? 2 : threes.length > 0 ? 3 : undefined;

    // Every root child: mapped, reported, or refused.
    const seen = new Map<string, XmlElement>();
    for (const el of childElements(root)) {
      const first = seen.get(el.name);
      if (first && SINGLE.has(el.name)) {
        this.warn(el.at, C.READ_NOT_READ, `<${el.name}> appears again (first at line ${first.at.line}): WinSW reads the first one only, and so does svcgen`);
        continue;
      }
      seen.set(el.name, el);
      if (SINGLE.has(el.name) || REPEATED.has(el.name) || el.name === "serviceaccount") continue;
      if (REFUSED[el.name]) this.error(el.at, C.READ_REFUSED, `<${el.name}>: ${REFUSED[el.name]}`, "move the arguments into <arguments>");
      else if (NO_FIELD[el.name]) {
        const v2Only = V2_ONLY.has(el.name) && this.version === 3;
        const v3Only = V3_ONLY.has(el.name) && this.version === 2;
        if (v2Only || v3Only) this.warn(el.at, C.READ_NOT_READ, `<${el.name}> is not read by WinSW ${this.version} (only by WinSW ${v2Only ? 2 : 3}): not imported`);
        else this.warn(el.at, C.READ_NO_FIELD, `<${el.name}> has no spec field (${NO_FIELD[el.name]}); not imported`, "the service built from the spec does without it; add it by hand if you need it");
      } else this.warn(el.at, C.READ_NOT_READ, `<${el.name}> is not an element WinSW reads: not imported`);
    }
    // WinSW 2 finds every element anywhere in the file (XPath //name): a nested one before the root's own is read instead.
    if (this.version !== 3) {
      for (const name of [...SINGLE, ...REPEATED]) {
        const first = [...descendantsOf(root)].slice(1).find((e) => e.name === name);
        if (first && !childElements(root).includes(first) && !this.insideHook(first)) {
          this.error(first.at, C.READ_VERSIONS_DIFFER, `WinSW 2 reads this nested <${name}> (it finds elements anywhere in the file), WinSW 3 only a direct child of <${root.name}>`, "move it to the top level, or remove it");
        }
      }
    }
    if (hasErrors(this.diagnostics)) return this.result();

    const one = (name: string) => seen.get(name);
    const start: SourceLoc = { file: this.file, line: 1, col: 1 };

    // --- identity
    const idEl = one("id");
    if (!idEl) {
      this.error(root.at, C.READ_MISSING, "the file has no <id>: WinSW needs the service's name", "add <id>name</id>");
      return this.result();
    }
    const id = innerText(idEl, true);
    if (id.includes("%")) {
      this.error(idEl.contentAt, C.READ_VALUE, `<id>${id}</id> uses %...%, which WinSW expands before and after the <env> entries: svcgen cannot tell the service's name`);
      return this.result();
    }
    if (!SPEC_NAME.test(id)) {
      this.diagnostics.push(diag(idEl.contentAt, "error", NOT_A_SPEC_NAME, `the service ${JSON.stringify(id)} cannot be a spec's name`, SPEC_NAME_RULE, T));
      return this.result();
    }
    const draft: ModelDraft = { file: this.file, platform: "windows", name: { value: id, at: idEl.contentAt }, executable: literalText("", start) };
    this.origin("name", "<id>", idEl.contentAt);
    const nameEl = one("name");
    if (nameEl) {
      const t = this.expandable(nameEl, "<name>");
      if (t && !(t.parts.length === 1 && t.parts[0]!.kind === "literal" && t.parts[0]!.text === "")) {
        draft.displayName = t;
        this.origin("displayName", "<name>", nameEl.contentAt);
      }
    }
    const descEl = one("description");
    if (descEl) {
      const t = this.expandable(descEl, "<description>");
      if (t && !(t.parts.length === 1 && t.parts[0]!.kind === "literal" && t.parts[0]!.text === "")) {
        draft.description = t;
        this.origin("description", "<description>", descEl.contentAt);
      }
    }

    // --- program
    const exe = this.program(root, "executable", "");
    if (!exe) {
      if (!hasErrors(this.diagnostics)) this.error(root.at, C.READ_MISSING, "the file has no <executable>: there is no program to run");
      return this.result();
    }
    draft.executable = exe;
    this.origin("executable", "<executable>", exe.at);
    const args = this.argumentLine(root, seen, "args");
    if (args && args.length > 0) draft.args = args;
    const wdEl = one("workingdirectory");
    if (wdEl) {
      const e = this.expandable(wdEl, "<workingdirectory>");
      const t = e && !formatEmpty(e) ? this.absolute(wdEl, e, "<workingdirectory>") : undefined;
      if (t) {
        draft.workingDirectory = t;
        this.origin("workingDirectory", "<workingdirectory>", wdEl.contentAt);
      }
    }
    const env = this.environment(childElements(root, "env"));
    if (env.length > 0) draft.environment = env;

    // --- account
    const account = this.account(one("serviceaccount"), id, passwordEnv);
    if (account) draft.account = account;

    // --- registration
    const startup = this.startup(one("startmode"), one("delayedAutoStart"));
    if (startup) draft.startup = startup;
    const deps: Located<string>[] = [];
    for (const d of childElements(root, "depend")) {
      const v = innerText(d, true);
      // An empty entry ends the service manager's dependency list: it names nothing.
      if (v === "") this.warn(d.at, C.READ_NOT_READ, "<depend> is empty: it names no service; not imported");
      else if (!DEPENDENCY.test(v)) this.error(d.contentAt, C.READ_VALUE, `<depend>${v}</depend> is not a service name a spec accepts (letters, digits, _ . @ : -)`);
      else if (deps.some((x) => x.value === v)) this.warn(d.at, C.READ_NOT_READ, `<depend>${v}</depend> is given twice: imported once`);
      else {
        deps.push({ value: v, at: d.contentAt });
        this.origin("dependsOn", "<depend>", d.contentAt);
      }
    }
    if (deps.length > 0) draft.dependsOn = deps;
    draft.restart = this.restart(childElements(root, "onfailure"), one("resetfailure"));

    // --- stop, logs, priority, hooks
    const stopEl = one("stoptimeout");
    if (stopEl) {
      const ms = this.timeSpan(stopEl, innerText(stopEl, true), "<stoptimeout>");
      if (ms !== undefined) {
        draft.stop = { timeoutMs: { value: ms, at: stopEl.contentAt } };
        this.origin("stop.timeout", "<stoptimeout>", stopEl.contentAt);
      }
    }
    const logs = this.logs(seen);
    if (logs) draft.logs = logs;
    const prEl = one("priority");
    if (prEl) {
      const v = innerText(prEl, true);
      const p = v.includes("%") ? undefined : PRIORITIES[dotnetTrim(v).toLowerCase()];
      if (!p) this.error(prEl.contentAt, C.READ_VALUE, `<priority>${v}</priority> is not a priority WinSW knows (Idle, BelowNormal, Normal, AboveNormal, High, RealTime): WinSW fails on it`);
      else {
        draft.priority = { value: p, at: prEl.contentAt };
        this.origin("priority", "<priority>", prEl.contentAt);
      }
    }
    const hooks: ModelDraft["hooks"] = {};
    for (const [tag, key] of [["prestart", "preStart"], ["poststop", "postStop"]] as const) {
      const el = one(tag);
      if (!el) continue;
      if (this.version === 2) {
        this.warn(el.at, C.READ_NOT_READ, `<${tag}> is not read by WinSW 2 (only by WinSW 3): not imported`);
        continue;
      }
      const cmd = this.hook(el);
      if (cmd) {
        hooks[key] = cmd;
        this.origin(`hooks.${key}`, `<${tag}>`, el.at);
      }
    }
    if (hooks.preStart || hooks.postStop) draft.hooks = hooks;

    if (hasErrors(this.diagnostics)) return this.result();
    if (this.version !== undefined) draft.options = { version: this.version };
    return { ...this.result(), model: completeModel(draft, this.origins) };
  }

  private insideHook(e: XmlElement): boolean {
    return ["prestart", "poststart", "prestop", "poststop", "serviceaccount", "log", "download", "extensions"].some((h) => childElements(this.root, h).some((x) => [...descendantsOf(x)].includes(e)));
  }

  private collectEvidence(root: XmlElement): void {
    const add = (version: Version, why: string, at: SourceLoc) => this.evidence.push({ version, why, at });
    if (root.name !== "service") add(2, `the root element <${root.name}> (WinSW 3 needs <service>)`, root.at);
    for (const el of childElements(root)) {
      if (V3_ONLY.has(el.name)) add(3, `<${el.name}>`, el.at);
      if (V2_ONLY.has(el.name)) add(2, `<${el.name}>`, el.at);
    }
    for (const sa of childElements(root, "serviceaccount")) {
      for (const c of childElements(sa)) {
        if (c.name === "username" || c.name === "prompt") add(3, `<serviceaccount><${c.name}>`, c.at);
        if (c.name === "user" || c.name === "domain") add(2, `<serviceaccount><${c.name}>`, c.at);
      }
    }
    const delayed = childElements(root, "delayedAutoStart")[0];
    if (delayed && !/^(true|false)$/i.test(dotnetTrim(innerText(delayed, true)))) add(2, "<delayedAutoStart> without true or false (WinSW 2 reads its presence)", delayed.at);
    const args = childElements(root, "arguments")[0];
    if (args && /[\r\n]/.test(innerText(args, true))) add(2, "line breaks in <arguments> (WinSW 2 turns them into spaces)", args.at);
  }

  /** An element's text through %-expansion as spec text, or undefined after an error. */
  private expandable(el: XmlElement, what: string, raw = innerText(el, true)): Text | undefined {
    const d = decodeExpandable(raw);
    if (!d.ok) {
      this.error(el.contentAt, C.READ_VALUE, `${what} cannot be read: ${d.problem}`);
      return undefined;
    }
    return textFromParts(d.parts, el.contentAt);
  }

  /** <executable> (of the service or of a hook) as spec text: a path, without the quotes .NET adds itself. */
  private program(parent: XmlElement, tag: string, prefix: string): Text | undefined {
    const el = childElements(parent, tag)[0];
    if (!el) return undefined;
    let raw = innerText(el, true);
    if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') && !raw.slice(1, -1).includes('"')) {
      raw = raw.slice(1, -1);
      this.warn(el.contentAt, C.READ_APPROXIMATED, `${prefix}<${tag}> is in quotes: read without them (.NET quotes the path itself, and svcgen writes it bare)`);
    }
    if (raw.includes('"')) {
      this.error(el.contentAt, C.READ_VALUE, `${prefix}<${tag}>${raw}</${tag}> contains a double quote, which no Windows path does`);
      return undefined;
    }
    if (raw.trim() === "") {
      this.error(el.contentAt, C.READ_VALUE, `${prefix}<${tag}> is empty: there is no program to run`);
      return undefined;
    }
    const t = this.expandable(el, `${prefix}<${tag}>`, raw);
    return t && this.absolute(el, t, `${prefix}<${tag}>`, tag === "executable" ? "write the full path, e.g. %BASE%\\app.exe for a program beside WinSW" : undefined);
  }

  /** A path a spec needs absolute (or starting with a variable), or undefined after an error. */
  private absolute(el: XmlElement, t: Text, what: string, hint?: string): Text | undefined {
    const problem = windowsPathProblem(t);
    if (!problem) return t;
    this.error(el.contentAt, C.READ_VALUE, `${what} ${problem}`, hint ?? "write the full path");
    return undefined;
  }

  /** The argument line of the service (<arguments>, or WinSW 2's <argument> list) or of a hook. */
  private argumentLine(parent: XmlElement, seen: Map<string, XmlElement> | undefined, field: "args" | "hooks.preStart" | "hooks.postStop"): Text[] | undefined {
    const list = seen ? childElements(parent, "argument") : [];
    const el = childElements(parent, "arguments")[0];
    let line: string;
    let at: SourceLoc;
    if (list.length > 0) {
      if (el) this.warn(el.at, C.READ_NOT_READ, "<arguments> is not read: WinSW 2 ignores it when <argument> elements are present");
      // WinSW 2: each <argument> expanded, wrapped in quotes when it has a space and is not quoted already, joined by spaces.
      line = list
        .map((a) => {
          const v = innerText(a, true);
          return v.includes(" ") && !(v.startsWith('"') && v.endsWith('"')) ? `"${v}"` : v;
        })
        .join(" ");
      at = list[0]!.contentAt;
    } else if (el) {
      line = innerText(el, true);
      at = el.contentAt;
      // WinSW 2.8+ replaces every run of line breaks (with the white space around it) by one space.
      if (this.version !== 3 && field === "args") line = line.replace(/\s*[\n\r]+\s*/g, " ");
    } else return undefined;
    const d = decodeExpandedArgs(line);
    if (!d.ok) {
      this.error(at, C.READ_VALUE, `${list.length > 0 ? "<argument>" : "<arguments>"} cannot be read: ${d.problem}`);
      return undefined;
    }
    const args = d.args.map((parts) => textFromParts(parts, at));
    for (const i of d.splitByValue) {
      this.warn(at, C.READ_UNQUOTED_VARIABLE, `argument ${i + 1} (${JSON.stringify(args[i]!.source)}) holds a variable outside quotes: Windows splits it further if the value has a space; the spec keeps it one argument (svcgen quotes it)`);
    }
    if (args.length > 0) this.origin(field, list.length > 0 ? "<argument>" : "<arguments>", at);
    return args;
  }

  private environment(els: XmlElement[]): EnvVar[] {
    const out: EnvVar[] = [];
    for (const e of els) {
      const name = attribute(e, "name");
      const value = attribute(e, "value");
      if (!name || !value) {
        this.error(e.at, C.READ_VALUE, `<env> needs both name and value: WinSW fails on it`);
        continue;
      }
      if (!ENV_NAME.test(name.value)) {
        this.error(name.valueAt, C.READ_VALUE, `the variable name ${JSON.stringify(name.value)} is not one a spec accepts (letters, digits, _, not starting with a digit)`);
        continue;
      }
      if (out.some((x) => x.name.toUpperCase() === name.value.toUpperCase())) {
        this.error(name.valueAt, C.READ_VALUE, `${name.value} is set a second time: WinSW applies both in order, and a spec's environment sets each variable once`);
        continue;
      }
      if (value.value === "") {
        if (this.version === 3) out.push({ name: name.value, value: literalText("", value.valueAt), at: name.at });
        else if (this.version === 2) this.warn(value.valueAt, C.READ_NO_FIELD, `${name.value} is set to "", which makes WinSW 2 remove the variable: a spec cannot remove one, not imported`);
        else this.error(value.valueAt, C.READ_VERSIONS_DIFFER, `${name.value} is set to "": WinSW 2 removes the variable, WinSW 3 sets it empty, and nothing in the file says which WinSW runs it`);
        continue;
      }
      const d = decodeExpandable(value.value);
      if (!d.ok) {
        this.error(value.valueAt, C.READ_VALUE, `the value of ${name.value} cannot be read: ${d.problem}`);
        continue;
      }
      out.push({ name: name.value, value: textFromParts(d.parts, value.valueAt), at: name.at });
      this.origin("environment", "<env>", name.at);
    }
    return out;
  }

  private account(sa: XmlElement | undefined, id: string, passwordEnv: string | undefined): ModelDraft["account"] {
    if (!sa) return undefined;
    const part = (n: string) => childElements(sa, n)[0];
    const text = (n: string) => {
      const e = part(n);
      return e ? innerText(e, true) : undefined;
    };
    const password = part("password");
    if (password && innerText(password, true) !== "") this.diagnostics.push(passwordInSourceWarning(password.contentAt, T));
    let name: string | undefined;
    let at: SourceLoc;
    if (this.version === 3) {
      for (const n of ["user", "domain"]) if (part(n)) this.warn(part(n)!.at, C.READ_NOT_READ, `<${n}> is not read by WinSW 3 (it reads <username>): not imported`);
      name = text("username");
      at = part("username")?.contentAt ?? sa.at;
      const prompt = text("prompt");
      if (prompt !== undefined && prompt.toLowerCase() !== "console") this.warn(part("prompt")!.contentAt, C.READ_APPROXIMATED, `<prompt>${prompt}</prompt>: the spec's WinSW 3 file asks for the password on the console`);
      const logon = part("allowservicelogon");
      if (logon) this.warn(logon.at, C.READ_NOT_READ, "<allowservicelogon> is not read by WinSW 3 (it grants the right to every account but the built-in ones): not imported");
    } else {
      for (const n of ["username", "prompt"]) if (part(n)) this.warn(part(n)!.at, C.READ_NOT_READ, `<${n}> is not read by WinSW 2: not imported`);
      const user = text("user");
      at = part("user")?.contentAt ?? sa.at;
      if (user) name = `${text("domain") ?? "."}\\${user}`;
    }
    for (const c of childElements(sa)) {
      if (!["username", "user", "domain", "password", "prompt", "allowservicelogon"].includes(c.name)) this.warn(c.at, C.READ_NOT_READ, `<serviceaccount><${c.name}> is not read by WinSW: not imported`);
    }
    if (name === undefined || name === "") return undefined;
    if (LOCAL_SYSTEM.has(name)) return undefined;
    this.origin("account", this.version === 3 ? "<username>" : "<user>", at);
    // A built-in account by its exact name, unless the file asks for a password (svcgen's header, or <prompt>).
    const asksPassword = passwordEnv !== undefined || (this.version === 3 && part("prompt") !== undefined);
    const builtin = BUILTIN_NAMES[name];
    if (builtin && !asksPassword) return { kind: "builtin", builtin, at };
    if (name === `NT SERVICE\\${id}` && this.version === 2 && !asksPassword) return { kind: "builtin", builtin: "virtual", at };
    const account: NonNullable<ModelDraft["account"]> = { kind: "user", user: literalText(name, at), at };
    // A gMSA or a built-in identity needs no password, unless svcgen's own header says the spec gave one.
    if (!PASSWORDLESS.test(name) || asksPassword) {
      const variable = passwordEnv ?? passwordVariable(id);
      account.passwordFromEnv = { value: variable, at };
      this.origin("account.password", "<password>", password?.contentAt ?? at);
      this.diagnostics.push(passwordFromEnvWarning(password?.contentAt ?? at, variable, T));
      if (this.version === 2 && !/^\s*true\s*$/i.test(text("allowservicelogon") ?? "")) {
        this.warn(at, C.READ_APPROXIMATED, `${name} is not granted "Log on as a service" here (no <allowservicelogon>true</allowservicelogon>); svcgen's WinSW 2 file grants it, as a service account needs it`);
      }
    }
    return account;
  }

  private startup(mode: XmlElement | undefined, delayed: XmlElement | undefined): Located<Startup> | undefined {
    let value: Startup = "auto";
    let at: SourceLoc = mode?.contentAt ?? { file: this.file, line: 1, col: 1 };
    if (mode) {
      const raw = innerText(mode, true);
      const key = dotnetTrim(raw).toLowerCase();
      if (raw.includes("%") || !(key in START_MODES)) {
        this.error(mode.contentAt, C.READ_VALUE, `<startmode>${raw}</startmode> is not a start mode WinSW knows (Automatic, Manual, Disabled)`);
        return undefined;
      }
      const s = START_MODES[key];
      if (!s) {
        this.error(mode.contentAt, C.READ_VALUE, `<startmode>${raw}</startmode> is a driver's start mode: the service manager refuses it for a service`);
        return undefined;
      }
      value = s;
      this.origin("startup", "<startmode>", mode.contentAt);
    }
    if (delayed) {
      const t = dotnetTrim(innerText(delayed, true)).toLowerCase();
      // WinSW 2 reads the element's presence; WinSW 3 bool.Parse of its text.
      const on = this.version === 3 ? t === "true" : this.version === 2 ? true : t === "true" ? true : undefined;
      if (this.version === 3 && t !== "true" && t !== "false") {
        this.error(delayed.contentAt, C.READ_VALUE, `<delayedAutoStart> must say true or false for WinSW 3, which fails on anything else`);
        return undefined;
      }
      if (on === undefined) {
        this.error(delayed.contentAt, C.READ_VERSIONS_DIFFER, "<delayedAutoStart>false</delayedAutoStart>: WinSW 2 turns delayed start on by the element's presence, WinSW 3 reads false, and nothing in the file says which WinSW runs it", "remove the element to start without delay");
        return undefined;
      }
      if (on && value === "auto") {
        value = "delayed";
        at = delayed.contentAt;
        this.origin("startup", "<delayedAutoStart>", delayed.contentAt);
      } else if (on) this.warn(delayed.at, C.READ_NOT_READ, `<delayedAutoStart> has no effect with start mode ${value}: not imported`);
    }
    return { value, at };
  }

  private timeSpan(el: XmlElement, raw: string, what: string, at = el.contentAt): number | undefined {
    if (raw.includes("%")) {
      this.error(at, C.READ_VALUE, `${what} ${JSON.stringify(raw)} uses %...%, which svcgen cannot read as a duration`);
      return undefined;
    }
    const d = decodeWinswTimeSpan(raw);
    if (!d.ok) {
      this.error(at, C.READ_VALUE, `${what}: ${d.problem}`);
      return undefined;
    }
    return d.ms;
  }

  private restart(actions: XmlElement[], resetEl: XmlElement | undefined): NonNullable<ModelDraft["restart"]> {
    const start: SourceLoc = { file: this.file, line: 1, col: 1 };
    const parsed: { action: string; delayMs: number; el: XmlElement }[] = [];
    for (const a of actions) {
      const action = attribute(a, "action");
      if (!action || !["restart", "reboot", "none"].includes(action.value)) {
        this.error(action?.valueAt ?? a.at, C.READ_VALUE, `<onfailure action=${JSON.stringify(action?.value ?? "")}> is not restart, reboot or none (exact lower case): WinSW fails on it`);
        continue;
      }
      const delay = attribute(a, "delay");
      const ms = delay ? this.timeSpan(a, delay.value, "onfailure delay", delay.valueAt) : 0;
      if (ms === undefined) continue;
      parsed.push({ action: action.value, delayMs: ms, el: a });
    }
    const resetMs = resetEl ? this.timeSpan(resetEl, innerText(resetEl, true), "<resetfailure>") : undefined;
    const leading = parsed.findIndex((p) => p.action !== "restart");
    const restarts = leading < 0 ? parsed : parsed.slice(0, leading);
    if (restarts.length === 0) {
      if (parsed.length > 0) this.warn(parsed[0]!.el.at, C.READ_APPROXIMATED, `the first failure action is ${parsed[0]!.action}: the spec's restart.policy is never${parsed.some((p) => p.action === "restart") ? ", and the restarts after it are not imported" : ""}`);
      if (resetEl && parsed.length === 0) this.warn(resetEl.at, C.READ_NOT_READ, "<resetfailure> has no effect without <onfailure>: not imported");
      const policyAt = parsed[0]?.el.at ?? start;
      this.origin("restart.policy", parsed.length > 0 ? "<onfailure>" : "<onfailure> (none)", policyAt);
      return { policy: { value: "never", at: policyAt } };
    }
    const first = restarts[0]!;
    const delayAt = attribute(first.el, "delay")?.valueAt ?? first.el.at;
    this.origin("restart.policy", "<onfailure>", first.el.at);
    this.origin("restart.delay", "<onfailure delay>", delayAt);
    const other = restarts.find((r) => r.delayMs !== first.delayMs);
    if (other) this.warn(other.el.at, C.READ_APPROXIMATED, `this restart waits ${formatDuration(other.delayMs)}, the first ${formatDuration(first.delayMs)}: the spec has one restart.delay, the first`);
    const out: NonNullable<ModelDraft["restart"]> = { policy: { value: "on-failure", at: first.el.at }, delayMs: { value: first.delayMs, at: delayAt } };
    if (leading < 0) {
      if (resetMs !== undefined) {
        out.resetAfterMs = { value: resetMs, at: resetEl!.contentAt };
        this.origin("restart.resetAfter", "<resetfailure>", resetEl!.contentAt);
      }
      return out;
    }
    const stop = parsed[leading]!;
    if (stop.action === "reboot") this.warn(stop.el.at, C.READ_APPROXIMATED, "a spec does not reboot the machine: read as giving up after the restarts before it");
    if (parsed.length > leading + 1) this.warn(parsed[leading + 1]!.el.at, C.READ_APPROXIMATED, `the failure actions after ${stop.action} (line ${stop.el.at.line}) are not imported: the spec gives up after restart.maxRetries restarts`);
    out.maxRetries = { value: restarts.length, at: stop.el.at };
    this.origin("restart.maxRetries", "<onfailure>", stop.el.at);
    // The service manager counts failures until a period without one passes: WinSW's default is 1 day.
    out.windowMs = { value: resetMs ?? 86_400_000, at: resetEl?.contentAt ?? stop.el.at };
    this.origin("restart.window", resetEl ? "<resetfailure>" : "<resetfailure> (WinSW's default, 1 day)", resetEl?.contentAt ?? stop.el.at);
    return out;
  }

  private logs(seen: Map<string, XmlElement>): ModelDraft["logs"] {
    const pathEl = seen.get("logpath");
    const nameEl = seen.get("logname");
    const logEl = seen.get("log");
    const modeEl = seen.get("logmode");
    for (const n of ["outfiledisabled", "errfiledisabled"]) {
      const e = seen.get(n);
      if (e && /^\s*true\s*$/i.test(innerText(e, true))) this.warn(e.at, C.READ_APPROXIMATED, `<${n}>true</${n}>: WinSW does not write that stream's file; the spec's logs capture both`);
      else if (e) this.warn(e.at, C.READ_NO_FIELD, `<${n}> has no spec field: not imported`);
    }
    if (!pathEl && !nameEl && !logEl && !modeEl) return undefined;
    const modeAt = modeEl?.contentAt ?? attribute(logEl ?? this.root, "mode")?.valueAt ?? logEl?.at ?? pathEl?.at ?? nameEl!.at;
    if (modeEl && logEl) this.warn(logEl.at, C.READ_NOT_READ, "<log> is not read: WinSW takes the mode from <logmode>, which comes first");
    const mode = modeEl ? innerText(modeEl, true) : logEl ? (attribute(logEl, "mode")?.value ?? "") : "append";
    const at = pathEl?.contentAt ?? modeAt;
    const logs: NonNullable<ModelDraft["logs"]> = { directory: literalText("", at), at };
    if (pathEl) {
      const e = this.expandable(pathEl, "<logpath>");
      const t = e && this.absolute(pathEl, e, "<logpath>");
      if (!t) return undefined;
      logs.directory = t;
    } else {
      // WinSW's default log directory is the one %BASE% names (the executable's in WinSW 2, the file's in 3).
      logs.directory = textFromParts([{ kind: "var", name: "BASE" }], at);
    }
    let base: Text;
    if (nameEl) {
      const t = this.expandable(nameEl, "<logname>");
      if (!t) return undefined;
      base = t;
    } else {
      base = literalText(baseName(this.file).replace(/\.xml$/i, ""), at);
      this.warn(at, C.READ_APPROXIMATED, `the file has no <logname>: WinSW names the logs after the file (${base.source}.out.log), and the spec says so`);
    }
    logs.stdout = textFromParts([...base.parts, { kind: "literal", text: OUT_SUFFIX }], base.at);
    logs.stderr = textFromParts([...base.parts, { kind: "literal", text: ERR_SUFFIX }], base.at);
    this.origin("logs", pathEl ? "<logpath>" : "<log>", at);
    const children = logEl && !modeEl ? childElements(logEl) : [];
    const used = new Set<string>();
    switch (mode) {
      case "append":
        break;
      case "reset":
        logs.append = { value: false, at: modeAt };
        this.origin("logs.append", modeEl ? "<logmode>" : "<log mode>", modeAt);
        break;
      case "rotate":
      case "roll-by-size": {
        const rotate: NonNullable<NonNullable<ModelDraft["logs"]>["rotate"]> = { at: modeAt };
        const size = mode === "rotate" ? undefined : children.find((c) => c.name === "sizeThreshold");
        const keep = mode === "rotate" ? undefined : children.find((c) => c.name === "keepFiles");
        if (mode === "roll-by-size") used.add("sizeThreshold").add("keepFiles");
        // The deprecated rotate mode is roll-by-size with WinSW's defaults (10 MB, 8 files).
        const kb = mode === "rotate" ? 10_240 : size ? dotnetInt(innerText(size, true)) : undefined;
        const files = mode === "rotate" ? 8 : keep ? dotnetInt(innerText(keep, true)) : undefined;
        if (size && (kb === undefined || kb < 1 || kb * KIB > 2_147_483_647)) this.error(size.contentAt, C.READ_VALUE, `<sizeThreshold>${innerText(size, true)}</sizeThreshold> is not a number of KB WinSW can use`);
        else if (kb !== undefined) rotate.maxSizeBytes = { value: kb * KIB, at: size?.contentAt ?? modeAt };
        if (keep && (files === undefined || files < 2)) this.error(keep.contentAt, C.READ_VALUE, `<keepFiles>${innerText(keep, true)}</keepFiles>: svcgen reads 2 or more kept files (WinSW truncates the live log with fewer)`);
        else if (files !== undefined) rotate.keep = { value: files, at: keep?.contentAt ?? modeAt };
        logs.rotate = rotate;
        this.origin("logs.rotate", "<log mode>", modeAt);
        break;
      }
      case "roll":
      case "roll-by-time":
      case "roll-by-size-time": {
        const how = mode === "roll" ? "renames the log to .old at each start" : mode === "roll-by-time" ? "starts a new file per time period and never deletes old ones" : "rolls by size and time under other names";
        this.warn(modeAt, C.READ_APPROXIMATED, `log mode ${mode} (WinSW ${how}) has no spec equivalent: read as logs that append`);
        used.add("sizeThreshold").add("keepFiles").add("pattern").add("period").add("autoRollAtTime").add("zipOlderThanNumDays").add("zipDateFormat");
        break;
      }
      case "none":
        this.error(modeAt, C.READ_REFUSED, "log mode none discards the program's output, which a spec cannot say (without logs WinSW writes them beside its executable)", "remove the <log> element to keep WinSW's default logs");
        return undefined;
      default:
        this.error(modeAt, C.READ_VALUE, `log mode ${JSON.stringify(mode)} is not one WinSW knows: it fails at start`);
        return undefined;
    }
    for (const c of children) {
      if (!used.has(c.name)) {
        this.warn(c.at, C.READ_NOT_READ, `<${c.name}> is not read in log mode ${mode}: not imported`);
      }
    }
    return logs;
  }

  private hook(el: XmlElement): Command | undefined {
    const prefix = `<${el.name}>`;
    const exe = this.program(el, "executable", prefix);
    if (!exe) {
      if (!hasErrors(this.diagnostics)) this.error(el.at, C.READ_MISSING, `${prefix} has no <executable>`);
      return undefined;
    }
    const args = this.argumentLine(el, undefined, el.name === "prestart" ? "hooks.preStart" : "hooks.postStop") ?? [];
    for (const c of childElements(el)) {
      if (c.name === "stdoutPath" || c.name === "stderrPath") this.warn(c.at, C.READ_NO_FIELD, `${prefix}<${c.name}> has no spec field (a hook's output is discarded): not imported`);
      else if (c.name !== "executable" && c.name !== "arguments") this.warn(c.at, C.READ_NOT_READ, `${prefix}<${c.name}> is not read by WinSW: not imported`);
    }
    return { executable: exe, args, at: el.at };
  }
}

const formatEmpty = (t: Text): boolean => t.parts.length === 1 && t.parts[0]!.kind === "literal" && t.parts[0]!.text === "";

/** Elements WinSW reads that have no spec field (ReaderModule.unstated); those WinSW does not read (SVC6408) change nothing. */
export const unstated = [C.READ_NO_FIELD];
