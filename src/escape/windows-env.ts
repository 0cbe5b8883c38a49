import type { Text } from "../model.js";

// Windows expands %NAME% (ExpandEnvironmentStrings: WinSW, nssm's REG_EXPAND_SZ values, Task Scheduler,
// an ImagePath) with no escape for a literal percent sign. So `${NAME}` is written as `%NAME%`, and a
// literal `%` is only safe when the expansion scan cannot pair it with any later `%`.

/** `${NAME}` parts as `%NAME%`, literal parts as they are. */
export function windowsExpandable(t: Text): string {
  return t.parts.map((p) => (p.kind === "literal" ? p.text : `%${p.name}%`)).join("");
}

/**
 * Why the value could not be written so that Windows' expansion gives back the spec's characters,
 * or undefined when it can. Scans as ExpandEnvironmentStrings does: left to right, a `%` opens a
 * name that the next `%` closes.
 */
export function percentHazard(t: Text): string | undefined {
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
    const next = s.indexOf("%", i + 1);
    if (next !== -1) {
      const between = s.slice(i + 1, next);
      return intended[next]
        ? `a literal "%" stands right before the variable at "%${between}%", and Windows would pair them`
        : `"%${between}%" would be expanded by Windows as a variable, and Windows has no escape for a literal "%"`;
    }
  }
  return undefined;
}
