import { textFromParts } from "../../import/read-model.js";
import { formatText } from "../../spec/text.js";
import type { Logs, ServiceModel } from "../../model.js";
import { logPath } from "./plan.js";
import { splitLogPath } from "./read.js";

// What the nssm reader reads back from the service an nssm install script of svcgen's makes, where that is not
// the model the script was built from (ReaderModule.asInstalled, for `svcgen diff`). The registry holds what
// nssm stores, and nssm keeps no trace of some settings (settings.cpp at 2.24, reference nssm-sc.md §A.1):
// - a DWORD set to its default is deleted: a stop timeout of exactly 1.5 s (AppStopMethod*'s default);
// - an empty description is the SCM's "no description" (nssm resets it);
// - nssm never deletes rotated log files, so there is no count of them to store (logs.rotate.keep);
// - a log file is one path (logPath joins directory and file), read back split at its last separator;
// - which nssm wrote the key shows only where 2.24-101 stored what 2.24 cannot (hooks, a virtual account):
//   options.nssm.version reads as 2.24-101 there and as nothing (the default, 2.24) elsewhere.
// test/import/read-targets.ts says the same of the registry model the import round trip reads, independently.

export function asInstalled(model: ServiceModel): ServiceModel {
  const m: ServiceModel = { ...model, stop: { ...model.stop }, options: { ...model.options } };
  if (m.description && formatText(m.description.parts) === "") delete m.description;
  if (m.stop.timeoutMs?.value === 1500) delete m.stop.timeoutMs;
  if (m.logs) m.logs = logs(m.logs);
  const v101 = !!m.hooks.preStart || !!m.hooks.postStop || (m.account?.kind === "builtin" && m.account.builtin === "virtual");
  if (v101) m.options.version = "2.24-101";
  else delete m.options.version;
  return m;
}

function logs(l: Logs): Logs {
  const out: Logs = { ...l };
  if (out.rotate?.keep) {
    out.rotate = { ...out.rotate };
    delete out.rotate.keep;
  }
  const out1 = splitLogPath(logPath(l.directory, l.stdout).parts);
  const err1 = splitLogPath(logPath(l.directory, l.stderr).parts);
  if (out1 && err1) {
    out.directory = textFromParts(out1.dir, l.directory.at);
    out.stdout = textFromParts(out1.file, l.stdout.at);
    out.stderr = textFromParts(err1.file, l.stderr.at);
  }
  return out;
}
