import { readFileSync } from "node:fs";
import { diag, sortDiagnostics, type Diagnostic } from "../diagnostics/diagnostic.js";
import { formatDiagnostics, type DiagnosticFormat } from "../diagnostics/format.js";
import { SERVICE_NOT_INSTALLED } from "../diff/codes.js";
import { diffSpec, type InstalledService } from "../diff/diff.js";
import { importableTargets, readSources, type ImportedService, type ImportSource } from "../import/import.js";
import type { SourceLoc, TargetId } from "../model.js";
import { loadSpec, locate } from "../spec/load.js";
import { decodeSource } from "../spec/source-text.js";
import { targetEntry } from "../targets/registry.js";
import type { InstalledSource, RunProgram } from "../targets/types.js";
import { liveFiles, runProgram, withScratchFolder } from "./import.js";
import { writeStderr, writeStdout } from "./output.js";
import { exitCodeOf, parseTargets, UsageError } from "./specs.js";

// `svcgen diff SPEC... (--installed | --against FILE...)`: the I/O around src/diff/diff.ts. Specs are read,
// the installed services fetched (each target's InstalledSource) or the given files read (decoded, detected
// and grouped exactly as `import` does), each service paired with its spec, and the differences printed on
// stdout (they are the command's result, as `build --check`'s findings are), one sorted list in any format.
// Exit 0 when everything agrees, 1 when anything differs or cannot be compared (a spec's or a reader's
// error), 2 on a usage or I/O error.

export interface DiffCliOptions {
  targets?: string[];
  installed: boolean;
  against?: string[];
  format: DiagnosticFormat;
  /** Runs the programs --installed needs (tests give a fake). */
  run?: RunProgram;
  /** The platform whose live-service readers --installed uses (tests give another). */
  platform?: string;
}

interface Spec {
  file: string;
  /** The spec's text, or its bytes when they do not decode (compile then reports why). */
  text: string | Uint8Array;
  /** The service name, when the spec can be read that far. */
  name?: string;
  nameAt: SourceLoc;
  /** The spec's `targets`. */
  targets: TargetId[];
}

interface Pair {
  spec: Spec;
  service: InstalledService;
  /** What was read, for the summary: the files, or the command that showed the live service. */
  what: string;
}

export const runDiff = (specs: string[], o: DiffCliOptions): Promise<number> => exitCodeOf(() => diffCommand(specs, o));

const readable = (): string => importableTargets().map((t) => t.id).join(", ");

function readFile(f: string): Uint8Array {
  try {
    return readFileSync(f);
  } catch (e) {
    throw new UsageError(`cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

async function loadSpecs(files: string[]): Promise<Spec[]> {
  const out: Spec[] = [];
  for (const file of files) {
    // Decoded as build and validate decode a spec (UTF-16 and UTF-32 with a BOM; bytes that are not
    // UTF-8 refused, never replaced): the spec's errors then stop its comparison with their codes.
    const bytes = readFile(file);
    const decoded = decodeSource(bytes, file);
    const text = decoded.text ?? bytes;
    const loaded = decoded.text === undefined ? undefined : (await loadSpec(decoded.text, file)).spec;
    const data = (loaded?.data ?? {}) as { name?: unknown; targets?: unknown };
    const spec: Spec = {
      file,
      text,
      nameAt: loaded ? locate(loaded, "/name") : { file, line: 1, col: 1 },
      targets: Array.isArray(data.targets) ? data.targets.filter((t): t is TargetId => typeof t === "string" && !!targetEntry(t)) : [],
    };
    if (typeof data.name === "string") spec.name = data.name;
    out.push(spec);
  }
  return out;
}

function pluralise(n: number, w: string): string {
  return `${n} ${w}${n === 1 ? "" : "s"}`;
}

async function diffCommand(specFiles: string[], o: DiffCliOptions): Promise<number> {
  if (o.installed && o.against) throw new UsageError("give --installed or --against FILE..., not both");
  if (!o.installed && !o.against) throw new UsageError("say what to compare the specs with: --installed (the services on this machine) or --against FILE...");
  const targets = parseTargets(o.targets);
  for (const t of targets ?? []) {
    if (!targetEntry(t)!.reader) throw new UsageError(`svcgen cannot read ${t} services yet, so it cannot diff them; it reads ${readable()}`);
  }
  const specs = await loadSpecs(specFiles);
  const diagnostics: Diagnostic[] = [];
  const pairs = o.against ? await againstFiles(specs, o.against, targets, diagnostics) : await installedServices(specs, targets, o, diagnostics);

  const summaries: string[] = [];
  for (const p of pairs) {
    const r = await diffSpec(p.spec.text, p.spec.file, p.service);
    diagnostics.push(...r.diagnostics);
    const result = r.differences === undefined ? "not compared (errors above)" : r.differences === 0 ? "no differences" : pluralise(r.differences, "difference");
    summaries.push(`${p.spec.file} [${p.service.target}] against ${p.what}: ${result}\n`);
  }
  sortDiagnostics(diagnostics);
  writeStdout(formatDiagnostics(diagnostics, o.format));
  if (o.format === "text") writeStderr(summaries.join(""));
  return diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}

/** --against: the files read as `import` reads them, each service paired with the spec of its name. */
async function againstFiles(specs: Spec[], files: string[], targets: TargetId[] | undefined, diagnostics: Diagnostic[]): Promise<Pair[]> {
  if (files.length === 0) throw new UsageError("--against needs the files to compare with");
  const sources: ImportSource[] = files.map((f) => ({ name: f, bytes: readFile(f) }));
  const read = await readSources(sources, targets?.length === 1 ? { from: targets[0]!, kindFlag: "--target" } : { ...(targets ? { kinds: targets } : {}), kindFlag: "--target" });
  diagnostics.push(...read.diagnostics);
  const pairs: Pair[] = [];
  // A file that holds several services (a supervisord file's programs, a Run key's entries) holds others'
  // too: its services are paired by name, and those no spec names are not compared.
  const perFile = new Map<string, number>();
  for (const s of read.services) perFile.set(s.files[0]!, (perFile.get(s.files[0]!) ?? 0) + 1);
  const several = (s: ImportedService) => perFile.get(s.files[0]!)! > 1;
  const byName = (s: ImportedService) => specs.find((x) => x.name === s.name) ?? specs.find((x) => x.name?.toLowerCase() === s.name.toLowerCase());
  const specFor = (s: ImportedService): Spec | undefined => (specs.length === 1 && !several(s) ? specs[0] : byName(s));
  for (const s of read.services) {
    const spec = specFor(s);
    if (!spec && several(s)) continue;
    if (!spec) throw new UsageError(`${s.files[0]} is the service ${s.name}, and no spec given is named ${s.name}; with several specs, each file is compared with the spec of its service's name`);
    pairs.push({ spec, service: { target: s.target, files: s.files, result: s.result }, what: s.files.join(" ") });
  }
  const unread = read.diagnostics.some((d) => d.severity === "error");
  // A file of several services that lacks the spec's is drift (the entry or program was removed), not a
  // usage error: reported at the spec's name, as --installed reports a service that is not there.
  const shared = read.services.filter(several);
  for (const spec of specs) {
    if (unread || pairs.some((p) => p.spec === spec)) continue;
    const holders = spec.name === undefined ? [] : [...new Set(shared.filter((s) => (targets ?? spec.targets).length === 0 || (targets ?? spec.targets).includes(s.target)).map((s) => s.files[0]!))];
    if (holders.length === 0) throw new UsageError(`no file given for ${spec.file} (service ${spec.name ?? "?"}): give its files after --against`);
    const target = shared.find((s) => s.files[0] === holders[0])!.target;
    diagnostics.push(diag(spec.nameAt, "error", SERVICE_NOT_INSTALLED, `${spec.name} is not in ${holders.join(", ")}, which holds ${shared.filter((s) => holders.includes(s.files[0]!)).map((s) => s.name).join(", ")}`, undefined, target));
  }
  return pairs;
}

/** --installed: each spec's targets whose reader can fetch the live service on this platform. */
async function installedServices(specs: Spec[], targets: TargetId[] | undefined, o: DiffCliOptions, diagnostics: Diagnostic[]): Promise<Pair[]> {
  const platform = o.platform ?? process.platform;
  const pairs: Pair[] = [];
  for (const spec of specs) {
    const wanted = targets ?? spec.targets;
    if (wanted.length === 0) throw new UsageError(`${spec.file} has no targets: say which with --target`);
    const usable: { target: TargetId; source: InstalledSource }[] = [];
    const why: string[] = [];
    for (const t of wanted) {
      const entry = targetEntry(t)!;
      const source = entry.reader ? (await entry.reader()).installed : undefined;
      if (!entry.reader) why.push(`svcgen cannot read ${t} services yet`);
      else if (!source) why.push(`${t} has no installed form to read`);
      else if (source.platform !== platform) why.push(`installed ${t} services are read on ${source.platform}, not ${platform}`);
      else usable.push({ target: t, source });
    }
    if (usable.length === 0 || (targets && why.length > 0)) throw new UsageError(`${spec.file}: ${why.join("; ")}${targets ? "" : "; compare files instead with --against, or name a target with --target"}`);
    if (o.format === "text") for (const w of why) writeStderr(`svcgen: note: ${spec.file}: not compared: ${w}\n`);
    if (spec.name === undefined) {
      // The spec cannot be read far enough to name its service: its errors say why.
      pairs.push(...usable.map(({ target }) => ({ spec, service: { target, files: [], result: { diagnostics: [], origins: new Map() } }, what: "(no service name)" })));
      continue;
    }
    for (const { target, source } of usable) {
      const what = source.describe(spec.name);
      let files: ImportSource[];
      try {
        const name = spec.name;
        files = await withScratchFolder((scratch) => source.fetch(name, o.run ?? runProgram, scratch, liveFiles));
      } catch (e) {
        diagnostics.push(diag(spec.nameAt, "error", SERVICE_NOT_INSTALLED, `${spec.name} is not installed, or cannot be shown: ${(e as Error).message}`, undefined, target));
        continue;
      }
      // A file of the live system may hold other services too (a supervisord file, a Run key): the spec's only.
      const read = await readSources(files, { from: target, service: spec.name });
      diagnostics.push(...read.diagnostics);
      const s = read.services[0];
      if (s) pairs.push({ spec, service: { target, files: s.files, result: s.result }, what });
    }
  }
  return pairs;
}
