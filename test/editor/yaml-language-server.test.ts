import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { getLanguageService } from "yaml-language-server";

// The schema as an editor uses it: yaml-language-server (the engine of the VS Code YAML extension)
// finds the schema through the spec's modeline and validates and explains the document, offline.
const root = new URL("../../", import.meta.url);
const service = getLanguageService({
  schemaRequestService: async (uri: string) => readFileSync(fileURLToPath(uri), "utf8"),
  workspaceContext: { resolveRelativePath: (rel: string, resource: string) => pathToFileURL(resolve(fileURLToPath(new URL(".", resource)), rel)).href },
});
service.configure({ validate: true, hover: true, completion: true, yamlVersion: "1.2", customTags: [] });

const doc = (rel: string, text?: string) => {
  const uri = new URL(rel, root).href;
  return TextDocument.create(uri, "yaml", 1, text ?? readFileSync(fileURLToPath(uri), "utf8"));
};
const MODELINE = "# yaml-language-server: $schema=../../schema/service.schema.json\n";

describe("the published schema in an editor (yaml-language-server)", () => {
  it("finds the schema through the modeline and accepts the full example", async () => {
    const d = doc("fixtures/full/service.yaml");
    expect(d.getText().startsWith(MODELINE)).toBe(true);
    expect(await service.doValidation(d, false)).toEqual([]);
  });

  it("flags an unknown key and a bad duration where they are", async () => {
    const d = doc("fixtures/full/typo.yaml", MODELINE + "version: 1\nname: x\nexecutable: /opt/x\nrestat: {}\nrestart: { delay: 5 minutes }\n");
    const diags = await service.doValidation(d, false);
    const at = diags.map((x) => `${x.range.start.line}:${x.range.start.character} ${x.message}`);
    expect(at.some((m) => m.startsWith("4:0") && /restat/.test(m))).toBe(true);
    expect(at.some((m) => m.startsWith("5:18") && /pattern|match/i.test(m))).toBe(true);
  });

  it("shows each property's description on hover", async () => {
    const d = doc("fixtures/full/hover.yaml", MODELINE + "version: 1\nname: x\nworkingDirectory: /opt/x\n");
    const hover = await service.doHover(d, { line: 3, character: 3 });
    expect(JSON.stringify(hover?.contents)).toContain("System32");
  });
});
