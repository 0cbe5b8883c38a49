import { formatText } from "../../spec/text.js";
import type { ServiceModel } from "../../model.js";
import { resetPeriodMs } from "./commands.js";

// What the sc reader reads back from the service an sc.exe install script of svcgen's makes, where that is not
// the model the script was built from (ReaderModule.asInstalled, for `svcgen diff`). The SCM stores what
// commands.ts gives it, in its own terms (reference nssm-sc.md §B):
// - restart.policy always is the same failure actions and failure flag as on-failure (the SCM cannot restart
//   a service that stopped cleanly), so it reads back as on-failure;
// - the failure count has one reset period, in whole seconds (resetPeriodMs: restart.resetAfter, else the
//   window); with a retry limit the reader reads it as the window the retries are counted in, without one as
//   restart.resetAfter, and a period of 0 is no period;
// - an empty description is the SCM's "no description".
// test/import/read-targets.ts says the same of the registry model the import round trip reads, independently.

export function asInstalled(model: ServiceModel): ServiceModel {
  const m: ServiceModel = { ...model, restart: { ...model.restart } };
  if (m.description && formatText(m.description.parts) === "") delete m.description;
  const r = m.restart;
  if (r.policy.value === "always") r.policy = { ...r.policy, value: "on-failure" };
  const period = Math.round(resetPeriodMs(model).ms / 1000) * 1000;
  const at = (r.resetAfterMs ?? r.windowMs ?? r.policy).at;
  delete r.resetAfterMs;
  delete r.windowMs;
  if (r.maxRetries) r.windowMs = { value: period, at };
  else if (period > 0) r.resetAfterMs = { value: period, at };
  return m;
}
