import type { CodeInfo } from "../diagnostics/code-info.js";

// Codes of `svcgen diff` (SVC70xx): one per kind of difference, located at the spec's line (where the user
// edits), whatever the target. Keep the numbers in order; never reuse one.
export const DIFFERS = "SVC7001";
export const INSTALLED_ONLY = "SVC7002";
export const NOT_INSTALLED_SETTING = "SVC7003";
export const SERVICE_NOT_INSTALLED = "SVC7004";
export const CANNOT_READ_OWN_OUTPUT = "SVC7005";
export const UNSTATED_SETTING = "SVC7006";

export const codes: CodeInfo[] = [
  {
    code: DIFFERS,
    severity: "error",
    title: "the installed service differs from the spec",
    explain:
      "svcgen diff read the installed service (or the file given with --against) and found a setting whose value is not the spec's. The message names the field in the spec's terms, with the spec's value first and the installed value after it, followed by the setting it was read from and where (RestartSec= in the unit or a drop-in, AppRestartDelay in the registry). Either the machine drifted (someone changed the service by hand): reinstall it from the spec; or the change was meant: put it in the spec. Values are compared as the service manager uses them: defaults written out on both sides, drop-ins applied in systemd's order, registry values decoded by their type.",
  },
  {
    code: INSTALLED_ONLY,
    severity: "error",
    title: "a setting the installed service has and the spec does not",
    explain:
      "The installed service has a setting the spec does not state and whose value is not the default the spec implies: a systemd directive added in a drop-in (kept in options.systemd.extra by the reader), an environment variable set by hand, a log file, an extra argument or dependency. Add it to the spec if it is meant to stay; otherwise reinstall the service from the spec, which removes it.",
  },
  {
    code: NOT_INSTALLED_SETTING,
    severity: "error",
    title: "a setting the spec has and the installed service does not",
    explain:
      "The spec states a setting (an environment variable, an argument, a dependency, a log directory, ...) that the installed service does not have, or no longer has: a drop-in may have reset it (Environment= with an empty value), or it was removed by hand. Reinstall the service from the spec, or remove the setting from the spec if the change was meant.",
  },
  {
    code: SERVICE_NOT_INSTALLED,
    severity: "error",
    title: "the spec's service is not installed",
    explain:
      "svcgen diff --installed asked the system for the spec's service (systemctl cat <name>.service on Linux) and it does not exist there, or the tool could not show it. The message repeats what the tool said. Install the service from the spec (svcgen build, then the target's install step), or check the spec's name.",
  },
  {
    code: CANNOT_READ_OWN_OUTPUT,
    severity: "error",
    title: "svcgen cannot read back what it builds for this spec (a bug)",
    explain:
      "To compare what the service manager will do, svcgen diff builds the spec for the target and reads the result with the same reader it uses for the installed service, so that a value the target stores in its own form (systemd's one Description= line for displayName and description) compares equal. Here the reader refused svcgen's own output, which is a bug in svcgen. Please report it with the spec and the message.",
  },
  {
    code: UNSTATED_SETTING,
    severity: "error",
    title: "an installed setting no spec field holds",
    explain:
      "The installed service has a setting that a spec has no field for, or states only approximately, and that the service svcgen installs from the spec does not have: an nssm parameter set by hand (nssm set orders AppThrottle 5000, an exit action for one exit code under Parameters\\AppExit), a failure action that runs a program or reboots, a WinSW element or a task setting with no spec field. The message is the one svcgen import gives for it (its code and explanation say more) and where it is. It is located at the spec's name, since no line of the spec holds it. Reinstall the service from the spec to remove it; if it is meant to stay, know that a service installed from the spec will not have it (there is no escape hatch for it in the spec).",
  },
];
