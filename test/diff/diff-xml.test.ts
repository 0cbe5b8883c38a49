import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDiff } from "../../src/cli/diff.js";
import { redirectOutput } from "../../src/cli/output.js";
import { compile } from "../../src/compile.js";
import type { RunProgram } from "../../src/targets/types.js";
import { runCli } from "../helpers/cli.js";

// svcgen diff --against a WinSW XML and a Task Scheduler task XML: the files svcgen builds agree with their
// spec; the same files changed by hand (as an administrator would, in the XML) give exactly the changed
// fields, with both values and the element they were read from.
const SPEC = `version: 1
name: orders
displayName: Orders
description: Handles orders
executable: C:\\apps\\orders\\orders.exe
args: [--port, "8080", Orders & Billing]
environment:
  MODE: production
account:
  user: CORP\\orders
  password: { fromEnv: ORDERS_PASSWORD }
startup: delayed
dependsOn: [Tcpip]
restart:
  delay: 10s
  maxRetries: 3
  window: 1h
logs:
  directory: C:\\logs\\orders
targets: [winsw, schtasks]
options:
  winsw:
    version: 3
    ignore: [restart.window]
  schtasks:
    ignore: [displayName, environment, dependsOn, logs, restart.policy, restart.window]
`;

let dir: string;
let spec: string;
const built = new Map<string, string>();
const utf16 = (s: string) => new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...s].flatMap((c) => { const u = c.codePointAt(0)!; return u > 0xffff ? [0xd800 + ((u - 0x10000) >> 10), 0xdc00 + ((u - 0x10000) & 0x3ff)] : [u]; })).buffer)]);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "svcgen-diff-xml-"));
  spec = join(dir, "orders.yaml");
  writeFileSync(spec, SPEC);
  const r = await compile(SPEC, spec, { targets: ["winsw", "schtasks"] });
  expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  for (const f of r.outputs.flatMap((o) => o.files)) {
    writeFileSync(join(dir, f.name), f.bytes);
    built.set(f.name, f.bytes[0] === 0xff ? new TextDecoder("utf-16le").decode(f.bytes.subarray(2)) : new TextDecoder().decode(f.bytes));
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of a built file with `edits` applied (each must change it), written as the original was encoded. */
function edited(name: string, as: string, edits: [string | RegExp, string][]): string {
  let text = built.get(name)!;
  for (const [from, to] of edits) {
    const next = text.replace(from, to);
    expect(next, String(from)).not.toBe(text);
    text = next;
  }
  const path = join(dir, as);
  writeFileSync(path, name.endsWith(".task.xml") ? utf16(text) : text);
  return path;
}

describe("svcgen diff against WinSW XML", () => {
  it("the file svcgen built agrees with its spec", async () => {
    const r = await runCli(["diff", spec, "--target", "winsw", "--against", join(dir, "orders.xml")]);
    expect([r.code, r.stdout]).toEqual([0, ""]);
  });

  it("edited by hand: an argument, a variable, a dependency, a restart delay; a variable that may be a secret is not shown", async () => {
    const f = edited("orders.xml", "edited.xml", [
      ['--port 8080 "Orders &amp; Billing"', "--port 8080 Orders"],
      ['<env name="MODE" value="production"/>', '<env name="MODE" value="debug"/>\n  <env name="API_TOKEN" value="tok-123"/>'],
      ["<depend>Tcpip</depend>", "<depend>Dnscache</depend>"],
      [/delay="10 secs"/g, 'delay="1 min"'],
    ]);
    const r = await runCli(["diff", spec, "--target", "winsw", "--against", f]);
    expect(r.code).toBe(1);
    expect(r.stdout.replaceAll(f, "edited.xml").replaceAll(spec, "orders.yaml")).toBe(
      [
        'orders.yaml:6:24: error SVC7001: [winsw] args[2]: spec "Orders & Billing", installed "Orders" (<arguments>, edited.xml:15)',
        'orders.yaml:8:3: error SVC7001: [winsw] environment.MODE: spec "production", installed "debug" (<env>, edited.xml:16)',
        "orders.yaml:8:3: error SVC7002: [winsw] environment.API_TOKEN: installed only, value not shown, as the name suggests a secret (<env>, edited.xml:17)",
        'orders.yaml:13:13: error SVC7001: [winsw] dependsOn: spec "Tcpip", installed "Dnscache" (<depend>, edited.xml:24)',
        "orders.yaml:15:10: error SVC7001: [winsw] restart.delay: spec 10s, installed 1m (<onfailure delay>, edited.xml:25)",
        "",
      ].join("\n"),
    );
    expect(r.stdout).not.toContain("tok-123");
  });

  it("an element added by hand that no spec field holds is installed only (SVC7006), as import reports it", async () => {
    const f = edited("orders.xml", "extra.xml", [["</service>", "  <beeponshutdown/>\n</service>"]]);
    const r = await runCli(["diff", spec, "--target", "winsw", "--against", f]);
    expect(r.code).toBe(1);
    expect(r.stdout.replaceAll(f, "extra.xml").replaceAll(spec, "orders.yaml").trimEnd().split("\n").map((l) => l.replace(/:\d+\)$/, ")"))).toEqual([
      "orders.yaml:2:7: error SVC7006: [winsw] installed only, no spec field holds it: <beeponshutdown> has no spec field (it beeps when Windows shuts down); not imported (SVC6401, extra.xml)",
    ]);
    const json = JSON.parse((await runCli(["diff", spec, "--target", "winsw", "--against", f, "--format", "json"])).stdout) as { code: string; field?: string; installedAt: { file: string } }[];
    expect(json.map((d) => [d.code, d.field, d.installedAt.file])).toEqual([["SVC7006", undefined, f]]);
  });

  it("a password written into the file: never compared or printed, but the warning that it lies there", async () => {
    const f = edited("orders.xml", "password.xml", [["<prompt>console</prompt>", "<password>hunter2</password>"]]);
    const r = await runCli(["diff", spec, "--target", "winsw", "--against", f]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\S+password\.xml:\d+:\d+: warning SVC6008: \[winsw\] this file holds the account's password in plain text; the spec does not\n/);
    expect(r.stdout + r.stderr).not.toContain("hunter2");
  });
});

describe("svcgen diff against a Task Scheduler task XML (UTF-16, as schtasks exports it)", () => {
  it("the file svcgen built agrees with its spec", async () => {
    const r = await runCli(["diff", spec, "--target", "schtasks", "--against", join(dir, "orders.task.xml")]);
    expect([r.code, r.stdout]).toEqual([0, ""]);
  });

  it("edited by hand: the restart interval and an argument", async () => {
    const f = edited("orders.task.xml", "edited.task.xml", [
      ["<Interval>PT1M</Interval>", "<Interval>PT5M</Interval>"],
      ['--port 8080 "Orders &amp; Billing"', "--port 9090 \"Orders &amp; Billing\""],
    ]);
    const r = await runCli(["diff", spec, "--target", "schtasks", "--against", f]);
    expect(r.code).toBe(1);
    const lines = r.stdout.replaceAll(f, "edited.task.xml").replaceAll(spec, "orders.yaml").trimEnd().split("\n");
    expect(lines.map((l) => l.replace(/ \([^()]*:\d+\)$/, ""))).toEqual([
      'orders.yaml:6:16: error SVC7001: [schtasks] args[1]: spec "8080", installed "9090"',
      // Task Scheduler restarts at least a minute apart: the spec's 10s is stored as 1m.
      "orders.yaml:15:10: error SVC7001: [schtasks] restart.delay: spec 1m (as schtasks stores 10s), installed 5m",
      // A task has no restart window: the time its attempts take (delay times count) stands for it, and changed too.
      "orders.yaml:17:11: error SVC7001: [schtasks] restart.window: spec 3m (as schtasks stores 1h), installed 15m",
    ]);
  });

  it("a task setting no spec field holds, changed by hand, is installed only (SVC7006); those svcgen writes itself are not", async () => {
    const f = edited("orders.task.xml", "battery.task.xml", [["<StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>", "<StopIfGoingOnBatteries>true</StopIfGoingOnBatteries>"]]);
    const r = await runCli(["diff", spec, "--target", "schtasks", "--against", f]);
    expect(r.code).toBe(1);
    const lines = r.stdout.replaceAll(f, "battery.task.xml").replaceAll(spec, "orders.yaml").trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^orders\.yaml:2:7: error SVC7006: \[schtasks\] installed only, no spec field holds it: StopIfGoingOnBatteries is true: .* \(SVC6505, battery\.task\.xml:\d+\)$/);
  });

  it("--installed on Windows: the task as `schtasks /query /xml /tn NAME` prints it into a pipe (the console's code page)", async () => {
    const text = built.get("orders.task.xml")!.replace("<Interval>PT1M</Interval>", "<Interval>PT5M</Interval>");
    const calls: string[][] = [];
    const run: RunProgram = async (cmd, args) => {
      calls.push([cmd, ...args]);
      return { status: 0, stdout: new TextEncoder().encode(text), stderr: "" };
    };
    let stdout = "";
    let stderr = "";
    const restore = redirectOutput({ stdout: (x) => (stdout += x), stderr: (x) => (stderr += x) });
    let code: number;
    try {
      code = await runDiff([spec], { installed: true, targets: ["schtasks"], format: "text", platform: "win32", run });
    } finally {
      restore();
    }
    expect(calls).toEqual([["schtasks", "/query", "/xml", "/tn", "orders"]]);
    expect(code).toBe(1);
    expect(stdout.split("\n").filter(Boolean).map((l) => l.replace(/^.*\] /, "").replace(/ \([^()]*:\d+\)$/, ""))).toEqual([
      "restart.delay: spec 1m (as schtasks stores 10s), installed 5m",
      "restart.window: spec 3m (as schtasks stores 1h), installed 15m",
    ]);
    expect(stderr).toBe(`${spec} [schtasks] against schtasks /query /xml /tn orders: 2 differences\n`);
  });
});
