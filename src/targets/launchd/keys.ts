import type { SpecField } from "../../spec/fields.js";

// Every job key the launchd reader (read.ts) looks up, as data, from launchd.plist(5) and launchd-842's
// core.c (job_import_keys and the job_import_<type> functions: keys are matched ignoring case, and a value
// of the wrong type is not used). A key is one of:
// - mapped: it feeds the spec fields listed, read with the type given;
// - unstated: launchd does something with it that no spec field says; reported, not imported. `refuse`
//   marks those without which the program would not run as it does (it needs a socket launchd hands it,
//   paths under another root...), or would run at other times (on a schedule, on a file change) than a
//   service a spec describes: the job is refused rather than described as something else;
// - anything else launchd does not know (it logs "Unknown key" and goes on): reported.
// test/import/launchd-keys.test.ts checks this table against capabilities.ts.

export type PlistType = "string" | "integer" | "boolean" | "array" | "dict" | "boolean-or-dict";

export interface MappedKey {
  fields: readonly SpecField[];
  type: PlistType;
}

export const MAPPED: Readonly<Record<string, MappedKey>> = {
  Label: { fields: ["name"], type: "string" },
  Disabled: { fields: ["startup"], type: "boolean" },
  UserName: { fields: ["account"], type: "string" },
  GroupName: { fields: ["account.group"], type: "string" },
  Program: { fields: ["executable"], type: "string" },
  ProgramArguments: { fields: ["executable", "args"], type: "array" },
  WorkingDirectory: { fields: ["workingDirectory"], type: "string" },
  EnvironmentVariables: { fields: ["environment"], type: "dict" },
  RunAtLoad: { fields: ["startup"], type: "boolean" },
  KeepAlive: { fields: ["restart.policy"], type: "boolean-or-dict" },
  // Deprecated since Mac OS X 10.5, still read: OnDemand false is KeepAlive true.
  OnDemand: { fields: ["restart.policy"], type: "boolean" },
  ThrottleInterval: { fields: ["restart.delay"], type: "integer" },
  ExitTimeOut: { fields: ["stop.timeout"], type: "integer" },
  StandardOutPath: { fields: ["logs"], type: "string" },
  StandardErrorPath: { fields: ["logs"], type: "string" },
  Nice: { fields: ["priority"], type: "integer" },
};

export interface UnstatedKey {
  /** What launchd does with it, for the message. */
  does: string;
  /** The job cannot be described without it. */
  refuse?: "always" | "unless-kept-alive";
}

const START = "unless-kept-alive" as const;

export const UNSTATED: Readonly<Record<string, UnstatedKey>> = {
  inetdCompatibility: { does: "runs the program as inetd would, with a connection on its standard input", refuse: "always" },
  Sockets: { does: "opens sockets and hands them to the program, which expects them", refuse: "always" },
  MachServices: { does: "registers Mach services the program expects to check in", refuse: "always" },
  LaunchEvents: { does: "starts the job on system events it hands to the program", refuse: "always" },
  RootDirectory: { does: "runs the program chroot()ed, so every path is under another root", refuse: "always" },
  StartInterval: { does: "starts the job every so many seconds", refuse: START },
  StartCalendarInterval: { does: "starts the job on a calendar schedule", refuse: START },
  WatchPaths: { does: "starts the job when a path changes", refuse: START },
  QueueDirectories: { does: "starts the job while a directory is not empty", refuse: START },
  StartOnMount: { does: "starts the job when a file system is mounted", refuse: START },
  LaunchOnlyOnce: { does: "runs the job only once per boot" },
  Umask: { does: "sets the program's umask" },
  TimeOut: { does: "tells the program an idle time-out at check-in" },
  InitGroups: { does: "decides whether the program gets UserName's supplementary groups" },
  StandardInPath: { does: "gives the program a file as its standard input" },
  SoftResourceLimits: { does: "sets soft resource limits (setrlimit)" },
  HardResourceLimits: { does: "sets hard resource limits (setrlimit)" },
  ProcessType: { does: "sets how macOS schedules the program (Background, Standard, Adaptive, Interactive)" },
  LowPriorityIO: { does: "lowers the program's disk I/O priority" },
  LowPriorityBackgroundIO: { does: "lowers the program's disk I/O priority in the background" },
  AbandonProcessGroup: { does: "leaves the program's children running when it stops" },
  EnableTransactions: { does: "lets launchd stop the program at once when it reports no transaction open" },
  EnablePressuredExit: { does: "lets macOS stop the program under memory pressure" },
  EnableGlobbing: { does: "expands glob patterns in ProgramArguments" },
  Debug: { does: "makes launchd log this job at debug level" },
  WaitForDebugger: { does: "holds the program until a debugger attaches" },
  SessionCreate: { does: "gives the program a new security session" },
  LimitLoadToHosts: { does: "loads the job only on the hosts listed" },
  LimitLoadFromHosts: { does: "does not load the job on the hosts listed" },
  LimitLoadToSessionType: { does: "loads an agent only in the session types listed" },
  LimitLoadToHardware: { does: "loads the job only on the hardware listed" },
  LimitLoadFromHardware: { does: "does not load the job on the hardware listed" },
  HopefullyExitsFirst: { does: "orders the program first at shutdown (deprecated)" },
  HopefullyExitsLast: { does: "orders the program last at shutdown (deprecated)" },
  IgnoreProcessGroupAtShutdown: { does: "lets the program's process group outlive it at shutdown" },
  Policies: { does: "sets launchd policies for the job" },
  UserEnvironmentVariables: { does: "sets environment variables of the user's session" },
  AssociatedBundleIdentifiers: { does: "names the app the job belongs to in System Settings" },
  BundleProgram: { does: "runs a program inside an app bundle" },
  MaterializeDatalessFiles: { does: "lets the program download dataless (iCloud) files" },
  CFBundleIdentifier: { does: "names the bundle the job belongs to" },
  JetsamProperties: { does: "sets the program's memory-pressure priority" },
  ThrottleOnLowMemory: { does: "throttles the job under memory pressure" },
  SandboxProfile: { does: "runs the program in a sandbox profile" },
};

/** KeepAlive's conditions (launchd-842 core.c, semaphoreitem_setup). */
export const KEEPALIVE_KEYS = ["SuccessfulExit", "Crashed", "NetworkState", "PathState", "OtherJobEnabled", "OtherJobActive", "AfterInitialDemand"] as const;

/**
 * Spec fields no key holds (each with why): the key-table test accepts these without a key.
 */
export const WITHOUT_KEY: Readonly<Partial<Record<SpecField, string>>> = {
  "logs.append": "launchd always appends: nothing is written for it",
  "stop.signal": "launchd always stops a job with SIGTERM: nothing is written for it",
};

/** The key's name as launchd matches it (ignoring case), or undefined. */
export function canonicalKey(key: string): string | undefined {
  const l = key.toLowerCase();
  return [...Object.keys(MAPPED), ...Object.keys(UNSTATED)].find((k) => k.toLowerCase() === l);
}
