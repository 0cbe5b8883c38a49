import type { Capabilities } from "../targets/capabilities.js";
import { TARGETS } from "../targets/registry.js";
import { SPEC_FIELDS } from "../spec/fields.js";

export const MARK: Record<string, string> = { native: "yes", approximate: "approx", none: "no", "n/a": "n/a" };

export const LEGEND =
  "yes: stored exactly; approx: stored approximately (a warning says how); no: an error unless listed in options.<target>.ignore; n/a: does not apply on that platform; *: some values differ";

export interface CapabilityData {
  targets: { id: string; platform: string; title: string; outputs: string[] }[];
  fields: Record<string, Record<string, { support: string; how: string; values?: Record<string, { support: string; how: string }> }>>;
}

export async function capabilityData(): Promise<CapabilityData> {
  const caps = new Map<string, Capabilities>();
  for (const t of TARGETS) caps.set(t.id, t.capabilities);
  const fields: CapabilityData["fields"] = {};
  for (const f of SPEC_FIELDS) {
    fields[f] = {};
    for (const t of TARGETS) fields[f]![t.id] = caps.get(t.id)![f];
  }
  return { targets: TARGETS.map((t) => ({ id: t.id, platform: t.platform, title: t.title, outputs: t.outputs("<name>") })), fields };
}

/** A cell: the field's support, starred when some values of the field are handled differently. */
export function cell(c: CapabilityData["fields"][string][string]): string {
  const base = MARK[c.support] ?? c.support;
  return Object.values(c.values ?? {}).some((v) => v.support !== c.support) ? `${base}*` : base;
}

/** The starred cells spelled out: per target and field, which values differ and how. */
function valueNotes(data: CapabilityData): string[] {
  const notes: string[] = [];
  for (const [field, byTarget] of Object.entries(data.fields)) {
    for (const [target, c] of Object.entries(byTarget)) {
      const groups = new Map<string, string[]>();
      for (const [value, v] of Object.entries(c.values ?? {})) {
        if (v.support === c.support) continue;
        groups.set(v.support, [...(groups.get(v.support) ?? []), value]);
      }
      if (groups.size === 0) continue;
      const parts = [...groups].map(([support, values]) => `${MARK[support]} for ${values.join(", ")}`);
      notes.push(`${target} ${field}: ${parts.join("; ")}`);
    }
  }
  return notes;
}

export async function capabilityTable(format: "text" | "json" | "markdown"): Promise<string> {
  const data = await capabilityData();
  if (format === "json") return JSON.stringify(data, null, 2) + "\n";
  const ids = data.targets.map((t) => t.id);
  const rows = SPEC_FIELDS.map((f) => [f, ...ids.map((id) => cell(data.fields[f]![id]!))]);
  const header = ["field", ...ids];
  const notes = valueNotes(data);
  const legend = `${LEGEND}:`;
  if (format === "markdown") {
    const line = (r: string[]) => `| ${r.join(" | ")} |`;
    return [line(header), line(header.map(() => "---")), ...rows.map(line), "", legend, "", ...notes.map((n) => `- ${n}`)].join("\n") + "\n";
  }
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), ...rows.map(line), "", legend, ...notes.map((n) => `  ${n}`), "", "svcgen targets --format json has the how for every cell."].join("\n") + "\n";
}

/**
 * Text for a Markdown table cell: what GitHub would read as markup (tags, emphasis, escapes) made
 * literal outside code spans; `|` escaped everywhere, as a table cell needs even in a code span.
 */
const cellText = (s: string): string =>
  s
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part.replace(/\|/g, "\\|") : part.replace(/[\\|*]/g, (c) => "\\" + c).replace(/</g, "&lt;").replace(/>/g, "&gt;")))
    .join("");

/**
 * One field across the targets, for its entry in docs/spec.md: a row per target with the support and
 * what the target writes (or why not), then each value that is handled differently.
 */
export function fieldCapabilityMarkdown(data: CapabilityData, field: string): string {
  const byTarget = data.fields[field];
  if (!byTarget) throw new Error(`no capability field ${field}`);
  const rows = data.targets.map((t) => {
    const c = byTarget[t.id]!;
    const values = Object.entries(c.values ?? {})
      .filter(([, v]) => v.support !== c.support || v.how !== c.how)
      .map(([value, v]) => `\`${value}\`: ${v.support === c.support ? "" : `${MARK[v.support]}: `}${cellText(v.how)}`);
    return `| ${t.id} | ${cell(c)} | ${[cellText(c.how), ...values].join("<br>")} |`;
  });
  return ["| target | support | what the target does |", "| --- | --- | --- |", ...rows].join("\n") + "\n";
}

// docs/spec.md holds one generated table per capability field, between these markers.
const FIELD_TABLE = /(<!-- targets: ([\w.]+) -->\n)[\s\S]*?(<!-- \/targets -->)/g;

/** The document with every field table regenerated from the targets' capability tables. */
export function withFieldTables(doc: string, data: CapabilityData): string {
  return doc.replace(FIELD_TABLE, (_, open: string, field: string, close: string) => open + fieldCapabilityMarkdown(data, field) + close);
}
