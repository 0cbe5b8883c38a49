import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceLoc } from "../model.js";
import { decodeSource } from "./source-text.js";
import { loadSimpleYaml } from "./yaml-fast.js";

// A spec is small; anything bigger is a mistake (or an attack on a CI runner), so refuse early.
export const MAX_SPEC_BYTES = 256 * 1024;
export { MAX_EXPANDED_NODES } from "./yaml-limits.js";

export interface NodeInfo {
  /** Where the value starts. */
  value: SourceLoc;
  /** Where its key starts (absent for the document root and list items). */
  key?: SourceLoc;
  /** The value's source text, for scalars: numbers and booleans taken as written. */
  source?: string;
}

export interface LoadedSpec {
  file: string;
  /** The document as plain data (maps are plain objects with string keys only). */
  data: unknown;
  /** JSON pointer (`/restart/delay`, `/args/2`) -> positions. */
  nodes: Map<string, NodeInfo>;
}

export { pointer } from "./pointer.js";

/** What an empty spec (or one that is not a map) should start with. */
export const EMPTY_HINT =
  "a spec is a map of keys, one per line: start with `version: 1`, `name: <service name>` and `executable: <absolute path>` (README.md has a full example)";

/** Position of the node at `ptr`, or of its nearest ancestor that exists; `key` prefers the key's position. */
export function locate(spec: Pick<LoadedSpec, "nodes" | "file">, ptr: string, key = false): SourceLoc {
  let p = ptr;
  for (;;) {
    const n = spec.nodes.get(p);
    if (n) return (key && n.key) || n.value;
    if (p === "") return { file: spec.file, line: 1, col: 1 };
    p = p.slice(0, p.lastIndexOf("/"));
  }
}

/**
 * The length of `s` in UTF-8, as Node's Buffer.byteLength counts it (a lone surrogate is U+FFFD, 3
 * bytes), without Node's Buffer: compile() also runs in a browser (the playground).
 */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c < 0xdc00 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair: 4 bytes for 2 code units
      i++;
    } else n += 2;
  }
  return n;
}

/**
 * Reads a spec into data and positions. Bytes are decoded by decodeSource (UTF-8, UTF-16 or UTF-32;
 * bytes not valid there are refused, never replaced); a string is taken as the text already decoded.
 * Most specs are plain YAML that the built-in subset loader (yaml-fast.ts) reads exactly as the `yaml`
 * library would; anything else, and every error, goes to the full library, which is then loaded (it is
 * the largest module a `validate` would otherwise load).
 */
export async function loadSpec(source: string | Uint8Array, file: string): Promise<{ spec?: LoadedSpec; diagnostics: Diagnostic[] }> {
  let text: string;
  if (typeof source === "string") {
    text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  } else {
    // UTF-32 takes four bytes a character: anything beyond that cannot be a spec within the limit,
    // and is refused before it is decoded.
    if (source.length > 4 * MAX_SPEC_BYTES) return { diagnostics: [tooLarge(file, source.length)] };
    const decoded = decodeSource(source, file);
    if (decoded.text === undefined) return { diagnostics: decoded.diagnostics };
    text = decoded.text;
  }
  // A UTF-16 code unit is at most 3 bytes of UTF-8: only a long text needs counting.
  const bytes = text.length * 3 > MAX_SPEC_BYTES ? utf8Length(text) : 0;
  if (bytes > MAX_SPEC_BYTES) return { diagnostics: [tooLarge(file, bytes)] };
  const fast = readSubset(text, file);
  if (fast) return { spec: { file, data: fast.data, nodes: fast.nodes }, diagnostics: [] };
  return (await import("./load-yaml.js")).loadWithYaml(text, file);
}

// The subset reader recurses into flow collections; thousands of nested brackets (a hostile or broken
// file) overflow the stack there, and the full loader, which reports them, takes over.
function readSubset(text: string, file: string): ReturnType<typeof loadSimpleYaml> {
  try {
    return loadSimpleYaml(text, file);
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

const tooLarge = (file: string, bytes: number): Diagnostic =>
  diag({ file, line: 1, col: 1 }, "error", "SVC1004", `the spec is ${bytes} bytes; svcgen reads specs up to ${MAX_SPEC_BYTES} bytes`, "one spec describes one service; split it");
