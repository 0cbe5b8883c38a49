import { closest } from "./did-you-mean.js";
import { formatDuration, formatSize, parseDuration, parseSize } from "./units.js";
import { yamlString } from "../import/yaml-text.js";

// What to suggest for a value the schema refused: the value the author most likely meant, written so
// that it passes. A hint that leads into the next error (quote 30, then "30" is not a duration) is worse
// than none, so every suggestion here is checked by test/spec/hints.test.ts: put back into its spec, it
// validates. Where svcgen cannot tell what was meant, it suggests nothing and the hint says the form.

// Suggestions are one-line flow YAML (`{ directory: C:\logs }`, `["--port", "8080"]`), written with the
// scalar writer of `svcgen import` (plain only where YAML 1.2 and 1.1 both read the same string back).
const scalar = (s: string): string => yamlString(s, true);
// Arguments are shown in double quotes, as on a command line (`["--port", "8080"]`); a value the writer
// quotes anyway keeps its form (single quotes for a Windows path with a space).
const quotedArg = (s: string): string => {
  const y = scalar(s);
  return y.startsWith("'") || y.startsWith('"') ? y : JSON.stringify(s);
};
const yamlList = (items: readonly string[], quoted = false): string => `[${items.map(quoted ? quotedArg : scalar).join(", ")}]`;
export const yamlMap = (entries: readonly [string, string][]): string => `{ ${entries.map(([k, v]) => `${k}: ${v}`).join(", ")} }`;

// The schema's own patterns for durations and sizes (schema/service.schema.json): a field is a duration
// or a size because its schema says so, wherever it is (platform sections and options included).
export const DURATION_PATTERN = "^([0-9]+(ms|s|m|h|d))+$";
export const SIZE_PATTERN = "^[0-9]+(B|KiB|MiB|GiB|KB|MB|GB)$";
export const DURATION_FORM = "a duration is whole numbers with units ms, s, m, h, d: 500ms, 10s, 1h30m";
export const SIZE_FORM = "a size is a whole number and a unit: B, KiB, MiB, GiB (1024-based) or KB, MB, GB (1000-based)";

const DURATION_UNITS: [RegExp, string, number][] = [
  [/^(ms|msecs?|millis|milliseconds?)$/i, "ms", 1],
  [/^(s|secs?|seconds?)$/i, "s", 1000],
  [/^(m|mins?|minutes?)$/i, "m", 60_000],
  [/^(h|hrs?|hours?)$/i, "h", 3_600_000],
  [/^(d|days?)$/i, "d", 86_400_000],
  [/^(w|wks?|weeks?)$/i, "d", 7 * 86_400_000],
];

/**
 * The duration a value that is not one most likely means: a bare number is seconds (as in systemd's
 * TimeoutStopSec=30 and most tools' "timeout: 30"), `30 seconds` is 30s, `1.5h` is 1h30m, ISO 8601
 * `PT30S` and `00:01:30` too. Undefined when there is no sure reading.
 */
export function durationSuggestion(v: unknown): string | undefined {
  let ms: number | undefined;
  if (typeof v === "number") ms = v * 1000;
  else if (typeof v === "string") {
    const s = v.trim();
    let m: RegExpExecArray | null;
    if (/^\d+(\.\d+)?$/.test(s)) ms = Number(s) * 1000;
    else if ((m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(s)) && s.length > 1 && !/T$/i.test(s)) {
      ms = (Number(m[1] ?? 0) * 86400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0)) * 1000;
    } else if ((m = /^(\d+):([0-5]\d):([0-5]\d)$/.exec(s))) ms = (Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])) * 1000;
    else {
      const parts = [...s.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)\s*(?:,|and)?\s*/giy)];
      if (parts.length > 0 && parts.map((p) => p[0]).join("") === s) {
        ms = 0;
        for (const p of parts) {
          const unit = DURATION_UNITS.find(([re]) => re.test(p[2]!));
          if (!unit) return undefined;
          ms += Number(p[1]) * unit[2];
        }
      }
    }
  }
  if (ms === undefined || !Number.isSafeInteger(ms) || ms < 0) return undefined;
  const out = formatDuration(ms);
  return parseDuration(out) === ms ? out : undefined;
}

/**
 * The size a value that is not one most likely means: `10 MB` and `10mb` keep their unit's base
 * (1000), `10M` and `10MiB ` are 10MiB, `1.5GiB` is 1536MiB, a bare number is bytes.
 */
export function sizeSuggestion(v: unknown): string | undefined {
  let bytes: number | undefined;
  if (typeof v === "number") bytes = v;
  else if (typeof v === "string") {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmg])(i?)(b?)|(b|bytes?))?\s*$/i.exec(v);
    if (!m) return undefined;
    const n = Number(m[1]);
    if (m[2] === undefined) bytes = n;
    else {
      const exp = "kmg".indexOf(m[2].toLowerCase()) + 1;
      // "MB" and "mb" name the 1000-based unit; "M", "MiB" and "mib" the 1024-based one.
      const decimal = m[3] === "" && m[4] !== "";
      bytes = n * (decimal ? 1000 : 1024) ** exp;
      if (Number.isInteger(bytes) && Number.isInteger(n)) return `${n}${m[2].toUpperCase()}${decimal ? "B" : "iB"}`;
    }
  }
  if (bytes === undefined || !Number.isSafeInteger(bytes) || bytes <= 0) return undefined;
  const out = formatSize(bytes);
  return parseSize(out) === bytes ? out : undefined;
}

/** A command line split into argv items as a user typed it: spaces separate, quotes group. */
export function splitCommandLine(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

/** A list typed as one string: `Tcpip, Afd` or `Tcpip Afd`. */
const splitList = (s: string): string[] => s.split(/[\s,;]+/).filter((x) => x !== "");

/** The variable a password suggestion names: the service's name, as an environment variable name. */
export function passwordVariable(data: unknown): string {
  const name = typeof (data as Record<string, unknown> | null)?.name === "string" ? ((data as Record<string, unknown>).name as string) : "service";
  return `${name.toUpperCase().replace(/[^A-Z0-9]+/g, "_").replace(/^(?=\d)/, "_")}_PASSWORD`;
}

/** A variable reference as other tools write it: `$VAR`, `${VAR}`, `%VAR%`, `env:VAR`, or a bare VAR. */
export function variableName(s: string): string | undefined {
  const m = /^(?:\$\{?|%|env:)?([A-Za-z_][A-Za-z0-9_]*)(?:\}|%)?$/i.exec(s.trim());
  return m && /^[A-Z0-9_]+$/.test(m[1]!) && /[A-Z]/.test(m[1]!) ? m[1] : undefined;
}

/**
 * A user account as a spec writes it: Windows accounts (`DOMAIN\user`, `.\user`, `user@domain`) with
 * the password variable they need; a gMSA (`...$`) and a Linux user without one.
 */
export function accountSuggestion(user: string, data: unknown): string {
  return yamlMap(accountEntries(user, data));
}

/** The entries of accountSuggestion's map. */
export function accountEntries(user: string, data: unknown): [string, string][] {
  const windows = /[\\@]/.test(user) && !user.endsWith("$");
  return [["user", scalar(user)], ...(windows ? [["password", yamlMap([["fromEnv", passwordVariable(data)]])] as [string, string]] : [])];
}

// Built-in accounts as Windows, sc.exe and other tools name them.
const BUILTIN_ACCOUNTS: Record<string, string> = {
  localsystem: "local-system",
  system: "local-system",
  "nt authority\\system": "local-system",
  ".\\localsystem": "local-system",
  localservice: "local-service",
  "nt authority\\localservice": "local-service",
  "nt authority\\local service": "local-service",
  networkservice: "network-service",
  "nt authority\\networkservice": "network-service",
  "nt authority\\network service": "network-service",
};

// Words of other tools for the spec's enum values, by the enum's first value (which names the enum).
const SYNONYMS: Record<string, Record<string, string>> = {
  auto: { automatic: "auto", boot: "auto", system: "auto", "delayed-auto": "delayed", "auto-delayed": "delayed", delayedauto: "delayed", delayedstart: "delayed", "automatic-delayed": "delayed", demand: "manual", ondemand: "manual" },
  "on-failure": { unlessstopped: "always", no: "never", false: "never", onabnormal: "on-failure", onabort: "on-failure", onwatchdog: "on-failure", onerror: "on-failure", onerrors: "on-failure", true: "on-failure", yes: "on-failure", none: "never" },
  idle: { low: "below-normal", belownormal: "below-normal", abovenormal: "above-normal", realtime: "realtime" },
  boot: { startup: "boot", onstart: "boot", atstartup: "boot", systemstart: "boot", login: "logon", onlogon: "logon", atlogon: "logon" },
  winsw: { winswexe: "winsw", nssmexe: "nssm", scexe: "sc", taskscheduler: "schtasks", scheduledtask: "schtasks", schtask: "schtasks", task: "schtasks", systemctl: "systemd", unit: "systemd" },
};

const squash = (s: string): string => s.toLowerCase().replace(/[^a-z0-9\\]/g, "");

/** The allowed value a refused one most likely means, by spelling, other tools' words, or nesting. */
export function enumSuggestion(value: unknown, allowed: readonly unknown[]): string | undefined {
  const words = allowed.map(String);
  if (typeof value !== "string") return undefined;
  const v = squash(value);
  const byShape = words.find((w) => squash(w) === v);
  if (byShape) return byShape;
  const synonym = SYNONYMS[words[0]!]?.[v];
  if (synonym && words.includes(synonym)) return synonym;
  if (words.includes("SIGTERM")) {
    const sig = `SIG${value.toUpperCase().replace(/^SIG/, "")}`;
    if (words.includes(sig)) return sig;
  }
  if (words.includes("local-system")) {
    const builtin = BUILTIN_ACCOUNTS[value.toLowerCase()];
    if (builtin) return builtin;
    if (/^nt service\\/i.test(value)) return "virtual";
  }
  // Spec field names (options.<target>.ignore): a nested field's last part, or a part of one.
  const lower = value.toLowerCase();
  const nested = words.filter((w) => w.toLowerCase().endsWith(`.${lower}`) || lower.startsWith(`${w.toLowerCase()}.`));
  if (nested.length === 1) return nested[0];
  return closest(value, words);
}

export interface ShapeHint {
  message?: string;
  hint: string;
}

/**
 * For a value of the wrong type at `key` (the field's last name): the shape that passes, built from
 * the value when it can be (`args: --port 8080` is the list ["--port", "8080"]), as `key: value`.
 */
export function shapeSuggestion(key: string, parent: string, value: unknown, want: string, data: unknown): ShapeHint | undefined {
  const suggest = (yaml: string, why: string): ShapeHint => ({ hint: `${why}: \`${key}: ${yaml}\`` });
  const text = typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
  if (want === "array" && text !== undefined) {
    if (key === "args") return suggest(yamlList(splitCommandLine(text), true), "one list item per argument");
    return suggest(yamlList(splitList(text)), "a list, one item per entry");
  }
  if (want === "object") {
    if (key === "logs" && typeof value === "string") return suggest(yamlMap([["directory", scalar(value)]]), "logs is a map; the directory goes in it");
    if ((key === "preStart" || key === "postStop") && parent === "hooks") {
      const words = typeof value === "string" ? [value] : Array.isArray(value) && value.every((x) => typeof x === "string") ? (value as string[]) : undefined;
      if (words && words.length > 0) {
        const args = words.slice(1);
        return suggest(yamlMap([["executable", scalar(words[0]!)], ...(args.length ? [["args", yamlList(args, true)] as [string, string]] : [])]), "a hook is a map: the program, and its arguments in args");
      }
    }
    if (key === "hooks" && typeof value === "string") return suggest(yamlMap([["preStart", yamlMap([["executable", scalar(value)]])]]), "hooks is a map of preStart and postStop");
    if (key === "restart" && text !== undefined) {
      const policy = enumSuggestion(text, ["on-failure", "always", "never"]);
      if (policy && (["on-failure", "always", "never"].includes(text) || typeof value !== "number")) return suggest(yamlMap([["policy", policy]]), "restart is a map; the policy goes in it");
      const delay = durationSuggestion(value) ?? (typeof value === "string" && parseDuration(value) !== undefined ? value : undefined);
      if (delay) return suggest(yamlMap([["delay", delay]]), "restart is a map; a time between restarts is its delay");
    }
    if (key === "stop" && text !== undefined) {
      const timeout = durationSuggestion(value) ?? (typeof value === "string" && parseDuration(value) !== undefined ? value : undefined);
      if (timeout) return suggest(yamlMap([["timeout", timeout]]), "stop is a map; the grace period before a forced kill is its timeout");
      const signal = enumSuggestion(text, ["SIGTERM", "SIGINT", "SIGQUIT", "SIGHUP", "SIGKILL", "SIGUSR1", "SIGUSR2", "SIGWINCH"]);
      if (signal) return suggest(yamlMap([["signal", signal]]), "stop is a map; the signal goes in it");
    }
    if (key === "rotate" && parent === "logs") {
      const size = typeof value === "string" ? (parseSize(value) !== undefined ? value : sizeSuggestion(value)) : undefined;
      return suggest(yamlMap([["maxSize", size ?? "10MiB"]]), size ? "rotate is a map; the size goes in maxSize" : "rotate is a map: the size at which a file is rotated, and how many to keep");
    }
    if (key === "environment") {
      const pairs = (Array.isArray(value) ? value : typeof value === "string" ? value.split(/[;\n]|\s+(?=[A-Za-z_][A-Za-z0-9_]*=)/) : [])
        .map((x) => (typeof x === "string" ? /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*?)\s*$/.exec(x) : null));
      if (pairs.length > 0 && pairs.every((p) => p !== null)) {
        return suggest(yamlMap(pairs.map((p) => [p![1]!, quotedArg(p![2]!)])), "environment is a map of names to values");
      }
      return suggest("{ NAME: value }", "environment is a map of names to values");
    }
    if (key === "password" && parent === "account" && typeof value === "string") {
      const named = variableName(value);
      return suggest(yamlMap([["fromEnv", named ?? passwordVariable(data)]]), named ? `password names the variable that holds it` : "write the name of an environment variable that holds it when the install step runs, never the password");
    }
  }
  if (want === "integer" && typeof value === "string" && /^\s*\d+\s*$/.test(value)) return suggest(String(Number(value)), "a number, without quotes");
  if (want === "boolean" && typeof value === "string") {
    const b = /^(yes|y|on|true)$/i.test(value.trim()) ? "true" : /^(no|n|off|false)$/i.test(value.trim()) ? "false" : undefined;
    if (b) return suggest(b, "true or false, without quotes");
  }
  if (want === "string" && (typeof value === "number" || typeof value === "boolean")) return suggest(JSON.stringify(String(value)), "quote it");
  if (want === "string" && Array.isArray(value)) {
    if (value.length === 1 && ["string", "number", "boolean"].includes(typeof value[0])) return suggest(scalar(String(value[0])), "one value, not a list");
    return { hint: `one value, not a list${key === "executable" ? " (arguments go in args)" : ""}` };
  }
  // `--title: Orders` in a flow list, `Note: this` as a value: YAML read "key: value" as a map.
  if (want === "string" && value !== null && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value);
    if (entries.length === 1 && (entries[0]![1] === null || ["string", "number", "boolean"].includes(typeof entries[0]![1]))) {
      const [k, v] = entries[0]!;
      return { hint: `YAML read "${k}: ${v ?? ""}" as a key and its value; quote it if it is text: ${JSON.stringify(`${k}: ${v ?? ""}`.trim())}` };
    }
  }
  return undefined;
}
