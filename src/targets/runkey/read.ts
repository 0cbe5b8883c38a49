import { diag, hasErrors, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { parseRegExport, regTypeName, type RegKey, type RegValue } from "../../escape/reg-file.js";
import { decodeWindowsValue } from "../../escape/windows-env.js";
import { NOT_A_SPEC_NAME } from "../../import/codes.js";
import { completeModel, literalText, type ModelDraft } from "../../import/read-model.js";
import { readCommandLine } from "../../import/windows-command-line.js";
import type { SourceLoc } from "../../model.js";
import type { SpecField } from "../../spec/fields.js";
import type { ReadResult, ServiceList, SourceText } from "../types.js";
import { check } from "./check.js";
import { APPROXIMATED, NOT_CARRIED, NOT_IMPORTED, UNREADABLE } from "./codes.js";
import { APPROVED_FIRST_BYTE, runKeyPath, type RunKeyPath } from "./keys.js";
import { ReaderBase, SPEC_NAME_RULE } from "../../import/reader-base.js";

// The Run-key reader: a `reg export` of a Run key (HKCU's or HKLM's ...\CurrentVersion\Run) -> a ServiceModel per
// entry, each a spec that the runkey target builds back into the scripts that write that entry.
//
// - Each text value of a Run key is an entry: Explorer starts its command line at each logon (capabilities.ts). Its
//   name is the spec's name; its data the program and arguments, split as the C runtime splits them
//   (readCommandLine, the decoder the service readers use too), after Windows expands a REG_EXPAND_SZ.
// - HKLM's entries are `options.runkey.scope: machine`; HKCU's (or a user's hive, HKEY_USERS\<SID>) the default.
// - Task Manager's record of the entry, a value of the same name under Explorer\StartupApproved\Run in the same
//   export, says whether the user disabled it: `startup: disabled`. An export without that key says nothing about
//   it, and the spec says auto; the install script leaves a Task Manager disable as it is anyway (unless
//   options.runkey.reenable).
// - Everything else in the export is reported (SVC6601): nothing is dropped silently.

const T = "runkey";
const SPEC_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

interface Entry {
  key: RegKey;
  where: RunKeyPath;
  value: RegValue;
}

interface Export {
  file: string;
  diagnostics: Diagnostic[];
  /** The Run keys' text values, by lower-case name (two of one name: both). */
  entries: Map<string, Entry[]>;
  /** Task Manager's records: by scope root, view and lower-case name. */
  approved: Map<string, RegValue>;
}

const approvedKey = (where: RunKeyPath, name: string) => `${where.root.toLowerCase()}|${where.wow64}|${name.toLowerCase()}`;
const keyName = (path: string) => path.replace(/^HKEY_CURRENT_USER\\/i, "HKCU\\").replace(/^HKEY_LOCAL_MACHINE\\/i, "HKLM\\").replace(/^HKEY_USERS\\/i, "HKU\\");

/** The export read into entries and records, with what in it is no entry reported. */
function open(files: readonly SourceText[]): Export {
  const [main, ...more] = files;
  if (!main) throw new Error("internal: Run-key reader called without a file");
  const out: Export = { file: main.name, diagnostics: [], entries: new Map(), approved: new Map() };
  const report = (severity: "error" | "warning", at: SourceLoc, code: string, message: string, hint?: string) => out.diagnostics.push(diag(at, severity, code, message, hint, T));
  for (const f of more) report("error", { file: f.name, line: 1, col: 1 }, UNREADABLE, `${f.name} cannot extend a registry export`, "import each export on its own");
  const parsed = parseRegExport(main.text, main.name);
  for (const p of parsed.problems) report("error", p.at, UNREADABLE, p.message);
  const texts: Entry[] = [];
  const records: { key: RegKey; where: RunKeyPath }[] = [];
  for (const key of parsed.keys) {
    const where = runKeyPath(key.path);
    if (!where) {
      // reg export writes the keys above a subkey too, empty: only a key with values holds something.
      if (key.values.length > 0) report("warning", key.at, NOT_IMPORTED, `[${key.path}] is not a Run key: its ${key.values.length} value${key.values.length === 1 ? "" : "s"} are not imported`);
      continue;
    }
    if (where.kind === "approved") {
      records.push({ key, where });
      continue;
    }
    for (const value of key.values) {
      if (where.kind === "runonce") {
        report("warning", value.at, NOT_IMPORTED, `${value.name === "" ? "(Default)" : value.name} is a RunOnce entry: Windows runs it once, at the next logon, and deletes it; it is not a service: not imported`);
      } else if (value.data.type !== "REG_SZ" && value.data.type !== "REG_EXPAND_SZ") {
        report("warning", value.at, NOT_IMPORTED, `${value.name === "" ? "(Default)" : value.name} is ${regTypeName(value.data)}: Explorer runs text values (REG_SZ, REG_EXPAND_SZ) only, so it is no Run entry: not imported`);
      } else if (value.name === "") {
        report("warning", value.at, NOT_IMPORTED, `the default value (@) of [${key.path}] has no name a spec can take: not imported`, "give the entry a name: reg add <key> /v <name> /d <command line>");
      } else texts.push({ key, where, value });
    }
  }
  if (!parsed.keys.some((k) => runKeyPath(k.path)?.kind === "run") && !hasErrors(out.diagnostics)) {
    report("error", parsed.keys[0]?.at ?? { file: main.name, line: 1, col: 1 }, UNREADABLE, "the export holds no Run key", "export one: reg export HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run run.reg");
  }
  for (const e of texts) {
    const k = e.value.name.toLowerCase();
    out.entries.set(k, [...(out.entries.get(k) ?? []), e]);
  }
  for (const { key, where } of records) {
    for (const v of key.values) {
      const entries = out.entries.get(v.name.toLowerCase()) ?? [];
      if (entries.some((e) => approvedKey(e.where, e.value.name) === approvedKey(where, v.name))) out.approved.set(approvedKey(where, v.name), v);
      else report("warning", v.at, NOT_IMPORTED, `${v.name === "" ? "(Default)" : v.name} in [${key.path}] is Task Manager's record of a Run entry the export does not hold (Task Manager keeps it after the entry is deleted): not imported`);
    }
  }
  return out;
}

export function list(files: readonly SourceText[]): ServiceList {
  const x = open(files);
  return { names: hasErrors(x.diagnostics) ? [] : [...x.entries.values()].map((es) => es[0]!.value.name), diagnostics: x.diagnostics };
}

export function read(files: readonly SourceText[], service?: string): ReadResult {
  if (service !== undefined) {
    const x = open(files);
    const entries = x.entries.get(service.toLowerCase());
    if (!entries || hasErrors(x.diagnostics)) throw new Error(`internal: no Run entry ${service} to read`);
    return new EntryReader(x, entries).read();
  }
  // Without a name: the export's one entry, with what list() says about the file.
  const listed = list(files);
  const diagnostics = [...listed.diagnostics];
  if (listed.names.length !== 1) {
    if (!hasErrors(diagnostics)) {
      const file = files[0]!.name;
      diagnostics.push(diag({ file, line: 1, col: 1 }, "error", UNREADABLE, `the export holds ${listed.names.length} Run entries (${listed.names.join(", ")}): name the one to read`, "svcgen import --service <name>", T));
    }
    return { diagnostics, origins: new Map() };
  }
  const r = read(files, listed.names[0]!);
  return { ...r, diagnostics: [...diagnostics, ...r.diagnostics] };
}

export { installed } from "./installed.js";

class EntryReader extends ReaderBase {

  constructor(
    private readonly x: Export,
    private readonly entries: Entry[],
  ) {
    super(T);
  }

  private origin(field: SpecField, e: Entry, v: RegValue = e.value): void {
    this.origins.set(field, { setting: `${keyName(e.key.path)}\\${v.name}`, at: v.at });
  }

  read(): ReadResult {
    const [e, ...others] = this.entries;
    const { value } = e!;
    for (const o of others) {
      this.report("error", o.value.at, UNREADABLE, `a second Run entry named ${value.name} (in [${o.key.path}], and in [${e!.key.path}]): each would be the spec ${value.name}`, "export one Run key per file");
    }
    if (others.length > 0) return this.result();
    const entry = e!;
    if (!SPEC_NAME.test(value.name)) {
      this.diagnostics.push(diag(value.at, "error", NOT_A_SPEC_NAME, `the Run entry ${JSON.stringify(value.name)} cannot be a spec's name`, `${SPEC_NAME_RULE}: rename the entry (reg add with the new name, reg delete the old one) and export again`, T));
      return this.result();
    }
    const d: ModelDraft = { file: this.x.file, platform: "windows", name: { value: value.name, at: value.at }, executable: literalText("", value.at) };
    this.origin("name", entry);
    if (!this.command(entry, d)) return this.result();
    // Explorer starts an entry once per logon and never again (capabilities.ts): the spec says so.
    d.restart = { policy: { value: "never", at: value.at } };
    this.origin("restart.policy", entry);
    this.startup(entry, d);
    if (entry.where.scope === "machine") {
      d.options = { scope: "machine" };
      d.optionOrigins = new Map([["scope", entry.key.at]]);
    }
    if (entry.where.wow64) {
      this.report(
        "warning",
        value.at,
        APPROXIMATED,
        `${value.name} is in the 32-bit view's Run key (WOW6432Node), which Explorer runs too; svcgen writes its entries in the 64-bit view, so the installed entry moves there (and the 32-bit one stays until deleted)`,
        `reg delete "${keyName(entry.key.path)}" /v ${value.name} /f once the spec's entry is installed`,
      );
    }
    if (hasErrors(this.diagnostics)) return this.result();
    const model = completeModel(d, this.origins);
    for (const c of check(model)) {
      if (c.severity === "error") this.report("error", { file: c.file, line: c.line, col: c.col }, NOT_CARRIED, `the runkey install script cannot carry this entry: ${c.message} (${c.code})`, c.hint);
    }
    if (hasErrors(this.diagnostics)) return this.result();
    return { ...this.result(), model };
  }

  /** The command line: the program and its arguments. */
  private command(e: Entry, d: ModelDraft): boolean {
    const v = e.value;
    const data = v.data as { type: "REG_SZ" | "REG_EXPAND_SZ"; text: string };
    let expanded = data.type === "REG_EXPAND_SZ";
    if (!expanded && !decodeWindowsValue(data.text, false).ok && decodeWindowsValue(data.text, true).ok) {
      // A REG_SZ with %NAME%: whether Explorer expands it is not documented (ReactOS's does, Wine's does not). An
      // entry written so means the variable; the spec says ${NAME}, which svcgen writes as REG_EXPAND_SZ.
      expanded = true;
      this.report(
        "warning",
        v.at,
        APPROXIMATED,
        `${v.name} is REG_SZ with %NAME% in it: Windows does not document whether Explorer expands a REG_SZ Run value; the spec reads it expanded (\${NAME}), and svcgen writes it as REG_EXPAND_SZ, which Windows expands`,
      );
    }
    const c = readCommandLine(v.name, { text: data.text, expanded }, v.at, { approximated: APPROXIMATED, unreadable: UNREADABLE }, (s, at, code, m, h) => this.report(s, at, code, m, h));
    if (!c) return false;
    d.executable = c.program;
    this.origin("executable", e);
    if (c.args.length > 0) {
      d.args = c.args;
      this.origin("args", e);
    }
    return true;
  }

  /** Task Manager's record: a disabled entry is startup: disabled. */
  private startup(e: Entry, d: ModelDraft): void {
    const r = this.x.approved.get(approvedKey(e.where, e.value.name));
    if (!r) return;
    if (r.data.type !== "REG_BINARY" || r.data.bytes.length === 0) {
      this.report("error", r.at, UNREADABLE, `Task Manager's record of ${e.value.name} is ${r.data.type === "REG_BINARY" ? "empty" : regTypeName(r.data)}; Task Manager writes REG_BINARY, its first byte saying enabled or disabled`);
      return;
    }
    const first = r.data.bytes[0]!;
    const state = APPROVED_FIRST_BYTE[first];
    if (!state) {
      this.report("error", r.at, UNREADABLE, `Task Manager's record of ${e.value.name} starts with ${first.toString(16).padStart(2, "0")}, which is neither enabled (02, 06) nor disabled (03, 07)`);
      return;
    }
    if (state === "disabled") {
      d.startup = { value: "disabled", at: r.at };
      this.origins.set("startup", { setting: `StartupApproved\\${r.name}`, at: r.at });
    }
  }
}

export { asInstalled } from "./as-installed.js";

/** Warnings about the entry that the spec states only approximately (ReaderModule.unstated). */
export const unstated = [APPROXIMATED];
