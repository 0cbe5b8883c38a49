import { decodeExec, decodeEnvironment, parseUnit, resolveSpecifiers, values } from "../../decoders/systemd-unit.js";
import { allTexts, hasVar, literalOf, normalizeParts, textOf, type GenSpec, type Parts } from "../spec-gen.js";
import type { TargetFuzz } from "./types.js";

// What systemd 252 can and cannot keep, written from systemd.syntax(7)/systemd.exec(5) and measured
// with systemd-analyze (see test/conformance/systemd.test.ts), independently of src/targets/systemd.
const CONTROL = /[\x00-\x1f\x7f]/;
const rawProblem = (p: Parts): string | undefined => {
  if (hasVar(p)) return "${NAME} in a raw setting";
  const s = textOf(p);
  if (/[\r\n]/.test(s)) return "line break in a raw setting";
  if (/^[ \t]|[ \t]$/.test(s)) return "blank trimmed by systemd";
  if (s.endsWith("\\")) return "trailing backslash";
  return undefined;
};
const pathProblem = (p: Parts): string | undefined => (textOf(p).split("/").includes("..") ? ".. component" : rawProblem(p));
const exeProblem = (p: Parts): string | undefined => {
  if (hasVar(p)) return "${NAME} in an executable path";
  const s = textOf(p);
  if (/[\\"']/.test(s) || CONTROL.test(s)) return "special character in an executable path";
  if (s.endsWith("/")) return "executable path ends in /";
  return undefined;
};
const argProblem = (p: Parts): string | undefined => (p.some((x) => x.kind === "var" && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(x.name)) ? "variable name systemd cannot expand" : undefined);
const LINUX_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$|^[A-Za-z_][A-Za-z0-9_.-]{0,30}\$$/; // useradd: portable, at most 32

function unexpressible(s: GenSpec): string | undefined {
  if (allTexts(s).some((p) => textOf(p).includes("\0"))) return "NUL";
  const checks: (string | undefined)[] = [
    exeProblem(s.executable),
    ...s.args.map(argProblem),
    s.workingDirectory && pathProblem(s.workingDirectory),
    s.displayName && rawProblem(s.displayName),
    s.description && rawProblem(s.description),
    ...s.environment.map(([, v]) => (hasVar(v) ? "${NAME} in Environment=" : undefined)),
    s.account?.kind === "builtin" ? "Windows built-in account" : undefined,
    s.account?.kind === "user" && (hasVar(s.account.user) || !LINUX_NAME.test(textOf(s.account.user))) ? "not a Linux user name" : undefined,
    s.account?.kind === "user" && s.account.group && (hasVar(s.account.group) || !LINUX_NAME.test(textOf(s.account.group))) ? "not a Linux group name" : undefined,
    s.logs && pathProblem(s.logs.directory),
    ...[s.logs?.stdout, s.logs?.stderr].map((f) => f && ([".", ".."].includes(literalOf(f)) ? "not a file name" : rawProblem(f))),
    ...Object.values(s.hooks).flatMap((h) => [exeProblem(h.executable), ...h.args.map(argProblem)]),
  ];
  return checks.find((c) => c);
}

function timespanMs(v: string): number {
  if (v === "0") return 0;
  const units: Record<string, number> = { d: 86_400_000, h: 3_600_000, min: 60_000, s: 1000, ms: 1 };
  return v.split(" ").reduce((t, w) => {
    const m = /^(\d+)(d|h|min|s|ms)$/.exec(w);
    if (!m) throw new Error(`bad timespan ${v}`);
    return t + Number(m[1]) * units[m[2]!]!;
  }, 0);
}

function verify(s: GenSpec, files: Map<string, string>): string[] {
  const bad: string[] = [];
  const eq = (what: string, got: unknown, want: unknown) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) bad.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  const unit = parseUnit(files.get(`${s.name}.service`)!);
  const one = (sec: string, key: string) => {
    const v = values(unit, sec, key);
    return v.length === 0 ? undefined : resolveSpecifiers(v[v.length - 1]!);
  };
  const cmd = (key: string, exe: Parts, args: Parts[]) => {
    const lines = values(unit, "Service", key);
    eq(`${key} count`, lines.length, 1);
    const d = decodeExec(lines[0]!);
    eq(`${key} executable`, d.executable, textOf(exe));
    eq(`${key} args`, d.args, args.map(normalizeParts));
  };
  cmd("ExecStart", s.executable, s.args);
  if (s.hooks.preStart) cmd("ExecStartPre", s.hooks.preStart.executable, s.hooks.preStart.args);
  if (s.hooks.postStop) cmd("ExecStopPost", s.hooks.postStop.executable, s.hooks.postStop.args);
  eq("Environment", values(unit, "Service", "Environment").flatMap(decodeEnvironment), s.environment.map(([k, v]) => [k, textOf(v)]));
  eq("WorkingDirectory", one("Service", "WorkingDirectory"), s.workingDirectory && textOf(s.workingDirectory));
  const title = s.displayName ? textOf(s.displayName) : s.name;
  const desc = s.description && textOf(s.description);
  eq("Description", one("Unit", "Description"), desc ? (s.displayName ? `${title} - ${desc}` : desc) : title);
  eq("User", one("Service", "User"), s.account?.kind === "user" ? textOf(s.account.user) : undefined);
  eq("Group", one("Service", "Group"), s.account?.kind === "user" && s.account.group ? textOf(s.account.group) : undefined);
  if (s.logs) {
    const mode = s.logs.append === false ? "truncate" : "append";
    const dir = textOf(s.logs.directory).replace(/\/+$/, "");
    eq("StandardOutput", one("Service", "StandardOutput"), `${mode}:${dir}/${s.logs.stdout ? textOf(s.logs.stdout) : `${s.name}.out.log`}`);
    eq("StandardError", one("Service", "StandardError"), `${mode}:${dir}/${s.logs.stderr ? textOf(s.logs.stderr) : `${s.name}.err.log`}`);
  }
  const policy = s.restart.policy ?? "on-failure";
  eq("Restart", one("Service", "Restart"), { "on-failure": "on-failure", always: "always", never: "no" }[policy]);
  if (policy !== "never") {
    eq("RestartSec", timespanMs(one("Service", "RestartSec")!), s.restart.delayMs ?? 1000);
    if (s.restart.maxRetries) {
      eq("StartLimitBurst", one("Unit", "StartLimitBurst"), String(s.restart.maxRetries + 1));
      eq("StartLimitIntervalSec", timespanMs(one("Unit", "StartLimitIntervalSec")!), s.restart.windowMs);
    } else eq("StartLimitIntervalSec", one("Unit", "StartLimitIntervalSec"), "0");
  }
  eq("TimeoutStopSec", s.stop.timeoutMs === undefined ? undefined : timespanMs(one("Service", "TimeoutStopSec")!), s.stop.timeoutMs);
  eq("KillSignal", one("Service", "KillSignal"), s.stop.signal);
  const nice = { idle: "19", "below-normal": "10", normal: undefined, "above-normal": "-5", high: "-10", realtime: "-20" }[s.priority ?? "normal"];
  eq("Nice", one("Service", "Nice"), nice);
  eq("WantedBy", one("Install", "WantedBy"), ["manual", "disabled"].includes(s.startup ?? "auto") ? undefined : "multi-user.target");
  eq("After", one("Unit", "After"), s.dependsOn.length ? s.dependsOn.map((d) => (d.includes(".") ? d : `${d}.service`)).join(" ") : undefined);
  return bad;
}

export const systemdFuzz: TargetFuzz = {
  target: "systemd",
  platform: "linux",
  omit: new Set(["logs.rotate", "account.builtin"]),
  // Approximations are accepted silently so that the only errors left are refusals.
  options: { systemd: { ignore: ["description", "startup", "priority", "restart.resetAfter"] } },
  unexpressible,
  verify,
};
