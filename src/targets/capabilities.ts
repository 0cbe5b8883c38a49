import type { SpecField } from "../spec/fields.js";

/**
 * - native: the target stores the value exactly.
 * - approximate: the target stores something close; `how` says what, and users get it as a warning.
 * - none: the target cannot express it; an error unless listed in `options.<target>.ignore`.
 * - n/a: the field does not apply to this target's platform by the spec's own definition
 *   (`stop.signal` and `account.group` are Linux only, a password is a Windows install-time input).
 */
export type Support = "native" | "approximate" | "none" | "n/a";

export interface Capability {
  support: Support;
  /** How the target expresses it (native), what it does instead (approximate), or why not (none). */
  how: string;
  /**
   * For `account`, which `ignore` normally cannot list (a service without its account would run as
   * LocalSystem or root): true where dropping the account gains no privilege, because the target runs
   * the program as the user who logs on (a Run entry).
   */
  ignorable?: boolean;
}

/** Per field; enum-valued fields may refine it per value (`startup: delayed`, `account: virtual`). */
export interface FieldCapability extends Capability {
  values?: Record<string, Capability>;
}

export type Capabilities = Record<SpecField, FieldCapability>;
