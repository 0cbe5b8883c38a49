import { describe, expect, it } from "vitest";
import { importSources } from "../../src/import/import.js";
import { SPEC_FIELDS } from "../../src/spec/fields.js";
import { capabilities } from "../../src/targets/systemd/capabilities.js";
import { DESCRIPTIVE, MAPPED, WITHOUT_DIRECTIVE } from "../../src/targets/systemd/keys.js";
import { toTarget } from "../../src/targets/pairs.js";
import { NICE } from "../../src/targets/systemd/values.js";

// The reader's key table against the capability table: what the emitter writes, the reader reads.
const fieldsWithKey = new Set(Object.values(MAPPED).flatMap((k) => k.fields));
const supports = (f: (typeof SPEC_FIELDS)[number]) => new Set([capabilities[f].support, ...Object.values(capabilities[f].values ?? {}).map((v) => v.support)]);

describe("systemd keys.ts against capabilities.ts", () => {
  it("every field systemd stores, exactly or approximately, has a directive the reader maps to it (or a reason it leaves no trace)", () => {
    const missing = SPEC_FIELDS.filter((f) => (supports(f).has("native") || supports(f).has("approximate")) && !fieldsWithKey.has(f) && !WITHOUT_DIRECTIVE[f]);
    expect(missing).toEqual([]);
  });
  it("no directive maps to a field systemd cannot express, and a field said to leave no trace has no directive", () => {
    expect([...fieldsWithKey].filter((f) => capabilities[f].support === "none" || capabilities[f].support === "n/a")).toEqual([]);
    expect(Object.keys(WITHOUT_DIRECTIVE).filter((f) => fieldsWithKey.has(f as never))).toEqual([]);
  });
  it("descriptive directives are not also mapped", () => {
    expect([...DESCRIPTIVE].filter((k) => k in MAPPED)).toEqual([]);
  });
  it("approximations read back are reported with the capability table's own words", async () => {
    for (const [priority, nice] of NICE) {
      if (priority === "normal") continue;
      const unit = `[Service]\nExecStart=/opt/x\nNice=${nice}\n`;
      const r = await importSources([{ name: "x.service", bytes: new TextEncoder().encode(unit) }]);
      expect(r.services[0]!.result.model!.priority.value).toBe(priority);
      const d = r.diagnostics.find((x) => x.code === "SVC6108");
      expect(d?.message).toContain(capabilities.priority.values![priority]!.how);
      expect(toTarget(NICE, priority)).toBe(nice);
    }
  });
});
