// One nssm call as a batch line. Light (encoders only): check.ts measures these lines, emit.ts writes them.

import { cmdArg } from "../../escape/cmd-batch.js";
import { secretArg } from "../../render/cmd-script.js";
import type { NssmCall } from "./plan.js";

/** The program every line runs: nssm from PATH, with its extension so that no nssm.cmd/.bat is picked. */
export const NSSM = "nssm.exe";

export function callLine(call: NssmCall): string {
  return (call.line ??= [NSSM].concat(call.args.map((a) => (typeof a === "string" ? cmdArg(a) : secretArg(a.secretEnv)))).join(" "));
}
