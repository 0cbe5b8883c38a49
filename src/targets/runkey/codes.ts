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

// --- The reader (svcgen import, svcgen diff): SVC66xx. Each has a minimal `reg export` file that produces it
// (`example`, with the line it is reported on), imported by test/runkey/reader-codes.test.ts.

export const NOT_IMPORTED = "SVC6601";
export const UNREADABLE = "SVC6602";
export const APPROXIMATED = "SVC6603";
export const NOT_CARRIED = "SVC6604";

export interface RunkeyReaderCodeInfo extends CodeInfo {
  /** A registry export, and the line of it where this code is reported. */
  example: { name: string; text: string; line: number };
}

const HKCU_RUN = "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run";
/** A `reg export` of the user's Run key with these value lines: the first is on line 4. */
const runExport = (values: string[], line = 4, key = HKCU_RUN) => ({
  name: "run.reg",
  text: ["Windows Registry Editor Version 5.00", "", `[${key}]`, ...values, ""].join("\r\n"),
  line,
});

export const readerCodes: RunkeyReaderCodeInfo[] = [
  {
    code: NOT_IMPORTED,
    severity: "warning",
    title: "a registry value or key that is no Run entry, not imported",
    explain:
      "The export holds something that is not an entry Explorer starts at each logon, or not one a spec can describe: a value that is not " +
      "text (Explorer runs REG_SZ and REG_EXPAND_SZ values only), the key's default value (it has no name), a RunOnce entry (run once at " +
      "the next logon, then deleted), a Task Manager record (StartupApproved) of an entry the export does not hold, or another key. It is " +
      "not imported; the other entries are.",
    example: runExport(['"Tray"="\\"C:\\\\Program Files\\\\Tray\\\\tray.exe\\""', '"Flags"=dword:00000001'], 5),
  },
  {
    code: UNREADABLE,
    severity: "error",
    title: "a Run entry that cannot be read to one command",
    explain:
      "The export cannot be read (not a `reg export` file, no Run key), or the entry's command line has no single meaning: a quote that " +
      "does not close, a relative program (Windows searches several folders for it), a % that Windows could pair with another into a " +
      "variable, two entries of one name (in HKCU and HKLM), or a Task Manager record (StartupApproved) that is neither enabled nor " +
      "disabled. svcgen reports it instead of guessing: fix the entry (reg add) and export again.",
    example: runExport(['"Tray"="tray.exe --minimized"']),
  },
  {
    code: APPROXIMATED,
    severity: "warning",
    title: "a Run entry the spec states only approximately",
    explain:
      "The entry works, but not in the form svcgen writes, and the spec says the nearest thing: an unquoted program path with a space " +
      "(Windows tries C:\\Program.exe first: the spec quotes it), a variable outside quotes (the spec keeps its value whole), a REG_SZ value " +
      "with %NAME% (Windows does not document whether Explorer expands a REG_SZ Run value: the spec reads it expanded, and svcgen writes " +
      "REG_EXPAND_SZ), an entry in the 32-bit view (WOW6432Node: svcgen writes the 64-bit key, which Explorer runs as well).",
    example: runExport(['"Tray"="C:\\\\Program Files\\\\Tray\\\\tray.exe --minimized"']),
  },
  {
    code: NOT_CARRIED,
    severity: "error",
    title: "a Run entry the runkey install script cannot carry",
    explain:
      "svcgen checks what it read against the runkey target's own rules before writing the spec: this entry would be refused when the spec " +
      "is built (a command line longer than the 260 characters Microsoft documents, a character cmd.exe cannot pass). The message gives the " +
      "runkey target's reason.",
    example: runExport([`"Tray"="\\"C:\\\\Tray\\\\tray.exe\\" ${"--long-option ".repeat(20).trim()}"`]),
  },
];
