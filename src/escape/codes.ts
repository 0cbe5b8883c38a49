import type { CodeInfo } from "../diagnostics/code-info.js";

// Codes of the shared Windows encoders (SVC40xx). Any Windows target may emit them; each diagnostic names
// its target. Others append entries here with a small edit; keep the numbers in order.
export const CMD_UNREPRESENTABLE = "SVC4001";
export const PERCENT_HAZARD = "SVC4002";
export const CMD_LINE_TOO_LONG = "SVC4003";
export const VARIABLE_NOT_EXPANDED = "SVC4004";
export const BATCH_ARGUMENT = "SVC4005";

export const codes: CodeInfo[] = [
  {
    code: CMD_UNREPRESENTABLE,
    severity: "error",
    title: "a value contains a character a cmd.exe script cannot carry",
    explain:
      "The nssm and sc targets write install scripts that cmd.exe runs line by line. A line break ends the " +
      "command, and NUL, Ctrl-Z and the other control characters (all but TAB) do not pass through cmd.exe " +
      "reliably. svcgen refuses the value rather than change it: remove the character from the spec, or " +
      "choose a target that stores the value in a file (winsw, schtasks).",
  },
  {
    code: PERCENT_HAZARD,
    severity: "error",
    title: "a literal % would be expanded by Windows as an environment variable",
    explain:
      "Windows expands %NAME% in this value (a REG_EXPAND_SZ registry value, an ImagePath, WinSW or Task " +
      "Scheduler text) and has no escape for a literal percent sign. A single % with no other % after it " +
      "is safe; two can pair up and be replaced by a variable's value. Write ${NAME} for a variable you " +
      "mean, and avoid a literal % that another % follows.",
  },
  {
    code: CMD_LINE_TOO_LONG,
    severity: "error",
    title: "a generated cmd.exe line would be longer than 8191 characters",
    explain:
      "cmd.exe reads at most 8191 characters per line and silently cuts the rest. Shorten the value (for " +
      "example move long argument lists into a configuration file the program reads).",
  },
  {
    code: VARIABLE_NOT_EXPANDED,
    severity: "error",
    title: "${NAME} in a value that Windows stores without expanding variables",
    explain:
      "A ${NAME} in the spec means the variable's value when the service starts. This value (a display " +
      "name, a description, an account or a file name the target never expands) is stored verbatim, so " +
      "the variable would appear as the text %NAME%. Write the literal value, or $${NAME} for a literal " +
      "dollar sign.",
  },
  {
    code: BATCH_ARGUMENT,
    severity: "error",
    title: "an argument of a .bat/.cmd program contains a character cmd.exe would interpret",
    explain:
      "Windows runs a .bat or .cmd program through cmd.exe (CreateProcess starts cmd.exe /c with the command " +
      "line, whether the SCM, nssm, Task Scheduler or Explorer for a Run entry starts it), and cmd.exe reads that whole line by its own " +
      "rules: & | < > ^ are command syntax, every \" toggles its quoting (a backslash does not escape it), and " +
      "a line break ends the command. Such an argument would not reach the program as written, and could run " +
      "another command. Pass the value another way (an environment variable, a file), or run a real " +
      "executable. (The winsw target reports the same as SVC4419.)",
  },
];
