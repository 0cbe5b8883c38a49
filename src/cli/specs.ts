import { readFileSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { compile, type CompileResult } from "../compile.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { formatDiagnostics, type DiagnosticFormat } from "../diagnostics/format.js";
import type { TargetId } from "../model.js";
import { tuneForBatch } from "./jit.js";
import { writeStderr, writeStdout } from "./output.js";

export const ALL_TARGETS: readonly TargetId[] = ["winsw", "nssm", "sc", "systemd", "schtasks", "runkey", "supervisord", "launchd"];

export class UsageError extends Error {}

/**
 * Runs a command for its exit code: a usage error, or a file operation the system refused (EACCES,
 * ENOSPC, ...), is said on stderr and is exit code 2 (SPEC.md); anything else is a bug, and is thrown.
 */
export async function exitCodeOf(command: () => Promise<number>): Promise<number> {
  try {
    return await command();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (e instanceof UsageError || (err.code && err.syscall)) {
      writeStderr(`svcgen: ${err.message}\n`);
      return 2;
    }
    throw e;
  }
}

/** `--target` values: repeatable, `all` expands; undefined means "the spec's own targets". */
export function parseTargets(values: string[] | undefined): TargetId[] | undefined {
  if (!values || values.length === 0) return undefined;
  const out = new Set<TargetId>();
  for (const v of values.flatMap((x) => x.split(","))) {
    if (v === "all") ALL_TARGETS.forEach((t) => out.add(t));
    else if ((ALL_TARGETS as readonly string[]).includes(v)) out.add(v as TargetId);
    else throw new UsageError(`unknown target "${v}"; targets are ${ALL_TARGETS.join(", ")}, all`);
  }
  return ALL_TARGETS.filter((t) => out.has(t));
}

export interface SpecRun {
  file: string;
  result: CompileResult;
}

/** Reads and compiles each spec; an unreadable file is an I/O error (exit 2), not a spec error. */
export async function compileSpecs(
  files: string[],
  opts: { targets?: TargetId[]; strict: boolean; emit: boolean; outDir?: string },
): Promise<SpecRun[]> {
  // Synchronous reads: a spec is a few hundred bytes, and 200 reads through libuv's thread pool left
  // the main thread idle for tens of milliseconds. Bytes, not "utf8": that decoding would put U+FFFD in
  // place of every byte that is not UTF-8 without a word; compile() decodes them (source-text.ts).
  const sources = files.map((file) => {
    try {
      return readFileSync(file);
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
  });
  const runs: SpecRun[] = [];
  for (const [i, file] of files.entries()) {
    // Headers name the spec relative to the output directory, so the bytes do not depend on the cwd.
    const sourceName = opts.outDir ? relative(resolve(opts.outDir), resolve(file)).split(sep).join("/") : file;
    const result = await compile(sources[i]!, file, { targets: opts.targets, strict: opts.strict, emit: opts.emit, sourceName });
    runs.push({ file, result });
    if (i === 0) await tuneForBatch(files.length);
  }
  return runs;
}

export function report(diagnostics: Diagnostic[], format: DiagnosticFormat): void {
  const text = formatDiagnostics(diagnostics, format);
  if (!text) return;
  // JSON is the command's result, for tools: stdout. Text and annotations are messages: stderr.
  (format === "json" ? writeStdout : writeStderr)(text);
}

export function summary(diagnostics: Diagnostic[], specs: number, what = "spec"): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  return `${plural(specs, what)}: ${plural(errors, "error")}, ${plural(warnings, "warning")}\n`;
}
