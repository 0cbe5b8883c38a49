import type { SourceLoc } from "../model.js";

export type Severity = "error" | "warning";

/** One finding about a spec, always tied to the YAML node it is about. */
export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  severity: Severity;
  /** Stable code, `SVCnnnn`: users search for it and scripts match on it. */
  code: string;
  message: string;
  /** What to do about it, when there is something better to say than the message. */
  hint?: string;
  /** The target the diagnostic is about, when it comes from an emitter or a capability. */
  target?: string;
}

export function diag(
  at: SourceLoc,
  severity: Severity,
  code: string,
  message: string,
  hint?: string,
  target?: string,
): Diagnostic {
  const d: Diagnostic = { file: at.file, line: at.line, col: at.col, severity, code, message };
  if (hint !== undefined) d.hint = hint;
  if (target !== undefined) d.target = target;
  return d;
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === "error");

/** Order by file, position, then code, so output is stable whatever order the checks ran in. */
export function sortDiagnostics(ds: Diagnostic[]): Diagnostic[] {
  return ds.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.col - b.col ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
      ((a.target ?? "") < (b.target ?? "") ? -1 : (a.target ?? "") > (b.target ?? "") ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** `--strict`: every warning becomes an error with the same code. */
export function strictify(ds: Diagnostic[]): Diagnostic[] {
  return ds.map((d) => (d.severity === "warning" ? { ...d, severity: "error" } : d));
}
