import type { CodeInfo } from "../../diagnostics/code-info.js";

// Codes of the winsw target (SVC44xx). The % hazard and ${NAME} in a never-expanded value use the shared
// Windows codes (SVC4002, SVC4004 in src/escape/codes.ts).
export const BAD_OPTION = "SVC4400";
export const HOOKS_NEED_V3 = "SVC4401";
export const ACCOUNT_NEEDS_VERSION = "SVC4402";
export const VIRTUAL_ACCOUNT_V3 = "SVC4403";
export const ACCOUNT_FORM = "SVC4404";
export const XML_UNREPRESENTABLE = "SVC4406";
export const ARGUMENT_LINE_BREAK = "SVC4407";
export const EMPTY_ENV_VALUE = "SVC4408";
export const LOG_FILE_NAMES = "SVC4409";
export const LOG_SIZE = "SVC4410";
export const LOG_KEEP_ONE = "SVC4411";
export const LOG_ROTATE_RESET = "SVC4412";
export const TIME_SPAN = "SVC4413";
export const INSTALL_TIME_VARIABLE = "SVC4415";
export const ENV_ORDER = "SVC4416";
export const TRAILING_VARIABLE = "SVC4417";
export const QUOTE_IN_PATH = "SVC4418";
export const BATCH_METACHARACTER = "SVC4419";
// The reader (svcgen import): SVC64xx.
export const READ_NO_FIELD = "SVC6401";
export const READ_VALUE = "SVC6402";
export const READ_XML = "SVC6403";
export const READ_MISSING = "SVC6404";
export const READ_APPROXIMATED = "SVC6405";
export const READ_VERSIONS_DIFFER = "SVC6406";
export const READ_MIXED_VERSIONS = "SVC6407";
export const READ_NOT_READ = "SVC6408";
export const READ_REFUSED = "SVC6409";
export const READ_UNQUOTED_VARIABLE = "SVC6410";
export const READ_ENCODING = "SVC6411";
export const READ_ENCODING_UNREAD = "SVC6412";

export const codes: CodeInfo[] = [
  {
    code: BAD_OPTION,
    severity: "error",
    title: "options.winsw has a value svcgen does not know",
    explain: "options.winsw.version is 2 (WinSW 2.12), 3 (WinSW 3.0 alphas), or absent (XML that both read the same way).",
  },
  {
    code: HOOKS_NEED_V3,
    severity: "error",
    title: "hooks need WinSW 3",
    explain:
      "WinSW 2 has no pre-start or post-stop commands (<prestart>/<poststop> arrived in 3.0.0-alpha.2), and it " +
      "ignores unknown elements silently, so the hooks would simply not run. Set options.winsw.version: 3, or " +
      "list the hooks in options.winsw.ignore.",
  },
  {
    code: ACCOUNT_NEEDS_VERSION,
    severity: "error",
    title: "the service account needs options.winsw.version",
    explain:
      "WinSW 2 reads <domain>/<user> and WinSW 3 reads <username>; each ignores the other's form silently and " +
      "would install the service as LocalSystem. Without options.winsw.version svcgen writes only what both " +
      "versions read, so an account other than local-system needs the version set.",
  },
  {
    code: VIRTUAL_ACCOUNT_V3,
    severity: "error",
    title: "WinSW 3 cannot install a service under its virtual account",
    explain:
      "WinSW 3's install grants \"Log on as a service\" to every account but a few built-in names, and looks the " +
      "account up before the service exists; NT SERVICE\\<name> only exists once the service does, so the " +
      "install fails. Use options.winsw.version: 2, or another account.",
  },
  {
    code: ACCOUNT_FORM,
    severity: "error",
    title: "account.user is not in a form this WinSW version can store",
    explain:
      "WinSW 2 stores the account as <domain>\\<user>, with \".\" when the domain is missing: write DOMAIN\\user " +
      "or .\\user (a user@domain name cannot be written for WinSW 2; WinSW 3 takes it).",
  },
  {
    code: XML_UNREPRESENTABLE,
    severity: "error",
    title: "a value contains a character XML 1.0 cannot carry",
    explain:
      "XML 1.0 has no way to write the control characters U+0001-U+0008, U+000B, U+000C, U+000E-U+001F, nor " +
      "U+FFFE/U+FFFF, not even as character references, and WinSW's parser refuses them. Remove the character.",
  },
  {
    code: ARGUMENT_LINE_BREAK,
    severity: "error",
    title: "WinSW 2 turns line breaks in arguments into spaces",
    explain:
      "WinSW 2.8 and later replace every run of CR/LF in the argument line (with the blanks around it) by one " +
      "space before starting the program, so an argument holding a line break would arrive changed. WinSW 3 " +
      "passes it unchanged: set options.winsw.version: 3, or remove the line break.",
  },
  {
    code: EMPTY_ENV_VALUE,
    severity: "error",
    title: "WinSW 2 removes a variable whose value is empty",
    explain:
      "WinSW 2 applies <env> with .NET's Environment.SetEnvironmentVariable, which deletes the variable when " +
      "the value is empty, so the program would not see it at all (not even an inherited value). WinSW 3 sets " +
      "it empty: set options.winsw.version: 3, or leave the variable out.",
  },
  {
    code: LOG_FILE_NAMES,
    severity: "error",
    title: "WinSW names its log files <base>.out.log and <base>.err.log",
    explain:
      "WinSW chooses one base name (<logname>) and adds .out.log and .err.log. logs.stdout must end in .out.log " +
      "and logs.stderr in .err.log, with the same non-empty part before that (the default names do).",
  },
  {
    code: LOG_SIZE,
    severity: "error",
    title: "logs.rotate.maxSize cannot be written as WinSW's sizeThreshold",
    explain:
      "WinSW's roll-by-size threshold is a whole number of KiB (1024 bytes), at most 2097151 (its byte count " +
      "is a 32-bit integer). Give maxSize in KiB, MiB or GiB, e.g. 10MiB rather than 10MB.",
  },
  {
    code: LOG_KEEP_ONE,
    severity: "error",
    title: "WinSW cannot keep exactly one rotated log file",
    explain:
      "With keepFiles 1 WinSW's roll-by-size mode fails to replace the rotated file once it exists, and " +
      "truncates the live log instead, losing what it should have kept. Use keep: 2 or more.",
  },
  {
    code: LOG_ROTATE_RESET,
    severity: "error",
    title: "WinSW cannot rotate by size and also start fresh files at each start",
    explain:
      "WinSW has one log mode: reset (truncate at each start) or roll-by-size (append, rotate by size). " +
      "Remove logs.append: false, or the rotation.",
  },
  {
    code: TIME_SPAN,
    severity: "error",
    title: "a duration WinSW cannot store",
    explain:
      "WinSW converts restart delays and the stop timeout to a 32-bit count of milliseconds (at most about " +
      "24.8 days), and the SCM keeps the failure reset period in whole seconds. Shorten the duration, or " +
      "give the reset period in whole seconds.",
  },
  {
    code: INSTALL_TIME_VARIABLE,
    severity: "warning",
    title: "${NAME} in the display name or description is expanded when WinSW installs the service",
    explain:
      "WinSW expands %NAME% in <name> and <description> when `install` runs (WinSW 3 also on `refresh`), in the " +
      "environment of the installing console, and stores the result; the service does not see later changes. " +
      "Write the literal text if that is not what you want.",
  },
  {
    code: ENV_ORDER,
    severity: "warning",
    title: "an environment value refers to a variable the spec sets later",
    explain:
      "WinSW applies <env> entries in order and expands each value when it is applied, so ${NAME} of a " +
      "variable set further down gives the inherited value, not the spec's. Reorder the environment map if " +
      "you mean the spec's value.",
  },
  {
    code: TRAILING_VARIABLE,
    severity: "warning",
    title: "an argument ends with ${NAME}: a value ending in a backslash would change it",
    explain:
      "svcgen quotes an argument that holds a variable, because the value may contain spaces. WinSW pastes the " +
      "value in before the program splits its command line, so if the value ends with a backslash it escapes " +
      "the closing quote and the argument runs on into the next one. Make sure the variable does not end " +
      "with a backslash, or put a literal character after it.",
  },
  {
    code: QUOTE_IN_PATH,
    severity: "error",
    title: "a program path contains a double quote",
    explain:
      "WinSW hands <executable> to .NET, which wraps a path holding spaces in double quotes; a quote inside " +
      "the path would end that early. Windows file names cannot contain \" anyway.",
  },
  {
    code: BATCH_METACHARACTER,
    severity: "error",
    title: "an argument of a .bat/.cmd program contains a character cmd.exe would interpret",
    explain:
      "Windows runs a .bat or .cmd file through cmd.exe, which treats & | < > ^ as command syntax and toggles " +
      "quoting at every \", even inside arguments, so such an argument could run another command. Pass the " +
      "value another way (an environment variable, a file), or run a real executable.",
  },
  {
    code: READ_NO_FIELD,
    severity: "warning",
    title: "a WinSW element with no spec field, not imported",
    explain:
      "svcgen import read a WinSW element that a spec has no field for (<hidewindow>, <download>, <extensions>, " +
      "<securityDescriptor>, <stoparguments>, a hook other than prestart and poststop, ...). The spec is written " +
      "without it, so the service built from the spec does without it: add it to the generated XML by hand, or " +
      "keep the original file, if you need it.",
  },
  {
    code: READ_VALUE,
    severity: "error",
    title: "a WinSW value svcgen cannot read",
    explain:
      "The value is not one WinSW can use (a time span, start mode, priority or failure action it fails on), or " +
      "svcgen cannot decode it without guessing: a %...% pair whose name a spec cannot write, percent signs " +
      "Windows and Wine pair differently, an argument line that the C runtime and CommandLineToArgvW split " +
      "differently, a variable or service name a spec does not accept. Nothing is written; fix the value in " +
      "the file, or write the spec by hand.",
  },
  {
    code: READ_XML,
    severity: "error",
    title: "a WinSW file that is not well-formed XML",
    explain:
      "WinSW loads its file with .NET's XmlDocument, which refuses a file that is not well-formed XML; so does " +
      "svcgen, at the place the message names. A DOCTYPE is refused too: entities it declares would change values.",
  },
  {
    code: READ_MISSING,
    severity: "error",
    title: "a WinSW file without <id> or <executable>",
    explain: "WinSW needs <id> (the service's name) and <executable> (the program). Without them there is no service to import.",
  },
  {
    code: READ_APPROXIMATED,
    severity: "warning",
    title: "a WinSW setting read approximately",
    explain:
      "The spec keeps the setting's main meaning, not all of it: failure actions with several delays (the spec " +
      "has one restart delay), a reboot action (the spec gives up instead), the roll, roll-by-time and " +
      "roll-by-size-time log modes (the spec's logs append), a path in quotes (read without them), a missing " +
      "<logname> (stated explicitly), a user not granted \"Log on as a service\" (svcgen grants it). The message " +
      "says what the spec says instead.",
  },
  {
    code: READ_VERSIONS_DIFFER,
    severity: "error",
    title: "WinSW 2 and WinSW 3 read this value differently",
    explain:
      "WinSW 2 and 3 read some forms differently: <delayedAutoStart>false</delayedAutoStart> (WinSW 2 turns delayed " +
      "start on by the element's presence), an <env> with an empty value (WinSW 2 removes the variable), an " +
      "element nested below the root (WinSW 2 finds elements anywhere). Where nothing else in the file shows which " +
      "WinSW runs it, svcgen does not guess: remove the ambiguity from the file (or add a form only one version " +
      "reads) and import again.",
  },
  {
    code: READ_MIXED_VERSIONS,
    severity: "error",
    title: "a WinSW file with both WinSW 2 and WinSW 3 forms",
    explain:
      "The file has forms only WinSW 3 reads (<serviceaccount><username>, hooks, <preshutdown>, ...) and forms " +
      "only WinSW 2 reads (<serviceaccount><user>, <argument>, a root other than <service>, ...). Each version " +
      "silently ignores the other's, so svcgen cannot tell what the service does. Remove the forms of the " +
      "version you do not run.",
  },
  {
    code: READ_NOT_READ,
    severity: "warning",
    title: "a WinSW element WinSW does not read, not imported",
    explain:
      "WinSW ignores this element (an unknown name, another version's form, a second copy of a single-valued " +
      "element, a setting that has no effect where it stands), so svcgen does too: the spec is written without it.",
  },
  {
    code: READ_REFUSED,
    severity: "error",
    title: "a WinSW setting a spec cannot express",
    explain:
      "The setting changes what the service does in a way no spec field can say (<startarguments>, log mode " +
      "none). Importing without it would change the service silently, so nothing is written. Change the file " +
      "(the message says how) or write the spec by hand.",
  },
  {
    code: READ_UNQUOTED_VARIABLE,
    severity: "warning",
    title: "an argument with a %VARIABLE% outside quotes",
    explain:
      "Windows expands %NAME% before the program splits its command line, so a variable outside quotes whose " +
      "value holds a space becomes several arguments. The spec keeps the argument whole (${NAME} in one args " +
      "item), and svcgen quotes it: check that one argument is what the program expects.",
  },
  {
    code: READ_ENCODING,
    severity: "warning",
    title: "the XML declaration names another encoding than the file's bytes",
    explain:
      "The file's bytes (its byte order mark, or their pattern) are UTF-8 or UTF-16, and the XML declaration " +
      "names the other one. svcgen reads the characters the bytes hold; Windows programs (.NET's XmlDocument, " +
      "schtasks) refuse such a file. The spec is right; the file itself needs fixing if you keep it.",
  },
  {
    code: READ_ENCODING_UNREAD,
    severity: "error",
    title: "an XML file in an encoding svcgen does not read",
    explain:
      "The declaration names an encoding other than UTF-8 and UTF-16 (windows-1252, ISO-8859-1, ...) and the " +
      "file has characters outside ASCII, which svcgen cannot decode without guessing. Save the file as UTF-8 " +
      "(and fix its declaration), then import it.",
  },
];
