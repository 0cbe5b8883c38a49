import type { ServiceModel } from "../../model.js";

// options.launchd, declared once as data: the accessor below takes its defaults from here, and
// test/launchd/options.test.ts checks that schema/service.schema.json's options.launchd says the same.

/** Where the plist goes: a daemon of the system domain, or an agent of the user who logs in. */
export type LaunchdDomain = "system" | "user";

export interface OptionDecl {
  /** The option's JSON Schema, without its description. */
  schema: Record<string, unknown>;
  /** The value when the spec does not set it; undefined when it is derived from the spec. */
  default?: unknown;
  description: string;
}

// A label is also the file name (<label>.plist), so it is held to file-name characters; 249 leaves room
// for ".plist" in macOS's 255-byte name limit.
export const LABEL_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]*$";
export const LABEL_MAX = 249;

export const LAUNCHD_OPTIONS = {
  domain: {
    schema: { enum: ["system", "user"] },
    default: "system",
    description:
      "Where the job runs: `system` (default), a daemon in /Library/LaunchDaemons started at boot as root or account.user; `user`, an agent in ~/Library/LaunchAgents started at the user's login, as that user.",
  },
  label: {
    schema: { type: "string", pattern: LABEL_PATTERN, maxLength: LABEL_MAX },
    description: "The job's Label and the file name (<label>.plist), often reverse DNS (`com.example.orders`). Default: the spec's name.",
  },
} as const satisfies Record<string, OptionDecl>;

const IGNORE_DESCRIPTION =
  "Spec fields this target cannot express, which you accept losing for it (otherwise each one is an error). Dotted names for nested fields: `logs.rotate`, `restart.maxRetries`.";

/** The `options.launchd` fragment of the spec's JSON Schema, as the options above declare it. */
export function launchdOptionsSchema(): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(LAUNCHD_OPTIONS) as [string, OptionDecl][]) {
    properties[name] = { description: o.description, ...o.schema, ...(o.default === undefined ? {} : { default: o.default }) };
  }
  properties.ignore = { description: IGNORE_DESCRIPTION, type: "array", uniqueItems: true, items: { $ref: "#/definitions/fieldName" } };
  return { description: "launchd settings.", type: "object", additionalProperties: false, properties };
}

export interface LaunchdOptions {
  domain: LaunchdDomain;
  label: string;
}

/** options.launchd with defaults; the schema has checked its shape. */
export function launchdOptions(model: ServiceModel): LaunchdOptions {
  const o = model.options as { domain?: LaunchdDomain; label?: string };
  return { domain: o.domain ?? LAUNCHD_OPTIONS.domain.default, label: o.label ?? model.name.value };
}
