import type { Capabilities } from "../capabilities.js";
import { SPEC_FIELDS } from "../../spec/fields.js";

// Placeholder until the nssm emitter lands: every field is "none", so nothing is ever emitted silently.
export const capabilities = Object.fromEntries(
  SPEC_FIELDS.map((f) => [f, { support: "none", how: "the nssm target is not implemented yet" }]),
) as Capabilities;
