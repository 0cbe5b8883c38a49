import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { formatRegFile } from "../helpers/wine.js";
import { nssmRegistry } from "../import/registry-model.js";

// README's Diff examples are what svcgen does: the spec shown, built, with the drop-in shown, gives the output
// shown; and on Windows, the nssm spec shown, installed, with the nssm set lines shown typed after it, exported,
// gives the output shown. The registry there is test/import/registry-model.ts's (nssm's rules, written apart
// from the reader); test/conformance/diff-registry.test.ts makes the same kind of change with the real nssm
// under Wine.
const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
const section = readme.slice(readme.indexOf("## Diff"), readme.indexOf("## What each target can express"));
const blocks = [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]!] as const);
const outputs = blocks.filter(([k]) => k === "").map(([, b]) => b).filter((b) => b.includes("SVC70"));

describe("README's diff example", () => {
  it("prints the differences it shows, and exits 1", async () => {
    const spec = blocks.find(([k]) => k === "yaml")![1];
    const dropIn = blocks.find(([k]) => k === "ini")![1];
    const output = outputs[0]!;
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

  it("on Windows: the nssm service changed by nssm set and exported gives the differences it shows", async () => {
    const spec = blocks.filter(([k]) => k === "yaml")[1]![1];
    const typed = blocks.find(([k]) => k === "bat")![1].split("\n").filter(Boolean);
    const command = /`(svcgen diff billing\.yaml --against [^`]*)`/.exec(section)![1]!.split(" ").slice(1);
    expect(typed.at(-1)).toBe("reg export HKLM\\SYSTEM\\CurrentControlSet\\Services\\billing billing.reg");
    const dir = mkdtempSync(join(tmpdir(), "svcgen-diff-readme-"));
    try {
      writeFileSync(join(dir, "billing.yaml"), spec);
      expect((await runCli(["build", "billing.yaml"], dir)).code).toBe(0);
      // The install script's nssm lines, then those typed after it (each replacing the script's line for its parameter).
      const sets = typed.slice(0, -1).map((l) => l.replace(/^nssm /, "nssm.exe "));
      const param = (l: string) => l.split(" ").slice(1, 4).join(" ").replace(/^reset /, "set ");
      const script = readFileSync(join(dir, "billing.nssm-install.cmd"), "utf8").split("\r\n");
      const after = [...script.filter((l) => !sets.some((x) => l.startsWith("nssm.exe ") && param(l) === param(x))), ...sets].join("\r\n");
      writeFileSync(join(dir, "billing.reg"), formatRegFile(nssmRegistry("billing", new Map([["billing.nssm-install.cmd", after]]))));
      const r = await runCli(command, dir);
      expect([r.code, r.stdout]).toEqual([1, outputs[1]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
