import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// README's Diff example is what svcgen does: the spec shown, built, with the drop-in shown, gives the output shown.
describe("README's diff example", () => {
  it("prints the differences it shows, and exits 1", async () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## Diff"), readme.indexOf("## What each target can express"));
    const blocks = [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]!] as const);
    const spec = blocks.find(([k]) => k === "yaml")![1];
    const dropIn = blocks.find(([k]) => k === "ini")![1];
    const output = blocks.filter(([k]) => k === "").map(([, b]) => b).find((b) => b.includes("SVC70"))!;
    const command = /`(svcgen diff orders\.yaml --against [^`]*)`/.exec(section)![1]!.split(" ").slice(1);
    const dir = mkdtempSync(join(tmpdir(), "svcgen-diff-readme-"));
    try {
      writeFileSync(join(dir, "orders.yaml"), spec);
      expect((await runCli(["build", "orders.yaml"], dir)).code).toBe(0);
      mkdirSync(join(dir, "orders.service.d"));
      writeFileSync(join(dir, "orders.service.d/override.conf"), dropIn);
      const r = await runCli(command, dir);
      expect([r.code, r.stdout]).toEqual([1, output]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
