import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { itWithOracle } from "../helpers/oracle.js";

// The real pre-commit framework installing this repository's hooks the way a deployment repository
// does: pre-commit clones the hook repository at a commit, runs `npm install`, takes `npm pack`'s
// stdout as the tarball's name, installs that tarball globally into its own environment, and runs
// the hooks' entries. The hook repository here is a commit of this working tree (uncommitted
// changes included), and the deployment repository's config is README's snippet with only `repo`
// and `rev` filled in, so README cannot drift from what works.
const version = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });
const it = itWithOracle(version.status === 0, "pre-commit", "apt-get install pre-commit");

const root = new URL("../../", import.meta.url).pathname;
const bin = join(root, "dist/bin/svcgen.js");
const work = mkdtempSync(join(tmpdir(), "svcgen-pre-commit-"));
const hookRepo = join(work, "hook-repo");
const deployRepo = join(work, "deployment");
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A user's shell: none of the npm_* variables `npm test` puts into the environment (they would
// configure the npm that pre-commit runs), and no node_modules/.bin of this checkout on PATH.
const env: NodeJS.ProcessEnv = {};
for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && k !== "INIT_CWD") env[k] = v;
env.PATH = (process.env.PATH ?? "").split(":").filter((p) => !p.includes("node_modules")).join(":");
env.PRE_COMMIT_HOME = join(work, "cache");
Object.assign(env, { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" });

const git = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, env, encoding: "utf8" }).trim();

/** README's `.pre-commit-config.yaml` block, pointed at the hook repository's commit. */
function readmeConfig(rev: string): string {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### In a deployment repo's `.pre-commit-config.yaml`"));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error("README has no .pre-commit-config.yaml example");
  return block.replace(/^(\s*- repo:) \S+/m, `$1 ${hookRepo}`).replace(/^(\s*rev:).*$/m, `$1 ${rev}`);
}

const spec = (delay: string) => `# yaml-language-server: $schema=../schema/service.schema.json
version: 1
name: orders-api
displayName: Orders API
executable: C:\\apps\\orders\\orders.exe
args: ["--port", "8080"]
restart: { policy: on-failure, delay: ${delay} }
linux:
  executable: /opt/orders/orders
targets: [nssm, systemd]
`;

function preCommit(): { status: number | null; output: string } {
  const r = spawnSync("pre-commit", ["run", "--all-files", "--color", "never"], { cwd: deployRepo, env, encoding: "utf8" });
  return { status: r.status, output: r.stdout + r.stderr };
}

beforeAll(() => {
  if (version.status !== 0) return;
  if (!existsSync(bin)) execFileSync(process.execPath, [join(root, "scripts/build.mjs")], { stdio: "inherit" });
  // The working tree as a commit: tracked and new files, not ignored ones (dist/, node_modules/).
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
  for (const f of files.split("\0").filter(Boolean)) {
    if (!existsSync(join(root, f))) continue;
    mkdirSync(dirname(join(hookRepo, f)), { recursive: true });
    copyFileSync(join(root, f), join(hookRepo, f));
  }
  git(hookRepo, "init", "-q");
  git(hookRepo, "add", "-A");
  git(hookRepo, "commit", "-q", "-m", "hooks under test");

  mkdirSync(join(deployRepo, "services"), { recursive: true });
  git(deployRepo, "init", "-q");
  writeFileSync(join(deployRepo, ".pre-commit-config.yaml"), readmeConfig(git(hookRepo, "rev-parse", "HEAD")));
  writeFileSync(join(deployRepo, "services/orders.yaml"), spec("10s"));
  execFileSync(process.execPath, [bin, "build", "services/orders.yaml", "--out", "deploy/"], { cwd: deployRepo, env });
  git(deployRepo, "add", "-A");
}, 120_000);

describe("the hooks under the real pre-commit framework", () => {
  it(`install and pass on good specs, then fail at the bad line and on a stale output (${version.stdout?.trim()})`, () => {
    const good = preCommit();
    expect(good.output).toMatch(/svcgen validate\.+Passed/);
    expect(good.output).toMatch(/svcgen build --check\.+Passed/);
    expect(good.status).toBe(0);

    // A bad duration: validate names file, line and column; nothing else is touched.
    writeFileSync(join(deployRepo, "services/bad.yaml"), "version: 1\nname: bad\nexecutable: /opt/bad/bad\nrestart: { delay: 5 minutes }\n");
    git(deployRepo, "add", "-A");
    const bad = preCommit();
    expect(bad.status).toBe(1);
    expect(bad.output).toMatch(/svcgen validate\.+Failed/);
    expect(bad.output).toContain("services/bad.yaml:4:19: error SVC1203:");
    git(deployRepo, "rm", "-q", "-f", "services/bad.yaml");

    // The spec changed, the outputs not rebuilt: the check names each stale file.
    writeFileSync(join(deployRepo, "services/orders.yaml"), spec("30s"));
    git(deployRepo, "add", "-A");
    const stale = preCommit();
    expect(stale.status).toBe(1);
    expect(stale.output).toMatch(/svcgen validate\.+Passed/);
    expect(stale.output).toMatch(/svcgen build --check\.+Failed/);
    expect(stale.output).toContain("deploy/orders-api.service");
    expect(stale.output).toContain("deploy/orders-api.nssm-install.cmd");
  }, 300_000);
});
