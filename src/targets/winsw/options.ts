import type { ServiceModel } from "../../model.js";

/** 2: WinSW 2.12; 3: WinSW 3.0 alphas; "both": only what 2.12 and 3.x read the same way. */
export type WinswVersion = 2 | 3 | "both";

/** options.winsw.version as the emitter uses it; undefined when the value is not one svcgen knows. */
export function winswVersion(model: ServiceModel): WinswVersion | undefined {
  const v = (model.options as { version?: unknown }).version;
  if (v === undefined) return "both";
  return v === 2 || v === 3 ? v : undefined;
}

export const versionLabel = (v: WinswVersion): string => (v === 2 ? "WinSW 2.12" : v === 3 ? "WinSW 3.0" : "WinSW 2.12 and 3.0");
