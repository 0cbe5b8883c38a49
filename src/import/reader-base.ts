import { diag, type Diagnostic, type Severity } from "../diagnostics/diagnostic.js";
import type { SourceLoc, TargetId } from "../model.js";
import type { SpecField } from "../spec/fields.js";
import type { Origin, ReadResult } from "../targets/types.js";

/** What a reader says of a source's name that a spec cannot carry (SVC6006's hint). */
export const SPEC_NAME_RULE = "a spec's name is letters, digits, _ . -, starting with a letter or digit, at most 64 characters";

/**
 * What every target's reader keeps while it reads one service: its located diagnostics, each tagged with
 * the target, and where each spec field came from (for svcgen diff's messages).
 */
export abstract class ReaderBase {
  protected readonly diagnostics: Diagnostic[] = [];
  protected readonly origins = new Map<SpecField, Origin>();

  constructor(protected readonly target: TargetId) {}

  protected report(severity: Severity, at: SourceLoc, code: string, message: string, hint?: string): void {
    this.diagnostics.push(diag(at, severity, code, message, hint, this.target));
  }
  protected error(at: SourceLoc, code: string, message: string, hint?: string): void {
    this.report("error", at, code, message, hint);
  }
  protected warn(at: SourceLoc, code: string, message: string, hint?: string): void {
    this.report("warning", at, code, message, hint);
  }
  protected result(): ReadResult {
    return { diagnostics: this.diagnostics, origins: this.origins };
  }
}
