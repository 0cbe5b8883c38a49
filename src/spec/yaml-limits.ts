// What both spec readers (yaml-fast.ts and load-yaml.ts) hold a document to.

// Aliases are allowed (they can save repetition) but each expansion is counted, so a "billion laughs"
// document is refused instead of expanding into gigabytes.
export const MAX_EXPANDED_NODES = 10_000;

/** Keys that would reach Object.prototype through a plain object: refused (SVC1006). */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
