import { describe, expect, it } from "vitest";
import { compileYaml, modelFor } from "../helpers/compile.js";
import { check } from "../../src/targets/schtasks/check.js";
import { codes } from "../../src/targets/schtasks/codes.js";
import { capabilities } from "../../src/targets/schtasks/capabilities.js";
import { SPEC_FIELDS } from "../../src/spec/fields.js";
import { ignoringRestartPolicy } from "./task-xml.js";

const BASE = "version: 1\nname: svc\nexecutable: C:\\apps\\svc\\svc.exe\n";

async function diagnostics(extra: string, base = BASE) {
  const r = await compileYaml(ignoringRestartPolicy(base + extra), "schtasks");
  return r.diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.line, target: d.target, message: d.message }));
}
const codesOf = async (extra: string, base = BASE) => (await diagnostics(extra, base)).map((d) => d.code).sort();

describe("schtasks capabilities", () => {
  it("declare every spec field, with a how text", () => {
    expect(Object.keys(capabilities).sort()).toEqual([...SPEC_FIELDS].sort());
    for (const [f, c] of Object.entries(capabilities)) {
      expect(c.how.length, f).toBeGreaterThan(5);
      for (const v of Object.values(c.values ?? {})) expect(v.how.length, f).toBeGreaterThan(5);
    }
  });

  it.each(["environment: { A: b }", "dependsOn: [Tcpip]", "logs: { directory: C:\\logs }", "stop: { timeout: 30s }", "displayName: Nice name", "account: virtual", "restart: { resetAfter: 1d }"])(
    "refuse what Task Scheduler cannot express: %s",
    async (extra) => {
      expect(await codesOf(extra + "\n")).toContain("SVC3001");
    },
  );

  it("accept losing them when ignored", async () => {
    const r = await compileYaml(
      BASE +
        "displayName: Nice\nenvironment: { A: b }\ndependsOn: [Tcpip]\nlogs: { directory: C:\\logs }\nstop: { timeout: 30s }\n" +
        "options: { schtasks: { ignore: [displayName, environment, dependsOn, logs, stop.timeout, restart.policy] } }\n",
      "schtasks",
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.files.has("svc.task.xml")).toBe(true);
  });

  it("ignoring logs covers its parts", async () => {
    const extra = "logs: { directory: C:\\logs, append: false, rotate: { maxSize: 1MiB } }\noptions: { schtasks: { ignore: [logs] } }\n";
    expect(await diagnostics(extra)).toEqual([]);
  });
});

describe("every code schtasks emits is documented", () => {
  it("codes are SVC45xx (target) or SVC65xx (reader), unique, with title and explanation", () => {
    const seen = new Set<string>();
    for (const c of codes) {
      expect(c.code).toMatch(/^SVC[46]5\d\d$/);
      expect(seen.has(c.code)).toBe(false);
      seen.add(c.code);
      expect(c.title.length).toBeGreaterThan(10);
      expect(c.explain.length).toBeGreaterThan(30);
    }
  });
});

describe("schtasks check: percent expansion", () => {
  it("refuses a literal %NAME% in an argument", async () => {
    const d = await diagnostics('args: ["--x", "%PATH%"]\n');
    expect(d).toEqual([expect.objectContaining({ code: "SVC4002", severity: "error", line: 4, target: "schtasks" })]);
  });
  it("refuses two literal % in different arguments, which pair on the joined line", async () => {
    const d = await diagnostics('args: ["50%", "ok", "100%"]\n');
    expect(d).toEqual([expect.objectContaining({ code: "SVC4002", line: 4 })]);
    expect(d[0]!.message).toMatch(/joined/);
  });
  it("accepts one literal % after the variables, but not before one", async () => {
    expect(await codesOf('args: ["${TEMP}\\\\x", "50%"]\n')).toEqual([]);
    // `50% %TEMP%`: the literal % and the variable's first % would pair.
    expect(await codesOf('args: ["50%", "${TEMP}\\\\x"]\n')).toEqual(["SVC4002"]);
  });
  it("accepts adjacent literal % that no reading of the expansion can pair (found by the fuzzer)", async () => {
    // `%%` is an empty name, never a variable: safe at the end, and before a variable when the run is even
    // (Windows rescans from the second %, Wine skips both; both then reach the variable).
    expect(await codesOf('args: ["%%"]\n')).toEqual([]);
    expect(await codesOf('args: ["100%%%", "x"]\n')).toEqual([]);
    expect(await codesOf('args: ["%%${TEMP}"]\n')).toEqual([]);
    // An odd run before a variable pairs with it under Wine's scan; a later % pairs under Windows'.
    expect(await codesOf('args: ["%${TEMP}"]\n')).toEqual(["SVC4002"]);
    expect(await codesOf('args: ["%%%${TEMP}"]\n')).toEqual(["SVC4002"]);
    expect(await codesOf('args: ["%%x%"]\n')).toEqual(["SVC4002"]);
    expect(await codesOf('args: ["%%", "50%"]\n')).toEqual(["SVC4002"]);
  });
  it("refuses a % hazard in the executable, working directory and hooks", async () => {
    expect(await codesOf("workingDirectory: C:\\a%b%c\n")).toEqual(["SVC4002"]);
    expect(await codesOf("", "version: 1\nname: svc\nexecutable: C:\\%x%\\svc.exe\n")).toEqual(["SVC4002"]);
    expect(await codesOf('hooks: { preStart: { executable: C:\\p.exe, args: ["%a", "b%"] } }\n')).toEqual(["SVC3002", "SVC4002"]);
  });
  it("refuses a variable where Task Scheduler expands none", async () => {
    expect(await codesOf('description: "for ${USERNAME}"\n')).toEqual(["SVC4004"]);
    expect(await codesOf('account: { user: "CORP\\\\${U}", password: { fromEnv: P } }\n')).toEqual(["SVC4004"]);
  });
});

describe("schtasks check: characters and lengths", () => {
  it("refuses control characters XML or Windows cannot carry", async () => {
    expect(await codesOf('args: ["a\\u0001b"]\n')).toEqual(["SVC4501"]);
    expect(await codesOf('args: ["a\\rb"]\n')).toEqual(["SVC4501"]);
    expect(await codesOf('description: "bell\\a"\n')).toEqual(["SVC4501"]);
    expect(await codesOf('args: ["\\uFFFE"]\n')).toEqual(["SVC4501"]);
    // A Windows path with a tab is refused by the loader before the target's check (SVC2021).
    expect(await codesOf('workingDirectory: "C:\\\\a\\tb"\n')).toEqual(["SVC2021"]);
  });
  it("accepts TAB and LF in arguments and the description", async () => {
    expect(await codesOf('args: ["a\\tb", "c\\nd"]\ndescription: "one\\ntwo\\tthree"\n')).toEqual([]);
  });
  it('refuses a " in a path', async () => {
    expect(await codesOf('', 'version: 1\nname: svc\nexecutable: C:\\a"b\\svc.exe\n')).toEqual(["SVC4503"]);
  });
  it("refuses a Command or WorkingDirectory over 260 characters", async () => {
    const dir = "C:\\" + "d".repeat(240);
    // 258 characters plus the two quotes: 260, the limit.
    const exe = dir + "\\" + "e".repeat(258 - dir.length - 1);
    expect(exe.length).toBe(258);
    expect(await codesOf("", `version: 1\nname: svc\nexecutable: ${exe}\n`)).toEqual([]);
    expect(await codesOf("", `version: 1\nname: svc\nexecutable: ${exe}x\n`)).toEqual(["SVC4502"]);
    expect(await codesOf(`workingDirectory: C:\\${"w".repeat(257)}\n`)).toEqual([]);
    expect(await codesOf(`workingDirectory: C:\\${"w".repeat(258)}\n`)).toEqual(["SVC4502"]);
  });
  it("refuses a command line over 32,766 characters", async () => {
    expect(await codesOf(`args: ["${"a".repeat(32_000)}", "${"b".repeat(800)}"]\n`)).toEqual(["SVC4512"]);
    expect(await codesOf(`args: ["${"a".repeat(32_000)}"]\n`)).toEqual([]);
  });
  it('refuses a description Task Scheduler would read as a resource reference', async () => {
    expect(await codesOf('description: "$$(@%SystemRoot%\\\\x.dll,-1)"\n')).toEqual(["SVC4511"]);
  });
});

describe("schtasks check: restart", () => {
  it("warns when restart.delay is under a minute, only when the spec sets it", async () => {
    expect(await diagnostics("restart: { delay: 10s }\n")).toEqual([expect.objectContaining({ code: "SVC4504", severity: "warning", line: 4 })]);
    expect(await codesOf("")).toEqual([]);
  });
  it("refuses more than 31 days, fractions of a second and more than 255 retries", async () => {
    expect(await codesOf("restart: { delay: 32d }\n")).toEqual(["SVC4505"]);
    expect(await codesOf("restart: { delay: 31d }\n")).toEqual([]);
    expect(await codesOf("restart: { delay: 1m500ms }\n")).toEqual(["SVC4506"]);
    expect(await codesOf("restart: { maxRetries: 256, window: 1h }\n")).toEqual(["SVC3002", "SVC4507"]);
    expect(await codesOf("restart: { maxRetries: 255, window: 1h }\n")).toEqual(["SVC3002"]);
  });
  // Issue 11, part 3: RestartOnFailure only retries a launch that failed, so what restart.policy is for
  // (starting the program again after it exits or crashes) is lost: an error unless ignored.
  it.each(["on-failure", "always"])("refuses restart.policy %s, saying why, unless ignored", async (policy) => {
    const d = await diagnostics(`restart: { policy: ${policy} }\n`);
    expect(d).toEqual([expect.objectContaining({ code: "SVC3001", severity: "error", line: 4 })]);
    expect(d[0]!.message).toMatch(/never restarts a program that started and then exited or crashed: its Settings\/RestartOnFailure only retries a launch that failed/);
    const ignored = await compileYaml(`${BASE}restart: { policy: ${policy}, delay: 2m }\noptions: { schtasks: { ignore: [restart.policy] } }\n`, "schtasks");
    expect(ignored.diagnostics).toEqual([]);
    // What is left is RestartOnFailure, for launches that fail.
    expect(new TextDecoder("utf-16le").decode(ignored.files.get("svc.task.xml")!)).toContain("<Interval>PT2M</Interval>");
  });
  it("accepts restart.policy never, and says an ignore entry for it has no effect", async () => {
    expect(await codesOf("restart: { policy: never }\n")).toEqual([]);
    expect(await codesOf("restart: { policy: never }\noptions: { schtasks: { ignore: [restart.policy] } }\n")).toEqual(["SVC3003"]);
  });
  it("judges a spec without restart.policy at its default, on-failure", async () => {
    const r = await compileYaml(BASE, "schtasks");
    expect(r.errors.map((e) => [e.code, e.line, e.col])).toEqual([["SVC3001", 2, 7]]);
    expect(r.errors[0]!.message).toMatch(/^schtasks cannot express restart.policy on-failure, the default when restart.policy is not set: Task Scheduler never restarts/);
    expect(r.errors[0]!.hint).toBe("set restart.policy: never for schtasks, or accept losing it: options.schtasks.ignore: [restart.policy]");
    // At the restart: mapping when there is one.
    const withDelay = await compileYaml(`${BASE}restart: { delay: 2m }\n`, "schtasks");
    expect(withDelay.errors.map((e) => [e.code, e.line])).toEqual([["SVC3001", 4]]);
    expect((await compileYaml(`${BASE}options: { schtasks: { ignore: [restart.policy] } }\n`, "schtasks")).diagnostics).toEqual([]);
  });
});

describe("schtasks check: accounts and triggers", () => {
  it("refuses a logon trigger without a user", async () => {
    expect(await codesOf("options: { schtasks: { trigger: logon } }\n")).toEqual(["SVC4508"]);
    expect(await codesOf("account: network-service\noptions: { schtasks: { trigger: logon } }\n")).toEqual(["SVC4508"]);
    // Found by the fuzzer: the emitter threw on an NT AUTHORITY user (no password) with a logon trigger.
    expect(await codesOf('account: { user: NT AUTHORITY\\LocalService }\noptions: { schtasks: { trigger: logon } }\n')).toEqual(["SVC4508"]);
    expect(await codesOf('account: { user: NT AUTHORITY\\LocalService, password: { fromEnv: P } }\noptions: { schtasks: { trigger: logon } }\n')).toEqual(["SVC4508"]);
  });
  it("refuses an NT SERVICE virtual account given as a user", async () => {
    expect(await codesOf("account: { user: NT SERVICE\\svc }\n")).toEqual(["SVC4509"]);
  });
  it("refuses options it does not know (when the schema was bypassed)", async () => {
    const model = await modelFor(BASE, "schtasks");
    const bad = { ...model, options: { trigger: "cron", extra: 1 } };
    expect(check(bad).map((d) => d.code)).toEqual(["SVC4510", "SVC4510"]);
  });
});
