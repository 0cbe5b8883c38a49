import type { Text } from "../../model.js";
import { percentHazard, spaceJoined } from "../../escape/windows-env.js";

// WinSW's <arguments> is one string: WinSW expands %NAME% in it and hands it to the program, which
// splits it by the MSVCRT / CommandLineToArgvW rules: written with expandedArgs (windows-env.ts).

/**
 * Why the argument line would not survive WinSW's %-expansion, and which argument to blame. Expansion runs
 * over the whole line, so a `%` in one argument can pair with a `%` in a later one; quoting adds only `"`
 * and `\`, never `%`, so checking the unquoted arguments joined by spaces finds the same pairs.
 */
export function argumentLineHazard(args: readonly Text[]): { index: number; message: string } | undefined {
  for (let i = 0; i < args.length; i++) {
    const message = percentHazard(args[i]!);
    if (message) return { index: i, message };
  }
  const message = percentHazard(spaceJoined(args));
  if (!message) return undefined;
  const index = args.findIndex((a) => a.parts.some((p) => p.kind === "literal" && p.text.includes("%")));
  return { index: Math.max(index, 0), message: `across arguments: ${message}` };
}

/** True when the argument ends with a variable: a value ending in `\` would escape the closing quote. */
export function endsWithVariable(t: Text): boolean {
  return t.parts[t.parts.length - 1]?.kind === "var";
}
