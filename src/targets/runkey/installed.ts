import type { InstalledSource } from "../types.js";
import { approvedKey, runKey } from "./plan.js";

// `svcgen import --installed NAME` on Windows, for a Run entry: where the value NAME is (HKCU's Run key, then
// HKLM's, each in the 64-bit view as the scripts write them), `reg.exe query KEY /v NAME /reg:64` tells; then
// `reg.exe export` of that Run key and of Task Manager's record key (Explorer\StartupApproved\Run, which says
// whether the entry is disabled) into the scratch folder the CLI gives, joined into one export. Its other
// entries are read too (each Run key export holds them all); import keeps NAME's. Thin on purpose: the reader is
// what the tests exercise, and test/conformance/runkey.test.ts runs this part with Wine's reg.exe.

const HEADER = "Windows Registry Editor Version 5.00";
const UTF16 = new TextDecoder("utf-16le");

/** reg export's UTF-16LE text with its BOM and header removed: its keys and values. */
function body(bytes: Uint8Array): string {
  const text = UTF16.decode(bytes).replace(/^\uFEFF/, "");
  return text.startsWith(HEADER) ? text.slice(HEADER.length).replace(/^\r?\n/, "") : text;
}

/** UTF-16LE with a BOM, as reg export writes. */
function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = c & 0xff;
    out[3 + 2 * i] = c >> 8;
  }
  return out;
}

export const installed: InstalledSource = {
  platform: "win32",
  describe: (name) => `reg.exe export of the Run key that holds ${name} (HKCU or HKLM) and of its StartupApproved\\Run`,
  async fetch(name, run, scratch) {
    // reg.exe takes a value name as one argument; a Run entry's name holds no backslash only by convention, so anything goes but "".
    if (name === "") throw new Error("a Run entry's name cannot be empty");
    if (!scratch) throw new Error("internal: reg.exe export needs a scratch folder to write its file to");
    let found: { scope: "user" | "machine"; run: string } | undefined;
    for (const scope of ["user", "machine"] as const) {
      const q = await run("reg.exe", ["query", runKey(scope), "/v", name, "/reg:64"]);
      if (q.status === 0) {
        found = { scope, run: runKey(scope) };
        break;
      }
    }
    if (!found) throw new Error(`reg.exe query found no Run entry ${name} in ${runKey("user")} or ${runKey("machine")}`);
    const parts: string[] = [];
    for (const [i, key] of [found.run, approvedKey(found.scope)].entries()) {
      const file = `run${i}.reg`;
      const r = await run("reg.exe", ["export", key, scratch.path(file), "/y", "/reg:64"]);
      const bytes = scratch.read(file);
      // Task Manager's key exists only once an entry was enabled or disabled there: its absence says nothing.
      if (r.status !== 0 || !bytes) {
        if (i === 0) {
          const said = new TextDecoder().decode(r.stdout).trim() || r.stderr.trim();
          throw new Error(`reg.exe export ${key} failed${said ? `: ${said}` : ` (exit code ${r.status})`}`);
        }
        continue;
      }
      parts.push(body(bytes).replace(/(\r?\n)*$/, "\r\n"));
    }
    return [{ name: found.run, bytes: utf16le([HEADER, "", ...parts].join("\r\n")) }];
  },
};
