import type { ServiceModel } from "../../model.js";
import { CmdScript } from "../../render/cmd-script.js";
import type { EmitContext, OutputFile } from "../types.js";
import { commandLine, installPlan, uninstallPlan } from "./commands.js";

// Why the header says what it says: sc.exe registers the program itself as the service, so a program
// that does not speak the service protocol is stopped by the SCM (error 1053) however correct the
// registration is. Users must read that before they run the script, not after the first failed start.
export const PROTOCOL_NOTE = [
  "sc.exe makes the program itself the service: the program must implement the Windows",
  "service protocol itself, for example with golang.org/x/sys/windows/svc or",
  "kardianos/service in Go, or UseWindowsService in .NET. Windows stops a plain program",
  "with error 1053. For a plain program use the nssm or winsw target instead.",
];

/** How long the uninstall script waits for the service to stop, in one-second polls. */
export const STOP_WAIT_SECONDS = 60;

export function emit(model: ServiceModel, ctx: EmitContext): OutputFile[] {
  const name = model.name.value;
  const plan = installPlan(model);
  const un = uninstallPlan(model);

  const install = new CmdScript({
    sourceName: ctx.sourceName,
    purpose: [
      `Installs the Windows service ${name} with sc.exe, or updates it to match the spec.`,
      "Run it again after changing the spec: every setting is set, or reset to the default.",
      ...PROTOCOL_NOTE,
    ],
  });
  if (plan.passwordEnv) install.requireSecret(plan.passwordEnv, "the password of the service account");
  install.exit(
    "marked_for_deletion",
    `ERROR: Windows has marked the service ${name} for deletion. Close the Services console, Event Viewer and any other program that has the service open, or restart Windows, then run this script again.`,
    1,
  );
  // Error 1072: a removed service that a program still has open; create and config explain it.
  const markedForDeletion = [[1072, "marked_for_deletion"]] as const;
  install
    // The SCM's answer, not the registry's: exit code 1060 when the service does not exist.
    .step("sc.exe query", `${commandLine(plan.query)} >nul 2>&1`, [[1060, "create"]])
    .echo(`Updating the existing service ${name}.`)
    .goto("configure")
    .label("create")
    .echo(`Creating the service ${name}.`)
    .step("sc.exe create", commandLine(plan.create), markedForDeletion)
    .label("configure")
    .step("sc.exe config", commandLine(plan.config), markedForDeletion)
    .step("sc.exe description", commandLine(plan.description))
    .step("sc.exe failure", commandLine(plan.failure))
    .step("sc.exe failureflag", commandLine(plan.failureFlag));
  if (plan.environment) {
    install.step("reg.exe add Environment", commandLine(plan.environment));
  } else {
    // The spec sets no environment: remove one that an earlier install wrote (reg.exe query exits 1
    // when the value does not exist).
    install
      .line(`${commandLine(plan.environmentQuery)} >nul 2>&1`)
      .line("if %ERRORLEVEL% NEQ 0 goto :environment_done")
      .step("reg.exe delete Environment", commandLine(plan.environmentDelete))
      .label("environment_done");
  }
  install.echo(`The service ${name} is installed. Start it with: sc.exe start ${name}`);

  const uninstall = new CmdScript({ sourceName: ctx.sourceName, purpose: [`Stops and removes the Windows service ${name}.`] });
  uninstall
    .exit("absent", `The service ${name} is not installed: nothing to remove.`, 0)
    .exit(
      "already_marked",
      `The service ${name} is stopped and already marked for deletion: Windows removes it once every program that has it open, such as the Services console, closes it.`,
      0,
    )
    .exit("stop_timeout", `ERROR: the service ${name} did not stop within ${STOP_WAIT_SECONDS} seconds. Stop it, or end its process, then run this script again.`, 1)
    .step("sc.exe query", `${commandLine(un.query)} >nul 2>&1`, [[1060, "absent"]])
    .echo(`Stopping the service ${name}.`)
    .line("set /a SVCGEN_WAITED=0")
    .label("stop")
    // sc.exe stop returns at once. Asked again, it answers 1061 while a stop (or start) is pending and
    // 1062 once the service is not running: poll with it, so no localised sc.exe output is parsed.
    // 1060: gone since the query (another uninstall, or a deletion that completed meanwhile).
    .step("sc.exe stop", `${commandLine(un.stop)} >nul 2>&1`, [
      [1062, "stopped"],
      [1061, "stop_wait"],
      [1060, "absent"],
    ])
    .label("stop_wait")
    .line("set /a SVCGEN_WAITED+=1")
    .line(`if %SVCGEN_WAITED% GTR ${STOP_WAIT_SECONDS} goto :stop_timeout`)
    // ping, not timeout: timeout fails when stdin is redirected (CI, scheduled tasks).
    .line("ping -n 2 127.0.0.1 >nul")
    .goto("stop")
    .label("stopped")
    // Deleting a running service would only mark it for deletion (error 1072 on the next install).
    .step("sc.exe delete", commandLine(un.delete), [
      [1072, "already_marked"],
      [1060, "absent"],
    ])
    .echo(`The service ${name} is removed.`);

  return [
    { name: `${name}.sc-install.cmd`, bytes: install.render() },
    { name: `${name}.sc-uninstall.cmd`, bytes: uninstall.render() },
  ];
}
