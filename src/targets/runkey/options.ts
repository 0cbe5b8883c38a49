import type { ServiceModel } from "../../model.js";

// options.runkey, with its defaults. The schema (schema/service.schema.json, options.runkey) has
// checked the shape; the defaults live here and in the schema's descriptions only.

export type RunkeyScope = "user" | "machine";

export interface RunkeyOptions {
  /** user: HKCU of whoever runs the install script; machine: HKLM, for every user who logs on. */
  scope: RunkeyScope;
  /** Whether the install script clears a Task Manager "Disabled" of the entry. */
  reenable: boolean;
}

export function runkeyOptions(model: ServiceModel): RunkeyOptions {
  const o = model.options as { scope?: RunkeyScope; reenable?: boolean };
  return { scope: o.scope ?? "user", reenable: o.reenable ?? false };
}
