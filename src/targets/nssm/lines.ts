// One nssm call as a batch line. Light (encoders only): check.ts measures these lines, emit.ts writes them.

import { cmdArg } from "../../escape/cmd-batch.js";
import { secretArg } from "../../render/cmd-script.js";
import type { NssmCall } from "./plan.js";
import { perPart } from "../memo.js";

/** The program every line runs: nssm from PATH, with its extension so that no nssm.cmd/.bat is picked. */
export const NSSM = "nssm.exe";

export const callLine = (call: NssmCall): string => lines.get(call);
const lines = perPart(buildCallLine);
/** For installPlan, when it makes a plan for another model. */
export const forgetLines = (): void => lines.forget();

function buildCallLine(call: NssmCall): string {
  return [NSSM].concat(call.args.map((a) => (typeof a === "string" ? cmdArg(a) : secretArg(a.secretEnv)))).join(" ");
}
