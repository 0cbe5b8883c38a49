import type fc from "fast-check";
import type { Platform, TargetId } from "../../../src/model.js";
import type { GenSpec } from "../spec-gen.js";

/** What the property test needs from each target, written from the target format's own rules. */
export interface TargetFuzz {
  target: TargetId;
  platform: Platform;
  /** Spec fields the generator leaves out for this target (ones it declares "none"). */
  omit: ReadonlySet<string>;
  /** `options:` for the spec (e.g. ignore lists accepting approximations). */
  options: Record<string, unknown>;
  /** Adjusts the generated specs for this target (e.g. to make some variables name the spec's own environment). */
  specs?: (base: fc.Arbitrary<GenSpec>) => fc.Arbitrary<GenSpec>;
  /** Varying `options:` (a target version, a trigger); when set it replaces `options` for each case. */
  optionsArb?: fc.Arbitrary<Record<string, unknown>>;
  /** Why the target cannot carry this spec (so a refusal is right), or undefined (so output must be exact). */
  unexpressible(spec: GenSpec, options: Record<string, unknown>): string | undefined;
  /** Decodes the output files and lists every value that differs from the spec. */
  verify(spec: GenSpec, files: Map<string, string>, options: Record<string, unknown>): string[] | Promise<string[]>;
  /** The external reader verify runs, when it needs one (a skip locally when missing, a failure in CI). */
  oracle?: { available: boolean; name: string; install: string };
  /** Stops what verify started (a reader process), after the run. */
  teardown?(): void;
}
