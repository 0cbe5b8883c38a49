// Stands in for codemirror-json-schema's utils/markdown (markdown-it with shiki highlighting, most of
// that library's weight): scripts/build-site.mjs points the library's import here. svcgen's schema
// descriptions and the library's own type lines are sentences with `code` spans, rendered as such;
// everything else is text, escaped.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export function renderMarkdown(markdown: string, inline = true): string {
  const html = escape(markdown).replace(/`([^`]+)`/g, "<code>$1</code>");
  if (inline) return html;
  return html
    .split(/\n{2,}/)
    .map((p) => `<p>${p}</p>`)
    .join("");
}
