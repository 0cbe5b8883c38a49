import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { capabilityTable } from "../src/cli/targets-table.js";

describe("README", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  it("has the capability table generated from the targets' declarations (node scripts/update-readme.mjs)", async () => {
    const current = /<!-- capabilities:start -->\n([\s\S]*?)<!-- capabilities:end -->/.exec(readme)?.[1];
    expect(current).toBe(await capabilityTable("markdown"));
  });
  it("opens with the install-and-run command and the test command", () => {
    const blocks = [...readme.matchAll(/```sh\n([^\n]+)\n```/g)].map((m) => m[1]);
    expect(blocks[0]).toMatch(/^npm ci && node dist\/bin\/svcgen\.js build /);
    expect(blocks[1]).toBe("npm test");
  });
});
