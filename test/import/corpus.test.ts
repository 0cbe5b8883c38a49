import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../src/compile.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { importSources } from "../../src/import/import.js";
import { decodeSource } from "../../src/spec/source-text.js";
import { decodeWindowsArgs } from "../decoders/windows-argv.js";
import { childElements, parseXml, textOf, type XmlElement } from "../decoders/xml.js";
import { readWinsw, type Version, type WinswConfig } from "../winsw/winsw-reader.js";

// Real files no one here wrote: WinSW XMLs and task XMLs from public repositories (CORPUS.md lists each one's
// repository, path, commit and licence). Their content is not kept in this repository: the corpus is read
// from SVCGEN_IMPORT_CORPUS, or shared/corpus/import beside the clone, laid out as <dir>/winsw/*.xml and
// <dir>/schtasks/*.xml. Each file is imported or refused with located diagnostics, never a crash. For each
// imported one, the file built back from the spec is read by the independent test readers (WinSW: the reader
// written from WinSW's source; tasks: xmllint with Microsoft's XSD, then the test XML parser) and its values
// must equal the original's, apart from those the warnings name.

const repoRoot = resolve(new URL("../..", import.meta.url).pathname);
const candidates = [process.env.SVCGEN_IMPORT_CORPUS, join(repoRoot, "..", "shared", "corpus", "import"), "/work/shared/corpus/import"].filter((d): d is string => !!d);
const corpus = candidates.find((d) => existsSync(join(d, "winsw")) || existsSync(join(d, "schtasks")));
const xsd = process.env.SVCGEN_TASK_XSD ?? join(repoRoot, "test", "oracles", "task-scheduler.xsd");
const scratch = mkdtempSync(join(tmpdir(), "svcgen-corpus-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const located = (ds: readonly Diagnostic[]) => ds.every((d) => d.line >= 1 && d.col >= 1 && d.file !== "");
const warnedAbout = (ds: readonly Diagnostic[], words: readonly string[]) => ds.some((d) => words.some((w) => d.message.includes(w)));

// --- WinSW: each value of the test reader's WinswConfig, and the words a warning about it would name.
const WINSW_VALUES: [string, (c: WinswConfig) => unknown, string[]][] = [
  ["id", (c) => c.id, ["<id>"]],
  ["name", (c) => c.displayName || c.id, ["<name>"]],
  ["description", (c) => c.description, ["<description>"]],
  ["executable", (c) => c.executable, ["<executable>"]],
  ["arguments", (c) => decodeWindowsArgs(c.arguments), ["<arguments>", "<argument>", "argument "]],
  ["workingdirectory", (c) => c.workingDirectory, ["<workingdirectory>"]],
  ["env", (c) => c.env, ["<env>", "is set to", "set a second time"]],
  ["startmode", (c) => [c.startMode, c.delayedAutoStart], ["<startmode>", "<delayedAutoStart>"]],
  ["depend", (c) => c.depend.filter((d) => d !== ""), ["<depend>"]],
  ["account", (c) => c.account?.name, ["<serviceaccount>", "<user>", "<username>", "password"]],
  ["onfailure", (c) => c.failureActions.map((a) => (a.action === "restart" ? `restart ${a.delayMs}` : "stop")).filter((a, i, all) => i === 0 || a !== all[i - 1] || a.startsWith("restart") === false), ["failure action", "restart.delay", "<onfailure", "this restart"]],
  ["resetfailure", (c) => (c.failureActions.length > 0 ? c.resetFailureMs : undefined), ["<resetfailure>"]],
  ["stoptimeout", (c) => c.stopTimeoutMs, ["<stoptimeout>"]],
  ["log", (c) => c.log, ["<log", "log mode", "<logpath>", "<logname>", "<logmode>"]],
  ["priority", (c) => c.priority, ["<priority>"]],
  ["hooks", (c) => c.hooks, ["<prestart>", "<poststop>", "<poststart>", "<prestop>"]],
];

function winswReads(xml: string, version: Version): WinswConfig | string {
  try {
    // No machine variables: every %NAME% stays as written, so both files are compared as text.
    return readWinsw(xml, version, new Map(), "C:\\svc");
  } catch (e) {
    return (e as Error).message;
  }
}

// --- Task Scheduler: the values the task's XML states, read by the test XML parser.
function taskValues(xml: string): Record<string, unknown> {
  const task = parseXml(xml).root;
  const find = (el: XmlElement | undefined, ...path: string[]): XmlElement | undefined => path.reduce<XmlElement | undefined>((e, n) => (e ? childElements(e, n)[0] : undefined), el);
  const text = (...path: string[]) => {
    const e = find(task, ...path);
    return e ? textOf(e).trim() : undefined;
  };
  const execs = childElements(find(task, "Actions")!, "Exec").filter((e) => !e.attrs.some(([k]) => k === "id"));
  const exec = execs[0];
  const command = exec ? textOf(find(exec, "Command")!).trim().replace(/^"(.*)"$/, "$1") : undefined;
  const args = exec && find(exec, "Arguments") ? decodeWindowsArgs(textOf(find(exec, "Arguments")!)) : [];
  const triggers = find(task, "Triggers");
  const trigger = triggers ? childElements(triggers).filter((t) => t.name === "BootTrigger" || t.name === "LogonTrigger").map((t) => t.name)[0] : undefined;
  return {
    command,
    args,
    workingDirectory: exec && find(exec, "WorkingDirectory") ? textOf(find(exec, "WorkingDirectory")!) : undefined,
    userId: text("Principals", "Principal", "UserId"),
    trigger,
    enabled: (text("Settings", "Enabled") ?? "true") === "true",
    priority: Number(text("Settings", "Priority") ?? "7"),
    restart: find(task, "Settings", "RestartOnFailure") ? [text("Settings", "RestartOnFailure", "Interval"), text("Settings", "RestartOnFailure", "Count")] : undefined,
    description: text("RegistrationInfo", "Description") || undefined,
  };
}
const TASK_WORDS: Record<string, string[]> = {
  command: ["<Command>"],
  args: ["<Arguments>", "argument "],
  workingDirectory: ["<WorkingDirectory>", "working directory"],
  userId: ["<UserId>", "principal", "Principals", "runs as"],
  trigger: ["Trigger", "trigger"],
  enabled: ["Enabled", "disabled"],
  priority: ["Priority"],
  restart: ["RestartOnFailure", "Interval", "Count"],
  description: ["Description", "description"],
};

const counts = { winsw: { files: 0, imported: 0, refused: 0, same: 0, named: 0 }, schtasks: { files: 0, imported: 0, refused: 0, same: 0, named: 0 } };

describe.skipIf(!corpus)(`real files (${corpus ?? "no corpus: set SVCGEN_IMPORT_CORPUS"})`, () => {
  for (const target of ["winsw", "schtasks"] as const) {
    const dir = join(corpus ?? "", target);
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.toLowerCase().endsWith(".xml")).sort() : [];
    describe(target, () => {
      for (const f of files) {
        it(f, async () => {
          const bytes = readFileSync(join(dir, f));
          const c = counts[target];
          c.files++;
          const r = await importSources([{ name: f, bytes }], { from: target });
          expect(located(r.diagnostics), JSON.stringify(r.diagnostics)).toBe(true);
          const s = r.services[0];
          if (!s?.spec) {
            expect(r.diagnostics.some((d) => d.severity === "error"), "a refusal says why").toBe(true);
            c.refused++;
            return;
          }
          c.imported++;
          const built = await compile(s.spec, `${s.name}.yaml`, { targets: [target] });
          const out = built.outputs.flatMap((o) => o.files)[0]!;
          const problems: string[] = [];
          let named = false;
          if (target === "winsw") {
            const original = decodeSource(bytes, f).text!;
            const rebuilt = new TextDecoder().decode(out.bytes);
            const version = (s.result.model?.options as { version?: 2 | 3 }).version;
            for (const v of version ? [version] : ([2, 3] as const)) {
              const a = winswReads(original, v);
              const b = winswReads(rebuilt, v);
              if (typeof b === "string") problems.push(`WinSW ${v} cannot read the rebuilt file: ${b}`);
              if (typeof a === "string" || typeof b === "string") continue;
              for (const [what, value, words] of WINSW_VALUES) {
                const [x, y] = [JSON.stringify(value(a)), JSON.stringify(value(b))];
                if (x === y) continue;
                if (warnedAbout(s.result.diagnostics, words)) named = true;
                else problems.push(`WinSW ${v} ${what}: ${x} became ${y}, and no warning says so`);
              }
            }
          } else {
            const path = join(scratch, `${s.name}.task.xml`);
            writeFileSync(path, out.bytes);
            const lint = spawnSync("xmllint", ["--noout", "--schema", xsd, path], { encoding: "utf8" });
            if (lint.status !== 0) problems.push(`the rebuilt task does not validate: ${lint.stderr}`);
            const a = taskValues(decodeSource(bytes, f).text!);
            const b = taskValues(new TextDecoder("utf-16le").decode(out.bytes.subarray(2)));
            for (const k of Object.keys(a)) {
              const [x, y] = [JSON.stringify(a[k]), JSON.stringify(b[k])];
              if (x === y) continue;
              if (warnedAbout(s.result.diagnostics, TASK_WORDS[k]!)) named = true;
              else problems.push(`${k}: ${x} became ${y}, and no warning says so`);
            }
          }
          expect(problems, `${f}\n${s.spec}`).toEqual([]);
          if (named) c.named++;
          else c.same++;
        });
      }
    });
  }
  afterAll(() => {
    for (const [t, c] of Object.entries(counts)) {
      process.stdout.write(`[import corpus ${t}] ${c.files} files: ${c.imported} imported (${c.same} read back the same, ${c.named} the same apart from values the warnings name), ${c.refused} refused with located errors\n`);
    }
  });
});

it.runIf(!corpus)("the corpus of real files is not here (its files are not kept in the repository: see CORPUS.md)", () => {
  process.stdout.write(`[import corpus] not run: no corpus in ${candidates.join(", ")}\n`);
});
