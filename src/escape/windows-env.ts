import { isLiteral, type Text } from "../model.js";
import { quoteWindowsArg } from "./windows-argv.js";

// Windows expands %NAME% (ExpandEnvironmentStrings: WinSW, nssm's REG_EXPAND_SZ values, Task Scheduler,
// an ImagePath) with no escape for a literal percent sign. So `${NAME}` is written as `%NAME%`, and a
// literal `%` is only safe when the expansion scan cannot pair it with any later `%`.

/** `${NAME}` parts as `%NAME%`, literal parts as they are. */
export function windowsExpandable(t: Text): string {
  return t.parts.map((p) => (p.kind === "literal" ? p.text : `%${p.name}%`)).join("");
}

/**
 * One argv element of a command line that Windows expands before the program splits it with the C
 * runtime rules (an ImagePath, nssm's AppParameters and hooks, WinSW's <arguments>, a task's Exec):
 * `${NAME}` as `%NAME%`, and an element holding a variable always quoted, since the variable's value
 * (C:\Program Files, say) may bring spaces. svcgen cannot see that value: one containing `"`, or ending
 * in `\` where the element ends, would still break the quoting.
 */
export function expandedArg(t: Text): string {
  return quoteWindowsArg(windowsExpandable(t), !isLiteral(t));
}

/** Argv elements as one such command line. */
export function expandedArgs(args: readonly Text[]): string {
  return args.map(expandedArg).join(" ");
}

/**
 * Texts joined with spaces, as Windows expands them together in one string (an ImagePath, a command
 * line): a `%` in one can pair with a `%` in another, so the hazard check must see the joined line.
 * Quoting adds only `"` and `\`, never `%`, so the unquoted texts find the same pairs.
 */
export function spaceJoined(texts: readonly Text[]): Text {
  const parts = texts.flatMap((t, i) => (i === 0 ? t.parts : [{ kind: "literal" as const, text: " " }, ...t.parts]));
  return { parts, source: texts.map((t) => t.source).join(" "), at: texts[0]?.at ?? { file: "", line: 1, col: 1 } };
}

/**
 * Why the value could not be written so that Windows' expansion gives back the spec's characters,
 * or undefined when it can. Scans as ExpandEnvironmentStrings does: left to right, a `%` opens a
 * name that the next `%` closes. An empty name (`%%`) is never a variable, but where the scan goes on
 * after it differs: Windows' ntdll rescans from the second `%`, Wine's skips both. So a run of literal
 * `%` is safe when no `%` follows it, or when a variable follows it directly and the run pairs up evenly.
 */
export function percentHazard(t: Text): string | undefined {
  // Without a literal `%` every `%` is an intended variable's: nothing to pair up wrongly.
  if (!t.parts.some((p) => p.kind === "literal" && p.text.includes("%"))) return undefined;
  // Build the rendered string with a flag per character saying whether it is an intended `%NAME%`.
  let s = "";
  const intended: boolean[] = [];
  for (const p of t.parts) {
    const piece = p.kind === "literal" ? p.text : `%${p.name}%`;
    s += piece;
    for (let i = 0; i < piece.length; i++) intended.push(p.kind === "var");
  }
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== "%") continue;
    if (intended[i]) {
      i = s.indexOf("%", i + 1); // skip to the closing % of this variable
      continue;
    }
    let run = 1;
    while (s[i + run] === "%" && !intended[i + run]) run++;
    const last = i + run - 1;
    const next = s.indexOf("%", last + 1);
    if (next !== -1 && !(next === last + 1 && run % 2 === 0)) {
      if (intended[next]) {
        const variable = s.slice(next, s.indexOf("%", next + 1) + 1);
        return `a literal "%" stands before the variable ${variable}, and Windows would pair them`;
      }
      return `"%${s.slice(last + 1, next)}%" would be expanded by Windows as a variable, and Windows has no escape for a literal "%"`;
    }
    i = last;
  }
  return undefined;
}
