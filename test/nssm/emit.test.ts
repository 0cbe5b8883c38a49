import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batchLineToArgv, msvcrtArgv } from "../helpers/cmd-parse.js";
import { compileYaml } from "../helpers/compile.js";

const fixtures = new URL("../../fixtures/", import.meta.url).pathname;
const scriptsInFixtures = readdirSync(fixtures).flatMap((c) => {
  try {
    return readdirSync(join(fixtures, c, "expected"))
      .filter((f) => f.endsWith(".nssm-install.cmd") || f.endsWith(".nssm-uninstall.cmd"))
      .map((f) => join(fixtures, c, "expected", f));
  } catch {
    return [];
  }
});

/** The argv of every nssm.exe line (program name dropped), env as given for %VAR% at run time. */
function nssmCalls(script: string, env: Record<string, string> = {}): string[][] {
  return script
    .split("\r\n")
    .filter((l) => l.startsWith("nssm.exe "))
    .map((l) => batchLineToArgv(l, env).slice(1));
}

describe("the nssm scripts' bytes", () => {
  it("covers the fixtures", () => expect(scriptsInFixtures.length).toBeGreaterThanOrEqual(20));

  for (const f of scriptsInFixtures) {
    it(f.slice(fixtures.length), () => {
      const b = readFileSync(f);
      const t = b.toString("utf8");
      expect(b.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
      expect(t).not.toMatch(/[^\r]\n|\r[^\n]/);
      const lines = t.split("\r\n");
      expect(lines[0]).toBe("@echo off");
      const nonAscii = /[^\x00-\x7f]/.test(t);
      expect(lines[1] === "chcp 65001 >nul").toBe(nonAscii);
      // Every line cmd.exe reads fits, and every nssm line parses without an operator outside quotes.
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(8191);
      for (const call of nssmCalls(t, { ORDERS_SVC_PASSWORD: "pw", USER_SVC_PASSWORD: "pw" })) {
        // Numbers in plain decimal: nssm reads 010 as octal.
        for (const a of call) if (/^\d+$/.test(a)) expect(a).toMatch(/^(0|[1-9]\d*)$/);
      }
    });
  }
});

describe("values reach nssm's argv exactly", () => {
  const hostileChar = fc.constantFrom(..."\"\\^&|<>()! \t=,;*?'`~@:/".split(""), "a", "Z", "0", "é", "日", "😀");
  const hostile = fc.array(hostileChar, { minLength: 1, maxLength: 16 }).map((c) => c.join(""));
  const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,6}$/);

  it("args, environment, display name, description, working directory (random hostile values)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(hostile, fc.constant("")), { maxLength: 5 }),
        fc.uniqueArray(fc.tuple(envName, hostile), { maxLength: 3, selector: (t) => t[0] }),
        hostile.filter((s) => s.trim() === s && s.length > 0),
        hostile,
        async (args, env, displayName, description) => {
          const spec = {
            version: 1,
            name: "prop",
            executable: "C:\\Program Files (x86)\\A&B\\app.exe",
            workingDirectory: "C:\\Program Files (x86)\\A&B",
            args,
            environment: Object.fromEntries(env),
            displayName,
            description,
          };
          const c = await compileYaml(JSON.stringify(spec), "nssm");
          expect(c.errors).toEqual([]);
          const calls = nssmCalls(c.text("prop.nssm-install.cmd"));
          const find = (p: string) => calls.find((a) => a[2] === p);
          expect(find("Application")).toEqual(["set", "prop", "Application", spec.executable]);
          expect(find("AppDirectory")).toEqual(["set", "prop", "AppDirectory", spec.workingDirectory]);
          expect(find("DisplayName")).toEqual(["set", "prop", "DisplayName", displayName]);
          expect(find("Description")).toEqual(["set", "prop", "Description", description]);
          if (args.length) {
            const p = find("AppParameters")!;
            expect(p.length).toBe(4);
            // nssm starts the program with `"<exe>" <AppParameters>`: its argv must be the spec's args.
            expect(msvcrtArgv(`"${spec.executable}" ${p[3]}`).slice(1)).toEqual(args);
          } else expect(find("AppParameters")).toEqual(["reset", "prop", "AppParameters"]);
          if (env.length) expect(find("AppEnvironmentExtra")).toEqual(["set", "prop", "AppEnvironmentExtra", ...env.map(([k, v]) => `${k}=${v}`)]);
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);

  it("the password reaches nssm as one argument, read when the script runs", async () => {
    const c = await compileYaml(
      `version: 1\nname: pw\nexecutable: C:\\a.exe\naccount: { user: 'CORP\\svc & co', password: { fromEnv: PW_VAR } }\n`,
      "nssm",
    );
    expect(c.errors).toEqual([]);
    const t = c.text("pw.nssm-install.cmd");
    expect(t).not.toContain("hunter2");
    const call = nssmCalls(t, { PW_VAR: "hunter2 & <x> | ^y !z% (q)" }).find((a) => a[2] === "ObjectName");
    expect(call).toEqual(["set", "pw", "ObjectName", "CORP\\svc & co", "hunter2 & <x> | ^y !z% (q)"]);
    // The secret is checked before the first change.
    const lines = t.split("\r\n");
    expect(lines.indexOf("if not defined PW_VAR goto :missing_pw_var")).toBeLessThan(lines.findIndex((l) => l.startsWith("nssm.exe ")));
  });

  it("${NAME} reaches nssm as %NAME% (nssm expands it at start), $$ as $, a lone % as itself", async () => {
    const c = await compileYaml(
      `version: 1\nname: v\nexecutable: \${ProgramFiles}\\v.exe\nargs: ["\${TEMP}\\\\x", "90%", "$$HOME"]\nenvironment: { P: "\${SystemRoot};50%" }\n`,
      "nssm",
    );
    expect(c.errors).toEqual([]);
    const calls = nssmCalls(c.text("v.nssm-install.cmd"), { ProgramFiles: "WRONG", TEMP: "WRONG", SystemRoot: "WRONG" });
    expect(calls.find((a) => a[2] === "Application")![3]).toBe("%ProgramFiles%\\v.exe");
    expect(msvcrtArgv("x " + calls.find((a) => a[2] === "AppParameters")![3]).slice(1)).toEqual(["%TEMP%\\x", "90%", "$HOME"]);
    expect(calls.find((a) => a[2] === "AppEnvironmentExtra")!.slice(3)).toEqual(["P=%SystemRoot%;50%"]);
  });

  it("an argument or hook word holding ${NAME} is quoted, so a value with spaces stays one argument (found by the fuzzer)", async () => {
    const c = await compileYaml(
      `version: 1\nname: v\nexecutable: C:\\v.exe\nargs: ["\${ProgramFiles}\\\\x", "a"]\nhooks: { postStop: { executable: "\${ProgramFiles}\\\\h.exe", args: ["\${TEMP}"] } }\noptions: { nssm: { version: "2.24-101" } }\n`,
      "nssm",
    );
    expect(c.errors).toEqual([]);
    const calls = nssmCalls(c.text("v.nssm-install.cmd"));
    // nssm expands %NAME% before the program splits its command line: expand as Windows would, then split.
    const expand = (s: string) => s.replace(/%ProgramFiles%/g, "C:\\Program Files").replace(/%TEMP%/g, "C:\\My Temp");
    expect(msvcrtArgv("x " + expand(calls.find((a) => a[2] === "AppParameters")![3]!)).slice(1)).toEqual(["C:\\Program Files\\x", "a"]);
    expect(msvcrtArgv(expand(calls.find((a) => a[2] === "AppEvents" && a[3] === "Exit/Post")![4]!))).toEqual(["C:\\Program Files\\h.exe", "C:\\My Temp"]);
  });

  it("non-ASCII values: UTF-8 bytes after chcp 65001, decoded back to the spec's characters", async () => {
    const c = await compileYaml(readFileSync(join(fixtures, "nssm-unicode", "service.yaml"), "utf8"), "nssm");
    const bytes = c.files.get("nssm-unicode.nssm-install.cmd")!;
    expect(Buffer.from(bytes).includes(Buffer.from("Grüße aus Köln", "utf8"))).toBe(true);
    const calls = nssmCalls(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    expect(calls.find((a) => a[2] === "DisplayName")![3]).toBe("Grüße aus Köln");
    expect(calls.find((a) => a[2] === "Description")![3]).toBe("東京 & Zürich 🎉");
    expect(msvcrtArgv("x " + calls.find((a) => a[2] === "AppParameters")![3]).slice(1)).toEqual(["--titel", "Grüße & Küsse", 'naïve "café"']);
  });

  it("uninstall stops, waits within a bound derived from stop.timeout, removes with confirm", async () => {
    const c = await compileYaml(`version: 1\nname: u\nexecutable: C:\\u.exe\nstop: { timeout: 2m }\n`, "nssm");
    const t = c.text("u.nssm-uninstall.cmd");
    expect(nssmCalls(t)).toEqual([
      ["stop", "u"],
      ["remove", "u", "confirm"],
    ]);
    // 3 x 120 s + 30 s in 5 s attempts.
    expect(t).toContain("if %SVCGEN_TRIES% GEQ 78 goto :stop_failed");
  });
});
