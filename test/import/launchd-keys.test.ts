import { describe, expect, it } from "vitest";
import { SPEC_FIELDS } from "../../src/spec/fields.js";
import { capabilities } from "../../src/targets/launchd/capabilities.js";
import { canonicalKey, MAPPED, UNSTATED, WITHOUT_KEY } from "../../src/targets/launchd/keys.js";

// The launchd reader's key table against the capability table: what the emitter writes, the reader reads.
const fieldsWithKey = new Set(Object.values(MAPPED).flatMap((k) => k.fields));
const supports = (f: (typeof SPEC_FIELDS)[number]) => new Set([capabilities[f].support, ...Object.values(capabilities[f].values ?? {}).map((v) => v.support)]);

describe("launchd keys.ts against capabilities.ts", () => {
  it("every field launchd stores, exactly or approximately, has a key the reader maps to it (or a reason it leaves no trace)", () => {
    const missing = SPEC_FIELDS.filter((f) => (supports(f).has("native") || supports(f).has("approximate")) && !fieldsWithKey.has(f) && !WITHOUT_KEY[f]);
    expect(missing).toEqual([]);
  });
  it("no key maps to a field launchd cannot express, and a field said to leave no trace has no key", () => {
    expect([...fieldsWithKey].filter((f) => !supports(f).has("native") && !supports(f).has("approximate"))).toEqual([]);
    expect(Object.keys(WITHOUT_KEY).filter((f) => fieldsWithKey.has(f as never))).toEqual([]);
  });
  it("a key is mapped or unstated, never both, and is found ignoring case, as launchd matches keys", () => {
    expect(Object.keys(MAPPED).filter((k) => k in UNSTATED)).toEqual([]);
    for (const k of [...Object.keys(MAPPED), ...Object.keys(UNSTATED)]) {
      expect(canonicalKey(k.toLowerCase())).toBe(k);
      expect(canonicalKey(k.toUpperCase())).toBe(k);
    }
    expect(canonicalKey("NoSuchKey")).toBeUndefined();
  });
});
