import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allCodes } from "../src/diagnostics/all-codes.js";
import { runCli } from "./helpers/cli.js";

// Every code svcgen can print is documented (`svcgen explain SVCnnnn`): users search for them.
const src = new URL("../src/", import.meta.url).pathname;
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".generated.ts") ? [join(dir, e.name)] : []));

describe("diagnostic codes", () => {
  it("every code in the sources is documented, once, with a title and an explanation", async () => {
    const used = new Set(files(src).flatMap((f) => [...readFileSync(f, "utf8").matchAll(/"(SVC\d{4})"/g)].map((m) => m[1]!)));
    const documented = await allCodes();
    const ids = documented.map((c) => c.code);
    expect(ids.length).toBe(new Set(ids).size);
    expect([...used].filter((c) => !ids.includes(c)).sort()).toEqual([]);
    for (const c of documented) {
      expect(c.title.length, c.code).toBeGreaterThan(3);
      expect(c.explain.length, c.code).toBeGreaterThan(20);
    }
  });
  it("svcgen explain prints each one", async () => {
    for (const c of await allCodes()) {
      const r = await runCli(["explain", c.code]);
      expect(r.code).toBe(0);
      expect(r.stdout.startsWith(`${c.code} (${c.severity}): ${c.title}`)).toBe(true);
    }
  });
});
