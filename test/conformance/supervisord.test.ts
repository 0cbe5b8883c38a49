import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import type { ServiceModel, Text } from "../../src/model.js";
import { decodeProgram, parseIni, type DecodedProgram } from "../decoders/supervisord-conf.js";
import { compileYaml, modelFor } from "../helpers/compile.js";
import { itWithOracle } from "../helpers/oracle.js";
import { specArb, specYaml, VAR_NAMES, type GenSpec } from "../property/spec-gen.js";
import { marker, supervisordFuzz, verifyProgram } from "../property/targets/supervisord.js";

// Oracles: supervisord 4.2.5 itself (Debian's supervisor package). Its own config parser
// (supervisor.options, run by /usr/bin/python3 through supervisord/read-config.py) reads the golden files
// and a few hundred random specs; then a real `supervisord -n` runs generated files with a probe program
// (supervisord/probe.py) that records its argv, environment, working directory, user and signals, and
// the tests kill it, stop it and fill its logs.
const PYTHON = "/usr/bin/python3";
const here = dirname(fileURLToPath(import.meta.url));
const READ_CONFIG = join(here, "supervisord/read-config.py");
const PROBE = join(here, "supervisord/probe.py");
const fixtures = fileURLToPath(new URL("../../fixtures/", import.meta.url));

const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const available = has("supervisord") && has("supervisorctl") && spawnSync(PYTHON, ["-c", "import supervisor.options"]).status === 0;
const it = itWithOracle(available, "supervisord (with supervisorctl and its Python package)", "apt-get install supervisor");

const scratch: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(d, 0o755);
  scratch.push(d);
  return d;
};

// --- supervisord's own parser

interface PyProgram {
  argv: string[] | { error: string };
  command: string;
  directory: string | null;
  user: string | null;
  environment: [string, string][];
  autostart: boolean;
  autorestart: string;
  exitcodes: number[];
  startsecs: number;
  startretries: number;
  stopsignal: string;
  stopwaitsecs: number;
  stopasgroup: boolean;
  killasgroup: boolean;
  redirect_stderr: boolean;
  stdout_logfile: string | null;
  stdout_logfile_maxbytes: number;
  stdout_logfile_backups: number;
  stderr_logfile: string | null;
  stderr_logfile_maxbytes: number;
  stderr_logfile_backups: number;
  priority: number;
  umask: number | null;
}

const MAIN_CONF = (dir: string, extra = "") =>
  [`[supervisord]`, `logfile=${dir}/supervisord.log`, `pidfile=${dir}/supervisord.pid`, `childlogdir=${dir}`, extra, `[include]`, `files = conf.d/*.conf`, ""].join("\n");

/** Every [program:x] of the files, as supervisord's parser reads them, with `env` as supervisord's environment. */
function supervisordReads(files: Map<string, string>, env: Record<string, string>): { dir: string; programs: Record<string, PyProgram>; warnings: string[] } {
  const dir = tempDir("svcgen-svparse-");
  mkdirSync(join(dir, "conf.d"));
  for (const [name, text] of files) writeFileSync(join(dir, "conf.d", name), text);
  writeFileSync(join(dir, "main.conf"), MAIN_CONF(dir));
  const r = spawnSync(PYTHON, [READ_CONFIG, join(dir, "main.conf")], { encoding: "utf8", env, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`read-config.py failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { error?: string; programs: Record<string, PyProgram>; warnings: string[] };
  if (out.error) throw new Error(`supervisord refuses the files: ${out.error}`);
  return { dir: join(dir, "conf.d"), programs: out.programs, warnings: out.warnings };
}

/** supervisord's reading in the test decoder's shape: parsed values for the settings the file has. */
function asDecoded(name: string, text: string, p: PyProgram): DecodedProgram {
  const present = [...parseIni(text).sections.values()][0]!;
  const value = (k: string): string => {
    const v = (p as unknown as Record<string, unknown>)[k];
    return Array.isArray(v) ? v.join(",") : String(v);
  };
  const d: DecodedProgram = {
    name,
    raw: new Map([...present.keys()].map((k) => [k, value(k)])),
    argv: Array.isArray(p.argv) ? p.argv : [`shlex error: ${p.argv.error}`],
    environment: p.environment,
  };
  if (p.directory !== null) d.directory = p.directory;
  if (p.user !== null) d.user = p.user;
  if (present.has("stdout_logfile") && p.stdout_logfile !== null) d.stdoutLogfile = p.stdout_logfile;
  if (present.has("stderr_logfile") && p.stderr_logfile !== null) d.stderrLogfile = p.stderr_logfile;
  return d;
}

const markerEnv = (names: readonly string[]) => Object.fromEntries(names.map((n) => [n, marker(n)]));

describe("supervisord's own parser", () => {
  it("reads every golden file as the test decoder does, without a warning", () => {
    const goldens = new Map<string, string>();
    for (const c of readdirSync(fixtures)) {
      const dir = join(fixtures, c, "expected");
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir).filter((f) => f.endsWith(".supervisord.conf"))) goldens.set(f, readFileSync(join(dir, f), "utf8"));
    }
    expect(goldens.size).toBeGreaterThanOrEqual(8);
    const env = markerEnv(["PATH", "HOME", "HOSTNAME", "APP_HOME", "ProgramFiles(x86)"]);
    const read = supervisordReads(goldens, env);
    expect(read.warnings).toEqual([]);
    for (const [file, text] of goldens) {
      const mine = decodeProgram(text, (n) => env[n], read.dir);
      const theirs = asDecoded(mine.name, text, read.programs[mine.name]!);
      expect(theirs.argv, file).toEqual(mine.argv);
      expect(theirs.environment, file).toEqual(mine.environment);
      expect(theirs.directory, file).toEqual(mine.directory);
      expect(theirs.user, file).toEqual(mine.user);
      expect(theirs.stdoutLogfile, file).toEqual(mine.stdoutLogfile);
      expect(theirs.stderrLogfile, file).toEqual(mine.stderrLogfile);
    }
    // The hostile file's command, spelled out: what each argv element must be.
    const hostile = read.programs["hostile-sv"]!;
    expect((hostile.argv as string[]).slice(11, 19)).toEqual(["%(ENV_HOME)s", "$HOME and $$", "a ;comment? #not", "nbsp\u00a0;semicolon", ";", "#", "tab\there", "Grüße, 東京, emoji 🎉"]);
  }, 60_000);

  it("reads 400 random hostile specs as the spec says (the property test's expectations, with supervisord as the decoder)", async () => {
    const arb = fc.tuple(supervisordFuzz.specs!(specArb({ platform: "linux", omit: supervisordFuzz.omit })), supervisordFuzz.optionsArb!);
    const cases = fc.sample(arb, { numRuns: 400, seed: 20261123 });
    const accepted: { spec: GenSpec; file: string; text: string; options: Record<string, unknown> }[] = [];
    for (const [i, [spec, options]] of cases.entries()) {
      const s = { ...spec, name: `p${i}` };
      const r = await compileYaml(specYaml(s, options), "supervisord");
      if (r.errors.length > 0) continue;
      accepted.push({ spec: s, file: `p${i}.supervisord.conf`, text: r.text(`p${i}.supervisord.conf`), options });
    }
    expect(accepted.length).toBeGreaterThan(150);
    const env = markerEnv(VAR_NAMES);
    const read = supervisordReads(new Map(accepted.map((a) => [a.file, a.text])), env);
    expect(read.warnings).toEqual([]);
    for (const a of accepted) {
      const s = a.spec;
      const bad = verifyProgram(s, asDecoded(s.name, a.text, read.programs[s.name]!), a.options);
      expect(bad, `${a.file}\n${a.text}`).toEqual([]);
    }
  }, 180_000);
});

// --- a real supervisord

interface ProbeEvent {
  kind: "start" | "signal" | "exit" | "crash" | "spammed";
  role: "program" | "child" | "hook";
  pid: number;
  ppid?: number;
  time: number;
  script?: string;
  args?: string[];
  env?: Record<string, string>;
  cwd?: string;
  uid?: number;
  signal?: string;
}

const unb64 = (s: string) => Buffer.from(s, "base64").toString("utf8");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `fn` until it returns something other than undefined/false; fails after `timeoutMs` saying what it waited for. */
async function waitFor<T>(what: string, fn: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

const alive = (pid: number) => {
  try {
    // A zombie (reparented and not reaped, as in a container without init) is not running.
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

const runningAsRoot = process.getuid?.() === 0;
const uidOf = (user: string) => Number(readFileSync("/etc/passwd", "utf8").split("\n").find((l) => l.startsWith(`${user}:`))?.split(":")[2]);

describe("a real supervisord runs the generated files", () => {
  let root = "";
  let state = "";
  let mainConf = "";
  let daemon: ChildProcess | undefined;
  const svEnv: Record<string, string> = {};
  const models = new Map<string, ServiceModel>();

  const programDir = (name: string) => join(state, name);
  const events = (name: string): ProbeEvent[] => {
    const dir = join(programDir(name), "events");
    return readdirSync(dir)
      .filter((f) => !f.startsWith("."))
      .sort()
      .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as ProbeEvent);
  };
  const starts = (name: string, role = "program") => events(name).filter((e) => e.kind === "start" && e.role === role);
  const control = (name: string, c: Record<string, unknown>) => {
    const tmp = join(programDir(name), ".control.json");
    writeFileSync(tmp, JSON.stringify(c));
    renameSync(tmp, join(programDir(name), "control.json"));
  };
  const ctl = (...args: string[]) => spawnSync("supervisorctl", ["-c", mainConf, ...args], { encoding: "utf8", timeout: 60_000, env: svEnv });
  const statusOf = (name: string) => ctl("status", name).stdout.trim().split(/\s+/)[1];
  const waitState = (name: string, want: string, timeoutMs = 30_000) => waitFor(`${name} ${want} (supervisorctl status: ${ctl("status", name).stdout.trim()})`, () => statusOf(name) === want, timeoutMs);

  /** The fixture's spec with its absolute paths moved under the scratch root, a user that exists here, and `ignore` added. */
  const rebase = (yamlText: string, ignore: string[] = []): string => {
    const doc = parseYaml(yamlText) as Record<string, any>;
    const fix = (o: Record<string, unknown> | undefined, key: string) => {
      if (o && typeof o[key] === "string" && (o[key] as string).startsWith("/")) o[key] = root + o[key];
    };
    for (const sec of [doc, doc.linux]) {
      if (!sec) continue;
      fix(sec, "executable");
      fix(sec, "workingDirectory");
      fix(sec.logs, "directory");
      for (const h of ["preStart", "postStop"]) fix(sec.hooks?.[h], "executable");
      if (sec.account?.user) {
        if (runningAsRoot) sec.account.user = "nobody";
        else delete sec.account;
      }
    }
    doc.targets = ["supervisord"];
    doc.options = { ...doc.options, supervisord: { ...doc.options?.supervisord, ignore: [...new Set([...(doc.options?.supervisord?.ignore ?? []), ...ignore])] } };
    return stringifyYaml(doc, { lineWidth: 0 });
  };

  /** A text as the program sees it: ${NAME} from the spec's environment where it sets NAME (program), else supervisord's. */
  const resolve = (m: ServiceModel, t: Text, scope: "program" | "supervisord" = "program"): string =>
    t.parts
      .map((p) => {
        if (p.kind === "literal") return p.text;
        const own = scope === "program" ? m.environment.find((e) => e.name === p.name) : undefined;
        if (own) return resolve(m, own.value, "supervisord");
        if (!(p.name in svEnv)) throw new Error(`test: supervisord has no ${p.name}`);
        return svEnv[p.name]!;
      })
      .join("");
  const logFile = (m: ServiceModel, key: "stdout" | "stderr") => `${resolve(m, m.logs!.directory).replace(/\/+$/, "")}/${resolve(m, m.logs![key])}`;

  const install = async (name: string, yamlText: string, c: Record<string, unknown> = {}) => {
    const r = await compileYaml(yamlText, "supervisord");
    expect(r.errors, yamlText).toEqual([]);
    const m = await modelFor(yamlText, "supervisord");
    expect(m.name.value).toBe(name);
    models.set(name, m);
    const place = (exe: string, hook = false) => {
      mkdirSync(dirname(exe), { recursive: true, mode: 0o755 });
      copyFileSync(PROBE, exe);
      chmodSync(exe, 0o755);
      if (hook) writeFileSync(exe + ".hook", "");
    };
    place(resolve(m, m.executable));
    if (m.hooks.preStart) place(resolve(m, m.hooks.preStart.executable), true);
    if (m.workingDirectory) mkdirSync(resolve(m, m.workingDirectory), { recursive: true, mode: 0o755 });
    if (m.logs) mkdirSync(resolve(m, m.logs.directory), { recursive: true, mode: 0o755 });
    mkdirSync(join(programDir(name), "events"), { recursive: true });
    chmodSync(programDir(name), 0o777);
    chmodSync(join(programDir(name), "events"), 0o777);
    control(name, c);
    writeFileSync(join(root, "conf.d", `${name}.supervisord.conf`), r.text(`${name}.supervisord.conf`));
  };

  const probeSpec = (name: string, lines: string[]) => [`version: 1`, `name: ${name}`, `executable: ${root}/opt/probe/probe`, ...lines, `targets: [supervisord]`].join("\n") + "\n";

  beforeAll(async () => {
    if (!available) return;
    root = tempDir("svcgen-sv-");
    state = join(root, "state");
    mkdirSync(state, { mode: 0o777 });
    chmodSync(state, 0o777);
    mkdirSync(join(root, "conf.d"));
    mkdirSync(join(root, "home"));
    // supervisord's environment: what %(ENV_NAME)s expands to. HOSTNAME holds a % and a ; (a variable's
    // value is substituted after configparser and, in log paths, must not be expanded again).
    Object.assign(svEnv, { PATH: "/usr/bin:/bin", HOME: join(root, "home"), HOSTNAME: "h%n ;x", "ProgramFiles(x86)": "C:\\Program Files (x86)", SVCGEN_PROBE_STATE: state });
    mainConf = join(root, "main.conf");
    writeFileSync(mainConf, [`[unix_http_server]`, `file=${root}/supervisor.sock`, `[supervisorctl]`, `serverurl=unix://${root}/supervisor.sock`, `[rpcinterface:supervisor]`, `supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface`, MAIN_CONF(root, "nodaemon=true")].join("\n"));

    await install("hostile-sv", rebase(readFileSync(join(fixtures, "supervisord-hostile/service.yaml"), "utf8")));
    await install("hostile", rebase(readFileSync(join(fixtures, "hostile-quoting/service.yaml"), "utf8"), ["displayName", "description"]));
    await install("orders-api", rebase(readFileSync(join(fixtures, "supervisord-full/service.yaml"), "utf8")));
    const limited = ["options: { supervisord: { ignore: [restart.maxRetries, restart.window] } }"];
    await install("onfail", probeSpec("onfail", ["restart: { policy: on-failure, maxRetries: 2, window: 1m }", ...limited]));
    await install("never", probeSpec("never", ["restart: { policy: never }"]));
    await install("always", probeSpec("always", ["restart: { policy: always }"]));
    await install("stopper", probeSpec("stopper", ["stop: { timeout: 2s, signal: SIGINT }"]), { child: true });
    await install("logger", probeSpec("logger", [`logs: { directory: ${root}/logs, rotate: { maxSize: 1KiB, keep: 2 } }`]));

    const out = openSync(join(root, "supervisord.out"), "a");
    daemon = spawn("supervisord", ["-n", "-c", mainConf], { env: svEnv, stdio: ["ignore", out, out] });
    closeSync(out);
    await waitFor(`supervisord to answer (${join(root, "supervisord.out")})`, () => {
      if (daemon?.exitCode !== null) throw new Error(`supervisord exited: ${readFileSync(join(root, "supervisord.out"), "utf8")}`);
      return /onfail/.test(ctl("status").stdout);
    }, 60_000);
  }, 120_000);

  afterAll(async () => {
    if (daemon && daemon.exitCode === null) {
      daemon.kill("SIGTERM");
      const end = Date.now() + 30_000;
      while (daemon.exitCode === null && Date.now() < end) await sleep(100);
      if (daemon.exitCode === null) daemon.kill("SIGKILL");
    }
    // Whatever a probe left behind (a child of a program killed without its group) goes too.
    if (state && existsSync(state)) {
      for (const name of readdirSync(state)) {
        if (!existsSync(join(state, name, "events"))) continue;
        for (const e of events(name)) if (alive(e.pid)) process.kill(e.pid, "SIGKILL");
      }
    }
    if (!process.env.SVCGEN_KEEP) for (const d of scratch) rmSync(d, { recursive: true, force: true });
  }, 60_000);

  for (const name of ["hostile-sv", "hostile", "orders-api"]) {
    it(`${name}: argv, environment, working directory and user arrive exactly as the spec says`, async () => {
      const m = models.get(name)!;
      const [start] = await waitFor(`${name} to start`, () => starts(name).length > 0 && starts(name));
      expect(unb64(start!.script!)).toBe(resolve(m, m.executable));
      expect(start!.args!.map(unb64)).toEqual(m.args.map((a) => resolve(m, a)));
      const env = Object.fromEntries(Object.entries(start!.env!).map(([k, v]) => [unb64(k), unb64(v)]));
      for (const e of m.environment) expect(env[e.name], `environment.${e.name}`).toBe(resolve(m, e.value, "supervisord"));
      if (m.workingDirectory) expect(unb64(start!.cwd!)).toBe(resolve(m, m.workingDirectory));
      if (m.account?.kind === "user") expect(start!.uid).toBe(uidOf(resolve(m, m.account.user, "supervisord")));
      if (m.hooks.preStart) {
        // The hook ran first, with its own arguments, and the program replaced the shell that ran it.
        const [hook] = starts(name, "hook");
        expect(hook!.args!.map(unb64)).toEqual(m.hooks.preStart.args.map((a) => resolve(m, a)));
        expect(hook!.time).toBeLessThanOrEqual(start!.time);
        expect(start!.pid).toBe(hook!.ppid);
      }
      if (m.logs) {
        // Both streams land in the files the spec names (a ${NAME} and a % in the path included).
        for (const key of ["stdout", "stderr"] as const) {
          const file = logFile(m, key);
          await waitFor(`${file} to hold the probe's first line`, () => existsSync(file) && readFileSync(file, "utf8").includes(`probe started ${start!.pid}`));
        }
      }
    }, 60_000);
  }

  it("on-failure: a killed program is restarted; a program that keeps failing to start is retried maxRetries times, then given up", async () => {
    await waitState("onfail", "RUNNING");
    const [first] = starts("onfail");
    process.kill(first!.pid, "SIGKILL");
    await waitFor("onfail to be restarted", () => starts("onfail").length === 2);
    await waitState("onfail", "RUNNING");
    // From now on every start fails at once (exit 3 within startsecs).
    control("onfail", { crash: true });
    process.kill(starts("onfail")[1]!.pid, "SIGKILL");
    await waitState("onfail", "FATAL", 60_000);
    // The restart after the kill, then restart.maxRetries (2) retries: 1 + 2 starts.
    expect(starts("onfail").length - 2).toBe(1 + models.get("onfail")!.restart.maxRetries!.value);
    // A clean exit (code 0) after startsecs is not restarted.
    control("onfail", {});
    ctl("start", "onfail");
    await waitState("onfail", "RUNNING");
    const last = starts("onfail").at(-1)!;
    control("onfail", { exit: { [last.pid]: 0 } });
    await waitState("onfail", "EXITED");
    await sleep(2000);
    expect(statusOf("onfail")).toBe("EXITED");
    expect(starts("onfail").at(-1)!.pid).toBe(last.pid);
  }, 120_000);

  it("never: a killed program stays down, and a failed start is not retried", async () => {
    await waitState("never", "RUNNING");
    process.kill(starts("never")[0]!.pid, "SIGKILL");
    await waitState("never", "EXITED");
    await sleep(2000);
    expect(starts("never")).toHaveLength(1);
    control("never", { crash: true });
    ctl("start", "never");
    await waitState("never", "FATAL");
    expect(starts("never")).toHaveLength(2);
  }, 60_000);

  it("always: a clean exit is restarted", async () => {
    await waitState("always", "RUNNING");
    const [first] = starts("always");
    control("always", { exit: { [first!.pid]: 0 } });
    await waitFor("always to be restarted after exit 0", () => starts("always").length === 2);
  }, 60_000);

  it("supervisorctl stop: stop.signal reaches the program and its child (process group), and stop.timeout passes before SIGKILL", async () => {
    await waitState("stopper", "RUNNING");
    await waitFor("stopper's child", () => starts("stopper", "child").length === 1);
    ctl("stop", "stopper");
    await waitState("stopper", "STOPPED");
    const signals = () => events("stopper").filter((e) => e.kind === "signal");
    expect(signals().map((e) => [e.role, e.signal]).sort()).toEqual([["child", "SIGINT"], ["program", "SIGINT"]]);

    // Now the program and its child ignore the signal: supervisord must wait stop.timeout (2 s), then kill both.
    control("stopper", { child: true, ignoreStop: true });
    ctl("start", "stopper");
    await waitState("stopper", "RUNNING");
    await waitFor("stopper's second child", () => starts("stopper", "child").length === 2);
    const program = starts("stopper").at(-1)!;
    const child = starts("stopper", "child").at(-1)!;
    const r = ctl("stop", "stopper");
    const stopped = Date.now() / 1000;
    expect(r.stdout).toMatch(/stopped/);
    const signal = await waitFor("the second SIGINT", () => signals().filter((e) => e.pid === program.pid)[0]);
    expect(signal.signal).toBe("SIGINT");
    expect(stopped - signal.time).toBeGreaterThanOrEqual(1.9);
    expect(stopped - signal.time).toBeLessThan(20);
    await waitFor("the program and its child to be gone", () => !alive(program.pid) && !alive(child.pid), 10_000);
    expect(readFileSync(join(root, "supervisord.log"), "utf8")).toContain(`killing 'stopper' (${program.pid}) with SIGKILL`);
  }, 90_000);

  it("logs rotate at logs.rotate.maxSize and keep logs.rotate.keep files, without losing order", async () => {
    const m = models.get("logger")!;
    await waitState("logger", "RUNNING");
    const [start] = starts("logger");
    const lines = 20;
    control("logger", { spam: { id: "s1", bytes: 300, times: lines, pause: 0.1 } });
    await waitFor("the probe to write", () => events("logger").some((e) => e.kind === "spammed"));
    const maxSize = m.logs!.rotate!.maxSizeBytes!.value;
    const keep = m.logs!.rotate!.keep!.value;
    for (const key of ["stdout", "stderr"] as const) {
      const file = logFile(m, key);
      const rotated = Array.from({ length: keep + 2 }, (_, i) => `${file}.${i + 1}`);
      const last = `s1 ${lines - 1} ${start!.pid} `;
      await waitFor(`${file} (or ${file}.1) to hold the last line`, () => [file, rotated[0]!].some((f) => existsSync(f) && readFileSync(f, "utf8").includes(last)));
      expect(rotated.map(existsSync)).toEqual([...Array(keep).fill(true), false, false]);
      for (const r of rotated.slice(0, keep)) expect(statSync(r).size).toBeGreaterThanOrEqual(maxSize);
      // Oldest first, the kept files and the current one are the end of what the program wrote.
      const written = `probe started ${start!.pid}\n` + Array.from({ length: lines }, (_, i) => `s1 ${i} ${start!.pid} `.padEnd(299, "x") + "\n").join("");
      const kept = [...rotated.slice(0, keep).reverse(), file].map((f) => readFileSync(f, "utf8")).join("");
      expect(written.endsWith(kept)).toBe(true);
      expect(kept.length).toBeGreaterThan(keep * maxSize);
    }
  }, 60_000);
});
