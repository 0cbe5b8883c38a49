// Exec/Command and Exec/Arguments text for one action. Task Scheduler expands %NAME% in both when the task
// starts (the Exec element's Remarks), then starts the program with the command line `Command Arguments`,
// which the program splits with the MSVCRT / CommandLineToArgvW rules. So each argv element is quoted
// with the shared encoder, and `${NAME}` is written `%NAME%`.

import { isLiteral, type Text } from "../../model.js";
import { quoteWindowsArg } from "../../escape/windows-argv.js";
import { windowsExpandable } from "../../escape/windows-env.js";

/** The characters Task Scheduler reads in Exec/Command: always quoted, so a path with spaces is one word. */
export function taskCommand(executable: Text): string {
  return `"${windowsExpandable(executable)}"`;
}

/**
 * One argv element. An element holding a variable is always quoted: the variable's value (C:\Program
 * Files, say) may contain spaces, and it is substituted before the line is split. The value must not
 * contain `"`, nor end in `\` where only backslashes follow it up to a quote (its backslashes would
 * join them and escape the quote); svcgen cannot see values, so it cannot check that.
 */
export function taskArg(t: Text): string {
  return quoteWindowsArg(windowsExpandable(t), !isLiteral(t));
}

/** The whole Exec/Arguments text (empty when there are no arguments). */
export function taskArguments(args: readonly Text[]): string {
  return args.map(taskArg).join(" ");
}

/**
 * The arguments as one Text, as Task Scheduler's %-expansion scans them: a literal `%` in one argument
 * can pair with a `%` in another, so the hazard check must see the joined line.
 */
export function joinedArgumentsText(args: readonly Text[]): Text {
  const parts: Text["parts"] = [];
  args.forEach((a, i) => {
    if (i > 0) parts.push({ kind: "literal", text: " " });
    parts.push(...a.parts);
  });
  const at = args[0]?.at ?? { file: "", line: 1, col: 1 };
  return { parts, source: args.map((a) => a.source).join(" "), at };
}
