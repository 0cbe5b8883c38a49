import type { CodeInfo } from "../../diagnostics/code-info.js";

export const HOOKS_NEED_101 = "SVC4201";
export const VIRTUAL_NEEDS_101 = "SVC4202";
export const PASSWORD_REQUIRED = "SVC4203";
export const NOT_A_DWORD = "SVC4204";
export const QUOTE_IN_PATH = "SVC4205";
export const RESTART_DELAY_FLOOR = "SVC4206";
export const DISPLAY_NAME_TOO_LONG = "SVC4207";

export const codes: CodeInfo[] = [
  {
    code: HOOKS_NEED_101,
    severity: "error",
    title: "hooks need nssm 2.24-101",
    explain:
      "nssm runs hooks from its AppEvents parameter, which exists only in the 2.24-101 pre-release and " +
      "later; nssm 2.24 rejects it. Set options.nssm.version to \"2.24-101\" if your servers run that build " +
      "(nssm.cc recommends it for Windows 10 and later), or list the hook in options.nssm.ignore.",
  },
  {
    code: VIRTUAL_NEEDS_101,
    severity: "error",
    title: "a virtual account needs nssm 2.24-101",
    explain:
      "nssm 2.24 cannot set a virtual account (NT SERVICE\\<name>) as ObjectName; 2.24-101 can. Set " +
      "options.nssm.version to \"2.24-101\", or choose another account.",
  },
  {
    code: PASSWORD_REQUIRED,
    severity: "error",
    title: "nssm needs a password for a user account",
    explain:
      "nssm sets a user account only together with its password (it refuses with \"requires both a " +
      "username and password\"); accounts without a password, such as a group managed service account, " +
      "cannot be set through nssm. Only the well-known service accounts (LocalSystem, NT AUTHORITY\\LocalService, " +
      "NT AUTHORITY\\NetworkService) and, with nssm 2.24-101, the service's own NT SERVICE\\<name> need none. " +
      "Add account.password.fromEnv naming the environment variable the install script reads the password from.",
  },
  {
    code: NOT_A_DWORD,
    severity: "error",
    title: "a value does not fit the 32-bit number nssm stores",
    explain:
      "nssm keeps times in milliseconds as 32-bit registry numbers (at most 4294967295 ms, about 49 days). " +
      "Use a shorter duration.",
  },
  {
    code: QUOTE_IN_PATH,
    severity: "error",
    title: "a Windows path contains a double quote",
    explain:
      "Windows file names cannot contain a double quote, and nssm puts quotes around the program path " +
      "when it starts it, so a quote inside would split the command line. Remove it.",
  },
  {
    code: RESTART_DELAY_FLOOR,
    severity: "warning",
    title: "nssm waits at least 2 seconds before a restart",
    explain:
      "With a non-zero AppRestartDelay nssm waits the larger of that delay and its own 2-second throttle " +
      "step (service.cpp, throttle_restart), so a delay between 0 and 2 s becomes 2 s. Write 0s to restart " +
      "at once, or 2s or more.",
  },
  {
    code: DISPLAY_NAME_TOO_LONG,
    severity: "error",
    title: "the display name is longer than 256 characters",
    explain: "Windows limits a service's display name to 256 characters (CreateService). Shorten it.",
  },
];

// The reader of registry exports of nssm services (svcgen import, svcgen diff): SVC62xx, for the values nssm
// keeps under the service's Parameters key. The service key's own values are read as for sc (SVC63xx,
// sc/codes.ts).
export const NOT_AN_NSSM_SERVICE = "SVC6201";
export const PARAMETER_NOT_IMPORTED = "SVC6202";
export const PARAMETER_APPROXIMATED = "SVC6203";
export const PARAMETER_UNREADABLE = "SVC6204";
export const PARAMETER_NOT_CARRIED = "SVC6205";
export const NOT_NSSM_PROGRAM = "SVC6206";

export const readerCodes: CodeInfo[] = [
  {
    code: NOT_AN_NSSM_SERVICE,
    severity: "error",
    title: "not an nssm service",
    explain:
      "nssm keeps the program it runs in the service's Parameters key (Parameters\\Application). This export has no such value, so it is not a " +
      "service nssm runs (or the key was exported without its subkeys). Import it with --from sc if the program is itself a service, or export " +
      "the whole key: reg export HKLM\\SYSTEM\\CurrentControlSet\\Services\\<name> <name>.reg.",
  },
  {
    code: PARAMETER_NOT_IMPORTED,
    severity: "warning",
    title: "an nssm parameter with no spec field, not imported",
    explain:
      "nssm has settings the spec has no field for (AppThrottle, AppStopMethodSkip, AppNoConsole, AppAffinity, AppStdin, AppRotateSeconds, " +
      "AppTimestampLog, hooks other than Start/Pre and Exit/Post...). There is no raw escape hatch for nssm parameters, so the spec does not " +
      "have it. The message says what the install script built from the spec does with it: it resets the ones svcgen manages (AppThrottle, " +
      "AppStopMethodSkip) to nssm's default, and leaves the others as they are on a machine that has them; a new installation does not get them.",
  },
  {
    code: PARAMETER_APPROXIMATED,
    severity: "warning",
    title: "an nssm parameter the spec states only approximately",
    explain:
      "The parameter means something close to a spec field but not exactly it, and the spec says the nearest thing: exit actions for particular " +
      "exit codes, the Ignore or Suicide action, three different stop-method timeouts, output redirected for one stream only, rotation only at " +
      "start. The message says what changes; a service built from the spec behaves that way.",
  },
  {
    code: PARAMETER_UNREADABLE,
    severity: "error",
    title: "an nssm parameter that cannot be read to one meaning",
    explain:
      "The parameter is of a type nssm does not read that way (a REG_SZ number), names a relative log file, holds an environment entry " +
      "without NAME=, or its meaning depends on something svcgen cannot see: a % that Windows could pair with another one into a variable, " +
      "arguments the C runtime and CommandLineToArgvW split differently, a hook's program path with a space and no quotes. svcgen reports it " +
      "instead of guessing: fix it with nssm set and export again.",
  },
  {
    code: PARAMETER_NOT_CARRIED,
    severity: "error",
    title: "a value the nssm install script cannot carry",
    explain:
      "svcgen checks what it read against the nssm target's own rules before writing the spec: this value would be refused when the spec is " +
      "built (a line break or another control character cmd.exe cannot pass, an account nssm cannot set without a password, such as a group " +
      "managed service account...). The message gives the nssm target's reason.",
  },
  {
    code: NOT_NSSM_PROGRAM,
    severity: "warning",
    title: "the service runs another program than nssm",
    explain:
      "The key has nssm's Parameters (Application, AppParameters, AppDirectory), but its ImagePath names another program: srvany, which " +
      "reads the same three values, or an nssm.exe renamed. The spec describes an nssm service: installed from it, nssm runs the program, " +
      "with nssm's behaviour (restart on exit, stop sequence), which srvany does not have.",
  },
];
