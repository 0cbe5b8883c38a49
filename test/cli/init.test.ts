import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compile } from "../../src/compile.js";
import { TARGETS } from "../../src/targets/registry.js";
import { runCli } from "../helpers/cli.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "svcgen-init-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const init = (...args: string[]) => runCli(["init", ...args, "--out", dir]);
const read = (name: string) => readFileSync(join(dir, `${name}.yaml`), "utf8");

describe("svcgen init", () => {
  it("writes a Windows starter for winsw by default: working directory, logs, restart with a delay, stop timeout", async () => {
    const r = await init("orders", "--executable", "C:\\Program Files\\Orders\\orders.exe");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`wrote ${join(dir, "orders.yaml")}\n`);
    const text = read("orders");
    expect(text.split("\n")[0]).toMatch(/^# yaml-language-server: \$schema=.*schema\/service\.schema\.json$/);
    expect(text).toContain("executable: C:\\Program Files\\Orders\\orders.exe ");
    expect(text).toContain("workingDirectory: C:\\Program Files\\Orders ");
    expect(text).toContain("logs: { directory: C:\\Program Files\\Orders\\logs, rotate: { maxSize: 10MiB, keep: 5 } }");
    expect(text).toContain("restart: { policy: on-failure, delay: 10s }");
    expect(text).toContain("stop: { timeout: 30s }");
    expect(text).toContain("targets: [winsw]");
    // Each setting line says why.
    for (const line of text.split("\n").filter((l) => /^(executable|workingDirectory|logs|restart|stop):/.test(l))) expect(line).toMatch(/ # \S/);
    const v = await runCli(["validate", join(dir, "orders.yaml")]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stderr).toBe("");
  });

  it("writes a Linux starter for systemd by default, without rotation systemd cannot do", async () => {
    const r = await init("web", "--executable", "/opt/web/bin/web");
    expect(r.code, r.stderr).toBe(0);
    const text = read("web");
    expect(text).toContain("workingDirectory: /opt/web/bin ");
    expect(text).toContain("logs: { directory: /var/log/web }");
    expect(text).toContain("targets: [systemd]");
    expect((await runCli(["validate", join(dir, "web.yaml")])).code).toBe(0);
  });

  it.each(TARGETS.map((t) => t.id))("what it writes for --target %s validates for it, without errors or ignores", async (id) => {
    const exe = TARGETS.find((t) => t.id === id)!.platform === "windows" ? "C:\\apps\\svc\\svc.exe" : "/opt/svc/svc";
    const r = await init("svc", "--executable", exe, "--target", id);
    expect(r.code, r.stderr).toBe(0);
    const result = await compile(read("svc"), "svc.yaml");
    expect(result.targets).toEqual([id]);
    expect(read("svc")).not.toContain("ignore");
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("a target that restarts without a delay (supervisord) still gets a restart policy, without the delay", async () => {
    const r = await init("svc", "--executable", "/opt/svc/svc", "--target", "supervisord");
    expect(r.code, r.stderr).toBe(0);
    expect(read("svc")).toMatch(/^restart: \{ policy: on-failure \} +# restarted after a crash \(supervisord cannot wait between restarts\)$/m);
  });

  it("a Run entry (runkey) gets no account suggestion, since it runs as whoever logs on; no restart either", async () => {
    const r = await init("tray", "--target", "runkey", "--executable", "C:\\Apps\\tray.exe");
    expect(r.code, r.stderr).toBe(0);
    const text = read("tray");
    expect(text).toContain("# account: not set: runkey cannot run the program as an account of its own\n");
    expect(text).not.toContain("LocalSystem");
    expect(text).toMatch(/^restart: \{ policy: never \} +# runkey cannot restart a program that crashed$/m);
    const v = await runCli(["validate", join(dir, "tray.yaml")]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stderr).toBe("");
  });

  it("--target all: the other platform gets a section of guessed paths, marked as such; it validates", async () => {
    const r = await init("svc", "--executable", "C:\\apps\\svc\\svc.exe", "--target", "all");
    expect(r.code, r.stderr).toBe(0);
    const text = read("svc");
    expect(text).toMatch(/^linux: +# for systemd.*GUESSED/m);
    expect(text).toContain("  executable: /opt/svc/svc");
    // sc cannot set a working directory, capture logs or time a stop: the spec says so, in its ignore list.
    expect(text).toContain("  sc: { ignore: [workingDirectory, logs, stop.timeout] }");
    expect(text).toContain("  systemd: { ignore: [logs.rotate] }");
    const result = await compile(text, "svc.yaml");
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("never overwrites a file, refuses a relative executable and a name that is not a service name", async () => {
    writeFileSync(join(dir, "svc.yaml"), "mine\n");
    const exists = await init("svc", "--executable", "/opt/svc/svc");
    expect(exists.code).toBe(2);
    expect(exists.stderr).toContain("exists: svcgen init never overwrites a file");
    expect(read("svc")).toBe("mine\n");
    expect((await init("x", "--executable", "svc.exe")).code).toBe(2);
    const bad = await init("bad name!", "--executable", "/opt/svc/svc");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("SVC1201");
  });

  it("quotes values YAML would otherwise read differently", async () => {
    const r = await init("svc", "--executable", "/opt/a #b/c: d/true");
    expect(r.code, r.stderr).toBe(0);
    const result = await compile(read("svc"), "svc.yaml");
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(read("svc")).toContain('executable: "/opt/a #b/c: d/true"');
  });
});
