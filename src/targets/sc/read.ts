import { literalText, type ModelDraft } from "../../import/read-model.js";
import type { RegKey, RegValue } from "../../escape/reg-file.js";
import type { EnvVar } from "../../model.js";
import type { SpecField } from "../../spec/fields.js";
import { ACTION_NAMES, decodeFailureActions, INFINITE, SC_ACTION_NONE, SC_ACTION_RESTART, type FailureActions } from "../scm/failure-actions.js";
import { ServiceKeyReader, type ReaderCodes } from "../scm/service-key.js";
import type { ReadResult, SourceText } from "../types.js";
import { check } from "./check.js";
import { NOT_A_PROGRAM_SERVICE, VALUE_APPROXIMATED, VALUE_NOT_CARRIED, VALUE_NOT_IMPORTED, VALUE_UNREADABLE } from "./codes.js";
import { shownText } from "../../import/secrets.js";

// The sc reader: the export of a service's registry key (`reg export HKLM\SYSTEM\CurrentControlSet\Services\
// <name>`) -> the ServiceModel of a spec that the sc target builds back into the scripts that make that key.
//
// - The SCM's values (Type, Start, DelayedAutostart, DisplayName, Description, ObjectName, DependOnService)
//   as scm/service-key.ts reads them for both registry readers.
// - ImagePath: a command line the SCM expands (REG_EXPAND_SZ) and runs: the program and the arguments the
//   program receives, split as the C runtime splits them (commands.ts's imagePath is the encoder).
// - Environment: NAME=value entries the SCM passes on as written.
// - FailureActions and FailureActionsOnNonCrashFailures: the recovery actions `sc failure` and
//   `sc failureflag` set, read back into restart.* as commands.ts's failureActions writes them: one restart
//   action repeated for ever, or maxRetries restarts and then "take no action", the failure count reset
//   after restart.resetAfter (or restart.window, with a retry limit).

const T = "sc";
const CODES: ReaderCodes = { notImported: VALUE_NOT_IMPORTED, approximated: VALUE_APPROXIMATED, unreadable: VALUE_UNREADABLE, notCarried: VALUE_NOT_CARRIED };
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Accounts sc.exe sets without a password: a gMSA, NT AUTHORITY and NT SERVICE identities (as the spec's normalize allows). */
const PASSWORDLESS = /(\$$)|^(NT AUTHORITY|NT SERVICE)\\/i;

/** Why values of the service key that no step reads are not imported. */
const NOT_IMPORTED: Readonly<Record<string, string>> = {
  group: "the load-order group has no spec field",
  tag: "the load-order tag has no spec field",
  servicesidtype: "the service SID type (sc sidtype) has no spec field",
  requiredprivileges: "the required privileges (sc privs) have no spec field",
  failurecommand: "the command of a run-a-command failure action has no spec field",
  rebootmessage: "the message of a restart-the-computer failure action has no spec field",
  launchprotected: "the protection level of the service has no spec field",
};

export function read(files: readonly SourceText[]): ReadResult {
  return new ScReader(files).run();
}

class ScReader extends ServiceKeyReader {
  constructor(files: readonly SourceText[]) {
    super(T, files);
  }

  run(): ReadResult {
    const d = this.service();
    if (!d) return this.result();
    if (!this.imagePath(d)) return this.result();
    this.environment(d);
    this.restart(d);
    return this.finish(d, check, VALUE_NOT_CARRIED);
  }

  private imagePath(d: ModelDraft): boolean {
    const v = this.value("", "ImagePath");
    if (!v) {
      this.error(this.keyAt, VALUE_UNREADABLE, "the key has no ImagePath: there is no program to run");
      return false;
    }
    const c = this.commandLine("", v, CODES);
    if (!c) return false;
    const exe = c.program.parts.map((p) => (p.kind === "literal" ? p.text : "")).join("");
    if (/(^|[\\/])svchost\.exe$/i.test(exe)) {
      this.error(v.at, NOT_A_PROGRAM_SERVICE, `${this.name} runs svchost.exe, which hosts service DLLs: it is not a program that runs as its own service`);
      return false;
    }
    d.executable = c.program;
    this.origin("executable", "", v);
    if (c.args.length > 0) {
      d.args = c.args;
      this.origin("args", "", v);
    }
    return true;
  }

  private environment(d: ModelDraft): void {
    const v = this.value("", "Environment");
    const items = v && this.list("", v, VALUE_UNREADABLE);
    if (!v || !items) return;
    const vars: EnvVar[] = [];
    for (const item of items) {
      const eq = item.indexOf("=");
      const name = item.slice(0, Math.max(0, eq));
      if (eq <= 0 || !ENV_NAME.test(name)) {
        this.error(v.at, VALUE_UNREADABLE, `Environment holds ${shownText(JSON.stringify(item))}, which is not NAME=value with a name a spec can hold (letters, digits, _)`);
        continue;
      }
      if (vars.some((x) => x.name.toLowerCase() === name.toLowerCase())) {
        this.error(v.at, VALUE_UNREADABLE, `Environment sets ${name} twice (Windows names are case-insensitive): which value the program sees is not defined`);
        continue;
      }
      // The SCM passes the entries on as written: the value is literal text ($ is $$ in the spec).
      vars.push({ name, value: literalText(item.slice(eq + 1), v.at), at: v.at });
    }
    if (vars.length > 0) {
      d.environment = vars;
      this.origin("environment", "", v);
    }
  }

  /** The recovery actions, read back as commands.ts writes them; what the spec cannot state is reported. */
  private restart(d: ModelDraft): void {
    const fv = this.value("", "FailureActions");
    const flagValue = this.value("", "FailureActionsOnNonCrashFailures");
    const flag = flagValue ? this.dword("", flagValue, VALUE_UNREADABLE) : 0;
    let fa: FailureActions | undefined;
    if (fv) {
      if (fv.data.type !== "REG_BINARY") {
        this.error(fv.at, VALUE_UNREADABLE, `FailureActions is ${fv.data.type === "other" ? `of type ${fv.data.code}` : fv.data.type}; the SCM stores it as REG_BINARY`);
        return;
      }
      const r = decodeFailureActions(fv.data.bytes);
      if (!r.ok) {
        this.error(fv.at, VALUE_UNREADABLE, `FailureActions cannot be read: ${r.problem}`);
        return;
      }
      fa = r.value;
      if (fa.rebootMsgOffset || fa.commandOffset) this.warn(fv.at, VALUE_NOT_IMPORTED, "FailureActions holds a reboot message or a command of its own, which the spec has no field for; not imported");
    }
    const actions = fa?.actions ?? [];
    const at = fv?.at ?? this.keyAt;
    const origin = (field: SpecField, v: RegValue | undefined = fv) => v && this.origin(field, "", v);
    let n = 0;
    while (n < actions.length && actions[n]!.type === SC_ACTION_RESTART) n++;
    const after = actions.slice(n);
    const other = after.find((a) => a.type !== SC_ACTION_NONE);
    if (n === 0) {
      d.restart = { policy: { value: "never", at } };
      if (fv) origin("restart.policy");
      else if (flagValue) origin("restart.policy", flagValue);
      else this.origins.set("restart.policy", { setting: "FailureActions (none: the SCM does not restart the service)", at });
      if (other) this.warn(at, VALUE_NOT_IMPORTED, `FailureActions: on failure the SCM does not restart the service but will ${actions.filter((a) => a.type !== SC_ACTION_NONE).map((a) => ACTION_NAMES[a.type]).join(", then ")}, which the spec has no field for; not imported (restart.policy: never)`);
      else if (fa && fa.resetSeconds !== 0) this.warn(at, VALUE_NOT_IMPORTED, `FailureActions: a reset period of ${fa.resetSeconds} s without any action has no effect; not imported`);
      if (flag === 1) this.warn(flagValue!.at, VALUE_NOT_IMPORTED, "FailureActionsOnNonCrashFailures=1 has no effect without a restart action; not imported");
      return;
    }
    const restarts = actions.slice(0, n);
    const delay = restarts[0]!.delayMs;
    const policyAt = flagValue && flag === 1 ? flagValue.at : at;
    d.restart = { policy: { value: "on-failure", at: policyAt }, delayMs: { value: delay, at } };
    origin("restart.policy", flagValue && flag === 1 ? flagValue : fv);
    origin("restart.delay");
    if (flag !== 1) {
      this.warn(
        flagValue?.at ?? at,
        VALUE_APPROXIMATED,
        `${flagValue ? "FailureActionsOnNonCrashFailures=0" : "without FailureActionsOnNonCrashFailures"} the SCM restarts the service only when its process ends without reporting that it stopped; the spec's restart.policy: on-failure also restarts after it stops with an error (sc.exe failureflag 1)`,
      );
    }
    if (restarts.some((r) => r.delayMs !== delay)) {
      this.warn(at, VALUE_APPROXIMATED, `FailureActions restarts after ${restarts.map((r) => `${r.delayMs} ms`).join(", ")}; the spec has one restart.delay, the first (${delay} ms)`);
    }
    const reset = fa!.resetSeconds;
    if (after.length === 0) {
      // One restart repeated for ever (the SCM repeats the last action): several equal ones say the same.
      if (reset === INFINITE) this.warn(at, VALUE_NOT_IMPORTED, "FailureActions: a reset period of INFINITE has no spec value (and no effect when the last action is a restart); not imported");
      else if (reset > 0) {
        d.restart.resetAfterMs = { value: reset * 1000, at };
        origin("restart.resetAfter");
      }
      return;
    }
    if (other) {
      this.warn(
        at,
        other === after[0] ? VALUE_NOT_IMPORTED : VALUE_APPROXIMATED,
        `FailureActions: after ${n} restart${n === 1 ? "" : "s"} the SCM will ${after.map((a) => ACTION_NAMES[a.type]).join(", then ")}; the spec gives up after ${n} restart${n === 1 ? "" : "s"}, and what the SCM does next is not imported`,
      );
    }
    if (reset === INFINITE || n > 1000) {
      const why = n > 1000 ? `${n} restarts are more than a spec's maxRetries (1000)` : "the failure count is never reset, which a spec's window cannot say";
      this.warn(at, VALUE_APPROXIMATED, `FailureActions gives up after ${n} restart${n === 1 ? "" : "s"}, but ${why}; the spec restarts without a limit`);
      return;
    }
    // The reset period as the window the retries are counted in (commands.ts writes window, or resetAfter, there).
    d.restart.maxRetries = { value: n, at };
    d.restart.windowMs = { value: reset * 1000, at };
    origin("restart.maxRetries");
    origin("restart.window");
  }

  /** sc.exe passes a password for any account but those whose password Windows manages (check.ts refuses one for them). */
  protected needsPassword(user: string): boolean {
    return !PASSWORDLESS.test(user);
  }

  protected unread(rel: string, v: RegValue): void {
    const why = rel === "" ? NOT_IMPORTED[v.name.toLowerCase()] : undefined;
    const where = this.setting(rel, v);
    this.warn(v.at, VALUE_NOT_IMPORTED, `${where} is not imported: ${why ?? (rel === "" ? "the spec has no field for it" : "the program's own settings have no spec field (sc.exe passes nothing from them)")}`);
  }

  protected unreadKey(rel: string, key: RegKey): void {
    const why =
      rel.toLowerCase() === "parameters" || rel.toLowerCase().startsWith("parameters\\")
        ? "the program's own settings have no spec field (sc.exe passes nothing from them)"
        : rel.toLowerCase() === "security"
        ? "the service's security descriptor (who may start, stop or change it) has no spec field"
        : rel.toLowerCase() === "triggerinfo" || rel.toLowerCase().startsWith("triggerinfo\\")
          ? "trigger-start settings have no spec field"
          : "the spec has no field for it";
    this.warn(key.at, VALUE_NOT_IMPORTED, `[${rel}] is not imported: ${why}${key.values.length ? ` (${key.values.map((v) => v.name || "(Default)").join(", ")})` : ""}`);
  }
}

export { installed } from "../scm/installed.js";
export { asInstalled } from "./as-installed.js";

/** Warnings about what the service key holds and the spec does not (ReaderModule.unstated). */
export const unstated = [VALUE_NOT_IMPORTED, VALUE_APPROXIMATED];
