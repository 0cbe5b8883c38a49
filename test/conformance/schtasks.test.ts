import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect } from "vitest";
import { decodeWindowsArgs, splitProgramName, type ArgvDialect } from "../decoders/windows-argv.js";
import { compileYaml } from "../helpers/compile.js";
import { itWithOracle } from "../helpers/oracle.js";
import { decodeTaskFile, ignoringRestartPolicy } from "../schtasks/task-xml.js";

// Oracle: Microsoft's published Task Scheduler schema (test/oracles/task-scheduler.xsd, a byte-for-byte
// copy kept so that any clone can run this; SVCGEN_TASK_XSD names another copy) with libxml2's xmllint. xmllint accepts a UTF-16 file however it is labelled, so
// the BOM and declaration bytes are checked separately. Arguments are read back through libxml2 (xmllint
// --xpath) and split with Microsoft's argv rules (test/decoders/windows-argv.ts), under both dialects.
const repoRoot = resolve(new URL("../..", import.meta.url).pathname);
const xsd = process.env.SVCGEN_TASK_XSD ?? join(repoRoot, "test", "oracles", "task-scheduler.xsd");
const xmllint = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
const available = xmllint.status === 0 && existsSync(xsd);
const it = itWithOracle(
  available,
  `xmllint with the Task Scheduler XSD (${xsd})`,
  "apt-get install libxml2-utils (and SVCGEN_TASK_XSD, if set, must name the XSD)",
);

const DIALECTS: ArgvDialect[] = ["msvcrt", "commandLineToArgvW"];
const fixtures = join(repoRoot, "fixtures");
const goldenTasks = readdirSync(fixtures).flatMap((c) => {
  const dir = join(fixtures, c, "expected");
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".task.xml")).map((f) => ({ fixture: c, file: join(dir, f) })) : [];
});

const scratch = mkdtempSync(join(tmpdir(), "svcgen-schtasks-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function validate(files: string[]): { status: number | null; stderr: string } {
  const r = spawnSync("xmllint", ["--noout", "--schema", xsd, ...files], { encoding: "utf8" });
  return { status: r.status, stderr: r.stderr };
}

/** A string value as libxml2 parses it out of the file (XPath string(), printed as UTF-8 plus a newline). */
function xpath(file: string, expr: string): string {
  const r = spawnSync("xmllint", ["--xpath", `string(${expr})`, file], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout.endsWith("\n")).toBe(true);
  return r.stdout.slice(0, -1);
}
const el = (...names: string[]) => names.map((n) => `*[local-name()='${n.replace(/\[.*$/, "")}']${n.match(/\[.*$/)?.[0] ?? ""}`).join("/");

async function buildTask(yaml: string, name: string): Promise<string> {
  const r = await compileYaml(ignoringRestartPolicy(yaml), "schtasks");
  expect(r.errors, JSON.stringify(r.errors)).toEqual([]);
  const bytes = r.files.get(`${name}.task.xml`)!;
  decodeTaskFile(bytes);
  const file = join(scratch, `${name}-${Math.random().toString(36).slice(2)}.task.xml`);
  writeFileSync(file, bytes);
  return file;
}

describe("golden task files", () => {
  it("there are golden task files", () => expect(goldenTasks.length).toBeGreaterThanOrEqual(10));
  for (const g of goldenTasks) {
    it(`${g.fixture}: UTF-16LE with BOM and UTF-16 declaration, valid against Microsoft's schema`, () => {
      decodeTaskFile(readFileSync(g.file));
      const r = validate([g.file]);
      expect(r.stderr).toBe(`${g.file} validates\n`);
      expect(r.status).toBe(0);
    });
  }
});

// Specs covering every shape the emitter writes (triggers, principals, restart, priority, hooks).
const BASE = "version: 1\nname: conf\nexecutable: C:\\apps\\conf\\conf.exe\n";
const VARIANTS: Record<string, string> = {
  minimal: "",
  delayed: "startup: delayed\n",
  manual: "startup: manual\n",
  disabled: "startup: disabled\n",
  "logon-delayed": "account: { user: CORP\\alice, password: { fromEnv: PW } }\nstartup: delayed\noptions: { schtasks: { trigger: logon } }\n",
  "logon-gmsa": "account: { user: CORP\\gmsa$ }\noptions: { schtasks: { trigger: logon } }\n",
  "local-service": "account: local-service\n",
  "network-service": "account: network-service\n",
  "nt-authority": "account: { user: NT AUTHORITY\\LocalService }\n",
  "restart-never": "restart: { policy: never }\n",
  "restart-max": "restart: { policy: always, delay: 31d, maxRetries: 255, window: 1h }\noptions: { schtasks: { ignore: [restart.policy] } }\n",
  "restart-min": "restart: { delay: 1ms, maxRetries: 1, window: 1s }\n",
  idle: "priority: idle\n",
  realtime: "priority: realtime\n",
  hooks:
    "workingDirectory: ${ProgramFiles}\\conf\nhooks:\n  preStart: { executable: C:\\apps\\conf\\pre.exe, args: [a] }\n  postStop: { executable: \"${SystemRoot}\\\\notify.exe\" }\n",
  description: 'description: "<&> \\"quoted\\" 100%\\n\\tsecond line é 🎉"\n',
};

describe("every shape of task validates against Microsoft's schema", () => {
  it("all variants", async () => {
    const files: string[] = [];
    for (const extra of Object.values(VARIANTS)) files.push(await buildTask(BASE + extra, "conf"));
    const r = validate(files);
    expect(r.stderr).toBe(files.map((f) => `${f} validates\n`).join(""));
    expect(r.status).toBe(0);
  });

  it("the oracle does reject a broken task (negative control)", async () => {
    const good = readFileSync(await buildTask(BASE + "startup: delayed\n", "conf"));
    const text = decodeTaskFile(good);
    const broken = [
      text.replace("<Priority>4</Priority>", "<Priority>11</Priority>"),
      text.replace("<Interval>PT1M</Interval>", "<Interval>PT30S</Interval>"),
      text.replace("<Count>255</Count>", "<Count>256</Count>"),
      text.replace(/<Enabled>true<\/Enabled>(\s*)<Delay>PT2M<\/Delay>/, "<Delay>PT2M</Delay>$1<Enabled>true</Enabled>"),
      text.replace('version="1.3"', 'version="1.4"'),
      text.replace('Context="Author"', 'Context="Nobody"'),
    ];
    for (const [i, t] of broken.entries()) {
      expect(t).not.toBe(text);
      const file = join(scratch, `broken-${i}.task.xml`);
      writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")]));
      const r = validate([file]);
      expect(r.stderr, t).toContain("fails to validate");
      expect(r.status).not.toBe(0);
    }
  });
});

// Hostile argv elements. At most one may hold a `%`: Windows pairs `%` signs across the whole
// Arguments line, and check refuses that (see test/schtasks/check.test.ts).
const HOSTILE = [
  "",
  " ",
  "plain",
  "two words",
  'say "hello"',
  '"',
  '\\"',
  "\\",
  "C:\\path with spaces\\",
  "trailing\\",
  "back\\\\slashes\\\\\"quote",
  "\\\\server\\share\\",
  "50%",
  "$HOME and $$",
  "caret^ and bang! & pipe | <angle> (paren)",
  "tab\there",
  "line\nfeed",
  "Grüße, 東京, emoji 🎉",
  ";",
  "'single'",
  "--title=Orders & Billing",
];

/** A spec string for a literal value: `$` is written `$$`; JSON strings are YAML double-quoted strings. */
const specString = (s: string) => JSON.stringify(s.replace(/\$/g, "$$$$"));

describe("Exec/Arguments decode back to the spec's args", () => {
  it("hostile arguments of the program and its hooks", async () => {
    const list = `[${HOSTILE.map(specString).join(", ")}]`;
    const yaml = [
      "version: 1",
      "name: hostile",
      "executable: C:\\Program Files (x86)\\Hostile & Co\\hostile.exe",
      `args: ${list}`,
      "workingDirectory: C:\\Program Files (x86)\\Hostile & Co",
      "hooks:",
      `  preStart: { executable: "C:\\\\apps\\\\pre & post.exe", args: ${list} }`,
      `  postStop: { executable: C:\\apps\\post.exe, args: ${list} }`,
      "",
    ].join("\n");
    const file = await buildTask(yaml, "hostile");
    expect(validate([file]).status).toBe(0);
    const commands = ["C:\\apps\\pre & post.exe", "C:\\Program Files (x86)\\Hostile & Co\\hostile.exe", "C:\\apps\\post.exe"];
    for (const [i, exe] of commands.entries()) {
      const exec = el("Task", "Actions", `Exec[${i + 1}]`);
      const command = xpath(file, `/${exec}/${el("Command")}`);
      const args = xpath(file, `/${exec}/${el("Arguments")}`);
      for (const d of DIALECTS) {
        // The process gets the command line `Command Arguments`.
        const { program, rest } = splitProgramName(`${command} ${args}`, d);
        expect(program).toBe(exe);
        expect(decodeWindowsArgs(rest, d)).toEqual(HOSTILE);
      }
    }
    expect(xpath(file, `/${el("Task", "Actions", "Exec[2]", "WorkingDirectory")}`)).toBe("C:\\Program Files (x86)\\Hostile & Co");
  });

  it("random argument lists (one % at most)", async () => {
    const pool = ["a", " ", "\t", '"', "\\", "&", "^", "$", "<", ">", "é", "東", "🎉", "\n", "'", ";", "|"];
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const lists: string[][] = [];
    for (let k = 0; k < 40; k++) {
      const argv = Array.from({ length: 1 + rand(6) }, () => Array.from({ length: rand(8) }, () => pool[rand(pool.length)]).join(""));
      if (k % 5 === 0) argv.push("100%");
      lists.push(argv);
    }
    for (const [k, argv] of lists.entries()) {
      const file = await buildTask(`version: 1\nname: r${k}\nexecutable: C:\\r.exe\nargs: [${argv.map(specString).join(", ")}]\n`, `r${k}`);
      const args = xpath(file, `/${el("Task", "Actions", "Exec", "Arguments")}`);
      for (const d of DIALECTS) expect(decodeWindowsArgs(args, d), JSON.stringify(argv)).toEqual(argv);
    }
  });
});
