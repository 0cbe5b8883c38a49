import type { Capabilities } from "../targets/capabilities.js";
import { TARGETS } from "../targets/registry.js";
import { SPEC_FIELDS } from "../spec/fields.js";

const MARK: Record<string, string> = { native: "yes", approximate: "approx", none: "no", "n/a": "n/a" };

export interface CapabilityData {
  targets: { id: string; platform: string; title: string; outputs: string[] }[];
  fields: Record<string, Record<string, { support: string; how: string; values?: Record<string, { support: string; how: string }> }>>;
}

export async function capabilityData(): Promise<CapabilityData> {
  const caps = new Map<string, Capabilities>();
  for (const t of TARGETS) caps.set(t.id, await t.capabilities());
  const fields: CapabilityData["fields"] = {};
  for (const f of SPEC_FIELDS) {
    fields[f] = {};
    for (const t of TARGETS) fields[f]![t.id] = caps.get(t.id)![f];
  }
  return { targets: TARGETS.map((t) => ({ id: t.id, platform: t.platform, title: t.title, outputs: t.outputs("<name>") })), fields };
}

/** A cell: the field's support, with per-value refinements when they differ from it. */
function cell(c: CapabilityData["fields"][string][string]): string {
  const base = MARK[c.support] ?? c.support;
  const differing = Object.entries(c.values ?? {}).filter(([, v]) => v.support !== c.support);
  return differing.length === 0 ? base : `${base} (${differing.map(([k, v]) => `${k}: ${MARK[v.support]}`).join(", ")})`;
}

export async function capabilityTable(format: "text" | "json" | "markdown"): Promise<string> {
  const data = await capabilityData();
  if (format === "json") return JSON.stringify(data, null, 2) + "\n";
  const ids = data.targets.map((t) => t.id);
  const rows = SPEC_FIELDS.map((f) => [f, ...ids.map((id) => cell(data.fields[f]![id]!))]);
  const header = ["field", ...ids];
  if (format === "markdown") {
    const line = (r: string[]) => `| ${r.join(" | ")} |`;
    return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n") + "\n";
  }
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  const legend = "\nyes: stored exactly; approx: stored approximately (a warning says how); no: an error unless listed in options.<target>.ignore; n/a: does not apply on that platform.\n`svcgen targets --format json` has the how for every cell.\n";
  return [line(header), ...rows.map(line)].join("\n") + "\n" + legend;
}
