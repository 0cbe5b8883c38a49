import { describe, expect, it } from "vitest";
import { compileYaml } from "../helpers/compile.js";
import { capabilities } from "../../src/targets/sc/capabilities.js";
import { codes } from "../../src/targets/sc/codes.js";
import { codes as sharedCodes } from "../../src/escape/codes.js";
import { SPEC_FIELDS } from "../../src/spec/fields.js";

const spec = (body: string) => `version: 1\nname: svc\nexecutable: C:\\apps\\svc\\svc.exe\n${body}`;
const diags = async (body: string) => (await compileYaml(spec(body), "sc", { emit: false })).diagnostics.map((d) => `${d.severity} ${d.code} ${d.line}:${d.col} ${d.message}`);
const codesOf = async (body: string) => (await compileYaml(spec(body), "sc", { emit: false })).diagnostics.map((d) => d.code);

describe("sc capabilities", () => {
  it("declares every spec field with a how text", () => {
    for (const f of SPEC_FIELDS) {
      expect(capabilities[f], f).toBeDefined();
      expect(capabilities[f].how.length, f).toBeGreaterThan(5);
    }
  });
  it("refuses what sc.exe cannot do unless ignored", async () => {
    expect(await codesOf("workingDirectory: C:\\apps\n")).toEqual(["SVC3001"]);
    expect(await codesOf("logs: { directory: C:\\logs }\n")).toEqual(["SVC3001"]);
    expect(await codesOf("stop: { timeout: 10s }\n")).toEqual(["SVC3001"]);
    expect(await codesOf("priority: high\n")).toEqual(["SVC3001"]);
    expect(await codesOf("priority: normal\n")).toEqual([]);
    expect(await codesOf("hooks: { preStart: { executable: C:\\x.exe } }\n")).toEqual(["SVC3001"]);
    expect(await codesOf("workingDirectory: C:\\apps\noptions: { sc: { ignore: [workingDirectory] } }\n")).toEqual([]);
  });
  it("warns about what it approximates", async () => {
    expect(await codesOf("restart: { policy: always }\n")).toEqual(["SVC3002"]);
    expect(await codesOf("restart: { maxRetries: 3, window: 10m }\n")).toEqual(["SVC3002"]);
  });
});

describe("sc check", () => {
  it("documents every code it can emit", () => {
    const documented = new Set([...codes, ...sharedCodes].map((c) => c.code));
    for (const c of ["SVC4301", "SVC4302", "SVC4303", "SVC4304", "SVC4305", "SVC4306", "SVC4001", "SVC4002", "SVC4003", "SVC4004"]) {
      expect(documented.has(c), c).toBe(true);
    }
  });

  it("refuses a literal % that the SCM could pair in the ImagePath, within or across arguments", async () => {
    expect(await codesOf("args: ['50%']\n")).toEqual([]);
    expect(await codesOf("args: ['%PATH%']\n")).toEqual(["SVC4002"]);
    expect(await codesOf("args: ['50%', 'and 20%']\n")).toEqual(["SVC4002"]);
    expect(await codesOf("args: ['50%', '${TEMP}']\n")).toEqual(["SVC4002"]);
    expect(await codesOf("args: ['${TEMP}', '50%']\n")).toEqual([]);
    expect(await codesOf("description: '100% and %PATH%'\ndisplayName: 'a %b% c'\n")).toEqual([]);
  });

  it("refuses ${NAME} where Windows stores the text as written", async () => {
    const d = await diags("displayName: 'x ${A}'\ndescription: '${B}'\nenvironment: { C: '${TEMP}\\x' }\n");
    expect(d.map((x) => x.split(" ").slice(0, 3).join(" "))).toEqual(["error SVC4004 4:14", "error SVC4004 5:14", "error SVC4004 6:19"]);
    expect(d[2]).toContain("Environment registry value");
    expect(await codesOf("account: { user: '${USERDOMAIN}\\u', password: { fromEnv: P } }\n")).toEqual(["SVC4004"]);
  });

  it("refuses characters a batch line cannot carry", async () => {
    expect(await codesOf('description: "two\\nlines"\n')).toEqual(["SVC4001"]);
    expect(await codesOf('args: ["bell\\a"]\n')).toEqual(["SVC4001"]);
  });

  it("refuses restart periods sc.exe cannot express", async () => {
    expect(await diags("restart: { resetAfter: 1500ms }\n")).toEqual([
      "error SVC4301 4:24 restart.resetAfter is 1500 ms, but sc.exe failure reset= takes whole seconds",
    ]);
    expect(await codesOf("restart: { maxRetries: 2, window: 90500ms }\n")).toEqual(["SVC3002", "SVC4301"]);
    expect(await codesOf("restart: { delay: 50d }\n")).toEqual(["SVC4302"]);
    expect(await codesOf("restart: { delay: 49d }\n")).toEqual([]);
    expect(await codesOf("restart: { policy: never, resetAfter: 1500ms }\n")).toEqual(["SVC2017"]);
  });

  it("refuses a quote in the executable", async () => {
    expect(await codesOf("windows: { executable: 'C:\\a\"b.exe' }\n")).toContain("SVC4303");
  });

  it("refuses a password for an account Windows manages", async () => {
    expect(await codesOf("account: { user: 'CORP\\gmsa$', password: { fromEnv: P } }\n")).toEqual(["SVC4304"]);
    expect(await codesOf("account: { user: 'NT SERVICE\\svc', password: { fromEnv: P } }\n")).toEqual(["SVC4304"]);
    expect(await codesOf("account: { user: 'CORP\\gmsa$' }\n")).toEqual([]);
  });

  it("refuses a display name over 256 characters", async () => {
    expect(await codesOf(`displayName: ${"x".repeat(256)}\n`)).toEqual([]);
    expect(await codesOf(`displayName: ${"x".repeat(257)}\n`)).toEqual(["SVC4305"]);
    // Measured as stored: $$ in the spec is one $.
    expect(await codesOf(`displayName: "${"$$".repeat(256)}"\n`)).toEqual([]);
  });

  it("refuses a line cmd.exe would cut", async () => {
    const d = await diags("restart: { delay: 1d, maxRetries: 1000, window: 1d }\n");
    expect(d.filter((x) => !x.includes("SVC3002"))).toEqual([
      "error SVC4003 4:35 the sc.exe failure line of the sc install script would be 17043 characters long; cmd.exe reads at most 8191",
    ]);
  });
});
