import { describe, expect, it } from "vitest";
import { compileYaml } from "../helpers/compile.js";

// Windows runs a .bat/.cmd program through cmd.exe whoever starts it, so every Windows target judges the
// arguments as cmd.exe reads the whole command line (issue 11, part 2: the nssm, sc and Task Scheduler
// checks judged each argument for the C runtime only, and let `a&b` through to a batch program).
// (options.<target> only matters to that target: schtasks and runkey must accept losing restart.policy.)
const spec = (exe: string) => `version: 1\nname: svc\nexecutable: ${exe}\nargs: ["a&b", "plain", "x|y", "say \\"hi\\""]\noptions: { schtasks: { ignore: [restart.policy] }, runkey: { ignore: [restart.policy] } }\n`;

describe("arguments of a batch program", () => {
  it.each([
    ["nssm", "SVC4005"],
    ["sc", "SVC4005"],
    ["schtasks", "SVC4005"],
    ["runkey", "SVC4005"],
    ["winsw", "SVC4419"],
  ] as const)("%s refuses each argument cmd.exe would read as syntax, at its position", async (target, code) => {
    for (const exe of ["C:\\apps\\run.bat", "C:\\apps\\run.CMD", "C:\\apps\\run.bat. "]) {
      const r = await compileYaml(spec(JSON.stringify(exe)), target, { emit: false });
      const batch = r.errors.filter((e) => e.code === code);
      expect(batch.map((e) => [e.line, e.col, e.message.split(" contains ")[0]])).toEqual([
        [4, 8, "args[0]"],
        [4, 24, "args[2]"],
        [4, 31, "args[3]"],
      ]);
      expect(batch[0]!.message).toContain("through cmd.exe");
    }
  });

  it.each(["nssm", "sc", "schtasks", "runkey", "winsw"] as const)("%s passes the same arguments to a real program", async (target) => {
    const r = await compileYaml(spec("C:\\apps\\run.exe"), target, { emit: false });
    expect(r.errors.filter((e) => e.code === "SVC4005" || e.code === "SVC4419")).toEqual([]);
  });

  it("hooks are judged too (nssm 2.24-101, Task Scheduler)", async () => {
    const hook = 'hooks: { preStart: { executable: C:\\apps\\pre.cmd, args: ["1>2"] } }\n';
    for (const [target, options] of [["nssm", 'options: { nssm: { version: "2.24-101" } }\n'], ["schtasks", "options: { schtasks: { ignore: [hooks.preStart, restart.policy] } }\n"]] as const) {
      const r = await compileYaml(`version: 1\nname: svc\nexecutable: C:\\apps\\run.exe\n${hook}${options}`, target, { emit: false });
      expect(r.errors.map((e) => [e.code, e.message.split(" contains ")[0]])).toEqual([["SVC4005", "hooks.preStart.args[0]"]]);
    }
  });
});
