import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Alias, type Document, type Node } from "yaml";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceLoc } from "../model.js";
import { EMPTY_HINT, type LoadedSpec, type NodeInfo } from "./load.js";
import { pointer } from "./pointer.js";
import { explainYamlError, YamlSource } from "./yaml-messages.js";
import { FORBIDDEN_KEYS, MAX_EXPANDED_NODES } from "./yaml-limits.js";

const STR_TAG = "tag:yaml.org,2002:str";

// The library composes nested collections recursively: thousands of nested brackets exhaust the stack,
// and V8 may then fail a regular expression's compilation with a fatal "out of memory" instead of a
// catchable error. No spec nests anywhere near this deep.
const MAX_FLOW_DEPTH = 100;

/** The offset of the first bracket that opens more than `limit` deep (quotes and comments skipped), or -1. */
function flowDepthBeyond(text: string, limit: number): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "[" || c === "{") {
      if (++depth > limit) return i;
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
    else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (c === "'" && depth > 0) {
      i = text.indexOf("'", i + 1);
      if (i === -1) return -1;
    } else if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) {
      i = text.indexOf("\n", i);
      if (i === -1) return -1;
    }
  }
  return -1;
}

/**
 * Loads a spec with the full `yaml` library: any YAML, with a located diagnostic for every error and
 * every construct a spec may not use. `loadSpec` (load.ts) checks size and BOM first and calls this when
 * its fast path declines.
 */
export function loadWithYaml(text: string, file: string): { spec?: LoadedSpec; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (line: number, col: number): SourceLoc => ({ file, line, col });
  const deep = flowDepthBeyond(text, MAX_FLOW_DEPTH);
  if (deep !== -1) {
    const line = text.slice(0, deep).split("\n").length;
    return {
      diagnostics: [
        diag(at(line, deep - text.lastIndexOf("\n", deep - 1)), "error", "SVC1001", `the spec nests [ ] and { } more than ${MAX_FLOW_DEPTH} deep here`, "a spec nests a few levels deep; look for brackets opened and never closed"),
      ],
    };
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, merge: false, strict: true });
  const posOf = (offset: number): SourceLoc => {
    const p = lc.linePos(offset);
    return at(p.line, p.col);
  };
  // One message per line: the library often reports one mistake several times over (a list item after
  // a key's value is three errors on one line), and an error that follows from an earlier one (a "]"
  // after an unclosed "[") is left out.
  const src = new YamlSource(text);
  const lines = new Set<number>();
  for (const e of [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])) {
    const m = explainYamlError(e, src);
    const where = posOf(m.offset);
    if (lines.has(where.line) || (m.cascade && lines.size > 0)) continue;
    lines.add(where.line);
    diagnostics.push(diag(where, "error", m.code, m.message, m.hint));
    if (m.final) break;
  }
  if (diagnostics.length > 0) return { diagnostics };
  if (doc.contents === null) {
    diagnostics.push(diag(at(1, 1), "error", "SVC1001", `the spec is empty${/\S/.test(text) ? " (it has only comments)" : ""}`, EMPTY_HINT));
    return { diagnostics };
  }

  const nodes = new Map<string, NodeInfo>();
  const warnings: Diagnostic[] = [];
  // A list item indented one space more than the others (`- a` then ` - b`) is, in YAML, the next line
  // of a's plain text: the spec gets "a - b" and one item fewer, without a word from the library.
  const foldedListItem = (value: string, s: number, e: number): void => {
    const m = /\n([ \t]*)- /.exec(text.slice(s, e));
    if (!m) return;
    const lineStart = s + m.index + 1;
    warnings.push(
      diag(
        posOf(lineStart + m[1]!.length),
        "warning",
        "SVC1011",
        `this line looks like a list item, but YAML reads it as the rest of the text before it: the value is ${JSON.stringify(value)}`,
        "indent it exactly as the other items of the list (or quote the text if the dash belongs to it)",
      ),
    );
  };
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
        diagnostics.push(
          diag(
            posOf(node.range?.[0] ?? 0),
            "error",
            "SVC1003",
            resolved ? `alias *${node.source} refers to a value that contains it` : `*${node.source} is read as an alias (*name), and no anchor &${node.source} comes before it`,
            resolved ? "write the values out" : `a value that starts with * is an alias in YAML: quote it if it is text (\`"*${node.source}"\`)`,
          ),
        );
        return null;
      }
      target = resolved as Node;
    }
    const start = node.range?.[0] ?? 0;
    const info: NodeInfo = { value: posOf(start) };
    if (keyLoc) info.key = keyLoc;
    const ptr = pointer(path);
    if (target.tag !== undefined && target.tag !== STR_TAG && !isMap(target) && !isSeq(target)) {
      const tag = target.tag.replace(/^tag:yaml\.org,2002:/, "!!");
      diagnostics.push(diag(info.value, "error", "SVC1007", `YAML tag ${tag} is not supported in a spec`, 'write the value plainly (quote it if the ! is part of it); `!!str` is the one tag svcgen accepts'));
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
          diagnostics.push(diag(kLoc, "error", "SVC1006", `"${k.value}" is not allowed as a key`, "no spec field has this name: delete it"));
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
      if (target.type === "PLAIN" && typeof target.value === "string") foldedListItem(target.value, s, e);
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
  return { spec: { file, data, nodes }, diagnostics: warnings };
}
