import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Alias, type Document, type Node } from "yaml";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceLoc } from "../model.js";
import type { LoadedSpec, NodeInfo } from "./load.js";
import { pointer } from "./pointer.js";
import { FORBIDDEN_KEYS, MAX_EXPANDED_NODES } from "./yaml-limits.js";

const STR_TAG = "tag:yaml.org,2002:str";

/**
 * Loads a spec with the full `yaml` library: any YAML, with a located diagnostic for every error and
 * every construct a spec may not use. `loadSpec` (load.ts) checks size and BOM first and calls this when
 * its fast path declines.
 */
export function loadWithYaml(text: string, file: string): { spec?: LoadedSpec; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (line: number, col: number): SourceLoc => ({ file, line, col });
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, merge: false, strict: true });
  const posOf = (offset: number): SourceLoc => {
    const p = lc.linePos(offset);
    return at(p.line, p.col);
  };
  for (const e of doc.errors) {
    const dup = e.code === "DUPLICATE_KEY";
    const where = posOf(e.pos[0]);
    const msg = e.message.split("\n")[0] ?? e.message;
    diagnostics.push(
      diag(
        where,
        "error",
        dup ? "SVC1002" : e.code === "MULTIPLE_DOCS" ? "SVC1008" : "SVC1001",
        dup ? "duplicate key: a key may appear once in a map" : `YAML: ${msg.replace(/ at line \d+, column \d+.*$/, "")}`,
        dup ? "YAML keeps only one of the values; delete the other" : undefined,
      ),
    );
  }
  if (diagnostics.length > 0) return { diagnostics };
  if (doc.contents === null) {
    diagnostics.push(diag(at(1, 1), "error", "SVC1001", "the spec is empty", "start from `svcgen schema` or the README's example"));
    return { diagnostics };
  }

  const nodes = new Map<string, NodeInfo>();
  let expanded = 0;
  let aliasBomb = false;

  const walk = (node: Node | Alias, path: (string | number)[], keyLoc: SourceLoc | undefined, seen: Set<Node>): unknown => {
    if (++expanded > MAX_EXPANDED_NODES) {
      aliasBomb = true;
      return null;
    }
    let target: Node | Alias = node;
    if (isAlias(node)) {
      const resolved = node.resolve(doc as Document);
      if (!resolved || seen.has(resolved as Node)) {
        diagnostics.push(diag(posOf(node.range?.[0] ?? 0), "error", "SVC1003", `alias *${node.source} cannot be resolved`));
        return null;
      }
      target = resolved as Node;
    }
    const start = node.range?.[0] ?? 0;
    const info: NodeInfo = { value: posOf(start) };
    if (keyLoc) info.key = keyLoc;
    const ptr = pointer(path);
    if (target.tag !== undefined && target.tag !== STR_TAG && !isMap(target) && !isSeq(target)) {
      diagnostics.push(diag(info.value, "error", "SVC1007", `YAML tag ${target.tag} is not supported in a spec`, 'write the value plainly; `!!str` is the one tag svcgen accepts'));
    }
    if (isMap(target)) {
      nodes.set(ptr, info);
      const obj: Record<string, unknown> = {};
      const inner = new Set(seen).add(target);
      for (const pair of target.items) {
        const k = pair.key as Node | null;
        const kLoc = posOf((k && k.range?.[0]) ?? start);
        if (!isScalar(k) || typeof k.value !== "string") {
          const shown = isScalar(k) ? JSON.stringify(k.value) : "a non-scalar key";
          diagnostics.push(diag(kLoc, "error", "SVC1005", `map keys must be strings, not ${shown}`, "quote the key if it is meant as text"));
          continue;
        }
        if (FORBIDDEN_KEYS.has(k.value)) {
          diagnostics.push(diag(kLoc, "error", "SVC1006", `"${k.value}" is not allowed as a key`));
          continue;
        }
        const v = pair.value as Node | Alias | null;
        if (v === null) {
          nodes.set(pointer([...path, k.value]), { value: kLoc, key: kLoc });
          obj[k.value] = null;
        } else {
          obj[k.value] = walk(v, [...path, k.value], kLoc, inner);
        }
      }
      return obj;
    }
    if (isSeq(target)) {
      nodes.set(ptr, info);
      const inner = new Set(seen).add(target);
      return target.items.map((item, i) => (item === null ? null : walk(item as Node, [...path, i], undefined, inner)));
    }
    if (isScalar(target)) {
      const [s, e] = target.range ?? [start, start];
      info.source = typeof target.value === "string" ? target.value : text.slice(s, e);
      nodes.set(ptr, info);
      return target.value;
    }
    nodes.set(ptr, info);
    return null;
  };

  const data = walk(doc.contents as Node, [], undefined, new Set());
  if (aliasBomb) {
    return {
      diagnostics: [
        diag(at(1, 1), "error", "SVC1003", `the spec expands to more than ${MAX_EXPANDED_NODES} YAML nodes (aliases repeated too often)`, "write the values out, or use fewer aliases"),
      ],
    };
  }
  if (diagnostics.length > 0) return { diagnostics };
  return { spec: { file, data, nodes }, diagnostics };
}
