import { describe, expect, it } from "vitest";
import { capabilityData, compile, formatDiagnostics, SPEC_FIELDS, TARGET_IDS } from "../src/index.js";

describe("library API", () => {
  it("compile() returns files and diagnostics without touching the disk", async () => {
    const r = await compile("version: 1\nname: lib\nexecutable: /opt/lib/lib\n", "lib.yaml", { targets: ["systemd"] });
    expect(r.diagnostics).toEqual([]);
    expect(r.name).toBe("lib");
    expect(r.outputs.map((o) => [o.target, o.files.map((f) => f.name)])).toEqual([["systemd", ["lib.service"]]]);
    expect(new TextDecoder().decode(r.outputs[0]!.files[0]!.bytes)).toContain("ExecStart=/opt/lib/lib\n");
  });
  it("a spec with errors gives diagnostics and no outputs", async () => {
    const r = await compile("version: 1\nname: lib\nexecutable: /opt/lib/lib\nrestart: { delay: soon }\n", "lib.yaml", { targets: ["systemd"] });
    expect(r.outputs).toEqual([]);
    expect(formatDiagnostics(r.diagnostics, "text")).toMatch(/^lib\.yaml:4:19: error SVC1203: /);
  });
  it("compile() takes a file's bytes too, decoded as the CLI decodes them", async () => {
    const yaml = "version: 1\nname: lib\ndisplayName: Café\nexecutable: /opt/lib/lib\n";
    const utf16 = new Uint8Array(Buffer.from("\ufeff" + yaml, "utf16le"));
    const r = await compile(utf16, "lib.yaml", { targets: ["systemd"] });
    expect(r.diagnostics).toEqual([]);
    expect(new TextDecoder().decode(r.outputs[0]!.files[0]!.bytes)).toContain("Description=Café\n");
    const latin1 = new Uint8Array(Buffer.from(yaml, "latin1"));
    const bad = await compile(latin1, "lib.yaml", { targets: ["systemd"] });
    expect(bad.outputs).toEqual([]);
    expect(formatDiagnostics(bad.diagnostics, "text")).toMatch(/^lib\.yaml:3:17: error SVC1009: the file is not UTF-8: byte 0xE9/);
  });
  it("validate-only mode and strict mode", async () => {
    const spec = "version: 1\nname: lib\nexecutable: /opt/lib/lib\nstartup: delayed\n";
    expect((await compile(spec, "s.yaml", { targets: ["systemd"], emit: false })).outputs).toEqual([]);
    const strict = await compile(spec, "s.yaml", { targets: ["systemd"], strict: true });
    expect(strict.diagnostics.map((d) => d.severity)).toEqual(["error"]);
    expect(strict.outputs).toEqual([]);
  });
  it("exposes the capability data and the field and target lists", async () => {
    const data = await capabilityData();
    expect(Object.keys(data.fields)).toEqual([...SPEC_FIELDS]);
    expect(data.targets.map((t) => t.id)).toEqual([...TARGET_IDS]);
  });
});
