import { batchLineToArgv } from "../../helpers/cmd-parse.js";
import { hasVar, textOf, type GenSpec, type Parts } from "../spec-gen.js";
import type { TargetFuzz } from "./types.js";
import { asExpandable, batchProblem, decodeExpandedCommandLine, differ, expansionProblem, joinParts, minimalArgLength, norm, specProblem, varNames } from "./windows.js";

// What an sc.exe install script can and cannot carry, written from the sc.exe and CreateService /
// ChangeServiceConfig(2) documentation (reference nssm-sc.md §B), reg.exe's REG_MULTI_SZ rules, cmd.exe's
// batch rules and Windows', independently of src/targets/sc. Decoding: each sc.exe / reg.exe line through
// cmd.exe (test/helpers/cmd-parse.ts) and the C runtime's argv; the ImagePath then as the SCM uses it
// (REG_EXPAND_SZ, expanded at start, then run as a command line).

const CMD_MAX_LINE = 8191;
const MAX_DWORD = 0xfffffffe; // SCM delays (ms) and reset period (s); 0xffffffff is INFINITE
// A batch line ends at CR or LF; other C0 controls and DEL are not carried through cmd.exe reliably.
const NOT_CMD = /[\x00-\x08\x0a-\x1f\x7f]/;
const notCmd = (p: Parts | undefined) => p !== undefined && NOT_CMD.test(textOf(p));
// CreateService: a group managed service account or a virtual account takes a NULL password.
const MANAGED = /\$$|^NT SERVICE\\/i;

const minimalToken = (s: string) => s.length + (s.match(/%/g)?.length ?? 0) + (s === "" || /[ \t]/.test(s) ? 2 : 0) + (s.match(/"/g)?.length ?? 0);

function failureActions(s: GenSpec): string {
  if ((s.restart.policy ?? "on-failure") === "never") return "";
  const r = `restart/${s.restart.delayMs ?? 1000}`;
  return s.restart.maxRetries === undefined ? r : [...Array<string>(s.restart.maxRetries).fill(r), "/0"].join("/");
}

function unexpressible(s: GenSpec): string | undefined {
  const core = specProblem(s);
  if (core) return core;
  const user = s.account?.kind === "user" ? s.account.user : undefined;
  const all: [Parts | undefined, string][] = [
    [s.executable, "executable"],
    ...s.args.map((a, i): [Parts, string] => [a, `args[${i}]`]),
    ...s.environment.map(([k, x]): [Parts, string] => [x, `environment.${k}`]),
    [s.displayName, "displayName"],
    [s.description, "description"],
    [user, "account.user"],
  ];
  for (const [p, what] of all) if (notCmd(p)) return `${what}: a character a cmd.exe line cannot carry`;
  if (textOf(s.executable).includes('"')) return 'executable: a Windows path cannot contain "';
  // The ImagePath is one REG_EXPAND_SZ string, expanded as a whole when the service starts.
  const image = joinParts([s.executable, ...s.args]);
  const e = expansionProblem(image, varNames(image));
  if (e) return `ImagePath: ${e}`;
  const batch = batchProblem(s.executable, s.args);
  if (batch) return `ImagePath: ${batch}`;
  // Stored as written (display name, description, account, the Environment value): no expansion.
  for (const [p, what] of [[s.displayName, "displayName"], [s.description, "description"], [user, "account.user"], ...s.environment.map(([k, x]) => [x, `environment.${k}`] as const)] as const) {
    if (p && hasVar(p)) return `${what}: stored as written`;
  }
  if (s.displayName && textOf(s.displayName).length > 256) return "display name longer than 256";
  if (user && s.account?.kind === "user" && s.account.passwordEnv && MANAGED.test(textOf(user))) return "Windows manages this account's password";
  if ((s.restart.policy ?? "on-failure") !== "never") {
    if ((s.restart.delayMs ?? 1000) > MAX_DWORD) return "restart delay above a DWORD of ms";
    const reset = s.restart.resetAfterMs ?? (s.restart.maxRetries !== undefined ? s.restart.windowMs : undefined);
    if (reset !== undefined && reset % 1000 !== 0) return "reset period not whole seconds";
    if (reset !== undefined && reset / 1000 > MAX_DWORD) return "reset period above a DWORD of s";
  }
  // cmd.exe reads lines of at most 8191 characters.
  const imageMin = `"${asExpandable(s.executable)}"`.length + s.args.reduce((t, a) => t + 1 + minimalArgLength(a), 0) + (asExpandable(image).match(/%/g)?.length ?? 0);
  const lines = [
    `sc.exe config ${s.name} binPath= `.length +
      imageMin +
      " start= demand DisplayName= ".length +
      minimalToken(textOf(s.displayName ?? [{ kind: "literal", text: s.name }])) +
      ` depend= ${s.dependsOn.join("/") || "/"} obj= `.length +
      (user ? minimalToken(textOf(user)) : "LocalSystem".length),
    `sc.exe description ${s.name} `.length + minimalToken(textOf(s.description ?? [])),
    `sc.exe failure ${s.name} reset= ${Math.round((s.restart.resetAfterMs ?? (s.restart.maxRetries !== undefined ? (s.restart.windowMs ?? 0) : 0)) / 1000)} actions= `.length +
      Math.max(failureActions(s).length, 2),
    `reg.exe add HKLM\\SYSTEM\\CurrentControlSet\\Services\\${s.name} /v Environment /t REG_MULTI_SZ /s ; /d  /f`.length + minimalToken(s.environment.map(([k, x]) => `${k}=${textOf(x)}`).join(";")),
  ];
  if (lines.some((n) => n > CMD_MAX_LINE)) return "a cmd.exe line longer than 8191";
  return undefined;
}

// --- decoding

const SECRET = "s3cret pass";

/** sc.exe's `name= value` pairs after `<verb> <service>`. */
function options(argv: string[], bad: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const k = argv[i]!;
    if (!k.endsWith("=") || argv[i + 1] === undefined) {
      bad.push(`sc.exe option ${JSON.stringify(k)} without a value`);
      continue;
    }
    if (m.has(k.toLowerCase())) bad.push(`sc.exe option ${k} given twice`);
    m.set(k.toLowerCase(), argv[i + 1]!);
  }
  return m;
}

const START: Record<string, string> = { auto: "auto", delayed: "delayed-auto", manual: "demand", disabled: "disabled" };

function compare(s: GenSpec, files: Map<string, string>): string[] {
  const { bad, eq } = differ();
  eq("files", [...files.keys()].sort(), [`${s.name}.sc-install.cmd`, `${s.name}.sc-uninstall.cmd`]);
  const text = files.get(`${s.name}.sc-install.cmd`)!;
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) bad.push("a line does not end in CRLF");
  const lines = text.split("\r\n");
  const firstNonAscii = lines.findIndex((l) => /[^\x00-\x7f]/.test(l));
  if (firstNonAscii >= 0) {
    const chcp = lines.indexOf("chcp 65001 >nul");
    if (chcp < 0 || chcp > firstNonAscii) bad.push("non-ASCII text without chcp 65001 before it");
  }
  const a = s.account;
  const env: Record<string, string> = a?.kind === "user" && a.passwordEnv ? { [a.passwordEnv]: SECRET } : {};
  const calls = lines.filter((l) => /^(sc|reg)\.exe /.test(l)).map((l) => batchLineToArgv(l.replace(/ >nul 2>&1$/, ""), env));
  const sc = (verb: string) => calls.filter((c) => c[0] === "sc.exe" && c[1] === verb);
  const one = (verb: string) => {
    const c = sc(verb);
    eq(`sc.exe ${verb} lines`, c.length, 1);
    if (c[0]) eq(`sc.exe ${verb} service`, c[0][2], s.name);
    return c[0]?.slice(3) ?? [];
  };

  // --- registration: create (new service) and config (always); the ImagePath as the SCM runs it
  const create = options(one("create"), bad);
  const config = options(one("config"), bad);
  for (const [what, o] of [["create", create], ["config", config]] as const) {
    const bin = o.get("binpath=") ?? "";
    const d = decodeExpandedCommandLine([bin], varNames(s.executable, ...s.args));
    eq(`${what} ImagePath readings that differ`, d.disagreements, []);
    eq(`${what} program`, d.decoded.program, norm(s.executable));
    eq(`${what} args`, d.decoded.args, s.args.map(norm));
    eq(`${what} DisplayName`, o.get("displayname="), textOf(s.displayName ?? [{ kind: "literal", text: s.name }]));
  }
  const startup = s.startup ?? "auto";
  eq("config start", config.get("start="), START[startup]);
  // delayed-auto is applied by config; create may register plain auto first.
  eq("create start", create.get("start="), startup === "delayed" ? "auto" : START[startup]);
  const dep = config.get("depend=");
  eq("depend", dep === "/" ? [] : dep?.split("/"), s.dependsOn);
  const BUILTIN: Record<string, [string, string | undefined]> = {
    "local-system": ["LocalSystem", ""],
    "local-service": ["NT AUTHORITY\\LocalService", ""],
    "network-service": ["NT AUTHORITY\\NetworkService", ""],
    virtual: [`NT SERVICE\\${s.name}`, undefined],
  };
  if (!a || a.kind === "builtin") eq("obj/password", [config.get("obj="), config.get("password=")], BUILTIN[a?.builtin ?? "local-system"]);
  else {
    const name = textOf(a.user);
    eq("obj", config.get("obj="), name);
    // A password from the variable; none (NULL) for managed accounts, none or empty for NT AUTHORITY ones.
    const pw = config.get("password=");
    if (a.passwordEnv) eq("password", pw, SECRET);
    else eq("password", pw ?? "", "");
  }

  // --- description, failure actions, failure flag
  const desc = one("description");
  eq("description", desc.join(" "), s.description ? textOf(s.description) : "");
  const failure = options(one("failure"), bad);
  const policy = s.restart.policy ?? "on-failure";
  const actions = (failure.get("actions=") ?? "").split("/");
  const pairs: [string, number][] = [];
  if (failure.get("actions=") !== "") for (let i = 0; i < actions.length; i += 2) pairs.push([actions[i]!, Number(actions[i + 1])]);
  const restart: [string, number] = ["restart", s.restart.delayMs ?? 1000];
  const wantPairs = policy === "never" ? [] : s.restart.maxRetries !== undefined ? [...Array(s.restart.maxRetries).fill(restart), ["", 0]] : [restart];
  eq("failure actions", pairs, wantPairs);
  if (policy !== "never") {
    const reset = s.restart.resetAfterMs ?? (s.restart.maxRetries !== undefined ? s.restart.windowMs : undefined);
    // Without a reset period a single, repeated restart action does not depend on it.
    if (reset !== undefined || s.restart.maxRetries !== undefined) eq("failure reset", Number(failure.get("reset=")) * 1000, reset);
  }
  eq("failureflag", one("failureflag"), [policy === "never" ? "0" : "1"]);

  // --- Environment (REG_MULTI_SZ, passed to the service as written)
  const add = calls.filter((c) => c[0] === "reg.exe" && c[1] === "add");
  if (s.environment.length === 0) eq("reg.exe add", add.length, 0);
  else {
    eq("reg.exe add lines", add.length, 1);
    const argv = add[0] ?? [];
    const flag = (f: string) => argv[argv.findIndex((x) => x.toLowerCase() === f) + 1];
    eq("Environment key", [argv[2], flag("/v"), flag("/t")], [`HKLM\\SYSTEM\\CurrentControlSet\\Services\\${s.name}`, "Environment", "REG_MULTI_SZ"]);
    const sep = flag("/s");
    if (sep === undefined || sep.length !== 1) bad.push(`reg.exe separator ${JSON.stringify(sep)} is not one character`);
    eq("Environment", flag("/d")?.split(sep ?? "\0"), s.environment.map(([k, x]) => `${k}=${textOf(x)}`));
  }

  // --- the uninstall script stops and deletes this service
  const un = (files.get(`${s.name}.sc-uninstall.cmd`) ?? "").split("\r\n").filter((l) => l.startsWith("sc.exe ")).map((l) => batchLineToArgv(l.replace(/ >nul 2>&1$/, "")).slice(1));
  eq("uninstall calls", [...new Set(un.map((c) => c.join(" ")))], [`query ${s.name}`, `stop ${s.name}`, `delete ${s.name}`]);
  return bad;
}

function verify(s: GenSpec, files: Map<string, string>): string[] {
  try {
    return compare(s, files);
  } catch (e) {
    return [`the output does not decode: ${(e as Error).message}`];
  }
}

export const scFuzz: TargetFuzz = {
  target: "sc",
  platform: "windows",
  // What sc.exe cannot express at all: no wrapper process to set a directory, capture output, time the
  // stop, set a priority or run hooks.
  omit: new Set(["workingDirectory", "stop.timeout", "logs", "logs.rotate", "hooks.preStart", "hooks.postStop", "priority"]),
  options: { sc: { ignore: ["restart.policy", "restart.window"] } },
  unexpressible,
  verify,
};
