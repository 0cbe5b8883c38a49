import { diag, hasErrors, sortDiagnostics, strictify, type Diagnostic } from "./diagnostics/diagnostic.js";
import type { Platform, ServiceModel, TargetId } from "./model.js";
import { applyCapabilities } from "./targets/apply-capabilities.js";
import { targetEntry, TARGET_IDS } from "./targets/registry.js";
import type { EmitterModule, OutputFile, TargetEntry, TargetModule } from "./targets/types.js";
import { loadSpec, locate, pointer, type LoadedSpec } from "./spec/load.js";
import { normalize } from "./spec/normalize.js";
import { validateAgainstSchema } from "./spec/validate-schema.js";

export interface CompileOptions {
  /** Targets to check (and build); default: the spec's `targets`, else none (the spec alone is checked). */
  targets?: readonly TargetId[];
  /** Render output files (build); false only checks (validate). */
  emit?: boolean;
  /** Warnings become errors. */
  strict?: boolean;
  /** How generated headers name the spec; default: the file name as given. */
  sourceName?: string;
  /** Keep each target's model (as its check and emit see it) in `models`: `svcgen diff` compares them. */
  models?: boolean;
}

export interface TargetOutput {
  target: TargetId;
  files: OutputFile[];
}

export interface CompileResult {
  /** The service name, when the spec got far enough to have one. */
  name?: string;
  /** The targets the spec was checked against. */
  targets: TargetId[];
  diagnostics: Diagnostic[];
  /** Empty whenever any diagnostic is an error: a spec with errors produces no file at all. */
  outputs: TargetOutput[];
  /** With `models`: each target's model whose capabilities were judged without error (ignored fields removed). */
  models?: Map<TargetId, ServiceModel>;
}

const PLATFORMS: readonly Platform[] = ["windows", "linux", "macos"];
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Compiles one spec. Pure apart from loading target modules: reads and writes no files. Give it the
 * file's bytes as read (a Uint8Array or Buffer), and svcgen decodes them as it does for its own reads
 * (UTF-8 with or without a BOM, UTF-16 and UTF-32; bytes not valid there are a located error, never
 * replaced); or give it text already decoded.
 */
export async function compile(source: string | Uint8Array, file: string, options: CompileOptions = {}): Promise<CompileResult> {
  const loaded = await loadSpec(source, file);
  const result: CompileResult = { targets: [], diagnostics: [...loaded.diagnostics], outputs: [] };
  const finish = (): CompileResult => {
    if (options.strict) result.diagnostics = strictify(result.diagnostics);
    sortDiagnostics(result.diagnostics);
    if (hasErrors(result.diagnostics)) result.outputs = [];
    return result;
  };
  const spec = loaded.spec;
  if (!spec) return finish();
  // Start loading the targets' modules now, so that reading them overlaps the schema check instead of
  // following it. (Caught here so that an early return leaves no unhandled rejection; a real failure
  // surfaces where the modules are awaited.)
  const declared = isObj(spec.data) ? spec.data.targets : undefined;
  const wanted = (options.targets ?? (Array.isArray(declared) ? declared : [])).flatMap((id) => {
    const entry = typeof id === "string" ? targetEntry(id) : undefined;
    return entry ? [entry] : [];
  });
  const modules = loadModules(wanted, options.emit !== false);
  modules.catch(() => undefined);
  result.diagnostics.push(...(await validateAgainstSchema(spec)));
  if (hasErrors(result.diagnostics)) return finish();

  const data = spec.data as Record<string, unknown>;
  result.name = String(data.name);
  const targets = options.targets ?? ((data.targets as TargetId[] | undefined) ?? []);
  result.targets = [...targets];

  const models = new Map<Platform, ServiceModel | undefined>();
  const platformDiagnostics = (platform: Platform): ServiceModel | undefined => {
    if (!models.has(platform)) {
      const n = normalize(spec, platform);
      models.set(platform, n.model);
      result.diagnostics.push(...n.diagnostics);
    }
    return models.get(platform);
  };

  if (targets.length === 0) {
    checkAlone(spec, result);
    return finish();
  }

  const allOptions = isObj(data.options) ? data.options : {};
  const loadedModules = await modules;
  for (const id of targets) {
    const entry = targetEntry(id);
    if (!entry) {
      result.diagnostics.push(diag(locate(spec, "/targets"), "error", "SVC1104", `unknown target "${id}"; targets are ${TARGET_IDS.join(", ")}`));
      continue;
    }
    const model = platformDiagnostics(entry.platform);
    if (!model) continue;
    const targetOptions = isObj(allOptions[id]) ? (allOptions[id] as Record<string, unknown>) : {};
    const optionLoc = (key: string) => locate(spec, pointer(["options", id, ...key.split(".")]), true);
    const applied = applyCapabilities(model, entry.capabilities, id, targetOptions, optionLoc);
    result.diagnostics.push(...applied.diagnostics);
    if (hasErrors(applied.diagnostics)) continue;
    if (options.models) (result.models ??= new Map()).set(id, applied.model);
    const { checker, emitter } = loadedModules.get(id)!;
    const checked = checker.check(applied.model);
    result.diagnostics.push(...checked);
    if (!emitter || hasErrors(checked)) continue;
    const files = emitter.emit(applied.model, { sourceName: options.sourceName ?? file });
    result.outputs.push({ target: id, files });
  }
  dedupe(result);
  return finish();
}

/**
 * Without targets the spec is checked on its own: every platform's view is normalised, and what any of them
 * reports is kept, except that a field missing from one view only (a Linux-only executable, say) is
 * fine as long as some view has it, and platform-specific path checks only apply where a target is.
 */
function checkAlone(spec: LoadedSpec, result: CompileResult): void {
  const data = spec.data as Record<string, unknown>;
  const views = PLATFORMS.map((p) => normalize(spec, p));
  const pathCodes = new Set(["SVC2001", "SVC2002", "SVC2008", "SVC2009", "SVC2015", "SVC2016", "SVC2019"]);
  for (const v of views) result.diagnostics.push(...v.diagnostics.filter((d) => !pathCodes.has(d.code)));
  const hasExe = "executable" in data || PLATFORMS.some((p) => isObj(data[p]) && "executable" in (data[p] as object));
  if (!hasExe) result.diagnostics.push(diag(locate(spec, "/name"), "error", "SVC2001", "no executable", "set executable (or windows.executable / linux.executable / macos.executable)"));
  dedupe(result);
}

/** The check (and, to emit, the emitter) module of each target, all awaited at once. */
async function loadModules(
  entries: readonly TargetEntry[],
  emit: boolean,
): Promise<Map<TargetId, { checker: TargetModule; emitter?: EmitterModule }>> {
  const loaded = await Promise.all(entries.map((e) => Promise.all([e.checker(), emit ? e.emitter() : undefined])));
  return new Map(entries.map((e, i) => [e.id, { checker: loaded[i]![0], emitter: loaded[i]![1] }]));
}

function dedupe(result: CompileResult): void {
  const seen = new Set<string>();
  result.diagnostics = result.diagnostics.filter((d) => {
    const k = `${d.file}:${d.line}:${d.col}:${d.code}:${d.target ?? ""}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
