import { literalOf, type Text } from "../model.js";
import { windowsExpandable } from "./windows-env.js";

// Windows runs a .bat or .cmd program through cmd.exe: CreateProcess starts `cmd.exe /c <command line>`
// for it, whoever asks (the SCM for an ImagePath, nssm, WinSW, Task Scheduler). cmd.exe then reads the
// whole command line by its own rules: & | < > ^ are syntax, every " toggles its quoting (so an MSVCRT
// \" escape does not protect what follows), and a line break ends the command. Arguments quoted for the
// C runtime are therefore not passed as written, and could run another command.

/** True when Windows runs the program through cmd.exe (trailing dots and spaces of a file name are dropped). */
export function isBatchProgram(executable: Text): boolean {
  return /\.(bat|cmd)[. ]*$/i.test(windowsExpandable(executable));
}

const BATCH_METACHARACTERS = /[&|<>^"\r\n]/;

/** Each argument of a batch program holding a character cmd.exe would read as syntax (none for a real program). */
export function batchArgumentProblems(executable: Text, args: readonly Text[]): { index: number; char: string }[] {
  if (!isBatchProgram(executable)) return [];
  return args.flatMap((a, index) => {
    const m = BATCH_METACHARACTERS.exec(literalOf(a));
    return m ? [{ index, char: m[0] }] : [];
  });
}
