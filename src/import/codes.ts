import type { CodeInfo } from "../diagnostics/code-info.js";
import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceLoc, TargetId } from "../model.js";

// Codes of `svcgen import` itself (SVC60xx), whatever the kind of file: finding each file's kind, grouping
// files into services, and checking the spec written. Each target's reader documents its own codes
// (SVC6Txx, T as in SVC4Txx) in src/targets/<t>/codes.ts. Keep the numbers in order; never reuse one.
export const UNKNOWN_KIND = "SVC6001";
export const AMBIGUOUS_KIND = "SVC6002";
export const PART_WITHOUT_MAIN = "SVC6003";
export const SAME_SERVICE_NAME = "SVC6004";
export const SPEC_DOES_NOT_BUILD = "SVC6005";
export const NOT_A_SPEC_NAME = "SVC6006";
export const PASSWORD_FROM_ENV = "SVC6007";
export const PASSWORD_IN_SOURCE = "SVC6008";
export const NO_SUCH_SERVICE = "SVC6009";
export const SECRET_IN_ENVIRONMENT = "SVC6010";

export const codes: CodeInfo[] = [
  {
    code: UNKNOWN_KIND,
    severity: "error",
    title: "a file svcgen cannot import",
    explain:
      "svcgen import tells a file's kind from its content (a systemd unit's [Unit]/[Service] sections, a WinSW <service> or Task Scheduler <Task> root, a registry export of a service key). None recognised this file. Name the kind with --from (svcgen import --from systemd x.conf), or check that the file is what you think it is.",
  },
  {
    code: AMBIGUOUS_KIND,
    severity: "error",
    title: "a file several kinds of import claim",
    explain: "More than one reader recognised the file, so svcgen will not guess which one it is. Name the kind with --from.",
  },
  {
    code: PART_WITHOUT_MAIN,
    severity: "error",
    title: "a file that extends another, given without it",
    explain:
      "Some files only add to another: a systemd drop-in x.service.d/override.conf changes x.service. Give the main file first and its parts after it on the command line (svcgen import x.service x.service.d/*.conf), or use --installed to read the service as the system has it.",
  },
  {
    code: SAME_SERVICE_NAME,
    severity: "error",
    title: "two services with the same name",
    explain: "Two sources describe a service of the same name, so both would be written to <name>.yaml. Import them separately, into different --out folders.",
  },
  {
    code: SPEC_DOES_NOT_BUILD,
    severity: "error",
    title: "the spec svcgen wrote does not build (a bug)",
    explain:
      "Before writing it, svcgen builds each imported spec for the source's target; this one failed, which is a bug in the reader or the spec writer. Nothing is written. Please report it with the source file and the message.",
  },
  {
    code: NOT_A_SPEC_NAME,
    severity: "error",
    title: "a service name a spec cannot have",
    explain:
      "A spec's name is both a Windows service name and a systemd unit name: letters, digits, _, . and -, starting with a letter or digit, at most 64 characters. The source's service is named otherwise (a systemd template or instance such as getty@tty1, a name with spaces).",
  },
  {
    code: PASSWORD_FROM_ENV,
    severity: "warning",
    title: "the account's password is to be given at install time",
    explain:
      "The source runs the service as an account with a password. svcgen never writes a password into a spec: the spec says password: { fromEnv: <NAME>_PASSWORD }, and the install step reads that environment variable. Set it when you install, or rename it in the spec.",
  },
  {
    code: PASSWORD_IN_SOURCE,
    severity: "warning",
    title: "the source file holds a password in plain text",
    explain:
      "The file you imported contains an account password as plain text (a WinSW <password>, for instance). The spec does not: it reads the password from an environment variable at install time. Consider the password exposed: change it, and remove it from the file and from wherever the file has been copied or committed.",
  },
  {
    code: NO_SUCH_SERVICE,
    severity: "error",
    title: "no service of the name asked for in the file",
    explain:
      "Some files hold several services: a supervisord file its [program:x] sections, a Run key export one value per program. --service NAME (or --installed NAME) keeps the one of that name, and the file has none: the message lists the names it holds. Check the name, or import the whole file.",
  },
  {
    code: SECRET_IN_ENVIRONMENT,
    severity: "warning",
    title: "an environment variable that looks like a secret is now in the spec",
    explain:
      "The source sets an environment variable whose name suggests a secret (PASSWORD, TOKEN, SECRET, API_KEY, CREDENTIAL, AUTH, ...), and the spec svcgen wrote holds its value as plain text, as the source did. A spec is meant to be committed: before you do, move the secret out (have the program read it from a file only its account can read, or from a secret store), or keep the spec where the secret may be. svcgen diff never prints such values.",
  },
];

/** SVC6007 for an account whose password the written spec reads from `variable`. */
export function passwordFromEnvWarning(at: SourceLoc, variable: string, target: TargetId): Diagnostic {
  return diag(at, "warning", PASSWORD_FROM_ENV, `the account needs a password: the spec reads it from the environment variable ${variable} at install time`, `set ${variable} when you run the install step`, target);
}

/** SVC6008 for a password written in the source file itself. */
export function passwordInSourceWarning(at: SourceLoc, target: TargetId): Diagnostic {
  return diag(at, "warning", PASSWORD_IN_SOURCE, "this file holds the account's password in plain text; the spec does not", "treat the password as exposed: change it, and remove it from the file", target);
}
