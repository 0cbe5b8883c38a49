// The library entry point, for tools that embed svcgen: `import { compile } from "svcgen"`.
// compile() is pure (no file I/O): give it a spec's bytes as read from the file (decoded as the CLI
// decodes them: UTF-8, UTF-16 or UTF-32, invalid bytes refused at their position) or its text, and a
// file name for diagnostics; it returns diagnostics and, when there is no error, the output files'
// names and bytes.
export { compile } from "./compile.js";
export type { CompileOptions, CompileResult, TargetOutput } from "./compile.js";
export type { Diagnostic, Severity } from "./diagnostics/diagnostic.js";
export { formatDiagnostics, type DiagnosticFormat } from "./diagnostics/format.js";
export type { OutputFile } from "./targets/types.js";
export type { ServiceModel, TargetId, Platform, Text, TextPart, SourceLoc } from "./model.js";
export type { Capabilities, Capability, FieldCapability, Support } from "./targets/capabilities.js";
export { TARGET_IDS } from "./targets/registry.js";
export { SPEC_FIELDS, type SpecField } from "./spec/fields.js";

/** Per target and spec field: how (or whether) the target expresses it. The data behind `svcgen targets`. */
export { capabilityData } from "./cli/targets-table.js";
