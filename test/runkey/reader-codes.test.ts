import { describe, expect, it } from "vitest";
import { importSources } from "../../src/import/import.js";
import { readerCodes } from "../../src/targets/runkey/codes.js";

// Each SVC66xx code's example export, imported, gives the code on the line the example names.
describe("Run-key reader codes", () => {
  for (const c of readerCodes) {
    it(`${c.code}: its example export produces it, on line ${c.example.line}`, async () => {
      const r = await importSources([{ name: c.example.name, bytes: new TextEncoder().encode(c.example.text) }]);
      expect(r.services.map((s) => s.target)).toEqual(["runkey"]);
      const hits = r.diagnostics.filter((d) => d.code === c.code);
      expect(hits.map((d) => d.line), JSON.stringify(r.diagnostics)).toContain(c.example.line);
      expect(hits.every((d) => d.severity === c.severity && d.target === "runkey" && d.file === c.example.name)).toBe(true);
      if (c.severity === "error") expect(r.services.every((s) => s.spec === undefined)).toBe(true);
      else expect(r.services.some((s) => s.spec !== undefined)).toBe(true);
    });
  }
});
