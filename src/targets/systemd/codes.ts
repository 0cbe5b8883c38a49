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
    explain:
      "Raw settings (WorkingDirectory=, append: log paths, Description=, User=, Group=) are one line with no escapes, judged as svcgen writes them: " +
      "Description= is displayName, \" - \" and description; a log path is logs.directory, \"/\" and the file name. A line break anywhere, a backslash " +
      "at the end of the line (which joins the next line) and a space or tab at either end (which systemd trims) cannot be written; the diagnostic " +
      "points at the field whose characters are there. systemd also refuses a path with a .. component (\"path is not normalized\"), a path " +
      "component longer than 255 bytes or a path of 4096 bytes or more (\"path has invalid length\").",
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
  // The reader (svcgen import, svcgen diff): SVC61xx.
  {
    code: "SVC6101",
    severity: "warning",
    title: "a directive with no spec field, kept in options.systemd.extra",
    explain:
      "The unit has a directive the spec has no field for (MemoryMax=, ProtectSystem=, Before=...). svcgen keeps it, as written, in options.systemd.extra, so the unit svcgen builds from the spec still has it. Other targets do not get it: if the spec will also build for them, decide what each should do.",
  },
  {
    code: "SVC6102",
    severity: "warning",
    title: "a directive or section svcgen cannot carry",
    explain:
      "options.systemd.extra holds directives of [Unit], [Service] and [Install] named like LimitNOFILE. An X- key or section (metadata systemd itself ignores), another section, or a key named otherwise cannot be kept: it is not imported. Keep it next to the spec if you need it.",
  },
  {
    code: "SVC6103",
    severity: "error",
    title: "a value svcgen cannot read unambiguously",
    explain:
      "A value the spec needs cannot be decoded to one meaning: a specifier whose value depends on the machine (%H, %m, %v, %T...), a whole-word $NAME (systemd splits it into any number of arguments, where a spec argument is one), an escape or quote systemd refuses, a relative or unsafe path. Nothing is written for the unit. Change the unit (write the value out, or ${NAME} for one argument) and import it again.",
  },
  {
    code: "SVC6104",
    severity: "warning",
    title: "a value the spec cannot state, kept in options.systemd.extra",
    explain:
      "The directive maps to a spec field, but this value has no spec equivalent: Restart=on-abnormal, Nice=5, KillSignal=SIGRTMIN+1, TimeoutStopSec=infinity, Type=notify, an After= without Wants=, output to the journal for one stream and a file for the other. The spec gets the nearest value where there is one (the message says which), and options.systemd.extra keeps the directive as written; systemd applies the last assignment of a directive, so the unit svcgen builds behaves as the original. Other targets get only the spec's value.",
  },
  {
    code: "SVC6105",
    severity: "error",
    title: "an ExecStart= prefix the spec cannot state",
    explain:
      "ExecStart= prefixes change how systemd runs the program: - ignores a failure exit status, @ sets a different argv[0], + and ! run it without the service's user or sandbox. A spec has no such settings, and dropping one would change what the service does. Remove the prefix from the unit (or import a copy without it) if the service does not need it. The : prefix (no $ expansion) is read exactly.",
  },
  {
    code: "SVC6106",
    severity: "error",
    title: "not one program to run",
    explain:
      "A spec runs one program: the unit must have exactly one ExecStart= command. A unit with none (only ExecStop=, or an alias), or with several (Type=oneshot lists, or commands joined by ;), cannot be imported as it is.",
  },
  {
    code: "SVC6107",
    severity: "error",
    title: "an executable that is not an absolute path",
    explain:
      "systemd looks up a bare program name (ExecStart=sleep) in its own search path; a spec's executable is an absolute path, which svcgen cannot know for certain from the unit. Write the full path in the unit (ExecStart=/usr/bin/sleep) and import it again.",
  },
  {
    code: "SVC6108",
    severity: "warning",
    title: "a value read as an approximate spec value",
    explain:
      "The value maps to a spec value that the systemd target itself only approximates (Nice=10 is how svcgen writes priority: below-normal). The unit svcgen builds has the same directive; other targets read the spec value in their own terms (a Windows priority class). The message quotes `svcgen targets`' note.",
  },
  {
    code: "SVC6109",
    severity: "error",
    title: "a line that makes systemd refuse the unit",
    explain: "systemd refuses the whole unit file for this line (a section header that does not end in ]). Fix the file; nothing is imported from it.",
  },
  {
    code: "SVC6110",
    severity: "warning",
    title: "a line systemd ignores",
    explain:
      "systemd ignores this line or value with a warning of its own (a line without =, an assignment before any section, an Environment= word that is not NAME=value, a value it cannot parse), so it has no effect on the service, and it is not imported.",
  },
  {
    code: "SVC6111",
    severity: "error",
    title: "not a service unit",
    explain: "svcgen imports service units (.service files and their drop-ins). Timers, sockets, targets and other unit types describe something else.",
  },
  {
    code: "SVC6112",
    severity: "warning",
    title: "a drop-in another of the same name overrides",
    explain:
      "systemd reads one drop-in per file name: one in /etc/systemd/system overrides one in /run/systemd/system, which overrides /usr/lib/systemd/system. The overridden file was given but, as under systemd, it is not read.",
  },
  {
    code: "SVC6113",
    severity: "error",
    title: "two drop-ins of the same name",
    explain:
      "Two drop-ins with the same file name were given, and their directories do not say which one systemd would read (it reads one per file name, by directory priority). Give only the one that applies.",
  },
  {
    code: "SVC6114",
    severity: "warning",
    title: "a unit file not named <name>.service",
    explain: "systemd names a service after its unit file. This file's name does not end in .service, so the spec's name is taken from the file name without its extension: check it.",
  },
];
