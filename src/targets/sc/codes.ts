import type { CodeInfo } from "../../diagnostics/code-info.js";

// Codes of the sc target (SVC43xx). The shared Windows encoder codes (SVC40xx: characters cmd.exe
// cannot carry, the % hazard in the ImagePath, over-long lines, ${NAME} where nothing expands it) live
// in src/escape/codes.ts.
export const WHOLE_SECONDS = "SVC4301";
export const OUT_OF_RANGE = "SVC4302";
export const QUOTE_IN_EXECUTABLE = "SVC4303";
export const PASSWORD_NOT_ALLOWED = "SVC4304";
export const DISPLAY_NAME_TOO_LONG = "SVC4305";
export const ENVIRONMENT_SEPARATOR = "SVC4306";

export const codes: CodeInfo[] = [
  {
    code: WHOLE_SECONDS,
    severity: "error",
    title: "a restart period that is not a whole number of seconds",
    explain:
      "sc.exe failure takes the failure-count reset period (restart.resetAfter, or restart.window when " +
      "resetAfter is not set) in whole seconds, and svcgen does not round a value silently: write a whole " +
      "number of seconds (for example 2s rather than 1500ms).",
  },
  {
    code: OUT_OF_RANGE,
    severity: "error",
    title: "a restart duration too long for the service control manager",
    explain:
      "The SCM keeps each restart delay as a 32-bit number of milliseconds (at most 4294967294, about " +
      "49.7 days) and the reset period as a 32-bit number of seconds. Use a shorter duration.",
  },
  {
    code: QUOTE_IN_EXECUTABLE,
    severity: "error",
    title: 'a double quote in the executable path',
    explain:
      'Windows file names cannot contain ", and the ImagePath quotes the executable with ": a quote in the ' +
      "path would end it early and start a different program. Remove the quote.",
  },
  {
    code: PASSWORD_NOT_ALLOWED,
    severity: "error",
    title: "a password for an account that must not have one",
    explain:
      "A group managed service account (a name ending in $) and the NT SERVICE\\ virtual accounts get " +
      "their password from Windows: sc.exe must be given none (CreateService requires a NULL password). " +
      "Remove account.password.",
  },
  {
    code: DISPLAY_NAME_TOO_LONG,
    severity: "error",
    title: "a display name longer than 256 characters",
    explain: "CreateService and ChangeServiceConfig refuse a display name longer than 256 characters. Shorten it.",
  },
  {
    code: ENVIRONMENT_SEPARATOR,
    severity: "error",
    title: "no separator character left for the Environment registry value",
    explain:
      "The sc install script writes the environment with reg.exe add /t REG_MULTI_SZ /s <separator>, using " +
      "a punctuation character that no value contains. These values together contain every candidate " +
      "(; , | ~ # * @ + ! $ ' ` _ . [ ] { }). Shorten or split the values, or use another target.",
  },
];

// The reader of registry exports (svcgen import, svcgen diff): SVC63xx. The service key's own values, which
// the SCM keeps for every service, are read by the same code for the nssm reader (src/targets/scm/), so
// these codes also appear with [nssm]; nssm's Parameters have theirs (SVC62xx, nssm/codes.ts).
export const NOT_A_SERVICE_EXPORT = "SVC6301";
export const NOT_A_PROGRAM_SERVICE = "SVC6302";
export const VALUE_NOT_IMPORTED = "SVC6303";
export const VALUE_APPROXIMATED = "SVC6304";
export const VALUE_UNREADABLE = "SVC6305";
export const VALUE_NOT_CARRIED = "SVC6306";

export const readerCodes: CodeInfo[] = [
  {
    code: NOT_A_SERVICE_EXPORT,
    severity: "error",
    title: "not a registry export of one service key",
    explain:
      "svcgen imports a Windows service from the export of its registry key, as `reg export HKLM\\SYSTEM\\CurrentControlSet\\Services\\<name> <name>.reg` " +
      "writes it: the line \"Windows Registry Editor Version 5.00\", the service key and its subkeys, each value in the export syntax. This file is " +
      "something else at the place shown: another header (REGEDIT4, the ANSI format, holds strings in a code page svcgen cannot know), a key outside " +
      "that service, a deletion ([-KEY] or \"Name\"=-, which change a registry rather than describe one), or a value whose data cannot be decoded. " +
      "Export the key again with reg export, one service per file.",
  },
  {
    code: NOT_A_PROGRAM_SERVICE,
    severity: "error",
    title: "a service that is not a program of its own",
    explain:
      "A spec describes a program that runs as a service of its own (the SCM's SERVICE_WIN32_OWN_PROCESS). Drivers (Type 1, 2, 4, 8, started at " +
      "boot or by the system), services hosted in a shared process (Type 0x20: a DLL that svchost.exe loads), per-user service templates " +
      "(Type 0x50, 0x60) and keys without an ImagePath are not: svcgen cannot write a spec for them, and refuses rather than write a wrong one.",
  },
  {
    code: VALUE_NOT_IMPORTED,
    severity: "warning",
    title: "a service-key value with no spec field, not imported",
    explain:
      "The service key holds a value the spec has no field for (ErrorControl other than normal, Group, Tag, DependOnGroup, ServiceSidType, " +
      "RequiredPrivileges, FailureCommand, a Security or TriggerInfo subkey...). The nssm and sc targets have no raw escape hatch for the registry, " +
      "so it is not in the spec: a service installed from the spec will not have it (the install scripts leave it as it is on a machine that " +
      "already has it). Set it by hand after installing if you need it.",
  },
  {
    code: VALUE_APPROXIMATED,
    severity: "warning",
    title: "a service-key value the spec states only approximately",
    explain:
      "The value means something close to a spec field but not exactly it, and the spec says the nearest thing: failure actions with " +
      "different delays (restart.delay is the first), a reboot or run-command action (not imported), restart actions without the failure " +
      "flag (the SCM then restarts only a crashed process; the spec's on-failure also restarts after an error exit), an unquoted variable or " +
      "program path in the ImagePath (the spec quotes it). The message says what changes; a service built from the spec behaves that way.",
  },
  {
    code: VALUE_UNREADABLE,
    severity: "error",
    title: "a service-key value that cannot be read to one meaning",
    explain:
      "The value is of a type its reader does not accept (a string where the SCM wants a REG_DWORD), or its meaning depends on something svcgen " +
      "cannot see: a % that Windows could pair with another one into a variable, a command line the C runtime and CommandLineToArgvW split " +
      "differently, an unquoted program path with a space followed by arguments (Windows tries C:\\Program.exe first), a relative program path, a " +
      "FailureActions blob that is too short, an environment entry without a name, a dependency name a spec cannot hold. svcgen reports it " +
      "instead of guessing: fix the value on the machine (sc config, reg add) and export again.",
  },
  {
    code: VALUE_NOT_CARRIED,
    severity: "error",
    title: "a value the sc install script cannot carry",
    explain:
      "svcgen checks what it read against the sc target's own rules before writing the spec: this value would be refused when the spec is built " +
      "(a line break or another control character cmd.exe cannot pass, a display name over 256 characters...). The message gives the sc " +
      "target's reason.",
  },
];
