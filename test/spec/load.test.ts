import { describe, expect, it } from "vitest";
import { compile } from "../../src/compile.js";
import { loadSpec, MAX_SPEC_BYTES } from "../../src/spec/load.js";

const codes = async (text: string) => (await loadSpec(text, "s.yaml")).diagnostics.map((d) => `${d.code}@${d.line}:${d.col}`);

describe("loading YAML", () => {
  it("refuses duplicate keys at the second key", async () => {
    expect(await codes("version: 1\nname: a\nname: b\n")).toEqual(["SVC1002@3:1"]);
  });
  it("refuses an alias bomb before expanding it", async () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 10; i++) lines.push(`${"abcdefghij"[i]}: &${"abcdefghij"[i]} [${Array(10).fill(`*${"abcdefghij"[i - 1]}`).join(", ")}]`);
    const t0 = Date.now();
    expect(await codes(lines.join("\n"))).toEqual(["SVC1003@1:1"]);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
  it("allows a few aliases", async () => {
    const r = await loadSpec("version: 1\nname: a\nargs: &x [a, b]\nlinux: { args: *x }\n", "s.yaml");
    expect(r.diagnostics).toEqual([]);
  });
  it("refuses an oversized document", async () => {
    expect(await codes("# " + "x".repeat(MAX_SPEC_BYTES))).toEqual(["SVC1004@1:1"]);
  });
  it("refuses non-string keys", async () => {
    expect(await codes("version: 1\n1: x\ntrue: y\n")).toEqual(["SVC1005@2:1", "SVC1005@3:1"]);
  });
  it("refuses __proto__-style keys", async () => {
    expect(await codes("version: 1\n__proto__: { polluted: true }\nenvironment: { constructor: x }\n")).toEqual(["SVC1006@2:1", "SVC1006@3:16"]);
  });
  it("refuses tags but !!str", async () => {
    expect(await codes("version: 1\nname: !!str 123\nargs: [!!binary aGk=]\n")).toEqual(["SVC1007@3:17"]);
  });
  it("reports YAML syntax errors with a position", async () => {
    expect((await codes("version: 1\nname: [unclosed\n"))[0]).toMatch(/^SVC1001@/);
  });
  it("refuses several documents and empty files", async () => {
    expect(await codes("version: 1\n---\nversion: 1\n")).toEqual(["SVC1008@2:1"]);
    expect(await codes("")).toEqual(["SVC1001@1:1"]);
  });
  it("warns at a list item indented one space more than the others, which YAML folds into the item before", async () => {
    const spec = "version: 1\nname: svc\nexecutable: /opt/svc/svc\nargs:\n  - --port\n   - 8080\n  - --verbose\n";
    const r = await compile(spec, "s.yaml", { targets: ["systemd"] });
    expect(r.diagnostics.map((d) => `${d.code}@${d.line}:${d.col} ${d.severity}: ${d.message}`)).toEqual([
      'SVC1011@6:4 warning: this line looks like a list item, but YAML reads it as the rest of the text before it: the value is "--port - 8080"',
    ]);
    // The spec still means what YAML says (the warning does not change values), and builds.
    expect(new TextDecoder().decode(r.outputs[0]!.files[0]!.bytes)).toContain('ExecStart=/opt/svc/svc "--port - 8080" --verbose\n');
    // Items indented alike, a dash inside quoted or one-line text, and a multi-line text without one: no warning.
    for (const fine of ["args:\n  - --port\n  - 8080\n", 'args:\n  - "a\n    - b"\n', "args: [a - b]\n", "description: one\n  two\n"]) {
      expect(await codes(`version: 1\nname: svc\n${fine}`), fine).toEqual([]);
    }
  });
});

const diags = async (yaml: string, targets: ("systemd" | "winsw")[] = ["systemd"]) =>
  (await compile(yaml, "s.yaml", { targets })).diagnostics.map((d) => `${d.code}@${d.line}:${d.col} ${d.message}`);
const BASE = "version: 1\nname: svc\nexecutable: /opt/svc/svc\n";

describe("schema errors in plain words, at the node", () => {
  it("unknown key with did-you-mean, nested too", async () => {
    expect(await diags(BASE + "restart: { polcy: always }\n")).toEqual(['SVC1101@4:12 unknown key "polcy" in restart (did you mean "policy"?)']);
  });
  it("enum with did-you-mean", async () => {
    expect(await diags(BASE + "startup: automatic\n")).toEqual(['SVC1104@4:10 startup "automatic" is not one of auto, delayed, manual, disabled (did you mean "auto"?)']);
    expect(await diags(BASE + "priority: hihg\n")).toEqual([
      'SVC1104@4:11 priority "hihg" is not one of idle, below-normal, normal, above-normal, high, realtime (did you mean "high"?)',
    ]);
  });
  it("a wrong account gets one message for the branch it meant", async () => {
    expect(await diags(BASE + "account: localsystem\n")).toEqual([
      'SVC1104@4:10 account "localsystem" is not one of local-system, local-service, network-service, virtual (did you mean "local-system"?)',
    ]);
    expect(await diags(BASE + "account: { usr: x }\n")).toEqual([
      "SVC1102@4:10 account is missing required key \"user\"",
      'SVC1101@4:12 unknown key "usr" in account (did you mean "user"?)',
    ]);
  });
  it("lists and did-you-means inside platform sections and options too", async () => {
    // These once came out as "is not one of " with nothing after it: the wording looked the allowed
    // values up by schema path, which does not lead there.
    expect(await diags(BASE + "windows: { stop: { signal: TERM, timout: 1s } }\n")).toEqual([
      'SVC1104@4:28 windows.stop.signal "TERM" is not one of SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGKILL, SIGUSR1, SIGUSR2, SIGWINCH (did you mean "SIGTERM"?)',
      'SVC1101@4:34 unknown key "timout" in windows.stop (did you mean "timeout"?)',
    ]);
    expect(await diags(BASE + "linux: { account: localsystem }\n")).toEqual([
      'SVC1104@4:19 linux.account "localsystem" is not one of local-system, local-service, network-service, virtual (did you mean "local-system"?)',
    ]);
    expect(await diags(BASE + "options: { nssm: { version: '2.25' }, systemd: { extr: {} } }\n")).toEqual([
      'SVC1104@4:29 options.nssm.version "2.25" is not one of 2.24, 2.24-101 (did you mean "2.24"?)',
      'SVC1101@4:50 unknown key "extr" in options.systemd (did you mean "extra"?)',
    ]);
    const r = await compile(BASE + "linux: { account: { user: u, extra: 1 } }\n", "s.yaml", { targets: ["systemd"] });
    expect(r.diagnostics.map((d) => d.hint)).toEqual(["allowed here: user, group, password"]);
  });
  it("platform sections cannot set top-only keys", async () => {
    expect(await diags(BASE + "linux: { name: other }\n")).toEqual(["SVC1101@4:10 name cannot be set per platform"]);
  });
  it("numbers and booleans in args and environment are taken as written", async () => {
    const r = await compile(BASE + "args: [--port, 08080, 1.50, true, 0x1F]\nenvironment: { DEBUG: yes, N: 010 }\n", "s.yaml", { targets: ["systemd"] });
    expect(r.diagnostics).toEqual([]);
    const unit = new TextDecoder().decode(r.outputs[0]!.files[0]!.bytes);
    expect(unit).toContain("ExecStart=/opt/svc/svc --port 08080 1.50 true 0x1F");
    expect(unit).toContain("Environment=DEBUG=yes");
    expect(unit).toContain("Environment=N=010");
  });
  it("a version other than 1", async () => {
    expect(await diags("version: 2\nname: svc\nexecutable: /opt/svc/svc\n")).toEqual(["SVC1100@1:10 spec version 2 is not supported; this svcgen reads version 1"]);
  });
  it("duration and size hints", async () => {
    expect(await diags(BASE + "stop: { timeout: 30 seconds }\n")).toEqual(['SVC1203@4:18 stop.timeout "30 seconds" is not a duration (try "30s")']);
    expect(await diags(BASE + "logs: { directory: /var/log/svc, rotate: { maxSize: 10mb } }\n", ["winsw"]).then((d) => d.filter((x) => x.startsWith("SVC1204")))).toEqual([
      'SVC1204@4:53 logs.rotate.maxSize "10mb" is not a size (try "10MB")',
    ]);
  });
});

describe("meaning checks", () => {
  it("relative executable, with the platform named", async () => {
    expect(await diags("version: 1\nname: svc\nexecutable: bin/svc\n")).toEqual([
      'SVC2002@3:13 executable "bin/svc" is not an absolute Linux path',
    ]);
    expect(await diags("version: 1\nname: svc\nexecutable: C:\\apps\\svc.exe\n")).toEqual([
      'SVC2002@3:13 executable "C:\\\\apps\\\\svc.exe" is not an absolute Linux path',
    ]);
  });
  it("a Windows user needs a password reference", async () => {
    expect(await diags("version: 1\nname: svc\nexecutable: C:\\svc.exe\naccount: { user: CORP\\svc }\n", ["winsw"]).then((d) => d.filter((x) => x.startsWith("SVC2015")))).toHaveLength(1);
    expect(await diags("version: 1\nname: svc\nexecutable: C:\\svc.exe\naccount: { user: CORP\\gmsa$ }\n", ["winsw"]).then((d) => d.filter((x) => x.startsWith("SVC2015")))).toHaveLength(0);
  });
  it("control characters: NUL refused everywhere, bad ${ refused", async () => {
    expect(await diags(BASE + 'args: ["a\\0b"]\n')).toEqual(["SVC2005@4:8 args[0] contains a NUL character"]);
    expect(await diags(BASE + 'args: ["${unclosed"]\n')).toEqual(['SVC1210@4:8 args[0]: "${" has no closing "}"']);
    expect(await diags(BASE + 'args: ["${1X}"]\n')).toEqual(['SVC1210@4:8 args[0]: "${1X}" is not a variable name']);
  });
  it("a Windows path in double quotes, its backslashes read as escapes: an error in a path, a warning elsewhere", async () => {
    const spec = 'version: 1\nname: svc\nexecutable: "C:\\Program Files\\app.exe"\nworkingDirectory: "C:\\temp"\nargs: ["C:\\apps\\new", "a\\tb", "\\t"]\nenvironment: { NOTE: "D:\\new" }\n';
    const r = await compile(spec, "s.yaml", { targets: ["winsw"] });
    expect(r.diagnostics.filter((d) => d.code.startsWith("SVC202") || d.code === "SVC2002" || d.code === "SVC2008").map((d) => `${d.code}@${d.line}:${d.col} ${d.severity}`)).toEqual([
      "SVC2021@3:13 error",
      "SVC2021@4:19 error",
      "SVC2022@5:8 warning",
      "SVC2022@6:22 warning",
    ]);
    expect(r.diagnostics.find((d) => d.code === "SVC2021")!.message).toBe('executable "C:\\u2029rogram Files\\u0007pp.exe" contains U+2029, which a double-quoted YAML string makes of \\P (a backslash in a Windows path read as an escape): no Windows file name holds a control character or a line separator');
    // Written unquoted or single-quoted, the same paths are fine.
    const fine = await compile("version: 1\nname: svc\nexecutable: C:\\Program Files\\svc.exe\nworkingDirectory: 'C:\\temp'\n", "s.yaml", { targets: ["winsw"] });
    expect(fine.diagnostics.filter((d) => d.code.startsWith("SVC202"))).toEqual([]);
  });
  it("maxRetries without window, window without maxRetries", async () => {
    expect(await diags(BASE + "restart: { maxRetries: 3 }\n")).toEqual([
      "SVC2004@4:24 restart.maxRetries needs restart.window: the period the retries are counted in",
    ]);
    expect(await diags(BASE + "restart: { window: 1m }\n")).toEqual(["SVC2007@4:20 restart.window has no effect without restart.maxRetries"]);
  });
  it("platform merge: maps key by key, lists and scalars replace, positions follow the source", async () => {
    const r = await compile(
      "version: 1\nname: svc\nexecutable: /opt/a\nargs: [a]\nenvironment: { A: top, B: top }\nlinux:\n  args: [b, c]\n  environment: { B: linux }\n  workingDirectory: rel\n",
      "s.yaml",
      { targets: ["systemd"] },
    );
    expect(r.diagnostics.map((d) => `${d.code}@${d.line}:${d.col}`)).toEqual(["SVC2008@9:21"]);
  });
});

describe("capabilities and ignore", () => {
  it("ignoring an inexpressible account is refused: it would run the service as root or LocalSystem", async () => {
    const r = await compile(BASE + "account: local-service\noptions: { systemd: { ignore: [account] } }\n", "s.yaml", { targets: ["systemd"] });
    expect(r.diagnostics.map((d) => `${d.code}@${d.line}:${d.col}`)).toEqual(["SVC3004@5:32"]);
    expect(r.outputs).toEqual([]);
  });
  it("ignoring an inexpressible field drops it; ignoring an approximation keeps it without the warning", async () => {
    const r = await compile(BASE + "logs: { directory: /var/log/svc, rotate: { maxSize: 1MiB } }\nstartup: delayed\noptions: { systemd: { ignore: [logs.rotate, startup] } }\n", "s.yaml", { targets: ["systemd"] });
    expect(r.diagnostics).toEqual([]);
    const unit = new TextDecoder().decode(r.outputs[0]!.files[0]!.bytes);
    expect(unit).toContain("StandardOutput=append:/var/log/svc/svc.out.log");
    expect(unit).toContain("WantedBy=multi-user.target");
  });
  it("ignoring a field the target expresses is a warning", async () => {
    const r = await compile(BASE + "options: { systemd: { ignore: [args] } }\n", "s.yaml", { targets: ["systemd"] });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["SVC3003"]);
  });
});

describe("ignoring a field and its parts", () => {
  it("a kept parent does not hide its parts: ignore [logs] on systemd still refuses logs.rotate", async () => {
    const r = await compile(BASE + "logs: { directory: /var/log/svc, rotate: { maxSize: 1MiB } }\noptions: { systemd: { ignore: [logs] } }\n", "s.yaml", { targets: ["systemd"] });
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(["SVC3001", "SVC3003"]);
    expect(r.outputs).toEqual([]);
  });
  it("a dropped parent takes its parts: ignore [logs] on schtasks drops logs.append and logs.rotate too", async () => {
    const r = await compile("version: 1\nname: svc\nexecutable: C:\\svc.exe\nlogs: { directory: C:\\logs, append: false, rotate: { maxSize: 1MiB } }\noptions: { schtasks: { ignore: [logs, restart.policy] } }\n", "s.yaml", { targets: ["schtasks"] });
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.outputs).toHaveLength(1);
  });
});
