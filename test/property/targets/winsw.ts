import fc from "fast-check";
import { decodeWindowsArgs, type ArgvDialect } from "../../decoders/windows-argv.js";
import { expandWindows, sentinelsToParts, windowsReadings } from "../../decoders/windows-expand.js";
import { dotnetBoolParse, dotnetIntParse, dotnetTrim, decodeWinswSizeThreshold, decodeWinswTimeSpan } from "../../decoders/winsw-values.js";
import { attr, childElements, parseXml, textOf as xmlTextOf, type XmlElement } from "../../decoders/xml.js";
import { hasVar, textOf, type GenSpec, type Parts } from "../spec-gen.js";
import type { TargetFuzz } from "./types.js";
import { asExpandable, batchProblem, decodeExpandedValue, differ, expansionProblem, joinParts, norm, specProblem, varNames } from "./windows.js";

// What a WinSW XML file can and cannot carry, written from WinSW's source (winsw/winsw v2.12.0 and
// v3.0.0-alpha.11: XmlServiceConfig.cs, ConfigHelper.cs, ServiceAccount.cs, Native/Service.cs,
// LogAppenders.cs, WrapperService.cs), XML 1.0 and Windows' rules, independently of src/targets/winsw.
//   version 2: elements found by XPath //name anywhere; version 3: direct children of <service>;
//   no version: svcgen's portable subset, which must read the same under both.

type Version = 2 | 3 | "both";
const versionOf = (o: Record<string, unknown>): Version => ((o as { winsw: { version?: 2 | 3 } }).winsw.version ?? "both");
const readersOf = (v: Version): (2 | 3)[] => (v === "both" ? [2, 3] : [v]);

const INT32_MAX = 2_147_483_647;
// XML 1.0 Chars: C0 controls other than tab, LF and CR cannot be written at all (not even as references).
const NOT_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;
const notXml = (p: Parts | undefined) => p !== undefined && NOT_XML.test(textOf(p));

function commandProblem(exe: Parts, args: Parts[], what: string, lineBreaksFlattened: boolean): string | undefined {
  if (notXml(exe) || args.some(notXml)) return `${what}: character XML 1.0 cannot carry`;
  if (textOf(exe).includes('"')) return `${what}: a Windows path cannot contain "`;
  const e = expansionProblem(exe);
  if (e) return `${what} executable: ${e}`;
  // <arguments> is one string, expanded as a whole.
  const e2 = expansionProblem(joinParts(args), varNames(...args));
  if (e2) return `${what} args: ${e2}`;
  // WinSW 2 (2.8+) replaces \s*[\n\r]+\s* in the start arguments with one space.
  if (lineBreaksFlattened && args.some((a) => /[\r\n]/.test(textOf(a)))) return `${what} args: WinSW 2 flattens line breaks`;
  const b = batchProblem(exe, args);
  if (b) return `${what} args: ${b}`;
  return undefined;
}

/** DOMAIN\user split at the first backslash (as WinSW 2 needs it); undefined without one. */
const splitAccount = (s: string) => (s.includes("\\") ? { domain: s.slice(0, s.indexOf("\\")), user: s.slice(s.indexOf("\\") + 1) } : undefined);

// WinSW writes <base>.out.log and <base>.err.log (fixed suffixes in the append, reset and roll-by-size modes).
function logBase(s: GenSpec): string | undefined {
  const out = asExpandable(s.logs!.stdout ?? [{ kind: "literal", text: `${s.name}.out.log` }]);
  const err = asExpandable(s.logs!.stderr ?? [{ kind: "literal", text: `${s.name}.err.log` }]);
  if (!out.endsWith(".out.log") || !err.endsWith(".err.log")) return undefined;
  const base = out.slice(0, -".out.log".length);
  return base === err.slice(0, -".err.log".length) ? base : undefined;
}

function unexpressible(s: GenSpec, o: Record<string, unknown>): string | undefined {
  const v = versionOf(o);
  const core = specProblem(s);
  if (core) return core;
  for (const [p, what] of [[s.displayName, "displayName"], [s.description, "description"], [s.workingDirectory, "workingDirectory"]] as const) {
    if (!p) continue;
    if (notXml(p)) return `${what}: character XML 1.0 cannot carry`;
    const e = expansionProblem(p);
    if (e) return `${what}: ${e}`;
  }
  const c = commandProblem(s.executable, s.args, "main", v !== 3);
  if (c) return c;
  for (const [name, value] of s.environment) {
    if (notXml(value)) return `environment.${name}: character XML 1.0 cannot carry`;
    const e = expansionProblem(value);
    if (e) return `environment.${name}: ${e}`;
    // WinSW 2 (.NET Framework's Environment.SetEnvironmentVariable) deletes a variable set to "".
    if (v !== 3 && textOf(value) === "" && !hasVar(value)) return `environment.${name}: WinSW 2 deletes an empty variable`;
  }
  const a = s.account;
  if (a && !(a.kind === "builtin" && a.builtin === "local-system")) {
    if (v === "both") return "WinSW 2 and 3 read the service account from different elements";
    if (a.kind === "builtin" && a.builtin === "virtual" && v === 3) return "WinSW 3's install looks NT SERVICE\\<name> up before the service exists";
    if (a.kind === "user") {
      if (hasVar(a.user)) return "WinSW does not expand the service account";
      if (notXml(a.user)) return "account.user: character XML 1.0 cannot carry";
      const name = textOf(a.user);
      const split = splitAccount(name);
      // DOMAIN\user with an empty side is not an account name Windows can look up (WinSW 2 would also
      // drop an empty <user> and run as LocalSystem).
      if (split && (split.domain === "" || split.user === "")) return "account.user has an empty domain or user";
      // WinSW 2 writes a missing domain as "." (a local account), which is not what a bare name means.
      if (v === 2 && !split) return "WinSW 2 cannot store an account without a domain";
    }
  }
  const r = s.restart;
  if ((r.policy ?? "on-failure") !== "never") {
    // SC_ACTION.Delay = (int)TotalMilliseconds; SERVICE_FAILURE_ACTIONS.ResetPeriod = (int)TotalSeconds.
    if ((r.delayMs ?? 1000) > INT32_MAX) return "restart delay above 2^31-1 ms";
    const reset = r.resetAfterMs ?? (r.maxRetries !== undefined ? r.windowMs : undefined);
    if (reset !== undefined && reset % 1000 !== 0) return "failure reset period not whole seconds";
    if (reset !== undefined && reset / 1000 > INT32_MAX) return "failure reset period above 2^31-1 s";
  }
  // The stop timeout becomes (int)TotalMilliseconds.
  if ((s.stop.timeoutMs ?? 0) > INT32_MAX) return "stop timeout above 2^31-1 ms";
  if (s.logs) {
    for (const [p, what] of [[s.logs.directory, "logs.directory"], [s.logs.stdout, "logs.stdout"], [s.logs.stderr, "logs.stderr"]] as const) {
      if (!p) continue;
      if (notXml(p)) return `${what}: character XML 1.0 cannot carry`;
      const e = expansionProblem(p);
      if (e) return `${what}: ${e}`;
    }
    const base = logBase(s);
    if (base === undefined) return "log names are not <base>.out.log and <base>.err.log";
    // Path.Combine(logpath, "") is logpath itself: the files would be <logpath>.out.log, beside the directory.
    if (base === "") return "an empty log base name";
    const rot = s.logs.rotate;
    if (rot) {
      // <sizeThreshold> is an int of KB, times 1024 in an int.
      if (rot.maxSizeBytes % 1024 !== 0 || rot.maxSizeBytes > INT32_MAX) return "size not whole KiB within an int";
      // keepFiles 1: the second rotation cannot move the live file onto .0 and truncates it instead.
      if (rot.keep === 1) return "WinSW cannot keep exactly one rotated file";
      // roll-by-size always appends.
      if (s.logs.append === false) return "roll-by-size cannot start fresh files";
    }
  }
  for (const k of ["preStart", "postStop"] as const) {
    const h = s.hooks[k];
    if (!h) continue;
    if (v !== 3) return "hooks exist only in WinSW 3";
    const c2 = commandProblem(h.executable, h.args, k, false);
    if (c2) return c2;
  }
  return undefined;
}

// --- reading the file as WinSW does

/** .NET Regex \s: [\f\n\r\t\v\x85\p{Z}]. */
const V2_FLATTEN = /[\f\n\r\t\v\x85\p{Z}]*[\n\r]+[\f\n\r\t\v\x85\p{Z}]*/gu;

function reader(root: XmlElement, version: 2 | 3) {
  const descendants = (e: XmlElement): XmlElement[] => childElements(e).flatMap((c) => [c, ...descendants(c)]);
  const all = (name: string): XmlElement[] => (version === 3 ? childElements(root, name) : descendants(root).filter((e) => e.name === name));
  const find = (name: string) => all(name)[0];
  // InnerText as XmlDocument (PreserveWhitespace false) keeps it.
  const raw = (e: XmlElement | undefined) => (e ? xmlTextOf(e, "dotnet") : undefined);
  return { all, find, raw, text: (name: string) => raw(find(name)) };
}

/** Decoded under every %-expansion reading; a difference between readings is itself reported. */
function expanded(value: string | undefined, names: readonly string[], what: string, bad: string[]): Parts | undefined {
  if (value === undefined) return undefined;
  const d = decodeExpandedValue(value, names);
  if (d.disagreements.length) bad.push(`${what}: %-expansion readings differ (${d.disagreements.join(", ")})`);
  return d.decoded;
}

function argvOf(text: string, names: readonly string[], what: string, bad: string[]): Parts[] {
  const results = windowsReadings(names).flatMap((r) =>
    (["msvcrt", "commandLineToArgvW"] as ArgvDialect[]).map((d) => decodeWindowsArgs(expandWindows(text, r.defined, r.scan), d).map(sentinelsToParts)),
  );
  if (results.some((x) => JSON.stringify(x) !== JSON.stringify(results[0]))) bad.push(`${what}: argv differs between expansion readings or parsers`);
  return results[0]!;
}

const START_MODE: Record<string, string> = { auto: "automatic", delayed: "automatic", manual: "manual", disabled: "disabled" };
const PRIORITY: Record<string, string> = { idle: "idle", "below-normal": "belownormal", normal: "normal", "above-normal": "abovenormal", high: "high", realtime: "realtime" };

function verifyAs(s: GenSpec, root: XmlElement, version: 2 | 3, bad: string[]): void {
  const eq = (what: string, got: unknown, want: unknown) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`[WinSW ${version}] ${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  const R = reader(root, version);
  const value = (name: string, names: readonly string[] = []) => expanded(R.text(name), names, name, bad);
  const lit = (t: string): Parts => [{ kind: "literal", text: t }];

  eq("id", value("id"), lit(s.name));
  eq("name", value("name", varNames(s.displayName ?? [])), norm(s.displayName ?? lit(s.name)));
  eq("description", value("description", varNames(s.description ?? [])), norm(s.description ?? lit("")));
  eq("executable", value("executable", varNames(s.executable)), norm(s.executable));
  let args = R.text("arguments") ?? "";
  if (version === 2) args = args.replace(V2_FLATTEN, " ");
  eq("arguments", argvOf(args, varNames(...s.args), "arguments", bad), s.args.map(norm));
  for (const k of ["startarguments", "stoparguments", "argument", "startargument", "stopargument", "stopexecutable"]) eq(`<${k}>`, R.find(k)?.name, undefined);
  const wd = value("workingdirectory", varNames(s.workingDirectory ?? []));
  eq("workingdirectory", wd === undefined || (wd.length === 1 && wd[0]!.kind === "literal" && wd[0]!.text === "") ? undefined : wd, s.workingDirectory && norm(s.workingDirectory));

  const env = R.all("env").map((e) => [attr(e, "name"), expanded(attr(e, "value"), varNames(...s.environment.map(([, v]) => v)), `env ${attr(e, "name")}`, bad)]);
  eq("env", env, s.environment.map(([k, v]) => [k, norm(v)]));

  // --- account: what CreateService gets
  const sa = R.find("serviceaccount");
  const part = (n: string) => (sa ? R.raw(childElements(sa, n)[0]) : undefined);
  let account: string | undefined;
  let allowLogon = false;
  if (version === 2) {
    const user = part("user");
    if (user) account = `${part("domain") ?? "."}\\${user}`;
    const logon = part("allowservicelogon");
    allowLogon = logon !== undefined && /^true$/i.test(dotnetTrim(logon));
  } else account = part("username") || undefined;
  eq("password element", sa ? childElements(sa, "password").length : 0, 0);
  const a = s.account;
  const BUILTIN: Record<string, string | undefined> = { "local-system": undefined, "local-service": "NT AUTHORITY\\LocalService", "network-service": "NT AUTHORITY\\NetworkService", virtual: `NT SERVICE\\${s.name}` };
  if (!a || a.kind === "builtin") eq("account", account, BUILTIN[a?.builtin ?? "local-system"]);
  else {
    const name = textOf(a.user);
    eq("account", account, name);
    if (version === 2) eq("allowservicelogon", allowLogon, !/^(NT AUTHORITY|NT SERVICE)\\/i.test(name));
    else eq("prompt", part("prompt")?.toLowerCase(), a.passwordEnv ? "console" : undefined);
  }

  // --- start
  const startup = s.startup ?? "auto";
  const mode = R.text("startmode");
  eq("startmode", mode === undefined ? "automatic" : dotnetTrim(mode).toLowerCase(), START_MODE[startup]);
  const delayedEl = R.find("delayedAutoStart");
  const delayed = delayedEl === undefined ? false : version === 2 ? true : dotnetBoolParse(R.raw(delayedEl)!);
  eq("delayedAutoStart", delayed, startup === "delayed");
  eq("depend", R.all("depend").map((e) => R.raw(e)), s.dependsOn);

  // --- restart: the SCM's failure actions (the last one repeats)
  const actions = R.all("onfailure").map((e) => {
    const d = attr(e, "delay");
    return [attr(e, "action"), d === undefined ? 0 : decodeWinswTimeSpan(d)];
  });
  const r = s.restart;
  const policy = r.policy ?? "on-failure";
  if (policy === "never") eq("onfailure", actions, []);
  else {
    const restart = ["restart", r.delayMs ?? 1000];
    eq("onfailure", actions, r.maxRetries !== undefined ? [...Array(r.maxRetries).fill(restart), ["none", 0]] : [restart]);
    const reset = R.text("resetfailure");
    const want = r.resetAfterMs ?? (r.maxRetries !== undefined ? r.windowMs : undefined);
    if (want !== undefined || reset !== undefined) eq("resetfailure", reset === undefined ? 86_400_000 : decodeWinswTimeSpan(reset), want ?? "WinSW's default");
  }
  const stop = R.text("stoptimeout");
  eq("stoptimeout", stop === undefined ? undefined : decodeWinswTimeSpan(stop), s.stop.timeoutMs);

  // --- logs
  const logEl = R.find("log");
  if (s.logs) {
    eq("logpath", value("logpath", varNames(s.logs.directory)), norm(s.logs.directory));
    const base = value("logname", varNames(s.logs.stdout ?? [], s.logs.stderr ?? []));
    const out = s.logs.stdout ?? lit(`${s.name}.out.log`);
    const err = s.logs.stderr ?? lit(`${s.name}.err.log`);
    eq("stdout file", base && norm([...base, { kind: "literal", text: ".out.log" }]), norm(out));
    eq("stderr file", base && norm([...base, { kind: "literal", text: ".err.log" }]), norm(err));
    const mode = logEl ? attr(logEl, "mode") : "append";
    const child = (n: string) => (logEl ? R.raw(childElements(logEl, n)[0]) : undefined);
    if (s.logs.rotate) {
      eq("log mode", mode, "roll-by-size");
      const size = child("sizeThreshold");
      eq("sizeThreshold", size === undefined ? 10 * 1024 * 1024 : decodeWinswSizeThreshold(size), s.logs.rotate.maxSizeBytes);
      const keep = child("keepFiles");
      eq("keepFiles", keep === undefined ? 8 : dotnetIntParse(keep), s.logs.rotate.keep ?? 8);
    } else eq("log mode", mode, s.logs.append === false ? "reset" : "append");
    for (const k of ["logmode", "outfiledisabled", "errfiledisabled", "outfilepattern", "errfilepattern"]) eq(`<${k}>`, R.find(k)?.name, undefined);
  } else {
    eq("logpath", R.find("logpath")?.name, undefined);
    eq("log", logEl?.name, undefined);
  }

  const prio = R.text("priority");
  eq("priority", prio === undefined ? "normal" : dotnetTrim(prio).toLowerCase(), PRIORITY[s.priority ?? "normal"]);

  // --- hooks (WinSW 3 reads them; WinSW 2 has none)
  for (const [k, tag] of [["preStart", "prestart"], ["postStop", "poststop"]] as const) {
    const h = s.hooks[k];
    const el = version === 3 ? childElements(root, tag)[0] : undefined;
    if (!h) {
      eq(`<${tag}>`, el?.name, undefined);
      continue;
    }
    if (!el) {
      bad.push(`[WinSW ${version}] <${tag}> missing`);
      continue;
    }
    const hv = (n: string) => R.raw(childElements(el, n)[0]);
    eq(`${tag} executable`, expanded(hv("executable"), varNames(h.executable), `${tag} executable`, bad), norm(h.executable));
    eq(`${tag} arguments`, argvOf(hv("arguments") ?? "", varNames(...h.args), `${tag} arguments`, bad), h.args.map(norm));
  }
  for (const tag of ["poststart", "prestop"]) eq(`<${tag}>`, R.find(tag)?.name, undefined);
}

function verify(s: GenSpec, files: Map<string, string>, o: Record<string, unknown>): string[] {
  const { bad, eq } = differ();
  eq("files", [...files.keys()], [`${s.name}.xml`]);
  try {
    const doc = parseXml(files.get(`${s.name}.xml`)!);
    eq("declared encoding", doc.declaration?.encoding?.toLowerCase(), "utf-8");
    eq("root", doc.root.name, "service");
    for (const version of readersOf(versionOf(o))) verifyAs(s, doc.root, version, bad);
  } catch (e) {
    bad.push(`the output does not decode: ${(e as Error).message}`);
  }
  return bad;
}

const IGNORE = ["account.password", "restart.policy", "restart.window", "hooks.postStop"];

export const winswFuzz: TargetFuzz = {
  target: "winsw",
  platform: "windows",
  omit: new Set(),
  options: { winsw: { ignore: IGNORE } },
  // Approximations accepted (ignored); the WinSW generation varies: none (the portable subset), 2 or 3.
  optionsArb: fc.constantFrom<2 | 3 | undefined>(undefined, 2, 3, 3).map((version) => ({ winsw: version ? { ignore: IGNORE, version } : { ignore: IGNORE } })),
  unexpressible,
  verify,
};
