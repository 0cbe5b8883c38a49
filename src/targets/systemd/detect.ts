import type { Detection } from "../types.js";

// Cheap enough for every file `svcgen import` is given, and loaded with the registry: no reader code here.
// A unit file's first line that is not blank or a comment is one of a service unit's section headers
// (systemctl cat's `# /path` lines are comments). A drop-in names the unit it extends by its directory,
// `<unit>.d/<name>.conf`.
const FIRST_SECTION = /^\uFEFF?(?:[ \t]*(?:[#;][^\r\n]*)?\r?\n)*[ \t]*\[(Unit|Service|Install)\][ \t]*\r?$/m;

// A unit file with nothing in it (a masked unit is a link to /dev/null) is known by its name alone.
const NOTHING = /^\uFEFF?(?:[ \t]*(?:[#;][^\r\n]*)?(?:\r?\n|$))*$/;

export function detectUnit(name: string, text: string | undefined): Detection | undefined {
  if (text === undefined) return undefined;
  const m = FIRST_SECTION.exec(text);
  if ((!m || m.index !== 0) && !(name.endsWith(".service") && NOTHING.test(text))) return undefined;
  const dropIn = /(?:^|[/\\])([^/\\]+\.service)\.d[/\\][^/\\]+\.conf$/.exec(name);
  return dropIn ? { extends: dropIn[1]! } : {};
}
