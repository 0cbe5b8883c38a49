import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadedSpec } from "./load.js";
import type { AjvError } from "./schema-messages.js";
import { validate } from "./schema-validator.generated.js";

/**
 * Validates against the JSON Schema (the validator is generated ahead of time) and, when the spec breaks
 * it, says what is wrong in plain words at the exact YAML node. The wording (schema-messages.ts) is
 * loaded only then: a valid spec never loads it.
 */
export async function validateAgainstSchema(spec: LoadedSpec): Promise<Diagnostic[]> {
  if (validate(spec.data)) return [];
  const errors = (validate as unknown as { errors: AjvError[] }).errors ?? [];
  return (await import("./schema-messages.js")).describeSchemaErrors(spec, errors);
}
