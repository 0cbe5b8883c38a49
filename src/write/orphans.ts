import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { GENERATED_MARKER } from "../render/header.js";
import type { TargetId } from "../model.js";
import { TARGETS } from "../targets/registry.js";
import { decodeOutput } from "./outputs.js";

// A generated file whose spec is gone, or whose spec no longer makes it (the service was renamed, a
// target dropped), still sits in --out, and whatever deploys that folder keeps installing a service that
// nobody declares. The header every generated file carries names its spec, relative to --out, which is
// all it takes to tell.

export interface Orphan {
  path: string;
  /** The spec the header names, as written there (relative to --out). */
  source: string;
  reason: "spec-missing" | "not-produced";
}

/** A spec of this run: what it was built for, and whether it built (a spec with errors produces nothing). */
export interface RunSpec {
  ok: boolean;
  /** Undefined: every target counts (the spec's own `targets` were built, so a file of a dropped target is stale). */
  targets?: readonly TargetId[];
}

/**
 * Generated files in `outDir` that belong to no spec. A file counts as an orphan when its spec no
 * longer exists, or when its spec is one of `specs` (resolved paths), built without error, and did
 * not produce it although it was built for the file's target. A file whose spec exists but was not
 * given is someone else's business (pre-commit passes only the staged specs), and so is a file whose
 * header svcgen cannot read back exactly.
 */
export function findOrphans(outDir: string, produced: ReadonlySet<string>, specs: ReadonlyMap<string, RunSpec>): Orphan[] {
  let names: string[];
  try {
    names = readdirSync(outDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const orphans: Orphan[] = [];
  for (const name of names.sort()) {
    if (produced.has(name)) continue;
    const path = join(outDir, name);
    const source = generatedFrom(path);
    if (source === undefined) continue;
    const candidates = source.map((s) => resolve(outDir, s));
    if (!candidates.some((c) => existsSync(c))) {
      orphans.push({ path, source: source[0]!, reason: "spec-missing" });
      continue;
    }
    const run = candidates.map((c) => specs.get(c)).find((r) => r !== undefined);
    if (!run?.ok) continue;
    const target = targetOfFile(name);
    if (run.targets === undefined || (target !== undefined && run.targets.includes(target))) {
      orphans.push({ path, source: source[0]!, reason: "not-produced" });
    }
  }
  return orphans;
}

/** The target whose output names end like `name` (the longest matching suffix: `.task.xml` before `.xml`). */
export function targetOfFile(name: string): TargetId | undefined {
  let best: { id: TargetId; len: number } | undefined;
  for (const t of TARGETS) {
    for (const pattern of t.outputs("\0")) {
      const suffix = pattern.slice(pattern.indexOf("\0") + 1);
      if (name.length > suffix.length && name.endsWith(suffix) && (!best || suffix.length > best.len)) best = { id: t.id, len: suffix.length };
    }
  }
  return best?.id;
}

/**
 * The spec path a generated file's header names, read back through the comment syntax it was written
 * in: the possible paths (XML comments write `--` as `- -`, so both readings are tried), or undefined
 * when the file is not svcgen's, or its header lost characters (U+FFFD) and cannot be read back.
 */
export function generatedFrom(path: string): string[] | undefined {
  let head: Uint8Array;
  try {
    if (!statSync(path).isFile()) return undefined;
    const fd = openSync(path, "r");
    try {
      head = new Uint8Array(4096);
      head = head.subarray(0, readSync(fd, head, 0, head.length, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const text = decodeOutput(head);
  const lead = `${GENERATED_MARKER} from `;
  const at = text.indexOf(lead);
  if (at < 0) return undefined;
  const lineStart = text.lastIndexOf("\n", at) + 1;
  const prefix = text.slice(lineStart, at);
  const end = text.indexOf("\n", at);
  let rest = text.slice(at + lead.length, end < 0 ? text.length : end).replace(/\r$/, "");
  if (/^\s*<!--/.test(prefix) || /-->$/.test(rest) || isInsideXmlComment(text, at)) {
    rest = rest.replace(/\s*-->$/, "");
    if (!rest.endsWith(".")) return undefined;
    const p = rest.slice(0, -1);
    return p.includes("\uFFFD") ? undefined : [...new Set([p, p.replace(/- -/g, "--")])];
  }
  if (!rest.endsWith(".") || rest.includes("\uFFFD")) return undefined;
  rest = rest.slice(0, -1);
  // `rem` lines escape cmd's special characters: ^x is x, %% is %.
  if (/^rem $/i.test(prefix)) rest = rest.replace(/\^(.)|%%/g, (_m, ch: string | undefined) => ch ?? "%");
  return [rest];
}

const isInsideXmlComment = (text: string, at: number): boolean => text.lastIndexOf("<!--", at) > text.lastIndexOf("-->", at);
