import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TARGETS } from "../../src/targets/registry.js";
import { generatedFrom, targetOfFile } from "../../src/write/orphans.js";
import { runCli } from "../helpers/cli.js";

// A deployment repository: services/*.yaml, outputs checked in under deploy/.
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "svcgen-orphans-"));
  mkdirSync(join(dir, "services"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const spec = (file: string, name: string, targets = "[systemd, nssm]") =>
  writeFileSync(join(dir, "services", file), `version: 1\nname: ${name}\nexecutable: C:\\apps\\${name}\\${name}.exe\nlinux: { executable: /opt/${name}/${name} }\ntargets: ${targets}\n`);
const cli = (...args: string[]) => runCli(args, dir);
const deployed = () => readdirSync(join(dir, "deploy")).sort();

describe("orphaned outputs", () => {
  beforeEach(async () => {
    spec("orders.yaml", "orders-api");
    spec("billing.yaml", "billing");
    expect((await cli("build", "services/orders.yaml", "services/billing.yaml", "--out", "deploy")).code).toBe(0);
  });

  it("a deleted spec's files fail --check, are noted by build, and --prune deletes exactly them", async () => {
    unlinkSync(join(dir, "services/billing.yaml"));
    const check = await cli("build", "services/orders.yaml", "--out", "deploy", "--check");
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("orphan: deploy/billing.service (its spec ../services/billing.yaml no longer exists; svcgen build --prune deletes it)");
    expect(check.stdout).toContain("orphan: deploy/billing.nssm-install.cmd");
    expect(check.stdout).not.toContain("up to date");

    const plain = await cli("build", "services/orders.yaml", "--out", "deploy");
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain("note: deploy/billing.service is an orphan");
    expect(deployed()).toContain("billing.service");

    const prune = await cli("build", "services/orders.yaml", "--out", "deploy", "--prune");
    expect(prune.code).toBe(0);
    expect(prune.stdout).toContain("pruned deploy/billing.service (its spec ../services/billing.yaml no longer exists)");
    expect(deployed()).toEqual(["orders-api.nssm-install.cmd", "orders-api.nssm-uninstall.cmd", "orders-api.service"]);
    expect((await cli("build", "services/orders.yaml", "--out", "deploy", "--check")).code).toBe(0);
  });

  it("a renamed service leaves its old files behind as orphans of the spec that was given", async () => {
    spec("orders.yaml", "orders");
    const check = await cli("build", "services/orders.yaml", "--out", "deploy", "--check");
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("missing: deploy/orders.service");
    expect(check.stdout).toContain("orphan: deploy/orders-api.service (its spec ../services/orders.yaml no longer makes it: service renamed or target dropped;");
    expect(check.stdout).not.toContain("billing");
    await cli("build", "services/orders.yaml", "--out", "deploy", "--prune");
    expect(deployed().filter((f) => f.startsWith("orders"))).toEqual(["orders.nssm-install.cmd", "orders.nssm-uninstall.cmd", "orders.service"]);
  });

  it("a dropped target's files are orphans; with --target, only the requested targets are judged", async () => {
    spec("orders.yaml", "orders-api", "[systemd]");
    const judged = await cli("build", "services/orders.yaml", "--out", "deploy", "--check", "--target", "systemd");
    expect(judged.code).toBe(0);
    const check = await cli("build", "services/orders.yaml", "--out", "deploy", "--check");
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("orphan: deploy/orders-api.nssm-install.cmd");
    expect(check.stdout).not.toContain("orphan: deploy/orders-api.service");
  });

  it("files of a spec that exists but was not given are not orphans (pre-commit passes the staged specs only)", async () => {
    const r = await cli("build", "services/billing.yaml", "--out", "deploy", "--check");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("3 files up to date\n");
  });

  it("nothing is pruned when a spec has errors, and hand-written files are never touched", async () => {
    writeFileSync(join(dir, "deploy/notes.service"), "[Service]\nExecStart=/bin/true\n");
    unlinkSync(join(dir, "services/billing.yaml"));
    writeFileSync(join(dir, "services/orders.yaml"), "version: 1\nname: orders-api\nexecutable: /x\nrestart: { delay: soon }\n");
    const r = await cli("build", "services/orders.yaml", "--out", "deploy", "--prune");
    expect(r.code).toBe(1);
    expect(deployed()).toContain("billing.service");
    spec("orders.yaml", "orders-api");
    await cli("build", "services/orders.yaml", "--out", "deploy", "--prune");
    expect(deployed()).toContain("notes.service");
    expect(deployed()).not.toContain("billing.service");
  });

  it("--check and --prune together are a usage error", async () => {
    expect((await cli("build", "services/orders.yaml", "--out", "deploy", "--check", "--prune")).code).toBe(2);
  });
});

describe("reading back the spec a generated file names", () => {
  it("works for every target's header syntax, even for a path that needs escaping there", async () => {
    const weird = "my specs/a&b %x% (1) ^c -- d!.yaml";
    mkdirSync(join(dir, "my specs"));
    writeFileSync(join(dir, weird), "version: 1\nname: w\nexecutable: C:\\apps\\w\\w.exe\nlinux: { executable: /opt/w/w }\nmacos: { executable: /usr/local/bin/w }\noptions: { schtasks: { ignore: [restart.policy] }, runkey: { ignore: [restart.policy] } }\n");
    const r = await cli("build", weird, "--target", "all", "--out", "deploy");
    expect(r.code, r.stderr).toBe(0);
    const files = deployed();
    expect(new Set(files.map(targetOfFile))).toEqual(new Set(TARGETS.map((t) => t.id)));
    for (const f of files) expect(generatedFrom(join(dir, "deploy", f)), f).toContain(`../${weird}`);
    expect(existsSync(join(dir, "deploy"))).toBe(true);
    unlinkSync(join(dir, weird));
    const check = await cli("build", "services/none.yaml", "--out", "deploy", "--check");
    expect(check.code).toBe(2); // the spec given does not exist: an I/O error, whatever the orphans
  });
  it("maps file names to targets by their longest suffix", () => {
    expect(targetOfFile("x.task.xml")).toBe("schtasks");
    expect(targetOfFile("x.xml")).toBe("winsw");
    expect(targetOfFile("x.sc-install.cmd")).toBe("sc");
    expect(targetOfFile("com.example.x.plist")).toBe("launchd");
    expect(targetOfFile("x.txt")).toBeUndefined();
  });
});
