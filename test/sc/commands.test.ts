import { describe, expect, it } from "vitest";
import { commandLine, failureActions, imagePath, installPlan, multiSzSeparator, uninstallPlan } from "../../src/targets/sc/commands.js";
import { batchLineToArgv } from "../helpers/cmd-parse.js";
import { decodeWindowsArgs } from "../decoders/windows-argv.js";
import { modelFor } from "../helpers/compile.js";

// The sc.exe and reg.exe argv lists each spec implies, written out by hand from the sc.exe reference
// (name= and its value as two argv elements; depend= /-separated, "/" clears; failure reset= in
// seconds, delays in milliseconds, an empty action = take no action).

const spec = (body: string) => `version: 1\nname: svc\nexecutable: C:\\apps\\svc\\svc.exe\n${body}`;

describe("installPlan", () => {
  it("a minimal spec: LocalSystem, auto start, no dependencies, restart forever after 1s", async () => {
    const p = installPlan(await modelFor(spec(""), "sc"));
    expect(p.query.args).toEqual(["query", "svc"]);
    expect(p.create.args).toEqual(["create", "svc", "binPath=", '"C:\\apps\\svc\\svc.exe"', "start=", "auto", "DisplayName=", "svc"]);
    expect(p.config.args).toEqual([
      "config", "svc", "binPath=", '"C:\\apps\\svc\\svc.exe"', "start=", "auto", "DisplayName=", "svc",
      "depend=", "/", "obj=", "LocalSystem", "password=", "",
    ]);
    expect(p.description.args).toEqual(["description", "svc", ""]);
    expect(p.failure.args).toEqual(["failure", "svc", "reset=", "0", "actions=", "restart/1000"]);
    expect(p.failureFlag.args).toEqual(["failureflag", "svc", "1"]);
    expect(p.environment).toBeUndefined();
    expect(p.environmentDelete.args).toEqual(["delete", "HKLM\\SYSTEM\\CurrentControlSet\\Services\\svc", "/v", "Environment", "/f"]);
    expect(p.passwordEnv).toBeUndefined();
  });

  it("the ImagePath: executable always quoted, arguments with the C runtime rules, ${NAME} as %NAME%", async () => {
    const m = await modelFor(
      spec(`args: ["--dir", "C:\\\\with space\\\\", 'say "hi"', "", "\${ProgramData}\\\\x", "plain"]\n`),
      "sc",
    );
    const ip = imagePath(m);
    // The argument with a variable is quoted although it has no space: the SCM expands it first.
    expect(ip).toBe('"C:\\apps\\svc\\svc.exe" --dir "C:\\with space\\\\" "say \\"hi\\"" "" "%ProgramData%\\x" plain');
    expect(decodeWindowsArgs(ip.slice(ip.indexOf(" ") + 1))).toEqual(["--dir", "C:\\with space\\", 'say "hi"', "", "%ProgramData%\\x", "plain"]);
  });

  it("startup values", async () => {
    for (const [startup, create, config] of [
      ["auto", "auto", "auto"],
      ["delayed", "auto", "delayed-auto"],
      ["manual", "demand", "demand"],
      ["disabled", "disabled", "disabled"],
    ]) {
      const p = installPlan(await modelFor(spec(`startup: ${startup}\n`), "sc"));
      expect(p.create.args[5], startup).toBe(create);
      expect(p.config.args[5], startup).toBe(config);
    }
  });

  it("accounts", async () => {
    const obj = async (acc: string) => installPlan(await modelFor(spec(acc), "sc")).config.args.slice(10);
    expect(await obj("account: local-system\n")).toEqual(["obj=", "LocalSystem", "password=", ""]);
    expect(await obj("account: local-service\n")).toEqual(["obj=", "NT AUTHORITY\\LocalService", "password=", ""]);
    expect(await obj("account: network-service\n")).toEqual(["obj=", "NT AUTHORITY\\NetworkService", "password=", ""]);
    expect(await obj("account: virtual\n")).toEqual(["obj=", "NT SERVICE\\svc"]);
    expect(await obj("account: { user: 'CORP\\gmsa$' }\n")).toEqual(["obj=", "CORP\\gmsa$"]);
    expect(await obj("account: { user: '.\\svcuser', password: { fromEnv: SVC_PW } }\n")).toEqual([
      "obj=", ".\\svcuser", "password=", { fromEnv: "SVC_PW" },
    ]);
  });

  it("dependencies are /-separated", async () => {
    const p = installPlan(await modelFor(spec("dependsOn: [Tcpip, Dnscache, LanmanWorkstation]\n"), "sc"));
    expect(p.config.args.slice(8, 10)).toEqual(["depend=", "Tcpip/Dnscache/LanmanWorkstation"]);
  });

  it("restart: bounded retries end in an empty (no-op) action; reset= is in seconds", async () => {
    const m = await modelFor(spec("restart: { delay: 1m30s, maxRetries: 3, window: 1h, resetAfter: 1d }\n"), "sc");
    expect(failureActions(m)).toBe("restart/90000/restart/90000/restart/90000//0");
    expect(installPlan(m).failure.args).toEqual(["failure", "svc", "reset=", "86400", "actions=", "restart/90000/restart/90000/restart/90000//0"]);
    const w = await modelFor(spec("restart: { delay: 5s, maxRetries: 2, window: 10m }\n"), "sc");
    expect(installPlan(w).failure.args.slice(2)).toEqual(["reset=", "600", "actions=", "restart/5000/restart/5000//0"]);
  });

  it("restart never clears the actions and the flag", async () => {
    const p = installPlan(await modelFor(spec("restart: { policy: never }\n"), "sc"));
    expect(p.failure.args).toEqual(["failure", "svc", "reset=", "0", "actions=", ""]);
    expect(p.failureFlag.args).toEqual(["failureflag", "svc", "0"]);
  });

  it("environment: one REG_MULTI_SZ value, the separator a character no entry contains", async () => {
    const p = installPlan(await modelFor(spec("environment: { A: '1', PATHS: 'C:\\0data;D:\\x' }\n"), "sc"));
    expect(p.environment?.args).toEqual([
      "add", "HKLM\\SYSTEM\\CurrentControlSet\\Services\\svc", "/v", "Environment", "/t", "REG_MULTI_SZ",
      "/s", ",", "/d", "A=1,PATHS=C:\\0data;D:\\x", "/f",
    ]);
    expect(multiSzSeparator(["a;b", "c,d|e"])).toBe("~");
  });

  it("uninstall: query, stop, delete", async () => {
    const u = uninstallPlan(await modelFor(spec(""), "sc"));
    expect([u.query.args, u.stop.args, u.delete.args]).toEqual([["query", "svc"], ["stop", "svc"], ["delete", "svc"]]);
  });
});

describe("commandLine", () => {
  it("gives back every argv element through cmd.exe and the C runtime parser", async () => {
    const m = await modelFor(
      spec(
        [
          "displayName: 'Quotes \"x\" & <y> | 100% ^ (z)!'",
          "description: 'C:\\trail\\ 50% %PATH% a&b'",
          "args: ['a&b', 'say \"hi\" & bye', 'C:\\dir\\', '50%', '(x)', '^caret']",
          "environment: { Q: 'a \"q\" b', P: '%TEMP%', E: '' }",
        ].join("\n") + "\n",
      ),
      "sc",
    );
    const p = installPlan(m);
    for (const inv of [p.create, p.config, p.description, p.failure, p.failureFlag, p.environment!, p.environmentQuery, p.environmentDelete]) {
      const line = commandLine(inv);
      expect(batchLineToArgv(line).slice(1), line).toEqual(inv.args);
    }
  });

  it("writes a password as a quoted %VAR% reference", () => {
    expect(commandLine({ program: "sc.exe", args: ["config", "s", "obj=", "CORP\\u", "password=", { fromEnv: "PW" }] })).toBe(
      'sc.exe config s obj= CORP\\u password= "%PW%"',
    );
    expect(batchLineToArgv('sc.exe password= "%PW%"', { PW: 'p&ss|w<rd>^%X%' }).slice(1)).toEqual(["password=", "p&ss|w<rd>^%X%"]);
  });
});
