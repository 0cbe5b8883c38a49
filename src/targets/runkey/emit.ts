import type { ServiceModel } from "../../model.js";
import { CmdScript } from "../../render/cmd-script.js";
import type { EmitContext, OutputFile } from "../types.js";
import { DISABLED_FIRST_BYTES, regLine, runkeyPlan } from "./plan.js";

// The install script writes the Run value (reg.exe add /f replaces value and type, so running it again
// converges), then looks at Task Manager's record for the entry (Explorer\StartupApproved\Run, a
// REG_BINARY whose first byte 03 or 07 means the user disabled it; see capabilities.ts). A disabled
// entry stays disabled unless options.runkey.reenable is true, and the script says which it did. The
// record is read with `for /f` over `reg.exe query` output: its line for the value is
// `<name> REG_BINARY <hex>`, and the name (the spec's, letters, digits and _ . -) holds no space, so
// the type and data are tokens 2 and 3. `startup: disabled` writes Task Manager's own Disable record.
//
// Scope user writes HKCU of whoever runs the script and needs no elevation; scope machine writes HKLM
// and checks for it. Every reg.exe call uses the 64-bit view (/reg:64): from a 32-bit cmd.exe,
// HKLM\Software\...\Run would otherwise be the WOW6432Node copy.

export function emit(model: ServiceModel, ctx: EmitContext): OutputFile[] {
  const plan = runkeyPlan(model);
  const { name } = plan;
  const machine = plan.scope === "machine";
  const who = machine ? "every user" : "the user who ran this script";
  // startup: manual has no Run-entry form of its own: it is written disabled too (an approximation).
  const disabledByStartup = model.startup.value === "disabled" || model.startup.value === "manual";

  const install = new CmdScript({
    sourceName: ctx.sourceName,
    elevation: machine ? "administrator" : "none",
    purpose: [
      `Adds the Run entry ${name} to ${machine ? "HKLM" : "HKCU"}: Windows starts the program at each logon of ${machine ? "every user" : "the user who runs this script"}${
        disabledByStartup ? ", once the entry is enabled in Task Manager's Startup tab (the script writes it disabled)" : ""
      }.`,
      machine
        ? "Run it from an elevated (Administrator) command prompt."
        : "Run it as that user; a prompt elevated with another account's password would write that account's entry.",
      "Run it again after changing the spec: the value is replaced. The program is not started now.",
    ],
  });
  install.step(plan.add.what, regLine(plan.add));
  if (disabledByStartup) {
    install
      .step(plan.approvedDisable.what, regLine(plan.approvedDisable))
      .echo(`The entry ${name} is installed and disabled, as startup: ${model.startup.value} asks: enable it in Task Manager's Startup tab.`);
  } else {
    const approved = regLine(plan.approvedQuery);
    install
      .line('set "SVCGEN_APPROVED="')
      .line(`for /f "tokens=2,3" %%A in ('${approved} 2^>nul') do if /i "%%A"=="REG_BINARY" set "SVCGEN_APPROVED=%%B"`)
      .line("if not defined SVCGEN_APPROVED goto :enabled");
    for (const b of DISABLED_FIRST_BYTES) install.line(`if /i "%SVCGEN_APPROVED:~0,2%"=="${b}" goto :disabled_in_task_manager`);
    install.goto("enabled").label("disabled_in_task_manager");
    if (plan.reenable) {
      install
        .step(plan.approvedDelete.what, regLine(plan.approvedDelete))
        .echo(`The entry ${name} had been disabled in Task Manager's Startup tab: it is enabled again, as options.runkey.reenable: true asks.`);
    } else {
      install
        .echo(`NOTE: the entry ${name} is disabled in Task Manager's Startup tab, so Windows does not start it at logon.`)
        .echo("This script left it disabled: enable it there, or set options.runkey.reenable: true and run this script again.")
        .goto("done");
    }
    install.label("enabled").echo(`The entry ${name} is installed: the program starts at the next logon of ${who}.`).label("done");
  }

  const uninstall = new CmdScript({
    sourceName: ctx.sourceName,
    elevation: machine ? "administrator" : "none",
    purpose: [
      `Removes the Run entry ${name} from ${machine ? "HKLM" : "HKCU"}, and Task Manager's record of it.`,
      "A copy of the program that is running keeps running until it exits or the user logs off.",
    ],
  });
  uninstall
    .exit("absent", `The entry ${name} is not installed: nothing to remove.`, 0)
    .line('set "SVCGEN_FOUND="')
    // reg.exe query exits 1 when the value does not exist.
    .line(`${regLine(plan.runQuery)} >nul 2>&1`)
    .line("if %ERRORLEVEL% NEQ 0 goto :run_done")
    .line('set "SVCGEN_FOUND=1"')
    .step(plan.runDelete.what, regLine(plan.runDelete))
    .label("run_done")
    .line(`${regLine(plan.approvedQuery)} >nul 2>&1`)
    .line("if %ERRORLEVEL% NEQ 0 goto :approved_done")
    .step(plan.approvedDelete.what, regLine(plan.approvedDelete))
    .label("approved_done")
    .line("if not defined SVCGEN_FOUND goto :absent")
    .echo(`The entry ${name} is removed: Windows no longer starts the program at logon. A copy running now keeps running until it exits or the user logs off.`);

  return [
    { name: `${name}.runkey-install.cmd`, bytes: install.render() },
    { name: `${name}.runkey-uninstall.cmd`, bytes: uninstall.render() },
  ];
}
