import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { TextDocument } from "vscode-languageserver-textdocument";
import { getLanguageService } from "yaml-language-server";
import { compile } from "../../src/compile.js";
import { importSources } from "../../src/import/import.js";
import { completeModel, literalText, passwordVariable } from "../../src/import/read-model.js";
import { writeSpec } from "../../src/import/spec-writer.js";

const at = { file: "x.service", line: 1, col: 1 };

describe("the spec writer", () => {
  it("points its modeline at the schema from the folder the spec is written to, as svcgen init does", async () => {
    const service = getLanguageService({
      schemaRequestService: async (uri: string) => readFileSync(fileURLToPath(uri), "utf8"),
      workspaceContext: { resolveRelativePath: (rel: string, resource: string) => pathToFileURL(resolve(fileURLToPath(new URL(".", resource)), rel)).href },
    });
    service.configure({ validate: true, yamlVersion: "1.2", customTags: [] });
    const specDir = fileURLToPath(new URL("../../fixtures/import/systemd/expected/", import.meta.url));
    const r = await importSources([{ name: "basic.service", bytes: readFileSync(new URL("../../fixtures/import/systemd/basic.service", import.meta.url)) }], { specDir });
    const text = r.services[0]!.spec!;
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../../../../schema/service.schema.json");
    const doc = TextDocument.create(pathToFileURL(resolve(specDir, "basic.yaml")).href, "yaml", 1, text);
    expect(await service.doValidation(doc, false)).toEqual([]);
    const bad = TextDocument.create(pathToFileURL(resolve(specDir, "bad.yaml")).href, "yaml", 1, text.replace("version: 1", "version: 1\nrestat: {}"));
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
    const text = writeSpec(model, { target: "systemd", specDir: fileURLToPath(new URL("../../", import.meta.url)), sources: ["x.service"] });
    expect(text).toBe(
      [
        "# yaml-language-server: $schema=schema/service.schema.json",
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
