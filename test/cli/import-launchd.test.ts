import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runImport, type ImportCliOptions } from "../../src/cli/import.js";
import { redirectOutput } from "../../src/cli/output.js";
import { printedPath } from "../../src/targets/launchd/installed.js";
import type { RunProgram } from "../../src/targets/types.js";
import { runCli } from "../helpers/cli.js";

// svcgen import of launchd plists through the CLI: detection, the domain from the path, a binary plist, and
// --installed through recorded launchctl and plutil output.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "svcgen-import-ld-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const PLIST = (label: string, extra = "") =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>Label</key>\n\t<string>${label}</string>\n\t<key>ProgramArguments</key>\n\t<array>\n\t\t<string>/usr/local/bin/ledgerd</string>\n\t</array>\n\t<key>RunAtLoad</key>\n\t<true/>\n${extra}</dict>\n</plist>\n`;

describe("svcgen import of a launchd plist", () => {
  it("tells a plist by its content, and a daemon or an agent by the folder it is in", async () => {
    const agents = join(dir, "Library", "LaunchAgents");
    mkdirSync(agents, { recursive: true });
    writeFileSync(join(agents, "com.example.agent.plist"), PLIST("com.example.agent"));
    writeFileSync(join(dir, "com.example.daemon.plist"), PLIST("com.example.daemon"));
    const out = join(dir, "specs");
    const a = await runCli(["import", join(agents, "com.example.agent.plist"), "--out", out]);
    expect(a.code, a.stderr).toBe(0);
    expect(readFileSync(join(out, "com.example.agent.yaml"), "utf8")).toContain("targets: [launchd]\noptions:\n  launchd:\n    domain: user\n");
    const d = await runCli(["import", join(dir, "com.example.daemon.plist"), "--out", out]);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stderr).toContain("SVC6807");
    expect(readFileSync(join(out, "com.example.daemon.yaml"), "utf8")).not.toContain("domain:");
  });

  it("a binary plist: SVC1009 says how to convert it", async () => {
    const f = join(dir, "job.plist");
    writeFileSync(f, Buffer.concat([Buffer.from("bplist00"), Buffer.from([0xd1, 0x01, 0x02, 0x55, 0xff, 0xfe])]));
    const r = await runCli(["import", f, "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error SVC1009");
    expect(r.stderr).toContain(`hint: a binary property list: convert it to XML first (plutil -convert xml1 -o ${join(dir, "job")}.xml.plist ${f})`);
  });
});

describe("svcgen import --installed LABEL on macOS", () => {
  // What `launchctl print system/<label>` prints on macOS 13 (abridged): the job's plist is its path line.
  const printed = (label: string, domain: string, path: string) =>
    [`${domain}/${label} = {`, "\tactive count = 1", `\tpath = ${path}`, "\ttype = LaunchDaemon", "\tstate = running", "", "\tprogram = /usr/local/bin/ledgerd", "}", ""].join("\n");
  const run =
    (calls: string[][], found: "system" | "gui" | "none"): RunProgram =>
    async (cmd, args) => {
      calls.push([cmd, ...args]);
      const ok = (s: string) => ({ status: 0, stdout: new TextEncoder().encode(s), stderr: "" });
      const no = { status: 113, stdout: new Uint8Array(), stderr: "Could not find service \"x\" in domain for port" };
      if (cmd === "launchctl" && args[1] === "system/com.example.ledger") return found === "system" ? ok(printed("com.example.ledger", "system", "/Library/LaunchDaemons/com.example.ledger.plist")) : no;
      if (cmd === "launchctl" && args[1] === "gui/501/com.example.ledger") return found === "gui" ? ok(printed("com.example.ledger", "gui/501", "/Users/me/Library/LaunchAgents/com.example.ledger.plist")) : no;
      if (cmd === "id") return ok("501\n");
      if (cmd === "plutil") return ok(PLIST("com.example.ledger"));
      return no;
    };
  const cli = async (o: Partial<ImportCliOptions> & { installed: string }) => {
    let stdout = "";
    let stderr = "";
    const restore = redirectOutput({ stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    try {
      const code = await runImport([], { out: dir, strict: false, format: "text", platform: "darwin", ...o });
      return { code, stdout, stderr };
    } finally {
      restore();
    }
  };

  it("finds a daemon's plist with launchctl print, prints it as XML with plutil, and reads it at its own path", async () => {
    const calls: string[][] = [];
    const r = await cli({ installed: "com.example.ledger", run: run(calls, "system") });
    expect(r.code, r.stderr).toBe(0);
    expect(calls).toEqual([
      ["launchctl", "print", "system/com.example.ledger"],
      ["plutil", "-convert", "xml1", "-o", "-", "/Library/LaunchDaemons/com.example.ledger.plist"],
    ]);
    expect(readdirSync(dir)).toEqual(["com.example.ledger.yaml"]);
    expect(readFileSync(join(dir, "com.example.ledger.yaml"), "utf8")).not.toContain("domain:");
  });

  it("looks in the user's domain next, which makes it an agent; says so when the job is nowhere", async () => {
    const calls: string[][] = [];
    const r = await cli({ installed: "com.example.ledger", run: run(calls, "gui") });
    expect(r.code, r.stderr).toBe(0);
    expect(calls.map((c) => c.slice(0, 3).join(" "))).toEqual(["launchctl print system/com.example.ledger", "id -u", "launchctl print gui/501/com.example.ledger", "plutil -convert xml1"]);
    expect(readFileSync(join(dir, "com.example.ledger.yaml"), "utf8")).toContain("    domain: user\n");
    const none = await cli({ installed: "com.example.ledger", run: run([], "none") });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("launchctl print found no job com.example.ledger in the system domain or the user's");
    expect((await cli({ installed: "../x", run: run([], "none") })).stderr).toContain("is not a launchd label");
  });

  it("takes the plist's path from launchctl print's path line", () => {
    expect(printedPath(printed("a.b", "system", "/Library/LaunchDaemons/a b.plist"))).toBe("/Library/LaunchDaemons/a b.plist");
    expect(printedPath("system/a = {\n\tstate = running\n}\n")).toBeUndefined();
  });
});
