// The decisions that turn the IR into a task, shared by check (which refuses what they cannot express)
// and emit (which writes them). Plain data, no XML.

import { literalOf, type Account, type Priority, type ServiceModel } from "../../model.js";

export type TaskTrigger = "boot" | "logon";

/** `options.schtasks.trigger`, or the reason it is not valid. */
export function triggerOption(model: ServiceModel): { trigger: TaskTrigger } | { error: string } {
  const t = model.options.trigger;
  if (t === undefined || t === "boot") return { trigger: "boot" };
  if (t === "logon") return { trigger: "logon" };
  return { error: `options.schtasks.trigger ${JSON.stringify(t)} is not boot or logon` };
}

/**
 * Windows starts a delayed-automatic service about two minutes after the automatic ones (the SCM's
 * default AutoStartDelay is 120 s); a task can only wait a fixed time after its trigger.
 */
export const DELAYED_START_MS = 120_000;

// ITaskSettings::Priority: 0 realtime, 1 high, 2-3 above normal, 4-6 normal, 7-8 below normal, 9-10 idle.
// For an Exec action only the priority class counts; the first level of each band is used. Task
// Scheduler's default, 7, is below normal, so "normal" must be written.
export const TASK_PRIORITY: Record<Priority, number> = {
  realtime: 0,
  high: 1,
  "above-normal": 2,
  normal: 4,
  "below-normal": 7,
  idle: 9,
};

// RestartOnFailure limits from the task schema: Interval PT1M..P31D, Count an unsignedByte >= 1.
export const RESTART_MIN_INTERVAL_MS = 60_000;
export const RESTART_MAX_INTERVAL_MS = 31 * 86_400_000;
export const RESTART_MAX_COUNT = 255;

export interface RestartPlan {
  intervalMs: number;
  count: number;
}

/** RestartOnFailure for a model that check accepted, or undefined for restart.policy never. */
export function restartPlan(model: ServiceModel): RestartPlan | undefined {
  const r = model.restart;
  if (r.policy.value === "never") return undefined;
  return {
    intervalMs: Math.max(r.delayMs.value, RESTART_MIN_INTERVAL_MS),
    count: r.maxRetries?.value ?? RESTART_MAX_COUNT,
  };
}

const BUILTIN_SID = {
  "local-system": "S-1-5-18",
  "local-service": "S-1-5-19",
  "network-service": "S-1-5-20",
} as const;

/**
 * Who the task runs as and how it is registered.
 * - service: a built-in service account (by SID) or an `NT AUTHORITY\...` name. No LogonType: Windows'
 *   own exports omit it, and "ServiceAccount" is not a value the schema allows.
 * - password: a user whose password is given at registration (LogonType Password).
 * - gmsa: a group managed service account (name ending in `$`): LogonType Password, and Windows fetches
 *   the password itself.
 * - refused: an account a task cannot run as.
 */
export type TaskPrincipal =
  | { kind: "service"; userId: string }
  | { kind: "password"; userId: string; passwordEnv: string }
  | { kind: "gmsa"; userId: string }
  | { kind: "refused"; reason: string };

const NT_AUTHORITY = /^NT AUTHORITY\\/i;
const NT_SERVICE = /^NT SERVICE\\/i;

/** The principal for an account (absent: LocalSystem, the default account of Windows services). */
export function taskPrincipal(account: Account | undefined): TaskPrincipal {
  if (!account) return { kind: "service", userId: BUILTIN_SID["local-system"] };
  if (account.kind === "builtin") {
    if (account.builtin === "virtual") return { kind: "refused", reason: "virtual accounts exist only for installed services" };
    return { kind: "service", userId: BUILTIN_SID[account.builtin] };
  }
  const user = literalOf(account.user);
  if (NT_SERVICE.test(user)) {
    return { kind: "refused", reason: `${user} is a virtual account, which exists only for an installed service` };
  }
  if (account.passwordFromEnv) return { kind: "password", userId: user, passwordEnv: account.passwordFromEnv.value };
  if (NT_AUTHORITY.test(user)) return { kind: "service", userId: user };
  if (user.endsWith("$")) return { kind: "gmsa", userId: user };
  // The normaliser requires a password for any other Windows user (SVC2015).
  return { kind: "refused", reason: `${user} needs a password` };
}

/** The id of a hook's Exec (an xs:ID, which Task Scheduler keeps): how the reader tells the hooks from the program. */
export const HOOK_ACTION_ID = { preStart: "preStart", postStop: "postStop" } as const;
