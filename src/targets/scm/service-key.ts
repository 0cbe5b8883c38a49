import { diag, hasErrors, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { parseRegExport, regTypeName, type RegKey, type RegValue } from "../../escape/reg-file.js";
import { decodeWindowsValue } from "../../escape/windows-env.js";
import { NOT_A_SPEC_NAME, passwordFromEnvWarning } from "../../import/codes.js";
import { completeModel, literalText, passwordVariable, textFromParts, type ModelDraft } from "../../import/read-model.js";
import { windowsBuiltinAccount, type Account, type Located, type ServiceModel, type SourceLoc, type Text } from "../../model.js";
import type { SpecField } from "../../spec/fields.js";
import { NOT_A_PROGRAM_SERVICE, NOT_A_SERVICE_EXPORT, VALUE_APPROXIMATED, VALUE_NOT_IMPORTED, VALUE_UNREADABLE } from "../sc/codes.js";
import type { ReadResult, SourceText } from "../types.js";
import { readCommandLine } from "../../import/windows-command-line.js";
import { SCM_SUBKEYS_WITHOUT_SETTINGS } from "./keys.js";
import { ReaderBase, SPEC_NAME_RULE } from "../../import/reader-base.js";

// What the nssm and sc readers share: the export opened and checked to be one service key, every value
// looked up once (whatever no reader asked for is reported at the end: nothing is dropped silently), the
// values the SCM keeps for every service (Type, Start, DisplayName, ObjectName, DependOnService, ...), and
// the model finished and checked against the target's own rules (a value the target's script cannot carry
// is the reader's located error, not a spec that fails to build).
//
// Positions: a value is located at the start of its line in the export; origins name it by its path below
// the service key (`Parameters\AppExit\(Default)`), which is what `svcgen diff` shows.

const SERVICE_KEY = /^HKEY_LOCAL_MACHINE\\SYSTEM\\(?:CurrentControlSet|ControlSet\d{3})\\Services\\([^\\]+)$/i;
const SPEC_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const DEPENDENCY = /^[A-Za-z0-9][A-Za-z0-9_.@:-]*$/;
/** The ObjectName each built-in account is written as (model.ts windowsBuiltinAccount), the default first. */
const BUILTIN_NAMES = (["local-system", "local-service", "network-service", "virtual"] as const).map((b) => [b, (service: string) => windowsBuiltinAccount(b, service)] as const);
/** Windows' default pre-shutdown timeout, which Wine's SCM writes into every service key. */
const DEFAULT_PRESHUTDOWN_MS = 180_000;

const TYPES: Record<number, string> = {
  0x1: "a kernel driver",
  0x2: "a file system driver",
  0x4: "an adapter driver",
  0x8: "a file system recognizer driver",
  0x20: "a service that shares a process with others (a DLL that svchost.exe loads)",
  0x120: "a service that shares a process with others (a DLL that svchost.exe loads)",
  0x50: "a per-user service template",
  0x60: "a per-user service template",
};

export interface ReaderCodes {
  /** A value with no spec field, not imported. */
  notImported: string;
  approximated: string;
  unreadable: string;
  /** A value the target's check refuses. */
  notCarried: string;
}

/** A value's text and whether Windows expands it (REG_EXPAND_SZ). */
export interface RegText {
  text: string;
  expanded: boolean;
}

export abstract class ServiceKeyReader extends ReaderBase {
  declare protected readonly target: "nssm" | "sc";
  private readonly read = new Set<RegValue>();
  private readonly readKeys = new Set<RegKey>();
  protected name = "";
  protected key!: RegKey;
  private subkeys = new Map<string, { rel: string; key: RegKey }>();

  constructor(
    target: "nssm" | "sc",
    protected readonly files: readonly SourceText[],
  ) {
    super(target);
  }

  protected get file(): string {
    return this.files[0]!.name;
  }

  /**
   * The draft every registry reader starts from: the export parsed, the service key found and the SCM's
   * own values read into it; undefined (with errors) when the export is not one program service's key.
   */
  protected service(): ModelDraft | undefined {
    if (!this.open()) return undefined;
    const d: ModelDraft = { file: this.file, platform: "windows", name: { value: this.name, at: this.keyAt }, executable: literalText("", this.keyAt) };
    return this.scm(d) ? d : undefined;
  }

  /** Parses the export and finds the service key; false (with errors) when it is not one service's key. */
  private open(): boolean {
    const [main, ...more] = this.files;
    if (!main) throw new Error("internal: registry reader called without a file");
    for (const f of more) this.error({ file: f.name, line: 1, col: 1 }, NOT_A_SERVICE_EXPORT, `${f.name} cannot extend a registry export: one service key is one file`, "import each export on its own");
    const parsed = parseRegExport(main.text, main.name);
    for (const p of parsed.problems) this.error(p.at, NOT_A_SERVICE_EXPORT, p.message);
    const first = parsed.keys[0];
    const start = { file: main.name, line: 1, col: 1 };
    const m = first && SERVICE_KEY.exec(first.path);
    if (!first || !m) {
      if (parsed.problems.length === 0 || first) {
        this.error(first?.at ?? start, NOT_A_SERVICE_EXPORT, first ? `[${first.path}] is not a service's key` : "the export has no key", "export the service's key: reg export HKLM\\SYSTEM\\CurrentControlSet\\Services\\<name> <name>.reg");
      }
      return false;
    }
    this.key = first;
    this.name = m[1]!;
    const prefix = first.path.toLowerCase() + "\\";
    for (const k of parsed.keys.slice(1)) {
      if (!k.path.toLowerCase().startsWith(prefix)) {
        this.error(k.at, NOT_A_SERVICE_EXPORT, `[${k.path}] is not part of the service key ${first.path}`, "export one service's key per file");
        continue;
      }
      const rel = k.path.slice(prefix.length);
      this.subkeys.set(rel.toLowerCase(), { rel, key: k });
    }
    if (hasErrors(this.diagnostics)) return false;
    if (!SPEC_NAME.test(this.name)) {
      this.diagnostics.push(diag(first.at, "error", NOT_A_SPEC_NAME, `the service ${JSON.stringify(this.name)} cannot be a spec's name`, SPEC_NAME_RULE, this.target));
      return false;
    }
    return true;
  }

  protected get keyAt(): SourceLoc {
    return this.key.at;
  }

  /** A subkey by its path below the service key ("" is the service key), or undefined. */
  protected subkey(rel: string): RegKey | undefined {
    const k = rel === "" ? this.key : this.subkeys.get(rel.toLowerCase())?.key;
    if (k) this.readKeys.add(k);
    return k;
  }
  /** The subkeys directly below `rel`, by their own names. */
  protected children(rel: string): { name: string; rel: string; key: RegKey }[] {
    const prefix = rel === "" ? "" : rel.toLowerCase() + "\\";
    return [...this.subkeys.values()]
      .filter((s) => s.rel.toLowerCase().startsWith(prefix) && !s.rel.slice(prefix.length).includes("\\"))
      .map((s) => ({ name: s.rel.slice(prefix.length), rel: s.rel, key: s.key }));
  }

  /** A value, marked as read. */
  protected value(rel: string, name: string): RegValue | undefined {
    const v = this.subkey(rel)?.values.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (v) this.read.add(v);
    return v;
  }
  /** The values of a key, every one marked as read. */
  protected values(rel: string): RegValue[] {
    const vs = this.subkey(rel)?.values ?? [];
    for (const v of vs) this.read.add(v);
    return vs;
  }

  /** How a value is named in messages and origins: its path below the service key, `(Default)` for `@`. */
  protected setting(rel: string, v: RegValue | string): string {
    const name = typeof v === "string" ? v : v.name === "" ? "(Default)" : v.name;
    return rel === "" ? name : `${rel}\\${name}`;
  }
  protected origin(field: SpecField, rel: string, v: RegValue): void {
    this.origins.set(field, { setting: this.setting(rel, v), at: v.at });
  }

  // --- typed access: a value of another type than its reader takes is reported, not reinterpreted

  protected dword(rel: string, v: RegValue, code: string): number | undefined {
    if (v.data.type === "REG_DWORD") return v.data.number;
    this.error(v.at, code, `${this.setting(rel, v)} is ${regTypeName(v.data)}; it is read as a number (REG_DWORD)`);
    return undefined;
  }
  protected text(rel: string, v: RegValue, code: string): RegText | undefined {
    if (v.data.type === "REG_SZ" || v.data.type === "REG_EXPAND_SZ") return { text: v.data.text, expanded: v.data.type === "REG_EXPAND_SZ" };
    this.error(v.at, code, `${this.setting(rel, v)} is ${regTypeName(v.data)}; it is read as text (REG_SZ or REG_EXPAND_SZ)`);
    return undefined;
  }
  protected list(rel: string, v: RegValue, code: string): string[] | undefined {
    if (v.data.type === "REG_MULTI_SZ") return v.data.items;
    this.error(v.at, code, `${this.setting(rel, v)} is ${regTypeName(v.data)}; it is read as a list (REG_MULTI_SZ)`);
    return undefined;
  }

  /** A path or other single value Windows (or nssm) expands when it is REG_EXPAND_SZ, as spec text. */
  protected expandable(rel: string, v: RegValue, code: string): Text | undefined {
    const t = this.text(rel, v, code);
    if (!t) return undefined;
    const d = decodeWindowsValue(t.text, t.expanded);
    if (!d.ok) {
      this.error(v.at, code, `${this.setting(rel, v)} ${JSON.stringify(t.text)} cannot be read to one value: ${d.problem}`);
      return undefined;
    }
    return textFromParts(d.parts, v.at);
  }

  /** A command line Windows runs (an ImagePath, an nssm hook): readCommandLine, reported as this reader reports. */
  protected commandLine(rel: string, v: RegValue, codes: ReaderCodes): { program: Text; args: Text[] } | undefined {
    const t = this.text(rel, v, codes.unreadable);
    if (!t) return undefined;
    return readCommandLine(this.setting(rel, v), t, v.at, codes, (severity, at, code, message, hint) => (severity === "error" ? this.error(at, code, message, hint) : this.warn(at, code, message, hint)));
  }

  // --- the values the SCM keeps for every service

  /** Type, Start, DisplayName, Description, ObjectName, DependOnService and the SCM's other values; false when the key is not a program's service. */
  private scm(d: ModelDraft): boolean {
    const codes = { unreadable: VALUE_UNREADABLE };
    const typeValue = this.value("", "Type");
    if (!typeValue) {
      this.error(this.keyAt, NOT_A_PROGRAM_SERVICE, `the key has no Type value: the SCM does not know it as a service`);
      return false;
    }
    const type = this.dword("", typeValue, codes.unreadable);
    if (type === undefined) return false;
    if (type === 0x110) {
      this.warn(typeValue.at, VALUE_APPROXIMATED, "Type=0x110: the service may interact with the desktop, which a spec cannot say (and Windows has not shown since Vista); the spec's service is of its own process (0x10)");
    } else if (type !== 0x10) {
      const what = TYPES[type] ?? `a service of type 0x${type.toString(16)}`;
      this.error(typeValue.at, NOT_A_PROGRAM_SERVICE, `${this.name} is ${what}, not a program that runs as its own service (Type 0x10)`);
      return false;
    }

    const startValue = this.value("", "Start");
    const start = startValue && this.dword("", startValue, codes.unreadable);
    if (!startValue) this.error(this.keyAt, VALUE_UNREADABLE, "the key has no Start value: when the service starts is not known");
    else if (start === 0 || start === 1) {
      this.error(startValue.at, NOT_A_PROGRAM_SERVICE, `Start=${start} (${start === 0 ? "boot" : "system"} start) is a driver's`);
      return false;
    } else if (start !== undefined && ![2, 3, 4].includes(start)) this.error(startValue.at, VALUE_UNREADABLE, `Start=${start} is not a start type (2 automatic, 3 manual, 4 disabled)`);
    const delayedValue = this.value("", "DelayedAutostart");
    const delayed = delayedValue && this.dword("", delayedValue, codes.unreadable);
    if (delayedValue && delayed !== undefined && delayed !== 0 && delayed !== 1) this.error(delayedValue.at, VALUE_UNREADABLE, `DelayedAutostart=${delayed} is neither 0 nor 1`);
    if (startValue && (start === 2 || start === 3 || start === 4)) {
      // DelayedAutostart only matters with Start=2; Windows keeps it when the start type changes, to no effect.
      const value = start === 2 ? (delayed === 1 ? "delayed" : "auto") : start === 3 ? "manual" : "disabled";
      const at = value === "delayed" ? delayedValue!.at : startValue.at;
      d.startup = { value, at };
      this.origins.set("startup", { setting: value === "delayed" ? "DelayedAutostart" : "Start", at });
    }

    const ec = this.value("", "ErrorControl");
    const errorControl = ec && this.dword("", ec, codes.unreadable);
    if (ec && errorControl !== undefined && errorControl !== 1) {
      const what = ["ignore", "normal", "severe", "critical"][errorControl] ?? "unknown";
      this.warn(ec.at, VALUE_NOT_IMPORTED, `ErrorControl=${errorControl} (${what}: what Windows does at boot when the service fails to start) has no spec field; a service installed from the spec has 1 (normal)`);
    }
    const pre = this.value("", "PreshutdownTimeout");
    const preMs = pre && this.dword("", pre, codes.unreadable);
    if (pre && preMs !== undefined && preMs !== DEFAULT_PRESHUTDOWN_MS) this.warn(pre.at, VALUE_NOT_IMPORTED, `PreshutdownTimeout=${preMs} ms has no spec field; a service installed from the spec has Windows' default (180000 ms)`);
    this.value("", "WOW64");

    const dn = this.value("", "DisplayName");
    const displayName = dn && this.text("", dn, codes.unreadable);
    if (dn && displayName && displayName.text !== "" && displayName.text !== this.name) {
      d.displayName = literalText(displayName.text, dn.at);
      this.origin("displayName", "", dn);
    }
    const desc = this.value("", "Description");
    const description = desc && this.text("", desc, codes.unreadable);
    if (desc && description && description.text !== "") {
      d.description = literalText(description.text, desc.at);
      this.origin("description", "", desc);
    }
    this.account(d);
    this.dependencies(d);
    return true;
  }

  /** Whether the target sets this account only together with its password (the spec then reads one from the environment). */
  protected abstract needsPassword(user: string): boolean;

  /**
   * ObjectName: the spellings svcgen's scripts write for the built-in accounts read back as those accounts
   * (LocalSystem, the spec's default, as no account); any other name is a user, with a password read from
   * <NAME>_PASSWORD when the target needs one (the export never holds it: the SCM keeps it as an LSA secret).
   */
  private account(d: ModelDraft): void {
    const v = this.value("", "ObjectName");
    const t = v && this.text("", v, VALUE_UNREADABLE);
    if (!v || !t) return;
    const s = t.text;
    this.origin("account", "", v);
    const builtin = BUILTIN_NAMES.find(([, n]) => n(this.name).toLowerCase() === s.toLowerCase())?.[0];
    if (s === "" || builtin === "local-system") return; // the SCM's default, and the spec's: nothing to say
    if (builtin) {
      d.account = { kind: "builtin", builtin, at: v.at };
      return;
    }
    const account: Account = { kind: "user", user: literalText(s, v.at), at: v.at };
    if (this.needsPassword(s)) {
      const variable = passwordVariable(this.name);
      account.passwordFromEnv = { value: variable, at: v.at };
      this.origin("account.password", "", v);
      this.diagnostics.push(passwordFromEnvWarning(v.at, variable, this.target));
    }
    d.account = account;
  }

  private dependencies(d: ModelDraft): void {
    const v = this.value("", "DependOnService");
    const items = v && this.list("", v, VALUE_UNREADABLE);
    if (v && items) {
      const deps: Located<string>[] = [];
      for (const item of items) {
        if (!DEPENDENCY.test(item)) this.error(v.at, VALUE_UNREADABLE, `DependOnService names ${JSON.stringify(item)}, which a spec's dependsOn cannot hold (letters, digits, _ . @ : -)`);
        else if (item.toLowerCase() === this.name.toLowerCase()) this.error(v.at, VALUE_UNREADABLE, `DependOnService names the service itself`);
        else if (deps.some((x) => x.value.toLowerCase() === item.toLowerCase())) this.warn(v.at, VALUE_APPROXIMATED, `DependOnService names ${item} twice; the spec names it once`);
        else deps.push({ value: item, at: v.at });
      }
      if (deps.length > 0) {
        d.dependsOn = deps;
        this.origin("dependsOn", "", v);
      }
    }
    const g = this.value("", "DependOnGroup");
    const groups = g && this.list("", g, VALUE_UNREADABLE);
    if (g && groups && groups.length > 0) this.warn(g.at, VALUE_NOT_IMPORTED, `DependOnGroup ${groups.join(", ")}: a spec's dependsOn names services, not load-order groups; not imported`);
  }

  // --- the end: what nobody read, and the model

  /** How a value nothing read is reported: by the subclass, which knows its own parameters. */
  protected abstract unread(rel: string, v: RegValue): void;
  /** How a subkey nothing read is reported. */
  protected abstract unreadKey(rel: string, key: RegKey): void;

  /** Reports every value and subkey no step read. */
  protected leftovers(): void {
    for (const v of this.key.values) if (!this.read.has(v)) this.unread("", v);
    for (const { rel, key } of this.subkeys.values()) {
      if (SCM_SUBKEYS_WITHOUT_SETTINGS.some((s) => rel.toLowerCase() === s.toLowerCase() || rel.toLowerCase().startsWith(s.toLowerCase() + "\\"))) continue;
      if (!this.readKeys.has(key)) {
        // A key without values holds no setting (reg export writes the keys above others, empty).
        if (key.values.length > 0) this.unreadKey(rel, key);
        continue;
      }
      for (const v of key.values) if (!this.read.has(v)) this.unread(rel, v);
    }
  }

  /** Reports what no step read, completes the model and checks it against the target's own rules. */
  protected finish(d: ModelDraft, check: (m: ServiceModel) => Diagnostic[], notCarried: string): ReadResult {
    this.leftovers();
    if (hasErrors(this.diagnostics)) return this.result();
    const model = completeModel(d, this.origins);
    for (const c of check(model)) {
      if (c.severity === "error") this.error({ file: c.file, line: c.line, col: c.col }, notCarried, `the ${this.target} install script cannot carry this value: ${c.message} (${c.code})`, c.hint);
    }
    if (hasErrors(this.diagnostics)) return this.result();
    return { ...this.result(), model };
  }
}

