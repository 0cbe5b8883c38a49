import { compile, type CompileOptions } from "../../src/compile.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { Platform, ServiceModel, TargetId } from "../../src/model.js";
import { loadSpec } from "../../src/spec/load.js";
import { normalize } from "../../src/spec/normalize.js";
import { applyCapabilities } from "../../src/targets/apply-capabilities.js";
import { targetEntry } from "../../src/targets/registry.js";

export interface Compiled {
  diagnostics: Diagnostic[];
  errors: Diagnostic[];
  files: Map<string, Uint8Array>;
  /** A file as UTF-8 (or UTF-16LE when it starts with that BOM). */
  text(name: string): string;
}

/** Compiles YAML text for one target, as `svcgen build --target <t>` would (file name "service.yaml"). */
export async function compileYaml(yaml: string, target: TargetId, opts: Omit<CompileOptions, "targets"> = {}): Promise<Compiled> {
  const r = await compile(yaml, "service.yaml", { ...opts, targets: [target] });
  const files = new Map<string, Uint8Array>();
  for (const o of r.outputs) for (const f of o.files) files.set(f.name, f.bytes);
  return {
    diagnostics: r.diagnostics,
    errors: r.diagnostics.filter((d) => d.severity === "error"),
    files,
    text(name: string) {
      const b = files.get(name);
      if (!b) throw new Error(`no file ${name}; have ${[...files.keys()].join(", ") || "none"}; diagnostics: ${JSON.stringify(r.diagnostics)}`);
      if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder("utf-16le").decode(b.subarray(2));
      return new TextDecoder().decode(b);
    },
  };
}

/** The model a target's check/emit sees (ignored fields removed); throws when the spec has errors. */
export async function modelFor(yaml: string, target: TargetId): Promise<ServiceModel> {
  const entry = targetEntry(target)!;
  const { spec, diagnostics } = await loadSpec(yaml, "service.yaml");
  if (!spec) throw new Error(JSON.stringify(diagnostics));
  const n = normalize(spec, entry.platform as Platform);
  if (!n.model) throw new Error(JSON.stringify(n.diagnostics));
  const data = spec.data as { options?: Record<string, Record<string, unknown>> };
  const applied = applyCapabilities(n.model, entry.capabilities, target, data.options?.[target] ?? {}, n.model.optionLoc);
  return applied.model;
}
