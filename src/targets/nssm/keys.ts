import type { SpecField } from "../../spec/fields.js";
import { SCM_KNOWN, SCM_MAPPED, SCM_WITHOUT_VALUE, type ValueTable } from "../scm/keys.js";

// Every value the nssm reader (read.ts) reads, as data: the SCM's values of the service key
// (scm/keys.ts), and nssm's parameters under Parameters (paths below it: `AppExit\(Default)`,
// `AppEvents\Start\Pre`). Anything else is reported: SVC6303 in the service key, SVC6202 under Parameters.
// test/import/registry-keys.test.ts checks the tables against capabilities.ts.

export const SERVICE_MAPPED: ValueTable = SCM_MAPPED;

/** Service-key values an nssm service has with no spec field: its ImagePath is nssm itself, and `nssm install` sets the failure flag. */
export const SERVICE_KNOWN: readonly string[] = [...SCM_KNOWN, "ImagePath", "FailureActionsOnNonCrashFailures"];

export const PARAMETERS_MAPPED: ValueTable = {
  Application: ["executable"],
  AppParameters: ["args"],
  AppDirectory: ["workingDirectory"],
  AppEnvironmentExtra: ["environment"],
  "AppExit\\(Default)": ["restart.policy"],
  "AppExit\\<code>": ["restart.policy"],
  AppRestartDelay: ["restart.delay"],
  AppStopMethodConsole: ["stop.timeout"],
  AppStopMethodWindow: ["stop.timeout"],
  AppStopMethodThreads: ["stop.timeout"],
  AppStdout: ["logs"],
  AppStderr: ["logs"],
  AppStdoutCreationDisposition: ["logs.append"],
  AppStderrCreationDisposition: ["logs.append"],
  AppRotateFiles: ["logs.rotate"],
  AppRotateOnline: ["logs.rotate"],
  AppRotateBytes: ["logs.rotate"],
  AppRotateBytesHigh: ["logs.rotate"],
  AppPriority: ["priority"],
  "AppEvents\\Start\\Pre": ["hooks.preStart"],
  "AppEvents\\Exit\\Post": ["hooks.postStop"],
};

/**
 * Parameters with no spec field that svcgen's install script resets to nssm's default (so that nssm
 * behaves as the capability table says): reported with that.
 */
export const RESET_BY_SCRIPT: readonly string[] = ["AppThrottle", "AppStopMethodSkip"];

/** Parameters only nssm 2.24-101 and later have: one in an export shows the build (options.nssm.version). */
export const ONLY_101: readonly string[] = ["AppKillProcessTree", "AppRotateDelay", "AppStdoutCopyAndTruncate", "AppStderrCopyAndTruncate", "AppTimestampLog", "AppRedirectHook"];

/** Spec fields no value holds, with why. */
export const WITHOUT_VALUE: Readonly<Partial<Record<SpecField, string>>> = { ...SCM_WITHOUT_VALUE };
