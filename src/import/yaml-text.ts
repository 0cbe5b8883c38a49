import { parse } from "yaml";

// YAML text for the specs `svcgen import` writes: a scalar is plain wherever YAML reads it back as the same
// string, and quoted only where it would not. "Reads back the same" is decided by the yaml library itself,
// under YAML 1.2 (what svcgen reads) and 1.1 (what older tools read: `yes`, `on`, `010`, `2001-12-14`), so
// that a spec means the same text to every tool that opens it.

const cache = new Map<string, string>();

// Characters that may not stand in a plain or single-quoted scalar: controls (YAML allows no C0 but TAB,
// LF, CR in a stream, and line breaks fold), DEL and C1, line and paragraph separators, BOM, non-characters.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Blanks other than the space (tab, no-break and typographic spaces) are kept visible by quoting.
const ODD_BLANK = /[\t\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000]/;
const INDICATOR_START = /^([?:,[\]{}#&*!|>'"%@`]|-(?=\s|$)|---|\.\.\.)/;

function plainReadsBack(s: string, flow: boolean): boolean {
  for (const version of ["1.2", "1.1"] as const) {
    try {
      const doc = parse(flow ? `k: [${s}]` : `k: ${s}`, { version, uniqueKeys: false }) as { k?: unknown } | null;
      const v = flow ? (Array.isArray(doc?.k) && doc.k.length === 1 ? doc.k[0] : undefined) : doc?.k;
      if (v !== s) return false;
    } catch {
      return false;
    }
  }
  return true;
}

function plainCandidate(s: string, flow: boolean): boolean {
  if (s === "" || s.trim() !== s || NEEDS_ESCAPE.test(s) || ODD_BLANK.test(s) || INDICATOR_START.test(s)) return false;
  if (s.includes(": ") || s.includes(" #") || s.endsWith(":")) return false;
  if (flow && /[,[\]{}]/.test(s)) return false;
  return true;
}

/** A double-quoted scalar: JSON's escapes, plus \u escapes for what YAML would not keep as written. */
function doubleQuoted(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"));
}

/** A string as a YAML scalar, in block context or (flow) inside `[...]`. */
export function yamlString(s: string, flow = false): string {
  const key = (flow ? "f" : "b") + s;
  let out = cache.get(key);
  if (out !== undefined) return out;
  out = plainCandidate(s, flow) && plainReadsBack(s, flow) ? s : yamlQuoted(s);
  if (cache.size > 10_000) cache.clear();
  cache.set(key, out);
  return out;
}

/**
 * A string as a quoted YAML scalar, always: double quotes, or single quotes where the text has a backslash or
 * a double quote and nothing to escape, so that a Windows path reads as written (`'C:\apps\x.exe'`).
 */
export function yamlQuoted(s: string): string {
  if (NEEDS_ESCAPE.test(s) || (!s.includes('"') && !s.includes("\\"))) return doubleQuoted(s);
  return `'${s.replace(/'/g, "''")}'`;
}

/** A map key: a key resolves as a value would, so a key that reads back as the same string value is safe plain. */
export function yamlKey(s: string): string {
  return yamlString(s, false);
}
