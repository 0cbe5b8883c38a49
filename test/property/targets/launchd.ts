import fc from "fast-check";
import { decodePlist, type PlistValue } from "../../../src/targets/launchd/escape.js";
import { canonical, Plistlib, plistlibAvailable, validatePlist, xmllintAvailable, type Tagged } from "../../helpers/plist-oracles.js";
import { allTexts, hasVar, literalOf, textOf, type GenSpec, type Parts } from "../spec-gen.js";
import type { TargetFuzz } from "./types.js";

// What a launchd plist can and cannot carry, written from XML 1.0, Apple's plist DTD and launchd.plist(5)
// (and launchd-842's core.c where the man page is silent), independently of src/targets/launchd. Output
// is read back by Python's plistlib and validated by xmllint against Apple's DTD, for every case.

// XML 1.0 cannot carry these at all; a CR would not survive Apple's writer (see SVC4802).
// eslint-disable-next-line no-control-regex
const NOT_PLIST_TEXT = /[\x00-\x08\x0b-\x1f\ufffe\uffff]/;
const UNIX_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$|^[A-Za-z_][A-Za-z0-9_.-]{0,30}\$$/;
const RAISED = new Set(["above-normal", "high", "realtime"]);
const NICE: Record<string, number | undefined> = { idle: 19, "below-normal": 10, normal: undefined, "above-normal": -5, high: -10, realtime: -20 };

type Options = { launchd?: { domain?: "system" | "user"; label?: string; ignore?: string[] } };

const textProblem = (p: Parts | undefined): string | undefined => {
  if (!p) return undefined;
  if (hasVar(p)) return "${NAME}: launchd expands nothing";
  return NOT_PLIST_TEXT.test(textOf(p)) ? "a character XML 1.0 (or Apple's writer) cannot keep" : undefined;
};

function unexpressible(s: GenSpec, options: Record<string, unknown>): string | undefined {
  const o = (options as Options).launchd ?? {};
  const ignored = new Set(o.ignore ?? []);
  const policy = s.restart.policy ?? "on-failure";
  const written = [s.executable, ...s.args, s.workingDirectory, ...s.environment.map(([, v]) => v), s.logs?.directory, s.logs?.stdout, s.logs?.stderr];
  if (s.account?.kind === "user") written.push(s.account.user, s.account.group);
  const checks: (string | undefined)[] = [
    allTexts(s).some((p) => textOf(p).includes("\0")) ? "NUL" : undefined,
    ...written.map(textProblem),
    s.account?.kind === "builtin" ? "Windows built-in account" : undefined,
    s.account?.kind === "user" && !hasVar(s.account.user) && !UNIX_NAME.test(textOf(s.account.user)) ? "not a macOS user name" : undefined,
    s.account?.kind === "user" && s.account.group && !hasVar(s.account.group) && !UNIX_NAME.test(textOf(s.account.group)) ? "not a macOS group name" : undefined,
    s.account && o.domain === "user" ? "an agent runs as the user who logs in" : undefined,
    o.domain === "user" && RAISED.has(s.priority ?? "normal") ? "an agent cannot lower its nice value" : undefined,
    s.startup === "manual" && policy !== "never" ? "a kept-alive job starts at load" : undefined,
    s.stop.signal !== undefined && s.stop.signal !== "SIGTERM" && !ignored.has("stop.signal") ? "launchd stops with SIGTERM only" : undefined,
    s.stop.timeoutMs === 0 ? "ExitTimeOut 0 means never kill" : undefined,
    s.stop.timeoutMs !== undefined && s.stop.timeoutMs % 1000 !== 0 ? "ExitTimeOut is whole seconds" : undefined,
    policy !== "never" && (s.restart.delayMs ?? 1000) % 1000 !== 0 ? "ThrottleInterval is whole seconds" : undefined,
    s.logs?.append === false && !ignored.has("logs.append") ? "launchd always appends" : undefined,
    ...[s.logs?.stdout, s.logs?.stderr].map((f) => (f && !hasVar(f) && [".", ".."].includes(literalOf(f)) ? "a log file name that is a directory" : undefined)),
  ];
  return checks.find((c) => c);
}

/** The job launchd.plist(5) describes for this spec, as plistlib gives it back. */
function expectedJob(s: GenSpec, options: Record<string, unknown>): Tagged {
  const o = (options as Options).launchd ?? {};
  const policy = s.restart.policy ?? "on-failure";
  const job: [string, Tagged][] = [["Label", o.label ?? s.name]];
  if (s.startup === "disabled") job.push(["Disabled", true]);
  if (s.account?.kind === "user") {
    job.push(["UserName", textOf(s.account.user)]);
    if (s.account.group) job.push(["GroupName", textOf(s.account.group)]);
  }
  job.push(["ProgramArguments", [textOf(s.executable), ...s.args.map(textOf)]]);
  if (s.workingDirectory) job.push(["WorkingDirectory", textOf(s.workingDirectory)]);
  if (s.environment.length > 0) job.push(["EnvironmentVariables", { dict: s.environment.map(([k, v]): [string, Tagged] => [k, textOf(v)]) }]);
  job.push(["RunAtLoad", s.startup === undefined || s.startup === "auto" || s.startup === "delayed"]);
  job.push(["KeepAlive", policy === "always" ? true : policy === "never" ? false : { dict: [["SuccessfulExit", false]] }]);
  if (policy !== "never") job.push(["ThrottleInterval", (s.restart.delayMs ?? 1000) / 1000]);
  if (s.stop.timeoutMs !== undefined) job.push(["ExitTimeOut", s.stop.timeoutMs / 1000]);
  if (s.logs) {
    const dir = textOf(s.logs.directory).replace(/\/+$/, "");
    job.push(["StandardOutPath", `${dir}/${s.logs.stdout ? textOf(s.logs.stdout) : `${s.name}.out.log`}`]);
    job.push(["StandardErrorPath", `${dir}/${s.logs.stderr ? textOf(s.logs.stderr) : `${s.name}.err.log`}`]);
  }
  const nice = NICE[s.priority ?? "normal"];
  if (nice !== undefined) job.push(["Nice", nice]);
  return { dict: job };
}

/** svcgen's own decoder's result in plistlib's form, to check that the two readers agree. */
function tagged(v: PlistValue): Tagged {
  if (v instanceof Map) return { dict: [...v].map(([k, x]): [string, Tagged] => [k, tagged(x)]) };
  if (Array.isArray(v)) return v.map(tagged);
  return v;
}

let reader: Plistlib | undefined;

async function verify(s: GenSpec, files: Map<string, string>, options: Record<string, unknown>): Promise<string[]> {
  const bad: string[] = [];
  const label = (options as Options).launchd?.label ?? s.name;
  const name = `${label}.plist`;
  if (files.size !== 1 || !files.has(name)) return [`files: got ${[...files.keys()].join(", ")}, want ${name}`];
  const text = files.get(name)!;
  const dtd = validatePlist(text);
  if (dtd.status !== 0 || dtd.output !== "") bad.push(`xmllint --dtdvalid: ${dtd.status} ${dtd.output}`);
  reader ??= new Plistlib();
  const read = await reader.read(new TextEncoder().encode(text));
  if ("error" in read) return [...bad, `plistlib: ${read.error}`];
  const got = JSON.stringify(canonical(read.ok));
  const want = JSON.stringify(canonical(expectedJob(s, options)));
  if (got !== want) bad.push(`plistlib read\n  ${got}\nwant\n  ${want}`);
  const own = JSON.stringify(canonical(tagged(decodePlist(text))));
  if (own !== got) bad.push(`svcgen's decodePlist read\n  ${own}\nplistlib\n  ${got}`);
  return bad;
}

// Approximations are accepted (ignore) so that the only errors left are refusals; in some cases a signal
// other than SIGTERM and logs.append: false are accepted as lost too (dropped: the plist has no key for
// either), so that fewer specs are refused for them alone.
const IGNORE = ["restart.delay", "startup", "priority"];

export const launchdFuzz: TargetFuzz = {
  target: "launchd",
  platform: "macos",
  omit: new Set(["displayName", "description", "dependsOn", "restart.maxRetries", "restart.window", "restart.resetAfter", "logs.rotate", "hooks.preStart", "hooks.postStop", "account.builtin"]),
  options: { launchd: { ignore: IGNORE } },
  optionsArb: fc.record({
    launchd: fc.record(
      {
        domain: fc.constantFrom("system", "system", "system", "user"),
        label: fc.constantFrom("com.example.svc", "a-1.b_2"),
        ignore: fc.constantFrom([], ["stop.signal"], ["stop.signal", "logs.append"], ["stop.signal", "logs.append"]).map((extra) => [...IGNORE, ...extra]),
      },
      { requiredKeys: ["ignore"] },
    ),
  }),
  oracle: {
    available: xmllintAvailable && plistlibAvailable,
    name: "xmllint with Apple's plist DTD, and python3's plistlib",
    install: "apt-get install libxml2-utils python3",
  },
  unexpressible,
  verify,
  teardown: () => reader?.close(),
};
