import type { Account, ServiceModel } from "../../model.js";
import { literalOf, windowsBuiltinAccount } from "../../model.js";
import type { WinswVersion } from "./options.js";

// How each spec account becomes WinSW's <serviceaccount>. WinSW 2 reads <domain> and <user> (domain "."
// when missing) and grants "Log on as a service" only with <allowservicelogon>; WinSW 3 reads <username>
// and grants the right itself to every account except the exact built-in names below. No password is
// ever written: WinSW 3 asks for it (<prompt>console</prompt>), WinSW 2 with `install /p`.

export type WinswAccount =
  | { kind: "default" }
  | { kind: "v2"; domain: string; user: string; allowServiceLogon: boolean }
  | { kind: "v3"; username: string; prompt: boolean };

// Accounts the SCM runs without a password and that need no logon right granted.
const SERVICE_IDENTITY = /^(NT AUTHORITY|NT SERVICE)\\/i;

export type AccountProblem = "needs-version" | "virtual-v3" | "upn-v2" | "no-domain-v2" | "empty-part";

/** Splits DOMAIN\user at the first backslash; undefined when there is none. */
export function splitDomainUser(s: string): { domain: string; user: string } | undefined {
  const i = s.indexOf("\\");
  return i < 0 ? undefined : { domain: s.slice(0, i), user: s.slice(i + 1) };
}

/** Why the account cannot be written for this version, or undefined. Variables are checked elsewhere. */
export function accountProblem(account: Account | undefined, version: WinswVersion): AccountProblem | undefined {
  if (!account || (account.kind === "builtin" && account.builtin === "local-system")) return undefined;
  if (version === "both") return "needs-version";
  if (account.kind === "builtin") return account.builtin === "virtual" && version === 3 ? "virtual-v3" : undefined;
  const name = literalOf(account.user);
  const split = splitDomainUser(name);
  if (split && (split.domain === "" || split.user === "")) return "empty-part";
  if (version === 2 && !split) return name.includes("@") ? "upn-v2" : "no-domain-v2";
  return undefined;
}

/** The account as written; call only when accountProblem() found nothing. */
export function winswAccount(model: ServiceModel, version: WinswVersion): WinswAccount {
  const a = model.account;
  if (!a || (a.kind === "builtin" && a.builtin === "local-system")) return { kind: "default" };
  if (version === "both") throw new Error("internal: an account needs a WinSW version; check should have refused it");
  let domain: string;
  let user: string;
  let prompt = false;
  if (a.kind === "builtin") {
    ({ domain, user } = splitDomainUser(windowsBuiltinAccount(a.builtin, model.name.value))!);
  } else {
    const name = literalOf(a.user);
    prompt = a.passwordFromEnv !== undefined;
    if (version === 3) return { kind: "v3", username: name, prompt };
    const split = splitDomainUser(name);
    if (!split) throw new Error("internal: a WinSW 2 account needs a domain; check should have refused it");
    ({ domain, user } = split);
  }
  if (version === 3) return { kind: "v3", username: `${domain}\\${user}`, prompt };
  return { kind: "v2", domain, user, allowServiceLogon: a.kind === "user" && !SERVICE_IDENTITY.test(`${domain}\\${user}`) };
}
