// YAML text that svcgen writes into hints: a value as the user should type it, chosen so that the
// `yaml` library (and svcgen's subset reader) reads back exactly that string. test/spec/hints.test.ts
// puts every suggestion back into its spec and validates it again.

// Plain scalars the core schema reads as something else than a string (yaml 2.x, src/schema/core).
const NOT_A_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)?$/;
// A plain scalar svcgen suggests: no indicator at the start (`-` only before a character that is not a
// space), nothing that ends it early (": ", " #") or splits it in a flow collection (, [ ] { }), no
// space at either end, no control or line-break character.
// eslint-disable-next-line no-control-regex
const UNSAFE_PLAIN = /^[-?:](?![^\s,[\]{}])|^[\s#&*!|>'"%@`,[\]{}]|:(?:\s|$)|\s#|[,[\]{}]|\s$|[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

/** `s` as a YAML scalar that reads back as the string `s`, in a flow collection or after `key: `. */
export function yamlString(s: string, style: "plain-if-safe" | "double" = "plain-if-safe"): string {
  // eslint-disable-next-line no-control-regex
  const control = /[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]/.test(s);
  if (style === "plain-if-safe" && !UNSAFE_PLAIN.test(s) && !NOT_A_STRING.test(s)) return s;
  // Backslashes (Windows paths) read literally in single quotes; double quotes would need each doubled.
  if (control || (style === "double" && !s.includes("\\"))) return JSON.stringify(s);
  return `'${s.replace(/'/g, "''")}'`;
}

/** A one-line flow list of strings: `["--port", "8080"]`. */
export const yamlList = (items: readonly string[], style: "plain-if-safe" | "double" = "plain-if-safe"): string =>
  `[${items.map((i) => yamlString(i, style)).join(", ")}]`;

/** A one-line flow map: `{ directory: C:\logs }`; values are YAML text already. */
export const yamlMap = (entries: readonly [string, string][]): string => `{ ${entries.map(([k, v]) => `${k}: ${v}`).join(", ")} }`;
