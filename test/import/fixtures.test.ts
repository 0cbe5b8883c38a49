import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { formatDiagnostics } from "../../src/diagnostics/format.js";
import { importSources } from "../../src/import/import.js";
import type { TargetId } from "../../src/model.js";
import { decodeSource } from "../../src/spec/source-text.js";

// One runner for every reader's cases: fixtures/import/<target>/<case>.<ext>, with the files that extend it in
// <case>.<ext>.d/ (given after it, by name). Each case states what must hold in comment lines of its own format
// (`#` in units, `<!-- -->` in XML, `;` in .reg), anywhere in the file:
//   expect-field <dotted.path> <YAML value>   the written spec has this value there
//   !expect-field <dotted.path>               the written spec has nothing there
//   (where a file holds several services, `<service>:<dotted.path>` names the spec; the first one otherwise)
//   expect-diagnostic <code> [<file>:]<line>:<col>   a diagnostic with that code at that place
//   !expect-diagnostic <code>                 no diagnostic with that code
//   expect-no-spec [<service>]                the import is refused: no spec is written (for that service)
// and expected/<case>.yaml and expected/<case>.diagnostics.txt hold the whole spec and diagnostics (golden
// files: UPDATE_GOLDEN=1 rewrites them; read every change); a file with several services has a spec
// expected/<case>.<service>.yaml for each.
const root = new URL("../../fixtures/import/", import.meta.url).pathname;
const update = process.env.UPDATE_GOLDEN === "1";
const CASE_FILE: Record<string, RegExp> = { systemd: /\.service$/, winsw: /\.xml$/, schtasks: /\.xml$/, nssm: /\.reg$/, sc: /\.reg$/, supervisord: /\.conf$/, launchd: /\.plist$/, runkey: /\.reg$/ };
const EXPECT = /^\s*(?:#|;|<!--)\s*(!?expect-[a-z-]+)(?:\s+(.*?))?\s*(?:-->)?\s*$/;

const targets = existsSync(root) ? readdirSync(root).filter((t) => CASE_FILE[t]) : [];

const at = (doc: unknown, path: string): unknown => path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), doc);

describe.each(targets)("import cases: %s", (target) => {
  const dir = join(root, target);
  const cases = readdirSync(dir).filter((f) => CASE_FILE[target]!.test(f)).sort();
  it("has cases", () => expect(cases.length).toBeGreaterThan(0));
  for (const file of cases) {
    it(file, async () => {
      const name = file.replace(/\.[^.]+$/, "");
      const parts = existsSync(join(dir, `${file}.d`)) ? readdirSync(join(dir, `${file}.d`)).sort().map((p) => `${file}.d/${p}`) : [];
      const files = [file, ...parts];
      const r = await importSources(files.map((f) => ({ name: f, bytes: readFileSync(join(dir, f)) })), { from: target as TargetId, specDir: join(dir, "expected") });
      const spec = r.services[0]?.spec;
      const specOf = (path: string): { doc: unknown; path: string; spec?: string } => {
        const m = /^([^:]+):(.+)$/.exec(path);
        const s = m ? r.services.find((x) => x.name === m[1]) : r.services[0];
        return { doc: s?.spec === undefined ? undefined : parse(s.spec), path: m ? m[2]! : path, ...(s?.spec !== undefined ? { spec: s.spec } : {}) };
      };
      // Decoded as the readers decode them: task files and registry exports are UTF-16LE with a BOM, as Windows writes them.
      const lines = files.flatMap((f) => (decodeSource(readFileSync(join(dir, f)), f).text ?? "").split(/\r?\n/)).flatMap((l) => {
        const m = EXPECT.exec(l);
        return m ? [[m[1]!, m[2] ?? ""] as const] : [];
      });
      expect(lines.length, "the case states what must hold").toBeGreaterThan(0);
      for (const [op, arg] of lines) {
        const head = arg.split(/\s+/)[0]!;
        const value = arg.slice(head.length).trim();
        switch (op) {
          case "expect-field": {
            const { doc, path } = specOf(head);
            expect(doc, `${file}: no spec written; ${formatDiagnostics(r.diagnostics, "text")}`).toBeDefined();
            expect(at(doc, path), `${file}: ${head}`).toEqual(parse(value));
            break;
          }
          case "!expect-field": {
            const { doc, path } = specOf(head);
            expect(at(doc, path), `${file}: ${head}`).toBeUndefined();
            break;
          }
          case "expect-diagnostic": {
            const m = /^(?:(.+):)?(\d+):(\d+)$/.exec(value);
            if (!m) throw new Error(`${file}: expect-diagnostic ${arg}: give <code> [<file>:]<line>:<col>`);
            const where = `${m[1] ?? file}:${m[2]}:${m[3]}`;
            expect(r.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.col}`), file).toContain(`${head} ${where}`);
            break;
          }
          case "!expect-diagnostic":
            expect(r.diagnostics.map((d) => d.code), file).not.toContain(head);
            break;
          case "expect-no-spec":
            expect((head ? r.services.find((x) => x.name === head) : r.services[0])?.spec, file).toBeUndefined();
            expect(r.diagnostics.some((d) => d.severity === "error" && d.line >= 1 && d.col >= 1), file).toBe(true);
            break;
          default:
            throw new Error(`${file}: unknown expectation ${op}`);
        }
      }
      // Golden files: the whole spec and the diagnostics.
      const expected = join(dir, "expected");
      const several = r.services.length > 1;
      const golden = new Map<string, string | undefined>([
        ...(several ? r.services.map((x): [string, string | undefined] => [`${name}.${x.name}.yaml`, x.spec]) : [[`${name}.yaml`, spec] as [string, string | undefined]]),
        [`${name}.diagnostics.txt`, formatDiagnostics(r.diagnostics, "text") || undefined],
      ]);
      for (const [g, text] of golden) {
        const p = join(expected, g);
        if (update) {
          mkdirSync(expected, { recursive: true });
          if (text === undefined) rmSync(p, { force: true });
          else writeFileSync(p, text);
        } else expect(text, `${target}/expected/${g}`).toEqual(existsSync(p) ? readFileSync(p, "utf8") : undefined);
      }
    });
  }
});
