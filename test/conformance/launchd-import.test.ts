import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect } from "vitest";
import { compile } from "../../src/compile.js";
import { importSources } from "../../src/import/import.js";
import { itWithOracle } from "../helpers/oracle.js";

// The launchd reader against an independent plist reader, Python's plistlib: every plist of the import cases
// (fixtures/import/launchd/, after real jobs: Homebrew's, macOS's sshd, hand-written daemons) and every plist
// svcgen builds for the shared fixtures is imported; for each job imported, the plist svcgen builds from the
// imported spec and the original, both read by plistlib, describe the same job to launchd (keys as launchd
// matches them, ignoring case; its defaults written out) apart from the keys the import's warnings name.
const PYTHON = "/usr/bin/python3";
const available = spawnSync(PYTHON, ["-c", "import plistlib"]).status === 0;
const it = itWithOracle(available, "python3 (plistlib)", "apt-get install python3");

const READ = String.raw`
import json, plistlib, sys
out = []
for path in json.load(sys.stdin):
    try:
        with open(path, "rb") as f:
            out.append({"ok": plistlib.load(f)})
    except Exception as e:
        out.append({"error": type(e).__name__ + ": " + str(e)})
json.dump(out, sys.stdout, default=str)
`;

function plistlibReads(paths: string[]): ({ ok: unknown } | { error: string })[] {
  const r = spawnSync(PYTHON, ["-c", READ], { input: JSON.stringify(paths), encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

function plistlibReadsText(text: string): unknown {
  const r = spawnSync(PYTHON, ["-c", "import json, plistlib, sys; json.dump(plistlib.loads(sys.stdin.buffer.read()), sys.stdout, default=str)"], { input: text, encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

// The job keys launchd knows, by the name it matches ignoring case (launchd.plist(5)).
const KNOWN = [
  "Label", "Disabled", "UserName", "GroupName", "Program", "ProgramArguments", "WorkingDirectory", "EnvironmentVariables", "RunAtLoad", "KeepAlive",
  "OnDemand", "ThrottleInterval", "ExitTimeOut", "StandardOutPath", "StandardErrorPath", "Nice", "Umask", "SoftResourceLimits", "HardResourceLimits",
  "ProcessType", "LimitLoadToSessionType", "SessionCreate", "Sockets", "inetdCompatibility", "StartCalendarInterval", "StartInterval", "WatchPaths",
];
const canonical = (k: string) => KNOWN.find((x) => x.toLowerCase() === k.toLowerCase()) ?? k;

/** The job as launchd runs it: canonical keys, its defaults written out, the deprecated forms in today's. */
function effective(job: Record<string, unknown>): Record<string, unknown> {
  const j: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(job)) j[canonical(k)] = v;
  const argv = (j.ProgramArguments as string[] | undefined) ?? [];
  const out: Record<string, unknown> = { ...j };
  delete out.Program;
  delete out.ProgramArguments;
  out.program = j.Program ?? argv[0];
  out.arguments = argv.slice(1);
  if (j.OnDemand !== undefined && j.KeepAlive === undefined) out.KeepAlive = j.OnDemand === false;
  delete out.OnDemand;
  const keepAlive = out.KeepAlive ?? false;
  out.KeepAlive = keepAlive;
  // A kept-alive job starts at load (SuccessfulExit "implies that RunAtLoad is set to true").
  out.RunAtLoad = j.RunAtLoad === true || keepAlive === true || (typeof keepAlive === "object" && keepAlive !== null && Object.keys(keepAlive).length > 0);
  out.Disabled = j.Disabled ?? false;
  if (out.UserName === "root") delete out.UserName;
  if (out.GroupName === "wheel") delete out.GroupName;
  out.ThrottleInterval = keepAlive === false ? undefined : (j.ThrottleInterval ?? 10);
  out.ExitTimeOut = j.ExitTimeOut ?? 20;
  out.Nice = j.Nice ?? 0;
  out.EnvironmentVariables = j.EnvironmentVariables ?? {};
  return out;
}

/** The keys a message names, as the file spells them (case-sensitive: "the program" is prose, Program a key). */
const keysIn = (message: string, spelled: readonly string[]): string[] => spelled.filter((k) => new RegExp(`(^|[^A-Za-z])${k}([^A-Za-z]|$)`).test(message));

describe("the launchd reader agrees with plistlib", () => {
  const cases = fileURLToPath(new URL("../../fixtures/import/launchd/", import.meta.url));
  const fixtures = fileURLToPath(new URL("../../fixtures/", import.meta.url));
  const files = [
    ...readdirSync(cases).filter((f) => f.endsWith(".plist")).map((f) => join(cases, f)),
    ...readdirSync(fixtures).flatMap((c) => (existsSync(join(fixtures, c, "expected")) ? readdirSync(join(fixtures, c, "expected")).filter((f) => f.endsWith(".plist")).map((f) => join(fixtures, c, "expected", f)) : [])),
  ];

  it("on the import cases and svcgen's own plists: refused where plistlib refuses, else the rebuilt job is the original apart from what the warnings name", async () => {
    expect(files.length).toBeGreaterThan(20);
    const originals = plistlibReads(files);
    let compared = 0;
    const summary: string[] = [];
    for (const [i, file] of files.entries()) {
      const name = file.slice(file.lastIndexOf("/fixtures/") + 1);
      const r = await importSources([{ name: file, bytes: readFileSync(file) }], { from: "launchd" });
      expect(r.diagnostics.every((d) => d.file === file && d.line >= 1 && d.col >= 1), `${name}: every diagnostic located`).toBe(true);
      const original = originals[i]!;
      if ("error" in original) {
        expect(r.diagnostics.some((d) => d.severity === "error"), `${name}: plistlib refuses it (${original.error}), and so does svcgen`).toBe(true);
        summary.push(`${name}: refused, as by plistlib`);
        continue;
      }
      const s = r.services[0]!;
      if (!s.spec) {
        expect(s.result.diagnostics.some((d) => d.severity === "error" && /^SVC68/.test(d.code)), `${name}: no spec, and a located SVC68xx error says why`).toBe(true);
        summary.push(`${name}: refused (${[...new Set(r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code))].join(", ")})`);
        continue;
      }
      const built = await compile(s.spec, "service.yaml", { targets: ["launchd"] });
      expect(built.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const rebuilt = plistlibReadsText(new TextDecoder().decode(built.outputs[0]!.files[0]!.bytes));
      // Keys the warnings say are not imported or stated otherwise; "is read as" keeps the value (its meaning is
      // what is approximated), so such a key must read the same.
      const allowed = new Set<string>();
      const spelled = [...new Set([...KNOWN, ...Object.keys(original.ok as object)])];
      for (const d of r.diagnostics.filter((d) => d.severity === "warning" && !/ is read as /.test(d.message))) for (const k of keysIn(d.message, spelled)) allowed.add(canonical(k));
      if (allowed.has("Program") || allowed.has("ProgramArguments")) allowed.add("program").add("arguments");
      if (allowed.has("KeepAlive") || allowed.has("OnDemand")) allowed.add("KeepAlive").add("RunAtLoad");
      const was = effective(original.ok as Record<string, unknown>);
      const now = effective(rebuilt as Record<string, unknown>);
      for (const k of new Set([...Object.keys(was), ...Object.keys(now)])) {
        if (allowed.has(k)) continue;
        expect(now[k], `${name}: ${k} (the warnings name ${[...allowed].join(", ") || "nothing"})`).toEqual(was[k]);
        compared++;
      }
      summary.push(`${name}: the same job but ${[...allowed].sort().join(", ") || "nothing"}`);
    }
    process.stdout.write(`[launchd import vs plistlib] ${files.length} plists, ${compared} keys compared\n  ${summary.join("\n  ")}\n`);
    expect(compared).toBeGreaterThan(200);
  }, 120_000);
});
