import type { ServiceModel } from "../../model.js";

// What the Run-key reader reads back from the entry a runkey install script of svcgen's writes, where that is not
// the model the script was built from (ReaderModule.asInstalled, for `svcgen diff`):
// - a Run entry is never restarted: the reader says restart.policy never whatever the spec (which can only ignore
//   the other policies for runkey);
// - startup manual is written as Task Manager's disable, like disabled, and delayed as a plain entry;
// - options.runkey.reenable leaves no trace in the registry (it decides what the script does to a disable), and
//   the user scope, the default, is the reader's silence.
// test/import/read-targets.ts says the same of the registry model the import round trip reads, independently.

export function asInstalled(model: ServiceModel): ServiceModel {
  const startup = model.startup.value === "manual" ? "disabled" : model.startup.value === "delayed" ? "auto" : model.startup.value;
  const options = { ...(model.options as Record<string, unknown>) };
  delete options.reenable;
  // The user scope is the default: the reader says nothing of it.
  if (options.scope === "user") delete options.scope;
  return { ...model, startup: { ...model.startup, value: startup }, restart: { ...model.restart, policy: { ...model.restart.policy, value: "never" } }, options };
}
