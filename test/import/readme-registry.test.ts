import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatDiagnostics } from "../../src/diagnostics/format.js";
import { importSources } from "../../src/import/import.js";

// README's registry examples are what svcgen does: each export shown (as reg export writes it: UTF-16LE with
// a BOM and CRLF) gives the spec and the diagnostics shown after it.
describe("README's registry import examples", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("### Registry exports (nssm, sc)"), readme.indexOf("### Run key"));
  const blocks = [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]!] as const);
  const exports = blocks.flatMap(([k, b], i) => (k === "reg" ? [i] : []));
  it("has an example for nssm and one for sc", () => expect(exports).toHaveLength(2));
  for (const [n, [name, target]] of [["orders.reg", "nssm"], ["orders-api.reg", "sc"]].entries()) {
    it(`${name} (${target}) gives the spec and the diagnostics shown`, async () => {
      const i = exports[n]!;
      const text = "\uFEFF" + blocks[i]![1].replace(/\n/g, "\r\n");
      const bytes = new Uint8Array(text.length * 2);
      for (let k = 0; k < text.length; k++) new DataView(bytes.buffer).setUint16(2 * k, text.charCodeAt(k), true);
      const r = await importSources([{ name, bytes }]);
      expect(r.services.map((s) => s.target)).toEqual([target]);
      const [modeline, ...rest] = r.services[0]!.spec!.split("\n");
      expect(modeline).toMatch(/^# yaml-language-server: \$schema=(\S+\/)?schema\/service\.schema\.json$/);
      const spec = blocks.slice(i + 1).find(([k]) => k === "yaml")![1];
      expect(["# yaml-language-server: $schema=node_modules/svcgen/schema/service.schema.json", ...rest].join("\n")).toBe(spec);
      const diagnostics = blocks.slice(i + 1).find(([k]) => k === "")![1];
      expect(formatDiagnostics(r.diagnostics, "text")).toBe(diagnostics);
    });
  }
});

describe("README's Run key import example", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = readme.slice(readme.indexOf("### Run key"), readme.indexOf("### supervisord"));
  const blocks = [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => [m[1], m[2]!] as const);
  it("run.reg gives the spec and the diagnostics shown", async () => {
    const text = "\uFEFF" + blocks.find(([k]) => k === "reg")![1].replace(/\n/g, "\r\n");
    const bytes = new Uint8Array(text.length * 2);
    for (let k = 0; k < text.length; k++) new DataView(bytes.buffer).setUint16(2 * k, text.charCodeAt(k), true);
    const r = await importSources([{ name: "run.reg", bytes }]);
    expect(r.services.map((s) => [s.target, s.name, s.spec !== undefined])).toEqual([["runkey", "OneDrive", true], ["runkey", "Tray", true], ["runkey", "Microsoft Teams", false]]);
    const spec = blocks.find(([k]) => k === "yaml")![1];
    const [, ...rest] = r.services.find((s) => s.name === "Tray")!.spec!.split("\n");
    expect(["# yaml-language-server: $schema=node_modules/svcgen/schema/service.schema.json", ...rest].join("\n")).toBe(spec);
    expect(formatDiagnostics(r.diagnostics, "text")).toBe(blocks.find(([k]) => k === "")![1]);
  });
});
