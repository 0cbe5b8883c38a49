import type { SpecField } from "../../spec/fields.js";

// Every directive the systemd reader (read.ts) looks up, as data. A directive is one of:
// - mapped: it feeds spec fields. `slots` name what it sets (aliases share a slot: StartLimitInterval= and
//   StartLimitIntervalSec=; TimeoutSec= sets the start and the stop timeout), `kind` how repeated
//   assignments combine (systemd.syntax(7)): `single`, the last assignment wins and an empty one resets to
//   systemd's default; `list`, assignments accumulate and an empty one empties the list. read.ts turns each
//   slot's effective value into fields with the decoders in escape.ts; a value the spec cannot state is kept
//   in options.systemd.extra (or, where the unit could not work without it, refused) with a diagnostic.
// - descriptive: known, with no spec field and no effect on how the service runs (Documentation=): kept in
//   options.systemd.extra without a warning.
// - anything else: kept in options.systemd.extra, as written, with a warning (SVC6101) naming it; or, where
//   extra cannot hold it (an X- key, a section other than Unit, Service and Install), reported (SVC6102).
// test/import/systemd-keys.test.ts checks this table against capabilities.ts.

export type Section = "Unit" | "Service" | "Install";

export interface MappedKey {
  fields: readonly SpecField[];
  kind: "single" | "list";
  /** What the directive sets; directives that set the same thing share a slot. Default: its own name. */
  slots?: readonly string[];
}

export const MAPPED: Readonly<Record<`${Section}.${string}`, MappedKey>> = {
  "Unit.Description": { fields: ["displayName", "description"], kind: "single" },
  "Unit.After": { fields: ["dependsOn"], kind: "list" },
  "Unit.Wants": { fields: ["dependsOn"], kind: "list" },
  "Unit.Requires": { fields: ["dependsOn"], kind: "list" },
  "Unit.StartLimitIntervalSec": { fields: ["restart.window"], kind: "single", slots: ["StartLimitInterval"] },
  "Unit.StartLimitInterval": { fields: ["restart.window"], kind: "single", slots: ["StartLimitInterval"] },
  "Unit.StartLimitBurst": { fields: ["restart.maxRetries"], kind: "single" },
  // Before systemd 229 the start limit was set in [Service]; 252 still reads these two spellings there.
  "Service.StartLimitInterval": { fields: ["restart.window"], kind: "single", slots: ["StartLimitInterval"] },
  "Service.StartLimitBurst": { fields: ["restart.maxRetries"], kind: "single", slots: ["StartLimitBurst"] },
  // svcgen's own: Type=exec (simple before 240) is how svcgen runs a program; other types are kept raw.
  "Service.Type": { fields: [], kind: "single" },
  "Service.ExecStart": { fields: ["executable", "args"], kind: "list" },
  "Service.ExecStartPre": { fields: ["hooks.preStart"], kind: "list" },
  "Service.ExecStopPost": { fields: ["hooks.postStop"], kind: "list" },
  "Service.WorkingDirectory": { fields: ["workingDirectory"], kind: "single" },
  "Service.Environment": { fields: ["environment"], kind: "list" },
  "Service.User": { fields: ["account"], kind: "single" },
  "Service.Group": { fields: ["account.group"], kind: "single" },
  "Service.Restart": { fields: ["restart.policy"], kind: "single" },
  "Service.RestartSec": { fields: ["restart.delay"], kind: "single" },
  "Service.TimeoutStopSec": { fields: ["stop.timeout"], kind: "single", slots: ["TimeoutStopSec"] },
  "Service.TimeoutSec": { fields: ["stop.timeout"], kind: "single", slots: ["TimeoutStopSec", "TimeoutStartSec"] },
  // No spec field, but TimeoutSec= sets it too: read.ts keeps the effective start timeout in extra.
  "Service.TimeoutStartSec": { fields: [], kind: "single", slots: ["TimeoutStartSec"] },
  "Service.KillSignal": { fields: ["stop.signal"], kind: "single" },
  "Service.StandardOutput": { fields: ["logs", "logs.append"], kind: "single" },
  "Service.StandardError": { fields: ["logs", "logs.append"], kind: "single" },
  "Service.Nice": { fields: ["priority"], kind: "single" },
  "Install.WantedBy": { fields: ["startup"], kind: "list" },
};

/** Known directives with no spec field and no effect on how the service runs: carried without a warning. */
export const DESCRIPTIVE: ReadonlySet<string> = new Set(["Unit.Documentation"]);

/**
 * Spec fields no directive holds (each with why): the key-table test accepts these without a key.
 */
export const WITHOUT_DIRECTIVE: Readonly<Partial<Record<SpecField, string>>> = {
  name: "the unit file's name, <name>.service (read.ts takes it from the file name)",
  "restart.resetAfter": "approximated by restart.window; nothing is written for it",
  "logs.rotate": "systemd cannot rotate logs",
  "account.password": "Linux services need no password",
};

/** The keys options.systemd.extra can hold (the schema's pattern). */
export const EXTRA_KEY = /^[A-Z][A-Za-z0-9]*$/;
export const EXTRA_SECTIONS: readonly Section[] = ["Unit", "Service", "Install"];

export const mappedKey = (section: string, key: string): MappedKey | undefined => (MAPPED as Record<string, MappedKey>)[`${section}.${key}`];
