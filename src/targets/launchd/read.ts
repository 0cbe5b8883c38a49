import { diag, hasErrors } from "../../diagnostics/diagnostic.js";
import { NOT_A_SPEC_NAME } from "../../import/codes.js";
import { completeModel, literalText, type ModelDraft } from "../../import/read-model.js";
import type { Located, Priority, RestartPolicy, SourceLoc, Startup, Text } from "../../model.js";
import { GENERATED_MARKER } from "../../render/header.js";
import type { SpecField } from "../../spec/fields.js";
import { formatDuration } from "../../spec/units.js";
import type { ReadResult, SourceText } from "../types.js";
import { capabilities, NICE } from "./capabilities.js";
import { MAX_SECONDS } from "./check.js";
import * as C from "./codes.js";
import { decodePlist, PlistSyntaxError, plistStringProblem, type PlistDict, type PlistPositions, type PlistValue } from "./escape.js";
import { canonicalKey, KEEPALIVE_KEYS, MAPPED, UNSTATED, type PlistType } from "./keys.js";
import { LABEL_MAX, LABEL_PATTERN, type LaunchdDomain } from "./options.js";
import { ReaderBase, SPEC_NAME_RULE } from "../../import/reader-base.js";

// The launchd reader: a job's property list -> the ServiceModel a spec for it normalises to, read as launchd
// reads it (launchd.plist(5), and launchd-842's core.c where the man page is silent):
//
// 1. The XML plist is decoded by the target's own decoder (escape.ts, the encoder's pair, checked against
//    Python's plistlib), with each key's position. A binary plist is refused with how to convert it.
// 2. Every key of the job's dictionary is looked up in keys.ts, ignoring case as launchd does: mapped to spec
//    fields, known but with no spec field (reported; refused where the job could not be described without
//    it), or unknown to launchd (reported). A value of the wrong type is one launchd does not use.
// 3. Absent keys mean launchd's defaults: no KeepAlive is restart.policy: never, no RunAtLoad is startup:
//    manual (unless the job is kept alive, which launchd starts at load), ThrottleInterval defaults to 10 s
//    and ExitTimeOut to 20 s (LAUNCHD_MIN_JOB_RUN_TIME, LAUNCHD_DEFAULT_EXIT_TIMEOUT).
//
// Whether the job is a daemon or an agent is not in the plist: its path says (LaunchDaemons, LaunchAgents),
// or svcgen's header in a file it wrote; otherwise the spec says daemon, with a warning.

const T = "launchd";
const SPEC_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const LABEL = new RegExp(LABEL_PATTERN);
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** launchd-842 core.c LAUNCHD_MIN_JOB_RUN_TIME and LAUNCHD_DEFAULT_EXIT_TIMEOUT (launchd.plist(5): 10 and 20 seconds). */
export const DEFAULT_THROTTLE_SECONDS = 10;
export const DEFAULT_EXIT_TIMEOUT_SECONDS = 20;
/** setpriority(2) on macOS: PRIO_MIN and PRIO_MAX, the range launchd takes Nice in. */
const PRIO_MIN = -20;
const PRIO_MAX = 20;
const PRIORITY_BY_NICE = new Map(Object.entries(NICE).map(([p, n]) => [n, p as Priority]));

export function read(files: readonly SourceText[]): ReadResult {
  return new PlistReader(files[0]!).read();
}

export { installed } from "./installed.js";

interface Entry {
  /** The key as written. */
  key: string;
  value: PlistValue;
  keyAt: SourceLoc;
  valueAt: SourceLoc;
}

const typeOf = (v: PlistValue): string => (typeof v === "string" ? "string" : typeof v === "number" ? "integer" : typeof v === "boolean" ? "boolean" : Array.isArray(v) ? "array" : "dict");
const fits = (v: PlistValue, t: PlistType): boolean => (t === "boolean-or-dict" ? typeof v === "boolean" || v instanceof Map : typeOf(v) === t);

class PlistReader extends ReaderBase {
  private readonly positions: PlistPositions = new Map();
  /** The job's mapped keys, by their canonical name. */
  private readonly keys = new Map<string, Entry>();
  /** The values of the keys no spec field holds, by their canonical name. */
  private readonly unstated = new Map<string, PlistValue>();
  private readonly start: SourceLoc;

  constructor(private readonly file: SourceText) {
    super(T);
    this.start = { file: file.name, line: 1, col: 1 };
  }

  private at(p: { line: number; col: number } | undefined): SourceLoc {
    return p ? { file: this.file.name, line: p.line, col: p.col } : this.start;
  }
  private origin(field: SpecField, e: Entry): void {
    this.origins.set(field, { setting: e.key, at: e.valueAt });
  }

  read(): ReadResult {
    const root = this.decode();
    if (!root) return this.result();
    this.lookUp(root);
    if (hasErrors(this.diagnostics)) return this.result();

    const label = this.string("Label");
    if (label === undefined) {
      if (!this.keys.has("Label")) this.report("error", this.start, C.UNREADABLE, "the plist has no Label: launchd refuses a job without one");
      return this.result();
    }
    const labelEntry = this.keys.get("Label")!;
    if (!LABEL.test(label) || label.length > LABEL_MAX) {
      this.report("error", labelEntry.valueAt, C.CANNOT_STATE, `the Label ${JSON.stringify(label)} is not a file name svcgen can write the plist as (letters, digits, _ . -, at most ${LABEL_MAX} characters)`);
      return this.result();
    }
    const options: Record<string, unknown> = {};
    let name = label;
    if (!SPEC_NAME.test(label)) {
      // A longer label: the spec's name is its last part, and the label is kept as options.launchd.label.
      const last = label.slice(label.lastIndexOf(".") + 1);
      if (!SPEC_NAME.test(last)) {
        this.diagnostics.push(diag(labelEntry.valueAt, "error", NOT_A_SPEC_NAME, `the Label ${label} cannot be a spec's name, nor its last part`, SPEC_NAME_RULE, T));
        return this.result();
      }
      name = last;
      options.label = label;
    }
    this.origin("name", labelEntry);
    const domain = this.domain();
    if (domain !== "system") options.domain = domain;

    const draft: ModelDraft = { file: this.file.name, platform: "macos", name: { value: name, at: labelEntry.valueAt }, executable: literalText("", this.start) };
    const program = this.program();
    if (program) {
      draft.executable = program.executable;
      if (program.args.length > 0) draft.args = program.args;
    }
    const wd = this.path("WorkingDirectory", "workingDirectory");
    if (wd) draft.workingDirectory = wd;
    const env = this.environment();
    if (env.length > 0) draft.environment = env;
    const account = this.account(domain);
    if (account) draft.account = account;
    const restart = this.restart();
    draft.restart = restart.draft;
    const startup = this.startup(restart.startsAtLoad);
    if (startup) draft.startup = startup;
    const stop = this.stop();
    if (stop) draft.stop = stop;
    const logs = this.logs(name);
    if (logs) draft.logs = logs;
    const priority = this.priority();
    if (priority) draft.priority = priority;

    if (hasErrors(this.diagnostics)) return this.result();
    draft.options = options;
    draft.optionOrigins = new Map([["label", labelEntry.valueAt]]);
    return { ...this.result(), model: completeModel(draft, this.origins) };
  }

  // --- the document

  private decode(): PlistDict | undefined {
    if (this.file.text.startsWith("bplist")) {
      this.report("error", this.start, C.UNREADABLE, "a binary property list: svcgen reads XML plists", `convert it: plutil -convert xml1 -o ${this.file.name.replace(/\.plist$/, "")}.xml.plist ${this.file.name}`);
      return undefined;
    }
    let root: PlistValue;
    try {
      root = decodePlist(this.file.text, this.positions);
    } catch (e) {
      if (!(e instanceof PlistSyntaxError)) throw e;
      this.report("error", { file: this.file.name, line: e.line, col: e.col }, C.UNREADABLE, e.message.replace(/^\d+:\d+: /, ""));
      return undefined;
    }
    if (!(root instanceof Map)) {
      this.report("error", this.start, C.UNREADABLE, `the plist's root is ${typeOf(root) === "array" ? "an array" : `a ${typeOf(root)}`}, not the dictionary of one launchd job`);
      return undefined;
    }
    return root;
  }

  /** Every key of the job: mapped ones kept for the fields, the others reported. */
  private lookUp(root: PlistDict): void {
    const where = this.positions.get(root);
    let keptAlive = false;
    const keepAlive = [...root].find(([k]) => k.toLowerCase() === "keepalive")?.[1];
    const onDemand = [...root].find(([k]) => k.toLowerCase() === "ondemand")?.[1];
    if (keepAlive === true || keepAlive instanceof Map || onDemand === false) keptAlive = true;
    for (const [key, value] of root) {
      const pos = where?.get(key);
      const e: Entry = { key, value, keyAt: this.at(pos?.key), valueAt: this.at(pos?.value) };
      const canonical = canonicalKey(key);
      if (canonical === undefined) {
        this.report("warning", e.keyAt, C.IGNORED_KEY, `${key} is not a key launchd knows: it ignores it, and it is not imported`);
        continue;
      }
      const mapped = MAPPED[canonical];
      if (mapped) {
        if (!fits(value, mapped.type)) {
          this.report("warning", e.valueAt, C.IGNORED_KEY, `${key} is ${typeOf(value) === "integer" ? "an" : "a"} ${typeOf(value)}, where launchd reads ${mapped.type === "boolean-or-dict" ? "a boolean or a dictionary" : `${/^[aeiou]/.test(mapped.type) ? "an" : "a"} ${mapped.type}`}: it ignores it, and it is not imported`);
          continue;
        }
        if (this.keys.has(canonical)) {
          // A second spelling of one key (launchd matches them ignoring case): it applies both, the later last.
          this.report("warning", this.keys.get(canonical)!.keyAt, C.IGNORED_KEY, `${this.keys.get(canonical)!.key} is given again as ${key}, whose value launchd applies last: not imported`);
        }
        this.keys.set(canonical, e);
        continue;
      }
      const u = UNSTATED[canonical]!;
      this.unstated.set(canonical, value);
      if (u.refuse === "always" || (u.refuse === "unless-kept-alive" && !keptAlive)) {
        this.report("error", e.keyAt, C.NOT_A_SERVICE, `${key}: launchd ${u.does}, which a spec cannot say${u.refuse === "unless-kept-alive" ? " (and the job is not kept alive, so this is when it runs)" : ""}`, "keep this job as a launchd plist");
      } else if (canonical === "EnableGlobbing" && value === true && this.globbed(root)) {
        this.report("error", e.keyAt, C.CANNOT_STATE, `${key}: launchd expands the glob patterns of ProgramArguments, which a spec's arguments cannot do`);
      } else {
        this.report("warning", e.keyAt, C.NOT_IMPORTED, `${key} has no spec field (launchd ${u.does}): not imported`);
      }
    }
  }

  private globbed(root: PlistDict): boolean {
    const args = [...root].find(([k]) => k.toLowerCase() === "programarguments")?.[1];
    return Array.isArray(args) && args.some((a) => typeof a === "string" && /[*?[{~]/.test(a));
  }

  private string(key: string): string | undefined {
    const e = this.keys.get(key);
    return typeof e?.value === "string" ? e.value : undefined;
  }

  /** A string launchd takes as written: characters XML carries both ways (plistStringProblem), or an error. */
  private text(s: string, at: SourceLoc, what: string): Text | undefined {
    const problem = plistStringProblem(s);
    if (problem) {
      this.report("error", at, C.CANNOT_STATE, `${what} contains ${problem}, which svcgen cannot write back into a plist`);
      return undefined;
    }
    return literalText(s, at);
  }

  // --- where the job runs

  /** A daemon or an agent: by the file's folder, else by svcgen's header, else a daemon (with a warning). */
  private domain(): LaunchdDomain {
    const folder = /(?:^|[/\\])(LaunchDaemons|LaunchAgents)[/\\][^/\\]*$/.exec(this.file.name)?.[1];
    if (folder) return folder === "LaunchAgents" ? "user" : "system";
    const header = /<!--\s*(.*?)\s*-->/g;
    const comments = [...this.file.text.slice(0, this.file.text.indexOf("<plist")).matchAll(header)].map((m) => m[1]!);
    if (comments.some((c) => c.includes(GENERATED_MARKER))) {
      if (comments.some((c) => c.startsWith("A launchd agent:"))) return "user";
      if (comments.some((c) => c.startsWith("A launchd daemon:"))) return "system";
    }
    // What launchd reads only in one domain: UserName is a daemon's (an agent runs as its user), and
    // LimitLoadToSessionType names an agent's sessions (Aqua, Background, LoginWindow...) or System for a daemon.
    if (this.keys.has("UserName")) return "system";
    const sessions = [...this.unstated].find(([k]) => k === "LimitLoadToSessionType")?.[1];
    const types = typeof sessions === "string" ? [sessions] : Array.isArray(sessions) ? sessions.filter((x): x is string => typeof x === "string") : [];
    if (types.length > 0) return types.every((t) => t === "System") ? "system" : "user";
    this.report("warning", this.keys.get("Label")?.keyAt ?? this.start, C.DOMAIN_ASSUMED, "the plist's path does not say whether it is a daemon or an agent: read as a daemon (options.launchd.domain: system)", "for an agent, set options.launchd.domain: user");
    return "system";
  }

  // --- the program

  private program(): { executable: Text; args: Text[] } | undefined {
    const pe = this.keys.get("Program");
    const ae = this.keys.get("ProgramArguments");
    if (!pe && !ae) {
      this.report("error", this.start, C.UNREADABLE, "the job has neither Program nor ProgramArguments: there is no program to run");
      return undefined;
    }
    const argv: { s: string; at: SourceLoc }[] = [];
    if (ae) {
      const items = ae.value as PlistValue[];
      const where = this.positions.get(items);
      for (const [i, v] of items.entries()) {
        const at = this.at(where?.get(i)?.value);
        if (typeof v !== "string") {
          this.report("error", at, C.CANNOT_STATE, `ProgramArguments[${i}] is ${typeOf(v) === "integer" ? "an" : "a"} ${typeOf(v)}: launchd passes strings only`);
          return undefined;
        }
        argv.push({ s: v, at });
      }
    }
    const program = pe ? { s: pe.value as string, at: pe.valueAt } : argv[0];
    if (!program) {
      this.report("error", ae!.valueAt, C.UNREADABLE, "ProgramArguments is empty and there is no Program: there is no program to run");
      return undefined;
    }
    if (pe && argv.length > 0 && argv[0]!.s !== program.s) {
      this.report("error", argv[0]!.at, C.CANNOT_STATE, `Program is ${JSON.stringify(program.s)} but ProgramArguments[0], the argv[0] the program sees, is ${JSON.stringify(argv[0]!.s)}: a spec runs its executable with argv[0] set to its path`);
      return undefined;
    }
    if (!program.s.startsWith("/")) {
      this.report("error", program.at, C.CANNOT_STATE, `the program ${JSON.stringify(program.s)} is not an absolute path: launchd looks a bare name up in PATH (execvp), and a spec needs the path`, "write the program's full path");
      return undefined;
    }
    const executable = this.text(program.s, program.at, "the program");
    const args = argv.slice(1).map((a, i) => this.text(a.s, a.at, `ProgramArguments[${i + 1}]`));
    if (!executable || args.some((a) => !a)) return undefined;
    this.origins.set("executable", { setting: pe ? pe.key : ae!.key, at: program.at });
    if (args.length > 0) this.origin("args", ae!);
    return { executable, args: args as Text[] };
  }

  /** WorkingDirectory: an absolute path. */
  private path(key: string, field: SpecField): Text | undefined {
    const e = this.keys.get(key);
    if (!e) return undefined;
    const s = e.value as string;
    if (!s.startsWith("/")) {
      this.report("error", e.valueAt, C.CANNOT_STATE, `${e.key} ${JSON.stringify(s)} is not an absolute path (launchd resolves it from its own directory, /)`);
      return undefined;
    }
    const t = this.text(s, e.valueAt, e.key);
    if (t) this.origin(field, e);
    return t;
  }

  private environment(): NonNullable<ModelDraft["environment"]> {
    const e = this.keys.get("EnvironmentVariables");
    if (!e) return [];
    const dict = e.value as PlistDict;
    const where = this.positions.get(dict);
    const out: NonNullable<ModelDraft["environment"]> = [];
    for (const [k, v] of dict) {
      const at = this.at(where?.get(k)?.key);
      if (typeof v !== "string") {
        this.report("warning", at, C.IGNORED_KEY, `EnvironmentVariables.${k} is ${typeOf(v) === "integer" ? "an" : "a"} ${typeOf(v)}: launchd sets strings only, and ignores it`);
        continue;
      }
      if (!ENV_NAME.test(k)) {
        this.report("error", at, C.CANNOT_STATE, `EnvironmentVariables sets ${JSON.stringify(k)}, which is not a name a spec's environment can hold (letters, digits and _, not starting with a digit)`);
        continue;
      }
      const value = this.text(v, this.at(where?.get(k)?.value), `EnvironmentVariables.${k}`);
      if (value) out.push({ name: k, value, at });
    }
    if (out.length > 0) this.origin("environment", e);
    return out;
  }

  private account(domain: LaunchdDomain): ModelDraft["account"] {
    const u = this.keys.get("UserName");
    const g = this.keys.get("GroupName");
    if (domain === "user") {
      for (const e of [u, g]) if (e) this.report("warning", e.keyAt, C.IGNORED_KEY, `${e.key}: launchd ignores it for an agent, which runs as the user who logs in: not imported`);
      return undefined;
    }
    // launchd-842 core.c (job_import_string): UserName root and GroupName wheel are what a daemon runs as anyway.
    const user = u && (u.value as string) !== "root" ? u : undefined;
    const group = g && (g.value as string) !== "wheel" ? g : undefined;
    for (const [e, dflt] of [[u, "root"], [g, "wheel"]] as const) {
      if (e && e.value === dflt) this.report("warning", e.keyAt, C.IGNORED_KEY, `${e.key} ${dflt} is launchd's default (a daemon runs as ${dflt} without it): not imported`);
    }
    if (!user) {
      if (group) this.report("error", group.valueAt, C.CANNOT_STATE, `${group.key} ${group.value as string} without a UserName: a spec's account.group goes with an account.user`);
      return undefined;
    }
    const userText = this.text(user.value as string, user.valueAt, "UserName");
    if (!userText) return undefined;
    this.origin("account", user);
    const account: NonNullable<ModelDraft["account"]> = { kind: "user", user: userText, at: user.valueAt };
    if (group) {
      const groupText = this.text(group.value as string, group.valueAt, "GroupName");
      if (groupText) {
        account.group = groupText;
        this.origin("account.group", group);
      }
    }
    return account;
  }

  // --- starting and restarting

  private restart(): { draft: NonNullable<ModelDraft["restart"]>; startsAtLoad: boolean } {
    const ka = this.keys.get("KeepAlive");
    const od = this.keys.get("OnDemand");
    const out: NonNullable<ModelDraft["restart"]> = {};
    let policy: RestartPolicy = "never";
    let at = this.start;
    let startsAtLoad = false;
    if (ka) {
      at = ka.valueAt;
      this.origin("restart.policy", ka);
      if (typeof ka.value === "boolean") {
        policy = ka.value ? "always" : "never";
        startsAtLoad = ka.value;
      } else {
        const r = this.keepAliveDict(ka);
        policy = r.policy;
        startsAtLoad = r.startsAtLoad;
      }
      if (od) this.report("warning", od.keyAt, C.IGNORED_KEY, `${od.key} is the deprecated form of KeepAlive, which the job also has: not imported`);
    } else if (od) {
      // OnDemand false: launchd keeps the job alive (core.c job_import_bool: ondemand = value).
      at = od.valueAt;
      this.origin("restart.policy", od);
      policy = od.value === false ? "always" : "never";
      startsAtLoad = od.value === false;
    }
    out.policy = { value: policy, at };
    const ti = this.keys.get("ThrottleInterval");
    if (policy === "never") {
      if (ti) this.report("warning", ti.keyAt, C.IGNORED_KEY, `${ti.key} throttles restarts, and launchd does not keep this job alive: not imported`);
      return { draft: out, startsAtLoad };
    }
    let seconds = DEFAULT_THROTTLE_SECONDS;
    if (ti) {
      const n = ti.value as number;
      if (n < 0 || n > MAX_SECONDS) this.report("warning", ti.valueAt, C.IGNORED_KEY, `${ti.key} ${n}: launchd ignores a value outside 0 to ${MAX_SECONDS} (it throttles by its default, ${DEFAULT_THROTTLE_SECONDS} s)`);
      else seconds = n;
    }
    out.delayMs = { value: seconds * 1000, at: ti?.valueAt ?? at };
    this.origins.set("restart.delay", { setting: ti ? ti.key : `ThrottleInterval (launchd's default, ${DEFAULT_THROTTLE_SECONDS})`, at: ti?.valueAt ?? at });
    this.report(
      "warning",
      ti?.valueAt ?? at,
      C.APPROXIMATED,
      `${ti ? `${ti.key} ${seconds}` : `no ThrottleInterval (launchd's default, ${DEFAULT_THROTTLE_SECONDS} s)`} is read as restart.delay: ${formatDuration(seconds * 1000)}: launchd starts the job again no sooner than ${seconds} s after its previous start, so one that ran longer is restarted at once`,
    );
    return { draft: out, startsAtLoad };
  }

  /** KeepAlive as a dictionary of conditions: SuccessfulExit false is on-failure; anything else is approximated. */
  private keepAliveDict(ka: Entry): { policy: RestartPolicy; startsAtLoad: boolean } {
    const dict = ka.value as PlistDict;
    const where = this.positions.get(dict);
    const conditions = new Map<string, { value: PlistValue; at: SourceLoc }>();
    for (const [k, v] of dict) {
      const canonical = KEEPALIVE_KEYS.find((c) => c.toLowerCase() === k.toLowerCase());
      const at = this.at(where?.get(k)?.key);
      const bool = canonical === "SuccessfulExit" || canonical === "Crashed" || canonical === "NetworkState" || canonical === "AfterInitialDemand";
      if (!canonical || (bool ? typeof v !== "boolean" : !(v instanceof Map))) {
        this.report("warning", at, C.IGNORED_KEY, `KeepAlive.${k} is not a condition launchd reads (it logs "Unrecognized KeepAlive attribute"): not imported`);
        continue;
      }
      conditions.set(canonical, { value: v, at });
    }
    const exit = conditions.get("SuccessfulExit");
    const crashed = conditions.get("Crashed");
    const others = [...conditions.keys()].filter((k) => k !== "SuccessfulExit" && k !== "Crashed");
    // SuccessfulExit and Crashed imply RunAtLoad (core.c marks the job pending); the other conditions start it
    // at load too when they hold, as a spec's restarting service starts.
    const startsAtLoad = true;
    if (conditions.size === 0) return { policy: "never", startsAtLoad: false };
    if (exit?.value === false && !crashed && others.length === 0) return { policy: "on-failure", startsAtLoad };
    // Anything else: the nearest policy that restarts at least whenever launchd does.
    const policy: RestartPolicy = exit?.value === true || others.length > 0 ? "always" : "on-failure";
    const said = [...conditions].map(([k, c]) => `${k}${typeof c.value === "boolean" ? ` ${c.value}` : ""}`).join(", ");
    this.report(
      "warning",
      ka.valueAt,
      C.APPROXIMATED,
      `KeepAlive { ${said} }: the spec has no such condition; restart.policy is ${policy}, which restarts ${policy === "always" ? "whenever the program exits" : "after a non-zero exit or a signal"}`,
    );
    return { policy, startsAtLoad };
  }

  private startup(startsAtLoad: boolean): Located<Startup> | undefined {
    const d = this.keys.get("Disabled");
    const r = this.keys.get("RunAtLoad");
    if (d?.value === true) {
      this.origin("startup", d);
      return { value: "disabled", at: d.valueAt };
    }
    if (r) this.origin("startup", r);
    // A kept-alive job starts when launchd loads it, RunAtLoad or not.
    if (r?.value === true || startsAtLoad) return undefined;
    return { value: "manual", at: r?.valueAt ?? this.start };
  }

  // --- stopping, logs, priority

  private stop(): ModelDraft["stop"] {
    const e = this.keys.get("ExitTimeOut");
    if (!e) return undefined;
    const n = e.value as number;
    if (n < 0 || n > MAX_SECONDS) {
      this.report("warning", e.valueAt, C.IGNORED_KEY, `${e.key} ${n}: launchd ignores a value outside 0 to ${MAX_SECONDS} (it waits its default, ${DEFAULT_EXIT_TIMEOUT_SECONDS} s)`);
      return undefined;
    }
    if (n === 0) {
      this.report("warning", e.valueAt, C.APPROXIMATED, `${e.key} 0 means launchd never sends SIGKILL; a spec's stop.timeout cannot say never, and the spec keeps launchd's default (${DEFAULT_EXIT_TIMEOUT_SECONDS} s)`);
      return undefined;
    }
    this.origin("stop.timeout", e);
    return { timeoutMs: { value: n * 1000, at: e.valueAt } };
  }

  private logs(name: string): ModelDraft["logs"] {
    const out = this.keys.get("StandardOutPath");
    const err = this.keys.get("StandardErrorPath");
    if (!out && !err) return undefined;
    const split = (e: Entry): { dir: string; base: string } | undefined => {
      const s = e.value as string;
      const slash = s.lastIndexOf("/");
      const base = s.slice(slash + 1);
      if (!s.startsWith("/") || base === "" || base === "." || base === "..") {
        this.report("error", e.valueAt, C.CANNOT_STATE, `${e.key} ${JSON.stringify(s)} is not an absolute path to a file`);
        return undefined;
      }
      return { dir: s.slice(0, slash) || "/", base };
    };
    const o = out && split(out);
    const r = err && split(err);
    if ((out && !o) || (err && !r)) return undefined;
    const main = (o ?? r)!;
    const mainEntry = (out ?? err)!;
    for (const [e, key] of [[out, "StandardOutPath"], [err, "StandardErrorPath"]] as const) {
      if (!e) {
        const file = `${main.dir === "/" ? "" : main.dir}/${name}.${key === "StandardOutPath" ? "out" : "err"}.log`;
        this.report("warning", mainEntry.keyAt, C.APPROXIMATED, `no ${key} (launchd sends ${key === "StandardOutPath" ? "standard output" : "standard error"} to /dev/null); the spec's logs write it to ${file}, beside the other stream's file`);
      }
    }
    if (o && r && o.dir !== r.dir) {
      this.report("error", err!.valueAt, C.CANNOT_STATE, `the two log files are in different directories (${o.dir}, ${r.dir}), and a spec's logs have one`);
      return undefined;
    }
    const directory = this.text(main.dir, mainEntry.valueAt, mainEntry.key);
    if (!directory) return undefined;
    this.origin("logs", mainEntry);
    const logs: NonNullable<ModelDraft["logs"]> = { directory, at: mainEntry.valueAt };
    if (o && o.base !== `${name}.out.log`) logs.stdout = this.text(o.base, out!.valueAt, out!.key)!;
    if (r && r.base !== `${name}.err.log`) logs.stderr = this.text(r.base, err!.valueAt, err!.key)!;
    return logs;
  }

  private priority(): Located<Priority> | undefined {
    const e = this.keys.get("Nice");
    if (!e) return undefined;
    const n = e.value as number;
    if (n < PRIO_MIN || n > PRIO_MAX) {
      this.report("warning", e.valueAt, C.IGNORED_KEY, `${e.key} ${n}: launchd ignores a value outside ${PRIO_MIN} to ${PRIO_MAX}: not imported`);
      return undefined;
    }
    let p = PRIORITY_BY_NICE.get(n);
    if (p === undefined) {
      // The nearest value svcgen writes; of two as near, the one nearer 0.
      const [nearest] = [...PRIORITY_BY_NICE.keys()].sort((a, b) => Math.abs(a - n) - Math.abs(b - n) || Math.abs(a) - Math.abs(b));
      p = PRIORITY_BY_NICE.get(nearest!)!;
      this.report("warning", e.valueAt, C.APPROXIMATED, `${e.key} ${n} matches no priority; the nearest is ${p} (Nice ${nearest}; svcgen writes ${Object.entries(NICE).map(([s, v]) => `${s} as ${v}`).join(", ")})`);
    } else if (p !== "normal") {
      this.report("warning", e.valueAt, C.APPROXIMATED, `${e.key} ${n} is read as priority: ${p}, which launchd approximates (${capabilities.priority.values?.[p]?.how ?? ""})`, "other targets give it their own meaning of the priority");
    }
    this.origin("priority", e);
    return p === "normal" ? undefined : { value: p, at: e.valueAt };
  }
}

/** Keys launchd uses that have no spec field (ReaderModule.unstated); approximated values are compared by their fields. */
export const unstated = [C.NOT_IMPORTED];
