import { decodeExec, decodeEnvironment, parseUnit, resolveSpecifiers, values } from "../../decoders/systemd-unit.js";
import { allTexts, hasVar, literalOf, normalizeParts, textOf, type GenSpec, type Parts } from "../spec-gen.js";
import type { TargetFuzz } from "./types.js";

// What systemd 252 can and cannot keep, written from systemd.syntax(7)/systemd.exec(5) and
// src/basic/path-util.c, and measured with systemd-analyze (see test/conformance/systemd.test.ts),
// independently of src/targets/systemd. Raw settings are judged as the line svcgen writes them (the
// Description= line made of displayName and description, a log path made of directory and file
// name), not each field alone: a trailing backslash in the middle of a line joins nothing.
const CONTROL = /[\x00-\x1f\x7f]/;
const UTF8 = new TextEncoder();
const rawProblem = (s: string): string | undefined => {
  if (/[\r\n]/.test(s)) return "line break in a raw setting";
  if (/^[ \t]|[ \t]$/.test(s)) return "blank trimmed by systemd";
  if (s.endsWith("\\")) return "trailing backslash";
  return undefined;
};
// path_simplify_and_warn: a ".." component is "not normalized"; path_is_valid: a component longer
// than NAME_MAX (255 bytes) or a path of PATH_MAX (4096 bytes) or more is "invalid length"; both fatal.
const pathProblem = (s: string): string | undefined => {
  const parts = s.split("/");
  if (parts.includes("..")) return ".. component";
  if (parts.some((c) => UTF8.encode(c).length > 255)) return "path component longer than 255 bytes";
  if (UTF8.encode(s).length >= 4096) return "path of 4096 bytes or more";
  return rawProblem(s);
};
const exeProblem = (p: Parts): string | undefined => {
  if (hasVar(p)) return "${NAME} in an executable path";
  const s = textOf(p);
  if (/[\\"']/.test(s) || CONTROL.test(s)) return "special character in an executable path";
  if (s.endsWith("/")) return "executable path ends in /";
  return undefined;
};
const argProblem = (p: Parts): string | undefined => (p.some((x) => x.kind === "var" && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(x.name)) ? "variable name systemd cannot expand" : undefined);
const LINUX_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$|^[A-Za-z_][A-Za-z0-9_.-]{0,30}\$$/; // useradd: portable, at most 32

/** Description=: "displayName - description" when both are set (an empty description adds nothing). */
export function descriptionLine(s: GenSpec): string {
  const title = s.displayName ? textOf(s.displayName) : s.name;
  const desc = s.description && textOf(s.description);
  return desc ? (s.displayName ? `${title} - ${desc}` : desc) : title;
}

/** StandardOutput=/StandardError= path: the directory without trailing slashes, "/", the file name. */
export function logPath(s: GenSpec, stream: "stdout" | "stderr"): string {
  const file = s.logs![stream];
  return `${textOf(s.logs!.directory).replace(/\/+$/, "")}/${file ? textOf(file) : `${s.name}.${stream === "stdout" ? "out" : "err"}.log`}`;
}

function unexpressible(s: GenSpec): string | undefined {
  if (allTexts(s).some((p) => textOf(p).includes("\0"))) return "NUL";
  const raw = [s.displayName, s.description, s.workingDirectory, s.logs?.directory, s.logs?.stdout, s.logs?.stderr];
  if (raw.some((p) => p && hasVar(p))) return "${NAME} in a raw setting";
  const checks: (string | undefined)[] = [
    exeProblem(s.executable),
    ...s.args.map(argProblem),
    s.workingDirectory && pathProblem(textOf(s.workingDirectory)),
    rawProblem(descriptionLine(s)),
    ...s.environment.map(([, v]) => (hasVar(v) ? "${NAME} in Environment=" : undefined)),
    s.account?.kind === "builtin" ? "Windows built-in account" : undefined,
    s.account?.kind === "user" && (hasVar(s.account.user) || !LINUX_NAME.test(textOf(s.account.user))) ? "not a Linux user name" : undefined,
    s.account?.kind === "user" && s.account.group && (hasVar(s.account.group) || !LINUX_NAME.test(textOf(s.account.group))) ? "not a Linux group name" : undefined,
    ...[s.logs?.stdout, s.logs?.stderr].map((f) => f && ([".", ".."].includes(literalOf(f)) ? "not a file name" : undefined)),
    ...(s.logs ? [pathProblem(logPath(s, "stdout")), pathProblem(logPath(s, "stderr"))] : []),
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
  eq("Description", one("Unit", "Description"), descriptionLine(s));
  eq("User", one("Service", "User"), s.account?.kind === "user" ? textOf(s.account.user) : undefined);
  eq("Group", one("Service", "Group"), s.account?.kind === "user" && s.account.group ? textOf(s.account.group) : undefined);
  if (s.logs) {
    const mode = s.logs.append === false ? "truncate" : "append";
    eq("StandardOutput", one("Service", "StandardOutput"), `${mode}:${logPath(s, "stdout")}`);
    eq("StandardError", one("Service", "StandardError"), `${mode}:${logPath(s, "stderr")}`);
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
