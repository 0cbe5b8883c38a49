import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, describe, expect } from "vitest";
import { compile } from "../../src/compile.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { importSources } from "../../src/import/import.js";
import { splitWords as readerSplitWords } from "../../src/targets/systemd/escape.js";
import { parseUnit, splitWords } from "../decoders/systemd-unit.js";
import { itWithOracle } from "../helpers/oracle.js";

// Real units no one here wrote: every service unit installed on this machine (Debian packages' units in
// /lib/systemd/system and /usr/lib/systemd/system, with their drop-ins). Each is imported or refused with
// located diagnostics, never a crash. Each imported one is built back from its spec, and
//  - systemd-analyze verify (in a scratch root, as test/conformance/systemd.test.ts runs it) says nothing
//    about the rebuilt unit that it does not say about the original;
//  - its directives, read by the independent parser of test/decoders/systemd-unit.ts, have the original's
//    effective values, apart from those the import's warnings name.
const analyze = spawnSync("systemd-analyze", ["--version"], { encoding: "utf8" });
const it = itWithOracle(analyze.status === 0, "systemd-analyze", "apt-get install systemd");
const dirs = [...new Set(["/lib/systemd/system", "/usr/lib/systemd/system"].filter((d) => existsSync(d)).map((d) => realpathSync(d)))];
const units = dirs.flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith(".service"))
    .map((f) => {
      const dropDir = join(d, `${f}.d`);
      const dropIns = existsSync(dropDir) ? readdirSync(dropDir).filter((x) => x.endsWith(".conf")).sort().map((x) => join(dropDir, x)) : [];
      return { path: join(d, f), name: f, dropIns };
    }),
);

const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

// --- the independent side: effective directive values, from test/decoders/systemd-unit.ts

type Directives = Map<string, string[]>;
const SINGLE = new Set(["Description", "Type", "WorkingDirectory", "User", "Group", "Restart", "RestartSec", "TimeoutStopSec", "TimeoutStartSec", "KillSignal", "StandardOutput", "StandardError", "Nice", "StartLimitIntervalSec", "StartLimitBurst"]);
const UNIT_LISTS = new Set(["After", "Before", "Wants", "Requires", "Requisite", "BindsTo", "PartOf", "Conflicts", "WantedBy", "RequiredBy", "Also", "Alias", "Documentation"]);
const DEFAULTS: Record<string, string> = { Type: "simple", Restart: "no", RestartSec: "100ms", KillSignal: "SIGTERM", Nice: "0", StandardOutput: "journal", StandardError: "inherit", StartLimitIntervalSec: "10s", StartLimitBurst: "5" };

/** Specifiers of the unit name (systemd.unit(5)); anything else stays as written. */
function specifiers(s: string, unit: string): string {
  const n = unit.replace(/\.service$/, "");
  return s.replace(/%([%nNpij])/g, (_, c: string) => ({ "%": "%", n: unit, N: n, p: n, i: "", j: n.slice(n.lastIndexOf("-") + 1) })[c]!);
}
function usec(v: string): string {
  if (v === "infinity") return v;
  const units: Record<string, number> = { us: 1, ms: 1e3, s: 1e6, sec: 1e6, min: 60e6, m: 60e6, h: 3600e6, d: 86400e6 };
  let total = 0;
  for (const m of v.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]*)/g)) total += Number(m[1]) * (units[m[2] || "s"] ?? NaN);
  return String(total);
}
function commands(v: string, unit: string): string {
  try {
    const words = splitWords(v).map((w) => specifiers(w, unit));
    const prefix = /^[-@:+!]*/.exec(words[0] ?? "")![0];
    // What the program receives: with ":" nothing is expanded; otherwise $$ is $ (and ${X} stays a reference).
    const argv = words.map((w, i) => (i === 0 ? w.slice(prefix.length) : prefix.includes(":") ? w.replace(/\$/g, "$$$$") : w));
    return JSON.stringify([prefix.replace(":", ""), ...argv.map((w, i) => (i === 0 ? w : w.replace(/\$\$/g, "\u0000")))]);
  } catch {
    return v;
  }
}
function effective(texts: string[], unit: string): Directives {
  const seq: [string, string][] = [];
  for (const t of texts) {
    for (const [section, entries] of parseUnit(t).sections) {
      for (const [k0, v] of entries) {
        let k = k0;
        if (k === "StartLimitInterval") k = "StartLimitIntervalSec";
        if (k === "TimeoutSec") {
          seq.push(["TimeoutStopSec", v], ["TimeoutStartSec", v]);
          continue;
        }
        seq.push([SINGLE.has(k) || k.startsWith("StartLimit") ? k : `${section}.${k}`, v]);
      }
    }
  }
  const out: Directives = new Map();
  for (const [k, v] of seq) {
    if (v === "") out.set(k, []);
    else out.set(k, [...(out.get(k) ?? []), v]);
  }
  const norm: Directives = new Map();
  for (const [k, vs] of out) {
    const key = k.replace(/^[A-Za-z]+\./, "");
    if (SINGLE.has(key)) norm.set(key, vs.length ? [vs[vs.length - 1]!] : []);
    else if (UNIT_LISTS.has(key)) norm.set(k, [...new Set(vs.flatMap((v) => v.split(/\s+/)).map((x) => specifiers(x, unit)))].sort());
    else if (key === "Environment") {
      const env = new Map<string, string>();
      for (const v of vs) {
        try {
          for (const w of splitWords(v)) env.set(w.slice(0, w.indexOf("=")), specifiers(w.slice(w.indexOf("=") + 1), unit));
        } catch {
          env.set(v, "(unread)");
        }
      }
      norm.set(k, [...env].map(([a, b]) => `${a}=${b}`).sort());
    } else if (key.startsWith("Exec")) norm.set(k, vs.map((v) => commands(v, unit)));
    else norm.set(k, vs);
  }
  for (const [k, d] of Object.entries(DEFAULTS)) if (!norm.get(k)?.length) norm.set(k, [d]);
  if (!norm.get("Description")?.length) norm.set("Description", [unit.replace(/\.service$/, "")]);
  for (const k of ["RestartSec", "StartLimitIntervalSec", "TimeoutStopSec", "TimeoutStartSec"]) if (norm.get(k)?.length) norm.set(k, norm.get(k)!.map(usec));
  norm.set("KillSignal", norm.get("KillSignal")!.map((s) => ({ "15": "SIGTERM", "2": "SIGINT", "1": "SIGHUP", "3": "SIGQUIT", "9": "SIGKILL" })[s] ?? (s.startsWith("SIG") ? s : `SIG${s}`)));
  // No start limit: an interval or a burst of 0.
  if (norm.get("StartLimitIntervalSec")![0] === "0" || norm.get("StartLimitBurst")![0] === "0") norm.set("StartLimitIntervalSec", ["none"]).set("StartLimitBurst", ["none"]);
  for (const [k, v] of norm) if (v.length === 0) norm.delete(k);
  return norm;
}

// --- the oracle: systemd-analyze verify in a scratch root holding the host's units (without their drop-ins,
// which the rebuilt unit already contains) and stub executables.
let root: string | undefined;
function scratchRoot(): string {
  if (root) return root;
  root = mkdtempSync(join(tmpdir(), "svcgen-import-verify-"));
  scratch.push(root);
  const lib = join(root, "usr/lib/systemd/system");
  cpSync(dirs[0]!, lib, { recursive: true, dereference: false, filter: (src) => !(lstatSync(src).isDirectory() && src.endsWith(".d")) });
  mkdirSync(join(root, "etc/systemd/system"), { recursive: true });
  return root;
}
function stubs(r: string, text: string): void {
  for (const [, entries] of parseUnit(text).sections) {
    for (const [k, v] of entries) {
      if (!k.startsWith("Exec") || v === "") continue;
      let exe: string | undefined;
      try {
        exe = splitWords(v)[0]?.replace(/^[-@:+!]+/, "");
      } catch {
        continue;
      }
      if (!exe?.startsWith("/")) continue;
      const p = join(r, exe);
      if (existsSync(p)) continue;
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, "#!/bin/sh\n");
      chmodSync(p, 0o755);
    }
  }
}
/** verify's messages about the unit, without file and line (they differ between the two files). */
function verify(files: { name: string; text: string }[], unit: string): { status: number | null; messages: string[] } {
  const r = scratchRoot();
  const etc = join(r, "etc/systemd/system");
  for (const f of files) {
    const p = join(etc, f.name);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, f.text);
    stubs(r, f.text);
  }
  const out = spawnSync("systemd-analyze", ["verify", "--man=no", `--root=${r}`, unit], { encoding: "utf8" });
  rmSync(join(etc, unit), { force: true });
  rmSync(join(etc, `${unit}.d`), { recursive: true, force: true });
  const messages = out.stderr
    .split("\n")
    .filter(Boolean)
    .map((l) => l.replace(/^\S+:\d+: /, "").replace(new RegExp(`${r}[^ :]*`, "g"), "<path>"));
  return { status: out.status, messages: [...new Set(messages)].sort() };
}

const named = (ds: Diagnostic[], key: string) => ds.some((d) => d.severity === "warning" && (d.message.includes(`${key}=`) || d.message.includes(`.${key}`)));

describe("import of the service units installed on this machine", () => {
  it(`imports or refuses each of the ${units.length} units; each imported one builds back to what systemd reads the same way`, async () => {
    expect(units.length).toBeGreaterThanOrEqual(50);
    const counts = { imported: 0, refused: 0, verified: 0, "decoder lines agreeing": 0 };
    const refusals = new Map<string, number>();
    const failures: string[] = [];
    for (const u of units) {
      const texts = [u.path, ...u.dropIns].map((p) => ({ name: p, text: readFileSync(p, "utf8") }));
      // The reader's word splitter agrees with the independent one on every real Exec*/Environment line.
      for (const t of texts) {
        for (const [, entries] of parseUnit(t.text).sections) {
          for (const [k, v] of entries) {
            if (!k.startsWith("Exec") && k !== "Environment") continue;
            let want: string[];
            try {
              want = splitWords(v);
            } catch {
              continue;
            }
            const got = readerSplitWords(v, k.startsWith("Exec"));
            if (!got.ok || JSON.stringify(got.value.map((w) => w.text)) !== JSON.stringify(want)) failures.push(`${u.name}: ${k}=${v}: the reader splits it differently`);
            else counts["decoder lines agreeing"]++;
          }
        }
      }
      const r = await importSources(texts.map((t) => ({ name: t.name, bytes: new TextEncoder().encode(t.text) })));
      const service = r.services[0];
      if (!service?.spec) {
        counts.refused++;
        const errors = r.diagnostics.filter((d) => d.severity === "error");
        if (errors.length === 0 || errors.some((e) => e.line < 1 || e.col < 1 || !texts.some((t) => t.name === e.file))) failures.push(`${u.name}: refused without a located error: ${JSON.stringify(r.diagnostics)}`);
        for (const c of new Set(errors.map((e) => e.code))) refusals.set(c, (refusals.get(c) ?? 0) + 1);
        continue;
      }
      counts.imported++;
      const built = await compile(service.spec, `${service.name}.yaml`, { targets: ["systemd"] });
      const unitText = new TextDecoder().decode(built.outputs[0]!.files[0]!.bytes);
      const before = effective(texts.map((t) => t.text), u.name);
      const after = effective([unitText], u.name);
      for (const k of new Set([...before.keys(), ...after.keys()])) {
        if (JSON.stringify(before.get(k)) === JSON.stringify(after.get(k))) continue;
        if (!named(r.diagnostics, k.replace(/^[A-Za-z]+\./, ""))) failures.push(`${u.name}: ${k}: original ${JSON.stringify(before.get(k))}, rebuilt ${JSON.stringify(after.get(k))}, and no warning names it`);
      }
      const original = verify([{ name: u.name, text: texts[0]!.text }, ...texts.slice(1).map((t) => ({ name: `${u.name}.d/${basename(t.name)}`, text: t.text }))], u.name);
      const rebuilt = verify([{ name: u.name, text: unitText }], u.name);
      const newMessages = rebuilt.messages.filter((m) => !original.messages.includes(m));
      if (newMessages.length > 0 || (original.status === 0 && rebuilt.status !== 0)) failures.push(`${u.name}: systemd-analyze verify of the rebuilt unit says ${JSON.stringify(newMessages)} (status ${rebuilt.status}, original ${original.status})\n${unitText}`);
      else counts.verified++;
    }
    const codes = [...refusals].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c}:${n}`).join(" ");
    process.stdout.write(`[import corpus systemd] ${units.length} units: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}; refusals by code ${codes}\n`);
    expect(failures).toEqual([]);
    expect(counts.imported).toBeGreaterThan(10);
  }, 600_000);
});
