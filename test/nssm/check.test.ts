import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { codes as sharedCodes } from "../../src/escape/codes.js";
import { SPEC_FIELDS } from "../../src/spec/fields.js";
import { capabilities } from "../../src/targets/nssm/capabilities.js";
import { codes } from "../../src/targets/nssm/codes.js";
import { compileYaml } from "../helpers/compile.js";

const src = new URL("../../src/targets/nssm/", import.meta.url).pathname;

describe("nssm capabilities and codes", () => {
  it("declare every spec field; n/a only for the Linux-only ones", () => {
    expect(Object.keys(capabilities).sort()).toEqual([...SPEC_FIELDS].sort());
    const na = Object.entries(capabilities).filter(([, c]) => c.support === "n/a").map(([f]) => f);
    expect(na.sort()).toEqual(["account.group", "stop.signal"]);
    for (const [f, c] of Object.entries(capabilities)) {
      expect(c.how.length, f).toBeGreaterThan(0);
      for (const [v, vc] of Object.entries(c.values ?? {})) expect(vc.how.length, `${f}: ${v}`).toBeGreaterThan(10);
    }
  });

  it("document every code the target emits", () => {
    const documented = new Set([...codes, ...sharedCodes].map((c) => c.code));
    const used = new Set<string>();
    for (const f of readdirSync(src)) {
      const text = readFileSync(src + f, "utf8");
      for (const m of text.matchAll(/"(SVC4[02]\d\d)"/g)) used.add(m[1]!);
    }
    for (const c of used) expect(documented.has(c), c).toBe(true);
    for (const c of codes) expect(c.code).toMatch(/^SVC42\d\d$/);
  });
});

const diagnose = async (yaml: string) => (await compileYaml(`version: 1\nname: c\n${yaml}`, "nssm")).diagnostics.map((d) => `${d.line}:${d.col} ${d.severity} ${d.code} ${d.message}`);

describe("nssm check", () => {
  it("refuses a % that could pair across the joined arguments", async () => {
    const d = await diagnose(`executable: C:\\c.exe\nargs: ["50%", "x", "and 60%"]\n`);
    expect(d).toEqual([`4:8 error SVC4002 args: "% x and 60%" would be expanded by Windows as a variable, and Windows has no escape for a literal "%"`]);
  });

  it("refuses a line break, naming the field", async () => {
    const d = await diagnose(`executable: C:\\c.exe\nenvironment: { A: "x\\ry" }\n`);
    expect(d).toEqual(["4:19 error SVC4001 environment.A contains a line break (cmd.exe ends the command at CR or LF)"]);
  });

  it("refuses a line longer than cmd.exe reads", async () => {
    const d = await diagnose(`executable: C:\\c.exe\nargs: ["${"x".repeat(8200)}"]\n`);
    expect(d).toHaveLength(1);
    expect(d[0]).toMatch(/^4:\d+ error SVC4003 the line for nssm set AppParameters would be 8\d{3} characters; cmd.exe reads at most 8191$/);
  });

  it("refuses variables where nssm stores text verbatim", async () => {
    const d = await diagnose(`executable: C:\\c.exe\ndescription: on \${COMPUTERNAME}\n`);
    expect(d).toEqual([`4:14 error SVC4004 description "on \${COMPUTERNAME}" uses a variable, but nssm stores description as written`]);
  });

  it("warns about a restart delay nssm raises to 2 s, only when written", async () => {
    expect(await diagnose(`executable: C:\\c.exe\nrestart: { delay: 1s }\n`)).toEqual([
      "4:19 warning SVC4206 restart.delay is 1000 ms, but nssm waits at least 2000 ms before it restarts the program",
    ]);
    expect(await diagnose(`executable: C:\\c.exe\n`)).toEqual([]);
    expect(await diagnose(`executable: C:\\c.exe\nrestart: { delay: 0s }\n`)).toEqual([]);
  });

  it("sets the well-known accounts given as account.user without a password (found by the fuzzer)", async () => {
    const spec = (user: string, extra = "") => `version: 1\nname: svc\nexecutable: C:\\c.exe\naccount: { user: '${user}' }\n${extra}`;
    for (const user of ["NT AUTHORITY\\LocalService", "NT AUTHORITY\\Network Service", "nt authority\\system"]) {
      const c = await compileYaml(spec(user), "nssm");
      expect(c.errors).toEqual([]);
      expect(c.text("svc.nssm-install.cmd")).toContain(`nssm.exe set svc ObjectName "${user}"\r\n`);
    }
    // The service's own virtual account needs 2.24-101; any other account needs its password.
    expect((await compileYaml(spec("NT SERVICE\\svc", 'options: { nssm: { version: "2.24-101" } }\n'), "nssm")).errors).toEqual([]);
    expect((await compileYaml(spec("NT SERVICE\\svc"), "nssm")).errors.map((e) => e.code)).toEqual(["SVC4203"]);
    expect((await compileYaml(spec("CORP\\gmsa$"), "nssm")).errors.map((e) => e.code)).toEqual(["SVC4203"]);
  });

  it("measures restart.delay against a DWORD only when it is written (found by the fuzzer)", async () => {
    expect(await diagnose(`executable: C:\\c.exe\nrestart: { delay: 50d }\n`)).toEqual([expect.stringMatching(/error SVC4204 restart.delay/)]);
    // policy never: AppRestartDelay is reset, so no delay reaches nssm (the core warns it has no effect).
    expect((await diagnose(`executable: C:\\c.exe\nrestart: { policy: never, delay: 50d }\n`)).filter((d) => d.includes("error"))).toEqual([]);
  });

  it("needs 2.24-101 for hooks and virtual accounts", async () => {
    const d = await diagnose(`executable: C:\\c.exe\naccount: virtual\nhooks: { preStart: { executable: C:\\p.exe } }\n`);
    expect(d.filter((x) => x.includes("error"))).toEqual([
      "4:10 error SVC4202 nssm 2.24 cannot run a service as a virtual account",
      "5:20 error SVC4201 hooks.preStart needs nssm 2.24-101 (AppEvents); nssm 2.24 has no hooks",
    ]);
    const ok = await diagnose(`executable: C:\\c.exe\naccount: virtual\nhooks: { preStart: { executable: C:\\p.exe } }\noptions: { nssm: { version: "2.24-101" } }\n`);
    expect(ok.filter((x) => x.includes("error"))).toEqual([]);
  });

  it("refuses a double quote in a path", async () => {
    const d = await diagnose(`executable: 'C:\\a"b.exe'\n`);
    expect(d).toEqual(["3:13 error SVC4205 executable contains a double quote, which no Windows path can"]);
  });
});
