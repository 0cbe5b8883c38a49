import { isLiteral, type Text, type TextPart } from "../model.js";
import { VAR_NAME } from "../spec/text.js";
import { quoteWindowsArg, splitProgramWord, splitWindowsArgs } from "./windows-argv.js";

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

// ---------------------------------------------------------------------------------------------------
// Decoding: the inverse of windowsExpandable and expandedArgs, for the readers.

export type ExpandableDecode = { ok: true; parts: TextPart[] } | { ok: false; problem: string };

/**
 * A value Windows expands, as spec parts: `%NAME%` with a name a spec can write becomes `${NAME}`, every
 * other character is literal (a `$` included: the spec writes it `$$`). Exactly what percentHazard lets the
 * encoder write comes back; anything else is a problem, not a guess: a `%...%` pair whose name a spec cannot
 * write (Windows would expand it if such a variable existed), or `%` runs that Windows' ntdll and Wine scan
 * differently (an even run of `%` before a name).
 */
export function decodeExpandable(s: string): ExpandableDecode {
  const parts: TextPart[] = [];
  let lit = "";
  let i = 0;
  while (i < s.length) {
    const p = s.indexOf("%", i);
    if (p < 0) {
      lit += s.slice(i);
      break;
    }
    lit += s.slice(i, p);
    let run = 1;
    while (s[p + run] === "%") run++;
    const close = s.indexOf("%", p + run);
    if (close < 0) {
      lit += s.slice(p);
      break;
    }
    const name = s.slice(p + run, close);
    if (!VAR_NAME.test(name)) {
      return { ok: false, problem: `"%${name}%" would be expanded by Windows if a variable of that name were defined, and a spec can write neither that variable nor those characters literally` };
    }
    if (run % 2 === 0) {
      return { ok: false, problem: `"${"%".repeat(run)}${name}%": Windows' own expansion and Wine's pair these percent signs differently` };
    }
    lit += "%".repeat(run - 1);
    if (lit) parts.push({ kind: "literal", text: lit });
    lit = "";
    parts.push({ kind: "var", name });
    i = close + 1;
  }
  if (lit || parts.length === 0) parts.push({ kind: "literal", text: lit });
  return { ok: true, parts };
}

const SENTINEL = "\uE000";

export type ArgsDecode = { ok: true; args: TextPart[][]; splitByValue: number[] } | { ok: false; problem: string };

/**
 * The inverse of expandedArgs: an argument line Windows expands and then the program splits by the C runtime
 * rules. Variables are found over the whole line first (expansion comes first, and a pair can span arguments),
 * then the line is split. `splitByValue` lists the arguments that hold a variable outside quotes, which Windows
 * splits further when the variable's value has a space: the spec's argument stays whole (svcgen quotes it).
 */
export function decodeExpandedArgs(line: string): ArgsDecode {
  if (line.includes(SENTINEL)) return { ok: false, problem: "it contains the private-use character U+E000, which svcgen cannot read here" };
  const d = decodeExpandable(line);
  if (!d.ok) return d;
  const names: string[] = [];
  const marked = d.parts.map((p) => (p.kind === "literal" ? p.text : (names.push(p.name), SENTINEL))).join("");
  const split = splitWindowsArgs(marked);
  if (!split.ok) return split;
  let n = 0;
  const args = split.args.map((a) => {
    const parts: TextPart[] = [];
    for (const piece of a.split(/(\uE000)/)) {
      if (piece === SENTINEL) parts.push({ kind: "var", name: names[n++]! });
      else if (piece !== "") parts.push({ kind: "literal", text: piece });
    }
    return parts.length > 0 ? parts : [{ kind: "literal" as const, text: "" }];
  });
  // Would a value holding a space split the line further? Asked of each variable in turn.
  const owner: number[] = split.args.flatMap((a, idx) => Array<number>((a.match(/\uE000/g) ?? []).length).fill(idx));
  const splitByValue = new Set<number>();
  let occurrence = 0;
  const pieces = marked.split(SENTINEL);
  for (let j = 0; j < names.length; j++) {
    const spaced = pieces.map((p, k) => (k === 0 ? p : (k === j + 1 ? "x y" : "x") + p)).join("");
    const r = splitWindowsArgs(spaced);
    if (r.ok && r.args.length !== split.args.length) splitByValue.add(owner[occurrence]!);
    occurrence++;
  }
  return { ok: true, args, splitByValue: [...splitByValue] };
}

/**
 * A value as spec parts, whether Windows expands it (`expanded`: a REG_EXPAND_SZ, a value nssm expands) or
 * stores it as written (a REG_SZ): then every character is literal, and a `%` that could pair is refused too,
 * since the spec's value for the same setting is written as one that Windows expands.
 */
export function decodeWindowsValue(s: string, expanded: boolean): ExpandableDecode {
  if (expanded) return decodeExpandable(s);
  const parts: TextPart[] = [{ kind: "literal", text: s }];
  const why = percentHazard({ parts, source: s, at: NOWHERE });
  return why === undefined ? { ok: true, parts } : { ok: false, problem: `it is stored as written (REG_SZ), but svcgen writes this setting as a value Windows expands, where ${why}` };
}

const NOWHERE = { file: "", line: 1, col: 1 };

/** An argument line (decodeExpandedArgs), or, stored as written (REG_SZ), its literal arguments. */
export function decodeArgsValue(s: string, expanded: boolean): ArgsDecode {
  if (expanded) return decodeExpandedArgs(s);
  const v = decodeWindowsValue(s, false);
  if (!v.ok) return v;
  const split = splitWindowsArgs(s);
  if (!split.ok) return split;
  return { ok: true, args: split.args.map((a) => [{ kind: "literal", text: a }]), splitByValue: [] };
}

export type CommandLineDecode =
  | { ok: true; program: TextPart[]; programQuoted: boolean; args: TextPart[][]; splitByValue: number[]; tail: string }
  | { ok: false; problem: string };

/**
 * A whole command line Windows expands (`expanded`) and runs (a service's ImagePath, an nssm hook): the program
 * word (splitProgramWord) and the arguments the program splits from the rest. Variables are found over the whole
 * line first, as Windows expands it before anything splits it: a `%NAME%` holds no space or quote, so each lies
 * inside one word, and the program and the tail then decode on their own.
 */
export function decodeExpandedCommandLine(s: string, expanded: boolean): CommandLineDecode {
  const whole = decodeWindowsValue(s, expanded);
  if (!whole.ok) return whole;
  const w = splitProgramWord(s);
  if (!w.ok) return w;
  const program = decodeWindowsValue(w.program, expanded);
  if (!program.ok) return program;
  const args = decodeArgsValue(w.rest, expanded);
  if (!args.ok) return args;
  return { ok: true, program: program.parts, programQuoted: w.quoted, args: args.args, splitByValue: args.splitByValue, tail: w.rest };
}
