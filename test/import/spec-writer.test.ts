import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { getLanguageService } from "yaml-language-server";
import { compile } from "../../src/compile.js";
import { importSources } from "../../src/import/import.js";
import { completeModel, literalText, passwordVariable } from "../../src/import/read-model.js";
import { SCHEMA_URL, writeSpec } from "../../src/import/spec-writer.js";

const schemaPath = new URL("../../schema/service.schema.json", import.meta.url);
const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as { $id: string };
const at = { file: "x.service", line: 1, col: 1 };

describe("the spec writer", () => {
  it("names the schema by its $id, which an editor resolves wherever the spec is", async () => {
    expect(SCHEMA_URL).toBe(schema.$id);
    const service = getLanguageService({ schemaRequestService: async (uri: string) => (uri === SCHEMA_URL ? readFileSync(schemaPath, "utf8") : Promise.reject(new Error(uri))), workspaceContext: { resolveRelativePath: (p: string) => p } });
    service.configure({ validate: true, yamlVersion: "1.2", customTags: [] });
    const r = await importSources([{ name: "basic.service", bytes: readFileSync(new URL("../../fixtures/import/systemd/basic.service", import.meta.url)) }]);
    const text = r.services[0]!.spec!;
    expect(text.split("\n")[0]).toBe(`# yaml-language-server: $schema=${SCHEMA_URL}`);
    const doc = TextDocument.create("file:///anywhere/basic.yaml", "yaml", 1, text);
    expect(await service.doValidation(doc, false)).toEqual([]);
    const bad = TextDocument.create("file:///anywhere/bad.yaml", "yaml", 1, text.replace("version: 1", "version: 1\nrestat: {}"));
    expect((await service.doValidation(bad, false)).length).toBeGreaterThan(0);
  });

  it("writes what differs from the spec's defaults and nothing else, in README's order, and the result builds", async () => {
    const model = completeModel(
      {
        file: "x.service",
        platform: "linux",
        name: { value: "x", at },
        executable: literalText("/opt/x/x", at),
        displayName: literalText("x", at), // the default: not written
        restart: { policy: { value: "on-failure", at }, delayMs: { value: 1000, at } }, // defaults: not written
        logs: { directory: literalText("/var/log/x", at), stdout: literalText("x.out.log", at), append: { value: false, at }, at },
        priority: { value: "high", at },
        options: { wantedBy: "graphical.target", extra: { Service: { LimitNOFILE: "65536", Environment: ["A=1", "B=2"] } } },
      },
      new Map(),
    );
    expect([...model.present].sort()).toEqual(["executable", "logs", "logs.append", "name", "priority"]);
    const text = writeSpec(model, { target: "systemd", sources: ["x.service"] });
    expect(text).toBe(
      [
        `# yaml-language-server: $schema=${SCHEMA_URL}`,
        "# Imported by svcgen from x.service: `svcgen import` may overwrite this file until you delete this line.",
        "version: 1",
        "name: x",
        "executable: /opt/x/x",
        "logs:",
        "  directory: /var/log/x",
        "  append: false",
        "priority: high",
        "targets: [systemd]",
        "options:",
        "  systemd:",
        "    wantedBy: graphical.target",
        "    extra:",
        "      Service:",
        '        LimitNOFILE: "65536"',
        "        Environment: [A=1, B=2]",
        "",
      ].join("\n"),
    );
    const built = await compile(text, "x.yaml", { targets: ["systemd"] });
    expect(built.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("refuses a draft a spec could not state (a reader bug), instead of writing a spec that warns", () => {
    expect(() => completeModel({ file: "x", platform: "linux", name: { value: "x", at }, executable: literalText("/x", at), restart: { policy: { value: "never", at }, delayMs: { value: 5, at } } }, new Map())).toThrow(/SVC2017/);
  });

  it("names the password variable of a service the same way for every reader", () => {
    expect([passwordVariable("orders-api"), passwordVariable("svc.v2"), passwordVariable("1st")]).toEqual(["ORDERS_API_PASSWORD", "SVC_V2_PASSWORD", "_1ST_PASSWORD"]);
  });
});
