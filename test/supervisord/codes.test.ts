import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile.js";
import { targetCodes as codes } from "../../src/targets/supervisord/codes.js";
import { optionsSchema } from "../../src/targets/supervisord/options.js";

describe("supervisord codes", () => {
  for (const c of codes) {
    it(`${c.code}: its example spec produces it, at the example's last line`, async () => {
      const r = await compile(c.example, "example.yaml");
      const lastLine = c.example.trimEnd().split("\n").length;
      const hits = r.diagnostics.filter((d) => d.code === c.code);
      expect(hits.map((d) => d.line), JSON.stringify(r.diagnostics)).toContain(lastLine);
      expect(hits.every((d) => d.severity === c.severity && d.target === "supervisord")).toBe(true);
      expect(r.outputs).toEqual([]);
    });
  }
});

describe("options.supervisord", () => {
  it("the schema's options.supervisord is the options' declaration (written once, in options.ts)", () => {
    const schema = JSON.parse(readFileSync(new URL("../../schema/service.schema.json", import.meta.url), "utf8"));
    expect(schema.definitions.options.properties.supervisord).toEqual(optionsSchema());
  });
});
