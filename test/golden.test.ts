import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "../src/compile.js";
import { formatDiagnostics } from "../src/diagnostics/format.js";
import type { TargetId } from "../src/model.js";
import { parse } from "yaml";

// Each fixtures/<case>/service.yaml is built for its `targets:` (every target when absent). Every output file
// and every target's diagnostics (text format) must equal fixtures/<case>/expected/*. With
// UPDATE_GOLDEN=1 the expected files are rewritten instead: read every changed line before committing.
const ALL: TargetId[] = ["winsw", "nssm", "sc", "systemd", "schtasks", "runkey", "supervisord", "launchd"];
const root = new URL("../fixtures/", import.meta.url).pathname;
const update = process.env.UPDATE_GOLDEN === "1";
// GOLDEN_TARGET=winsw,nssm limits a run (and an update) to those targets.
const only = process.env.GOLDEN_TARGET?.split(",");

export const fixtureCases = readdirSync(root, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(root, e.name, "service.yaml")))
  .map((e) => e.name)
  .sort();

export function fixtureTargets(yamlText: string): TargetId[] {
  const declared = (parse(yamlText) as { targets?: TargetId[] } | null)?.targets;
  return declared ?? ALL;
}

describe("golden fixtures", () => {
  it("has at least ten cases", () => expect(fixtureCases.length).toBeGreaterThanOrEqual(10));

  for (const name of fixtureCases) {
    describe(name, () => {
      const dir = join(root, name);
      const yamlText = readFileSync(join(dir, "service.yaml"), "utf8");
      const expectedDir = join(dir, "expected");
      for (const target of fixtureTargets(yamlText).filter((t) => !only || only.includes(t))) {
        it(target, async () => {
          const r = await compile(yamlText, "service.yaml", { targets: [target], sourceName: "service.yaml" });
          const produced = new Map<string, Uint8Array>();
          for (const o of r.outputs) for (const f of o.files) produced.set(f.name, f.bytes);
          const diagText = formatDiagnostics(r.diagnostics, "text");
          if (diagText) produced.set(`${target}.diagnostics.txt`, new TextEncoder().encode(diagText));
          // The files this target owns in expected/: its outputs (by name pattern) and its diagnostics.
          const mine = (f: string) => f === `${target}.diagnostics.txt` || ownedBy(target, f);
          const expectedFiles = existsSync(expectedDir) ? readdirSync(expectedDir).filter(mine).sort() : [];
          if (update) {
            mkdirSync(expectedDir, { recursive: true });
            for (const f of expectedFiles) if (!produced.has(f)) rmSync(join(expectedDir, f));
            for (const [f, bytes] of produced) writeFileSync(join(expectedDir, f), bytes);
            return;
          }
          expect([...produced.keys()].sort()).toEqual(expectedFiles);
          for (const [f, bytes] of produced) {
            const want = readFileSync(join(expectedDir, f));
            // Compare as text first for a readable diff, then as bytes (BOM, CRLF, encoding).
            expect(decode(bytes), `${name}/${f}`).toEqual(decode(want));
            expect(Buffer.from(bytes).equals(want), `${name}/${f} bytes`).toBe(true);
          }
        });
      }
    });
  }
});

function ownedBy(target: TargetId, file: string): boolean {
  switch (target) {
    case "winsw":
      return file.endsWith(".xml") && !file.endsWith(".task.xml");
    case "nssm":
      return file.endsWith(".nssm-install.cmd") || file.endsWith(".nssm-uninstall.cmd");
    case "sc":
      return file.endsWith(".sc-install.cmd") || file.endsWith(".sc-uninstall.cmd");
    case "systemd":
      return file.endsWith(".service");
    case "schtasks":
      return file.endsWith(".task.xml");
    case "runkey":
      return file.endsWith(".runkey-install.cmd") || file.endsWith(".runkey-uninstall.cmd");
    case "supervisord":
      return file.endsWith(".supervisord.conf");
    case "launchd":
      return file.endsWith(".plist");
  }
}

function decode(b: Uint8Array): string {
  return b[0] === 0xff && b[1] === 0xfe ? new TextDecoder("utf-16le").decode(b.subarray(2)) : new TextDecoder().decode(b);
}
