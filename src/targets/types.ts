import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Platform, ServiceModel, TargetId } from "../model.js";
import type { Capabilities } from "./capabilities.js";

export interface OutputFile {
  name: string;
  bytes: Uint8Array;
}

export interface EmitContext {
  /** The spec's path as the generated header names it (relative to the output directory, `/` separators). */
  sourceName: string;
}

/**
 * A target is split so that each command loads only what it needs: `validate` reads capabilities and
 * runs `check`; only `build` loads `emit` (templates, XML code).
 */
export interface TargetModule {
  /** Value-level refusals and warnings: everything that would stop `emit`, found without rendering. */
  check(model: ServiceModel): Diagnostic[];
}

export interface EmitterModule {
  /** Pure: no I/O. Called only for a model whose `check` gave no errors; throws on a bug, never guesses. */
  emit(model: ServiceModel, ctx: EmitContext): OutputFile[];
}

export interface TargetEntry {
  id: TargetId;
  platform: Platform;
  /** One line for `svcgen targets`. */
  title: string;
  /** File names written for a service called `name`. */
  outputs(name: string): string[];
  capabilities: Capabilities;
  checker(): Promise<TargetModule>;
  emitter(): Promise<EmitterModule>;
}
