import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain ESM build scripts
import { generateValidator } from "../scripts/gen-validator.mjs";
// @ts-expect-error: plain ESM build scripts
import { generateTemplates } from "../scripts/gen-templates.mjs";

// The schema validator and the templates are compiled ahead of time (no compiling at start-up) and the
// results are committed; these fail when someone edits the source and forgets to regenerate.
describe("generated code is up to date", () => {
  it("src/spec/schema-validator.generated.ts matches schema/service.schema.json (node scripts/gen-validator.mjs)", () => {
    expect(readFileSync(new URL("../src/spec/schema-validator.generated.ts", import.meta.url), "utf8")).toBe(generateValidator());
  });
  it("src/render/templates.generated.ts matches templates/ (node scripts/gen-templates.mjs)", () => {
    expect(readFileSync(new URL("../src/render/templates.generated.ts", import.meta.url), "utf8")).toBe(generateTemplates());
  });
});
