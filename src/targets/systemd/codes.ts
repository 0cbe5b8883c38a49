import type { CodeInfo } from "../../diagnostics/code-info.js";

export const codes: CodeInfo[] = [
  {
    code: "SVC4101",
    severity: "error",
    title: "${NAME} in a systemd Environment= value",
    explain: "systemd does not expand variables in Environment= values: the service would see the literal text ${NAME}. Write the value out for Linux (linux.environment), or expand it in the program.",
  },
  {
    code: "SVC4102",
    severity: "error",
    title: "${NAME} where systemd does not expand it",
    explain: "systemd expands ${NAME} only in ExecStart= arguments. In the executable path, WorkingDirectory=, log paths, Description=, User= and Group= it would stay literal. Write the value out in the linux section.",
  },
  {
    code: "SVC4103",
    severity: "error",
    title: "a value systemd cannot store as written",
    explain: "Raw settings (WorkingDirectory=, append: log paths, Description=, User=, Group=) are one line with no escapes: a line break, a trailing backslash (which joins the next line) and a leading or trailing space or tab (which systemd trims) cannot be written; paths with a .. component are refused by systemd (\"path is not normalized\").",
  },
  {
    code: "SVC4104",
    severity: "error",
    title: "an executable path systemd refuses",
    explain: "systemd refuses an ExecStart= executable containing a backslash, a quote or a control character (\"Executable name contains special characters\"), and one ending in /.",
  },
  {
    code: "SVC4105",
    severity: "error",
    title: "a variable name systemd cannot carry",
    explain: "systemd environment variable names are letters, digits and _ only; ${ProgramFiles(x86)} and similar Windows names cannot be expanded by systemd.",
  },
  {
    code: "SVC4106",
    severity: "error",
    title: "a log mode the chosen systemd version lacks",
    explain: "StandardOutput=append: needs systemd 240 and truncate: needs 248. Raise options.systemd.version if your hosts are newer, or change logs.append.",
  },
  {
    code: "SVC4107",
    severity: "error",
    title: "an unusable options.systemd.extra directive",
    explain: "Raw directives are written as given, one line each: a control character or a trailing backslash would break the unit file.",
  },

];
