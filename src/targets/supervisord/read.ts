import { diag, hasErrors, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { NOT_A_SPEC_NAME } from "../../import/codes.js";
import { completeModel, literalText, textFromParts, type ModelDraft } from "../../import/read-model.js";
import type { Command, EnvVar, Located, RestartPolicy, SourceLoc, Startup, Text, TextPart } from "../../model.js";
import { GENERATED_MARKER } from "../../render/header.js";
import type { SpecField } from "../../spec/fields.js";
import { isLinuxAccountName } from "../../spec/normalize.js";
import { formatDuration } from "../../spec/units.js";
import { toSpec } from "../pairs.js";
import type { ReadResult, ServiceList, SourceText } from "../types.js";
import { check } from "./check.js";
import * as C from "./codes.js";
import { getOption, parseConfFile, sectionItems, type ConfFile, type ConfOption, type ConfSection } from "./conf-file.js";
import { AUTORESTART, NEVER_GIVE_UP } from "./emit.js";
import {
  byteSize,
  decodeShCommands,
  expandPercent,
  expandPercentParts,
  keyValuePairs,
  pyBoolean,
  pyInt,
  shlexSplitParts,
  type Decoded,
  type Expansion,
} from "./escape.js";
import { isDefaultExtra, isExtraSetting, MAPPED, OPTION_SETTINGS, SUPERVISORD_SECTIONS } from "./keys.js";
import { DEFAULT_STARTSECS } from "./options.js";
import { shownText } from "../../import/secrets.js";
import { ReaderBase, SPEC_NAME_RULE } from "../../import/reader-base.js";

// The supervisord reader: a configuration file -> one ServiceModel per [program:x] section, read as
// supervisord 4.2.5 reads it (options.py read_config and processes_from_section, datatypes.py, process.py):
//
// 1. The file is parsed as configparser parses it (conf-file.ts); what makes supervisord refuse the whole
//    configuration is an error for every program in it (list()).
// 2. Each value goes through supervisord's own steps: %(here)s replaced by the file's directory (an
//    included file's, expand_here), then %-expansion with the names supervisord gives that setting
//    (program_name, group_name, process_num, numprocs, ENV_x; the program's own environment= only for the
//    settings read after it; log file paths twice), then the setting's own reading (shlex.split for
//    command=, dict_of_key_value_pairs for environment=, booleans, numbers, byte sizes). A variable of
//    supervisord's own environment, unknown here, becomes ${NAME}.
// 3. Every setting is looked up in keys.ts: mapped to spec fields, an options.supervisord value, kept as
//    written in options.supervisord.extra, or reported (supervisord ignores names it does not know).
//
// Absent settings mean supervisord's defaults, stated in the spec where they differ from the spec's own:
// startretries=3 is restart.maxRetries: 3; startsecs=1 is below what svcgen writes (a warning); no log file
// is supervisord's AUTO log, which a spec without logs also gets. A file svcgen wrote says in its header what
// its values alone cannot (startup: disabled and delayed, hooks.preStart run through /bin/sh): those notes
// are read back.

const T = "supervisord";
const SPEC_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** What `${NAME}` can name in a spec (text.ts). */
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\(x86\))?$/;
const SIGNALS: Readonly<Record<string, string>> = {
  HUP: "SIGHUP",
  INT: "SIGINT",
  QUIT: "SIGQUIT",
  KILL: "SIGKILL",
  TERM: "SIGTERM",
  USR1: "SIGUSR1",
  USR2: "SIGUSR2",
  WINCH: "SIGWINCH",
  "1": "SIGHUP",
  "2": "SIGINT",
  "3": "SIGQUIT",
  "9": "SIGKILL",
  "10": "SIGUSR1",
  "12": "SIGUSR2",
  "15": "SIGTERM",
  "28": "SIGWINCH",
};
/** Signal names Linux has that the spec cannot state (stop.signal's list is the ones above). */
const OTHER_SIGNALS = /^(ABRT|ALRM|BUS|CHLD|CLD|CONT|FPE|ILL|IO|IOT|PIPE|POLL|PROF|PWR|RTMAX|RTMIN|SEGV|STKFLT|STOP|SYS|TRAP|TSTP|TTIN|TTOU|URG|VTALRM|XCPU|XFSZ)$/;

const lastSep = (p: string) => Math.max(p.lastIndexOf("/"), p.lastIndexOf("\\"));

// --- the file as a whole

/** One file, parsed, with what every program in it shares. */
interface Context {
  file: SourceText;
  conf: ConfFile;
  /** Errors that make supervisord refuse the file, and the file's other warnings (list()). */
  diagnostics: Diagnostic[];
  /** The programs, by name (the section name after `program:`, stripped as supervisord strips it). */
  programs: Map<string, ConfSection>;
  /** The directory of the file (%(here)s), when its name says it. */
  here?: string;
  /** Whether %(here)s is replaced as text before expansion (expand_here: files read through [include], or a main file with one). */
  hereAsText: boolean;
  /** [supervisord] environment=, which supervisord adds to the ENV_ names every program can expand. */
  supervisordEnv: Map<string, TextPart[] | string>;
  /** [group:g] programs=: the group each listed program belongs to (its %(group_name)s). */
  groupOf: Map<string, string>;
  /** The notes of svcgen's header, when svcgen wrote the file. */
  svcgenNotes?: string[];
}

const contexts = new WeakMap<SourceText, Context>();

function context(file: SourceText): Context {
  const known = contexts.get(file);
  if (known) return known;
  const conf = parseConfFile(file.text, file.name);
  const start: SourceLoc = { file: file.name, line: 1, col: 1 };
  const ctx: Context = { file, conf, diagnostics: [], programs: new Map(), hereAsText: true, supervisordEnv: new Map(), groupOf: new Map() };
  contexts.set(file, ctx);
  const error = (at: SourceLoc, message: string) => ctx.diagnostics.push(diag(at, "error", C.CONF_REFUSED, message, undefined, T));
  const warn = (at: SourceLoc, message: string) => ctx.diagnostics.push(diag(at, "warning", C.NOT_A_PROGRAM, message, undefined, T));

  if (file.encoding !== "utf-8") {
    error(start, `the file is ${file.encoding}; supervisord reads its files as UTF-8 (the locale's encoding) and refuses this one`);
    return ctx;
  }
  if (file.bom) {
    error(start, "the file starts with a byte order mark, which supervisord reads as text before the first [section]: it refuses the file");
    return ctx;
  }
  for (const p of conf.problems) error(p.at, p.message);
  if (hasErrors(ctx.diagnostics)) return ctx;

  const names = new Set(conf.sections.map((s) => s.name));
  ctx.hereAsText = !(names.has("supervisord") && !names.has("include"));
  const slash = lastSep(file.name);
  if (file.name.startsWith("/")) ctx.here = slash === 0 ? "/" : file.name.slice(0, slash);
  if (conf.leadingComments.some((c) => c.includes(GENERATED_MARKER))) ctx.svcgenNotes = conf.leadingComments.map((c) => c.trim());

  if (conf.defaults.size > 0) {
    const first = [...conf.defaults.values()][0]!;
    warn({ ...first.at, col: 1 }, "[DEFAULT] gives its settings to every section: they are read as part of each program");
  }
  for (const s of conf.sections) {
    const [kind, rest] = s.name.includes(":") ? [s.name.slice(0, s.name.indexOf(":")), s.name.slice(s.name.indexOf(":") + 1)] : [s.name, undefined];
    const name = rest?.trim();
    if ((kind === "program" || kind === "group" || kind === "fcgi-program") && name !== undefined && /[ :/]/.test(name)) {
      error(s.at, `[${s.name}]: supervisord refuses a ${kind} name with a space, : or / ("Invalid name")`);
      continue;
    }
    if (kind === "program" && name !== undefined) {
      ctx.programs.set(name, s);
      continue;
    }
    if (kind === "group" && name !== undefined) {
      const programs = getOption(conf, s, "programs");
      const listed = programs ? programs.value.split(",").map((p) => p.trim()).filter((p) => p !== "") : [];
      for (const p of listed) ctx.groupOf.set(p, name);
      warn(s.at, `[${s.name}] is not imported: a spec has no groups${listed.length > 0 ? ` (supervisorctl names ${listed.join(", ")} as ${name}:<program>)` : ""}`);
      continue;
    }
    if (s.name === "supervisord") {
      const env = getOption(conf, s, "environment");
      warn(s.at, `[supervisord] configures supervisord itself and is not imported${env ? "; its environment= reaches every program, and is not in their specs" : ""}`);
      if (env) readSupervisordEnvironment(ctx, env);
      continue;
    }
    if (s.name === "include") {
      warn(s.at, "[include] is not followed: import the files it includes too (svcgen import <the files>)");
      continue;
    }
    if (kind === "eventlistener" || kind === "fcgi-program") {
      warn(s.at, `[${s.name}] is not imported: svcgen describes programs, and ${kind === "eventlistener" ? "an event listener answers supervisord's events" : "a FastCGI program shares a socket supervisord opens"}`);
      continue;
    }
    warn(s.at, SUPERVISORD_SECTIONS.test(s.name) ? `[${s.name}] configures supervisord itself and is not imported` : `[${s.name}] is not a section supervisord reads, and it is not imported`);
  }
  for (const p of ctx.groupOf.keys()) {
    if (!ctx.programs.has(p)) warn(start, `a [group:] lists the program ${p}, which is not in this file`);
  }
  if (!hasErrors(ctx.diagnostics) && [...ctx.programs.values()].every((s) => !getOption(conf, s, "command"))) {
    ctx.diagnostics.push(
      diag(
        ctx.programs.size > 0 ? [...ctx.programs.values()][0]!.at : start,
        "error",
        C.NO_PROGRAM,
        ctx.programs.size > 0 ? "no [program:x] section of this file has a command=: there is no program to import" : "the file has no [program:x] section: there is no program to import",
        names.has("include") ? "import the files its [include] names" : undefined,
        T,
      ),
    );
  }
  return ctx;
}

/** [supervisord] environment=: its values, where svcgen can know them, become what %(ENV_x)s expands to. */
function readSupervisordEnvironment(ctx: Context, env: ConfOption): void {
  const raw = hereText(ctx, env.value);
  if (!raw.ok) return;
  const d = expandPercent(raw.value, (key) => (key === "here" ? hereExpansion(ctx) : key.startsWith("ENV_") ? envExpansion(ctx, key.slice(4)) : undefined));
  if (!d.ok) return;
  const pairs = keyValuePairs(d.value);
  if (!pairs.ok) return;
  for (const [k, v] of pairs.value.pairs) ctx.supervisordEnv.set(k, v.every((p) => p.kind === "literal") ? v.map((p) => (p as { text: string }).text).join("") : v);
}

/** What %(here)s stands for. */
function hereExpansion(ctx: Context): Expansion {
  return ctx.here !== undefined ? { kind: "text", text: ctx.here } : { kind: "unknown", why: `the directory of the file, which svcgen cannot tell from the relative name ${ctx.file.name} (import the file by its absolute path)` };
}

/** What %(ENV_name)s stands for in supervisord's own environment: a value the file sets, else ${name}. */
function envExpansion(ctx: Context, name: string): Expansion {
  const set = ctx.supervisordEnv.get(name);
  if (set !== undefined) return typeof set === "string" ? { kind: "text", text: set } : { kind: "parts", parts: set };
  if (VAR_NAME.test(name)) return { kind: "var", name };
  return { kind: "unknown", why: `the environment variable ${name}, which a spec's \${NAME} cannot name` };
}

/** expand_here: %(here)s replaced as text, before %-expansion, wherever it is (also in %%(here)s). */
function hereText(ctx: Context, value: string): Decoded<string> {
  if (!ctx.hereAsText || !value.includes("%(here)s")) return { ok: true, value };
  if (ctx.here === undefined) return { ok: false, problem: (hereExpansion(ctx) as { why: string }).why };
  return { ok: true, value: value.split("%(here)s").join(ctx.here) };
}

export function list(files: readonly SourceText[]): ServiceList {
  const ctx = context(files[0]!);
  return { names: hasErrors(ctx.diagnostics) ? [] : [...ctx.programs.keys()].filter((n) => getOption(ctx.conf, ctx.programs.get(n)!, "command")), diagnostics: ctx.diagnostics };
}

export function read(files: readonly SourceText[], service?: string): ReadResult {
  const file = files[0];
  if (!file) throw new Error("internal: supervisord reader called without a file");
  if (service !== undefined) {
    const ctx = context(file);
    const section = ctx.programs.get(service);
    if (!section || hasErrors(ctx.diagnostics)) throw new Error(`internal: no program ${service} to read`);
    return new ProgramReader(ctx, service, section).read();
  }
  // Without a name: the file's one program, with what list() says about the file.
  const listed = list(files);
  const diagnostics = [...listed.diagnostics];
  if (listed.names.length !== 1) {
    if (!hasErrors(diagnostics)) {
      diagnostics.push(diag({ file: file.name, line: 1, col: 1 }, "error", C.NO_PROGRAM, `the file holds ${listed.names.length} programs (${listed.names.join(", ")}): name the one to read`, "svcgen import --service <name>", T));
    }
    return { diagnostics, origins: new Map() };
  }
  const r = read(files, listed.names[0]!);
  return { ...r, diagnostics: [...diagnostics, ...r.diagnostics] };
}

export { installed } from "./installed.js";

// --- one program

type Stage = "early" | "environment" | "late";

interface LogStream {
  /** The file, split into directory and name. */
  file?: { dir: Text; base: Text; at: SourceLoc };
  /** What supervisord does instead of a file, when it does. */
  other?: "auto" | "none" | "syslog";
  option?: ConfOption;
}

class ProgramReader extends ReaderBase {
  private readonly extra = new Map<string, string>();
  private readonly extraAt = new Map<string, SourceLoc>();
  private readonly options: Record<string, unknown> = {};
  /** The program's environment= values, which the settings read after it can expand (ENV_x). */
  private readonly programEnv = new Map<string, TextPart[]>();
  private numprocs = 1;
  private numprocsStart = 0;

  constructor(
    private readonly ctx: Context,
    private readonly name: string,
    private readonly section: ConfSection,
  ) {
    super(T);
  }

  private get start(): SourceLoc {
    return this.section.at;
  }
  private opt(name: string): ConfOption | undefined {
    return getOption(this.ctx.conf, this.section, name);
  }
  private origin(field: SpecField, o: ConfOption | undefined, setting?: string): void {
    this.origins.set(field, { setting: setting ?? (o ? `${o.name}=` : `[program:${this.name}]`), at: o?.valueAt ?? this.start });
  }
  private refuse(o: ConfOption, problem: string): void {
    this.report("error", o.valueAt, C.CONF_REFUSED, `${o.name}=${shownText(o.value)}: ${problem}: supervisord refuses the configuration`);
  }

  /** What %(key)s expands to in a setting read at `stage` (processes_from_section's expansions at that point). */
  private lookup(stage: Stage): (key: string) => Expansion | undefined {
    return (key) => {
      switch (key) {
        case "here":
          return hereExpansion(this.ctx);
        case "program_name":
          return { kind: "text", text: this.name };
        case "group_name":
          return { kind: "text", text: this.ctx.groupOf.get(this.name) ?? this.name };
        case "host_node_name":
          return { kind: "unknown", why: "the machine's host name" };
        case "process_num":
        case "numprocs":
          if (stage === "early") return undefined;
          if (key === "numprocs") return { kind: "int", value: this.numprocs };
          return this.numprocs === 1 ? { kind: "int", value: this.numprocsStart } : { kind: "unknown", why: `the process number, which differs between the ${this.numprocs} copies numprocs= runs` };
      }
      if (!key.startsWith("ENV_")) return undefined;
      const name = key.slice(4);
      if (stage === "late" && this.programEnv.has(name)) {
        // A value that names its own variable holds supervisord's value of it; here ENV_name is the program's,
        // which a spec's ${name} means.
        const parts = this.programEnv.get(name)!;
        return parts.some((p) => p.kind === "var" && p.name === name) ? { kind: "var", name } : { kind: "parts", parts };
      }
      return envExpansion(this.ctx, name);
    };
  }

  /** A setting's value after expand_here and %-expansion (twice for log file paths), or why not (reported). */
  private expanded(o: ConfOption, stage: Stage, twice = false): TextPart[] | undefined {
    const raw = hereText(this.ctx, o.value);
    if (!raw.ok) {
      this.report("error", o.valueAt, C.CANNOT_STATE, `${o.name}=${shownText(o.value)}: %(here)s is ${raw.problem}`);
      return undefined;
    }
    let d = expandPercent(raw.value, this.lookup(stage));
    if (d.ok && twice) d = expandPercentParts(d.value, this.lookup(stage));
    if (d.ok) return d.value;
    if (d.refused) this.refuse(o, d.problem);
    else this.report("error", o.valueAt, C.CANNOT_STATE, `${o.name}=${shownText(o.value)}: ${d.problem}`);
    return undefined;
  }

  /** A setting's expanded value as plain text (numbers, booleans, names): a variable in it is reported. */
  private plain(o: ConfOption, stage: Stage): string | undefined {
    const parts = this.expanded(o, stage);
    if (!parts) return undefined;
    const v = parts.find((p) => p.kind === "var");
    if (v) {
      this.report("error", o.valueAt, C.CANNOT_STATE, `${o.name}=${shownText(o.value)}: the value depends on the environment variable ${(v as { name: string }).name}, which svcgen cannot know`);
      return undefined;
    }
    return parts.map((p) => (p as { text: string }).text).join("");
  }

  private int(o: ConfOption, stage: Stage = "early"): number | undefined {
    const v = this.plain(o, stage);
    if (v === undefined) return undefined;
    const n = pyInt(v);
    if (n === undefined) this.refuse(o, `${JSON.stringify(v)} is not a whole number`);
    return n;
  }

  private bool(o: ConfOption): boolean | undefined {
    const v = this.plain(o, "early");
    if (v === undefined) return undefined;
    const b = pyBoolean(v);
    if (b === undefined) this.refuse(o, `${JSON.stringify(v)} is not a boolean (true, false, yes, no, on, off, 1, 0)`);
    return b;
  }

  private text(parts: readonly TextPart[], at: SourceLoc): Text {
    return textFromParts(parts, at);
  }

  read(): ReadResult {
    const start = this.start;
    if (!SPEC_NAME.test(this.name)) {
      this.diagnostics.push(diag(start, "error", NOT_A_SPEC_NAME, `the program ${this.name} cannot be a spec's name`, SPEC_NAME_RULE, T));
      return this.result();
    }
    const draft: ModelDraft = { file: this.ctx.file.name, platform: "linux", name: { value: this.name, at: start }, executable: literalText("", start) };

    // numprocs and numprocs_start decide %(process_num)s for the settings read in processes_from_section's loop.
    const numprocs = this.opt("numprocs");
    if (numprocs) this.numprocs = this.int(numprocs) ?? 1;
    const numprocsStart = this.opt("numprocs_start");
    if (numprocsStart) this.numprocsStart = this.int(numprocsStart) ?? 0;
    // Every setting, in the file's order: known to supervisord, and mapped, an option or extra.
    for (const o of sectionItems(this.ctx.conf, this.section)) {
      if (MAPPED[o.name] || OPTION_SETTINGS[o.name]) continue;
      if (isExtraSetting(o.name)) this.carry(o);
      else if (this.section.options.get(o.name) === o) {
        this.report("warning", o.at, C.IGNORED_SETTING, `${o.name}= is not a [program:x] setting: supervisord ignores it, and it is not imported`);
      }
    }
    if (hasErrors(this.diagnostics)) return this.result();

    const env = this.environment();
    if (env.length > 0) draft.environment = env;
    const command = this.command();
    if (command) {
      draft.executable = command.program.executable;
      if (command.program.args.length > 0) draft.args = command.program.args;
      if (command.preStart) draft.hooks = { preStart: command.preStart };
    }
    const wd = this.directory();
    if (wd) draft.workingDirectory = wd;
    const account = this.user();
    if (account) draft.account = account;
    const startup = this.startup();
    if (startup) draft.startup = startup;
    this.startsecs();
    draft.restart = this.restart();
    const stop = this.stop();
    if (stop.timeoutMs || stop.signal) draft.stop = stop;
    this.stopAsGroup();
    const logs = this.logs();
    if (logs) draft.logs = logs;

    if (hasErrors(this.diagnostics)) return this.result();
    if (this.extra.size > 0) this.options.extra = Object.fromEntries(this.extra);
    draft.options = this.options;
    draft.optionOrigins = new Map([...this.extraAt].map(([k, at]) => [`extra.${k}`, at]));
    const model = completeModel(draft, this.origins);
    // What svcgen could not write back as supervisord reads it is the target's own check's to say.
    for (const d of check(model)) {
      if (d.severity === "error") this.report("error", { file: d.file, line: d.line, col: d.col }, C.CANNOT_STATE, `svcgen cannot write this back for supervisord: ${d.message}`);
    }
    if (hasErrors(this.diagnostics)) return this.result();
    return { ...this.result(), model };
  }


  // --- settings kept as written

  /** An extra setting: its raw value, which supervisord expands when it reads the built file. */
  private carry(o: ConfOption): void {
    // Read in processes_from_section's loop (with %(process_num)s and the program's environment), or before it.
    const stage: Stage = ["process_name", "stdout_syslog", "stderr_syslog"].includes(o.name) ? "late" : "early";
    // supervisord expands it when it reads the built file, as it does now: only what it refuses matters here.
    const here = hereText(this.ctx, o.value);
    const d = here.ok ? expandPercent(here.value, this.lookup(stage)) : undefined;
    if (d && !d.ok && d.refused) {
      this.refuse(o, d.problem);
      return;
    }
    let value = o.value;
    // What would mean something else in the file svcgen builds: the directory it is in, the group it is not in.
    const escaped = (s: string) => s.replace(/%/g, "%%");
    if (value.includes("%(here)s")) {
      if (this.ctx.here === undefined) {
        this.report("error", o.valueAt, C.CANNOT_STATE, `${o.name}=${shownText(o.value)}: %(here)s is ${(hereExpansion(this.ctx) as { why: string }).why}`);
        return;
      }
      value = value.split("%(here)s").join(escaped(this.ctx.here));
    }
    const group = this.ctx.groupOf.get(this.name);
    if (group !== undefined) value = value.replace(/%\(group_name\)s/g, escaped(group));
    // eslint-disable-next-line no-control-regex
    if (/[\x00-\x1f\x7f]/.test(value)) {
      this.report("error", o.valueAt, C.CANNOT_STATE, `${o.name}= spans several lines, and options.supervisord.extra holds one-line values`);
      return;
    }
    this.extra.set(o.name, value);
    this.extraAt.set(o.name, o.valueAt);
    if (!isDefaultExtra(o.name, o.value)) {
      const why = o.name === "priority" ? " (supervisord's start order, not a CPU priority)" : o.name === "numprocs" && this.numprocs > 1 ? ` (${this.numprocs} copies of the program; other targets run one)` : "";
      this.report("warning", o.valueAt, C.KEPT_IN_EXTRA, `${o.name}=${shownText(o.value)} has no spec field${why}: kept as written in options.supervisord.extra`);
    }
  }

  // --- the program

  private environment(): EnvVar[] {
    const o = this.opt("environment");
    if (!o) return [];
    const parts = this.expanded(o, "environment");
    if (!parts) return [];
    const d = keyValuePairs(parts);
    if (!d.ok) {
      if (d.refused) this.refuse(o, shownText(d.problem));
      else this.report("error", o.valueAt, C.CANNOT_STATE, `environment=: ${shownText(d.problem)}`);
      return [];
    }
    this.warnUnquoted(o, d.value.unquotedVars);
    const out: EnvVar[] = [];
    for (const [k, v] of d.value.pairs) {
      this.programEnv.set(k, v);
      if (!ENV_NAME.test(k)) {
        this.report("error", o.valueAt, C.CANNOT_STATE, `environment= sets ${JSON.stringify(k)}, which is not a name a spec's environment can hold (letters, digits and _, not starting with a digit)`);
        continue;
      }
      out.push({ name: k, value: this.text(v, o.valueAt), at: o.valueAt });
    }
    if (out.length > 0) this.origin("environment", o);
    return out;
  }

  private warnUnquoted(o: ConfOption, names: readonly string[]): void {
    for (const n of new Set(names)) {
      this.report("warning", o.valueAt, C.UNQUOTED_VARIABLE, `${o.name}=: %(ENV_${n})s is outside quotes, so supervisord would split a value of ${n} with a blank or a quote; the spec reads it as one part of one word`, `quote it: '%(ENV_${n})s'`);
    }
  }

  private command(): { program: Command; preStart?: Command } | undefined {
    const o = this.opt("command");
    if (!o) throw new Error("internal: list() gave a program without command=");
    const parts = this.expanded(o, "late");
    if (!parts) return undefined;
    const d = shlexSplitParts(parts);
    if (!d.ok) {
      this.report("error", o.valueAt, C.CANNOT_STATE, `command= cannot be read: ${d.problem}`);
      return undefined;
    }
    this.warnUnquoted(o, d.value.unquotedVars);
    const words = d.value.words;
    if (words.length === 0) {
      this.report("error", o.valueAt, C.CANNOT_STATE, "command= is empty: supervisord cannot start the program (\"command is empty\")");
      return undefined;
    }
    const wrapped = this.preStartWrapper(words, o);
    if (wrapped) return wrapped;
    const program = this.toCommand(words, o);
    if (!program) return undefined;
    this.origin("executable", o);
    if (program.args.length > 0) this.origin("args", o);
    return { program };
  }

  private toCommand(words: readonly TextPart[][], o: ConfOption): Command | undefined {
    const [exe, ...args] = words;
    const first = exe![0]!;
    if (first.kind === "literal" && !first.text.startsWith("/")) {
      const what = exe!.every((p) => p.kind === "literal") ? JSON.stringify(first.text) : JSON.stringify(textFromParts(exe!, o.valueAt).source);
      this.report(
        "error",
        o.valueAt,
        C.RELATIVE_PROGRAM,
        first.text.includes("/") ? `command= runs ${what}, a path relative to the directory supervisord was started in` : `command= runs ${what}, which supervisord looks up in PATH; a spec needs the absolute path`,
        "write the program's full path in command=",
      );
      return undefined;
    }
    return { executable: this.text(exe!, o.valueAt), args: args.map((w) => this.text(w, o.valueAt)), at: o.valueAt };
  }

  /** svcgen's hooks.preStart: `/bin/sh -c '<hook> && exec <program>'`, in a file whose header says so. */
  private preStartWrapper(words: readonly TextPart[][], o: ConfOption): { program: Command; preStart: Command } | undefined {
    if (!this.ctx.svcgenNotes?.some((n) => n.startsWith("hooks.preStart:"))) return undefined;
    const lit = (w: readonly TextPart[] | undefined) => (w && w.every((p) => p.kind === "literal") ? w.map((p) => (p as { text: string }).text).join("") : undefined);
    if (words.length !== 3 || lit(words[0]) !== "/bin/sh" || lit(words[1]) !== "-c" || lit(words[2]) === undefined) return undefined;
    const sh = decodeShCommands(lit(words[2])!);
    if (!sh.ok || sh.value.length !== 2 || lit(sh.value[1]![0]) !== "exec" || sh.value[0]!.length === 0 || sh.value[1]!.length < 2) return undefined;
    const hook = this.toCommand(sh.value[0]!, o);
    const program = this.toCommand(sh.value[1]!.slice(1), o);
    if (!hook || !program) return undefined;
    this.origin("executable", o);
    if (program.args.length > 0) this.origin("args", o);
    this.origin("hooks.preStart", o);
    return { program, preStart: hook };
  }

  private directory(): Text | undefined {
    const o = this.opt("directory");
    if (!o) return undefined;
    const parts = this.expanded(o, "late");
    if (!parts) return undefined;
    const first = parts[0]!;
    if (first.kind === "literal" && !first.text.startsWith("/")) {
      this.report("error", o.valueAt, C.CANNOT_STATE, `directory=${o.value} is not an absolute path (supervisord would resolve it from its own working directory)`);
      return undefined;
    }
    this.origin("workingDirectory", o);
    return this.text(parts, o.valueAt);
  }

  private user(): ModelDraft["account"] {
    const o = this.opt("user");
    if (!o) return undefined;
    const parts = this.expanded(o, "early");
    if (!parts) return undefined;
    const t = this.text(parts, o.valueAt);
    if (parts.every((p) => p.kind === "literal")) {
      const name = parts.map((p) => (p as { text: string }).text).join("");
      if (!isLinuxAccountName(name)) {
        this.report("error", o.valueAt, C.CANNOT_STATE, `user=${name} is ${/^\d+$/.test(name) ? "a numeric user id" : "not a user name"}: a spec's account names the user (letters, digits, _ . -, at most 32 characters)`, "write the user's name");
        return undefined;
      }
    }
    this.origin("account", o);
    return { kind: "user", user: t, at: o.valueAt };
  }

  // --- startup and restart

  private startup(): Located<Startup> | undefined {
    const o = this.opt("autostart");
    const auto = o ? this.bool(o) : true;
    if (auto === undefined) return undefined;
    const notes = this.ctx.svcgenNotes ?? [];
    const noted = (s: Startup) => notes.some((n) => n.startsWith(`startup: ${s}:`));
    const value: Startup = auto ? (noted("delayed") ? "delayed" : "auto") : noted("disabled") ? "disabled" : "manual";
    if (o) this.origin("startup", o);
    if (value === "auto") return undefined;
    return { value, at: o?.valueAt ?? this.start };
  }

  /** options.supervisord.startsecs: svcgen writes 2 or more (3 by default), for the reason options.ts gives. */
  private startsecs(): void {
    const o = this.opt("startsecs");
    const n = o ? this.int(o) : 1;
    if (n === undefined) return;
    if (n >= 2 && n <= 86400) {
      if (n !== DEFAULT_STARTSECS) this.options.startsecs = n;
      return;
    }
    const said = o ? `startsecs=${o.value}` : "no startsecs= (supervisord's default, 1)";
    const why = n > 86400 ? "svcgen writes at most 86400" : "svcgen writes at least 2 (below supervisord's 1 s tick a program that fails at once can pass for one that ran)";
    this.report("warning", o?.valueAt ?? this.start, C.APPROXIMATED, `${said}: ${why}; the spec keeps svcgen's startsecs=${DEFAULT_STARTSECS}`);
  }

  private restart(): NonNullable<ModelDraft["restart"]> {
    const out: NonNullable<ModelDraft["restart"]> = {};
    const ar = this.opt("autorestart");
    const codes = this.opt("exitcodes");
    let policy: RestartPolicy = "on-failure";
    let word = "unexpected";
    if (ar) {
      const v = this.plain(ar, "early");
      if (v === undefined) return out;
      const l = v.toLowerCase();
      word = ["yes", "true", "on", "1"].includes(l) ? "true" : ["no", "false", "off", "0"].includes(l) ? "false" : l;
      const p = toSpec(AUTORESTART, word);
      if (!p) {
        this.refuse(ar, `${JSON.stringify(v)} is not true, false or unexpected`);
        return out;
      }
      policy = p;
    }
    // exitcodes= (default 0) decides what autorestart=unexpected restarts.
    let expected: number[] = [0];
    if (codes) {
      const v = this.plain(codes, "early");
      if (v === undefined) return out;
      const list = v === "" ? [] : v.split(",").map(pyInt);
      if (list.some((n) => n === undefined || n < 0 || n > 255)) {
        this.refuse(codes, "not a list of exit codes 0 to 255");
        return out;
      }
      expected = list as number[];
      if (policy !== "on-failure") {
        if (!(expected.length === 1 && expected[0] === 0)) {
          this.report("warning", codes.valueAt, C.IGNORED_SETTING, `exitcodes=${codes.value} has no effect on restarts with autorestart=${word} (it only decides what autorestart=unexpected restarts): not imported`);
        }
      } else if (expected.length === 0) {
        // Every exit is unexpected: restarted after any exit, which is restart.policy: always.
        policy = "always";
      } else if (!(expected.length === 1 && expected[0] === 0)) {
        const others = expected.filter((n) => n !== 0);
        this.report(
          "warning",
          codes.valueAt,
          C.APPROXIMATED,
          `exitcodes=${codes.value}: the spec's restart.policy: on-failure restarts after any exit status but 0${others.length > 0 ? `, so also after ${others.join(", ")}` : ""}${expected.includes(0) ? "" : ", and after 0"}`,
        );
      }
    }
    const at = (ar ?? codes)?.valueAt ?? this.start;
    if (ar || (codes && policy !== "on-failure")) {
      this.origins.set("restart.policy", { setting: ar ? "autorestart=" : "exitcodes=", at });
    }
    if (policy !== "on-failure" || ar) out.policy = { value: policy, at };

    // startretries= (default 3): how many failed starts in a row supervisord retries before it gives up.
    const sr = this.opt("startretries");
    const retries = sr ? this.int(sr) : 3;
    if (retries === undefined) return out;
    const srAt = sr?.valueAt ?? this.start;
    if (policy === "never") {
      if (retries !== 0) {
        const said = sr ? `startretries=${sr.value}` : "no startretries= (supervisord's default, 3)";
        this.report("warning", srAt, C.APPROXIMATED, `autorestart=false with ${said}: supervisord still retries a start that fails within startsecs; the spec's restart.policy: never retries nothing (svcgen writes startretries=0)`);
      }
      return out;
    }
    if (retries === NEVER_GIVE_UP) return out;
    let n = retries;
    if (n < 1 || n > 1000) {
      n = n < 1 ? 1 : NEVER_GIVE_UP;
      this.report(
        "warning",
        srAt,
        C.APPROXIMATED,
        retries < 1
          ? `startretries=${retries}: supervisord does not retry a failed start (it still restarts a program that ran); the spec's restart.maxRetries is at least 1`
          : `startretries=${retries}: the spec's restart.maxRetries is at most 1000; read as never giving up (svcgen writes startretries=${NEVER_GIVE_UP})`,
      );
      if (n === NEVER_GIVE_UP) return out;
    }
    // The window: how long n+1 failed starts in a row take at most (each up to startsecs, then supervisord
    // waits 1 s, 2 s, ... n s), the period in which the spec's other targets count the same n retries.
    const startsecs = (this.options.startsecs as number | undefined) ?? DEFAULT_STARTSECS;
    const windowMs = (startsecs * (n + 1) + (n * (n + 1)) / 2) * 1000;
    out.maxRetries = { value: n, at: srAt };
    out.windowMs = { value: windowMs, at: srAt };
    this.origins.set("restart.maxRetries", { setting: sr ? "startretries=" : "startretries= (supervisord's default, 3)", at: srAt });
    this.origins.set("restart.window", { setting: sr ? "startretries=" : "startretries= (supervisord's default, 3)", at: srAt });
    if (retries >= 1) {
      this.report(
        "warning",
        srAt,
        C.APPROXIMATED,
        `${sr ? `startretries=${sr.value}` : "no startretries= (supervisord's default, 3)"}: supervisord gives up after ${n} failed starts in a row (a program that ran longer is restarted without limit); the spec says restart.maxRetries: ${n} within window: ${formatDuration(windowMs)}, the longest ${n + 1} failed starts take`,
      );
    }
    return out;
  }

  // --- stop

  private stop(): NonNullable<ModelDraft["stop"]> {
    const out: NonNullable<ModelDraft["stop"]> = {};
    const w = this.opt("stopwaitsecs");
    if (w) {
      const n = this.int(w);
      if (n !== undefined && n < 0) this.report("error", w.valueAt, C.CANNOT_STATE, `stopwaitsecs=${w.value}: a negative wait`);
      else if (n !== undefined) {
        out.timeoutMs = { value: n * 1000, at: w.valueAt };
        this.origin("stop.timeout", w);
      }
    }
    const s = this.opt("stopsignal");
    if (s) {
      const v = this.plain(s, "early");
      if (v !== undefined) {
        const key = /^\s*[+-]?\d+\s*$/.test(v) ? String(pyInt(v)) : v.trim().toUpperCase().replace(/^SIG/, "");
        const signal = SIGNALS[key];
        if (signal) {
          out.signal = { value: signal, at: s.valueAt };
          this.origin("stop.signal", s);
        } else if (OTHER_SIGNALS.test(key) || /^\d+$/.test(key)) {
          this.report("error", s.valueAt, C.CANNOT_STATE, `stopsignal=${v}: the spec's stop.signal is one of ${[...new Set(Object.values(SIGNALS))].join(", ")}`);
        } else this.refuse(s, `${JSON.stringify(v)} is not a signal`);
      }
    }
    return out;
  }

  /** stopasgroup= and killasgroup= (which defaults to stopasgroup=): options.supervisord.stopAsGroup sets both. */
  private stopAsGroup(): void {
    const so = this.opt("stopasgroup");
    const ko = this.opt("killasgroup");
    const stop = so ? this.bool(so) : false;
    if (stop === undefined) return;
    const kill = ko ? this.bool(ko) : stop;
    if (kill === undefined) return;
    if (stop && !kill) {
      this.refuse(so!, "stopasgroup=true with killasgroup=false");
      return;
    }
    if (stop !== kill) {
      this.report("warning", ko!.valueAt, C.APPROXIMATED, "killasgroup=true without stopasgroup: the spec's options.supervisord.stopAsGroup sets both, so the stop signal goes to the program's whole process group too");
    }
    if (!kill) this.options.stopAsGroup = false;
  }

  // --- logs

  private stream(key: "stdout" | "stderr"): LogStream {
    const o = this.opt(`${key}_logfile`);
    if (!o) return { other: "auto" };
    const parts = this.expanded(o, "late", true);
    if (!parts) return { option: o };
    if (parts.every((p) => p.kind === "literal")) {
      const v = parts.map((p) => (p as { text: string }).text).join("");
      const l = v.toLowerCase();
      if (l === "none" || l === "off") return { other: "none", option: o };
      if (l === "auto") return { other: "auto", option: o };
      if (l === "syslog") return { other: "syslog", option: o };
    }
    // existing_dirpath: ~ is the home directory of supervisord's user.
    const first = parts[0]!;
    let path = parts.map((p) => ({ ...p }));
    if (first.kind === "literal" && (first.text === "~" || first.text.startsWith("~/"))) {
      path = [{ kind: "var", name: "HOME" }, { kind: "literal", text: first.text.slice(1) }, ...path.slice(1)];
    } else if (first.kind === "literal" && first.text.startsWith("~")) {
      this.report("error", o.valueAt, C.CANNOT_STATE, `${key}_logfile=${o.value}: the home directory of another user, which svcgen cannot know`);
      return { option: o };
    } else if (first.kind === "literal" && !first.text.startsWith("/")) {
      this.report("error", o.valueAt, C.CANNOT_STATE, `${key}_logfile=${o.value} is not an absolute path (supervisord would resolve it from its own working directory)`);
      return { option: o };
    }
    // Split at the last "/" of the last literal that has one.
    let i = path.length - 1;
    while (i >= 0 && !(path[i]!.kind === "literal" && (path[i] as { text: string }).text.includes("/"))) i--;
    if (i < 0) {
      this.report("error", o.valueAt, C.CANNOT_STATE, `${key}_logfile=${o.value}: svcgen cannot tell the directory from the file name`);
      return { option: o };
    }
    const lit = (path[i] as { text: string }).text;
    const cut = lit.lastIndexOf("/");
    const dirParts: TextPart[] = [...path.slice(0, i), { kind: "literal", text: lit.slice(0, cut) || (i === 0 ? "/" : "") }];
    const baseParts: TextPart[] = [{ kind: "literal", text: lit.slice(cut + 1) }, ...path.slice(i + 1)];
    const base = textFromParts(baseParts, o.valueAt);
    if (base.source === "" || base.source === "." || base.source === "..") {
      this.report("error", o.valueAt, C.CANNOT_STATE, `${key}_logfile=${o.value} does not end in a file name`);
      return { option: o };
    }
    return { file: { dir: textFromParts(dirParts, o.valueAt), base, at: o.valueAt }, option: o };
  }

  private logs(): ModelDraft["logs"] {
    const redirectO = this.opt("redirect_stderr");
    const redirect = redirectO ? this.bool(redirectO) : false;
    if (redirect === undefined) return undefined;
    const out = this.stream("stdout");
    let err = this.stream("stderr");
    if ((out.option && !out.file && !out.other) || (err.option && !err.file && !err.other)) return undefined; // reported
    if (redirect) {
      if (err.option && err.other !== "auto" && err.other !== "none") {
        this.report("warning", err.option.valueAt, C.IGNORED_SETTING, `${err.option.name}= is ignored by supervisord with redirect_stderr=true (standard error goes to standard output's log): not imported`);
      }
      err = out;
      for (const k of ["stderr_logfile_maxbytes", "stderr_logfile_backups"]) {
        const o = this.opt(k);
        if (o) this.report("warning", o.valueAt, C.IGNORED_SETTING, `${k}= applies to no file with redirect_stderr=true (standard error goes to standard output's log): not imported`);
      }
    }
    const rotateKeys = ["stdout_logfile_maxbytes", "stdout_logfile_backups", "stderr_logfile_maxbytes", "stderr_logfile_backups"];
    if (!out.file && !err.file) {
      for (const s of [out, err]) {
        if (s.other === "none" && s.option) this.report("warning", s.option.valueAt, C.APPROXIMATED, `${s.option.name}=${s.option.value} discards the output; a spec without logs gets supervisord's AUTO log files (in its childlogdir)`);
        if (s.other === "syslog" && s.option) this.report("warning", s.option.valueAt, C.APPROXIMATED, `${s.option.name}=syslog (deprecated) sends the output to syslog; a spec without logs gets supervisord's AUTO log files (set ${s.option.name.replace("_logfile", "_syslog")}=true in options.supervisord.extra for syslog)`);
      }
      for (const k of rotateKeys) {
        const o = this.opt(k);
        if (o) this.report("warning", o.valueAt, C.IGNORED_SETTING, `${k}= applies to a log file the spec does not have (supervisord's AUTO logs): not imported`);
      }
      return undefined;
    }
    // A spec's logs capture both streams in one directory.
    const main = (out.file ?? err.file)!;
    const fill = (s: LogStream, key: "stdout" | "stderr"): { dir: Text; base: Text; at: SourceLoc } => {
      if (s.file) return s.file;
      const base = literalText(`${this.name}.${key === "stdout" ? "out" : "err"}.log`, main.at);
      const said = s.option ? `${key}_logfile=${s.option.value} ${s.other === "none" ? "discards" : s.other === "syslog" ? "sends to syslog" : "logs to supervisord's AUTO file"} standard ${key === "stdout" ? "output" : "error"}` : `no ${key}_logfile= (supervisord's AUTO log file)`;
      this.report("warning", s.option?.valueAt ?? main.at, C.APPROXIMATED, `${said}; the spec's logs write it to ${textFromParts([...main.dir.parts, { kind: "literal", text: "/" }, ...base.parts], main.at).source}, beside the other stream's file`);
      return { dir: main.dir, base, at: main.at };
    };
    const o = fill(out, "stdout");
    const e = redirect ? o : fill(err, "stderr");
    if (JSON.stringify(o.dir.parts) !== JSON.stringify(e.dir.parts)) {
      this.report("error", e.at, C.CANNOT_STATE, `the two log files are in different directories (${o.dir.source}, ${e.dir.source}), and a spec's logs have one`);
      return undefined;
    }
    if (!redirect && out.file && err.file && JSON.stringify(o.base.parts) === JSON.stringify(e.base.parts)) {
      this.report("warning", err.option!.valueAt, C.APPROXIMATED, "stdout_logfile= and stderr_logfile= name one file, which supervisord then writes (and rotates) through two handles; a spec's logs with one file are redirect_stderr=true, one handle for both streams");
    }
    const at = main.at;
    this.origin("logs", out.option ?? err.option);
    const logs: NonNullable<ModelDraft["logs"]> = { directory: o.dir, at };
    if (o.base.source !== `${this.name}.out.log`) logs.stdout = o.base;
    if (e.base.source !== `${this.name}.err.log`) logs.stderr = e.base;
    const rotate = this.rotate(redirect ? ["stdout"] : ["stdout", "stderr"]);
    if (rotate) logs.rotate = rotate;
    return logs;
  }

  /** *_logfile_maxbytes= (default 50MB) and *_logfile_backups= (default 10): one rotation for both streams. */
  private rotate(streams: readonly ("stdout" | "stderr")[]): NonNullable<ModelDraft["logs"]>["rotate"] {
    const read = (key: "stdout" | "stderr") => {
      const mo = this.opt(`${key}_logfile_maxbytes`);
      const bo = this.opt(`${key}_logfile_backups`);
      const mv = mo ? this.plain(mo, "late") : "50MB";
      const maxBytes = mv === undefined ? undefined : byteSize(mv);
      if (mo && mv !== undefined && maxBytes === undefined) this.refuse(mo, `${JSON.stringify(mv)} is not a size`);
      const backups = bo ? this.int(bo, "late") : 10;
      return { maxBytes, backups, mo, bo };
    };
    const rs = streams.map(read);
    const [a] = rs;
    if (!a || a.maxBytes === undefined || a.backups === undefined || rs.some((r) => r.maxBytes === undefined || r.backups === undefined)) return undefined;
    const differs = rs.find((r) => r.maxBytes !== a.maxBytes || (r.maxBytes! > 0 && r.backups !== a.backups));
    if (differs) {
      this.report("warning", (differs.mo ?? differs.bo)?.valueAt ?? this.start, C.APPROXIMATED, "standard output and standard error rotate differently; the spec's logs.rotate is one setting, and takes standard output's");
    }
    const at = (a.mo ?? a.bo)?.valueAt ?? this.start;
    const where = (a.mo ?? a.bo) ? `${(a.mo ?? a.bo)!.name}=` : "*_logfile_maxbytes (supervisord's default, 50MB)";
    // maxbytes=0 never rotates; svcgen writes backups= then only for a rotate with keep and no maxSize.
    if (a.maxBytes <= 0) {
      if (a.bo && a.backups > 0) {
        this.origins.set("logs.rotate", { setting: `${a.bo.name}=`, at });
        return { keep: { value: Math.min(a.backups, 1000), at: a.bo.valueAt }, at };
      }
      return undefined;
    }
    this.origins.set("logs.rotate", { setting: where, at });
    const rotate: NonNullable<NonNullable<ModelDraft["logs"]>["rotate"]> = { maxSizeBytes: { value: a.maxBytes, at: a.mo?.valueAt ?? at }, at };
    if (a.backups >= 1 && a.backups <= 1000) rotate.keep = { value: a.backups, at: a.bo?.valueAt ?? at };
    else this.report("warning", a.bo?.valueAt ?? at, C.APPROXIMATED, `${a.bo?.name ?? "stdout_logfile_backups"}=${a.backups}: the spec's logs.rotate.keep is 1 to 1000; svcgen keeps 10`);
    return rotate;
  }
}
