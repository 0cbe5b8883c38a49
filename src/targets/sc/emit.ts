import type { ServiceModel } from "../../model.js";
import type { EmitContext, OutputFile } from "../types.js";

export function emit(_model: ServiceModel, _ctx: EmitContext): OutputFile[] {
  throw new Error("the sc target is not implemented yet");
}
