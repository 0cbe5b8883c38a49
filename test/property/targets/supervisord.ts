import fc from "fast-check";
import { decodeProgram, isPySpace, shWords, type DecodedProgram } from "../../decoders/supervisord-conf.js";
import { allTexts, hasVar, literalOf, textOf, type GenSpec, type Parts } from "../spec-gen.js";
import type { TargetFuzz } from "./types.js";

// What a supervisord [program:x] section can and cannot carry, written from supervisor 4.2.5's code and
// Python's configparser and shlex (see test/decoders/supervisord-conf.ts), independently of
// src/targets/supervisord.

const IGNORE = ["startup", "restart.delay", "restart.maxRetries", "restart.window", "restart.resetAfter", "hooks.preStart"];
type Options = { supervisord: { ignore: string[]; startsecs?: number; stopAsGroup?: boolean } };
const opts = (o: Record<string, unknown>) => (o as Options).supervisord;

const LINUX_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$|^[A-Za-z_][A-Za-z0-9_.-]{0,30}\$$/; // useradd: portable, at most 32
const SH_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The value as it stands on its line, each variable as one placeholder character (its %(ENV_...)s form has no blank, ; or #). */
const rendered = (p: Parts): string => p.map((x) => (x.kind === "literal" ? x.text : "V")).join("");
const lineBreak = (p: Parts) => /[\r\n]/.test(textOf(p));
const commentAfterBlank = (s: string) => s.split("").some((c, i) => (c === ";" || c === "#") && i > 0 && isPySpace(s[i - 1]));
// A literal % is written %% (or %%%%) in every %-expanded setting, so the text %(here)s, which
// expand_here replaces by plain text search, cannot be kept out of a setting with no quoting of its own.
const hereText = (p: Parts) => p.some((x) => x.kind === "literal" && x.text.includes("%(here)s"));

/** directory=, user=, log paths: no quoting, so configparser's stripping and comments and expand_here all apply. */
function rawProblem(p: Parts): string | undefined {
  if (lineBreak(p)) return "line break";
  const s = rendered(p);
  if (isPySpace(s[0]) || isPySpace(s[s.length - 1])) return "blank stripped by configparser";
  if (commentAfterBlank(s)) return "configparser comment";
  if (hereText(p)) return "%(here)s";
  return undefined;
}

/** environment=: non-POSIX shlex tokens (no escapes), quote characters stripped from both ends. */
function envProblem(p: Parts): string | undefined {
  if (lineBreak(p)) return "line break";
  const t = textOf(p);
  if (t.includes("'") && t.includes('"')) return "both quote kinds";
  const s = rendered(p);
  if (/^['"]|['"]$/.test(s)) return "quote at an end, stripped";
  if (commentAfterBlank(s)) return "configparser comment";
  if (hereText(p)) return "%(here)s";
  return undefined;
}

function logPath(dir: Parts, file: Parts): Parts {
  const d = dir.map((x) => ({ ...x }));
  const last = d[d.length - 1];
  if (last?.kind === "literal") last.text = last.text.replace(/\/+$/, "");
  return [...d, { kind: "literal", text: "/" }, ...file];
}
const fileOf = (s: GenSpec, key: "stdout" | "stderr"): Parts => s.logs![key] ?? [{ kind: "literal", text: `${s.name}.${key === "stdout" ? "out" : "err"}.log` }];

function unexpressible(s: GenSpec): string | undefined {
  if (allTexts(s).some((p) => textOf(p).includes("\0"))) return "NUL";
  const envNames = new Set(s.environment.map(([k]) => k));
  const early = (p: Parts) => p.some((x) => x.kind === "var" && envNames.has(x.name));
  const words = [s.executable, ...s.args, ...(s.hooks.preStart ? [s.hooks.preStart.executable, ...s.hooks.preStart.args] : [])];
  // A variable whose value names itself stays '%(ENV_NAME)s' in command= (the program's value): no ' in it.
  const selfQuoted = new Set(s.environment.filter(([k, v]) => v.some((x) => x.kind === "var" && x.name === k) && v.some((x) => x.kind === "literal" && x.text.includes("'"))).map(([k]) => k));
  const checks: (string | undefined)[] = [
    ...words.map((w) => (lineBreak(w) ? "line break in command" : undefined)),
    ...(s.hooks.preStart ? [] : [s.executable, ...s.args].map((w) => (w.some((x) => x.kind === "var" && selfQuoted.has(x.name)) ? "a ' in a value that names itself, used in command" : undefined))),
    ...(s.hooks.preStart ? words.map((w) => (w.some((x) => x.kind === "var" && !SH_NAME.test(x.name)) ? "variable /bin/sh cannot expand" : undefined)) : []),
    s.workingDirectory && rawProblem(s.workingDirectory),
    // A variable's own name in its value is supervisord's value, the one it had before: allowed.
    ...s.environment.map(([k, v]) => envProblem(v) ?? (v.some((x) => x.kind === "var" && envNames.has(x.name) && x.name !== k) ? "environment refers to the spec's own variable" : undefined)),
    s.account?.kind === "user" ? rawProblem(s.account.user) ?? (early(s.account.user) ? "user refers to the spec's own variable" : undefined) : undefined,
    s.account?.kind === "user" && !hasVar(s.account.user) && !LINUX_NAME.test(textOf(s.account.user)) ? "not a Linux user name" : undefined,
    s.logs?.append === false ? "supervisord always appends" : undefined,
    ...(s.logs ? (["stdout", "stderr"] as const).map((k) => ([".", ".."].includes(literalOf(fileOf(s, k))) ? "not a file name" : rawProblem(logPath(s.logs!.directory, fileOf(s, k))))) : []),
    s.stop.timeoutMs !== undefined && s.stop.timeoutMs % 1000 !== 0 ? "stopwaitsecs is whole seconds" : undefined,
  ];
  return checks.find((c) => c);
}

// Each variable of supervisord's own environment reads back as a marker of its name. It holds a % so
// that a value expanded twice (log file paths are) would fail to parse instead of passing unnoticed.
export const marker = (name: string) => `\uE000%${name}\uE001`;
const TRUTHY = ["yes", "true", "on", "1"];
const FALSY = ["no", "false", "off", "0"];
const bool = (v: string | undefined) => (v === undefined ? undefined : TRUTHY.includes(v.toLowerCase()) ? true : FALSY.includes(v.toLowerCase()) ? false : `not a boolean: ${v}`);
const int = (v: string | undefined) => (v === undefined ? undefined : /^-?\d+$/.test(v) ? Number(v) : `not an integer: ${v}`);

function verify(s: GenSpec, files: Map<string, string>, o: Record<string, unknown>): string[] {
  const text = files.get(`${s.name}.supervisord.conf`);
  if (text === undefined) return [`no ${s.name}.supervisord.conf`];
  return verifyProgram(s, decodeProgram(text, marker), o);
}

/**
 * Every value of a program as supervisord reads it against the spec; variables of supervisord's own
 * environment read as marker(name). The program comes from the test decoder, or (in
 * test/conformance/supervisord.test.ts) from supervisord's own parser.
 */
export function verifyProgram(s: GenSpec, p: DecodedProgram, o: Record<string, unknown>): string[] {
  const bad: string[] = [];
  const eq = (what: string, got: unknown, want: unknown) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };

  // What the spec's values are for supervisord: a variable is supervisord's own (read before the
  // program's environment), or, where the program's environment is known, the spec's value for it.
  const supervisordValue = (v: Parts) => v.map((x) => (x.kind === "literal" ? x.text : marker(x.name))).join("");
  const specEnv = new Map(s.environment.map(([k, v]) => [k, supervisordValue(v)]));
  const programValue = (v: Parts) => v.map((x) => (x.kind === "literal" ? x.text : specEnv.get(x.name) ?? marker(x.name))).join("");

  eq("name", p.name, s.name);
  const program = [s.executable, ...s.args].map(programValue);
  if (s.hooks.preStart) {
    eq("argv[0..1]", p.argv.slice(0, 2), ["/bin/sh", "-c"]);
    eq("argv length", p.argv.length, 3);
    const commands = shWords(p.argv[2] ?? "", (name) => specEnv.get(name) ?? marker(name));
    eq("hook", commands[0], [s.hooks.preStart.executable, ...s.hooks.preStart.args].map(programValue));
    eq("program", commands[1], ["exec", ...program]);
    eq("sh commands", commands.length, 2);
  } else eq("argv", p.argv, program);
  eq("environment", p.environment, s.environment.map(([k, v]) => [k, supervisordValue(v)]));
  eq("directory", p.directory, s.workingDirectory && programValue(s.workingDirectory));
  eq("user", p.user, s.account?.kind === "user" ? supervisordValue(s.account.user) : undefined);

  const r = p.raw;
  eq("autostart", bool(r.get("autostart")), !["manual", "disabled"].includes(s.startup ?? "auto"));
  const policy = s.restart.policy ?? "on-failure";
  eq("autorestart", r.get("autorestart")?.toLowerCase(), { "on-failure": "unexpected", always: "true", never: "false" }[policy]);
  eq("exitcodes", r.get("exitcodes"), policy === "on-failure" ? "0" : undefined);
  eq("startsecs", int(r.get("startsecs")), opts(o).startsecs ?? 3);
  eq("startretries", int(r.get("startretries")), policy === "never" ? 0 : s.restart.maxRetries ?? 1_000_000);
  eq("stopsignal", r.get("stopsignal")?.replace(/^(SIG)?/i, "SIG").toUpperCase(), s.stop.signal);
  eq("stopwaitsecs", int(r.get("stopwaitsecs")), s.stop.timeoutMs === undefined ? undefined : s.stop.timeoutMs / 1000);
  eq("stopasgroup", bool(r.get("stopasgroup")), opts(o).stopAsGroup ?? true);
  eq("killasgroup", bool(r.get("killasgroup")), opts(o).stopAsGroup ?? true);
  if (s.logs) {
    const out = programValue(logPath(s.logs.directory, fileOf(s, "stdout")));
    const err = programValue(logPath(s.logs.directory, fileOf(s, "stderr")));
    const same = literalOf(logPath(s.logs.directory, fileOf(s, "stdout"))) === literalOf(logPath(s.logs.directory, fileOf(s, "stderr")));
    eq("stdout_logfile", p.stdoutLogfile, out);
    eq("redirect_stderr", bool(r.get("redirect_stderr")) ?? false, same);
    eq("stderr_logfile", p.stderrLogfile, same ? undefined : err);
    for (const ch of same ? ["stdout"] : ["stdout", "stderr"]) {
      eq(`${ch}_logfile_maxbytes`, int(r.get(`${ch}_logfile_maxbytes`)), s.logs.rotate?.maxSizeBytes ?? 0);
      eq(`${ch}_logfile_backups`, int(r.get(`${ch}_logfile_backups`)), s.logs.rotate ? s.logs.rotate.keep ?? 10 : undefined);
    }
  } else {
    for (const k of ["stdout_logfile", "stderr_logfile", "redirect_stderr"]) eq(k, r.get(k), undefined);
  }
  const known = new Set([
    "command", "directory", "environment", "user", "autostart", "autorestart", "exitcodes", "startsecs", "startretries",
    "stopsignal", "stopwaitsecs", "stopasgroup", "killasgroup", "redirect_stderr",
    ...["stdout", "stderr"].flatMap((c) => [`${c}_logfile`, `${c}_logfile_maxbytes`, `${c}_logfile_backups`]),
  ]);
  for (const k of r.keys()) if (!known.has(k)) bad.push(`unexpected setting ${k}=${r.get(k)}`);
  return bad;
}

export const supervisordFuzz: TargetFuzz = {
  target: "supervisord",
  platform: "linux",
  omit: new Set(["displayName", "description", "account.builtin", "account.group", "dependsOn", "hooks.postStop", "priority"]),
  // The generator's variable names never name an environment entry; here half the specs rename one entry
  // after a variable the spec uses, so that both readings of ${NAME} (supervisord's own environment in
  // environment= and user=, the program's in the settings read after it) are exercised.
  specs: (base) =>
    fc.tuple(base, fc.boolean()).map(([s, rename]) => {
      const used = allTexts(s).flatMap((p) => p.flatMap((x) => (x.kind === "var" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(x.name) ? [x.name] : [])));
      if (!rename || used.length === 0 || s.environment.length === 0 || s.environment.some(([k]) => k === used[0])) return s;
      return { ...s, environment: [[used[0]!, s.environment[0]![1]], ...s.environment.slice(1)] };
    }),
  options: { supervisord: { ignore: IGNORE } },
  optionsArb: fc
    .record({ startsecs: fc.option(fc.integer({ min: 2, max: 60 }), { nil: undefined }), stopAsGroup: fc.option(fc.boolean(), { nil: undefined }) })
    .map((x) => ({ supervisord: { ignore: IGNORE, ...Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) } })),
  unexpressible,
  verify,
};
