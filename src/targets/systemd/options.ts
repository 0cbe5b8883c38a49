import type { ServiceModel } from "../../model.js";

export const DEFAULT_SYSTEMD_VERSION = 252;

export interface SystemdOptions {
  version: number;
  wantedBy: string;
  /** Section -> directive -> values (a list repeats the directive). */
  extra: Record<string, Record<string, string[]>>;
}

/** options.systemd with defaults; the schema has checked its shape. */
export function systemdOptions(model: ServiceModel): SystemdOptions {
  const o = model.options as { version?: number; wantedBy?: string; extra?: Record<string, Record<string, string | string[]>> };
  const extra: SystemdOptions["extra"] = {};
  for (const [section, directives] of Object.entries(o.extra ?? {})) {
    extra[section] = Object.fromEntries(Object.entries(directives).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  }
  return { version: o.version ?? DEFAULT_SYSTEMD_VERSION, wantedBy: o.wantedBy ?? "multi-user.target", extra };
}
