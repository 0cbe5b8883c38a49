import { describe, expect, it } from "vitest";
import { importSources } from "../../src/import/import.js";
import { readerCodes } from "../../src/targets/supervisord/codes.js";

// Each SVC67xx code's example file, imported, gives the code at the example's last line.
describe("supervisord reader codes", () => {
  for (const c of readerCodes) {
    it(`${c.code}: its example file produces it, at its last line`, async () => {
      const r = await importSources([{ name: c.example.name, bytes: new TextEncoder().encode(c.example.text) }], { from: "supervisord" });
      const lastLine = c.example.text.trimEnd().split("\n").length;
      const hits = r.diagnostics.filter((d) => d.code === c.code);
      expect(hits.map((d) => d.line), JSON.stringify(r.diagnostics)).toContain(lastLine);
      expect(hits.every((d) => d.severity === c.severity && d.target === "supervisord" && d.file === c.example.name)).toBe(true);
      if (c.severity === "error") expect(r.services.every((s) => s.spec === undefined)).toBe(true);
    });
  }
});
