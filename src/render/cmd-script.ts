// The shared skeleton of a generated .cmd script (nssm and sc targets): the fixed lines, the checked
// steps and the failure exits. Callers add lines built from encoded tokens (src/escape/cmd-batch.ts); this
// module adds only text it controls, so it can promise that nothing here is read by cmd as a command.
//
// Layout of every script:
//   @echo off
//   chcp 65001 >nul             only when some line is not ASCII (the file is UTF-8 without a BOM; this
//                               line comes before any non-ASCII byte, the header included)
//   rem <header and purpose>
//   setlocal EnableExtensions DisableDelayedExpansion
//   set "ERRORLEVEL="           so that %ERRORLEVEL% is cmd's value, not an inherited variable of that name
//   net session >nul 2>&1       the Administrator check (fails without elevation), unless the script is
//                               for the user who runs it (elevation: "none": a per-user Run entry)
//   <body>
//   endlocal & exit /b 0
//   :fail / :not_admin / ...    each prints one line to stderr and exits non-zero
//
// Each step is `set "SVCGEN_STEP=<what>"`, the command, and `if %ERRORLEVEL% NEQ 0 goto :fail` on its own
// line: one command a line, never `||` or a parenthesised block (Wine's cmd mis-runs `|| exit` inside
// blocks, and a `)` in a value would close one). The test is `NEQ 0`, not `if errorlevel 1`, because a
// crashing program exits with a negative NTSTATUS (0xC0000005 is -1073741819), which `errorlevel 1` misses.

import { cmdRemText, cmdUnrepresentable, CMD_MAX_LINE } from "../escape/cmd-batch.js";
import { headerLines } from "./header.js";

const UTF8 = new TextEncoder();

/** Text svcgen writes itself into `set`/`echo` lines: no metacharacter, no %, no quote. */
const SAFE_TEXT = /^[A-Za-z0-9 _.,:;/\\=+@#'`~\[\]{}-]*$/;
/** Environment variable names as the spec schema allows them. */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const LABEL = /^[a-z][a-z0-9_]*$/;

function safe(text: string, what: string): string {
  if (!SAFE_TEXT.test(text)) throw new Error(`internal: ${what} ${JSON.stringify(text)} has characters cmd.exe would interpret`);
  return text;
}

export interface CmdScriptOptions {
  /** The spec's path as the header names it. */
  sourceName: string;
  /** Comment lines after the generated-by header (plain text; encoded here). */
  purpose: string[];
  /**
   * "administrator" (the default): the script stops with exit code 5 unless it runs elevated. "none": no
   * check, for a script that changes only the running user's own settings (HKCU).
   */
  elevation?: "administrator" | "none";
}

export class CmdScript {
  private readonly body: string[] = [];
  private readonly exits = new Map<string, string[]>();

  constructor(private readonly opts: CmdScriptOptions) {
    this.exits.set("fail", [
      "echo ERROR: %SVCGEN_STEP% failed with exit code %ERRORLEVEL%. Nothing after that step was done. 1>&2",
      "endlocal & exit /b 1",
    ]);
  }

  /** A line built by the caller from encoded tokens (cmdArg, cmdToken): it is written as is. */
  line(text: string): this {
    const why = cmdUnrepresentable(text);
    if (why !== undefined) throw new Error(`internal: line has ${why}`);
    if (text.length > CMD_MAX_LINE) throw new Error(`internal: a ${text.length}-character line (cmd.exe reads ${CMD_MAX_LINE})`);
    this.body.push(text);
    return this;
  }

  blank(): this {
    this.body.push("");
    return this;
  }

  /** A comment in the body. */
  rem(text: string): this {
    return this.line(`rem ${cmdRemText(text)}`);
  }

  /** A message for the person running the script (svcgen's own text: no metacharacters). */
  echo(text: string): this {
    return this.line(`echo ${safe(text, "message")}`);
  }

  label(name: string): this {
    if (!LABEL.test(name)) throw new Error(`internal: label ${name}`);
    return this.line(`:${name}`);
  }

  goto(name: string): this {
    if (!LABEL.test(name)) throw new Error(`internal: label ${name}`);
    return this.line(`goto :${name}`);
  }

  /**
   * A command that must succeed: on a non-zero exit code the script stops at :fail naming `what`.
   * `branches` first send particular exit codes elsewhere (`[1060, "absent"]`: no such service).
   */
  step(what: string, command: string, branches: readonly (readonly [code: number, label: string])[] = []): this {
    this.line(`set "SVCGEN_STEP=${safe(what, "step name")}"`);
    this.line(command);
    for (const [code, label] of branches) {
      if (!Number.isInteger(code) || !LABEL.test(label)) throw new Error(`internal: branch ${code} to ${label}`);
      this.line(`if %ERRORLEVEL% EQU ${code} goto :${label}`);
    }
    return this.line("if %ERRORLEVEL% NEQ 0 goto :fail");
  }

  /**
   * A labelled exit: `goto :<name>` ends the script with `message` and exit code `code` (the message
   * goes to stderr unless the code is 0). The lines go after the body.
   */
  exit(name: string, message: string, code: number): this {
    if (!LABEL.test(name) || name === "fail" || name === "not_admin") throw new Error(`internal: exit label ${name}`);
    if (!Number.isInteger(code) || code < 0) throw new Error(`internal: exit code ${code}`);
    const echo = `echo ${safe(message, "message")}${code === 0 ? "" : " 1>&2"}`;
    this.exits.set(name, [echo, `endlocal & exit /b ${code}`]);
    return this;
  }

  /**
   * Checks, before anything is changed, that the environment variable `envName` holds a secret that
   * {@link secretArg} can pass: set, with no double quote, not ending in a backslash. Otherwise the
   * script stops with a message naming the variable. `purpose` says what the secret is for.
   */
  requireSecret(envName: string, purpose: string): this {
    if (!ENV_NAME.test(envName)) throw new Error(`internal: environment variable name ${envName}`);
    const p = safe(purpose, "purpose");
    const missing = `missing_${envName.toLowerCase()}`;
    const unusable = `unusable_${envName.toLowerCase()}`;
    this.exit(missing, `ERROR: set the environment variable ${envName} to ${p}, then run this script again.`, 1);
    this.exit(
      unusable,
      `ERROR: the value of ${envName} contains a double quote or ends with a backslash, which cannot be passed on a command line. Change the password, or set it by hand.`,
      1,
    );
    this.line(`if not defined ${envName} goto :${missing}`);
    // Removing the quotes and replacing them give the same text only when there are none. Both
    // results are quote-free, so these lines parse the same whatever the value holds (& | < > ^ are
    // inside quotes; % in an expanded value is not expanded again; ! is literal without delayed expansion).
    this.line(`set "SVCGEN_SECRET_A=%${envName}:"=%"`);
    this.line(`set "SVCGEN_SECRET_B=%${envName}:"=_%"`);
    this.line(`if not "%SVCGEN_SECRET_A%"=="%SVCGEN_SECRET_B%" goto :${unusable}`);
    this.line(`if "%SVCGEN_SECRET_A:~-1%"=="\\" goto :${unusable}`);
    this.line(`set "SVCGEN_SECRET_A="`);
    return this.line(`set "SVCGEN_SECRET_B="`);
  }

  /** The UTF-8 bytes of the script, CRLF line ends, no BOM. */
  render(): Uint8Array {
    // One array built with concat and forEach rather than spreads and for...of: this runs for every
    // script of a build, before V8 has optimised it, and there each spread or for...of allocates an
    // iterator and a result object per line.
    const rem = (h: string) => `rem ${cmdRemText(h)}`;
    const admin = (this.opts.elevation ?? "administrator") === "administrator";
    const exits: string[] = [];
    this.exits.forEach((lines, name) => {
      exits.push("", `:${name}`);
      for (let i = 0; i < lines.length; i++) exits.push(lines[i]!);
    });
    const text = headerLines(this.opts.sourceName)
      .map(rem)
      .concat(
        this.opts.purpose.map(rem),
        ["setlocal EnableExtensions DisableDelayedExpansion", 'set "ERRORLEVEL="'],
        admin ? ["net session >nul 2>&1", "if %ERRORLEVEL% NEQ 0 goto :not_admin", ""] : [""],
        this.body,
        ["", "endlocal & exit /b 0"],
        exits,
        admin ? ["", ":not_admin", "echo ERROR: run this script from an elevated (Administrator) command prompt. 1>&2", "endlocal & exit /b 5"] : [],
      )
      .join("\r\n");
    const nonAscii = /[^\x00-\x7f]/.test(text);
    return UTF8.encode(`@echo off\r\n${nonAscii ? "chcp 65001 >nul\r\n" : ""}${text}\r\n`);
  }
}

/**
 * The token for the secret checked by {@link CmdScript.requireSecret}: `"%NAME%"`, expanded by cmd when
 * the line runs. Inside the quotes & | < > ^ are literal, and the checks rule out a quote and a trailing
 * backslash, so the program receives the value as one argument. It must not be written anywhere else.
 */
export function secretArg(envName: string): string {
  if (!ENV_NAME.test(envName)) throw new Error(`internal: environment variable name ${envName}`);
  return `"%${envName}%"`;
}
