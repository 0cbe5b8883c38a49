import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { useScratchDir } from "../helpers/scratch.js";

// Spec files as Windows editors and shells save them, through the CLI: every encoding YAML 1.2 requires
// is read with its diagnostics on the right lines; bytes that are not text in any of them are refused at
// their position, and nothing is written.

const tmp = useScratchDir("svcgen-enc-");

const utf8 = (s: string) => Buffer.from(s, "utf8");
const utf16 = (s: string, le: boolean) => {
  const b = Buffer.from("\ufeff" + s, "utf16le");
  return le ? b : b.swap16();
};
const utf32 = (s: string, le: boolean) => {
  const cps = Array.from("\ufeff" + s, (c) => c.codePointAt(0)!);
  const b = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (le ? b.writeUInt32LE(cp, i * 4) : b.writeUInt32BE(cp, i * 4)));
  return b;
};
const put = tmp.file;

// What PowerShell 5.1's `>` and Out-File write: UTF-16LE with a BOM, CRLF line ends.
const SPEC = ["version: 1", "name: orders", "displayName: 订单服务", "executable: /opt/orders/orders", "stop: { timeout: 30s }", ""].join("\r\n");
// "displayName: 订单服务" in GBK (code page 936), as Notepad on a Chinese Windows saved it before 2019.
const GBK_NAME = [0xb6, 0xa9, 0xb5, 0xa5, 0xb7, 0xfe, 0xce, 0xf1];

describe("spec files in every encoding YAML 1.2 requires", () => {
  it.each([
    ["UTF-8", utf8(SPEC)],
    ["UTF-8 with a BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(SPEC)])],
    ["UTF-16LE with a BOM (PowerShell 5.1)", utf16(SPEC, true)],
    ["UTF-16BE with a BOM", utf16(SPEC, false)],
    ["UTF-32LE with a BOM", utf32(SPEC, true)],
    ["UTF-32BE with a BOM", utf32(SPEC, false)],
    ["UTF-16LE without a BOM", Buffer.from(SPEC, "utf16le")],
  ])("%s: built with the user's characters", async (_name, bytes) => {
    const s = put("spec/service.yaml", bytes);
    const r = await runCli(["build", s, "-t", "systemd", "-o", join(tmp.dir, "out")]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const unit = readFileSync(join(tmp.dir, "out", "orders.service"), "utf8");
    expect(unit).toContain("Description=订单服务\n");
    expect(unit).toContain("TimeoutStopSec=30s\n");
  });

  it("UTF-16LE from PowerShell with an error on line 5: reported at line 5, at the value's column, nothing written", async () => {
    const bad = SPEC.replace("timeout: 30s", "timeout: 30 seconds");
    for (const [name, bytes] of [
      ["le.yaml", utf16(bad, true)],
      ["be.yaml", utf16(bad, false)],
      ["le32.yaml", utf32(bad, true)],
      ["be32.yaml", utf32(bad, false)],
    ] as const) {
      const s = put(name, bytes);
      const r = await runCli(["build", s, "-t", "systemd", "-o", join(tmp.dir, "out"), "--format", "json"]);
      expect(r.code, name).toBe(1);
      expect(JSON.parse(r.stdout), name).toEqual([expect.objectContaining({ file: s, line: 5, col: 18, code: "SVC1203", message: 'stop.timeout "30 seconds" is not a duration (try "30s")' })]);
    }
    expect(existsSync(join(tmp.dir, "out"))).toBe(false);
  });

  it("a GBK spec is refused at the first byte that is not UTF-8, with its value, and nothing is written", async () => {
    const s = put("gbk.yaml", Buffer.concat([utf8("version: 1\nname: orders\ndisplayName: "), Buffer.from(GBK_NAME), utf8("\nexecutable: /opt/orders/orders\n")]));
    const r = await runCli(["build", s, "-t", "systemd", "-o", join(tmp.dir, "out")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${s}:3:14: error SVC1009: the file is not UTF-8: byte 0xB6 (at byte offset 37) cannot start a UTF-8 character`);
    expect(r.stderr).toContain("hint: save the file as UTF-8");
    expect(r.stderr).not.toContain("\ufffd");
    expect(existsSync(join(tmp.dir, "out"))).toBe(false);
    // validate says the same, and no other diagnostic about a spec it could not read.
    const v = await runCli(["validate", s, "--format", "json"]);
    expect(JSON.parse(v.stdout).map((d: { code: string; line: number; col: number }) => `${d.code}@${d.line}:${d.col}`)).toEqual(["SVC1009@3:14"]);
  });

  it("a Windows-1252 spec: the column counts the characters before the bad byte", async () => {
    const s = put("cp1252.yaml", Buffer.concat([utf8("version: 1\nname: cafe\ndescription: Caf"), Buffer.from([0xe9]), utf8(" ü\nexecutable: /opt/cafe/cafe\n")]));
    const r = await runCli(["validate", s, "-t", "systemd"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${s}:3:17: error SVC1009: the file is not UTF-8: byte 0xE9 (at byte offset 38) starts a UTF-8 character that the byte after it, 0x20, cannot continue`);
  });

  it.each([
    ["a PNG image", "logo.png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52], "1:1"],
    ["a Windows executable or DLL", "orders.exe", [0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff], "1:1"],
    ["a ZIP archive (or a ZIP-based file: .docx, .xlsx, .jar, .nupkg)", "spec.docx", [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00], "1:1"],
  ])("%s is not a text file: SVC1010, nothing written", async (kind, name, bytes, at) => {
    const s = put(name, Buffer.from(bytes));
    const r = await runCli(["build", s, "-t", "systemd", "-o", join(tmp.dir, "out")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${s}:${at}: error SVC1010: the file is ${kind}, not a text file`);
    expect(r.stderr.match(/error/g)).toHaveLength(2); // the diagnostic and the summary line
    expect(existsSync(join(tmp.dir, "out"))).toBe(false);
  });

  it("a file with a NUL byte is not a text file either, located at the NUL", async () => {
    const s = put("nul.yaml", utf8("version: 1\nname: x\0y\n"));
    const r = await runCli(["validate", s]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${s}:2:8: error SVC1010: the file contains a NUL byte (at byte offset 18): it is not a text file`);
  });
});

describe("build --check and files svcgen wrote, re-encoded", () => {
  const GOOD = "version: 1\nname: web\nexecutable: /opt/web/web\n";
  it("a unit whose line endings git converted is stale, and --check says that is the whole difference", async () => {
    const s = put("web.yaml", utf8(GOOD));
    const out = join(tmp.dir, "out");
    expect((await runCli(["build", s, "-t", "systemd", "-o", out])).code).toBe(0);
    const unit = join(out, "web.service");
    writeFileSync(unit, readFileSync(unit, "utf8").replace(/\n/g, "\r\n"));
    const r = await runCli(["build", s, "-t", "systemd", "-o", out, "--check"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`stale: ${unit}\nline endings: the file has CRLF, svcgen writes LF`);
    expect(r.stdout).toContain("the text is otherwise the same");
  });

  it("task XML re-saved as UTF-8 is still svcgen's: --check names the encodings, build rewrites it", async () => {
    // Task Scheduler restarts nothing: the spec says so, as it must for schtasks.
    const s = put("web.yaml", utf8(GOOD.replace("/opt/web/web", "C:\\web\\web.exe") + "restart: { policy: never }\n"));
    const out = join(tmp.dir, "out");
    expect((await runCli(["build", s, "-t", "schtasks", "-o", out])).code).toBe(0);
    const xml = join(out, "web.task.xml");
    const original = readFileSync(xml);
    writeFileSync(xml, new TextDecoder("utf-16le").decode(original.subarray(2)), "utf8");
    const r = await runCli(["build", s, "-t", "schtasks", "-o", out, "--check"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`stale: ${xml}\nencoding: the file is UTF-8, svcgen writes UTF-16LE with a byte order mark\nthe text is otherwise the same`);
    const again = await runCli(["build", s, "-t", "schtasks", "-o", out]);
    expect(again.code).toBe(0);
    expect(readFileSync(xml)).toEqual(original);
    expect(readdirSync(out)).toEqual(["web.task.xml"]);
  });
});
