// The Wine harness for conformance tests of generated Windows scripts (nssm, sc): a throw-away Wine
// prefix per test file, cmd.exe runs of a script, the registry read back through `reg export` (UTF-16,
// parsed here), stub services created with Wine's sc.exe.
//
// Headless: DISPLAY is removed, WINEDEBUG=-all, Mono and Gecko are disabled (their installers would want
// a window), and the crash debugger is switched off so that a crashing program returns its NTSTATUS
// instead of leaving winedbg waiting.
//
// Processes run with stdout/stderr sent to files, and a run ends when the process exits: services that
// Wine starts inherit the handles, so waiting for pipes to close would hang.
//
// Usage:
//   const wine = wineOracle();                       // itWithOracle(wine.available, ...)
//   const p = await WinePrefix.create("nssm");       // in beforeAll (about 8 s)
//   p.installTool(nssmExe, "nssm.exe");              // into C:\svcgen-bin, which scripts find on PATH
//   const r = await p.runScript(unixPathOfCmd, { env: { PW: "x" } });
//   const svc = await p.service("orders");           // HKLM\System\CurrentControlSet\Services\orders
//   await p.close();                                 // in afterAll

import { spawn, spawnSync } from "node:child_process";
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

function which(cmd: string): string | undefined {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export interface WineOracle {
  available: boolean;
  wine?: string;
  wineserver?: string;
}

let oracle: WineOracle | undefined;

/** Where wine and wineserver are (Debian puts wineserver in /usr/lib/wine). */
export function wineOracle(): WineOracle {
  if (oracle) return oracle;
  const wine = [which("wine"), which("wine64"), "/usr/lib/wine/wine64"].find((p) => p && existsSync(p));
  const wineserver = [which("wineserver"), "/usr/lib/wine/wineserver64", "/usr/lib/wine/wineserver"].find((p) => p && existsSync(p));
  oracle = { available: !!wine && !!wineserver, wine, wineserver };
  return oracle;
}

export const WINE_INSTALL_HINT = "apt-get install wine64 wine";

export interface RunResult {
  code: number;
  /** Output as text, NUL bytes dropped (nssm 2.2x writes UTF-16LE between cmd's single-byte lines). */
  stdout: string;
  stderr: string;
  ms: number;
}

export type RegValue =
  | { type: "REG_SZ"; value: string }
  | { type: "REG_EXPAND_SZ"; value: string }
  | { type: "REG_MULTI_SZ"; value: string[] }
  | { type: "REG_DWORD"; value: number }
  | { type: "REG_QWORD"; value: bigint }
  | { type: "REG_BINARY" | `REG_${number}`; value: Uint8Array };

/** Values of one key by name ("" is the default value, `@` in .reg files). */
export type RegValues = Map<string, RegValue>;

/** A key and its subkeys as `reg export` writes them: full key path -> values. */
export type RegTree = Map<string, RegValues>;

export interface ServiceKeys {
  /** HKLM\System\CurrentControlSet\Services\<name> */
  key: RegValues;
  /** ...\Parameters (nssm), when present */
  parameters?: RegValues;
  /** Every subkey below the service key, by path relative to it (`Parameters\AppExit`). */
  subkeys: Map<string, RegValues>;
}

function decodeOutput(b: Buffer): string {
  // One stream can mix cmd's single-byte text with nssm 2.2x's UTF-16LE messages: dropping the NUL
  // bytes gives readable text for the ASCII both write (enough for the messages tests look for).
  return Buffer.from(b.filter((x) => x !== 0)).toString("utf8");
}

const UTF16 = new TextDecoder("utf-16le");

function hexBytes(s: string): Uint8Array {
  const t = s.replace(/\s+/g, "");
  if (t === "") return new Uint8Array();
  return Uint8Array.from(t.split(",").map((h) => parseInt(h, 16)));
}

function utf16Strings(bytes: Uint8Array): string {
  return UTF16.decode(bytes);
}

function parseRegString(s: string): string {
  // "..." with \\ and \" escapes (Windows regedit; Wine also writes \n and \0 escapes for control characters).
  if (!s.startsWith('"') || !s.endsWith('"')) throw new Error(`bad .reg string ${s}`);
  let out = "";
  for (let i = 1; i < s.length - 1; i++) {
    const c = s[i]!;
    if (c === "\\") {
      const n = s[++i]!;
      out += n === "n" ? "\n" : n === "r" ? "\r" : n === "0" ? "\0" : n;
    } else out += c;
  }
  return out;
}

function parseRegValue(raw: string): RegValue {
  if (raw.startsWith('"')) return { type: "REG_SZ", value: parseRegString(raw) };
  if (raw.startsWith("dword:")) return { type: "REG_DWORD", value: parseInt(raw.slice(6), 16) >>> 0 };
  const m = /^hex(?:\(([0-9a-f]+)\))?:(.*)$/is.exec(raw);
  if (!m) throw new Error(`unknown .reg value ${raw}`);
  const kind = m[1] === undefined ? 3 : parseInt(m[1], 16);
  const bytes = hexBytes(m[2]!);
  switch (kind) {
    case 1:
      return { type: "REG_SZ", value: utf16Strings(bytes).replace(/\0$/, "") };
    case 2:
      return { type: "REG_EXPAND_SZ", value: utf16Strings(bytes).replace(/\0$/, "") };
    case 7: {
      const all = utf16Strings(bytes);
      // Entries end in NUL; the list ends in an extra NUL.
      const parts = all.split("\0");
      while (parts.length && parts[parts.length - 1] === "") parts.pop();
      return { type: "REG_MULTI_SZ", value: parts };
    }
    case 4:
      return { type: "REG_DWORD", value: new DataView(bytes.buffer).getUint32(0, true) };
    case 0xb:
      return { type: "REG_QWORD", value: new DataView(bytes.buffer).getBigUint64(0, true) };
    case 3:
      return { type: "REG_BINARY", value: bytes };
    default:
      return { type: `REG_${kind}`, value: bytes };
  }
}

/** Parses the text of a .reg file (`Windows Registry Editor Version 5.00`). */
export function parseRegFile(text: string): RegTree {
  const tree: RegTree = new Map();
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let current: RegValues | undefined;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    // Only hex values continue onto the next line (a string value ends with its closing quote).
    while (/=hex(\([0-9a-f]+\))?:/i.test(line) && line.endsWith("\\") && i + 1 < lines.length) {
      line = line.slice(0, -1) + lines[++i]!.trim();
    }
    if (line === "" || line.startsWith("Windows Registry Editor") || line.startsWith(";")) continue;
    if (line.startsWith("[")) {
      current = new Map();
      tree.set(line.slice(1, line.lastIndexOf("]")), current);
      continue;
    }
    if (!current) throw new Error(`value outside a key: ${line}`);
    let name: string;
    let rest: string;
    if (line.startsWith("@=")) {
      name = "";
      rest = line.slice(2);
    } else {
      // The name is a "..." string with \\ and \" escapes.
      let j = 1;
      while (j < line.length && line[j] !== '"') j += line[j] === "\\" ? 2 : 1;
      name = parseRegString(line.slice(0, j + 1));
      if (line[j + 1] !== "=") throw new Error(`bad .reg line ${line}`);
      rest = line.slice(j + 2);
    }
    current.set(name, parseRegValue(rest));
  }
  return tree;
}

/** Wine's cmd.exe, when CreateProcess fails for a command it found nothing else to run as. */
const WINE_CMD_START_FAILURE = /Can't recognize '[^'\r\n]*' as an internal or external command, or batch script\./g;

export class WinePrefix {
  readonly root: string;
  readonly prefix: string;
  readonly driveC: string;
  /** Unix directory mapped to C:\svcgen-bin, first on the scripts' PATH. */
  readonly binDir: string;
  private readonly env: NodeJS.ProcessEnv;
  private exportCount = 0;
  /** Times Wine's cmd.exe could not start a program (see retryOnStartFailure). */
  startFailures = 0;
  /** The services of a fresh prefix, which resetServices leaves alone. */
  private baseServices = new Set<string>();

  private constructor(label: string, private readonly o: Required<Pick<WineOracle, "wine" | "wineserver">>) {
    this.root = mkdtempSync(join(tmpdir(), `svcgen-wine-${label}-`));
    this.prefix = join(this.root, "prefix");
    this.driveC = join(this.prefix, "drive_c");
    this.binDir = join(this.driveC, "svcgen-bin");
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? this.root,
      LANG: "C.UTF-8",
      WINEPREFIX: this.prefix,
      WINEDEBUG: "-all",
      WINEDLLOVERRIDES: "mscoree,mshtml=",
      WINEPATH: "C:\\svcgen-bin",
    };
    this.env = env;
  }

  /** A fresh prefix: wineboot, no crash debugger, a persistent wineserver (one services.exe for all runs). */
  static async create(label: string): Promise<WinePrefix> {
    const o = wineOracle();
    if (!o.available) throw new Error(`wine is not installed (${WINE_INSTALL_HINT})`);
    const p = new WinePrefix(label, { wine: o.wine!, wineserver: o.wineserver! });
    try {
      await p.setUp();
    } catch (e) {
      // Otherwise the persistent wineserver and the processes it keeps outlive the test run.
      await p.close();
      throw e;
    }
    return p;
  }

  private async setUp(): Promise<void> {
    await this.spawnWait(this.o.wine, ["wineboot", "-i"], 180_000);
    await this.spawnWait(this.o.wineserver, ["-w"], 120_000);
    // Started after wineboot (a second services.exe could otherwise start during it): keeps the SCM up
    // between runs, so an auto-start service is not started again behind the test's back.
    await this.spawnWait(this.o.wineserver, ["-p"], 30_000);
    mkdirSync(this.binDir, { recursive: true });
    const aeDebug = "HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\AeDebug";
    await this.setupStep(["reg", "add", aeDebug, "/v", "Debugger", "/t", "REG_SZ", "/d", "", "/f"]);
    await this.setupStep(["reg", "add", aeDebug, "/v", "Auto", "/t", "REG_SZ", "/d", "1", "/f"]);
    this.baseServices = new Set(await this.serviceNames());
  }

  /** Names of the keys under HKLM\System\CurrentControlSet\Services. */
  async serviceNames(): Promise<string[]> {
    const root = "HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services\\";
    const r = await this.setupStep(["reg", "query", "HKLM\\System\\CurrentControlSet\\Services"]);
    return r.stdout
      .split(/\r?\n/)
      .filter((l) => l.toUpperCase().startsWith(root.toUpperCase()))
      .map((l) => l.slice(root.length).trim());
  }

  /** Stops and deletes every service that was not in the fresh prefix (with Wine's own sc.exe). */
  async resetServices(): Promise<void> {
    const sc = "C:\\windows\\system32\\sc.exe";
    for (const name of await this.serviceNames()) {
      if (this.baseServices.has(name) || name === "") continue;
      await this.wine([sc, "stop", name]);
      await this.wine([sc, "delete", name]);
    }
  }

  /**
   * Runs a test body; when it fails after Wine's cmd.exe failed to start a program that is there (cmd
   * then says "Can't recognize ... as an internal or external command" and sets 9009; seen in CI about
   * once in a few thousand starts, never here in 3,000 in a row), the services it made are removed and
   * it runs again, with a warning, at most twice (on a machine busy with other work, two start failures
   * in one test have been seen). A failure without such a start failure is never retried.
   */
  async retryOnStartFailure(what: string, body: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const before = this.startFailures;
      try {
        return await body();
      } catch (e) {
        if (this.startFailures === before || attempt === 3) throw e;
        console.warn(`wine: "${what}" failed after cmd.exe could not start a program; services reset, running it again (attempt ${attempt + 1} of 3). The failure was: ${(e as Error).message.split("\n")[0]}`);
        await this.resetServices();
      }
    }
  }

  /** The Windows path of a Unix path (under drive_c when it is, else through Z:). */
  winPath(unixPath: string): string {
    if (unixPath.startsWith(this.driveC + "/")) return "C:\\" + unixPath.slice(this.driveC.length + 1).replace(/\//g, "\\");
    return "Z:" + unixPath.replace(/\//g, "\\");
  }

  /** Copies a program into C:\svcgen-bin (on the scripts' PATH) under `name`; returns its Windows path. */
  installTool(unixSource: string, name = basename(unixSource)): string {
    copyFileSync(unixSource, join(this.binDir, name));
    return `C:\\svcgen-bin\\${name}`;
  }

  private spawnWait(cmd: string, args: string[], timeoutMs: number, extraEnv: Record<string, string> = {}, cwd?: string): Promise<RunResult> {
    const n = this.exportCount++;
    const outPath = join(this.root, `run-${n}.out`);
    const errPath = join(this.root, `run-${n}.err`);
    const out = openSync(outPath, "w");
    const err = openSync(errPath, "w");
    const env = { ...this.env, ...extraEnv };
    delete env.DISPLAY;
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn(cmd, args, { env, cwd: cwd ?? this.root, stdio: ["ignore", out, err], detached: false });
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`timed out after ${timeoutMs} ms: ${cmd} ${args.join(" ")}`));
      }, timeoutMs);
      child.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.on("exit", (code, signal) => {
        clearTimeout(timer);
        closeSync(out);
        closeSync(err);
        const stdout = decodeOutput(readFileSync(outPath));
        const stderr = decodeOutput(readFileSync(errPath));
        rmSync(outPath, { force: true });
        rmSync(errPath, { force: true });
        if (code === null) reject(new Error(`${cmd} ${args.join(" ")} ended by ${signal}`));
        // Wine passes the Windows exit code through as the low 8 bits only; runScript reads the full
        // code from the script itself.
        else resolve({ code, stdout, stderr, ms: Date.now() - started });
      });
    });
  }

  /**
   * `wine <args>` for reg.exe and sc.exe, which always say why they failed: a failure without a word is
   * Wine not starting the program (see runScript), and it is tried again, twice at most, with Wine's
   * error channel on.
   */
  private async wineTool(args: string[]): Promise<RunResult> {
    let r = await this.wine(args);
    for (let attempt = 2; r.code !== 0 && r.stdout === "" && r.stderr === "" && attempt <= 3; attempt++) {
      console.warn(`wine: ${args.slice(0, 2).join(" ")} ended ${r.code} without output; attempt ${attempt}`);
      r = await this.wine(args, { env: { WINEDEBUG: "err+all,fixme-all" } });
    }
    return r;
  }

  /**
   * A step of setting up the prefix (reg add, sc create, ...) that must succeed. (Without wineTool's
   * retry, one Wine glitch in a beforeAll failed a whole test file.)
   */
  async setupStep(args: string[]): Promise<RunResult> {
    const r = await this.wineTool(args);
    if (r.code !== 0) throw new Error(`wine ${args.join(" ")} failed (${r.code}): ${r.stdout}${r.stderr}`);
    return r;
  }

  /** `wine <args>` (a Windows program and its arguments). */
  wine(args: string[], opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunResult> {
    return this.spawnWait(this.o.wine, args, opts.timeoutMs ?? 120_000, opts.env);
  }

  /**
   * Runs a .cmd file with `wine cmd /c`. The exit code is the full 32-bit code (cmd's %ERRORLEVEL%,
   * recorded by a wrapper script), not the 8 bits a Unix exit status holds. The wrapper runs the script
   * in a child `cmd /c`, not with `call`: after `call`, Wine 8's cmd sets %ERRORLEVEL% to 1 for any
   * non-zero `exit /b N` of the called script (so the Administrator check's 5 read as 1).
   *
   * The wrapper first leaves a marker. When Wine exits without it, cmd.exe never began the wrapper, so
   * the script has not run and nothing it would change has changed: that is Wine failing to start a
   * process (seen once in CI: exit 1, no output, with WINEDEBUG=-all hiding why).
   * Such a run is tried again, with Wine's error channel on, and reported; a script that began and left
   * no exit code is a failure of the script and is never retried.
   */
  async runScript(unixPath: string, opts: { env?: Record<string, string>; timeoutMs?: number } = {}): Promise<RunResult> {
    const failures: string[] = [];
    for (let attempt = 1; ; attempt++) {
      const n = this.exportCount++;
      const codeFile = join(this.root, `code-${n}.txt`);
      const startedFile = join(this.root, `started-${n}.txt`);
      const wrapper = join(this.root, `wrap-${n}.cmd`);
      writeFileSync(
        wrapper,
        `@>"${this.winPath(startedFile)}" echo started\r\n@cmd /c ""${this.winPath(unixPath)}""\r\n@>"${this.winPath(codeFile)}" echo %ERRORLEVEL%\r\n`,
      );
      const env = attempt === 1 ? opts.env : { ...opts.env, WINEDEBUG: "err+all,fixme-all" };
      const r = await this.spawnWait(this.o.wine, ["cmd", "/c", this.winPath(wrapper)], opts.timeoutMs ?? 180_000, env);
      rmSync(wrapper, { force: true });
      const started = existsSync(startedFile);
      rmSync(startedFile, { force: true });
      const recorded = existsSync(codeFile) ? readFileSync(codeFile, "utf8").trim() : "";
      rmSync(codeFile, { force: true });
      if (/^-?\d+$/.test(recorded)) {
        this.startFailures += (r.stdout + r.stderr).match(WINE_CMD_START_FAILURE)?.length ?? 0;
        if (failures.length > 0) console.warn(`wine: ${unixPath} ran on attempt ${attempt}; before that:\n${failures.join("\n")}`);
        return { ...r, code: Number(recorded) };
      }
      const what = `wine exit ${r.code} after ${r.ms} ms; stdout ${JSON.stringify(r.stdout)}; stderr ${JSON.stringify(r.stderr)}`;
      if (started) throw new Error(`script ${unixPath} began but left no exit code (${what})`);
      failures.push(`attempt ${attempt}: cmd.exe never began the wrapper (${what})`);
      if (attempt === 3) throw new Error(`script ${unixPath}: Wine did not start cmd.exe in ${attempt} attempts\n${failures.join("\n")}`);
    }
  }

  /** `reg export` of a key and its subkeys, the bytes reg.exe wrote; undefined when the key does not exist. */
  async regExportBytes(key: string): Promise<Uint8Array | undefined> {
    const file = join(this.root, `export-${this.exportCount++}.reg`);
    const r = await this.wineTool(["reg", "export", key, this.winPath(file), "/y"]);
    if (r.code !== 0 || !existsSync(file)) {
      if (r.code !== 0 && !/Unable to find/i.test(r.stdout + r.stderr)) throw new Error(`reg export ${key} failed (${r.code}): ${r.stdout}${r.stderr}`);
      return undefined;
    }
    const bytes = readFileSync(file);
    rmSync(file, { force: true });
    if (bytes[0] !== 0xff || bytes[1] !== 0xfe) throw new Error(`reg export wrote no UTF-16 BOM for ${key}`);
    return new Uint8Array(bytes);
  }

  /** `reg export` of a key and its subkeys, parsed; undefined when the key does not exist. */
  async regExport(key: string): Promise<RegTree | undefined> {
    const bytes = await this.regExportBytes(key);
    return bytes && parseRegFile(UTF16.decode(bytes.subarray(2)));
  }

  /** The registry keys of a service, or undefined when it is not installed. */
  async service(name: string): Promise<ServiceKeys | undefined> {
    const base = `HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services\\${name}`;
    const tree = await this.regExport(`HKLM\\System\\CurrentControlSet\\Services\\${name}`);
    if (!tree) return undefined;
    const lower = new Map([...tree].map(([k, v]) => [k.toLowerCase(), { k, v }]));
    const key = lower.get(base.toLowerCase());
    if (!key) throw new Error(`reg export of ${name} has no [${base}]: ${[...tree.keys()].join(", ")}`);
    const subkeys = new Map<string, RegValues>();
    for (const [k, v] of tree) {
      if (k.toLowerCase().startsWith(base.toLowerCase() + "\\")) subkeys.set(k.slice(base.length + 1), v);
    }
    const params = [...subkeys].find(([k]) => k.toLowerCase() === "parameters");
    return { key: key.v, parameters: params?.[1], subkeys };
  }

  /** A stopped stub service (for dependencies): Wine's sc.exe create with notepad as the program. */
  async createStubService(name: string): Promise<void> {
    await this.setupStep(["sc", "create", name, "binPath=", "C:\\windows\\system32\\notepad.exe", "start=", "demand"]);
    this.baseServices.add(name);
  }

  /** Stops the prefix's wineserver (and every Wine process in it) and deletes the prefix. */
  async close(): Promise<void> {
    try {
      await this.spawnWait(this.o.wineserver, ["-k"], 30_000);
    } catch {
      // already gone
    }
    rmSync(this.root, { recursive: true, force: true });
  }
}

// --- writing .reg files, as Wine's reg export writes them (programs/reg/export.c), independently of svcgen's
// parser (src/escape/reg-file.ts): strings with \\ and \" escaped, dword:%08x, other types as hex bytes
// wrapped after 77 columns with `\` and a two-space indent. Used to give the readers the exports of services
// that tests describe by their registry values (test/import/registry-model.ts).

function utf16le(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out.push(c & 0xff, c >> 8);
  }
  return out;
}

const escapeReg = (s: string) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');

function hexValue(prefix: string, type: number, bytes: readonly number[]): string {
  let line = prefix + (type === 3 ? "hex:" : `hex(${type.toString(16)}):`);
  let len = line.length;
  for (let i = 0; i < bytes.length; i++) {
    line += bytes[i]!.toString(16).padStart(2, "0");
    if (i === bytes.length - 1) break;
    line += ",";
    len += 3;
    if (len >= 77) {
      line += "\\\r\n  ";
      len = 2;
    }
  }
  return line;
}

/** One value line (or lines) of a .reg file. */
export function formatRegValue(name: string, v: RegValue): string {
  const prefix = name === "" ? "@=" : `"${escapeReg(name)}"=`;
  switch (v.type) {
    case "REG_SZ":
      return `${prefix}"${escapeReg(v.value)}"`;
    case "REG_DWORD":
      return `${prefix}dword:${v.value.toString(16).padStart(8, "0")}`;
    case "REG_EXPAND_SZ":
      return hexValue(prefix, 2, utf16le(v.value + "\0"));
    case "REG_MULTI_SZ":
      return hexValue(prefix, 7, utf16le(v.value.map((x) => x + "\0").join("") + "\0"));
    case "REG_QWORD": {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigUint64(0, v.value, true);
      return hexValue(prefix, 11, [...b]);
    }
    default:
      return hexValue(prefix, v.type === "REG_BINARY" ? 3 : Number(v.type.slice(4)), [...v.value]);
  }
}

/** A .reg file's bytes (UTF-16LE with a BOM, CRLF), each key before its subkeys, subkeys by name, as reg export orders them. */
export function formatRegFile(tree: RegTree): Uint8Array {
  const lines = ["Windows Registry Editor Version 5.00", ""];
  const order = (a: string, b: string) => {
    const [x, y] = [a.toLowerCase().split("\\"), b.toLowerCase().split("\\")];
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
    return x.length - y.length;
  };
  for (const [key, values] of [...tree].sort(([a], [b]) => order(a, b))) {
    lines.push(`[${key}]`);
    for (const [name, v] of values) lines.push(formatRegValue(name, v));
    lines.push("");
  }
  const text = "\uFEFF" + lines.join("\r\n") + "\r\n";
  return Uint8Array.from(utf16le(text));
}
