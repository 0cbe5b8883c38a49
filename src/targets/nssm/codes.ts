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
