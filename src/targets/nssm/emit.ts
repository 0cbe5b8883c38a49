import type { ServiceModel } from "../../model.js";
import { CmdScript } from "../../render/cmd-script.js";
import type { EmitContext, OutputFile } from "../types.js";
import { callLine, NSSM } from "./lines.js";
import { installPlan } from "./plan.js";

// Both scripts find the service through its registry key (reg.exe query: exit 0 when it exists, 1 when
// not, on Windows and Wine alike) rather than `nssm status`, which nssm 2.23 crashes on for a service
// that does not exist, or `sc.exe query`, whose exit code for a missing service is 1060 on Windows but
// 1 under Wine.

const serviceKey = (name: string) => `"HKLM\\SYSTEM\\CurrentControlSet\\Services\\${name}"`;

/** Fails early, with a message, when nssm.exe is not on PATH (cmd would say only "not recognized"). */
function requireNssm(s: CmdScript): void {
  s.exit("no_nssm", `ERROR: ${NSSM} was not found on PATH. Put the nssm.exe for this machine's architecture in a folder on PATH, then run this script again.`, 1);
  s.line('set "SVCGEN_NSSM="');
  s.line(`for %%I in (${NSSM}) do set "SVCGEN_NSSM=%%~$PATH:I"`);
  s.line("if not defined SVCGEN_NSSM goto :no_nssm");
}

/**
 * How long the uninstall script keeps asking nssm to stop the service: nssm 2.24's `stop` gives up
 * after about 3 s while the program is still stopping, and nssm may wait the stop timeout after each
 * of Ctrl+C, WM_CLOSE and WM_QUIT. Each attempt is about 5 s (nssm's wait and a 2 s pause).
 */
export function stopAttempts(model: ServiceModel): number {
  const stopMs = model.stop.timeoutMs?.value ?? 1500;
  return Math.max(12, Math.ceil((3 * stopMs + 30_000) / 5000));
}

export function emit(model: ServiceModel, ctx: EmitContext): OutputFile[] {
  const name = model.name.value;
  const plan = installPlan(model);

  const install = new CmdScript({
    sourceName: ctx.sourceName,
    purpose: [
      `Installs the Windows service ${name} with nssm ${plan.version}, or updates it to match the spec.`,
      "Run it again after changing the spec: every setting is set, or reset to nssm's default.",
    ],
  });
  requireNssm(install);
  if (plan.secretEnv) install.requireSecret(plan.secretEnv, "the password of the service account");
  install
    .line(`reg.exe query ${serviceKey(name)} >nul 2>&1`)
    .line("if %ERRORLEVEL% NEQ 0 goto :create")
    .echo(`Updating the existing service ${name}.`)
    .goto("configure")
    .label("create")
    .echo(`Creating the service ${name}.`)
    .step(`nssm ${plan.install.what}`, callLine(plan.install))
    .label("configure");
  for (const call of plan.settings) install.step(`nssm ${call.what}`, callLine(call));
  install.echo(`The service ${name} is installed. Settings apply at its next start: ${NSSM} start ${name}, or ${NSSM} restart ${name} when it is running.`);

  const attempts = stopAttempts(model);
  const uninstall = new CmdScript({ sourceName: ctx.sourceName, purpose: [`Stops and removes the Windows service ${name} that the nssm install script made.`] });
  uninstall
    .exit("absent", `The service ${name} is not installed: nothing to remove.`, 0)
    .exit("stop_failed", `ERROR: the service ${name} did not stop after ${attempts} attempts. Stop it, or end its process, then run this script again.`, 1)
    .line(`reg.exe query ${serviceKey(name)} >nul 2>&1`)
    .line("if %ERRORLEVEL% NEQ 0 goto :absent");
  requireNssm(uninstall);
  uninstall
    .echo(`Stopping the service ${name}.`)
    .line("set /a SVCGEN_TRIES=0")
    .label("stop")
    // 0 also when the service was not running.
    .line(`${NSSM} stop ${name}`)
    .line("if %ERRORLEVEL% EQU 0 goto :stopped")
    .line("set /a SVCGEN_TRIES+=1")
    .line(`if %SVCGEN_TRIES% GEQ ${attempts} goto :stop_failed`)
    // ping, not timeout: timeout fails when stdin is redirected (CI, scheduled tasks).
    .line("ping -n 3 127.0.0.1 >nul")
    .goto("stop")
    .label("stopped")
    .step("nssm remove", `${NSSM} remove ${name} confirm`)
    .echo(`The service ${name} is removed.`);

  return [
    { name: `${name}.nssm-install.cmd`, bytes: install.render() },
    { name: `${name}.nssm-uninstall.cmd`, bytes: uninstall.render() },
  ];
}
