// The spec's fields as capability tables name them. One list, so that every target declares every
// field and `svcgen targets` has the same rows for all of them.
export const SPEC_FIELDS = [
  "name",
  "displayName",
  "description",
  "executable",
  "args",
  "workingDirectory",
  "environment",
  "account",
  "account.group",
  "account.password",
  "startup",
  "dependsOn",
  "restart.policy",
  "restart.delay",
  "restart.maxRetries",
  "restart.window",
  "restart.resetAfter",
  "stop.timeout",
  "stop.signal",
  "logs",
  "logs.append",
  "logs.rotate",
  "hooks.preStart",
  "hooks.postStop",
  "priority",
] as const;

export type SpecField = (typeof SPEC_FIELDS)[number];

export const isSpecField = (s: string): s is SpecField => (SPEC_FIELDS as readonly string[]).includes(s);

/**
 * The enum fields whose default is a setting of its own (docs/spec.md): a spec that leaves one out means this
 * value. normalize.ts applies them; apply-capabilities.ts judges them where a target cannot express them.
 */
export const ENUM_DEFAULTS = { startup: "auto", "restart.policy": "on-failure", priority: "normal" } as const satisfies Partial<Record<SpecField, string>>;
