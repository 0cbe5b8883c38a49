import { compile } from "../compile.js";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { ServiceModel, SourceLoc, TargetId } from "../model.js";
import { PASSWORD_IN_SOURCE } from "../import/codes.js";
import { decodeSource } from "../spec/source-text.js";
import { targetEntry } from "../targets/registry.js";
import type { OutputFile, ReaderModule, ReadResult, SourceText, TargetEntry } from "../targets/types.js";
import { CANNOT_READ_OWN_OUTPUT, DIFFERS, INSTALLED_ONLY, NOT_INSTALLED_SETTING, UNSTATED_SETTING } from "./codes.js";
import { compareModels, type Difference } from "./compare.js";

// `svcgen diff` without its I/O: one spec, one target, one installed service (already read by the target's
// reader, from the live system or from files) in; located differences out. The same for every target with a
// reader:
//
//   spec --compile for the target--> its model as check and emit see it (capabilities applied: what the target
//        cannot carry and the spec ignores is gone) and the files svcgen builds
//        --read back with the target's own reader, where it reads those files--> the spec as the target stores
//        it (systemd's one Description= line, a delayed start that is a plain start, ...), defaults written out
//        exactly as for the installed side
//   installed --reader (done by the caller)--> its model
//   compareModels(spec, stored spec, installed) --> differences in spec terms --> diagnostics at the spec's lines
//
// Where the reader does not read what svcgen builds (an install script, while the reader reads a registry
// export), the reader's asInstalled says what it would read from the service the script installs (the spec's
// model, where it says nothing).

/** A difference as a diagnostic: located at the spec's node, with the values for tools (`--format json`). */
export interface DiffDiagnostic extends Diagnostic {
  /** The setting in spec terms: `restart.delay`, `args[2]`, `environment.DEBUG`; absent where no spec field holds it (SVC7006). */
  field?: string;
  /** The spec's value as a spec writes it; absent for a setting only installed, and for secrets. */
  spec?: string;
  /** The installed value likewise; absent for a setting not installed, and for secrets. */
  installed?: string;
  /** The installed setting and where it is. */
  installedAt?: { setting: string; file: string; line: number; col: number };
}

export interface InstalledService {
  target: TargetId;
  /** The files read, main file first. */
  files: string[];
  result: ReadResult;
}

export interface SpecDiff {
  /** Differences (SVC70xx), the spec's errors, or the reader's errors; sorted by the caller. */
  diagnostics: Diagnostic[];
  /** How many differences were found; undefined when the comparison could not be made (errors). */
  differences?: number;
}

const where = (o: NonNullable<Difference["installedAt"]>): string => ` (${o.setting ? `${o.setting}, ` : ""}${o.at.file}:${o.at.line})`;

/** The message of a difference, in the spec's terms: spec value first, then the installed one and where it is. */
export function differenceMessage(d: Difference, target: TargetId): string {
  const at = d.installedAt ? where(d.installedAt) : "";
  const spec = `${d.spec}${d.specDefault ? " (default)" : ""}${d.specWritten !== undefined ? ` (as ${target} stores ${d.specWritten})` : ""}`;
  if (d.secret) {
    const hidden = "not shown, as the name suggests a secret";
    if (d.kind === "differs") return `${d.path}: the spec's value and the installed value differ, ${hidden}${at}`;
    if (d.kind === "installed-only") return `${d.path}: installed only, value ${hidden}${at}`;
    return `${d.path}: set in the spec (value ${hidden}), not installed`;
  }
  if (d.kind === "differs") return `${d.path}: spec ${spec}, installed ${d.installed}${at}`;
  if (d.kind === "installed-only") return `${d.path}: installed only: ${d.installed}${at}`;
  return `${d.path}: spec ${spec}, not installed`;
}

const CODE: Record<Difference["kind"], string> = { differs: DIFFERS, "installed-only": INSTALLED_ONLY, "not-installed": NOT_INSTALLED_SETTING };

export function differenceDiagnostic(d: Difference, target: TargetId): DiffDiagnostic {
  const out: DiffDiagnostic = { ...diag(d.specAt, "error", CODE[d.kind], differenceMessage(d, target), undefined, target), field: d.path };
  if (!d.secret && d.spec !== undefined) out.spec = d.spec;
  if (!d.secret && d.installed !== undefined) out.installed = d.installed;
  if (d.installedAt) out.installedAt = { setting: d.installedAt.setting, file: d.installedAt.at.file, line: d.installedAt.at.line, col: d.installedAt.at.col };
  return out;
}

/**
 * The spec's model as the target stores it: svcgen's own files for it, read by the target's reader, with the
 * reader's warnings about them.
 */
function storedModel(entry: TargetEntry, reader: ReaderModule, model: ServiceModel, files: readonly OutputFile[]): { model: ServiceModel; warnings: readonly Diagnostic[] } | { problem: string } {
  const texts: { text: SourceText; part: boolean }[] = [];
  for (const f of files) {
    const decoded = decodeSource(f.bytes, f.name);
    if (decoded.text === undefined) continue;
    const d = entry.detect?.(f.name, f.bytes, decoded.text);
    if (d) texts.push({ text: { name: f.name, text: decoded.text, encoding: decoded.encoding, bom: decoded.bom }, part: d.extends !== undefined });
  }
  // The reader reads what an install leaves, not what svcgen writes (a script): the reader says what it would read.
  if (texts.length === 0) return { model: reader.asInstalled ? reader.asInstalled(model) : model, warnings: [] };
  const r = reader.read([...texts.filter((t) => !t.part), ...texts.filter((t) => t.part)].map((t) => t.text));
  const errors = r.diagnostics.filter((d) => d.severity === "error");
  if (!r.model || errors.length > 0) return { problem: errors.map((e) => `${e.file}:${e.line}:${e.col}: ${e.code} ${e.message}`).join("; ") || "no model" };
  return { model: r.model, warnings: r.diagnostics };
}

/**
 * The reader's warnings about installed settings no spec field holds (ReaderModule.unstated), as differences
 * located at the spec's name; those that svcgen's own build of the spec gives too are the target's way of
 * storing the spec, not drift.
 */
function unstatedSettings(reader: ReaderModule, installed: InstalledService, own: readonly Diagnostic[], at: SourceLoc): DiffDiagnostic[] {
  const codes = new Set(reader.unstated ?? []);
  const ownKeys = new Set(own.map((d) => `${d.code} ${d.message}`));
  return installed.result.diagnostics
    .filter((d) => d.severity === "warning" && codes.has(d.code) && !ownKeys.has(`${d.code} ${d.message}`))
    .map((d) => ({
      ...diag(at, "error", UNSTATED_SETTING, `installed only, no spec field holds it: ${d.message} (${d.code}, ${d.file}:${d.line})`, undefined, installed.target),
      installedAt: { setting: "", file: d.file, line: d.line, col: d.col },
    }));
}

/** Compares one spec, built for the installed service's target, with that service. */
export async function diffSpec(specText: string | Uint8Array, specFile: string, installed: InstalledService): Promise<SpecDiff> {
  const entry = targetEntry(installed.target);
  if (!entry?.reader) throw new Error(`internal: diff for ${installed.target}, which has no reader`);
  const built = await compile(specText, specFile, { targets: [installed.target], models: true, sourceName: specFile });
  const specErrors = built.diagnostics.filter((d) => d.severity === "error");
  const readErrors = installed.result.diagnostics.filter((d) => d.severity === "error");
  if (specErrors.length > 0 || readErrors.length > 0 || !installed.result.model) return { diagnostics: [...specErrors, ...readErrors] };
  const model = built.models?.get(installed.target);
  if (!model) throw new Error("internal: a spec without errors has no model");
  const reader = await entry.reader();
  const stored = storedModel(entry, reader, model, built.outputs.flatMap((o) => o.files));
  if ("problem" in stored) {
    const at: SourceLoc = model.name.at;
    return { diagnostics: [diag(at, "error", CANNOT_READ_OWN_OUTPUT, `svcgen cannot read back what it builds for ${installed.target}: ${stored.problem}`, "this is a bug in svcgen; please report it with the spec", installed.target)] };
  }
  const differences = compareModels({
    spec: model,
    expected: stored.model,
    installed: installed.result.model,
    origins: installed.result.origins,
    target: installed.target,
    capabilities: entry.capabilities,
  });
  const unstated = unstatedSettings(reader, installed, stored.warnings, model.name.at);
  // Of the reader's other warnings, one concerns the comparison's user: a password lying in the installed file.
  const exposed = installed.result.diagnostics.filter((d) => d.code === PASSWORD_IN_SOURCE);
  return { diagnostics: [...differences.map((d) => differenceDiagnostic(d, installed.target)), ...unstated, ...exposed], differences: differences.length + unstated.length };
}

