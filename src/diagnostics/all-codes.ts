import type { CodeInfo } from "./code-info.js";

/** Every documented code, core and targets, sorted: for `svcgen explain` and the README. */
export async function allCodes(): Promise<CodeInfo[]> {
  const mods = await Promise.all([
    import("./codes.js").then((m) => m.coreCodes),
    import("../escape/codes.js").then((m) => m.codes).catch(() => [] as CodeInfo[]),
    ...["winsw", "nssm", "sc", "systemd", "schtasks"].map((t) => import(`../targets/${t}/codes.js`).then((m: { codes: CodeInfo[] }) => m.codes)),
  ]);
  return mods.flat().sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
