import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect } from "vitest";
import { decodeExec, parseUnit, values } from "../decoders/systemd-unit.js";
import { compileYaml } from "../helpers/compile.js";
import { itWithOracle } from "../helpers/oracle.js";

// Oracle: systemd-analyze verify. It exits 0 on unknown keys and unparsable values, so any output on
// stderr fails the test. Each unit is verified inside a scratch root (--root) holding a copy of the
// host's unit directory (for sysinit.target and friends) and stub executables at the paths the unit
// names, so verify's "is the binary there" check runs for real without touching the host.
const analyze = spawnSync("systemd-analyze", ["--version"], { encoding: "utf8" });
const available = analyze.status === 0;
const it = itWithOracle(available, "systemd-analyze", "apt-get install systemd");
const hostUnits = ["/usr/lib/systemd/system", "/lib/systemd/system"].find((d) => existsSync(d));

const fixtures = new URL("../../fixtures/", import.meta.url).pathname;
const units = readdirSync(fixtures).flatMap((c) => {
  const dir = join(fixtures, c, "expected");
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".service")).map((f) => ({ fixture: c, file: join(dir, f), name: f })) : [];
});

const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

function verify(unitText: string, name: string): { status: number | null; stderr: string; stdout: string } {
  const root = mkdtempSync(join(tmpdir(), "svcgen-verify-"));
  scratch.push(root);
  cpSync(hostUnits!, join(root, "usr/lib/systemd/system"), { recursive: true, dereference: false });
  const unitDir = join(root, "etc/systemd/system");
  mkdirSync(unitDir, { recursive: true });
  writeFileSync(join(unitDir, name), unitText);
  const unit = parseUnit(unitText);
  for (const key of ["ExecStartPre", "ExecStart", "ExecStopPost"]) {
    for (const v of values(unit, "Service", key)) {
      const exe = join(root, decodeExec(v).executable);
      mkdirSync(dirname(exe), { recursive: true });
      writeFileSync(exe, "#!/bin/sh\n");
      chmodSync(exe, 0o755);
    }
  }
  const r = spawnSync("systemd-analyze", ["verify", "--man=no", `--root=${root}`, name], { encoding: "utf8" });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe("systemd-analyze verify accepts every golden unit with nothing on stderr", () => {
  it("there are units to verify", () => expect(units.length).toBeGreaterThanOrEqual(10));
  for (const u of units) {
    it(`${u.fixture}/${u.name}`, () => {
      const text = readFileSync(u.file, "utf8");
      const r = verify(text, u.name);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      // verify skips [Install]; `systemctl --root enable` checks it offline.
      if (values(parseUnit(text), "Install", "WantedBy").length > 0) {
        const root = scratch[scratch.length - 1]!;
        const en = spawnSync("systemctl", [`--root=${root}`, "enable", u.name], { encoding: "utf8" });
        expect(en.stderr).toMatch(/^(Created symlink [^\n]*\n)+$/);
        expect(en.status).toBe(0);
      }
    });
  }

  it("the harness would notice a missing executable and an unknown key", () => {
    const bad = "[Service]\nExecStart=/opt/x/x\nBogusKey=1\n";
    const r = verify(bad, "probe.service");
    expect(r.stderr).toContain("Unknown key 'BogusKey'");
    // Same unit, executable removed from the root: verify must fail.
    const root = scratch[scratch.length - 1]!;
    rmSync(join(root, "opt/x/x"));
    const again = spawnSync("systemd-analyze", ["verify", "--man=no", `--root=${root}`, "probe.service"], { encoding: "utf8" });
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain("is not executable");
  });

  // The limits svcgen's check applies to raw paths (a component of at most 255 bytes, a path shorter
  // than 4096 bytes, judged on the composed log path): right at them systemd accepts the unit svcgen
  // writes, one byte over it refuses the same line.
  it("path limits: svcgen accepts what verify accepts and refuses what verify refuses", async () => {
    const dir = "/" + "d".repeat(200) + "/" + "e/".repeat(1900); // 2002 components' worth of path
    const cases = [
      { spec: `workingDirectory: "/opt/${"é".repeat(127)}w"`, setting: "WorkingDirectory", over: `/opt/${"é".repeat(128)}` },
      { spec: `logs: { directory: "${dir}", stdout: "${"f".repeat(4095 - dir.length)}" }`, setting: "StandardOutput", over: `append:${dir}${"f".repeat(4096 - dir.length)}` },
    ];
    for (const c of cases) {
      const ok = await compileYaml(`version: 1\nname: lim\nexecutable: /opt/x/x\n${c.spec}\n`, "systemd");
      expect(ok.errors).toEqual([]);
      const accepted = verify(ok.text("lim.service"), "lim.service");
      expect(accepted.stderr).toBe("");
      const refused = verify(`[Service]\nExecStart=/opt/x/x\n${c.setting}=${c.over}\n`, "lim.service");
      expect(refused.stderr).toMatch(/invalid length|Failed to resolve unit specifiers/);
      const over = await compileYaml(`version: 1\nname: lim\nexecutable: /opt/x/x\n${c.spec.replace(/w"$/, "é\"").replace(/" }$/, "f\" }")}\n`, "systemd");
      expect(over.errors.map((e) => e.code)).toEqual(["SVC4103"]);
    }
  });
});
