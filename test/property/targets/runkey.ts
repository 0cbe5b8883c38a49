import fc from "fast-check";
import { decodeWindowsCommandLine } from "../../decoders/windows-argv.js";
import { batchLineToArgv } from "../../helpers/cmd-parse.js";
import { hasVar, textOf, type GenSpec, type Parts } from "../spec-gen.js";
import type { TargetFuzz } from "./types.js";
import { asExpandable, batchProblem, decodeExpandedCommandLine, differ, expansionProblem, joinParts, norm, specProblem, varNames } from "./windows.js";

// What a Run entry (one registry value written by reg.exe from a cmd.exe script) can and cannot carry,
// written from Microsoft's documentation ("Run and RunOnce Registry Keys": a command line of at most
// 260 characters; REG_EXPAND_SZ: a string with unexpanded %NAME% references), cmd.exe's batch rules and
// the Windows argv rules, independently of src/targets/runkey. Decoding: each reg.exe line through
// cmd.exe (test/helpers/cmd-parse.ts) and the C runtime's argv; the value's data then as Explorer uses
// it: expanded under every reading (whether or not Explorer expands a REG_SZ value is not documented,
// so a REG_SZ value must also read right unexpanded), then split as a command line.

const MAX_RUN_COMMAND_LINE = 260;
const NOT_CMD = /[\x00-\x08\x0a-\x1f\x7f]/;
const notCmd = (p: Parts) => NOT_CMD.test(textOf(p));

type Scope = "user" | "machine";
interface RunkeyOpts {
  scope?: Scope;
  reenable?: boolean;
  ignore: string[];
}
const optsOf = (o: Record<string, unknown>): RunkeyOpts => (o as { runkey: RunkeyOpts }).runkey;

/**
 * The length of the shortest conventional command line for these parts: the program always in quotes,
 * each argument bare unless it is empty or has a space, tab, quote or a variable (whose value may hold
 * a space), in which case it is quoted with backslashes doubled before a quote and at the end (the
 * algorithm of "Everyone quotes command line arguments the wrong way", Microsoft, 2011).
 */
function commandLineLength(exe: Parts, args: Parts[]): number {
  let n = asExpandable(exe).length + 2;
  for (const a of args) {
    const s = asExpandable(a);
    n += 1;
    if (s !== "" && !/[ \t"]/.test(s) && !hasVar(a)) {
      n += s.length;
      continue;
    }
    n += 2;
    let slashes = 0;
    for (const c of s) {
      if (c === "\\") {
        slashes++;
        continue;
      }
      n += c === '"' ? 2 * slashes + 2 : slashes + 1;
      slashes = 0;
    }
    n += 2 * slashes;
  }
  return n;
}

function unexpressible(s: GenSpec): string | undefined {
  const core = specProblem(s);
  if (core) return core;
  for (const [p, what] of [[s.executable, "executable"], ...s.args.map((a, i) => [a, `args[${i}]`] as const)] as const) {
    if (notCmd(p)) return `${what}: a character a cmd.exe line cannot carry`;
  }
  if (textOf(s.executable).includes('"')) return 'executable: a Windows path cannot contain "';
  // The command line is one string, expanded as a whole at logon (REG_EXPAND_SZ; possibly REG_SZ too).
  const line = joinParts([s.executable, ...s.args]);
  const e = expansionProblem(line, varNames(line));
  if (e) return `command line: ${e}`;
  // Explorer starts the entry with CreateProcess: a .bat or .cmd runs under cmd.exe.
  const batch = batchProblem(s.executable, s.args);
  if (batch) return `command line: ${batch}`;
  if (commandLineLength(s.executable, s.args) > MAX_RUN_COMMAND_LINE) return "a Run command line longer than 260 characters";
  return undefined;
}

const RUN = "Software\\Microsoft\\Windows\\CurrentVersion\\Run";
const APPROVED = "Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\StartupApproved\\Run";

function calls(text: string, bad: string[]): string[][] {
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) bad.push("a line does not end in CRLF");
  const lines = text.split("\r\n");
  const firstNonAscii = lines.findIndex((l) => /[^\x00-\x7f]/.test(l));
  if (firstNonAscii >= 0) {
    const chcp = lines.indexOf("chcp 65001 >nul");
    if (chcp < 0 || chcp > firstNonAscii) bad.push("non-ASCII text without chcp 65001 before it");
  }
  return lines.filter((l) => l.startsWith("reg.exe ")).map((l) => batchLineToArgv(l.replace(/ >nul 2>&1$/, "")));
}

function compare(s: GenSpec, files: Map<string, string>, o: Record<string, unknown>): string[] {
  const { bad, eq } = differ();
  const opts = optsOf(o);
  const root = (opts.scope ?? "user") === "machine" ? "HKLM" : "HKCU";
  const run = `${root}\\${RUN}`;
  const approved = `${root}\\${APPROVED}`;
  eq("files", [...files.keys()].sort(), [`${s.name}.runkey-install.cmd`, `${s.name}.runkey-uninstall.cmd`]);
  const installText = files.get(`${s.name}.runkey-install.cmd`) ?? "";
  const install = calls(installText, bad);
  for (const c of install) if (c.at(-1)?.toLowerCase() !== "/reg:64") bad.push(`not in the 64-bit view: ${c.join(" ")}`);
  const flag = (c: string[], f: string) => c[c.findIndex((x) => x.toLowerCase() === f) + 1];

  // --- the Run value
  const adds = install.filter((c) => c[1] === "add" && c[2] === run);
  eq("reg.exe add Run lines", adds.length, 1);
  const add = adds[0] ?? [];
  eq("value name", flag(add, "/v"), s.name);
  const type = flag(add, "/t");
  const data = flag(add, "/d") ?? "";
  const vars = hasVar(s.executable) || s.args.some(hasVar);
  // A %NAME% is expanded only in a REG_EXPAND_SZ value (Microsoft, "Registry value types").
  if (vars) eq("type", type, "REG_EXPAND_SZ");
  else if (type !== "REG_SZ" && type !== "REG_EXPAND_SZ") bad.push(`type ${type}`);
  if (data.length > MAX_RUN_COMMAND_LINE) bad.push(`the command line is ${data.length} characters long`);
  const d = decodeExpandedCommandLine([data], varNames(s.executable, ...s.args));
  eq("command line readings that differ", d.disagreements, []);
  eq("program", d.decoded.program, norm(s.executable));
  eq("args", d.decoded.args, s.args.map(norm));
  if (type === "REG_SZ") {
    // And as written, in case nothing expands it.
    for (const dialect of ["msvcrt", "commandLineToArgvW"] as const) {
      eq(`unexpanded command line (${dialect})`, decodeWindowsCommandLine(data, dialect), [textOf(s.executable), ...s.args.map(textOf)]);
    }
  }

  // --- elevation, and Task Manager's record (StartupApproved)
  const admin = installText.split("\r\n").includes("net session >nul 2>&1");
  eq("Administrator check", admin, root === "HKLM");
  const startup = s.startup ?? "auto";
  const approvedAdds = install.filter((c) => c[1] === "add" && c[2] === approved);
  const approvedDeletes = install.filter((c) => c[1] === "delete" && c[2] === approved);
  if (startup === "disabled" || startup === "manual") {
    eq("disable record", approvedAdds.map((c) => [flag(c, "/v"), flag(c, "/t"), flag(c, "/d")?.slice(0, 2)]), [[s.name, "REG_BINARY", "03"]]);
    eq("record deletes", approvedDeletes.length, 0);
  } else {
    eq("disable record", approvedAdds.length, 0);
    eq("re-enable", approvedDeletes.map((c) => flag(c, "/v")), opts.reenable ? [s.name] : []);
  }
  const queries = install.filter((c) => c[1] === "query");
  for (const q of queries) eq("query", [q[2], flag(q, "/v")], [approved, s.name]);

  // --- the uninstall script removes this value and its record, in this scope
  const un = calls(files.get(`${s.name}.runkey-uninstall.cmd`) ?? "", bad);
  eq("uninstall deletes", un.filter((c) => c[1] === "delete").map((c) => [c[2], flag(c, "/v")]), [[run, s.name], [approved, s.name]]);
  eq("uninstall admin check", (files.get(`${s.name}.runkey-uninstall.cmd`) ?? "").split("\r\n").includes("net session >nul 2>&1"), root === "HKLM");
  return bad;
}

function verify(s: GenSpec, files: Map<string, string>, o: Record<string, unknown>): string[] {
  try {
    return compare(s, files, o);
  } catch (e) {
    return [`the output does not decode: ${(e as Error).message}`];
  }
}

// Restart settings a Run entry cannot carry are accepted as lost, so that specs reach the encoders.
const IGNORE = ["restart.policy", "restart.delay"];

export const runkeyFuzz: TargetFuzz = {
  target: "runkey",
  platform: "windows",
  // What a Run entry cannot express at all: it is a command line, run as the user who logs on.
  omit: new Set([
    "displayName",
    "description",
    "workingDirectory",
    "environment",
    "account",
    "dependsOn",
    "restart.maxRetries",
    "restart.window",
    "restart.resetAfter",
    "stop.timeout",
    "logs",
    "logs.rotate",
    "hooks.preStart",
    "hooks.postStop",
    "priority",
  ]),
  options: { runkey: { ignore: IGNORE } },
  optionsArb: fc
    .record({ scope: fc.constantFrom<Scope | undefined>(undefined, "user", "machine"), reenable: fc.constantFrom<boolean | undefined>(undefined, false, true) })
    .map(({ scope, reenable }) => ({ runkey: { ...(scope ? { scope } : {}), ...(reenable !== undefined ? { reenable } : {}), ignore: IGNORE } })),
  unexpressible,
  verify,
};
