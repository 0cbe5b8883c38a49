// Refusals and warnings of the winsw target: each code, where it points, and that nothing is written
// when there is an error.

import { describe, expect, it } from "vitest";
import { codes as escapeCodes } from "../../src/escape/codes.js";
import { check } from "../../src/targets/winsw/check.js";
import { codes } from "../../src/targets/winsw/codes.js";
import { capabilities } from "../../src/targets/winsw/capabilities.js";
import { SPEC_FIELDS } from "../../src/spec/fields.js";
import { build, spec, type Spec, type VersionChoice } from "./build.js";

const seen = new Set<string>();

async function refused(s: Spec, code: string, version?: VersionChoice, line?: number) {
  const b = await build(spec(s, version));
  seen.add(code);
  const d = b.diagnostics.find((x) => x.code === code);
  expect(d, `${code} for ${b.yaml}\ngot ${JSON.stringify(b.diagnostics)}`).toBeDefined();
  expect(d!.severity).toBe("error");
  if (line !== undefined) expect(d!.line, b.yaml).toBe(line);
  expect(b.xml, "no file when there is an error").toBeUndefined();
  return d!;
}

async function warned(s: Spec, code: string, version?: VersionChoice) {
  const b = await build(spec(s, version));
  seen.add(code);
  const d = b.diagnostics.find((x) => x.code === code);
  expect(d, `${code} for ${b.yaml}\ngot ${JSON.stringify(b.diagnostics)}`).toBeDefined();
  expect(d!.severity).toBe("warning");
  expect(b.errors).toEqual([]);
  expect(b.xml).toBeDefined();
  return d!;
}

describe("refused", () => {
  it("a literal %PATH% in args, pointing at that argument", async () => {
    const d = await refused({ args: ["--x", "%PATH%"] }, "SVC4002");
    expect(d.target).toBe("winsw");
    expect(d.message).toContain("args[1]");
  });
  it("a % that pairs across arguments", async () => {
    const d = await refused({ args: ["a", "50%", "b", "60%"] }, "SVC4002");
    expect(d.message).toContain("args[1]");
  });
  it("a % in other expanded values", async () => {
    for (const s of [{ executable: "C:\\%x%\\a.exe" }, { workingDirectory: "C:\\%x%" }, { environment: { A: "%B%" } }, { displayName: "%A%" }, { logs: { directory: "C:\\%a%" } }]) {
      await refused(s, "SVC4002");
    }
    await refused({ hooks: { preStart: { executable: "C:\\a.exe", args: ["%x%"] } } }, "SVC4002", 3);
  });
  it("hooks with version 2, and without a version", async () => {
    await refused({ hooks: { preStart: { executable: "C:\\m.exe" } } }, "SVC4401", 2);
    await refused({ hooks: { postStop: { executable: "C:\\m.exe" } } }, "SVC4401");
  });
  it("a password literal (the core's refusal), and the secret appears nowhere", async () => {
    const b = await build(spec({ account: { user: "CORP\\svc", password: "hunter2" } }, 3));
    expect(b.errors.length).toBeGreaterThan(0);
    expect(b.xml).toBeUndefined();
    expect(JSON.stringify(b.diagnostics)).not.toContain("hunter2");
  });
  it("an account without a version", async () => {
    for (const account of ["local-service", "network-service", "virtual", { user: "CORP\\x", password: { fromEnv: "P" } }]) await refused({ account }, "SVC4402");
  });
  it("a virtual account for WinSW 3", () => refused({ account: "virtual" }, "SVC4403", 3));
  it("account names WinSW 2 cannot store", async () => {
    await refused({ account: { user: "svc@corp.example", password: { fromEnv: "P" } } }, "SVC4404", 2);
    await refused({ account: { user: "svc", password: { fromEnv: "P" } } }, "SVC4404", 2);
    await refused({ account: { user: "CORP\\", password: { fromEnv: "P" } } }, "SVC4404", 3);
  });
  it("${NAME} in the account", async () => {
    const d = await refused({ account: { user: "${USERDOMAIN}\\svc", password: { fromEnv: "P" } } }, "SVC4004", 3);
    expect(escapeCodes.map((c) => c.code)).toContain(d.code);
  });
  it("control characters", async () => {
    await refused({ args: ["a\u0001"] }, "SVC4406");
    await refused({ account: { user: "CORP\\a\u001b", password: { fromEnv: "P" } } }, "SVC4406", 3);
  });
  it("a line break in an argument for WinSW 2 or both", async () => {
    await refused({ args: ["a\nb"] }, "SVC4407", 2);
    await refused({ args: ["a\rb"] }, "SVC4407");
  });
  it("an empty environment value for WinSW 2 or both", async () => {
    await refused({ environment: { A: "" } }, "SVC4408", 2);
    await refused({ environment: { A: "" } }, "SVC4408");
  });
  it("log file names WinSW cannot produce", async () => {
    await refused({ logs: { directory: "C:\\l", stdout: "svc.stdout.txt" } }, "SVC4409");
    await refused({ logs: { directory: "C:\\l", stdout: "a.out.log", stderr: "b.err.log" } }, "SVC4409");
    await refused({ logs: { directory: "C:\\l", stdout: ".out.log", stderr: ".err.log" } }, "SVC4409");
    await refused({ logs: { directory: "C:\\l", stdout: "svc.log", stderr: "svc.log" } }, "SVC4409");
  });
  it("rotation sizes that are not whole KiB, or too large", async () => {
    const d = await refused({ logs: { directory: "C:\\l", rotate: { maxSize: "10MB" } } }, "SVC4410");
    expect(d.hint).toContain("10MiB");
    await refused({ logs: { directory: "C:\\l", rotate: { maxSize: "2GiB" } } }, "SVC4410");
  });
  it("keeping one rotated file", () => refused({ logs: { directory: "C:\\l", rotate: { maxSize: "1MiB", keep: 1 } } }, "SVC4411"));
  it("rotation with append: false", () => refused({ logs: { directory: "C:\\l", append: false, rotate: { maxSize: "1MiB" } } }, "SVC4412"));
  it("durations WinSW cannot store", async () => {
    await refused({ restart: { delay: "25d" } }, "SVC4413");
    await refused({ stop: { timeout: "25d" } }, "SVC4413");
    await refused({ restart: { resetAfter: "1500ms" } }, "SVC4413");
    await refused({ restart: { maxRetries: 2, window: "90500ms" } }, "SVC4413");
  });
  it("a double quote in a program path", async () => {
    await refused({ executable: 'C:\\a"b.exe' }, "SVC4418");
    await refused({ hooks: { preStart: { executable: 'C:\\a"b.exe' } } }, "SVC4418", 3);
  });
  it("cmd.exe metacharacters in the arguments of a .bat/.cmd program", async () => {
    for (const a of ["a&b", "a|b", "<x>", "x^", 'a"b']) await refused({ executable: "C:\\run.cmd", args: [a] }, "SVC4419");
    await refused({ hooks: { postStop: { executable: "C:\\x.BAT", args: ["&calc"] } } }, "SVC4419", 3);
    // An .exe gets them as plain characters.
    expect((await build(spec({ executable: "C:\\run.exe", args: ["a&b"] }))).errors).toEqual([]);
  });
  it("an unknown options.winsw.version (the schema stops it first; check does not rely on that)", async () => {
    const b = await build(spec({}, 3));
    const model = { ...b.model!, options: { version: 4 } };
    const ds = check(model);
    expect(ds.map((d) => d.code)).toEqual(["SVC4400"]);
    seen.add("SVC4400");
  });
});

describe("warned, and written", () => {
  it("${NAME} in the display name or description", () => warned({ displayName: "Orders on ${COMPUTERNAME}" }, "SVC4415"));
  it("an environment value using a variable set later", async () => {
    const d = await warned({ environment: { A: "${B}\\x", B: "b" } }, "SVC4416");
    expect(d.hint).toContain("move B above A");
    const b = await build(spec({ environment: { PATH: "${PATH};C:\\x", B: "b", A: "${B}" } }));
    expect(b.codes).not.toContain("SVC4416");
  });
  it("an argument ending with a variable", () => warned({ args: ["--dir=${ProgramData}"] }, "SVC4417"));
});

describe("codes and capabilities", () => {
  it("every code the tests saw is documented, and every documented code is exercised", () => {
    // The reader's codes (SVC64xx) are exercised by the import cases (test/import/reader-codes.test.ts).
    const all = codes.map((c) => c.code);
    expect(new Set(all).size).toBe(all.length);
    for (const c of all) expect(c).toMatch(/^SVC[46]4\d\d$/);
    const documented = all.filter((c) => c.startsWith("SVC44"));
    expect([...seen].filter((c) => c.startsWith("SVC44")).sort()).toEqual([...documented].sort());
    for (const c of codes) expect(c.title.length * c.explain.length).toBeGreaterThan(0);
  });
  it("declares every spec field with a how text", () => {
    expect(Object.keys(capabilities).sort()).toEqual([...SPEC_FIELDS].sort());
    for (const [f, c] of Object.entries(capabilities)) {
      expect(c.how.length, f).toBeGreaterThan(5);
      for (const v of Object.values(c.values ?? {})) expect(v.how.length, f).toBeGreaterThan(5);
    }
    expect(Object.keys(capabilities.account.values!).sort()).toEqual(["local-service", "local-system", "network-service", "user", "virtual"]);
  });
  it("approximations warn with their how text", async () => {
    const b = await build(spec({ restart: { policy: "always" }, account: { user: "CORP\\s", password: { fromEnv: "P" } }, hooks: { postStop: { executable: "C:\\p.exe" } } }, 3));
    const approx = b.diagnostics.filter((d) => d.code === "SVC3002").map((d) => d.message);
    expect(approx.some((m) => m.includes("non-zero exit"))).toBe(true);
    expect(approx.some((m) => m.startsWith("account.password"))).toBe(true);
    expect(approx.some((m) => m.startsWith("hooks.postStop"))).toBe(true);
    expect(b.xml).toBeDefined();
  });
});
