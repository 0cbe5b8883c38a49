import { basename } from "node:path";
import { compile } from "../compile.js";
import { diag, hasErrors, sortDiagnostics, strictify, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { TargetId } from "../model.js";
import { decodeSource } from "../spec/source-text.js";
import { targetEntry, TARGETS } from "../targets/registry.js";
import type { Detection, ReaderModule, ReadResult, SourceText, TargetEntry } from "../targets/types.js";
import { AMBIGUOUS_KIND, NO_SUCH_SERVICE, PART_WITHOUT_MAIN, SAME_SERVICE_NAME, SECRET_IN_ENVIRONMENT, SPEC_DOES_NOT_BUILD, UNKNOWN_KIND } from "./codes.js";
import { SECRET_NAME } from "./secrets.js";
import { writeSpec } from "./spec-writer.js";

// `svcgen import` without its I/O: files in, specs out. The pipeline, the same for every kind of file:
//
//   bytes --decodeSource--> text (SVC1009 for bytes that are not text)
//         --detect (every target's TargetEntry.detect, no reader loaded) or --from--> the file's kind
//         --group--> one service per main file, with the files that extend it (Detection.extends)
//         --reader.list--> for formats that hold several services in a file (supervisord programs, Run key
//                          values), the services it holds: each is read on its own (`service` keeps one)
//         --reader.read--> ServiceModel + located diagnostics (ReadResult)
//         --writeSpec--> the spec's text, then built for the source's target as a check (SVC6005)
//
// A service whose reading has an error (or, with strict, a warning) gets no spec. The CLI (cli/import.ts)
// reads the files, or asks the live system for them (InstalledSource), and writes the specs.

export interface ImportSource {
  /** The path as the user gave it (or as the live system names it). */
  name: string;
  bytes: Uint8Array;
}

export interface ImportOptions {
  /** The kind of every file, instead of detecting it. */
  from?: TargetId;
  /** Warnings become errors. */
  strict?: boolean;
  /** The folder the specs will be written to (their modeline is relative to it); default: the current one. */
  specDir?: string;
  /** How the written spec's header names a source file; default: as given. */
  headerName?: (file: string) => string;
  /** How the written spec names the sources when they came from the live system (`the installed service ...`). */
  headerSources?: string[];
  /** Only the service of this name, where a file holds several (`--service`, `--installed NAME`). */
  service?: string;
}

export interface ImportedService {
  target: TargetId;
  /** The service's name: the spec is `<name>.yaml`. */
  name: string;
  /** The files read for it, main file first. */
  files: string[];
  result: ReadResult;
  /** The spec's text; undefined when the service has an error. */
  spec?: string;
}

export interface ImportResult {
  services: ImportedService[];
  /** Every diagnostic, sorted: the files' and the readers'. */
  diagnostics: Diagnostic[];
}

interface Claimed {
  entry: TargetEntry;
  detection: Detection;
  text: SourceText;
}

/** The targets that can import: they have a reader and a detect. */
export const importableTargets = (): TargetEntry[] => TARGETS.filter((t) => t.reader && t.detect);

export interface ReadOptions {
  /** The kind of every file, instead of detecting it. */
  from?: TargetId;
  /** Without `from`: the kinds detection may choose among (default: every target with a reader). */
  kinds?: readonly TargetId[];
  /** The command's option that names a kind, for hints (default `--from`; `diff` says `--target`). */
  kindFlag?: string;
  /** Only the service of this name, where a file holds several (`--service`, `--installed NAME`). */
  service?: string;
}

export interface ReadSourcesResult {
  /** One per main file, in the order given (no `spec`). */
  services: ImportedService[];
  /** The files' diagnostics (encoding, kind, grouping); each service's own are in its `result`. */
  diagnostics: Diagnostic[];
}

/**
 * Steps 1 to 3 of the pipeline, shared by `import` and `diff`: decode each file, tell its kind, group the
 * files that extend another after it, and read each service with its target's reader.
 */
export async function readSources(sources: readonly ImportSource[], o: ReadOptions = {}): Promise<ReadSourcesResult> {
  const diagnostics: Diagnostic[] = [];
  const start = (file: string) => ({ file, line: 1, col: 1 });
  const forced = o.from ? targetEntry(o.from) : undefined;
  if (o.from && !forced?.reader) throw new Error(`internal: --from ${o.from} has no reader`);
  const candidates = importableTargets().filter((t) => !o.kinds || o.kinds.includes(t.id));

  // 1. Decode and detect each file.
  const claimed: (Claimed | undefined)[] = sources.map((s) => {
    const decoded = decodeSource(s.bytes, s.name);
    if (decoded.text === undefined) {
      // Bytes that are no text: a kind whose files may be binary says what to do (a binary plist: convert it).
      const notText = (forced ? [forced] : importableTargets()).map((t) => t.detect?.(s.name, s.bytes, undefined)?.notText).find((h) => h);
      diagnostics.push(...decoded.diagnostics.map((d) => (notText ? { ...d, hint: notText } : d)));
      return undefined;
    }
    diagnostics.push(...decoded.diagnostics);
    const text: SourceText = { name: s.name, text: decoded.text, encoding: decoded.encoding, bom: decoded.bom };
    if (forced) return { entry: forced, detection: forced.detect?.(s.name, s.bytes, decoded.text) ?? {}, text };
    const claims = candidates.flatMap((t) => {
      const d = t.detect!(s.name, s.bytes, decoded.text);
      return d ? [{ entry: t, detection: d, text }] : [];
    });
    if (claims.length === 1) return claims[0];
    const kinds = candidates.map((t) => t.id).join(", ");
    const hint = `name the kind with ${o.kindFlag ?? "--from"} <kind>`;
    if (claims.length === 0) diagnostics.push(diag(start(s.name), "error", UNKNOWN_KIND, `svcgen cannot tell what kind of file this is (it imports ${kinds})`, hint));
    else diagnostics.push(diag(start(s.name), "error", AMBIGUOUS_KIND, `this file could be ${claims.map((c) => c.entry.id).join(" or ")}`, hint));
    return undefined;
  });

  // 2. One group per main file; a part joins the last main file of its kind with the name it extends.
  const groups: Claimed[][] = [];
  for (const c of claimed) {
    if (!c) continue;
    const ext = c.detection.extends;
    if (ext === undefined) {
      groups.push([c]);
      continue;
    }
    const owner = [...groups].reverse().find((g) => g[0]!.entry === c.entry && basename(g[0]!.text.name) === ext);
    if (owner) owner.push(c);
    else diagnostics.push(diag(start(c.text.name), "error", PART_WITHOUT_MAIN, `this file extends ${ext}, which was not given before it`, `give ${ext} first: svcgen import .../${ext} ${c.text.name}`));
  }

  // 3. Read each service.
  const services: ImportedService[] = [];
  for (const g of groups) {
    const entry = g[0]!.entry;
    const reader = await entry.reader!();
    const texts = g.map((c) => c.text);
    const read = readServices(reader, texts, o.service);
    diagnostics.push(...read.diagnostics);
    for (const { name: listed, result } of read.services) {
      const name = result.model?.name.value ?? listed ?? basename(g[0]!.text.name);
      services.push({ target: entry.id, name, files: g.map((c) => c.text.name), result });
    }
  }
  return { services, diagnostics };
}

export async function importSources(sources: readonly ImportSource[], o: ImportOptions = {}): Promise<ImportResult> {
  const start = (file: string) => ({ file, line: 1, col: 1 });
  const { services, diagnostics } = await readSources(sources, { ...(o.from ? { from: o.from } : {}), ...(o.service !== undefined ? { service: o.service } : {}) });
  if (o.strict) for (const s of services) s.result.diagnostics = strictify(s.result.diagnostics);

  // 4. Two services of one name would write one spec.
  const byName = new Map<string, ImportedService>();
  for (const s of services) {
    if (!s.result.model) continue;
    const prior = byName.get(s.name.toLowerCase());
    if (prior) {
      s.result.diagnostics.push(diag(start(s.files[0]!), "error", SAME_SERVICE_NAME, `${s.files[0]} describes the service ${s.name}, as ${prior.files[0]} does: both would be written to ${s.name}.yaml`));
    } else byName.set(s.name.toLowerCase(), s);
  }

  // 5. Write each spec, and build it as the check that the writer and the reader agree with the compiler.
  for (const s of services) {
    const model = s.result.model;
    if (!model || hasErrors(s.result.diagnostics)) continue;
    const names = o.headerSources ?? s.files.map((f) => (o.headerName ? o.headerName(f) : f));
    const text = writeSpec(model, { target: s.target, specDir: o.specDir ?? ".", sources: names });
    const built = await compile(text, `${s.name}.yaml`, { targets: [s.target] });
    const errors = built.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0) {
      s.result.diagnostics.push(
        diag(start(s.files[0]!), "error", SPEC_DOES_NOT_BUILD, `the spec written for ${s.name} does not build: ${errors.map((e) => `${e.code} ${e.message}`).join("; ")}`, "this is a bug in svcgen; please report it with this file"),
      );
      continue;
    }
    s.spec = text;
    // The source's secrets stay where the user put them, but not without a word: a spec is committed.
    for (const v of model.environment) {
      const literal = v.value.parts.every((p) => p.kind === "literal") && v.value.parts.some((p) => p.kind === "literal" && p.text !== "");
      if (literal && SECRET_NAME.test(v.name)) {
        s.result.diagnostics.push(
          diag(v.at, "warning", SECRET_IN_ENVIRONMENT, `${v.name} looks like a secret by its name, and the spec written holds its value as plain text, as the source does`, "move the secret out before committing the spec (a file only the service's account can read, a secret store)", s.target),
        );
      }
    }
  }

  for (const s of services) diagnostics.push(...s.result.diagnostics);
  return { services, diagnostics: sortDiagnostics(o.strict ? strictify(diagnostics) : diagnostics) };
}

/**
 * The services a group of files holds, each read: the one service, or, for a reader with `list`, each service the
 * files hold (`only`: the one of that name, matched exactly, else ignoring case when that finds one).
 * `diagnostics` are about the files as a whole; each service's own are in its result.
 */
export function readServices(
  reader: ReaderModule,
  files: readonly SourceText[],
  only?: string,
): { services: { name?: string; result: ReadResult }[]; diagnostics: Diagnostic[] } {
  if (!reader.list) return { services: [{ result: reader.read(files) }], diagnostics: [] };
  const listed = reader.list(files);
  let names = listed.names;
  if (only !== undefined) {
    names = names.filter((n) => n === only);
    if (names.length === 0) names = listed.names.filter((n) => n.toLowerCase() === only.toLowerCase()).slice(0, 1);
    if (names.length === 0 && !hasErrors(listed.diagnostics)) {
      const main = files[0]!.name;
      const held = listed.names.length === 0 ? "none" : listed.names.join(", ");
      return { services: [], diagnostics: [...listed.diagnostics, diag({ file: main, line: 1, col: 1 }, "error", NO_SUCH_SERVICE, `${main} holds no service named ${only} (it holds ${held})`)] };
    }
  }
  return { services: names.map((name) => ({ name, result: reader.read(files, name) })), diagnostics: listed.diagnostics };
}
