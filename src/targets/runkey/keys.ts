// The registry keys the Run-key reader (read.ts) reads, as data. A Run entry is a value of one of the Run keys
// (Microsoft, "Run and RunOnce Registry Keys"): HKCU's for the user, HKLM's for every user, and HKLM's 32-bit view
// (WOW6432Node), which a 64-bit Explorer runs as well. Task Manager's Startup tab records that an entry is
// enabled or disabled in a value of the same name under Explorer\StartupApproved\Run (Run32 for the 32-bit view's
// entries); see capabilities.ts. A `reg export` writes each key's full path: HKEY_CURRENT_USER, HKEY_LOCAL_MACHINE,
// or HKEY_USERS\<SID> for a user's hive exported from outside it.

export type RunKeyKind = "run" | "runonce" | "approved";

export interface RunKeyPath {
  kind: RunKeyKind;
  /** The scope svcgen writes such an entry in: HKLM's is every user's, a user's hive is that user's. */
  scope: "user" | "machine";
  /** The registry root as the export writes it (HKEY_CURRENT_USER, HKEY_USERS\S-1-5-21-...). */
  root: string;
  /** The 32-bit view (WOW6432Node, or StartupApproved\Run32). */
  wow64: boolean;
}

const PATH = /^(HKEY_CURRENT_USER|HKEY_LOCAL_MACHINE|HKEY_USERS\\[^\\]+)\\Software\\(WOW6432Node\\)?Microsoft\\Windows\\CurrentVersion\\(Run|RunOnce|Explorer\\StartupApproved\\Run(32)?)$/i;

/** What a key of the export is to the reader, or undefined for any other key. */
export function runKeyPath(path: string): RunKeyPath | undefined {
  const m = PATH.exec(path);
  if (!m) return undefined;
  const last = m[3]!.toLowerCase();
  const kind: RunKeyKind = last === "run" ? "run" : last === "runonce" ? "runonce" : "approved";
  return { kind, scope: m[1]!.toUpperCase() === "HKEY_LOCAL_MACHINE" ? "machine" : "user", root: m[1]!, wow64: m[2] !== undefined || m[4] !== undefined };
}

/**
 * The first bytes of a StartupApproved record (Task Manager's, undocumented; observed on Windows 8 to 11): the
 * emitter's DISABLED_FIRST_BYTES (03, 07) are disabled, 02 and 06 enabled.
 */
export const APPROVED_FIRST_BYTE: Readonly<Record<number, "enabled" | "disabled">> = { 0x02: "enabled", 0x06: "enabled", 0x03: "disabled", 0x07: "disabled" };
