/** One JSON pointer (RFC 6901) segment, with its leading slash: `~` and `/` escaped. */
export const segment = (p: string | number): string => {
  const s = String(p);
  // Most keys have neither character: skip the two replacements (this runs for every node of a spec).
  return s.includes("~") || s.includes("/") ? "/" + s.replace(/~/g, "~0").replace(/\//g, "~1") : "/" + s;
};

/** The unescaped segments of a JSON pointer: `/a~1b/0` -> `["a/b", "0"]`. */
export const segments = (ptr: string): string[] =>
  ptr === "" ? [] : ptr.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));

/** A JSON pointer (RFC 6901) to a node of a spec: `/restart/delay`, `/args/2`. */
export const pointer = (path: readonly (string | number)[]): string => {
  let out = "";
  for (let i = 0; i < path.length; i++) out += segment(path[i]!);
  return out;
};
