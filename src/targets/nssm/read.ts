import type { RegKey, RegValue } from "../../escape/reg-file.js";
import { decodeArgsValue, decodeWindowsValue } from "../../escape/windows-env.js";
import { textFromParts, windowsPathProblem, type ModelDraft } from "../../import/read-model.js";
import type { EnvVar, SourceLoc, Text, TextPart } from "../../model.js";
import { formatText } from "../../spec/text.js";
import { toSpec } from "../pairs.js";
import { ServiceKeyReader, type ReaderCodes } from "../scm/service-key.js";
import { VALUE_APPROXIMATED, VALUE_NOT_IMPORTED } from "../sc/codes.js";
import type { ReadResult, SourceText } from "../types.js";
import { check } from "./check.js";
import {
  NOT_AN_NSSM_SERVICE,
  NOT_NSSM_PROGRAM,
  PARAMETER_APPROXIMATED,
  PARAMETER_NOT_CARRIED,
  PARAMETER_NOT_IMPORTED,
  PARAMETER_UNREADABLE,
} from "./codes.js";
import { ONLY_101, RESET_BY_SCRIPT } from "./keys.js";
import { CREATE_ALWAYS, OPEN_ALWAYS, passwordlessUser, PRIORITY_CLASS } from "./plan.js";
import { NOT_SHOWN, SECRET_NAME, shownText } from "../../import/secrets.js";

// The nssm reader: the export of an nssm service's registry key -> the ServiceModel of a spec that the nssm
// target builds back into the scripts that make that key. nssm's facts are from its source (2.24 = 220d2b0
// and 2.24-101 = 897c7ad: registry.cpp get_parameters and create_parameters, settings.cpp, env.cpp) and
// reference/nssm-sc.md §A; plan.ts is the encoder each decoding inverts.
//
// - The service key's own values as for sc (scm/service-key.ts); its ImagePath is nssm itself.
// - Application, AppDirectory, AppStdout/AppStderr: paths nssm expands when REG_EXPAND_SZ (get_string),
//   AppDirectory with surrounding quotes removed (PathUnquoteSpaces). AppParameters: the arguments of
//   `"<Application>" <AppParameters>`, which the program splits with the C runtime's rules.
// - AppEnvironmentExtra: NAME=value entries, each value expanded in order (env.cpp set_environment_block).
// - AppExit: (Default) Restart with 0 Exit is on-failure, Restart alone always, Exit never. AppRestartDelay
//   (ms, 0 when absent). The three AppStopMethod* timeouts together are stop.timeout (1500 ms each when absent).
// - Log files, their creation disposition (4 appends, 2 starts a fresh file), rotation by size at start and
//   online; AppPriority's priority class; the Start/Pre and Exit/Post hooks (nssm 2.24-101).
// nssm deletes a DWORD set to its default (settings.cpp setting_set_number): an absent value means the default.

const T = "nssm";
const P = "Parameters";
const CODES: ReaderCodes = { notImported: PARAMETER_NOT_IMPORTED, approximated: PARAMETER_APPROXIMATED, unreadable: PARAMETER_UNREADABLE, notCarried: PARAMETER_NOT_CARRIED };
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const STOP_DEFAULT_MS = 1500;
const EXIT_ACTIONS = ["Restart", "Ignore", "Exit", "Suicide"] as const;
type ExitAction = (typeof EXIT_ACTIONS)[number];
const HOOKS: Readonly<Record<string, "preStart" | "postStop">> = { "start\\pre": "preStart", "exit\\post": "postStop" };

/** Why Parameters values that no step reads are not imported, beyond "no spec field". */
const PARAMETER_WHY: Readonly<Record<string, string>> = {
  appthrottle: "the run time below which nssm delays a restart has no spec field",
  appstopmethodskip: "which stop methods nssm skips has no spec field (stop.timeout times them all)",
  appenvironment: "it replaces the whole environment, which a spec cannot say (a spec's environment adds to it)",
  appnoconsole: "whether nssm gives the program a console has no spec field",
  appaffinity: "the processor affinity has no spec field",
  appstdin: "redirecting standard input has no spec field",
  approtateseconds: "rotating by age has no spec field (logs.rotate rotates by size)",
  approtatedelay: "the pause after a rotation has no spec field",
  apptimestamplog: "time-stamping each output line has no spec field",
  appredirecthook: "giving hooks the program's output files has no spec field",
  appkillprocesstree: "whether the stop methods reach the program's child processes has no spec field",
};

export function read(files: readonly SourceText[]): ReadResult {
  return new NssmReader(files).run();
}

class NssmReader extends ServiceKeyReader {
  /** The first value that only nssm 2.24-101 writes, if any: the export shows the build. */
  private shows101: { at: SourceLoc; what: string } | undefined;

  constructor(files: readonly SourceText[]) {
    super(T, files);
  }

  run(): ReadResult {
    const d = this.service();
    if (!d) return this.result();
    const app = this.value(P, "Application");
    if (!app) {
      this.error(this.subkey(P)?.at ?? this.keyAt, NOT_AN_NSSM_SERVICE, `${this.name} has no ${P}\\Application: nssm runs no program for it`, "import it with --from sc if its program is itself a service");
      return this.result();
    }
    this.serviceValues();
    const exe = this.path(P, app, "executable");
    if (!exe) return this.finish(d, check, PARAMETER_NOT_CARRIED);
    d.executable = exe;
    this.origin("executable", P, app);
    this.args(d);
    this.directory(d);
    this.environment(d);
    this.restart(d);
    this.stop(d);
    this.logs(d);
    this.priority(d);
    this.hooks(d);
    for (const name of ONLY_101) {
      const v = this.peek(P, name);
      if (v) this.saw101(v.at, `${P}\\${v.name}`);
    }
    if (d.account?.kind === "builtin" && d.account.builtin === "virtual") this.saw101(d.account.at, `the virtual account NT SERVICE\\${this.name}`);
    if (this.shows101) {
      d.options = { version: "2.24-101" };
      d.optionOrigins = new Map([["version", this.shows101.at]]);
    }
    return this.finish(d, check, PARAMETER_NOT_CARRIED);
  }

  private saw101(at: SourceLoc, what: string): void {
    this.shows101 ??= { at, what };
  }

  /** A value without marking it read (to look, not to import). */
  private peek(rel: string, name: string): RegValue | undefined {
    return this.subkey(rel)?.values.find((v) => v.name.toLowerCase() === name.toLowerCase());
  }

  /** The service key's values that are nssm's business: its ImagePath (nssm), and what `nssm install` sets. */
  private serviceValues(): void {
    const image = this.value("", "ImagePath");
    const t = image && this.text("", image, CODES.unreadable);
    if (image && t && !/(^"?|[\\/])nssm[^\\/"]*\.exe"?\s*$/i.test(t.text)) {
      this.warn(image.at, NOT_NSSM_PROGRAM, `ImagePath ${JSON.stringify(t.text)} is not an nssm executable; the spec describes the service nssm would run`, "srvany and nssm read the same Application, AppParameters and AppDirectory");
    }
    // `nssm install` sets the failure flag (so that AppExit Exit with sc failure actions works): no setting of the spec's.
    const flag = this.value("", "FailureActionsOnNonCrashFailures");
    if (flag) this.dword("", flag, CODES.unreadable);
  }

  /** A path nssm expands (REG_EXPAND_SZ), as the spec's absolute path. */
  private path(rel: string, v: RegValue, field: string): Text | undefined {
    const t = this.expandable(rel, v, PARAMETER_UNREADABLE);
    if (!t) return undefined;
    const relative = windowsPathProblem(t);
    if (relative) {
      this.error(v.at, PARAMETER_UNREADABLE, `${this.setting(rel, v)} (${field}): ${relative}`, "use the full path");
      return undefined;
    }
    return t;
  }

  private args(d: ModelDraft): void {
    const v = this.value(P, "AppParameters");
    const t = v && this.text(P, v, PARAMETER_UNREADABLE);
    if (!v || !t) return;
    const r = decodeArgsValue(t.text, t.expanded);
    if (!r.ok) {
      this.error(v.at, PARAMETER_UNREADABLE, `${P}\\AppParameters ${JSON.stringify(t.text)} cannot be read to one list of arguments: ${r.problem}`);
      return;
    }
    if (r.splitByValue.length > 0) {
      const which = r.splitByValue.map((i) => `argument ${i + 1} (${JSON.stringify(formatText(r.args[i]!))})`).join(" and ");
      this.warn(v.at, PARAMETER_APPROXIMATED, `${P}\\AppParameters: a variable stands outside quotes in ${which}, so Windows would split it where the variable's value has a space; the spec keeps it whole (svcgen quotes it)`);
    }
    if (r.args.length === 0) return; // "" (nssm's reset) or only spaces and tabs: no argument
    d.args = r.args.map((a) => textFromParts(a, v.at));
    this.origin("args", P, v);
  }

  private directory(d: ModelDraft): void {
    const v = this.value(P, "AppDirectory");
    const t = v && this.text(P, v, PARAMETER_UNREADABLE);
    if (!v || !t) return;
    // nssm removes quotes around the directory (PathUnquoteSpaces), and starts an empty one in the program's folder.
    const raw = /^".*"$/s.test(t.text) ? t.text.slice(1, -1) : t.text;
    if (raw === "") return;
    const parts = decodeWindowsValue(raw, t.expanded);
    if (!parts.ok) {
      this.error(v.at, PARAMETER_UNREADABLE, `${P}\\AppDirectory ${JSON.stringify(t.text)} cannot be read to one value: ${parts.problem}`);
      return;
    }
    const dir = textFromParts(parts.parts, v.at);
    const relative = windowsPathProblem(dir);
    if (relative) {
      this.error(v.at, PARAMETER_UNREADABLE, `${P}\\AppDirectory (workingDirectory): ${relative}`, "use the full path");
      return;
    }
    d.workingDirectory = dir;
    this.origin("workingDirectory", P, v);
  }

  private environment(d: ModelDraft): void {
    const v = this.value(P, "AppEnvironmentExtra");
    const items = v && this.list(P, v, PARAMETER_UNREADABLE);
    if (!v || !items) return;
    const vars: EnvVar[] = [];
    for (const item of items) {
      const eq = item.indexOf("=");
      const name = item.slice(0, Math.max(0, eq));
      if (eq <= 0 || !ENV_NAME.test(name)) {
        this.error(v.at, PARAMETER_UNREADABLE, `${P}\\AppEnvironmentExtra holds ${shownText(JSON.stringify(item))}, which is not NAME=value with a name a spec can hold (letters, digits, _)`);
        continue;
      }
      // nssm expands each value (env.cpp), whatever the value's type.
      const value = decodeWindowsValue(item.slice(eq + 1), true);
      if (!value.ok) {
        this.error(v.at, PARAMETER_UNREADABLE, `${P}\\AppEnvironmentExtra ${name}=${SECRET_NAME.test(name) ? NOT_SHOWN : item.slice(eq + 1)} cannot be read to one value: ${value.problem}`);
        continue;
      }
      const prior = vars.findIndex((x) => x.name.toLowerCase() === name.toLowerCase());
      if (prior >= 0) {
        this.warn(v.at, PARAMETER_APPROXIMATED, `${P}\\AppEnvironmentExtra sets ${name} twice; nssm applies them in order, so the spec keeps the last value`);
        vars.splice(prior, 1);
      }
      vars.push({ name, value: textFromParts(value.parts, v.at), at: v.at });
    }
    if (vars.length > 0) {
      d.environment = vars;
      this.origin("environment", P, v);
    }
  }

  // --- restart and stop

  private exitAction(v: RegValue): ExitAction | undefined {
    const t = this.text(`${P}\\AppExit`, v, PARAMETER_UNREADABLE);
    if (!t) return undefined;
    const a = EXIT_ACTIONS.find((x) => x.toLowerCase() === t.text.toLowerCase());
    if (!a) this.error(v.at, PARAMETER_UNREADABLE, `${this.setting(`${P}\\AppExit`, v)} is ${JSON.stringify(t.text)}, not an exit action nssm knows (${EXIT_ACTIONS.join(", ")})`);
    return a;
  }

  private restart(d: ModelDraft): void {
    const rel = `${P}\\AppExit`;
    const all = this.values(rel);
    const defValue = all.find((v) => v.name === "");
    const def = defValue ? this.exitAction(defValue) : "Restart";
    const codes = new Map<string, { action: ExitAction; v: RegValue }>();
    for (const v of all) {
      if (v.name === "") continue;
      const a = this.exitAction(v);
      if (!/^\d+$/.test(v.name)) this.error(v.at, PARAMETER_UNREADABLE, `${this.setting(rel, v)}: nssm names exit actions by exit code, and ${JSON.stringify(v.name)} is not one`);
      else if (a) codes.set(String(Number(v.name)), { action: a, v });
    }
    if (!def) return;
    const at = defValue?.at ?? this.subkey(rel)?.at ?? this.keyAt;
    const zero = codes.get("0");
    let policy: "on-failure" | "always" | "never";
    if (def === "Restart") policy = zero?.action === "Exit" ? "on-failure" : "always";
    else {
      policy = "never";
      if (def === "Ignore" || def === "Suicide") {
        const what = def === "Ignore" ? "keeps the service running without the program" : "ends itself as if it had crashed, so that the SCM's recovery actions run";
        this.warn(at, PARAMETER_APPROXIMATED, `${rel}\\(Default) ${def}: when the program exits nssm ${what}; the spec's nearest is restart.policy: never (the service stops)`);
      }
    }
    for (const [code, { action, v }] of codes) {
      const redundant = action === def || (code === "0" && ((policy === "on-failure" && action === "Exit") || (policy === "never" && def === "Exit")));
      if (redundant) continue;
      this.warn(v.at, PARAMETER_APPROXIMATED, `${this.setting(rel, v)} ${action}: a spec's restart policy depends only on whether the exit code is 0; what nssm does on exit code ${code} is not imported (it does what the policy says)`);
    }
    const policyAt = zero && policy === "on-failure" ? zero.v.at : at;
    d.restart = { policy: { value: policy, at: policyAt } };
    this.origins.set("restart.policy", { setting: zero && policy === "on-failure" ? this.setting(rel, zero.v) : defValue ? this.setting(rel, defValue) : `${rel} (none: nssm restarts)`, at: policyAt });

    const delay = this.value(P, "AppRestartDelay");
    const ms = delay ? this.dword(P, delay, PARAMETER_UNREADABLE) : 0;
    if (policy === "never") {
      if (delay && ms) this.warn(delay.at, PARAMETER_NOT_IMPORTED, `${P}\\AppRestartDelay=${ms} has no effect while nssm does not restart the program; not imported`);
    } else if (ms !== undefined) {
      d.restart.delayMs = { value: ms, at: delay?.at ?? at };
      this.origins.set("restart.delay", { setting: delay ? `${P}\\AppRestartDelay` : `${P}\\AppRestartDelay (none: 0 ms)`, at: delay?.at ?? at });
    }
  }

  private stop(d: ModelDraft): void {
    const names = ["AppStopMethodConsole", "AppStopMethodWindow", "AppStopMethodThreads"];
    const read = names.map((n) => {
      const v = this.value(P, n);
      return { n, v, ms: v ? this.dword(P, v, PARAMETER_UNREADABLE) : STOP_DEFAULT_MS };
    });
    if (read.some((r) => r.ms === undefined) || read.every((r) => !r.v)) return;
    const values = read.map((r) => r.ms!);
    const longest = Math.max(...values);
    const first = read.find((r) => r.v)!.v!;
    if (values.some((x) => x !== longest)) {
      this.warn(first.at, PARAMETER_APPROXIMATED, `${read.map((r) => `${r.n}=${r.ms}`).join(", ")}: the spec's stop.timeout is one grace period for all three stop methods; it is the longest, ${longest} ms`);
    }
    if (longest === STOP_DEFAULT_MS && values.every((x) => x === longest)) return; // nssm's own default: nothing to say
    d.stop = { timeoutMs: { value: longest, at: first.at } };
    this.origin("stop.timeout", P, first);
  }

  // --- logs

  private logs(d: ModelDraft): void {
    const read = (n: "AppStdout" | "AppStderr") => {
      const v = this.value(P, n);
      const t = v && this.text(P, v, PARAMETER_UNREADABLE);
      return v && t && t.text !== "" ? { v, t } : undefined;
    };
    const out = read("AppStdout");
    const err = read("AppStderr");
    const disposition = (n: string) => {
      const v = this.value(P, n);
      return { v, value: v ? this.dword(P, v, PARAMETER_UNREADABLE) : OPEN_ALWAYS };
    };
    const dOut = disposition("AppStdoutCreationDisposition");
    const dErr = disposition("AppStderrCreationDisposition");
    const rotation = ["AppRotateFiles", "AppRotateOnline", "AppRotateBytes", "AppRotateBytesHigh"].map((n) => ({ n, v: this.value(P, n) }));
    if (!out && !err) {
      for (const x of [dOut.v, dErr.v, ...rotation.map((r) => r.v)]) {
        if (x) this.warn(x.at, PARAMETER_NOT_IMPORTED, `${P}\\${x.name} has no effect without AppStdout or AppStderr; not imported`);
      }
      return;
    }
    const split = (x: { v: RegValue; t: { text: string; expanded: boolean } }) => {
      const parts = decodeWindowsValue(x.t.text, x.t.expanded);
      if (!parts.ok) {
        this.error(x.v.at, PARAMETER_UNREADABLE, `${P}\\${x.v.name} ${JSON.stringify(x.t.text)} cannot be read to one value: ${parts.problem}`);
        return undefined;
      }
      const s = splitLogPath(parts.parts);
      if (!s || windowsPathProblem(textFromParts(s.dir, x.v.at))) {
        this.error(x.v.at, PARAMETER_UNREADABLE, `${P}\\${x.v.name} ${JSON.stringify(x.t.text)} is not an absolute path to a file (nssm reads a relative one from AppDirectory; a spec's logs.directory is absolute)`);
        return undefined;
      }
      return { ...s, v: x.v };
    };
    const o = out && split(out);
    const e = err && split(err);
    if ((out && !o) || (err && !e)) return;
    const main = (o ?? e)!;
    const other = o && e ? e : undefined;
    const dir = textFromParts(main.dir, main.v.at);
    if (!o || !e) {
      const missing = o ? "AppStderr" : "AppStdout";
      this.warn(main.v.at, PARAMETER_APPROXIMATED, `only ${P}\\${main.v.name} is set; a spec's logs capture both streams, so ${missing === "AppStderr" ? "standard error" : "standard output"} goes to ${formatText(main.dir)}\\${this.name}.${missing === "AppStderr" ? "err" : "out"}.log too`);
    } else if (other && formatText(other.dir) !== formatText(main.dir)) {
      this.warn(other.v.at, PARAMETER_APPROXIMATED, `${P}\\AppStderr is in ${JSON.stringify(formatText(other.dir))}, not in AppStdout's directory ${JSON.stringify(formatText(main.dir))}; a spec's logs have one directory, so standard error goes to the latter`);
    }
    const logs: NonNullable<ModelDraft["logs"]> = { directory: dir, at: main.v.at };
    if (o) logs.stdout = textFromParts(o.file, o.v.at);
    if (e) logs.stderr = textFromParts(e.file, e.v.at);
    this.origin("logs", P, main.v);

    // Creation dispositions: 4 (OPEN_ALWAYS, then nssm seeks to the end) appends; 2 (CREATE_ALWAYS) starts a new file.
    const mode = (x: { v: RegValue | undefined; value: number | undefined }, stream: RegValue | undefined): boolean | undefined => {
      if (!stream || x.value === undefined) return undefined;
      if (x.value === OPEN_ALWAYS) return true;
      if (x.value === CREATE_ALWAYS) return false;
      const near = x.value === 5 || x.value === 1;
      this.warn(x.v!.at, PARAMETER_APPROXIMATED, `${P}\\${x.v!.name}=${x.value} (${["", "CREATE_NEW", "", "OPEN_EXISTING", "", "TRUNCATE_EXISTING"][x.value] ?? "not a creation disposition"}) fails when the file ${x.value === 1 ? "exists" : "does not exist"}; the spec's nearest is logs.append: ${!near}`);
      return !near;
    };
    const appendOut = mode(dOut, o?.v);
    const appendErr = mode(dErr, e?.v);
    const append = appendOut ?? appendErr ?? true;
    if (appendOut !== undefined && appendErr !== undefined && appendOut !== appendErr) {
      this.warn(dErr.v?.at ?? dOut.v!.at, PARAMETER_APPROXIMATED, `standard output ${appendOut ? "appends" : "starts a new file"} and standard error ${appendErr ? "appends" : "starts a new file"}; logs.append is one setting, as for standard output`);
    }
    if (!append) {
      const v = (o ? dOut.v : dErr.v) ?? dOut.v ?? dErr.v!;
      logs.append = { value: false, at: v.at };
      this.origin("logs.append", P, v);
    }
    for (const [x, stream] of [[dOut, o], [dErr, e]] as const) {
      if (x.v && !stream) this.warn(x.v.at, PARAMETER_NOT_IMPORTED, `${P}\\${x.v.name} has no effect without its stream's file; not imported`);
    }
    const rotate = this.rotation(rotation);
    if (rotate) logs.rotate = rotate;
    d.logs = logs;
  }

  private rotation(values: { n: string; v: RegValue | undefined }[]): NonNullable<ModelDraft["logs"]>["rotate"] {
    const num = (n: string) => {
      const x = values.find((r) => r.n === n)!;
      return { v: x.v, value: x.v ? (this.dword(P, x.v, PARAMETER_UNREADABLE) ?? 0) : 0 };
    };
    const [files, online, low, high] = ["AppRotateFiles", "AppRotateOnline", "AppRotateBytes", "AppRotateBytesHigh"].map(num) as [ReturnType<typeof num>, ReturnType<typeof num>, ReturnType<typeof num>, ReturnType<typeof num>];
    const bytes = high.value * 2 ** 32 + low.value;
    if (!files.value) {
      for (const x of [online, low, high]) if (x.v && x.value) this.warn(x.v.at, PARAMETER_NOT_IMPORTED, `${P}\\${x.v.name} has no effect without AppRotateFiles; not imported`);
      return undefined;
    }
    if (bytes === 0) {
      this.warn(files.v!.at, PARAMETER_NOT_IMPORTED, `${P}\\AppRotateFiles without AppRotateBytes rotates the files at every start whatever their size; a spec's logs.rotate rotates by size (maxSize), so rotation is not imported`);
      for (const x of [online]) if (x.v && x.value) this.warn(x.v.at, PARAMETER_NOT_IMPORTED, `${P}\\${x.v.name} is not imported with it`);
      return undefined;
    }
    const at = (low.v ?? high.v)!.at;
    if (!online.value) {
      this.warn(at, PARAMETER_APPROXIMATED, `nssm rotates the files only when the service starts (AppRotateOnline is not set); the spec's logs.rotate also rotates them while it runs`);
    }
    this.origin("logs.rotate", P, (low.v ?? high.v)!);
    return { maxSizeBytes: { value: bytes, at }, at };
  }

  private priority(d: ModelDraft): void {
    const v = this.value(P, "AppPriority");
    const n = v && this.dword(P, v, PARAMETER_UNREADABLE);
    if (!v || n === undefined) return;
    const p = toSpec(PRIORITY_CLASS, n);
    if (!p) {
      this.warn(v.at, PARAMETER_NOT_IMPORTED, `${P}\\AppPriority=0x${n.toString(16)} is not a priority class; nssm ignores it, and it is not imported`);
      return;
    }
    d.priority = { value: p, at: v.at };
    this.origin("priority", P, v);
  }

  private hooks(d: ModelDraft): void {
    const base = `${P}\\AppEvents`;
    this.subkey(base); // reg export writes it, empty, above its events
    for (const ev of this.children(base)) {
      for (const v of this.values(ev.rel)) {
        const which = HOOKS[`${ev.name}\\${v.name}`.toLowerCase()];
        const t = this.text(ev.rel, v, PARAMETER_UNREADABLE);
        if (!t) continue;
        if (t.text === "") continue; // nssm runs no hook for an empty command
        this.saw101(v.at, this.setting(ev.rel, v));
        if (!which) {
          this.warn(v.at, PARAMETER_NOT_IMPORTED, `${this.setting(ev.rel, v)} is not imported: a spec's hooks are preStart (Start/Pre) and postStop (Exit/Post)`);
          continue;
        }
        const c = this.commandLine(ev.rel, v, CODES);
        if (!c) continue;
        d.hooks = { ...d.hooks, [which]: { executable: c.program, args: c.args, at: v.at } };
        this.origin(which === "preStart" ? "hooks.preStart" : "hooks.postStop", ev.rel, v);
      }
    }
  }

  /** nssm sets any account but the well-known ones (and the service's own virtual account) only with a password. */
  protected needsPassword(user: string): boolean {
    return !passwordlessUser(user, this.name, "2.24-101");
  }

  // --- what nothing read

  protected unread(rel: string, v: RegValue): void {
    const where = this.setting(rel, v);
    if (rel === "") {
      const why =
        v.name.toLowerCase() === "failureactions"
          ? "the SCM's recovery actions have no place in an nssm spec, whose restarts are nssm's (AppExit)"
          : v.name.toLowerCase() === "environment"
            ? "the service's own environment (nssm set Environment) has no spec field; a spec's environment is AppEnvironmentExtra"
            : "the spec has no field for it";
      this.warn(v.at, VALUE_NOT_IMPORTED, `${where} is not imported: ${why}`);
      return;
    }
    const name = v.name.toLowerCase();
    const reset = rel.toLowerCase() === "parameters" && RESET_BY_SCRIPT.some((n) => n.toLowerCase() === name);
    const why = PARAMETER_WHY[name] ?? "the spec has no field for it";
    this.warn(
      v.at,
      PARAMETER_NOT_IMPORTED,
      `${where} is not imported: ${why}; ${reset ? "the install script built from the spec resets it to nssm's default" : "a service installed from the spec does not have it"}`,
    );
  }

  protected unreadKey(rel: string, key: RegKey): void {
    const why = rel.toLowerCase() === "security" ? "the service's security descriptor (who may start, stop or change it) has no spec field" : "the spec has no field for it";
    this.warn(key.at, rel.toLowerCase().startsWith("parameters\\") ? PARAMETER_NOT_IMPORTED : VALUE_NOT_IMPORTED, `[${rel}] is not imported: ${why}${key.values.length ? ` (${key.values.map((v) => v.name || "(Default)").join(", ")})` : ""}`);
  }
}

/**
 * A log file's path split as plan.ts's logPath joins directory and file: at the last backslash (which logPath
 * adds), or after the last slash or a backslash that follows another separator (kept in the directory, which
 * logPath then leaves as it is), so that joining gives the same characters.
 */
export function splitLogPath(parts: readonly TextPart[]): { dir: TextPart[]; file: TextPart[] } | undefined {
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!;
    if (p.kind !== "literal") continue;
    const k = Math.max(p.text.lastIndexOf("\\"), p.text.lastIndexOf("/"));
    if (k < 0) continue;
    // logPath adds a backslash only after a directory that does not end in a separator already.
    const keepSep = p.text[k] === "/" || /[\\/]$/.test(p.text.slice(0, k));
    const dir: TextPart[] = [...parts.slice(0, i), { kind: "literal", text: p.text.slice(0, keepSep ? k + 1 : k) }];
    const file: TextPart[] = [{ kind: "literal", text: p.text.slice(k + 1) }, ...parts.slice(i + 1)];
    const clean = (xs: TextPart[]) => xs.filter((x) => x.kind === "var" || x.text !== "");
    const f = clean(file);
    const dd = clean(dir);
    if (f.length === 0 || dd.length === 0) return undefined;
    return { dir: dd, file: f };
  }
  return undefined;
}

export { installed } from "../scm/installed.js";
export { asInstalled } from "./as-installed.js";

/** Warnings about what the registry holds and the spec does not (ReaderModule.unstated): the Parameters key's and the service key's. */
export const unstated = [PARAMETER_NOT_IMPORTED, PARAMETER_APPROXIMATED, VALUE_NOT_IMPORTED, VALUE_APPROXIMATED];
