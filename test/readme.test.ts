import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { capabilityTable } from "../src/cli/targets-table.js";
import { compile } from "../src/compile.js";

describe("README", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  it("has the capability table generated from the targets' declarations (node scripts/update-readme.mjs)", async () => {
    const current = /<!-- capabilities:start -->\n([\s\S]*?)<!-- capabilities:end -->/.exec(readme)?.[1];
    expect(current).toBe(await capabilityTable("markdown"));
  });
  it("its example spec validates for the targets it names, without errors", async () => {
    const example = /## The spec\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const r = await compile(example!, "orders.yaml", { emit: false });
    expect(r.targets).toEqual(["winsw", "systemd"]);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
  it("opens with the install-and-run command and the test command", () => {
    const blocks = [...readme.matchAll(/```sh\n([^\n]+)\n```/g)].map((m) => m[1]);
    expect(blocks[0]).toMatch(/^npm ci && node dist\/bin\/svcgen\.js build /);
    expect(blocks[1]).toBe("npm test");
  });
});
