import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { READ_TARGETS, roundTrip } from "./read-targets.js";

// Every fixture that builds for a target with a reader: build, import, build again gives the same bytes,
// and the imported spec means the same on every field the target stores exactly.
const root = new URL("../../fixtures/", import.meta.url).pathname;
const fixtureCases = readdirSync(root).filter((c) => existsSync(join(root, c, "service.yaml"))).sort();

describe.each(READ_TARGETS)("round trip of the fixtures through the $target reader", (t) => {
  const counts = { same: 0, refused: 0 };
  for (const name of fixtureCases) {
    it(name, async () => {
      const yaml = readFileSync(join(root, name, "service.yaml"), "utf8");
      const r = await roundTrip(yaml, t);
      expect(r.problems).toEqual([]);
      counts[r.outcome]++;
    });
  }
  it("most fixtures build for the target", () => {
    process.stdout.write(`[import round trip ${t.target}] fixtures: ${counts.same} same bytes, ${counts.refused} not built for ${t.target}\n`);
    expect(counts.same).toBeGreaterThanOrEqual(t.minFixtures ?? 10);
  });
});
