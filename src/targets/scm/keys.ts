import type { SpecField } from "../../spec/fields.js";

// The values the SCM keeps in every service's key (HKLM\SYSTEM\CurrentControlSet\Services\<name>), as
// data: which spec fields each feeds, for the nssm and sc readers alike (their keys.ts add their own).
// Anything in an export that no table names is reported where it is (SVC6303, SVC6202): the readers drop
// nothing silently. test/import/registry-keys.test.ts checks the tables against the capability tables.

/** Value name -> the spec fields it feeds. */
export type ValueTable = Readonly<Record<string, readonly SpecField[]>>;

export const SCM_MAPPED: ValueTable = {
  DisplayName: ["displayName"],
  Description: ["description"],
  Start: ["startup"],
  DelayedAutostart: ["startup"],
  ObjectName: ["account", "account.password"],
  DependOnService: ["dependsOn"],
};

/**
 * Values read for what they tell about the service, with no spec field, and reported only when they hold
 * something other than what the SCM writes for a service svcgen describes: Type (a program of its own:
 * anything else is refused), ErrorControl (1, normal: sc create's default), DependOnGroup (empty),
 * PreshutdownTimeout (180000 ms, Windows' default, which Wine's SCM writes into every key) and WOW64 (which
 * Windows writes for a 32-bit program: it follows from the program, not from a setting).
 */
export const SCM_KNOWN: readonly string[] = ["Type", "ErrorControl", "DependOnGroup", "PreshutdownTimeout", "WOW64"];

/** Subkeys the SCM or Windows make: Enum (the legacy device instance of a running service) has no setting in it. */
export const SCM_SUBKEYS_WITHOUT_SETTINGS: readonly string[] = ["Enum"];

/** Spec fields no value holds, with why: the key-table test accepts these without a value. */
export const SCM_WITHOUT_VALUE: Readonly<Partial<Record<SpecField, string>>> = {
  name: "the service key's name (HKLM\\SYSTEM\\CurrentControlSet\\Services\\<name>)",
};
