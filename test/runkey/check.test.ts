import { describe, expect, it } from "vitest";
import { codes as sharedCodes } from "../../src/escape/codes.js";
import { CmdScript } from "../../src/render/cmd-script.js";
import { SPEC_FIELDS } from "../../src/spec/fields.js";
import { capabilities } from "../../src/targets/runkey/capabilities.js";
import { codes } from "../../src/targets/runkey/codes.js";
import { runCommandLine, runValueType } from "../../src/targets/runkey/plan.js";
import { compileYaml, modelFor } from "../helpers/compile.js";

// Left out, restart.policy means on-failure, which a Run entry cannot do: a spec that sets no restart says never.
const spec = (body: string) => `version: 1\nname: tray\nexecutable: C:\\apps\\tray\\tray.exe\n${body}${/^restart:/m.test(body) ? "" : "restart: { policy: never }\n"}`;
const codesOf = async (body: string, target: "runkey" | "schtasks" = "runkey") => (await compileYaml(spec(body), target, { emit: false })).diagnostics.map((d) => d.code);

describe("runkey capabilities", () => {
  it("declares every spec field with a how text", () => {
    for (const f of SPEC_FIELDS) {
      expect(capabilities[f], f).toBeDefined();
      expect(capabilities[f].how.length, f).toBeGreaterThan(5);
    }
  });
  it("refuses what a Run entry cannot do unless ignored", async () => {
    for (const body of [
      "workingDirectory: C:\\apps\n",
      "environment: { A: b }\n",
      "account: local-service\n",
      "dependsOn: [Tcpip]\n",
      "restart: { policy: always }\n",
      "stop: { timeout: 10s }\n",
      "logs: { directory: C:\\logs }\n",
      "hooks: { preStart: { executable: C:\\x.exe } }\n",
      "priority: high\n",
      "displayName: Tray\n",
      "description: A tray app.\n",
    ]) {
      expect(await codesOf(body), body).toEqual(["SVC3001"]);
    }
    expect(await codesOf("priority: normal\nrestart: { policy: never }\nstartup: auto\n")).toEqual([]);
    expect(await codesOf("startup: delayed\n")).toEqual(["SVC3002"]);
    expect(await codesOf("startup: manual\n")).toEqual(["SVC3002"]);
    expect(await codesOf("startup: disabled\n")).toEqual([]);
  });
  it("lets ignore drop the account (the program then runs as the user who logs on), which other targets refuse", async () => {
    expect(await codesOf("account: { user: CORP\\me, password: { fromEnv: PW } }\noptions: { runkey: { ignore: [account] } }\n")).toEqual([]);
    expect(await codesOf("account: virtual\noptions: { schtasks: { ignore: [account] } }\n", "schtasks")).toContain("SVC3004");
  });
});

describe("runkey check", () => {
  it("documents every code it can emit", () => {
    const documented = new Set([...codes, ...sharedCodes].map((c) => c.code));
    for (const c of ["SVC4601", "SVC4602", "SVC4001", "SVC4002"]) expect(documented.has(c), c).toBe(true);
  });
  it("refuses a line break, a quote in the path, % that Windows would pair, and a line over 260", async () => {
    expect(await codesOf('args: ["a\\nb"]\n')).toEqual(["SVC4001"]);
    expect(await codesOf(`args: ["100%", "%x"]\n`)).toEqual(["SVC4002"]);
    expect(await codesOf(`args: ["\${APPDATA}", "50%"]\n`)).toEqual([]);
    expect(await codesOf(`args: ["50%", "\${APPDATA}"]\n`)).toEqual(["SVC4002"]);
    expect(await codesOf(`args: ["${"x".repeat(236)}"]\n`)).toEqual([]);
    expect(await codesOf(`args: ["${"x".repeat(237)}"]\n`)).toEqual(["SVC4601"]);
    const quoted = await compileYaml('version: 1\nname: tray\nexecutable: C:\\apps\\"tray".exe\nrestart: { policy: never }\n', "runkey", { emit: false });
    expect(quoted.diagnostics.map((d) => d.code)).toEqual(["SVC4602"]);
  });
  it("writes REG_EXPAND_SZ only for a command line with ${NAME}", async () => {
    const plain = await modelFor(spec('args: ["--x", "a b"]\n'), "runkey");
    expect(runValueType(plain)).toBe("REG_SZ");
    expect(runCommandLine(plain)).toBe('"C:\\apps\\tray\\tray.exe" --x "a b"');
    const vars = await modelFor(spec('args: ["--data", "${APPDATA}"]\n'), "runkey");
    expect(runValueType(vars)).toBe("REG_EXPAND_SZ");
    expect(runCommandLine(vars)).toBe('"C:\\apps\\tray\\tray.exe" --data "%APPDATA%"');
  });
});

describe("CmdScript elevation", () => {
  it("has no Administrator check when the script changes only the running user's settings", () => {
    const text = new TextDecoder().decode(new CmdScript({ sourceName: "s.yaml", purpose: [], elevation: "none" }).echo("hi").render());
    expect(text).not.toContain("net session");
    expect(text).not.toContain(":not_admin");
    expect(text.split("\r\n").slice(-5)).toEqual(["", ":fail", "echo ERROR: %SVCGEN_STEP% failed with exit code %ERRORLEVEL%. Nothing after that step was done. 1>&2", "endlocal & exit /b 1", ""]);
  });
});
