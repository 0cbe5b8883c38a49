import fc from "fast-check";
import { batchLineToArgv } from "../../helpers/cmd-parse.js";
import { hasVar, textOf, type GenSpec, type Parts } from "../spec-gen.js";
import type { TargetFuzz } from "./types.js";
import { asExpandable, batchProblem, decodeExpandedCommandLine, decodeExpandedValue, differ, expansionProblem, joinParts, minimalArgLength, norm, specProblem, varNames } from "./windows.js";

// What an nssm install script (a .cmd of `nssm.exe set` lines) can and cannot carry, written from the
// nssm source (kirillkovalenko/nssm: settings.cpp, account.cpp, service.cpp, env.cpp; reference
// nssm-sc.md §A), cmd.exe's batch rules and Windows', independently of src/targets/nssm. Decoding:
// each `nssm.exe` line through cmd.exe (test/helpers/cmd-parse.ts) and the C runtime's argv, then nssm's
// join rule (extra argv joined with a space; one entry per argv for list settings), then Windows'
// %-expansion for the values nssm stores as REG_EXPAND_SZ or expands itself.

type Version = "2.24" | "2.24-101";
const versionOf = (o: Record<string, unknown>): Version => ((o as { nssm: { version?: Version } }).nssm.version ?? "2.24");

const CMD_MAX_LINE = 8191;
const MAX_DWORD = 0xffffffff;
// A batch line ends at CR or LF; other C0 controls and DEL are not carried through cmd.exe reliably.
const NOT_CMD = /[\x00-\x08\x0a-\x1f\x7f]/;
const notCmd = (p: Parts | undefined) => p !== undefined && NOT_CMD.test(textOf(p));
// nssm resolves these without a password (well-known SIDs: account.cpp well_known_username).
const WELL_KNOWN = /^(LocalSystem|NT AUTHORITY\\(System|Local ?Service|Network ?Service))$/i;

/** A log file: the directory and the file joined with one backslash (none added after a trailing separator). */
function logFile(dir: Parts, file: Parts): Parts {
  const last = dir[dir.length - 1];
  const sep = last?.kind === "literal" && /[\\/]$/.test(last.text);
  return norm([...dir, ...(sep ? [] : [{ kind: "literal" as const, text: "\\" }]), ...file]);
}

// The shortest a batch line can be: every character of the value, % doubled, a quote pair when the C
// runtime needs one, a backslash for each ".
const minimalToken = (s: string) => s.length + (s.match(/%/g)?.length ?? 0) + (s === "" || /[ \t]/.test(s) ? 2 : 0) + (s.match(/"/g)?.length ?? 0);
const minimalCommand = (exe: Parts, args: Parts[]) => minimalArgLength(exe) + args.reduce((t, a) => t + 1 + minimalArgLength(a), 0);

function unexpressible(s: GenSpec, o: Record<string, unknown>): string | undefined {
  const v = versionOf(o);
  const core = specProblem(s);
  if (core) return core;
  const all: [Parts | undefined, string][] = [
    [s.executable, "executable"],
    ...s.args.map((a, i): [Parts, string] => [a, `args[${i}]`]),
    [s.workingDirectory, "workingDirectory"],
    ...s.environment.map(([k, x]): [Parts, string] => [x, `environment.${k}`]),
    [s.displayName, "displayName"],
    [s.description, "description"],
    [s.account?.kind === "user" ? s.account.user : undefined, "account.user"],
    [s.logs?.directory, "logs.directory"],
    [s.logs?.stdout, "logs.stdout"],
    [s.logs?.stderr, "logs.stderr"],
    ...Object.entries(s.hooks).flatMap(([k, h]) => [[h.executable, `${k}.executable`] as [Parts, string], ...h.args.map((a): [Parts, string] => [a, `${k}.args`])]),
  ];
  for (const [p, what] of all) if (notCmd(p)) return `${what}: a character a cmd.exe line cannot carry`;
  // Windows paths cannot contain ".
  for (const [p, what] of [[s.executable, "executable"], [s.workingDirectory, "workingDirectory"], [s.logs?.directory, "logs.directory"], [s.logs?.stdout, "logs.stdout"], [s.logs?.stderr, "logs.stderr"], [s.hooks.preStart?.executable, "preStart"], [s.hooks.postStop?.executable, "postStop"]] as const) {
    if (p && textOf(p).includes('"')) return `${what}: a Windows path cannot contain "`;
  }
  // Stored verbatim (DisplayName, Description: the SCM; ObjectName): a variable would stay %NAME%.
  for (const [p, what] of [[s.displayName, "displayName"], [s.description, "description"], [s.account?.kind === "user" ? s.account.user : undefined, "account.user"]] as const) {
    if (p && hasVar(p)) return `${what}: stored as written`;
  }
  // CreateService: lpDisplayName at most 256 characters.
  if (s.displayName && [...textOf(s.displayName)].length > 256) return "display name longer than 256";
  // Expanded (REG_EXPAND_SZ, or expanded by nssm): each whole stored string.
  const expanded: [Parts, string][] = [[s.executable, "executable"], [joinParts(s.args), "args"], ...s.environment.map(([k, x]): [Parts, string] => [x, `environment.${k}`])];
  if (s.workingDirectory) expanded.push([s.workingDirectory, "workingDirectory"]);
  if (s.logs) {
    expanded.push([logFile(s.logs.directory, s.logs.stdout ?? [{ kind: "literal", text: `${s.name}.out.log` }]), "stdout path"]);
    expanded.push([logFile(s.logs.directory, s.logs.stderr ?? [{ kind: "literal", text: `${s.name}.err.log` }]), "stderr path"]);
  }
  for (const [k, h] of Object.entries(s.hooks)) expanded.push([joinParts([h.executable, ...h.args]), k]);
  for (const [p, what] of expanded) {
    const e = expansionProblem(p, varNames(p));
    if (e) return `${what}: ${e}`;
  }
  // nssm starts "Application" AppParameters (and each hook's command line) with CreateProcess.
  const batch = batchProblem(s.executable, s.args) ?? (v === "2.24" ? undefined : Object.values(s.hooks).map((h) => batchProblem(h.executable, h.args)).find((x) => x));
  if (batch) return batch;
  const a = s.account;
  if (a?.kind === "builtin" && a.builtin === "virtual" && v === "2.24") return "nssm 2.24 has no virtual accounts";
  if (a?.kind === "user" && !a.passwordEnv) {
    const name = textOf(a.user);
    const virtual = v === "2.24-101" && name.toLowerCase() === `nt service\\${s.name}`.toLowerCase();
    if (!WELL_KNOWN.test(name) && !virtual) return "nssm sets this account only with its password";
  }
  if ((s.hooks.preStart || s.hooks.postStop) && v === "2.24") return "nssm 2.24 has no hooks";
  // DWORDs of milliseconds.
  if ((s.restart.policy ?? "on-failure") !== "never" && (s.restart.delayMs ?? 1000) > MAX_DWORD) return "restart delay above a DWORD";
  if ((s.stop.timeoutMs ?? 0) > MAX_DWORD) return "stop timeout above a DWORD";
  // cmd.exe reads lines of at most 8191 characters.
  const prefix = (param: string) => `nssm.exe set ${s.name} ${param} `.length;
  const lines: number[] = [
    `nssm.exe install ${s.name} `.length + minimalToken(asExpandable(s.executable)),
    prefix("Application") + minimalToken(asExpandable(s.executable)),
    prefix("AppParameters") + minimalCommand([{ kind: "literal", text: "" }], s.args) - 3 + (asExpandable(joinParts(s.args)).match(/%/g)?.length ?? 0),
    prefix("AppEnvironmentExtra") + s.environment.reduce((t, [k, x]) => t + 1 + minimalToken(`${k}=${asExpandable(x)}`), -1),
    prefix("DisplayName") + minimalToken(textOf(s.displayName ?? [{ kind: "literal", text: s.name }])),
    prefix("Description") + minimalToken(textOf(s.description ?? [])),
    prefix("AppDirectory") + minimalToken(asExpandable(s.workingDirectory ?? [])),
  ];
  if (s.logs) for (const f of [s.logs.stdout, s.logs.stderr]) lines.push(prefix("AppStdout") + minimalToken(asExpandable(logFile(s.logs.directory, f ?? []))));
  for (const h of Object.values(s.hooks)) lines.push(prefix("AppEvents Start/Pre") + minimalCommand(h.executable, h.args));
  if (a?.kind === "user") lines.push(prefix("ObjectName") + minimalToken(textOf(a.user)));
  if (lines.some((n) => n > CMD_MAX_LINE)) return "a cmd.exe line longer than 8191";
  return undefined;
}

// --- decoding the install script

/** C strtoul(s, &end, 0) over the whole string: 0x hex, leading 0 octal, else decimal. */
function cNumber(s: string): number {
  const m = /^(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) throw new Error(`not a number for nssm: ${JSON.stringify(s)}`);
  const n = s.startsWith("0x") || s.startsWith("0X") ? parseInt(s.slice(2), 16) : s.startsWith("0") ? parseInt(s, 8) || 0 : Number(s);
  if (n > MAX_DWORD) throw new Error(`${s} overflows a DWORD`);
  return n;
}

const LIST_PARAMS = new Set(["AppEnvironment", "AppEnvironmentExtra", "Environment", "DependOnService", "DependOnGroup"]);
const SUB_PARAMS = new Set(["AppExit", "AppEvents"]);

export interface Setting {
  verb: "set" | "reset";
  param: string;
  sub?: string;
  /** set: the joined value (or list entries). */
  value?: string;
  entries?: string[];
  /** ObjectName: the user (nssm's "additional" argument) and the password. */
  user?: string;
}

const SECRET = "s3cret pass";

export function readScript(text: string, name: string, secretEnv: string | undefined, bad: string[]): { install?: string; settings: Map<string, Setting> } {
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) bad.push("a line does not end in CRLF");
  const lines = text.split("\r\n");
  // cmd.exe reads the file in the console code page: non-ASCII needs chcp 65001 before any of it.
  const firstNonAscii = lines.findIndex((l) => /[^\x00-\x7f]/.test(l));
  if (firstNonAscii >= 0) {
    const chcp = lines.findIndex((l) => l === "chcp 65001 >nul");
    if (chcp < 0 || chcp > firstNonAscii) bad.push("non-ASCII text without chcp 65001 before it");
  }
  const env: Record<string, string> = secretEnv ? { [secretEnv]: SECRET } : {};
  const settings = new Map<string, Setting>();
  let install: string | undefined;
  for (const line of lines) {
    if (!line.startsWith("nssm.exe ")) continue;
    const argv = batchLineToArgv(line, env).slice(1);
    const [verb, svc, param, ...rest] = argv;
    if (svc !== name) bad.push(`a line for service ${JSON.stringify(svc)}`);
    if (verb === "install") {
      install = [param!, ...rest].join(" ");
      continue;
    }
    if (verb !== "set" && verb !== "reset") {
      bad.push(`unexpected nssm verb ${verb}`);
      continue;
    }
    const st: Setting = { verb, param: param! };
    let values = rest;
    if (SUB_PARAMS.has(param!) || (param === "ObjectName" && verb === "set")) {
      // AppExit <code>, AppEvents <event>, and ObjectName <user> <password...>.
      if (param === "ObjectName") st.user = values[0];
      else st.sub = values[0];
      values = values.slice(1);
    }
    if (verb === "set") {
      if (LIST_PARAMS.has(param!)) st.entries = values;
      else st.value = values.join(" ");
    }
    const key = st.sub === undefined ? param! : `${param} ${st.sub}`;
    if (settings.has(key)) bad.push(`${key} is set twice`);
    settings.set(key, st);
  }
  return { install, settings };
}

const START: Record<string, string> = { auto: "SERVICE_AUTO_START", delayed: "SERVICE_DELAYED_AUTO_START", manual: "SERVICE_DEMAND_START", disabled: "SERVICE_DISABLED" };
const PRIORITY: Record<string, string | undefined> = {
  idle: "IDLE_PRIORITY_CLASS",
  "below-normal": "BELOW_NORMAL_PRIORITY_CLASS",
  normal: undefined,
  "above-normal": "ABOVE_NORMAL_PRIORITY_CLASS",
  high: "HIGH_PRIORITY_CLASS",
  realtime: "REALTIME_PRIORITY_CLASS",
};

function compare(s: GenSpec, files: Map<string, string>, o: Record<string, unknown>): string[] {
  const { bad, eq } = differ();
  const v = versionOf(o);
  eq("files", [...files.keys()].sort(), [`${s.name}.nssm-install.cmd`, `${s.name}.nssm-uninstall.cmd`]);
  const a = s.account;
  const secretEnv = a?.kind === "user" ? a.passwordEnv : undefined;
  const { install, settings } = readScript(files.get(`${s.name}.nssm-install.cmd`)!, s.name, secretEnv, bad);
  const get = (key: string) => settings.get(key);
  /** The stored value of a set, or "reset" / "absent". */
  const stored = (key: string): string | undefined => {
    const st = get(key);
    if (!st) return "absent";
    return st.verb === "reset" ? "reset" : (st.value ?? "absent");
  };
  const expandedValue = (key: string, want: Parts | undefined) => {
    const raw = stored(key);
    if (want === undefined) return eq(key, raw, "reset");
    if (raw === "reset" || raw === "absent" || raw === undefined) return eq(key, raw, norm(want));
    const d = decodeExpandedValue(raw, varNames(want));
    eq(`${key} readings that differ`, d.disagreements, []);
    eq(key, d.decoded, norm(want));
  };
  const lit = (t: string): Parts => [{ kind: "literal", text: t }];

  // The program and its arguments: nssm starts "Application" AppParameters.
  expandedValue("Application", s.executable);
  const installApp = install === undefined ? undefined : decodeExpandedValue(install, varNames(s.executable)).decoded;
  eq("install application", installApp, norm(s.executable));
  const params = stored("AppParameters");
  if (s.args.length === 0) eq("AppParameters", params, "reset");
  else {
    const d = decodeExpandedCommandLine(['"x"', params ?? ""], varNames(...s.args));
    eq("AppParameters readings that differ", d.disagreements, []);
    eq("AppParameters", d.decoded.args, s.args.map(norm));
  }
  expandedValue("AppDirectory", s.workingDirectory);

  // Environment: one NAME=value per entry, each expanded in order when the program starts.
  const envSet = get("AppEnvironmentExtra");
  if (s.environment.length === 0) eq("AppEnvironmentExtra", envSet?.verb, "reset");
  else {
    const entries = envSet?.entries ?? [];
    // 2.24-101 reads a leading + - : of the first entry as an instruction.
    if (v === "2.24-101" && /^[+\-:]/.test(entries[0] ?? "")) bad.push("AppEnvironmentExtra starts with a prefix character");
    eq(
      "AppEnvironmentExtra",
      entries.map((e) => {
        const i = e.indexOf("=");
        return [e.slice(0, i), decodeExpandedValue(e.slice(i + 1), varNames(...s.environment.map(([, x]) => x))).decoded];
      }),
      s.environment.map(([k, x]) => [k, norm(x)]),
    );
  }

  eq("DisplayName", stored("DisplayName"), textOf(s.displayName ?? lit(s.name)));
  // An empty Description is nssm's reset.
  const desc = stored("Description");
  eq("Description", desc === "reset" || desc === "" ? "" : desc, s.description ? textOf(s.description) : "");
  eq("Start", stored("Start"), START[s.startup ?? "auto"]);

  const obj = get("ObjectName");
  const BUILTIN: Record<string, string> = { "local-system": "LocalSystem", "local-service": "NT AUTHORITY\\LocalService", "network-service": "NT AUTHORITY\\NetworkService", virtual: `NT SERVICE\\${s.name}` };
  if (!a || a.kind === "builtin") {
    const got = obj?.user ?? obj?.value;
    eq("ObjectName", got?.toLowerCase(), BUILTIN[a?.builtin ?? "local-system"]!.toLowerCase());
  } else {
    eq("ObjectName user", obj?.user, textOf(a.user));
    eq("ObjectName password", obj?.value || undefined, a.passwordEnv ? SECRET : undefined);
  }

  const deps = get("DependOnService");
  if (s.dependsOn.length === 0) eq("DependOnService", deps?.verb, "reset");
  else eq("DependOnService", deps?.entries, s.dependsOn);

  // Restart: AppExit Default, AppExit 0, AppRestartDelay.
  const policy = s.restart.policy ?? "on-failure";
  eq("AppExit Default", stored("AppExit Default"), policy === "never" ? "Exit" : "Restart");
  const exit0 = stored("AppExit 0");
  eq("AppExit 0", exit0 === "reset" ? (policy === "never" ? "Exit" : "Restart") : exit0, policy === "always" ? "Restart" : "Exit");
  const delay = stored("AppRestartDelay");
  if (policy !== "never") eq("AppRestartDelay", delay === "reset" ? 0 : cNumber(delay ?? ""), s.restart.delayMs ?? 1000);
  // The back-off and stop sequence the capability texts describe need nssm's defaults.
  for (const p of ["AppThrottle", "AppStopMethodSkip"]) eq(p, stored(p), "reset");
  for (const p of ["AppStopMethodConsole", "AppStopMethodWindow", "AppStopMethodThreads"]) {
    const x = stored(p);
    eq(p, x === "reset" ? 1500 : cNumber(x ?? ""), s.stop.timeoutMs ?? 1500);
  }

  // Logs
  if (s.logs) {
    expandedValue("AppStdout", logFile(s.logs.directory, s.logs.stdout ?? lit(`${s.name}.out.log`)));
    expandedValue("AppStderr", logFile(s.logs.directory, s.logs.stderr ?? lit(`${s.name}.err.log`)));
    // CreateFile disposition: 4 OPEN_ALWAYS (nssm then seeks to the end: append), 2 CREATE_ALWAYS (fresh).
    for (const p of ["AppStdoutCreationDisposition", "AppStderrCreationDisposition"]) {
      const x = stored(p);
      eq(p, x === "reset" ? 4 : cNumber(x ?? ""), s.logs.append === false ? 2 : 4);
    }
    const rot = s.logs.rotate;
    const num = (p: string) => {
      const x = stored(p);
      return x === "reset" ? 0 : cNumber(x ?? "");
    };
    eq("AppRotateFiles", num("AppRotateFiles"), rot ? 1 : 0);
    eq("AppRotateOnline", num("AppRotateOnline"), rot ? 1 : 0);
    eq("AppRotateBytes", num("AppRotateBytes") + num("AppRotateBytesHigh") * 2 ** 32, rot ? rot.maxSizeBytes : 0);
  } else {
    for (const p of ["AppStdout", "AppStderr"]) eq(p, stored(p), "reset");
  }

  eq("AppPriority", stored("AppPriority"), PRIORITY[s.priority ?? "normal"] ?? "reset");

  // Hooks: one command line each, expanded and split like a program's command line.
  for (const [k, ev] of [["preStart", "Start/Pre"], ["postStop", "Exit/Post"]] as const) {
    const h = s.hooks[k];
    const x = stored(`AppEvents ${ev}`);
    if (v === "2.24") {
      eq(`AppEvents ${ev}`, x, "absent");
      continue;
    }
    if (!h) {
      eq(`AppEvents ${ev}`, x, "reset");
      continue;
    }
    const d = decodeExpandedCommandLine([x ?? ""], varNames(h.executable, ...h.args));
    eq(`${k} readings that differ`, d.disagreements, []);
    eq(`${k} program`, d.decoded.program, norm(h.executable));
    eq(`${k} args`, d.decoded.args, h.args.map(norm));
  }

  // The uninstall script stops and removes this service.
  const un = files.get(`${s.name}.nssm-uninstall.cmd`) ?? "";
  const calls = un.split("\r\n").filter((l) => l.startsWith("nssm.exe ")).map((l) => batchLineToArgv(l).slice(1));
  eq("uninstall calls", calls, [["stop", s.name], ["remove", s.name, "confirm"]]);
  return bad;
}

function verify(s: GenSpec, files: Map<string, string>, o: Record<string, unknown>): string[] {
  try {
    return compare(s, files, o);
  } catch (e) {
    return [`the output does not decode: ${(e as Error).message}`];
  }
}

const IGNORE = ["stop.timeout", "logs.rotate", "hooks.preStart", "hooks.postStop"];

export const nssmFuzz: TargetFuzz = {
  target: "nssm",
  platform: "windows",
  // nssm has no retry limit, so no window or reset period either.
  omit: new Set(["restart.maxRetries", "restart.window", "restart.resetAfter"]),
  options: { nssm: { ignore: IGNORE } },
  optionsArb: fc.constantFrom<Version | undefined>(undefined, "2.24", "2.24-101", "2.24-101").map((version) => ({ nssm: version ? { ignore: IGNORE, version } : { ignore: IGNORE } })),
  unexpressible,
  verify,
};
