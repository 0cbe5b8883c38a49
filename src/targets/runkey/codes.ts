import type { CodeInfo } from "../../diagnostics/code-info.js";

// Codes of the runkey target (SVC46xx). The shared Windows encoder codes (SVC40xx: characters cmd.exe
// cannot carry, a literal % Windows would expand, over-long lines) live in src/escape/codes.ts.
export const COMMAND_LINE_TOO_LONG = "SVC4601";
export const QUOTE_IN_EXECUTABLE = "SVC4602";

export const codes: CodeInfo[] = [
  {
    code: COMMAND_LINE_TOO_LONG,
    severity: "error",
    title: "a Run entry's command line longer than 260 characters",
    explain:
      "Microsoft documents the data of a Run value as \"a command line no longer than 260 characters\" " +
      "(Run and RunOnce Registry Keys); the quoted executable and arguments together are longer (counted " +
      "before Windows expands a ${NAME}, whose value makes the line longer still). Shorten the path or the arguments (for " +
      "example move options into a configuration file the program reads).",
  },
  {
    code: QUOTE_IN_EXECUTABLE,
    severity: "error",
    title: "a double quote in the executable path",
    explain:
      'Windows file names cannot contain ", and the Run entry quotes the executable with ": a quote in the ' +
      "path would end it early and start a different program. Remove the quote.",
  },
];
