import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALL_TARGETS } from "../../src/cli/specs.js";
import { runCli } from "../helpers/cli.js";
import { useScratchDir } from "../helpers/scratch.js";

// The diff command's contract: formats (text, github annotations on the spec's lines, json as one array),
// pairing files with specs by service name, exit codes (0 agree, 1 differ or cannot compare, 2 usage or I/O).
const tmp = useScratchDir("svcgen-diff-cli-");

const file = tmp.file;
const spec = (name: string, extra = "") => file(`${name}.yaml`, `version: 1\nname: ${name}\nexecutable: /opt/${name}/${name}\nrestart:\n  delay: 10s\n${extra}targets: [systemd]\n`);
async function built(specPath: string): Promise<string> {
  const r = await runCli(["build", specPath, "--out", join(tmp.dir, "units")]);
  expect(r.code, r.stderr).toBe(0);
  return join(tmp.dir, "units", specPath.slice(tmp.dir.length + 1).replace(/\.yaml$/, ".service"));
}
const changed = (unit: string, name: string) => file(`units/${name}.service.d/x.conf`, "[Service]\nRestartSec=1min\n");

describe("svcgen diff: formats", () => {
  it("github: one ::error annotation per difference on the spec's line and column", async () => {
    const s = spec("web");
    const u = await built(s);
    const r = await runCli(["diff", s, "--against", u, changed(u, "web"), "--format", "github"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(`::error file=${s},line=5,col=10,title=SVC7001::SVC7001: [systemd] restart.delay: spec 10s, installed 1m (RestartSec=, ${join(tmp.dir, "units/web.service.d/x.conf")}:2)\n`);
    expect(r.stderr).toBe("");
  });

  it("json: one array on stdout for the whole run, with the field and both values for tools", async () => {
    const [a, b] = [spec("a"), spec("b")];
    const [ua, ub] = [await built(a), await built(b)];
    const r = await runCli(["diff", a, b, "--against", ua, changed(ua, "a"), ub, changed(ub, "b"), "--format", "json"]);
    expect(r.code).toBe(1);
    const ds = JSON.parse(r.stdout) as { file: string; code: string; field: string; spec: string; installed: string; installedAt: { setting: string; line: number } }[];
    expect(ds.map((d) => [d.file, d.code, d.field, d.spec, d.installed, d.installedAt.setting, d.installedAt.line])).toEqual([
      [a, "SVC7001", "restart.delay", "10s", "1m", "RestartSec=", 2],
      [b, "SVC7001", "restart.delay", "10s", "1m", "RestartSec=", 2],
    ]);
    expect(r.stderr).toBe("");
    const same = await runCli(["diff", a, "--against", ua, "--format", "json"]);
    expect([same.code, same.stdout]).toEqual([0, "[]\n"]);
  });
});

describe("svcgen diff: specs, files and exit codes", () => {
  it("with several specs, each file is compared with the spec of its service's name, in any order", async () => {
    const [a, b] = [spec("a"), spec("b")];
    const [ua, ub] = [await built(a), await built(b)];
    const r = await runCli(["diff", a, b, "--against", ub, ua]);
    expect([r.code, r.stdout]).toEqual([0, ""]);
    expect(r.stderr).toBe(`${b} [systemd] against ${ub}: no differences\n${a} [systemd] against ${ua}: no differences\n`);
  });

  it("with one spec, the file is compared whatever its name: a different name is a difference", async () => {
    const s = spec("web");
    const other = file("web2.service", "[Service]\nType=exec\nExecStart=/opt/web/web\nRestart=on-failure\nRestartSec=10s\nStartLimitIntervalSec=0\n[Install]\nWantedBy=multi-user.target\n");
    const r = await runCli(["diff", s, "--against", other]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('name: spec "web", installed "web2"');
  });

  it("a spec with errors is not compared: its errors, exit 1", async () => {
    const s = file("bad.yaml", "version: 1\nname: bad\nexecutable: relative/path\ntargets: [systemd]\n");
    const u = file("bad.service", "[Service]\nExecStart=/opt/bad\n");
    const r = await runCli(["diff", s, "--against", u]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${s}:3:13: error SVC2002:`);
    expect(r.stderr).toContain("not compared (errors above)");
  });

  it("a file that cannot be read as a service: the reader's error, exit 1", async () => {
    const s = spec("web");
    const u = file("web.service", "[Service]\nExecStart=/opt/a\nExecStart=/opt/b\n");
    const r = await runCli(["diff", s, "--against", u]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("SVC6106");
  });

  it("a file of several services without the spec's (a program removed): SVC7004 at the spec's name, exit 1", async () => {
    const s = file("web.yaml", "version: 1\nname: web\nexecutable: /usr/bin/web\ntargets: [supervisord]\n");
    const conf = file("two.conf", "[program:api]\ncommand=/usr/bin/api\n[program:db]\ncommand=/usr/bin/db\n");
    const r = await runCli(["diff", s, "--against", conf]);
    expect([r.code, r.stdout]).toEqual([1, `${s}:2:7: error SVC7004: [supervisord] web is not in ${conf}, which holds api, db\n`]);
  });

  it("a spec saved as UTF-16 is read as build reads it; bytes that are not UTF-8 are its error", async () => {
    const s = spec("web");
    const u = await built(s);
    const text = `version: 1\nname: web\nexecutable: /opt/web/web\nrestart:\n  delay: 10s\ntargets: [systemd]\n`;
    const utf16 = join(tmp.dir, "web16.yaml");
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const r = await runCli(["diff", utf16, "--against", u]);
    expect([r.code, r.stdout], r.stderr).toEqual([0, ""]);
    const latin1 = join(tmp.dir, "web1252.yaml");
    writeFileSync(latin1, Buffer.from(text.replace("name: web", "name: web\ndescription: caf\xe9"), "latin1"));
    const bad = await runCli(["diff", latin1, "--against", u]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`${latin1}:3:17: error SVC1009:`);
  });

  it("secrets never printed: a raw Environment= line with a secret-sounding name, a reader's error about such a value", async () => {
    const s = file("x.yaml", "version: 1\nname: x\nexecutable: /usr/bin/x\ntargets: [systemd]\n");
    const u = file("x.service", '[Unit]\nDescription=x\n[Service]\nExecStart=/usr/bin/x\nEnvironment="DB_PASSWORD=hunter2%H"\n');
    for (const format of ["text", "json"]) {
      const r = await runCli(["diff", s, "--against", u, "--format", format]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("options.systemd.extra.Service.Environment");
      expect(r.stdout + r.stderr).not.toContain("hunter2");
    }
    const w = file("web.yaml", "version: 1\nname: web\nexecutable: /usr/bin/web\ntargets: [supervisord]\n");
    const conf = file("web.conf", '[program:web]\ncommand=/usr/bin/web\nenvironment=DB_PASSWORD="s3cretPW",HOME="%(ENV_X-Y)s"\n');
    const r = await runCli(["diff", w, "--against", conf]);
    expect(r.stdout).toContain("SVC6706");
    expect(r.stdout + r.stderr).not.toContain("s3cretPW");
    const imported = await runCli(["import", conf, "--out", join(tmp.dir, "imported")]);
    expect(imported.stdout + imported.stderr).not.toContain("s3cretPW");
  });

  it("usage and I/O errors exit 2", async () => {
    const s = spec("web");
    const u = await built(s);
    const cases: [string[], string][] = [
      [["diff", s], "svcgen: say what to compare the specs with: --installed (the services on this machine) or --against FILE...\n"],
      [["diff", s, "--installed", "--against", u], "svcgen: give --installed or --against FILE..., not both\n"],
      [["diff", join(tmp.dir, "missing.yaml"), "--against", u], `svcgen: cannot read ${join(tmp.dir, "missing.yaml")}: ENOENT\n`],
      [["diff", s, "--against", join(tmp.dir, "missing.service")], `svcgen: cannot read ${join(tmp.dir, "missing.service")}: ENOENT\n`],
      [["diff", s, "--target", "bogus", "--against", u], `svcgen: unknown target "bogus"; targets are ${ALL_TARGETS.join(", ")}, all\n`],
      [["diff", s, spec("other"), "--against", u], `svcgen: no file given for ${join(tmp.dir, "other.yaml")} (service other): give its files after --against\n`],
      [["diff", spec("x"), spec("y"), "--against", u], `svcgen: ${u} is the service web, and no spec given is named web; with several specs, each file is compared with the spec of its service's name\n`],
    ];
    for (const [args, stderr] of cases) {
      const r = await runCli(args);
      expect([r.code, r.stderr], args.join(" ")).toEqual([2, stderr]);
    }
    // Every target has a reader now (runkey's was the last): a file of another kind is its reader's error.
    const other = await runCli(["diff", s, "--target", "runkey", "--against", u]);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain("SVC6602");
  });

  it("svcgen explain documents the diff codes", async () => {
    for (const code of ["SVC7001", "SVC7002", "SVC7003", "SVC7004", "SVC7005", "SVC7006"]) {
      const r = await runCli(["explain", code]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^${code} \\(error\\): `));
    }
  });
});
