import { describe, expect, it } from "vitest";
import { compareModels, type Difference } from "../../src/diff/compare.js";
import { differenceMessage } from "../../src/diff/diff.js";
import type { TargetId } from "../../src/model.js";
import { targetEntry } from "../../src/targets/registry.js";
import { compile } from "../../src/compile.js";
import type { ServiceModel } from "../../src/model.js";

// The comparison alone, generic over targets: the spec's model against another model standing for the
// installed service (here another spec's, so that any target's capabilities can be used without its reader).
// The whole pipeline, with the reader and the stored form, is in diff-systemd.test.ts.

/** The model the target's check and emit see, as `svcgen diff` gets it from compile(). */
async function modelFor(yaml: string, target: TargetId): Promise<ServiceModel> {
  const r = await compile(yaml, "service.yaml", { targets: [target], models: true, emit: false });
  const m = r.models?.get(target);
  if (!m) throw new Error(JSON.stringify(r.diagnostics));
  return m;
}

async function compare(spec: string, installed: string, target: TargetId = "systemd"): Promise<Difference[]> {
  const [s, i] = [await modelFor(spec, target), await modelFor(installed, target)];
  return compareModels({ spec: s, expected: s, installed: i, origins: new Map(), target, capabilities: targetEntry(target)!.capabilities });
}
const brief = (ds: Difference[]) => ds.map((d) => [d.kind, d.path, d.spec, d.installed]);
const LINUX = "version: 1\nname: web\nexecutable: /opt/web/web\n";
const WIN = "version: 1\nname: web\nexecutable: C:\\web\\web.exe\n";

describe("compareModels", () => {
  it("finds nothing between a model and itself, nor where one side states a default the other leaves out", async () => {
    const full = `${LINUX}args: [a, b]\nenvironment: { A: "1" }\ndependsOn: [db]\nrestart: { policy: always, delay: 5s, maxRetries: 3, window: 1m }\nlogs: { directory: /var/log/web }\n`;
    expect(await compare(full, full)).toEqual([]);
    const explicit = `${LINUX}displayName: web\nstartup: auto\nrestart: { policy: on-failure, delay: 1s }\npriority: normal\n`;
    expect(await compare(LINUX, explicit)).toEqual([]);
    expect(await compare(`${LINUX}logs: { directory: /l }\n`, `${LINUX}logs: { directory: /l, stdout: web.out.log, stderr: web.err.log, append: true }\n`)).toEqual([]);
    expect(await compare(WIN, `${WIN}account: local-system\n`, "nssm")).toEqual([]);
    expect(await compare(LINUX, `${LINUX}account: { user: root }\n`)).toEqual([]);
  });

  it("a scalar: both values in spec syntax, at the spec's node; a default the spec leaves out is marked", async () => {
    const ds = await compare(`${LINUX}restart:\n  delay: 10s\n`, `${LINUX}restart:\n  delay: 1m\n`);
    expect(brief(ds)).toEqual([["differs", "restart.delay", "10s", "1m"]]);
    expect(ds[0]!.specAt).toEqual({ file: "service.yaml", line: 5, col: 10 });
    const d = await compare(LINUX, `${LINUX}startup: manual\n`);
    expect(brief(d)).toEqual([["differs", "startup", "auto", "manual"]]);
    expect(d[0]!.specDefault).toBe(true);
    // Not stated in the spec, no stated parent: the spec's name line, never line 1 (a modeline).
    expect(d[0]!.specAt).toEqual({ file: "service.yaml", line: 2, col: 7 });
    expect(differenceMessage(d[0]!, "systemd")).toBe("startup: spec auto (default), installed manual");
  });

  it("strings are quoted as YAML would read them back: Windows paths in single quotes, as written", async () => {
    const ds = await compare(WIN, "version: 1\nname: web\nexecutable: C:\\web2\\web.exe\n", "nssm");
    expect(differenceMessage(ds[0]!, "nssm")).toBe("executable: spec 'C:\\web\\web.exe', installed 'C:\\web2\\web.exe'");
    const q = await compare(`${LINUX}args: ["Orders & Billing"]\n`, `${LINUX}args: [Orders]\n`);
    expect(differenceMessage(q[0]!, "systemd")).toBe('args[0]: spec "Orders & Billing", installed "Orders" (service.yaml:4)');
  });

  it("args item by item, aligned: one inserted or changed argument is one difference, at its own node", async () => {
    expect(brief(await compare(`${LINUX}args: [a, b, c]\n`, `${LINUX}args: [a, x, b, c]\n`))).toEqual([["installed-only", "args[1]", undefined, '"x"']]);
    const changed = await compare(`${LINUX}args: [a, b, c]\n`, `${LINUX}args: [a, B, c]\n`);
    expect(brief(changed)).toEqual([["differs", "args[1]", '"b"', '"B"']]);
    expect(changed[0]!.specAt).toEqual({ file: "service.yaml", line: 4, col: 11 });
    expect(brief(await compare(`${LINUX}args: [a, b]\n`, `${LINUX}args: [a]\n`))).toEqual([["not-installed", "args[1]", '"b"', undefined]]);
    expect(brief(await compare(LINUX, `${LINUX}args: [x]\n`))).toEqual([["installed-only", "args[0]", undefined, '"x"']]);
  });

  it("environment by name, in any order; names without case on Windows only", async () => {
    expect(await compare(`${LINUX}environment: { A: "1", B: "2" }\n`, `${LINUX}environment: { B: "2", A: "1" }\n`)).toEqual([]);
    const ds = await compare(`${LINUX}environment:\n  A: "1"\n  B: "2"\n`, `${LINUX}environment: { A: "3", C: "4" }\n`);
    expect(brief(ds)).toEqual([
      ["differs", "environment.A", '"1"', '"3"'],
      ["not-installed", "environment.B", '"2"', undefined],
      ["installed-only", "environment.C", undefined, '"4"'],
    ]);
    expect(ds.map((d) => d.specAt.line)).toEqual([5, 6, 5]);
    expect(await compare(`${WIN}environment: { Path: x }\n`, `${WIN}environment: { PATH: x }\n`, "nssm")).toEqual([]);
    expect(brief(await compare(`${LINUX}environment: { Path: x }\n`, `${LINUX}environment: { PATH: x }\n`)).map((d) => d[0])).toEqual(["not-installed", "installed-only"]);
  });

  it("dependsOn as a set: order is no difference; a replaced dependency is one difference with both names", async () => {
    expect(await compare(`${LINUX}dependsOn: [a, b]\n`, `${LINUX}dependsOn: [b, a]\n`)).toEqual([]);
    expect(brief(await compare(`${LINUX}dependsOn: [a, b]\n`, `${LINUX}dependsOn: [a, c]\n`))).toEqual([["differs", "dependsOn", '"b"', '"c"']]);
    expect(brief(await compare(`${LINUX}dependsOn: [a]\n`, `${LINUX}dependsOn: [a, c]\n`))).toEqual([["installed-only", "dependsOn", undefined, '"c"']]);
    expect(await compare(`${WIN}dependsOn: [Tcpip]\n`, `${WIN}dependsOn: [TCPIP]\n`, "nssm")).toEqual([]);
  });

  it("restart settings only where they have an effect", async () => {
    expect(brief(await compare(`${LINUX}restart: { policy: never }\n`, `${LINUX}restart: { delay: 10s }\n`))).toEqual([["differs", "restart.policy", "never", "on-failure"]]);
    // The window counts maxRetries: without them on either side it is no difference.
    expect(await compare(`${LINUX}restart: { policy: always }\n`, `${LINUX}restart: { policy: always }\n`)).toEqual([]);
    expect(brief(await compare(`${LINUX}restart: { maxRetries: 3, window: 1m }\n`, LINUX))).toEqual([
      ["not-installed", "restart.maxRetries", "3", undefined],
      ["not-installed", "restart.window", "1m", undefined],
    ]);
  });

  it("account: users by name (without case on Windows), otherwise as a whole with the default written out", async () => {
    expect(brief(await compare(`${LINUX}account: { user: a, group: g }\n`, `${LINUX}account: { user: b, group: g }\n`))).toEqual([["differs", "account.user", '"a"', '"b"']]);
    expect(brief(await compare(`${LINUX}account: { user: a }\n`, LINUX))).toEqual([["differs", "account", '{ user: "a" }', '{ user: "root" }']]);
    expect(brief(await compare(WIN, `${WIN}account: network-service\n`, "nssm"))).toEqual([["differs", "account", "local-system", "network-service"]]);
    // The SCM stores a built-in account named as a user as that account.
    expect(await compare(`${WIN}account: { user: 'NT AUTHORITY\\LocalService' }\n`, `${WIN}account: local-service\n`, "nssm")).toEqual([]);
    expect(await compare(`${WIN}account: { user: 'nt service\\WEB' }\n`, `${WIN}account: virtual\n`, "nssm")).toEqual([]);
    expect(await compare(`${WIN}account: { user: 'NT AUTHORITY\\SYSTEM' }\n`, WIN, "nssm")).toEqual([]);
    const pw = "account: { user: 'DOM\\svc', password: { fromEnv: PW } }\n";
    expect(await compare(`${WIN}${pw}`, `${WIN}${pw.replace("DOM\\svc", "dom\\SVC").replace("PW", "OTHER")}`, "nssm")).toEqual([]);
  });

  it("logs, hooks: by their parts when both sides have them, as a whole when one lacks them", async () => {
    expect(brief(await compare(`${LINUX}logs: { directory: /a }\n`, `${LINUX}logs: { directory: /b, append: false }\n`))).toEqual([
      ["differs", "logs.directory", '"/a"', '"/b"'],
      ["differs", "logs.append", "true", "false"],
    ]);
    expect(brief(await compare(LINUX, `${LINUX}logs: { directory: /b }\n`))).toEqual([["installed-only", "logs", undefined, '{ directory: "/b" }']]);
    const hook = (args: string) => `${LINUX}hooks: { preStart: { executable: /bin/prep, args: ${args} } }\n`;
    expect(brief(await compare(hook("[a]"), hook("[b]")))).toEqual([["differs", "hooks.preStart.args[0]", '"a"', '"b"']]);
    expect(brief(await compare(hook("[a]"), LINUX))).toEqual([["not-installed", "hooks.preStart", '["/bin/prep", "a"]', undefined]]);
  });

  it("options key by key: a directive only installed is installed only, at the spec's nearest node", async () => {
    const spec = `${LINUX}targets: [systemd]\noptions:\n  systemd:\n    extra:\n      Service: { LimitNOFILE: "4096" }\n`;
    const ds = await compare(spec, spec.replace('{ LimitNOFILE: "4096" }', '{ LimitNOFILE: "8192", MemoryMax: 1G }'));
    expect(brief(ds)).toEqual([
      ["differs", "options.systemd.extra.Service.LimitNOFILE", '"4096"', '"8192"'],
      ["installed-only", "options.systemd.extra.Service.MemoryMax", undefined, '"1G"'],
    ]);
    expect(ds.map((d) => d.specAt.line)).toEqual([8, 8]);
    const bare = await compare(LINUX, `${LINUX}options: { systemd: { extra: { Service: { MemoryMax: 1G } } } }\n`);
    expect(bare[0]!.specAt).toEqual({ file: "service.yaml", line: 2, col: 7 });
  });

  it("never prints a value whose name says it may be a secret", async () => {
    const ds = await compare(`${LINUX}environment: { DB_PASSWORD: hunter2, API_TOKEN: a }\n`, `${LINUX}environment: { DB_PASSWORD: swordfish, API_TOKEN: a, GITHUB_TOKEN: ghp_x }\n`);
    const text = ds.map((d) => differenceMessage(d, "systemd")).join("\n");
    expect(text).not.toMatch(/hunter2|swordfish|ghp_x/);
    expect(text).toBe(
      "environment.DB_PASSWORD: the spec's value and the installed value differ, not shown, as the name suggests a secret (service.yaml:4)\nenvironment.GITHUB_TOKEN: installed only, value not shown, as the name suggests a secret (service.yaml:4)",
    );
    const opt = await compare(LINUX, `${LINUX}options: { systemd: { extra: { Service: { SetCredential: "db:s3cret" } } } }\n`);
    expect(differenceMessage(opt[0]!, "systemd")).not.toContain("s3cret");
  });

  it("a field the target cannot hold is never a difference", async () => {
    // sc.exe has no working directory and no logs: an installed model that somehow had them is not compared there.
    const s = await modelFor(WIN, "sc");
    const i = { ...(await modelFor(`${WIN}workingDirectory: C:\\w\n`, "nssm")), options: {} };
    expect(compareModels({ spec: s, expected: s, installed: i, origins: new Map(), target: "sc", capabilities: targetEntry("sc")!.capabilities })).toEqual([]);
  });
});
