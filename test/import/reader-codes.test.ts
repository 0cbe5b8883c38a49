import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readerCodes as nssmCodes } from "../../src/targets/nssm/codes.js";
import { readerCodes as scCodes } from "../../src/targets/sc/codes.js";
import { codes as schtasksCodes } from "../../src/targets/schtasks/codes.js";
import { codes as winswCodes } from "../../src/targets/winsw/codes.js";
import { codes as supervisordCodes } from "../../src/targets/supervisord/codes.js";
import { codes as launchdCodes } from "../../src/targets/launchd/codes.js";
import { readerCodes as runkeyCodes } from "../../src/targets/runkey/codes.js";

// Every code a reader documents is shown by at least one import case (its golden diagnostics), so that each
// message has been read in context at least once.
const root = new URL("../../fixtures/import/", import.meta.url).pathname;
describe.each([
  ["winsw", winswCodes, "SVC64"],
  ["schtasks", schtasksCodes, "SVC65"],
  ["nssm", nssmCodes, "SVC62"],
  ["sc", scCodes, "SVC63"],
  ["supervisord", supervisordCodes, "SVC67"],
  ["launchd", launchdCodes, "SVC68"],
  ["runkey", runkeyCodes, "SVC66"],
] as const)("the %s reader's codes", (target, codes, prefix) => {
  it("each appears in an import case", () => {
    const dir = join(root, target, "expected");
    const seen = readdirSync(dir)
      .filter((f) => f.endsWith(".diagnostics.txt"))
      .map((f) => readFileSync(join(dir, f), "utf8"))
      .join("\n");
    const documented = codes.map((c) => c.code).filter((c) => c.startsWith(prefix));
    expect(documented.filter((c) => !seen.includes(c))).toEqual([]);
  });
});
