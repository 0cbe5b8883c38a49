// The capability table of `svcgen targets`, from the same data (src/cli/targets-table.ts), with the
// rows of the fields the current spec sets marked, and each of their cells showing what that target
// does with the spec's value (`startup: delayed` is native for WinSW, approximated by systemd), as
// compile() judges it (capabilityFor, valueKey).
import { capabilityData, cell, LEGEND, MARK, type CapabilityData } from "../src/cli/targets-table.js";
import type { Platform, ServiceModel } from "../src/model.js";
import { isSpecField, SPEC_FIELDS, type SpecField } from "../src/spec/fields.js";
import { loadSpec } from "../src/spec/load.js";
import { normalize } from "../src/spec/normalize.js";
import { validateAgainstSchema } from "../src/spec/validate-schema.js";
import { capabilityFor, valueKey } from "../src/targets/apply-capabilities.js";
import type { Support } from "../src/targets/capabilities.js";
import { TARGETS } from "../src/targets/registry.js";
import type { TargetEntry } from "../src/targets/types.js";

export interface SpecUse {
  /** The spec as each platform's targets see it (the platform section merged in). */
  models: Map<Platform, ServiceModel>;
  /** options.<target>.ignore, per target. */
  ignored: Map<string, Set<string>>;
}

/** What the spec sets, per platform; undefined while it does not load or fails the schema. */
export async function specUse(text: string, file: string): Promise<SpecUse | undefined> {
  const { spec } = await loadSpec(text, file);
  if (!spec || (await validateAgainstSchema(spec)).some((d) => d.severity === "error")) return undefined;
  const models = new Map<Platform, ServiceModel>();
  for (const t of TARGETS) {
    if (models.has(t.platform)) continue;
    const { model } = normalize(spec, t.platform);
    if (model) models.set(t.platform, model);
  }
  const options = (spec.data as { options?: Record<string, { ignore?: unknown }> }).options ?? {};
  const ignored = new Map(TARGETS.map((t) => [t.id, new Set(Array.isArray(options[t.id]?.ignore) ? (options[t.id]!.ignore as string[]) : [])]));
  return { models, ignored };
}

/**
 * Whether options.<target>.ignore accepts what the target does with `field`: the field listed (and
 * not native), or a field it belongs to listed and dropped (`ignore: [logs]` where logs is "no" drops
 * logs.rotate too), as applyCapabilities decides.
 */
function isIgnored(use: SpecUse, t: TargetEntry, model: ServiceModel, field: SpecField, support: Support): boolean {
  const list = use.ignored.get(t.id) ?? new Set<string>();
  if (list.has(field) && (support === "none" || support === "approximate")) return true;
  return [...list].some((p) => isSpecField(p) && field.startsWith(p + ".") && capabilityFor(t.capabilities, p, valueKey(model, p)).support === "none");
}

let data: Promise<CapabilityData> | undefined;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

const SUPPORT_CLASS: Record<string, string> = { native: "s-native", approximate: "s-approx", none: "s-none", "n/a": "s-na" };

export async function renderCapabilityTable(container: HTMLElement, use: SpecUse | undefined): Promise<void> {
  const d = await (data ??= capabilityData());
  const head = el("tr", {}, el("th", { scope: "col" }, "field"));
  for (const t of d.targets) head.append(el("th", { scope: "col", title: `${t.title} (${t.platform})` }, t.id));
  const body = el("tbody");
  for (const field of SPEC_FIELDS) {
    const row = el("tr", {}, el("th", { scope: "row" }, field));
    let used = false;
    for (const t of TARGETS) {
      const general = d.fields[field]![t.id]!;
      const model = use?.models.get(t.platform);
      const td = el("td");
      td.dataset.target = t.id;
      if (model?.present.has(field)) {
        used = true;
        const value = valueKey(model, field as SpecField);
        const cap = capabilityFor(t.capabilities, field as SpecField, value);
        const ignored = isIgnored(use!, t, model, field as SpecField, cap.support);
        td.textContent = MARK[cap.support] + (ignored ? " (ignored)" : "");
        td.className = `${SUPPORT_CLASS[cap.support]} in-spec`;
        td.title = `${t.id}, ${field}${value !== undefined ? `: ${value}` : ""}: ${cap.how}${ignored ? ` (options.${t.id}.ignore lists it)` : ""}`;
      } else {
        td.textContent = cell(general);
        td.className = SUPPORT_CLASS[general.support]!;
        const values = Object.entries(general.values ?? {}).filter(([, v]) => v.support !== general.support);
        td.title = [`${t.id}, ${field}: ${general.how}`, ...values.map(([v, c]) => `${v}: ${MARK[c.support]}, ${c.how}`)].join("\n");
      }
      row.append(td);
    }
    row.dataset.field = field;
    if (used) row.className = "in-spec";
    body.append(row);
  }
  const legend = el("p", { className: "legend" }, `${LEGEND}.`);
  container.replaceChildren(el("table", {}, el("thead", {}, head), body), legend);
}
