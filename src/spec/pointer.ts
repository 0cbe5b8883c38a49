/** A JSON pointer (RFC 6901) to a node of a spec: `/restart/delay`, `/args/2`. */
export const pointer = (path: readonly (string | number)[]): string =>
  path.map((p) => "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
