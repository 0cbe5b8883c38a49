import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type {
  Account,
  BuiltinAccount,
  Command,
  EnvVar,
  Located,
  Logs,
  Platform,
  Priority,
  RestartPolicy,
  ServiceModel,
  SourceLoc,
  Startup,
  Text,
} from "../model.js";
import { ENUM_DEFAULTS, SPEC_FIELDS } from "./fields.js";
import { locate, pointer, type LoadedSpec } from "./load.js";
import { segment } from "./pointer.js";
import { parseText } from "./text.js";
import { parseDuration, parseSize } from "./units.js";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

// Keys that are never merged from a platform section (the schema refuses them there anyway).
const TOP_ONLY = new Set(["version", "name", "targets", "windows", "linux", "macos", "options"]);

export const DEFAULT_RESTART_DELAY_MS = 1000;

// Characters a YAML double-quoted string makes of a backslash and a letter (YAML 1.2 §5.7), and the
// other C0 controls; the escape each comes from, for messages.
// eslint-disable-next-line no-control-regex
const ESCAPE_MADE = /[\x01-\x1f\x7f\x85\u2028\u2029]/;
const YAML_ESCAPE: Record<string, string> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\t": "\\t",
  "\n": "\\n",
  "\v": "\\v",
  "\f": "\\f",
  "\r": "\\r",
  "\x1b": "\\e",
  "\x85": "\\N",
  "\u2028": "\\L",
  "\u2029": "\\P",
};

/**
 * The spec as a target of `platform` sees it: the platform section merged over the top level (maps key
 * by key, lists and scalars replace), with, for every merged node, the pointer of the node it came from.
 */
export function mergePlatform(data: Obj, platform: Platform): { merged: Obj; origins: Map<string, string> } {
  const origins = new Map<string, string>();
  const record = (v: unknown, src: string, out: string): void => {
    origins.set(out, src);
    if (isObj(v)) {
      const keys = Object.keys(v);
      for (let i = 0; i < keys.length; i++) {
        const seg = segment(keys[i]!);
        record(v[keys[i]!], src + seg, out + seg);
      }
    } else if (Array.isArray(v)) v.forEach((c, i) => record(c, `${src}/${i}`, `${out}/${i}`));
  };
  const merge = (top: unknown, sec: unknown, tp: string, sp: string, out: string): unknown => {
    if (sec === undefined) {
      record(top, tp, out);
      return top;
    }
    if (isObj(top) && isObj(sec)) {
      origins.set(out, sp);
      const result: Obj = {};
      const keys = Object.keys(top).concat(Object.keys(sec).filter((k) => !Object.hasOwn(top, k)));
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        const seg = segment(k);
        result[k] = merge(top[k], sec[k], tp + seg, sp + seg, out + seg);
      }
      return result;
    }
    record(sec, sp, out);
    return sec;
  };
  const top: Obj = {};
  const keys = Object.keys(data);
  for (let i = 0; i < keys.length; i++) if (!TOP_ONLY.has(keys[i]!)) top[keys[i]!] = data[keys[i]!];
  const section = isObj(data[platform]) ? (data[platform] as Obj) : {};
  const merged = merge(top, section, "", `/${platform}`, "") as Obj;
  for (const k of ["version", "name", "targets"]) {
    if (k in data) {
      merged[k] = data[k];
      origins.set(`/${k}`, `/${k}`);
    }
  }
  return { merged, origins };
}

export const WINDOWS_ABSOLUTE = /^([A-Za-z]:[\\/]|\\\\[^\\/]+[\\/])/;
const POSIX_ABSOLUTE = /^\//;
// Per platform: its name in messages, what an absolute path looks like there, the platform whose paths
// a wrong one usually comes from (for the hint), and an example.
const PLATFORM_INFO: Record<Platform, { label: string; absolute: RegExp; other: string; otherAbsolute: RegExp; example: string }> = {
  windows: { label: "Windows", absolute: WINDOWS_ABSOLUTE, other: "Linux", otherAbsolute: POSIX_ABSOLUTE, example: "C:\\apps\\orders\\orders.exe (services start in C:\\Windows\\System32)" },
  linux: { label: "Linux", absolute: POSIX_ABSOLUTE, other: "Windows", otherAbsolute: WINDOWS_ABSOLUTE, example: "/opt/orders/orders" },
  macos: { label: "macOS", absolute: POSIX_ABSOLUTE, other: "Windows", otherAbsolute: WINDOWS_ABSOLUTE, example: "/usr/local/bin/orders" },
};
// Windows accounts that need no password: the gMSA (ends in $) and the well-known service identities.
const PASSWORDLESS_WINDOWS_USER = /(\$$)|^(NT AUTHORITY|NT SERVICE)\\/i;
// useradd's portable names (systemd warns about others); at most 32 characters, useradd's limit. The same
// rule is applied to macOS names, which launchd looks up with getpwnam/getgrnam: a portable name is one
// that every tool on both systems accepts.
const UNIX_USER = /^[A-Za-z_][A-Za-z0-9_.-]*\$?$/;
/** A user or group name a spec accepts for Linux (and macOS) targets (readers check a name before putting it in a model). */
export const isLinuxAccountName = (n: string): boolean => UNIX_USER.test(n) && n.length <= 32;
const literalText = (t: Text): string => t.parts.map((p) => (p.kind === "literal" ? p.text : `\${${p.name}}`)).join("");

export interface NormalizeResult {
  model?: ServiceModel;
  diagnostics: Diagnostic[];
}

export function normalize(spec: LoadedSpec, platform: Platform): NormalizeResult {
  const data = spec.data as Obj;
  const { merged, origins } = mergePlatform(data, platform);
  const diagnostics: Diagnostic[] = [];

  const get = (path: readonly (string | number)[]): unknown => {
    let cur: unknown = merged;
    for (let i = 0; i < path.length; i++) {
      if (cur === null || typeof cur !== "object") return undefined;
      cur = (cur as Record<string | number, unknown>)[path[i]!];
    }
    return cur;
  };
  /** Where a merged node was written (walking up to the nearest node that was). */
  const locOf = (path: readonly (string | number)[], key = false): SourceLoc => {
    for (let n = path.length; n >= 0; n--) {
      const src = origins.get(pointer(path.slice(0, n)));
      if (src !== undefined) return locate(spec, src, key && n === path.length);
    }
    return { file: spec.file, line: 1, col: 1 };
  };
  const error = (path: readonly (string | number)[], code: string, message: string, hint?: string, key = false) =>
    diagnostics.push(diag(locOf(path, key), "error", code, message, hint));
  const warn = (path: readonly (string | number)[], code: string, message: string, hint?: string) =>
    diagnostics.push(diag(locOf(path), "warning", code, message, hint));
  const fieldOf = (path: readonly (string | number)[]) =>
    path.reduce<string>((a, p) => (typeof p === "number" ? `${a}[${p}]` : a ? `${a}.${p}` : p), "");

  /** A spec string (or a number/boolean taken as written) as Text; undefined (and an error) if unusable. */
  const text = (path: readonly (string | number)[]): Text | undefined => {
    const v = get(path);
    if (v === undefined || v === null) return undefined;
    let s: string;
    if (typeof v === "string") s = v;
    else {
      const src = origins.get(pointer(path));
      s = (src !== undefined && spec.nodes.get(src)?.source) || String(v);
    }
    const at = locOf(path);
    if (s.includes("\u0000")) {
      error(path, "SVC2005", `${fieldOf(path)} contains a NUL character`, "no service manager can store it");
      return undefined;
    }
    if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)) {
      error(path, "SVC2006", `${fieldOf(path)} contains an unpaired UTF-16 surrogate`, "it is not a character and cannot be written as UTF-8");
      return undefined;
    }
    if (mistakenEscape(path, s)) return undefined;
    const parsed = parseText(s);
    if (!parsed.ok) {
      error(path, "SVC1210", `${fieldOf(path)}: ${parsed.message}`, "write ${NAME} for a variable, $$ for a literal $");
      return undefined;
    }
    return { parts: parsed.parts, source: s, at };
  };
  // "C:\Program Files\x.exe" in double quotes is "C:" + U+2029 + "rogram Files" + ...: YAML reads \P, \n,
  // \t, \a ... as escapes. No Windows path holds such a character, so a Windows-looking value with one is
  // that mistake: an error where the value is a path, a warning elsewhere (an argument may mean it).
  /** True when it refused the value (a path). */
  const mistakenEscape = (path: readonly (string | number)[], s: string): boolean => {
    const m = ESCAPE_MADE.exec(s);
    if (!m || !/^[A-Za-z]:|\\/.test(s)) return false;
    const ch = m[0];
    const escape = YAML_ESCAPE[ch] ?? `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`;
    const shown = JSON.stringify(s).replace(/[\x7f\x85\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    const what = `${fieldOf(path)} ${shown} contains U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}, which a double-quoted YAML string makes of ${escape} (a backslash in a Windows path read as an escape)`;
    const hint = "write the path unquoted or in single quotes ('C:\\Program Files\\...'), or double each backslash inside double quotes";
    const last = path[path.length - 1];
    const isPath = path[0] !== "environment" && (last === "executable" || last === "workingDirectory" || (path[0] === "logs" && last === "directory"));
    if (isPath) error(path, "SVC2021", `${what}: no Windows file name holds a control character or a line separator`, hint);
    else warn(path, "SVC2022", `${what}: a Windows path was probably meant`, hint);
    return isPath;
  };
  const located = <T>(path: readonly (string | number)[], value: T): Located<T> => ({ value, at: locOf(path) });
  const duration = (path: readonly (string | number)[]): Located<number> | undefined => {
    const v = get(path);
    if (typeof v !== "string") return undefined;
    const ms = parseDuration(v);
    if (ms === undefined) {
      error(path, "SVC1203", `${fieldOf(path)} "${v}" is not a duration`);
      return undefined;
    }
    return located(path, ms);
  };

  const absolutePath = (t: Text | undefined, path: readonly (string | number)[], code: string): void => {
    if (!t || t.parts[0]?.kind === "var") return; // ${ProgramFiles}\... is as absolute as its variable
    const first = t.parts[0]?.kind === "literal" ? t.parts[0].text : "";
    const info = PLATFORM_INFO[platform];
    if (info.absolute.test(first)) return;
    error(
      path,
      code,
      `${fieldOf(path)} ${JSON.stringify(t.source)} is not an absolute ${info.label} path`,
      info.otherAbsolute.test(first)
        ? `this looks like a ${info.other} path: set ${platform}.${fieldOf(path)} for ${info.label} targets`
        : `write the full path, e.g. ${info.example}`,
    );
  };

  const list = (path: readonly (string | number)[]): Text[] => {
    const v = get(path);
    if (!Array.isArray(v)) return [];
    const out: Text[] = [];
    v.forEach((_, i) => {
      const t = text([...path, i]);
      if (t) out.push(t);
    });
    return out;
  };

  const command = (path: readonly (string | number)[]): Command | undefined => {
    if (!isObj(get(path))) return undefined;
    const exe = text([...path, "executable"]);
    absolutePath(exe, [...path, "executable"], "SVC2002");
    if (!exe) return undefined;
    return { executable: exe, args: list([...path, "args"]), at: locOf(path) };
  };

  // --- identity and program
  const name = located(["name"], String(get(["name"])));
  const executable = text(["executable"]);
  if (get(["executable"]) === undefined) {
    error(["name"], "SVC2001", `no executable for ${PLATFORM_INFO[platform].label} targets`, `set executable, or ${platform}.executable`);
  }
  absolutePath(executable, ["executable"], "SVC2002");
  const displayName = text(["displayName"]) ?? { parts: [{ kind: "literal", text: name.value }], source: name.value, at: name.at };
  const description = text(["description"]);
  const args = list(["args"]);
  const workingDirectory = text(["workingDirectory"]);
  absolutePath(workingDirectory, ["workingDirectory"], "SVC2008");

  // --- environment
  const environment: EnvVar[] = [];
  const envObj = get(["environment"]);
  if (isObj(envObj)) {
    const seen = new Map<string, string>();
    for (const k of Object.keys(envObj)) {
      const value = text(["environment", k]);
      if (platform === "windows") {
        const prior = seen.get(k.toUpperCase());
        if (prior !== undefined) {
          error(["environment", k], "SVC2019", `environment sets both ${prior} and ${k}; Windows names are case-insensitive, so one would silently replace the other`, undefined, true);
          continue;
        }
        seen.set(k.toUpperCase(), k);
      }
      if (value) environment.push({ name: k, value, at: locOf(["environment", k], true) });
    }
  }

  // --- account
  let account: Account | undefined;
  const acc = get(["account"]);
  if (typeof acc === "string") {
    account = { kind: "builtin", builtin: acc as BuiltinAccount, at: locOf(["account"]) };
  } else if (isObj(acc)) {
    const user = text(["account", "user"]);
    const group = text(["account", "group"]);
    const pw = get(["account", "password", "fromEnv"]);
    if (user) {
      account = { kind: "user", user, at: locOf(["account"]) };
      if (group) account.group = group;
      if (typeof pw === "string") account.passwordFromEnv = located(["account", "password", "fromEnv"], pw);
      const userName = literalText(user);
      if (platform === "windows" && typeof pw !== "string" && !PASSWORDLESS_WINDOWS_USER.test(userName)) {
        error(
          ["account", "user"],
          "SVC2015",
          `Windows user ${JSON.stringify(userName)} needs a password`,
          "add password: { fromEnv: VARIABLE } (read at install time), or use a gMSA (a name ending in $) or a built-in account",
        );
      }
      if (platform !== "windows") {
        const label = PLATFORM_INFO[platform].label;
        for (const [t, what] of [[user, "user"], [group, "group"]] as const) {
          if (!t || t.parts.some((p) => p.kind === "var")) continue; // a target that cannot expand it says so
          const n = literalText(t);
          if (!isLinuxAccountName(n)) {
            error(["account", what], "SVC2016", `${JSON.stringify(n)} is not a ${label} ${what} name`, `letters, digits, _ . -, at most 32 characters; set ${platform}.account: { user: ..., group: ... } for ${label} targets`);
          }
        }
      }
    }
  }

  // --- startup, dependencies, priority
  const startup = located(["startup"], (get(["startup"]) as Startup | undefined) ?? ENUM_DEFAULTS.startup);
  const dependsOn: Located<string>[] = [];
  const deps = get(["dependsOn"]);
  if (Array.isArray(deps)) {
    deps.forEach((d, i) => {
      if (String(d).toLowerCase() === name.value.toLowerCase() || String(d) === `${name.value}.service`) {
        error(["dependsOn", i], "SVC2020", `${name.value} cannot depend on itself`);
      } else dependsOn.push(located(["dependsOn", i], String(d)));
    });
  }
  const priority = located(["priority"], (get(["priority"]) as Priority | undefined) ?? ENUM_DEFAULTS.priority);

  // --- restart
  const policy = located(["restart", "policy"], (get(["restart", "policy"]) as RestartPolicy | undefined) ?? ENUM_DEFAULTS["restart.policy"]);
  const delayMs = duration(["restart", "delay"]) ?? located(["restart"], DEFAULT_RESTART_DELAY_MS);
  const mr = get(["restart", "maxRetries"]);
  const maxRetries = typeof mr === "number" ? located(["restart", "maxRetries"], mr) : undefined;
  const windowMs = duration(["restart", "window"]);
  const resetAfterMs = duration(["restart", "resetAfter"]);
  if (maxRetries && !windowMs) {
    error(["restart", "maxRetries"], "SVC2004", "restart.maxRetries needs restart.window: the period the retries are counted in", 'add e.g. window: 10m');
  }
  if (windowMs && !maxRetries) {
    warn(["restart", "window"], "SVC2007", "restart.window has no effect without restart.maxRetries");
  }
  if (policy.value === "never") {
    for (const k of ["delay", "maxRetries", "window", "resetAfter"]) {
      if (get(["restart", k]) !== undefined) warn(["restart", k], "SVC2017", `restart.${k} has no effect with restart.policy: never`);
    }
  }

  // --- stop
  const stop: ServiceModel["stop"] = {};
  const timeout = duration(["stop", "timeout"]);
  if (timeout) stop.timeoutMs = timeout;
  if (typeof get(["stop", "signal"]) === "string") stop.signal = located(["stop", "signal"], String(get(["stop", "signal"])));

  // --- logs
  let logs: Logs | undefined;
  if (isObj(get(["logs"]))) {
    const directory = text(["logs", "directory"]);
    absolutePath(directory, ["logs", "directory"], "SVC2009");
    const dflt = (suffix: string): Text => ({ parts: [{ kind: "literal", text: `${name.value}.${suffix}.log` }], source: `${name.value}.${suffix}.log`, at: locOf(["logs"]) });
    const stdout = text(["logs", "stdout"]) ?? dflt("out");
    const stderr = text(["logs", "stderr"]) ?? dflt("err");
    const append = get(["logs", "append"]);
    if (directory) {
      logs = { directory, stdout, stderr, append: located(["logs", "append"], append === undefined ? true : Boolean(append)), at: locOf(["logs"]) };
      if (isObj(get(["logs", "rotate"]))) {
        const rotate: NonNullable<Logs["rotate"]> = { at: locOf(["logs", "rotate"]) };
        const ms = get(["logs", "rotate", "maxSize"]);
        if (typeof ms === "string") {
          const bytes = parseSize(ms);
          if (bytes === undefined || bytes === 0) error(["logs", "rotate", "maxSize"], "SVC1204", `logs.rotate.maxSize "${ms}" is not a usable size`);
          else rotate.maxSizeBytes = located(["logs", "rotate", "maxSize"], bytes);
        } else {
          error(["logs", "rotate"], "SVC2018", "logs.rotate needs maxSize: the size at which a file is rotated", "add e.g. maxSize: 10MiB");
        }
        const keep = get(["logs", "rotate", "keep"]);
        if (typeof keep === "number") rotate.keep = located(["logs", "rotate", "keep"], keep);
        logs.rotate = rotate;
      }
    }
  }

  // --- hooks
  const hooks: ServiceModel["hooks"] = {};
  const preStart = command(["hooks", "preStart"]);
  if (preStart) hooks.preStart = preStart;
  const postStop = command(["hooks", "postStop"]);
  if (postStop) hooks.postStop = postStop;

  // --- which fields the spec sets (capabilities are judged on these, not on defaults)
  const present = new Set<string>();
  for (const f of SPEC_FIELDS) {
    const v = get(f.split("."));
    if (v === undefined || v === null) continue;
    if ((Array.isArray(v) && v.length === 0) || (f === "environment" && isObj(v) && Object.keys(v).length === 0)) continue;
    present.add(f);
  }

  if (diagnostics.some((d) => d.severity === "error") || !executable) return { diagnostics };

  const model: ServiceModel = {
    file: spec.file,
    platform,
    name,
    displayName,
    executable,
    args,
    environment,
    startup,
    dependsOn,
    restart: { policy, delayMs },
    stop,
    hooks,
    priority,
    options: {},
    optionLoc: () => ({ file: spec.file, line: 1, col: 1 }),
    present,
    locOf: (field: string) => locOf(field.split(".")),
  };
  if (description) model.description = description;
  if (workingDirectory) model.workingDirectory = workingDirectory;
  if (account) model.account = account;
  if (maxRetries) model.restart.maxRetries = maxRetries;
  if (windowMs) model.restart.windowMs = windowMs;
  if (resetAfterMs) model.restart.resetAfterMs = resetAfterMs;
  if (logs) model.logs = logs;
  return { model, diagnostics };
}
