// The elements (and attributes) each WinSW version reads, from ../shared/reference/winsw.md §1 and the
// parsers it cites (v2.12.0 and v3.0.0-alpha.11 XmlServiceConfig.cs). Written independently of the
// emitter: a generated file may use only what its version reads, because WinSW ignores anything else
// silently.

/** Path (slash-separated, from the root's children) -> attributes read there. */
type ElementTable = Record<string, readonly string[]>;

const COMMON: ElementTable = {
  id: [],
  name: [],
  description: [],
  executable: [],
  arguments: [],
  startarguments: [],
  stopexecutable: [],
  stoparguments: [],
  workingdirectory: [],
  env: ["name", "value"],
  priority: [],
  hidewindow: [],
  stoptimeout: [],
  startmode: [],
  delayedAutoStart: [],
  depend: [],
  interactive: [],
  serviceaccount: [],
  "serviceaccount/password": [],
  "serviceaccount/allowservicelogon": [],
  onfailure: ["action", "delay"],
  resetfailure: [],
  securityDescriptor: [],
  logpath: [],
  logname: [],
  log: ["mode"],
  "log/sizeThreshold": [],
  "log/keepFiles": [],
  "log/pattern": [],
  "log/period": [],
  "log/autoRollAtTime": [],
  "log/zipOlderThanNumDays": [],
  "log/zipDateFormat": [],
  outfiledisabled: [],
  errfiledisabled: [],
  outfilepattern: [],
  errfilepattern: [],
  beeponshutdown: [],
};

export const V2_ELEMENTS: ElementTable = {
  ...COMMON,
  argument: [],
  startargument: [],
  stopargument: [],
  stopparentprocessfirst: [],
  waithint: [],
  sleeptime: [],
  "serviceaccount/domain": [],
  "serviceaccount/user": [],
};

const hook = (h: string): ElementTable => ({
  [h]: [],
  [`${h}/executable`]: [],
  [`${h}/arguments`]: [],
  [`${h}/stdoutPath`]: [],
  [`${h}/stderrPath`]: [],
});

export const V3_ELEMENTS: ElementTable = {
  ...COMMON,
  "serviceaccount/username": [],
  "serviceaccount/prompt": [],
  ...hook("prestart"),
  ...hook("poststart"),
  ...hook("prestop"),
  ...hook("poststop"),
  preshutdown: [],
  preshutdownTimeout: [],
  autoRefresh: [],
};

/** The reference's portable subset (§1.7), plus <logname>, which both parsers read alike. */
export const PORTABLE_ELEMENTS: ElementTable = Object.fromEntries(
  [
    "id",
    "name",
    "description",
    "executable",
    "arguments",
    "workingdirectory",
    "env",
    "priority",
    "stoptimeout",
    "startmode",
    "delayedAutoStart",
    "depend",
    "onfailure",
    "resetfailure",
    "securityDescriptor",
    "logpath",
    "logname",
    "log",
    "log/sizeThreshold",
    "log/keepFiles",
    "hidewindow",
    "beeponshutdown",
  ].map((p) => [p, COMMON[p]!]),
);

/** Elements WinSW reads repeatedly; every other one is read once, and v2 takes the first anywhere. */
export const REPEATABLE = new Set(["env", "depend", "onfailure"]);

/** Boolean elements that v2 reads by presence and v3 with bool.Parse: only "true" means the same to both. */
export const PRESENCE_FLAGS = new Set(["delayedAutoStart", "interactive", "beeponshutdown"]);
