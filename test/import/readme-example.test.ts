import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatDiagnostics } from "../../src/diagnostics/format.js";
import { importSources } from "../../src/import/import.js";

// README's Import example is what svcgen does: the unit and drop-in shown give the spec and warnings shown.
describe("README's import example", () => {
  it("gives the spec and the diagnostics it shows", async () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## Import"), readme.indexOf("## Diff"));
    const blocks = [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]!] as const);
    const [unit, dropIn] = blocks.filter(([k]) => k === "ini").map(([, b]) => b);
    const spec = blocks.find(([k]) => k === "yaml")![1];
    const diagnostics = blocks.filter(([k]) => k === "").map(([, b]) => b).find((b) => b.includes("SVC61"))!;
    const r = await importSources([
      { name: "orders.service", bytes: new TextEncoder().encode(unit) },
      { name: "orders.service.d/override.conf", bytes: new TextEncoder().encode(dropIn) },
    ]);
    // The modeline is relative to where the spec is written; README shows it for svcgen installed in node_modules.
    const [modeline, ...rest] = r.services[0]!.spec!.split("\n");
    expect(modeline).toMatch(/^# yaml-language-server: \$schema=(\S+\/)?schema\/service\.schema\.json$/);
    expect(["# yaml-language-server: $schema=node_modules/svcgen/schema/service.schema.json", ...rest].join("\n")).toBe(spec);
    expect(formatDiagnostics(r.diagnostics, "text")).toBe(diagnostics);
  });

  // The WinSW and Task Scheduler examples: each xml block, the yaml block after it, the diagnostics after that.
  for (const [i, target, file, code] of [[0, "winsw", "jenkins.xml", "SVC64"], [1, "schtasks", "agent.xml", "SVC65"]] as const) {
    it(`gives the ${target} spec and diagnostics it shows`, async () => {
      const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
      const section = readme.slice(readme.indexOf("## Import"), readme.indexOf("## Diff"));
      const blocks = [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]!] as const);
      const xml = blocks.filter(([k]) => k === "xml")[i]![1];
      const spec = blocks.filter(([k]) => k === "yaml")[i + 1]![1];
      const diagnostics = blocks.filter(([k]) => k === "").map(([, b]) => b).find((b) => b.includes(code))!;
      const r = await importSources([{ name: file, bytes: new TextEncoder().encode(xml) }]);
      expect(r.services[0]!.target).toBe(target);
      const [, ...rest] = r.services[0]!.spec!.split("\n");
      expect(["# yaml-language-server: $schema=node_modules/svcgen/schema/service.schema.json", ...rest].join("\n")).toBe(spec);
      expect(formatDiagnostics(r.diagnostics, "text")).toBe(diagnostics);
    });
  }

  it("gives the supervisord spec and diagnostics it shows (the first program's spec; none for the second)", async () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("### supervisord"), readme.indexOf("## Diff"));
    const blocks = [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]!] as const);
    const conf = blocks.find(([k]) => k === "ini")![1];
    const spec = blocks.find(([k]) => k === "yaml")![1];
    const diagnostics = blocks.filter(([k]) => k === "").map(([, b]) => b).find((b) => b.includes("SVC67"))!;
    const r = await importSources([{ name: "orders.conf", bytes: new TextEncoder().encode(conf) }]);
    expect(r.services.map((s) => [s.target, s.name, s.spec !== undefined])).toEqual([["supervisord", "orders-api", true], ["supervisord", "orders-worker", false]]);
    const [, ...rest] = r.services[0]!.spec!.split("\n");
    expect(["# yaml-language-server: $schema=node_modules/svcgen/schema/service.schema.json", ...rest].join("\n")).toBe(spec);
    expect(formatDiagnostics(r.diagnostics, "text")).toBe(diagnostics);
  });

  it("gives the launchd spec and diagnostics it shows", async () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("### launchd"), readme.indexOf("## Diff"));
    const blocks = [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]!] as const);
    const plist = blocks.find(([k]) => k === "xml")![1];
    const spec = blocks.find(([k]) => k === "yaml")![1];
    const diagnostics = blocks.filter(([k]) => k === "").map(([, b]) => b).find((b) => b.includes("SVC68"))!;
    const file = "/Library/LaunchDaemons/org.example.ledgerd.plist";
    const r = await importSources([{ name: file, bytes: new TextEncoder().encode(plist) }]);
    expect(r.services[0]!.target).toBe("launchd");
    const [, ...rest] = r.services[0]!.spec!.split("\n");
    expect(["# yaml-language-server: $schema=node_modules/svcgen/schema/service.schema.json", ...rest].join("\n")).toBe(spec);
    expect(formatDiagnostics(r.diagnostics, "text")).toBe(diagnostics);
  });
});
