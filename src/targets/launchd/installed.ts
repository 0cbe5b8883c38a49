import type { InstalledSource } from "../types.js";

// `svcgen import --installed LABEL` on macOS: the job's plist, found and printed as an administrator would.
// `launchctl print system/LABEL` (a daemon; `gui/<uid>/LABEL` for the user's agent) shows the loaded job,
// with a `path = ...` line naming its plist; `plutil -convert xml1 -o - PATH` prints that plist as XML,
// whichever format it is stored in. Thin on purpose: tested with recorded output
// (test/cli/import-launchd.test.ts); the reader is what the other tests exercise.

/** The plist path in `launchctl print` output (a line `path = /Library/LaunchDaemons/x.plist`). */
export function printedPath(output: string): string | undefined {
  return /^\s*path = (\/.+?)\s*$/m.exec(output)?.[1];
}

export const installed: InstalledSource = {
  platform: "darwin",
  describe: (label) => `launchctl print system/${label} (or gui/<uid>/${label}), then plutil -convert xml1 of its plist`,
  async fetch(label, run) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(label)) throw new Error(`${JSON.stringify(label)} is not a launchd label svcgen can read`);
    const text = (b: Uint8Array) => new TextDecoder().decode(b);
    let printed = await run("launchctl", ["print", `system/${label}`]);
    if (printed.status !== 0) {
      const id = await run("id", ["-u"]);
      const uid = text(id.stdout).trim();
      if (id.status === 0 && /^\d+$/.test(uid)) printed = await run("launchctl", ["print", `gui/${uid}/${label}`]);
    }
    if (printed.status !== 0) throw new Error(`launchctl print found no job ${label} in the system domain or the user's${printed.stderr.trim() ? `: ${printed.stderr.trim()}` : ""}`);
    const path = printedPath(text(printed.stdout));
    if (!path) throw new Error(`launchctl print shows no plist path for ${label} (a job loaded without a file): import its plist instead`);
    const xml = await run("plutil", ["-convert", "xml1", "-o", "-", path]);
    if (xml.status !== 0) throw new Error(`plutil -convert xml1 ${path} failed${xml.stderr.trim() ? `: ${xml.stderr.trim()}` : ""}`);
    return [{ name: path, bytes: xml.stdout }];
  },
};
