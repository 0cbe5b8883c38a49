import { decodeExpandedCommandLine } from "../escape/windows-env.js";
import { isLiteral, type SourceLoc, type Text } from "../model.js";
import { formatText } from "../spec/text.js";
import { textFromParts, windowsPathProblem } from "./read-model.js";

// A command line Windows runs, read by the readers of registry values that hold one (a service's ImagePath, an
// nssm hook, a Run entry): the program and its arguments, as the program receives them.

/** How a reader reports what it finds (its own target and codes). */
export type Report = (severity: "error" | "warning", at: SourceLoc, code: string, message: string, hint?: string) => void;

/**
 * The program and its arguments of a command line (`text`, which Windows expands first when `expanded`: a
 * REG_EXPAND_SZ), reported under the name `what`. For an unquoted program path followed by more text,
 * CreateProcess tries the first word (with .exe added when it has no extension), then the first two words, and
 * so on (CWE-428). svcgen never writes such a line (it quotes a path with a space, or without an extension), so
 * one is hand-made, most likely C:\Program Files\App\app.exe: it is read up to the first word that ends in .exe
 * or .com, with a warning, since the program then sees the rest of its own path as arguments, which a spec cannot
 * say. A relative program is refused: Windows searches several folders for it.
 */
export function readCommandLine(
  what: string,
  t: { text: string; expanded: boolean },
  at: SourceLoc,
  codes: { approximated: string; unreadable: string },
  report: Report,
): { program: Text; args: Text[] } | undefined {
  let line = t.text.replace(/^[ \t]+/, "");
  // Blanks are spaces and tabs only, as for every Windows command-line parser (not U+00A0).
  if (!line.startsWith('"') && /[ \t]/.test(line.replace(/[ \t]+$/, ""))) {
    const first = /^[^ \t]*/.exec(line)![0];
    const exe = /^(.*?\.(?:exe|com))(?=[ \t]|$)/i.exec(line);
    if (!/\.(exe|com|bat|cmd)$/i.test(first) && exe && /[ \t]/.test(exe[1]!)) {
      const rest = line.slice(exe[1]!.length);
      report(
        "warning",
        at,
        codes.approximated,
        `${what} runs the unquoted path ${JSON.stringify(exe[1])}, which Windows finds only after trying ${JSON.stringify(first)} (CWE-428)${/[^ \t]/.test(rest) ? ", and the program receives the words of its own path as its first arguments" : ""}; the spec quotes the path`,
        "quote the path in the service's configuration too",
      );
      line = `"${exe[1]}"${rest}`;
    }
  }
  const c = decodeExpandedCommandLine(line, t.expanded);
  if (!c.ok) {
    report("error", at, codes.unreadable, `${what} ${JSON.stringify(t.text)} cannot be read to one command: ${c.problem}`);
    return undefined;
  }
  const program = textFromParts(c.program, at);
  const unquoted = [...(!c.programQuoted && !isLiteral(program) ? ["the program path"] : []), ...c.splitByValue.map((i) => `argument ${i + 1} (${JSON.stringify(formatText(c.args[i]!))})`)];
  if (unquoted.length > 0) {
    report("warning", at, codes.approximated, `${what}: a variable stands outside quotes in ${unquoted.join(" and ")}, so Windows would split it where the variable's value has a space; the spec keeps it whole (svcgen quotes it)`);
  }
  if (formatText(c.program) === "") {
    report("error", at, codes.unreadable, `${what} names no program`);
    return undefined;
  }
  const relative = windowsPathProblem(program);
  if (relative) {
    report("error", at, codes.unreadable, `${what}: the program ${relative}`, "use the program's full path");
    return undefined;
  }
  return { program, args: c.args.map((a) => textFromParts(a, at)) };
}
