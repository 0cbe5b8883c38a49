import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runImport } from "../../src/cli/import.js";
import { redirectOutput } from "../../src/cli/output.js";
import { asUtf16 } from "../../src/targets/schtasks/installed.js";
import type { RunProgram } from "../../src/targets/types.js";

// `svcgen import --installed NAME` for a scheduled task, through recorded `schtasks /query /xml /tn NAME` outputs:
// as a console prints it into a pipe (the console's code page, declaration still UTF-16) and as UTF-16LE.

const TASK = [
  '<?xml version="1.0" encoding="UTF-16"?>',
  '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
  "  <RegistrationInfo>",
  "    <URI>\\Company\\metrics</URI>",
  "  </RegistrationInfo>",
  "  <Triggers>",
  "    <BootTrigger>",
  "      <Enabled>true</Enabled>",
  "    </BootTrigger>",
  "  </Triggers>",
  "  <Principals>",
  '    <Principal id="Author">',
  "      <UserId>S-1-5-18</UserId>",
  "      <RunLevel>HighestAvailable</RunLevel>",
  "    </Principal>",
  "  </Principals>",
  "  <Settings>",
  "    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>",
  "    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>",
  "    <StartWhenAvailable>true</StartWhenAvailable>",
  "    <IdleSettings>",
  "      <StopOnIdleEnd>false</StopOnIdleEnd>",
  "    </IdleSettings>",
  "    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>",
  "    <Priority>4</Priority>",
  "  </Settings>",
  '  <Actions Context="Author">',
  "    <Exec>",
  "      <Command>C:\\metrics\\metrics.exe</Command>",
  "    </Exec>",
  "  </Actions>",
  "</Task>",
  "",
].join("\r\n");

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "svcgen-import-task-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = async (stdout: Uint8Array, status = 0, stderr = "") => {
  const calls: string[][] = [];
  const run: RunProgram = async (cmd, args) => {
    calls.push([cmd, ...args]);
    return { status, stdout, stderr };
  };
  let out = "";
  let err = "";
  const restore = redirectOutput({ stdout: (s) => (out += s), stderr: (s) => (err += s) });
  try {
    const code = await runImport([], { out: dir, strict: false, format: "text", platform: "win32", from: "schtasks", installed: "\\Company\\metrics", run });
    return { code, out, err, calls };
  } finally {
    restore();
  }
};

describe("svcgen import --installed NAME --from schtasks", () => {
  for (const [what, bytes] of [
    ["piped in the console's code page", new TextEncoder().encode(TASK)],
    ["UTF-16LE with a BOM", Uint8Array.from([0xff, 0xfe, ...Buffer.from(TASK, "utf16le")])],
  ] as const) {
    it(`runs schtasks /query /xml /tn and reads its output (${what})`, async () => {
      const r = await cli(bytes);
      expect(r.code, r.err).toBe(0);
      expect(r.calls).toEqual([["schtasks", "/query", "/xml", "/tn", "\\Company\\metrics"]]);
      const spec = readFileSync(join(dir, "metrics.yaml"), "utf8");
      expect(spec).toContain("# Imported by svcgen from the installed service (schtasks /query /xml /tn \\Company\\metrics): ");
      expect(spec).toContain("executable: C:\\metrics\\metrics.exe\n");
      // The folder is reported, and the declaration agrees with the bytes once they are UTF-16.
      expect(r.err).toContain("SVC6509");
      expect(r.err).not.toContain("SVC6511");
    });
  }
  it("refuses output outside ASCII in a code page it cannot know, saying how to export the task", async () => {
    const r = await cli(Uint8Array.from([...new TextEncoder().encode(TASK.slice(0, 50)), 0x81, 0x94]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/outside ASCII.*Export-ScheduledTask/);
  });
  it("reports schtasks' own message when the task is not there", async () => {
    const r = await cli(new Uint8Array(), 1, "ERROR: The system cannot find the file specified.\r\n");
    expect([r.code, r.err]).toEqual([2, "svcgen: schtasks /query /xml /tn \\Company\\metrics failed: ERROR: The system cannot find the file specified.\n"]);
  });
  it("keeps UTF-16 output as it is", () => {
    const b = Uint8Array.from([0xff, 0xfe, 0x3c, 0]);
    expect(asUtf16(b, "x")).toBe(b);
    expect([...asUtf16(Uint8Array.from([0x3c, 0]), "x")]).toEqual([0xff, 0xfe, 0x3c, 0]);
  });
});
