import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import type { DiagnosticFormat } from "../diagnostics/format.js";
import { importableTargets, importSources, type ImportSource } from "../import/import.js";
import type { TargetId } from "../model.js";
import { targetEntry } from "../targets/registry.js";
import type { InstalledSource, LiveFiles, RunProgram, ScratchFolder, TargetEntry } from "../targets/types.js";
import { isImportedBySvcgen, planFiles, writeAll } from "../write/outputs.js";
import { exitCodeOf, report, summary, UsageError } from "./specs.js";
import { writeStderr, writeStdout } from "./output.js";

export interface ImportCliOptions {
  out: string;
  from?: string;
  installed?: string;
  /** Only this service, from files that hold several. */
  service?: string;
  strict: boolean;
  format: DiagnosticFormat;
  /** Runs the programs --installed needs (tests give a fake). */
  run?: RunProgram;
  /** Reads the files --installed needs (tests give a fake). */
  files?: LiveFiles;
  /** The platform whose live-service readers --installed uses (tests give another). */
  platform?: string;
}

/** The live system's files, for --installed sources that read them (a missing file or directory is undefined). */
export const liveFiles: LiveFiles = {
  read: async (path) => {
    try {
      return new Uint8Array(readFileSync(path));
    } catch (e) {
      if (["ENOENT", "ENOTDIR", "EISDIR"].includes((e as NodeJS.ErrnoException).code ?? "")) return undefined;
      throw new Error(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  },
  list: async (dir) => {
    try {
      return readdirSync(dir);
    } catch (e) {
      if (["ENOENT", "ENOTDIR"].includes((e as NodeJS.ErrnoException).code ?? "")) return undefined;
      throw new Error(`cannot list ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  },
};

/** Runs a program without a shell and collects its output; never rejects for a non-zero exit. */
export const runProgram: RunProgram = (file, args) =>
  new Promise((done, fail) => {
    execFile(file, [...args], { encoding: "buffer", maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
      const code = (error as NodeJS.ErrnoException | null)?.code;
      if (typeof code === "string") fail(new Error(`cannot run ${file}: ${code}`));
      else done({ status: error ? ((error as { code?: number }).code ?? 1) : 0, stdout: new Uint8Array(stdout), stderr: stderr.toString("utf8") });
    });
  });

/** Runs `body` with a new temporary folder, removed afterwards (for tools that write their output to a file; import and diff). */
export async function withScratchFolder<T>(body: (scratch: ScratchFolder) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "svcgen-import-"));
  try {
    return await body({
      path: (file) => join(dir, file),
      read: (file) => (existsSync(join(dir, file)) ? new Uint8Array(readFileSync(join(dir, file))) : undefined),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const runImport = (files: string[], o: ImportCliOptions): Promise<number> => exitCodeOf(() => importCommand(files, o));

function fromTarget(from: string | undefined): TargetEntry | undefined {
  if (from === undefined) return undefined;
  const kinds = importableTargets().map((t) => t.id);
  const entry = targetEntry(from);
  if (!entry) throw new UsageError(`unknown kind "${from}"; svcgen imports ${kinds.join(", ")}`);
  if (!entry.reader) throw new UsageError(`svcgen cannot import ${from} files yet; it imports ${kinds.join(", ")}`);
  return entry;
}

/** The live-service sources for --installed: --from's, or every reader's that works on this platform. */
async function installedSources(o: ImportCliOptions, from: TargetEntry | undefined): Promise<{ target: TargetId; source: InstalledSource }[]> {
  const platform = o.platform ?? process.platform;
  const out: { target: TargetId; source: InstalledSource }[] = [];
  for (const t of from ? [from] : importableTargets()) {
    const source = (await t.reader!()).installed;
    // One source may serve several readers (nssm and sc read the same registry export): asked once.
    if (source && source.platform === platform && !out.some((o) => o.source === source)) out.push({ target: t.id, source });
  }
  if (out.length === 0) {
    throw new UsageError(
      from ? `--installed cannot read ${from} services on ${platform}` : `--installed cannot read services on ${platform} yet: import their files instead`,
    );
  }
  return out;
}

async function importCommand(files: string[], o: ImportCliOptions): Promise<number> {
  const from = fromTarget(o.from);
  let sources: ImportSource[];
  let headerSources: string[] | undefined;
  if (o.installed !== undefined) {
    if (files.length > 0) throw new UsageError("give files or --installed NAME, not both");
    if (o.service !== undefined) throw new UsageError("--installed NAME names the service already: leave out --service");
    // Each source in turn (a Windows service may be a registry key or a scheduled task): the first that finds
    // the service wins. Its files then take the path of files named on the command line.
    const errors: string[] = [];
    let found: { files: ImportSource[]; what: string } | undefined;
    for (const { source } of await installedSources(o, from)) {
      try {
        found = { files: await withScratchFolder((scratch) => source.fetch(o.installed!, o.run ?? runProgram, scratch, o.files ?? liveFiles)), what: source.describe(o.installed) };
        break;
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    if (!found) throw new UsageError(errors.join("; "));
    sources = found.files;
    headerSources = [`the installed service (${found.what})`];
  } else {
    if (files.length === 0) throw new UsageError("give the files to import, or --installed NAME");
    sources = files.map((f) => {
      try {
        return { name: f, bytes: readFileSync(f) };
      } catch (e) {
        throw new UsageError(`cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    });
  }

  // Headers name the sources relative to the output directory, as build's headers name the spec.
  const headerName = (f: string) => relative(resolve(o.out), resolve(f)).split(sep).join("/");
  // A file of the live system may hold other services too (a supervisord file, a Run key): read only the one asked for.
  const service = o.installed ?? o.service;
  const result = await importSources(sources, {
    ...(from ? { from: from.id } : {}),
    strict: o.strict,
    specDir: o.out,
    headerName,
    ...(headerSources ? { headerSources } : {}),
    ...(service !== undefined ? { service } : {}),
  });
  const written = result.services.filter((s) => s.spec !== undefined);
  const planned = planFiles(
    o.out,
    written.map((s) => ({ name: `${s.name}.yaml`, bytes: new TextEncoder().encode(s.spec!) })),
    isImportedBySvcgen,
  );
  report(result.diagnostics, o.format);
  if (o.format === "text" && result.diagnostics.length > 0) writeStderr(summary(result.diagnostics, result.services.length, "service"));
  const foreign = planned.filter((p) => p.state === "foreign");
  if (foreign.length > 0) {
    for (const p of foreign) writeStderr(`svcgen: SVC5001: refusing to overwrite ${p.path}: it was not written by svcgen import (no "Imported by svcgen" line)\n`);
    return 2;
  }
  const changed = planned.filter((p) => p.state !== "current");
  writeAll(changed.map((p) => ({ path: p.path, bytes: p.file.bytes })));
  const lines = planned.map((p) => `${p.state === "current" ? "unchanged" : "wrote"} ${p.path}`);
  if (lines.length > 0) writeStdout(lines.sort().join("\n") + "\n");
  return result.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
}
