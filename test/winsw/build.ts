import { stringify } from "yaml";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { ServiceModel } from "../../src/model.js";
import { compileYaml, modelFor } from "../helpers/compile.js";

export type Spec = Record<string, unknown>;
export type VersionChoice = 2 | 3 | undefined;

/** A minimal valid spec, with `extra` merged over it. */
export function spec(extra: Spec = {}, version?: VersionChoice): Spec {
  const s: Spec = { version: 1, name: "svc", executable: "C:\\apps\\svc\\svc.exe", ...extra };
  if (version !== undefined) s.options = { ...((s.options as Spec) ?? {}), winsw: { ...(((s.options as Spec)?.winsw as Spec) ?? {}), version } };
  return s;
}

export interface Built {
  yaml: string;
  diagnostics: Diagnostic[];
  errors: Diagnostic[];
  codes: string[];
  /** The XML as text, when the spec compiled. */
  xml?: string;
  bytes?: Uint8Array;
  model?: ServiceModel;
}

/** Compiles a spec object (written out as YAML) for winsw. */
export async function build(s: Spec, sourceName?: string): Promise<Built> {
  // Multi-line strings double-quoted: yaml's stringify writes " \n\t\n" as a block scalar (|+) whose
  // first line is more indented than the rest without an indentation indicator, which its own parser
  // then refuses (found by the random strings of test/conformance/winsw.test.ts).
  const yaml = stringify(s, { blockQuote: false });
  const r = await compileYaml(yaml, "winsw", sourceName === undefined ? {} : { sourceName });
  const out: Built = { yaml, diagnostics: r.diagnostics, errors: r.errors, codes: r.diagnostics.map((d) => d.code) };
  const name = `${String(s.name)}.xml`;
  if (r.files.has(name)) {
    out.bytes = r.files.get(name);
    out.xml = r.text(name);
    out.model = await modelFor(yaml, "winsw");
  }
  return out;
}

/** The machine environment the round trips run under: values with spaces, quotes and % in them. */
export const MACHINE = new Map<string, string>([
  ["PROGRAMDATA", "C:\\ProgramData"],
  ["PROGRAMFILES", "C:\\Program Files"],
  ["PROGRAMFILES(X86)", "C:\\Program Files (x86)"],
  ["SYSTEMROOT", "C:\\Windows"],
  ["PATH", "C:\\Windows\\system32;C:\\Windows"],
  ["SPACED", "a  b\tc"],
  ["PERCENT", "50%"],
  ["AMP", "Tom & Jerry <x>"],
]);
