import type { SpecField } from "../../spec/fields.js";
import { SCM_KNOWN, SCM_MAPPED, SCM_WITHOUT_VALUE, type ValueTable } from "../scm/keys.js";

// Every value the sc reader (read.ts) reads from a service key, as data: the SCM's own (scm/keys.ts) and
// those sc.exe and the sc install script set. Anything else in the export is reported (SVC6303).
// test/import/registry-keys.test.ts checks this table against capabilities.ts.

export const MAPPED: ValueTable = {
  ...SCM_MAPPED,
  ImagePath: ["executable", "args"],
  Environment: ["environment"],
  FailureActions: ["restart.policy", "restart.delay", "restart.maxRetries", "restart.window", "restart.resetAfter"],
  FailureActionsOnNonCrashFailures: ["restart.policy"],
};

export const KNOWN: readonly string[] = SCM_KNOWN;

/** Spec fields no value holds, with why. */
export const WITHOUT_VALUE: Readonly<Partial<Record<SpecField, string>>> = {
  ...SCM_WITHOUT_VALUE,
  priority: "only priority: normal is native, and it is the default: nothing is stored for it",
};
