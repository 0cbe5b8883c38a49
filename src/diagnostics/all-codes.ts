import type { CodeInfo } from "./code-info.js";

/** Every documented code, core and targets, sorted: for `svcgen explain` and the README. */
export async function allCodes(): Promise<CodeInfo[]> {
  const mods = await Promise.all([
    import("./codes.js").then((m) => m.coreCodes),
    import("../escape/codes.js").then((m) => m.codes),
    import("../import/codes.js").then((m) => m.codes),
    import("../diff/codes.js").then((m) => m.codes),
    import("../targets/winsw/codes.js").then((m) => m.codes),
    import("../targets/nssm/codes.js").then((m) => [...m.codes, ...m.readerCodes]),
    import("../targets/sc/codes.js").then((m) => [...m.codes, ...m.readerCodes]),
    import("../targets/systemd/codes.js").then((m) => m.codes),
    import("../targets/schtasks/codes.js").then((m) => m.codes),
    import("../targets/runkey/codes.js").then((m) => [...m.codes, ...m.readerCodes]),
    import("../targets/supervisord/codes.js").then((m) => m.codes),
    import("../targets/launchd/codes.js").then((m) => m.codes),
  ]);
  return mods.flat().sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
