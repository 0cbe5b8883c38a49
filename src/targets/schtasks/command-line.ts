// Exec/Command text for one action. Task Scheduler expands %NAME% in Command and Arguments when the task
// starts (the Exec element's Remarks), then starts the program with the command line `Command Arguments`,
// which the program splits with the MSVCRT / CommandLineToArgvW rules: Arguments is written with
// expandedArgs (windows-env.ts).

import type { Text } from "../../model.js";
import { windowsExpandable } from "../../escape/windows-env.js";

/** The characters Task Scheduler reads in Exec/Command: always quoted, so a path with spaces is one word. */
export function taskCommand(executable: Text): string {
  return `"${windowsExpandable(executable)}"`;
}
