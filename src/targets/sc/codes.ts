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
