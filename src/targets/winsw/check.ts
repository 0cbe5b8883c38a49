import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ServiceModel } from "../../model.js";

export function check(model: ServiceModel): Diagnostic[] {
  return [diag(model.name.at, "error", "SVC3000", "the winsw target is not implemented yet", undefined, "winsw")];
}
