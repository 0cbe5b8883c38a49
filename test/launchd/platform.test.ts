import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile.js";
import { compileYaml } from "../helpers/compile.js";

// The macos: platform section: merged over the top level for launchd (the macOS target) exactly as
// linux: is for systemd, and invisible to the targets of other platforms.
const diags = async (yaml: string, targets?: ("launchd" | "systemd" | "winsw")[]) =>
  (await compile(yaml, "s.yaml", targets ? { targets } : {})).diagnostics.map((d) => `${d.code}@${d.line}:${d.col} ${d.message}`);

describe("the macos section", () => {
  const spec =
    "version: 1\nname: inv\nexecutable: C:\\apps\\inv.exe\nenvironment: { A: top, B: top }\n" +
    "linux: { executable: /opt/inv/inv, environment: { B: linux } }\n" +
    "macos:\n  executable: /usr/local/bin/inv\n  args: [--mac]\n  environment: { B: mac, C: mac }\n";

  it("is merged over the top level for launchd: maps key by key, lists and scalars replace", async () => {
    const text = (await compileYaml(spec, "launchd")).text("inv.plist");
    expect(text).toContain("<string>/usr/local/bin/inv</string>\n\t\t<string>--mac</string>");
    expect(text).toMatch(/<key>A<\/key>\n\t\t<string>top<\/string>\n\t\t<key>B<\/key>\n\t\t<string>mac<\/string>\n\t\t<key>C<\/key>\n\t\t<string>mac<\/string>/);
  });

  it("is not seen by systemd or Windows targets", async () => {
    const unit = (await compileYaml(spec, "systemd")).text("inv.service");
    expect(unit).toContain("ExecStart=/opt/inv/inv\n");
    expect(unit).toContain('Environment=B=linux');
    expect(unit).not.toMatch(/mac/);
    const xml = (await compileYaml(spec, "winsw")).text("inv.xml");
    expect(xml).not.toMatch(/mac|usr\/local/);
  });

  it("a Windows path at the top level points at macos.executable for launchd", async () => {
    expect(await diags("version: 1\nname: inv\nexecutable: C:\\apps\\inv.exe\n", ["launchd"])).toEqual([
      'SVC2002@3:13 executable "C:\\\\apps\\\\inv.exe" is not an absolute macOS path',
    ]);
    const r = await compile("version: 1\nname: inv\nexecutable: C:\\apps\\inv.exe\n", "s.yaml", { targets: ["launchd"] });
    expect(r.diagnostics[0]!.hint).toBe("this looks like a Windows path: set macos.executable for macOS targets");
    expect(await diags("version: 1\nname: inv\nlinux: { executable: /opt/inv }\n", ["launchd"])).toEqual(["SVC2001@2:7 no executable for macOS targets"]);
  });

  it("a Windows account name at the top level points at macos.account", async () => {
    const r = await compile("version: 1\nname: inv\nexecutable: /usr/local/bin/inv\naccount: { user: CORP\\svc, password: { fromEnv: P } }\n", "s.yaml", { targets: ["launchd"] });
    expect(r.diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      ["SVC2016", '"CORP\\\\svc" is not a macOS user name', "letters, digits, _ . -, at most 32 characters; set macos.account: { user: ..., group: ... } for macOS targets"],
    ]);
  });

  it("a spec without targets is checked for every platform, and an executable in macos counts", async () => {
    expect(await diags("version: 1\nname: inv\nmacos: { executable: /usr/local/bin/inv }\n")).toEqual([]);
    expect(await diags("version: 1\nname: inv\nmacos: { args: [a] }\n")).toEqual(["SVC2001@2:7 no executable"]);
  });

  it("takes no keys that cannot be set per platform, and is validated like the top level", async () => {
    expect(await diags("version: 1\nname: inv\nexecutable: /x\nmacos: { name: other }\n")).toEqual(["SVC1101@4:10 name cannot be set per platform"]);
    expect(await diags("version: 1\nname: inv\nexecutable: /x\nmacos: { restart: { delay: soon } }\n")).toEqual(['SVC1203@4:28 macos.restart.delay "soon" is not a duration']);
  });
});

describe("svcgen build with launchd", () => {
  it("a second spec with the same launchd label is refused (SVC5002), since it would write the same file", async () => {
    const { mkdtempSync, writeFileSync, rmSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { runCli } = await import("../helpers/cli.js");
    const dir = mkdtempSync(join(tmpdir(), "svcgen-launchd-"));
    try {
      const label = "options: { launchd: { label: com.example.shared } }\n";
      writeFileSync(join(dir, "a.yaml"), "version: 1\nname: a\nexecutable: /usr/local/bin/a\n" + label);
      writeFileSync(join(dir, "b.yaml"), "version: 1\nname: b\nexecutable: /usr/local/bin/b\n" + label);
      const r = await runCli(["build", join(dir, "a.yaml"), join(dir, "b.yaml"), "-t", "launchd", "-o", join(dir, "out")]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("SVC5002: com.example.shared.plist is also written by");
      // The first spec keeps the file; the second writes nothing over it.
      expect(readFileSync(join(dir, "out", "com.example.shared.plist"), "utf8")).toContain("<string>/usr/local/bin/a</string>");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("svcgen init with launchd", () => {
  const run = async (...args: string[]) => {
    const { mkdtempSync, readFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { runCli } = await import("../helpers/cli.js");
    const dir = mkdtempSync(join(tmpdir(), "svcgen-init-launchd-"));
    try {
      const r = await runCli(["init", "svc", ...args, "--out", dir]);
      expect(r.code, r.stderr).toBe(0);
      return readFileSync(join(dir, "svc.yaml"), "utf8");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  it("a / executable for launchd alone is a macOS layout at the top level", async () => {
    const text = await run("--executable", "/usr/local/bin/svc", "--target", "launchd");
    expect(text).toContain("logs: { directory: /Library/Logs/svc }");
    expect(text).not.toMatch(/displayName|ignore|macos:/);
    const r = await compile(text, "svc.yaml");
    expect(r.targets).toEqual(["launchd"]);
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
  it("--target all: launchd gets a macos section of guessed paths and its own ignore list", async () => {
    const text = await run("--executable", "C:\\apps\\svc\\svc.exe", "--target", "all");
    expect(text).toMatch(/^macos: +# for launchd.*GUESSED/m);
    expect(text).toContain("  executable: /usr/local/bin/svc");
    expect(text).toContain("  launchd: { ignore: [displayName, logs.rotate] }");
    expect((await compile(text, "svc.yaml")).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});
