import { diag, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { cmdUnrepresentable } from "../../escape/cmd-batch.js";
import { batchArgumentProblems } from "../../escape/batch-program.js";
import { BATCH_ARGUMENT, CMD_UNREPRESENTABLE, PERCENT_HAZARD } from "../../escape/codes.js";
import { percentHazard, spaceJoined } from "../../escape/windows-env.js";
import { literalOf, type ServiceModel, type SourceLoc, type Text } from "../../model.js";
import { COMMAND_LINE_TOO_LONG, QUOTE_IN_EXECUTABLE } from "./codes.js";
import { MAX_RUN_COMMAND_LINE, runCommandLine } from "./plan.js";

const TARGET = "runkey";

export function check(model: ServiceModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (at: SourceLoc, code: string, message: string, hint?: string) => out.push(diag(at, "error", code, message, hint, TARGET));

  const parts: Array<[Text, string]> = [[model.executable, "executable"], ...model.args.map((a, i): [Text, string] => [a, `args[${i}]`])];
  for (const [t, field] of parts) {
    const why = cmdUnrepresentable(t.source);
    if (why !== undefined) error(t.at, CMD_UNREPRESENTABLE, `${field} contains ${why}`, "remove it from the value");
  }
  if (model.executable.parts.some((p) => p.kind === "literal" && p.text.includes('"'))) {
    error(model.executable.at, QUOTE_IN_EXECUTABLE, "executable contains a double quote, which no Windows path can contain and which would end the quoted path in the Run entry");
  }

  // The command line is expanded as one string at logon (a REG_EXPAND_SZ value, and possibly a REG_SZ
  // one: see runValueType), so a literal % must not pair with another % anywhere in it.
  let hazard = false;
  for (const [t, field] of parts) {
    const why = percentHazard(t);
    if (why !== undefined) {
      hazard = true;
      error(t.at, PERCENT_HAZARD, `${field}: ${why} (Windows expands the Run entry's command line at logon)`, "write ${NAME} for a variable you mean, and avoid two literal % signs");
    }
  }
  if (!hazard) {
    const why = percentHazard(spaceJoined(parts.map(([t]) => t)));
    if (why !== undefined) {
      const first = parts.find(([t]) => t.parts.some((p) => p.kind === "literal" && p.text.includes("%")));
      error((first?.[0] ?? model.executable).at, PERCENT_HAZARD, `${first?.[1] ?? "executable"}: ${why} (Windows expands the whole command line, all arguments together, at logon)`, "avoid literal % signs in more than one argument, or use ${NAME}");
    }
  }

  // Explorer starts the entry with CreateProcess: a .bat or .cmd runs under cmd.exe, which reads it again.
  for (const b of batchArgumentProblems(model.executable, model.args)) {
    error(model.args[b.index]!.at, BATCH_ARGUMENT, `args[${b.index}] contains ${JSON.stringify(b.char)}, which cmd.exe would interpret: Windows runs ${literalOf(model.executable)} through cmd.exe`, "pass the value another way (an environment variable or a file)");
  }

  if (out.length === 0) {
    const line = runCommandLine(model);
    if (line.length > MAX_RUN_COMMAND_LINE) {
      error(
        model.args.length ? model.locOf("args") : model.executable.at,
        COMMAND_LINE_TOO_LONG,
        `the Run entry's command line would be ${line.length} characters long; Windows documents at most ${MAX_RUN_COMMAND_LINE}`,
        "shorten the path or the arguments",
      );
    }
  }
  return out;
}
