import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect } from "vitest";
import { compile } from "../../src/compile.js";
import { importSources } from "../../src/import/import.js";
import { itWithOracle } from "../helpers/oracle.js";

// The supervisord reader against supervisord 4.2.5's own parser (supervisor.options, through
// supervisord/read-programs.py), on the hand-written corpus of fixtures/import/supervisord/ (sources in its
// SOURCES.md): every file supervisord refuses is refused (SVC6701), and for every program imported, the file
// svcgen builds from the imported spec is read by supervisord to the same settings as the original, apart
// from the settings the import's warnings name. That is "the reader agrees with supervisord on every value
// it maps", with svcgen's emitter (itself checked against supervisord in supervisord.test.ts) writing the
// values back.
const PYTHON = "/usr/bin/python3";
const here = dirname(fileURLToPath(import.meta.url));
const READ = join(here, "supervisord/read-programs.py");
const corpus = fileURLToPath(new URL("../../fixtures/import/supervisord/", import.meta.url));
const available = spawnSync(PYTHON, ["-c", "import supervisor.options"]).status === 0;
const it = itWithOracle(available, "python3 with supervisor's package", "apt-get install supervisor");

// supervisord's own environment: each variable a marker of its name (no blank, so unquoted ones split alike).
const ENV: Record<string, string> = Object.fromEntries(["HOME", "PATH", "X", "APP_DIR", "HOSTNAME"].map((n) => [n, `/marker-${n}`]));

const scratch: string[] = [];
afterAll(() => {
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "svcgen-svimport-"));
  chmodSync(d, 0o755);
  scratch.push(d);
  return d;
};

type Process = Record<string, unknown>;
interface Read {
  error?: string;
  programs: Record<string, Process[]>;
}

/** supervisord's reading of a file: as the main file when it has [supervisord], else included by one. */
function supervisordReads(file: string, text: string): Read {
  const main = /^\s*\[supervisord\]/m.test(text) ? file : join(dirname(file), "..", "main.conf");
  if (main !== file) writeFileSync(main, `[supervisord]\nlogfile=/dev/null\n[include]\nfiles = conf.d/*.conf\n`);
  const r = spawnSync(PYTHON, [READ, main], { encoding: "utf8", env: ENV, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`read-programs.py failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Read;
}

/** Setting names a message mentions (`startsecs=`, `stdout_logfile=...`): the settings it says differ. */
const SETTINGS = /\b(command|directory|environment|user|autostart|autorestart|exitcodes|startsecs|startretries|stopsignal|stopwaitsecs|stopasgroup|killasgroup|redirect_stderr|(?:stdout|stderr)_(?:logfile(?:_maxbytes|_backups)?|syslog|capture_maxbytes|events_enabled)|priority|umask|process_name|numprocs|serverurl)=/g;
/** ProcessConfig's name for a setting, where it differs. */
const PARAM: Record<string, string> = { user: "uid", command: "argv", process_name: "name" };

describe("the supervisord reader agrees with supervisord's own parser", () => {
  const files = readdirSync(corpus).filter((f) => f.endsWith(".conf")).sort();
  it("on every file of the corpus: refused where supervisord refuses it, else each imported program rebuilt reads as the original", async () => {
    let compared = 0;
    const summary: string[] = [];
    for (const name of files) {
      const text = readFileSync(join(corpus, name), "utf8");
      const dir = tempDir();
      mkdirSync(join(dir, "conf.d"));
      const path = join(dir, "conf.d", name);
      copyFileSync(join(corpus, name), path);
      const original = supervisordReads(path, text);
      const imported = await importSources([{ name: path, bytes: readFileSync(path) }], { from: "supervisord" });
      const located = imported.diagnostics.every((d) => d.file === path && d.line >= 1 && d.col >= 1);
      expect(located, `${name}: every diagnostic is located in the file`).toBe(true);
      if (original.error) {
        expect(imported.diagnostics.map((d) => d.code), `${name}: supervisord refuses it (${original.error})`).toContain("SVC6701");
        summary.push(`${name}: refused, as by supervisord`);
        continue;
      }
      const fileWarnings = imported.diagnostics.filter((d) => d.severity === "warning" && !imported.services.some((s) => s.result.diagnostics.includes(d)));
      for (const s of imported.services) {
        const section = `program:${s.name}`;
        expect(original.programs[section], `${name}: supervisord reads [${section}]`).toBeDefined();
        if (!s.spec) {
          expect(s.result.diagnostics.some((d) => d.severity === "error"), `${name} [${section}]: no spec, and an error says why`).toBe(true);
          summary.push(`${name} [${section}]: refused (${s.result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code).join(", ")})`);
          continue;
        }
        const built = await compile(s.spec, `${s.name}.yaml`, { targets: ["supervisord"] });
        expect(built.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        const rebuiltDir = tempDir();
        mkdirSync(join(rebuiltDir, "conf.d"));
        const rebuiltPath = join(rebuiltDir, "conf.d", `${s.name}.supervisord.conf`);
        const rebuiltText = new TextDecoder().decode(built.outputs[0]!.files[0]!.bytes);
        writeFileSync(rebuiltPath, rebuiltText);
        const rebuilt = supervisordReads(rebuiltPath, rebuiltText);
        expect(rebuilt.error, `${name} [${section}]: supervisord reads the rebuilt file`).toBeUndefined();
        const allowed = new Set<string>();
        // Warnings that say a value differs: approximated (SVC6705), ignored (SVC6704), a section not imported
        // (SVC6702). Settings kept in extra (SVC6703) and unquoted variables (SVC6708) must read the same.
        for (const d of [...s.result.diagnostics, ...fileWarnings].filter((d) => ["SVC6702", "SVC6704", "SVC6705"].includes(d.code))) {
          for (const m of d.message.matchAll(SETTINGS)) allowed.add(PARAM[m[1]!] ?? m[1]!);
        }
        // autorestart=unexpected with no expected exit code (exitcodes= empty) restarts after every exit: it is
        // autorestart=true, which is how svcgen writes restart.policy: always.
        const same = (p: Process): Process => (p.autorestart === "unexpected" && Array.isArray(p.exitcodes) && p.exitcodes.length === 0 ? { ...p, autorestart: "true", exitcodes: [0] } : p);
        const was = original.programs[section]!.map(same);
        const now = rebuilt.programs[section]!;
        expect(now.length, `${name} [${section}]: processes`).toBe(was.length);
        was.forEach((p, i) => {
          for (const [k, v] of Object.entries(p)) {
            if (allowed.has(k)) continue;
            expect(now[i]![k], `${name} [${section}] ${k} (the import's warnings name ${[...allowed].join(", ") || "nothing"})`).toEqual(v);
            compared++;
          }
        });
        summary.push(`${name} [${section}]: same settings but ${[...allowed].sort().join(", ") || "none"}`);
      }
    }
    process.stdout.write(`[supervisord import vs supervisord] ${files.length} files, ${compared} settings compared\n  ${summary.join("\n  ")}\n`);
    expect(compared).toBeGreaterThan(300);
  }, 120_000);
});
