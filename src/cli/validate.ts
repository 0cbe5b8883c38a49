import type { DiagnosticFormat } from "../diagnostics/format.js";
import { compileSpecs, exitCodeOf, parseTargets, report, summary } from "./specs.js";
import { writeStderr } from "./output.js";

export function runValidate(files: string[], o: { targets?: string[]; strict: boolean; format: DiagnosticFormat }): Promise<number> {
  return exitCodeOf(async () => {
    const runs = await compileSpecs(files, { targets: parseTargets(o.targets), strict: o.strict, emit: false });
    const diagnostics = runs.flatMap((r) => r.result.diagnostics);
    report(diagnostics, o.format);
    if (o.format === "text" && diagnostics.length > 0) writeStderr(summary(diagnostics, runs.length));
    return diagnostics.some((d) => d.severity === "error") ? 1 : 0;
  });
}
