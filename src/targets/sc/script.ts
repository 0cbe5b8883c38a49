// Layout of the two sc scripts as cmd.exe lines. Values arrive already encoded (commands.ts); this file
// decides only the order, the labels and the messages. The lines it writes itself hold nothing from the
// spec but the service name and environment variable names, whose characters the schema limits to
// [A-Za-z0-9_.-] and [A-Za-z0-9_].

import { cmdRemText } from "../../escape/cmd-batch.js";
import { headerLines } from "../../render/header.js";

export type ScriptLine =
  | { kind: "raw"; text: string }
  | { kind: "label"; name: string }
  | { kind: "echo"; text: string }
  /** A state-changing command; `step` names it in the failure message. */
  | { kind: "step"; step: string; command: string }
  /** Fail before changing anything when the password variable is unset or unusable. */
  | { kind: "password-guard"; variable: string }
  /** sc.exe stop, repeated until the service reports it is not running (bounded). */
  | { kind: "stop-loop"; stop: string }
  | { kind: "success" };

export interface ScriptSpec {
  sourceName: string;
  /** Comment lines after the generated-by header. */
  purpose: string[];
  lines: ScriptLine[];
}

const STOP_WAIT_SECONDS = 60;

export function script(spec: ScriptSpec): Uint8Array {
  const body: string[] = [];
  const tail: string[] = [];
  let steps = 0;
  for (const l of spec.lines) {
    switch (l.kind) {
      case "raw":
        body.push(l.text);
        break;
      case "label":
        body.push(`:${l.name}`);
        break;
      case "echo":
        body.push(`echo ${l.text}`);
        break;
      case "step":
        steps++;
        body.push(`set "SVCGEN_STEP=${l.step}"`, l.command, "if errorlevel 1 goto :fail");
        break;
      case "password-guard": {
        const v = l.variable;
        body.push(
          `if not defined ${v} goto :password_missing`,
          // The password goes on the sc.exe line inside quotes, where & | < > ^ are safe; a quote in it
          // would end them, and a trailing backslash would escape the closing one for sc.exe's parser.
          // Removing quotes versus replacing them gives the same text only when there are none; both
          // results are quote-free, so the comparison cannot be broken by the value.
          `set "SVCGEN_PW_A=%${v}:"=%"`,
          `set "SVCGEN_PW_B=%${v}:"=_%"`,
          'if not "%SVCGEN_PW_A%"=="%SVCGEN_PW_B%" goto :password_unusable',
          `if "%${v}:~-1%"=="\\" goto :password_unusable`,
        );
        tail.push(
          ":password_missing",
          `echo ERROR: set the environment variable ${v} to the password of the service account, then run this script again.`,
          "endlocal & exit /b 1",
          ":password_unusable",
          `echo ERROR: the password in ${v} contains a double quote or ends with a backslash: sc.exe cannot be given it on a command line. Set the password with services.msc instead.`,
          "endlocal & exit /b 1",
        );
        break;
      }
      case "stop-loop":
        body.push(
          "set /a SVCGEN_WAITED=0",
          ":stop",
          `${l.stop} >nul 2>&1`,
          // 1062: not running; 1061: a start or stop is pending; 0: the stop request was sent.
          "if %ERRORLEVEL% EQU 1062 goto :stopped",
          "if %ERRORLEVEL% EQU 1061 goto :stop_wait",
          "if errorlevel 1 goto :stop_failed",
          ":stop_wait",
          "set /a SVCGEN_WAITED+=1",
          `if %SVCGEN_WAITED% GTR ${STOP_WAIT_SECONDS} goto :stop_timeout`,
          // ping, not timeout: timeout fails when stdin is redirected (CI, scheduled tasks).
          "ping -n 2 127.0.0.1 >nul",
          "goto :stop",
          ":stopped",
        );
        tail.push(
          ":stop_failed",
          "echo ERROR: sc.exe stop failed with exit code %ERRORLEVEL%.",
          "endlocal & exit /b 1",
          ":stop_timeout",
          `echo ERROR: the service did not stop within ${STOP_WAIT_SECONDS} seconds. Stop it, or end its process, and run this script again.`,
          "endlocal & exit /b 1",
        );
        break;
      case "success":
        body.push("endlocal & exit /b 0");
        break;
    }
  }
  if (steps) tail.unshift(":fail", "echo ERROR: %SVCGEN_STEP% failed with exit code %ERRORLEVEL%.", "endlocal & exit /b 1");

  const needsUtf8 = body.some((l) => /[^\x00-\x7f]/.test(l));
  const lines = [
    "@echo off",
    ...headerLines(spec.sourceName).map((h) => `rem ${cmdRemText(h)}`),
    ...spec.purpose.map((p) => `rem ${p}`),
    "setlocal EnableExtensions DisableDelayedExpansion",
    ...(needsUtf8 ? ["chcp 65001 >nul"] : []),
    "net session >nul 2>&1",
    "if errorlevel 1 goto :not_admin",
    ...body,
    ...tail,
    ":not_admin",
    "echo ERROR: run this script from an elevated (Administrator) command prompt.",
    "endlocal & exit /b 5",
  ];
  return new TextEncoder().encode(lines.join("\r\n") + "\r\n");
}
