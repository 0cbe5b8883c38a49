import type { ServiceModel } from "../../model.js";
import type { EmitContext, OutputFile } from "../types.js";
import { commandLine, installPlan, uninstallPlan, type Invocation } from "./commands.js";
import { script, type ScriptLine } from "./script.js";

// Why the header says what it says: sc.exe registers the program itself as the service, so a program
// that does not speak the service protocol is killed by the SCM (error 1053), however correct the
// registration is. Users must read that before they run the script, not after the first failed start.
const PROTOCOL_NOTE = [
  "sc.exe makes the program itself the service: the program must implement the Windows",
  "service protocol itself, for example with golang.org/x/sys/windows/svc or",
  "kardianos/service in Go, or UseWindowsService in .NET. Windows stops a plain program",
  "with error 1053. For a plain program use the nssm or winsw target instead.",
];

const run = (inv: Invocation, step: string): ScriptLine[] => [{ kind: "step", step, command: commandLine(inv) }];

export function emit(model: ServiceModel, ctx: EmitContext): OutputFile[] {
  const name = model.name.value;
  const plan = installPlan(model);
  const un = uninstallPlan(model);

  const install: ScriptLine[] = [];
  if (plan.passwordEnv) install.push({ kind: "password-guard", variable: plan.passwordEnv });
  install.push(
    { kind: "raw", text: `${commandLine(plan.query)} >nul 2>&1` },
    { kind: "raw", text: "if %ERRORLEVEL% EQU 1060 goto :create" },
    { kind: "raw", text: "if errorlevel 1 goto :query_failed" },
    { kind: "echo", text: `Updating the existing service ${name}.` },
    { kind: "raw", text: "goto :configure" },
    { kind: "label", name: "create" },
    { kind: "echo", text: `Creating the service ${name}.` },
    ...run(plan.create, "sc.exe create"),
    { kind: "label", name: "configure" },
    ...run(plan.config, "sc.exe config"),
    ...run(plan.description, "sc.exe description"),
    ...run(plan.failure, "sc.exe failure"),
    ...run(plan.failureFlag, "sc.exe failureflag"),
  );
  if (plan.environment) {
    install.push(...run(plan.environment, "reg.exe add Environment"));
  } else {
    // The spec sets no environment: remove one an earlier install left behind.
    install.push(
      { kind: "raw", text: `${commandLine(plan.environmentQuery)} >nul 2>&1` },
      { kind: "raw", text: "if errorlevel 1 goto :environment_done" },
      ...run(plan.environmentDelete, "reg.exe delete Environment"),
      { kind: "label", name: "environment_done" },
    );
  }
  install.push(
    { kind: "echo", text: `The service ${name} is installed. Start it with: sc.exe start ${name}` },
    { kind: "success" },
    { kind: "label", name: "query_failed" },
    { kind: "raw", text: `echo ERROR: sc.exe query ${name} failed with exit code %ERRORLEVEL%.` },
    { kind: "raw", text: "endlocal & exit /b 1" },
  );

  const uninstall: ScriptLine[] = [
    { kind: "raw", text: `${commandLine(un.query)} >nul 2>&1` },
    { kind: "raw", text: "if %ERRORLEVEL% EQU 1060 goto :absent" },
    { kind: "raw", text: "if errorlevel 1 goto :query_failed" },
    { kind: "echo", text: `Stopping the service ${name}.` },
    { kind: "stop-loop", stop: commandLine(un.stop) },
    ...run(un.delete, "sc.exe delete"),
    { kind: "echo", text: `The service ${name} is removed.` },
    { kind: "success" },
    { kind: "label", name: "absent" },
    { kind: "echo", text: `The service ${name} is not installed: nothing to remove.` },
    { kind: "raw", text: "endlocal & exit /b 0" },
    { kind: "label", name: "query_failed" },
    { kind: "raw", text: `echo ERROR: sc.exe query ${name} failed with exit code %ERRORLEVEL%.` },
    { kind: "raw", text: "endlocal & exit /b 1" },
  ];

  return [
    {
      name: `${name}.sc-install.cmd`,
      bytes: script({
        sourceName: ctx.sourceName,
        purpose: [`Installs the Windows service ${name} with sc.exe, or updates it to match the spec.`, ...PROTOCOL_NOTE],
        lines: install,
      }),
    },
    {
      name: `${name}.sc-uninstall.cmd`,
      bytes: script({ sourceName: ctx.sourceName, purpose: [`Stops and removes the Windows service ${name}.`], lines: uninstall }),
    },
  ];
}
