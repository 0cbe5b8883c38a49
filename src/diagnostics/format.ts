import type { Diagnostic } from "./diagnostic.js";

export type DiagnosticFormat = "text" | "json" | "github";

function text(d: Diagnostic): string {
  const where = d.target ? ` [${d.target}]` : "";
  const hint = d.hint ? `\n  hint: ${d.hint}` : "";
  return `${d.file}:${d.line}:${d.col}: ${d.severity} ${d.code}:${where} ${d.message}${hint}`;
}

// GitHub workflow commands: properties and data have their own escapes (`%`, CR, LF; plus `:` and `,`
// in properties), otherwise a message with a comma or newline breaks the annotation.
const ghData = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const ghProp = (s: string): string => ghData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

function github(d: Diagnostic): string {
  const where = d.target ? ` [${d.target}]` : "";
  const body = `${d.code}:${where} ${d.message}${d.hint ? ` (hint: ${d.hint})` : ""}`;
  return `::${d.severity} file=${ghProp(d.file)},line=${d.line},col=${d.col},title=${ghProp(d.code)}::${ghData(body)}`;
}

/** Renders diagnostics; json is one array for the whole run so tools can parse it in one go. */
export function formatDiagnostics(ds: readonly Diagnostic[], format: DiagnosticFormat): string {
  if (format === "json") return JSON.stringify(ds, null, 2) + "\n";
  if (ds.length === 0) return "";
  return ds.map(format === "github" ? github : text).join("\n") + "\n";
}
