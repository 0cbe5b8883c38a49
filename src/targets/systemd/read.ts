import { diag, hasErrors } from "../../diagnostics/diagnostic.js";
import { NOT_A_SPEC_NAME } from "../../import/codes.js";
import { completeModel, literalText, textFromParts, type ModelDraft } from "../../import/read-model.js";
import type { Command, EnvVar, Located, Priority, RestartPolicy, SourceLoc, Text } from "../../model.js";
import { GENERATED_MARKER } from "../../render/header.js";
import type { SpecField } from "../../spec/fields.js";
import { isLinuxAccountName } from "../../spec/normalize.js";
import { toSpec } from "../pairs.js";
import type { ReadResult, SourceText } from "../types.js";
import { capabilities } from "./capabilities.js";
import {
  decodeEnvironment,
  decodeExecLine,
  decodeRawValue,
  dependencyName,
  splitWords,
  parseTimespan,
  pathProblem,
  rawValueProblem,
  type ExecCommand,
  type SpecifierContext,
} from "./escape.js";
import { DESCRIPTIVE, EXTRA_KEY, EXTRA_SECTIONS, mappedKey, type MappedKey, type Section } from "./keys.js";
import { parseUnitFile, type Assignment } from "./unit-file.js";
import { NICE, RESTART, RESTART_WITHOUT_POLICY } from "./values.js";
import { ReaderBase } from "../../import/reader-base.js";

// Paths as the user named them (no file system here: readers also run in the browser). Both separators,
// since a path given on Windows uses backslashes.
const lastSep = (p: string) => Math.max(p.lastIndexOf("/"), p.lastIndexOf("\\"));
const basename = (p: string) => p.slice(lastSep(p) + 1);
const dirname = (p: string) => {
  const i = lastSep(p);
  return i < 0 ? "." : i === 0 ? p[0]! : p.slice(0, i);
};

// The systemd reader: a service unit and its drop-ins -> the ServiceModel a spec for it normalises to.
//
// 1. Each file is read as systemd reads it (unit-file.ts), the drop-ins in systemd's order (by file name;
//    of two with one name, the one in the directory of higher priority).
// 2. Every assignment is looked up in keys.ts. A mapped directive's assignments are combined per slot as
//    systemd combines them (the last one wins, or a list with empty assignments resetting it); any other
//    directive is kept as written, in order, for options.systemd.extra.
// 3. Each spec field is made from its slots' effective values with the decoders of escape.ts. A value the
//    spec cannot state goes to options.systemd.extra as well (systemd applies the last assignment of a
//    single-valued directive, and svcgen writes extra after its own directives), with SVC6104, so the
//    unit built from the spec behaves as the original; a value the spec needs but cannot read is an error.
//
// Values are the spec's: absent directives mean systemd's defaults (Restart=no, RestartSec=100ms, the
// start limit of 5 starts in 10 s from system.conf's DefaultStartLimit*=), stated in the spec where they
// differ from the spec's own defaults.

const T = "systemd";
const OTHER_UNIT = /\.(target|socket|timer|mount|path|device|swap|slice|scope|automount)$/;
const SPEC_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const DEPENDENCY = /^[A-Za-z0-9][A-Za-z0-9_.@:-]*$/;
const WANTED_BY = /^[A-Za-z0-9][A-Za-z0-9_.@:-]*\.target$/;
/** Unit directories, highest priority first (systemd.unit(5), UNIT FILE LOAD PATH): which of two same-named drop-ins applies. */
const UNIT_DIRS = ["/etc/systemd/system.control", "/run/systemd/system.control", "/run/systemd/transient", "/run/systemd/generator.early", "/etc/systemd/system", "/etc/systemd/system.attached", "/run/systemd/system", "/run/systemd/system.attached", "/run/systemd/generator", "/usr/local/lib/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system", "/run/systemd/generator.late"];
const SIGNALS: Record<string, string> = { HUP: "SIGHUP", INT: "SIGINT", QUIT: "SIGQUIT", KILL: "SIGKILL", TERM: "SIGTERM", USR1: "SIGUSR1", USR2: "SIGUSR2", WINCH: "SIGWINCH", "1": "SIGHUP", "2": "SIGINT", "3": "SIGQUIT", "9": "SIGKILL", "15": "SIGTERM" };

export function read(files: readonly SourceText[]): ReadResult {
  return new UnitReader(files).read();
}

interface Carried {
  section: Section;
  key: string;
  values: string[];
  at: SourceLoc;
  order: number;
}

class UnitReader extends ReaderBase {
  private readonly carried = new Map<string, Carried>();
  /** Slot -> effective assignments: the last one for a single-valued slot, the list after resets otherwise. */
  private readonly slots = new Map<string, Assignment[]>();
  private ctx!: SpecifierContext;

  constructor(private readonly files: readonly SourceText[]) {
    super(T);
  }

  private origin(field: SpecField, a: Assignment): void {
    this.origins.set(field, { setting: `${a.key}=`, at: a.valueAt });
  }

  /** Keeps values for options.systemd.extra, in the order the directives first appear. */
  private carry(section: Section, key: string, values: readonly string[], at: SourceLoc, order?: number): void {
    const id = `${section}.${key}`;
    const c = this.carried.get(id);
    if (c) c.values.push(...values);
    else this.carried.set(id, { section, key, values: [...values], at, order: order ?? at.line + this.fileIndex(at.file) * 1e7 });
  }
  private fileIndex(file: string): number {
    return Math.max(0, this.files.findIndex((f) => f.name === file));
  }
  /** SVC6104: a mapped directive's value kept as written, with why, and what the spec says instead. */
  private keep(a: Assignment, key: string, why: string, section: Section = a.section as Section): void {
    this.carry(section, key, [a.value], a.at);
    this.warn(a.valueAt, "SVC6104", `${a.key}=${a.value}: ${why}; kept as written in options.systemd.extra.${section}.${key}`);
  }
  private keepAll(as: readonly Assignment[], key: string, why: string, section?: Section): void {
    for (const [i, a] of as.entries()) {
      if (i === 0) this.keep(a, key, why, section);
      else this.carry(section ?? (a.section as Section), key, [a.value], a.at);
    }
  }
  private slot(name: string): Assignment[] {
    return this.slots.get(name) ?? [];
  }
  private last(name: string): Assignment | undefined {
    return this.slot(name).at(-1);
  }
  read(): ReadResult {
    const main = this.files[0];
    if (!main) throw new Error("internal: systemd reader called without a file");
    const start: SourceLoc = { file: main.name, line: 1, col: 1 };
    const base = basename(main.name);
    if (OTHER_UNIT.test(base)) {
      this.error(start, "SVC6111", `${base} is not a service unit`, "svcgen imports .service units and their drop-ins");
      return this.result();
    }
    let name = base.endsWith(".service") ? base.slice(0, -".service".length) : base.replace(/\.[^.]*$/, "");
    if (!base.endsWith(".service")) this.warn(start, "SVC6114", `the file name does not end in .service: the service is named ${name}`);
    if (!SPEC_NAME.test(name) || name === "") {
      this.diagnostics.push(
        diag(start, "error", NOT_A_SPEC_NAME, `the unit ${name}.service cannot be a spec's name${name.includes("@") ? " (a template or an instance of one)" : ""}`, "a spec's name is letters, digits, _ . -, starting with a letter or digit", T),
      );
      return this.result();
    }
    this.ctx = { unit: `${name}.service` };

    const texts = this.dropInOrder();
    const parsed = texts.map((f) => ({ file: f, unit: parseUnitFile(f.text, f.name) }));
    for (const { unit } of parsed) {
      for (const p of unit.problems) {
        if (p.severity === "error") this.error(p.at, "SVC6109", p.message);
        else this.warn(p.at, "SVC6110", p.message);
      }
      for (const s of unit.sections) {
        if (!(EXTRA_SECTIONS as readonly string[]).includes(s.name)) {
          this.warn(s.at, "SVC6102", `[${s.name}] is not imported: ${s.name.startsWith("X-") ? "systemd ignores X- sections, and" : "systemd ignores sections a service does not have, and"} options.systemd.extra holds [Unit], [Service] and [Install] only`);
        }
      }
    }
    if (hasErrors(this.diagnostics)) return this.result();
    const svcgenDisabled = this.svcgenSaysDisabled(parsed[0]!.unit.leadingComments);

    // 2. Combine assignments per slot; keep the others for extra.
    const unknownWarned = new Set<string>();
    for (const { unit } of parsed) {
      for (const a of unit.assignments) {
        const section = a.section;
        if (!(EXTRA_SECTIONS as readonly string[]).includes(section)) continue;
        const m = mappedKey(section, a.key);
        if (m) {
          this.assign(m, a);
          continue;
        }
        const id = `${section}.${a.key}`;
        if (!EXTRA_KEY.test(a.key)) {
          if (!unknownWarned.has(id)) this.warn(a.at, "SVC6102", `${a.key}= is not imported: ${a.key.startsWith("X-") ? "systemd ignores X- keys, and " : ""}options.systemd.extra holds keys named like LimitNOFILE`);
          unknownWarned.add(id);
          continue;
        }
        this.carry(section as Section, a.key, [a.value], a.at);
        if (!DESCRIPTIVE.has(id) && !unknownWarned.has(id)) {
          this.warn(a.at, "SVC6101", `${a.key}= has no spec field: kept as written in options.systemd.extra.${section}`);
        }
        unknownWarned.add(id);
      }
    }

    // 3. Fields.
    const draft: ModelDraft = { file: main.name, platform: "linux", name: { value: name, at: start }, executable: literalText("", start) };
    const exec = this.execStart();
    if (!exec) {
      if (!hasErrors(this.diagnostics)) throw new Error("internal: no ExecStart and no error");
      return this.result();
    }
    draft.executable = exec.executable;
    if (exec.args.length > 0) draft.args = exec.args;
    const preStart = this.hook("ExecStartPre", "hooks.preStart");
    const postStop = this.hook("ExecStopPost", "hooks.postStop");
    if (preStart || postStop) draft.hooks = { ...(preStart ? { preStart } : {}), ...(postStop ? { postStop } : {}) };
    const displayName = this.description();
    if (displayName) draft.displayName = displayName;
    const wd = this.workingDirectory();
    if (wd) draft.workingDirectory = wd;
    const env = this.environment();
    if (env.length > 0) draft.environment = env;
    const account = this.account();
    if (account) draft.account = account;
    draft.restart = this.restart();
    const stop = this.stop();
    if (stop.timeoutMs || stop.signal) draft.stop = stop;
    const logs = this.logs(name);
    if (logs) draft.logs = logs;
    const priority = this.priority();
    if (priority) draft.priority = priority;
    const deps = this.dependencies(name);
    if (deps.length > 0) draft.dependsOn = deps;
    const options: Record<string, unknown> = {};
    const version = this.type(logs);
    if (version !== undefined) options.version = version;
    const install = this.install(svcgenDisabled);
    if (install.startup) draft.startup = install.startup;
    if (install.wantedBy) options.wantedBy = install.wantedBy;
    this.timeoutStart();

    if (hasErrors(this.diagnostics)) return this.result();
    const { extra, where } = this.extra();
    if (extra) options.extra = extra;
    draft.options = options;
    draft.optionOrigins = where;
    return { ...this.result(), model: completeModel(draft, this.origins) };
  }


  /** The main file, then the drop-ins by file name; of two with one name, only the one systemd reads. */
  private dropInOrder(): SourceText[] {
    const [main, ...dropIns] = this.files;
    const byName = new Map<string, SourceText>();
    const priority = (f: SourceText) => {
      const dir = dirname(dirname(f.name));
      const i = UNIT_DIRS.indexOf(dir);
      return i < 0 ? undefined : i;
    };
    for (const f of dropIns) {
      const n = basename(f.name);
      const prior = byName.get(n);
      if (!prior) {
        byName.set(n, f);
        continue;
      }
      const [p, q] = [priority(prior), priority(f)];
      if (p === undefined || q === undefined || p === q) {
        this.error({ file: f.name, line: 1, col: 1 }, "SVC6113", `${f.name} and ${prior.name} have the same file name, and svcgen cannot tell which one systemd reads`, "give only the drop-in that applies");
        continue;
      }
      const [win, lose] = p < q ? [prior, f] : [f, prior];
      byName.set(n, win);
      this.warn({ file: lose.name, line: 1, col: 1 }, "SVC6112", `${lose.name} is not read: ${win.name} has the same name in a directory systemd prefers`);
    }
    const sorted = [...byName.values()].sort((a, b) => (basename(a.name) < basename(b.name) ? -1 : basename(a.name) > basename(b.name) ? 1 : 0));
    return [main!, ...sorted];
  }

  /** A unit svcgen generated says in its header whether the spec asked for `disabled` (the unit is the same as for `manual`). */
  private svcgenSaysDisabled(comments: readonly string[]): boolean {
    return comments.some((c) => c.includes(GENERATED_MARKER)) && comments.some((c) => c.trim().startsWith("startup: disabled:"));
  }

  private assign(m: MappedKey, a: Assignment): void {
    for (const slot of m.slots ?? [a.key]) {
      const cur = this.slots.get(slot) ?? [];
      if (m.kind === "single") this.slots.set(slot, a.value === "" ? [] : [a]);
      else this.slots.set(slot, a.value === "" ? [] : [...cur, a]);
    }
  }

  // --- the program and its hooks

  /** One command from an Exec line, if the spec can hold it: undefined and the reason otherwise. */
  private command(a: Assignment): { command?: ExecCommand; why?: string; fatal?: { code: string; message: string } } {
    const d = decodeExecLine(a.value, this.ctx);
    if (!d.ok) return { why: d.problem, fatal: { code: "SVC6103", message: `${a.key}= cannot be read: ${d.problem}` } };
    if (d.value.length !== 1) return { why: "it holds several commands", fatal: { code: "SVC6106", message: `${a.key}= holds ${d.value.length} commands joined by ";": a spec runs one program` } };
    const c = d.value[0]!;
    const p = c.prefixes;
    const prefix = p.ignoreFailure ? "- (a failure exit status is ignored)" : p.argv0 ? "@ (a different argv[0])" : p.privileges ? `${p.privileges} (the program runs ${p.privileges === "+" ? "with full privileges" : "without the service's user and group"})` : undefined;
    if (prefix) return { why: `the prefix ${prefix} has no spec equivalent`, fatal: { code: "SVC6105", message: `${a.key}=${c.prefixText}...: the prefix ${prefix} has no spec equivalent` } };
    if (!c.executable.startsWith("/")) {
      return { why: `${c.executable} is not an absolute path`, fatal: { code: "SVC6107", message: `${a.key}= runs ${JSON.stringify(c.executable)}, which systemd looks up in its own search path; a spec needs the absolute path` } };
    }
    // eslint-disable-next-line no-control-regex
    if (/[\\"'\x00-\x1f\x7f]/.test(c.executable) || c.executable.endsWith("/")) {
      return { why: "systemd refuses that executable path", fatal: { code: "SVC6103", message: `${a.key}= names the executable ${JSON.stringify(c.executable)}, which systemd refuses (a backslash, quote or control character, or a directory)` } };
    }
    return { command: c };
  }

  private toCommand(c: ExecCommand, a: Assignment): Command {
    return { executable: literalText(c.executable, a.valueAt), args: c.args.map((parts) => textFromParts(parts, a.valueAt)), at: a.valueAt };
  }

  private execStart(): Command | undefined {
    const as = this.slot("ExecStart");
    const start = { file: this.files[0]!.name, line: 1, col: 1 };
    if (as.length === 0) {
      const empty = this.files.every((f) => parseUnitFile(f.text, f.name).sections.length === 0);
      this.error(
        start,
        "SVC6106",
        empty ? "the unit file is empty (a masked unit is a link to /dev/null): there is no program to run" : "the unit has no ExecStart=: there is no program to run",
        "a spec describes a program that runs as a service",
      );
      return undefined;
    }
    if (as.length > 1) {
      this.error(as[1]!.at, "SVC6106", `the unit has ${as.length} ExecStart= commands (lines ${as.map((a) => a.at.line).join(", ")}): a spec runs one program`);
      return undefined;
    }
    const a = as[0]!;
    const r = this.command(a);
    if (!r.command) {
      this.error(a.valueAt, r.fatal!.code, r.fatal!.message);
      return undefined;
    }
    this.origin("executable", a);
    if (r.command.args.length > 0) this.origin("args", a);
    return this.toCommand(r.command, a);
  }

  /** The first command is the hook when the spec can hold it; the rest (or all, if it cannot) stay as written, in order. */
  private hook(key: "ExecStartPre" | "ExecStopPost", field: "hooks.preStart" | "hooks.postStop"): Command | undefined {
    const as = this.slot(key);
    if (as.length === 0) return undefined;
    const first = this.command(as[0]!);
    if (!first.command) {
      this.keepAll(as, key, `${first.why}, so it cannot be ${field}`, "Service");
      return undefined;
    }
    if (as.length > 1) this.keepAll(as.slice(1), key, `the spec has one ${field} command (the first, line ${as[0]!.at.line}); the ones after it run after it, as before`, "Service");
    this.origin(field, as[0]!);
    return this.toCommand(first.command, as[0]!);
  }

  // --- raw values

  private description(): Text | undefined {
    const a = this.last("Description");
    if (!a) return undefined;
    const d = decodeRawValue(a.value, this.ctx);
    if (!d.ok) {
      this.keep(a, "Description", `${d.problem}; the spec's displayName stays the service name`);
      return undefined;
    }
    const problem = rawValueProblem(d.value, "the value")?.message;
    if (problem) {
      this.error(a.valueAt, "SVC6103", `Description= cannot be read: ${problem}`);
      return undefined;
    }
    if (d.value === "") return undefined;
    this.origin("displayName", a);
    return literalText(d.value, a.valueAt);
  }

  private workingDirectory(): Text | undefined {
    const a = this.last("WorkingDirectory");
    if (!a) return undefined;
    if (a.value.startsWith("-")) {
      this.keep(a, "WorkingDirectory", 'the "-" prefix (start even when the directory is missing) has no spec equivalent');
      return undefined;
    }
    if (a.value === "~" || a.value.startsWith("~/")) {
      this.keep(a, "WorkingDirectory", '"~" is the home directory of User=, which svcgen cannot know');
      return undefined;
    }
    const r = decodeRawValue(a.value, this.ctx);
    if (!r.ok) {
      this.keep(a, "WorkingDirectory", r.problem);
      return undefined;
    }
    const d = r.value;
    const problem = !d.startsWith("/") ? "it is not an absolute path (systemd refuses the unit)" : pathProblem(d, "the path")?.message;
    if (problem) {
      this.error(a.valueAt, "SVC6103", `WorkingDirectory= cannot be read: ${problem}`);
      return undefined;
    }
    this.origin("workingDirectory", a);
    return literalText(d, a.valueAt);
  }

  private environment(): EnvVar[] {
    const vars = new Map<string, EnvVar>();
    // Lines with a specifier svcgen cannot resolve (systemd can: %H is the host name) are kept as written,
    // after svcgen's own Environment= lines: right only if no later line sets the same variable.
    const kept: { a: Assignment; names: string[] }[] = [];
    for (const a of this.slot("Environment")) {
      const d = decodeEnvironment(a.value, this.ctx);
      if (!d.ok) {
        const words = splitWords(a.value);
        if (!words.ok) this.warn(a.valueAt, "SVC6110", `Environment= is ignored by systemd and not imported: ${d.problem}`);
        else kept.push({ a, names: words.value.map((w) => w.text.slice(0, Math.max(0, w.text.indexOf("=")))) });
        continue;
      }
      for (const w of d.value.ignored) this.warn(a.valueAt, "SVC6110", `Environment= word ${JSON.stringify(w)} is not NAME=value; systemd ignores it, and it is not imported`);
      for (const [k, v] of d.value.assignments) {
        const overridden = kept.find((x) => x.names.includes(k));
        if (overridden) this.error(a.valueAt, "SVC6103", `Environment= sets ${k} again after line ${overridden.a.at.line}, which svcgen cannot read; the spec could not keep their order`);
        const prior = vars.get(k);
        // A later assignment replaces the value and keeps the variable where it first appeared (strv_env_replace).
        vars.set(k, { name: k, value: literalText(v, a.valueAt), at: prior?.at ?? a.at });
        this.origin("environment", a);
      }
    }
    for (const { a } of kept) {
      const d = decodeEnvironment(a.value, this.ctx);
      this.keep(a, "Environment", d.ok ? "" : d.problem);
    }
    return [...vars.values()];
  }

  private account(): ModelDraft["account"] {
    const u = this.last("User");
    const g = this.last("Group");
    const name = (a: Assignment): string | undefined => {
      const d = decodeRawValue(a.value, this.ctx);
      if (!d.ok) {
        this.keep(a, a.key, d.problem);
        return undefined;
      }
      if (!isLinuxAccountName(d.value)) {
        this.keep(a, a.key, `${JSON.stringify(d.value)} is not a name a spec accepts (letters, digits, _ . -, at most 32 characters; no numeric ids)`);
        return undefined;
      }
      return d.value;
    };
    const user = u && name(u);
    if (!user) {
      if (g) this.keep(g, "Group", u ? "the spec's account.group goes with account.user, which is kept as written too" : "a spec's account.group goes with an account.user, and the unit has no User=");
      return undefined;
    }
    this.origin("account", u);
    const account: NonNullable<ModelDraft["account"]> = { kind: "user", user: literalText(user, u.valueAt), at: u.valueAt };
    const group = g && name(g);
    if (group) {
      account.group = literalText(group, g.valueAt);
      this.origin("account.group", g);
    }
    return account;
  }

  // --- restart and stop

  private restart(): NonNullable<ModelDraft["restart"]> {
    const a = this.last("Restart");
    let policy: RestartPolicy = "never";
    let policyAt: SourceLoc = { file: this.files[0]!.name, line: 1, col: 1 };
    if (a) {
      const exact = toSpec(RESTART, a.value);
      const nearest = RESTART_WITHOUT_POLICY[a.value];
      if (exact) policy = exact;
      else if (nearest) {
        policy = nearest;
        this.keep(a, "Restart", `the spec has no such policy; restart.policy is ${nearest}, which restarts in more cases`);
      } else this.warn(a.valueAt, "SVC6110", `Restart=${a.value} is not a value systemd knows; it ignores it (no restart), and it is not imported`);
      if (exact || nearest) {
        policyAt = a.valueAt;
        this.origin("restart.policy", a);
      }
    }
    const out: NonNullable<ModelDraft["restart"]> = {};
    if (policy !== "on-failure" || a) out.policy = { value: policy, at: policyAt };
    const sec = this.last("RestartSec");
    const interval = this.last("StartLimitInterval");
    const burst = this.last("StartLimitBurst");
    if (policy === "never") {
      if (sec) this.keep(sec, "RestartSec", "it has no effect with Restart=no, and a spec says nothing of it then");
      for (const l of [interval, burst]) if (l) this.keep(l, l.key, "with Restart=no it limits only manual starts, which a spec does not say");
      return out;
    }
    // RestartSec= defaults to 100ms (DefaultRestartSec=).
    out.delayMs = { value: 100, at: policyAt };
    if (sec) {
      const d = parseTimespan(sec.value);
      if (d.ok) {
        out.delayMs = { value: d.value, at: sec.valueAt };
        this.origin("restart.delay", sec);
      } else this.keep(sec, "RestartSec", d.problem);
    }
    // The start limit: DefaultStartLimitIntervalSec=10s and DefaultStartLimitBurst=5 unless the unit says otherwise.
    let windowMs = 10_000;
    let starts = 5;
    let limitOk = true;
    if (interval) {
      const d = parseTimespan(interval.value);
      if (d.ok) windowMs = d.value;
      else limitOk = false;
    }
    if (burst) {
      if (/^\d+$/.test(burst.value)) starts = Number(burst.value);
      else {
        this.warn(burst.valueAt, "SVC6110", `StartLimitBurst=${burst.value} is not a number; systemd ignores it, and it is not imported`);
      }
    }
    if (windowMs === 0 || starts === 0) return out; // no limit: the spec's "never give up"
    if (!limitOk || starts - 1 < 1 || starts - 1 > 1000) {
      const why = !limitOk ? "the interval is not a spec duration" : `restart.maxRetries would be ${starts - 1}, outside 1..1000`;
      for (const l of [interval, burst]) if (l) this.keep(l, l.key, why);
      if (!interval && !burst) throw new Error("internal: default start limit not representable");
      return out;
    }
    out.maxRetries = { value: starts - 1, at: (burst ?? interval ?? a)?.valueAt ?? policyAt };
    out.windowMs = { value: windowMs, at: (interval ?? burst ?? a)?.valueAt ?? policyAt };
    const origin = (field: SpecField, x: Assignment | undefined, dflt: string) =>
      this.origins.set(field, x ? { setting: `${x.key}=`, at: x.valueAt } : { setting: `${dflt} (systemd's default)`, at: policyAt });
    origin("restart.maxRetries", burst, "DefaultStartLimitBurst=5");
    origin("restart.window", interval, "DefaultStartLimitIntervalSec=10s");
    return out;
  }

  private stop(): NonNullable<ModelDraft["stop"]> {
    const out: NonNullable<ModelDraft["stop"]> = {};
    const t = this.last("TimeoutStopSec");
    if (t) {
      const d = parseTimespan(t.value);
      if (d.ok) {
        out.timeoutMs = { value: d.value, at: t.valueAt };
        this.origin("stop.timeout", t);
      } else this.keep(t, "TimeoutStopSec", d.problem, "Service");
    }
    const k = this.last("KillSignal");
    if (k) {
      const signal = SIGNALS[k.value.replace(/^SIG/, "")];
      if (signal && (k.value.startsWith("SIG") || /^[A-Z]/.test(k.value) || /^\d+$/.test(k.value))) {
        out.signal = { value: signal, at: k.valueAt };
        this.origin("stop.signal", k);
      } else this.keep(k, "KillSignal", "stop.signal is one of SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGKILL, SIGUSR1, SIGUSR2, SIGWINCH");
    }
    return out;
  }

  /** TimeoutSec= sets the start timeout too, which has no spec field: kept as TimeoutStartSec= with its effective value. */
  private timeoutStart(): void {
    const a = this.last("TimeoutStartSec");
    if (!a) return;
    this.carry("Service", "TimeoutStartSec", [a.value], a.at);
    this.warn(a.valueAt, "SVC6101", `${a.key}=${a.value} sets the start timeout, which has no spec field: kept as TimeoutStartSec=${a.value} in options.systemd.extra.Service`);
  }

  // --- logs

  private logs(name: string): ModelDraft["logs"] {
    const out = this.last("StandardOutput");
    const err = this.last("StandardError");
    if (!out && !err) return undefined;
    const journal = (v: string | undefined) => v === undefined || v === "journal" || v === "syslog";
    // StandardError= defaults to inherit: the same destination as standard output.
    if (journal(out?.value) && (journal(err?.value) || err?.value === "inherit")) return undefined;
    const o = out && this.logFile(out);
    // stderr inheriting stdout's append: file is the same file opened for appending (two appending
    // descriptors interleave as one does); a shared truncate: file is not (two would overwrite each other).
    const e = err === undefined || err.value === "inherit" ? (o?.kind === "file" && o.mode === "append" ? o : undefined) : this.logFile(err);
    const why =
      o?.kind !== "file"
        ? o?.problem ?? "logs capture standard output to a file (append: or truncate:)"
        : e?.kind !== "file"
          ? e?.problem ?? (o.mode === "truncate" ? "standard error shares the truncate: file, which two truncate: files would overwrite" : "logs capture standard error to a file as well")
          : o.mode !== e.mode
            ? "one stream appends and the other truncates, and logs.append is one setting"
            : o.dir !== e.dir
              ? "the two streams go to different directories, and logs has one directory"
              : undefined;
    if (why !== undefined || o?.kind !== "file" || e?.kind !== "file") {
      for (const a of [out, err]) if (a) this.keep(a, a.key, `${why ?? "no spec equivalent"}, so the spec has no logs`);
      return undefined;
    }
    const at = o.at;
    this.origins.set("logs", { setting: `${(out ?? err)!.key}=`, at });
    const logs: NonNullable<ModelDraft["logs"]> = { directory: literalText(o.dir, at), at };
    if (o.base !== `${name}.out.log`) logs.stdout = literalText(o.base, o.at);
    if (e.base !== `${name}.err.log`) logs.stderr = literalText(e.base, e.at);
    if (o.mode === "truncate") {
      logs.append = { value: false, at };
      this.origins.set("logs.append", { setting: "StandardOutput=", at });
    }
    return logs;
  }

  /** An append:/truncate: destination split into directory and file name, as logs states them. */
  private logFile(a: Assignment): { kind: "file"; mode: "append" | "truncate"; dir: string; base: string; at: SourceLoc } | { kind: "other"; problem?: string } {
    const m = /^(append|truncate):([\s\S]*)$/.exec(a.value);
    if (!m) return { kind: "other" };
    const d = decodeRawValue(m[2]!, this.ctx);
    if (!d.ok) return { kind: "other", problem: d.problem };
    // path_simplify: doubled slashes, `.` components and a trailing slash do not change the file.
    const path = d.value.replace(/\/+/g, "/").replace(/(\/\.)+(?=\/|$)/g, "").replace(/([\s\S])\/$/, "$1");
    const slash = path.lastIndexOf("/");
    const dir = path.slice(0, slash) || "/";
    const base = path.slice(slash + 1);
    const problem = !path.startsWith("/")
      ? `${JSON.stringify(path)} is not an absolute path`
      : pathProblem(path, "the path")?.message ?? (base === "" || base === "." || base === ".." || base.includes("\\") ? `${JSON.stringify(base)} is not a file name a spec accepts` : undefined);
    return problem ? { kind: "other", problem } : { kind: "file", mode: m[1] as "append" | "truncate", dir, base, at: a.valueAt };
  }

  // --- priority, type, dependencies, install

  private priority(): Located<Priority> | undefined {
    const a = this.last("Nice");
    if (!a) return undefined;
    const n = /^[-+]?\d+$/.test(a.value) ? Number(a.value) : NaN;
    if (!(n >= -20 && n <= 19)) {
      this.warn(a.valueAt, "SVC6110", `Nice=${a.value} is not a nice value (-20..19); systemd ignores it, and it is not imported`);
      return undefined;
    }
    const p = toSpec(NICE, n);
    if (!p) {
      this.keep(a, "Nice", `${n} matches no priority (svcgen writes ${NICE.map(([s, v]) => `${s} as ${v}`).join(", ")})`);
      return undefined;
    }
    this.origin("priority", a);
    if (p !== "normal") {
      const how = capabilities.priority.values?.[p]?.how ?? "";
      this.warn(a.valueAt, "SVC6108", `Nice=${n} is read as priority: ${p}, which systemd approximates (${how})`, "other targets give it their own meaning of the priority");
    }
    return { value: p, at: a.valueAt };
  }

  /** Type=: exec is svcgen's; simple is svcgen's before systemd 240 (the spec's options.systemd.version); others are kept as written. */
  private type(logs: ModelDraft["logs"]): number | undefined {
    let a = this.last("Type");
    if (a && !["simple", "exec", "forking", "oneshot", "dbus", "notify", "notify-reload", "idle"].includes(a.value)) {
      this.warn(a.valueAt, "SVC6110", `Type=${a.value} is not a service type systemd knows; it ignores it (Type=simple), and it is not imported`);
      a = undefined;
    }
    const type = a?.value ?? "simple";
    if (type === "exec") return undefined;
    if (type !== "simple") {
      this.keep(a!, "Type", `a spec describes a program that runs until it exits (svcgen writes Type=exec); Type=${type} changes when systemd considers it started`);
      return undefined;
    }
    // svcgen writes Type=simple for systemd before 240, where append: and truncate: logs do not exist yet.
    if (!logs) return 239;
    const why = "svcgen writes Type=exec for systemd 240 and later, which logs to files need";
    if (a) this.keep(a, "Type", why);
    else {
      const start = { file: this.files[0]!.name, line: 1, col: 1 };
      this.carry("Service", "Type", ["simple"], start);
      this.warn(start, "SVC6104", `the unit has no Type= (so Type=simple): ${why}; Type=simple is kept in options.systemd.extra.Service`);
    }
    return undefined;
  }

  private units(as: readonly Assignment[]): { unit: string; a: Assignment }[] {
    const out: { unit: string; a: Assignment }[] = [];
    for (const a of as) {
      for (const w of a.value.split(/[ \t\n\r]+/).filter(Boolean)) {
        const d = decodeRawValue(w, this.ctx);
        out.push({ unit: d.ok ? d.value : w, a });
      }
    }
    return out;
  }

  private dependencies(name: string): Located<string>[] {
    const after = this.units(this.slot("After"));
    const wants = this.units(this.slot("Wants"));
    const requires = this.units(this.slot("Requires"));
    const pulled = new Set([...wants, ...requires].map((x) => x.unit));
    const deps: Located<string>[] = [];
    const taken = new Set<string>();
    for (const x of after) {
      const dep = dependencyName(x.unit);
      const self = dep.toLowerCase() === name.toLowerCase() || x.unit === `${name}.service`;
      if (!pulled.has(x.unit) || taken.has(x.unit) || self || !DEPENDENCY.test(dep)) continue;
      taken.add(x.unit);
      deps.push({ value: dep, at: x.a.valueAt });
      this.origin("dependsOn", x.a);
    }
    const rest = (xs: { unit: string; a: Assignment }[], key: string, why: string) => {
      const left = xs.filter((x) => !taken.has(x.unit));
      if (left.length === 0) return;
      this.carry("Unit", key, [left.map((x) => x.unit).join(" ")], left[0]!.a.at);
      this.warn(left[0]!.a.valueAt, "SVC6104", `${key}=${left.map((x) => x.unit).join(" ")}: ${why}; kept in options.systemd.extra.Unit.${key}`);
    };
    rest(after, "After", "ordering without pulling the unit in has no spec equivalent (dependsOn is After= and Wants= together)");
    rest(wants, "Wants", "pulling a unit in without ordering after it has no spec equivalent (dependsOn is After= and Wants= together)");
    if (requires.length > 0) {
      this.carry("Unit", "Requires", [requires.map((x) => x.unit).join(" ")], requires[0]!.a.at);
      this.warn(requires[0]!.a.valueAt, "SVC6104", `Requires=${requires.map((x) => x.unit).join(" ")}: also stopping this service when ${requires.length === 1 ? "that unit stops" : "those units stop"} has no spec equivalent (dependsOn is the weaker Wants=); kept in options.systemd.extra.Unit.Requires`);
    }
    return deps;
  }

  private install(svcgenDisabled: boolean): { startup?: Located<"auto" | "manual" | "disabled">; wantedBy?: string } {
    const as = this.slot("WantedBy");
    const start = { file: this.files[0]!.name, line: 1, col: 1 };
    const targets = this.units(as);
    const first = targets[0];
    if (!first || !WANTED_BY.test(first.unit)) {
      if (targets.length > 0) this.keepAll(as, "WantedBy", "the spec's startup: auto is WantedBy= one target", "Install");
      const value = svcgenDisabled ? "disabled" : "manual";
      this.origins.set("startup", { setting: "[Install] (none)", at: start });
      return { startup: { value, at: start } };
    }
    this.origin("startup", first.a);
    const rest = targets.slice(1);
    if (rest.length > 0) {
      this.carry("Install", "WantedBy", [rest.map((x) => x.unit).join(" ")], rest[0]!.a.at);
      this.warn(rest[0]!.a.valueAt, "SVC6104", `WantedBy=${rest.map((x) => x.unit).join(" ")}: the spec's startup: auto names one target (${first.unit}); the others are kept in options.systemd.extra.Install.WantedBy`);
    }
    return { startup: { value: "auto", at: first.a.valueAt }, ...(first.unit !== "multi-user.target" ? { wantedBy: first.unit } : {}) };
  }

  /** options.systemd.extra by section, directives in the order they first appear; with where each came from. */
  private extra(): { extra?: Record<string, Record<string, string | string[]>>; where: Map<string, SourceLoc> } {
    const where = new Map<string, SourceLoc>();
    if (this.carried.size === 0) return { where };
    const extra: Record<string, Record<string, string | string[]>> = {};
    for (const section of EXTRA_SECTIONS) {
      const cs = [...this.carried.values()].filter((c) => c.section === section).sort((a, b) => a.order - b.order);
      if (cs.length === 0) continue;
      extra[section] = {};
      for (const c of cs) {
        extra[section]![c.key] = c.values.length === 1 ? c.values[0]! : c.values;
        where.set(`extra.${section}.${c.key}`, c.at);
      }
    }
    return { extra, where };
  }
}

export { installed } from "./installed.js";
