import type { DiagnosticFormat } from "../diagnostics/format.js";
import { compileSpecs, parseTargets, report, summary, UsageError } from "./specs.js";
import { writeStderr } from "./output.js";

export async function runValidate(files: string[], o: { targets?: string[]; strict: boolean; format: DiagnosticFormat }): Promise<number> {
  try {
    const runs = await compileSpecs(files, { targets: parseTargets(o.targets), strict: o.strict, emit: false });
    const diagnostics = runs.flatMap((r) => r.result.diagnostics);
    report(diagnostics, o.format);
    if (o.format === "text" && diagnostics.length > 0) writeStderr(summary(diagnostics, runs.length));
    return diagnostics.some((d) => d.severity === "error") ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      writeStderr(`svcgen: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
