/**
 * The length of the YAML key or scalar starting at `at` in `line`, for a diagnostic's underline: a
 * quoted scalar to its closing quote, a key to its colon, a plain scalar to a comment or the line's end
 * (inside a flow collection, to the next `,`, `]` or `}`).
 */
export function tokenLength(line: string, at: number): number {
  const rest = line.slice(at);
  const quoted = /^"(?:[^"\\]|\\.)*"?|^'(?:[^']|'')*'?/.exec(rest);
  if (quoted && quoted[0].length > 1) return quoted[0].length;
  const inFlow = /[[{]/.test(line.slice(0, at).replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, ""));
  const plain = (inFlow ? /^[^,\]}]*?(?=\s*(?:[,\]}]|\s#|$))/ : /^.*?(?=\s*(?:\s#|$))/).exec(rest)?.[0] ?? "";
  const key = /^[^#\s][^#]*?(?=:\s|:$)/.exec(plain);
  return (key ?? [plain])[0].length;
}
