import type { InstalledSource } from "../types.js";

// `svcgen import --installed NAME` on Windows, for a scheduled task: the task's XML as `schtasks /query /xml
// /tn NAME` prints it, which is how an administrator looks at a task from a console. schtasks writes the XML as
// UTF-16 text through the C runtime: to a console as characters, but into a pipe in the console's code page
// (its OEM code page, 437 or 850 and so on), while the declaration still says encoding="UTF-16". In the ASCII
// range every OEM code page is ASCII, so such output is turned into the UTF-16LE with a BOM that the declaration
// names; anything else cannot be decoded without guessing the code page, and the message says how to export
// the task instead. Not run on a real Windows here: tests give recorded outputs.

export const installed: InstalledSource = {
  platform: "win32",
  describe: (name) => `schtasks /query /xml /tn ${name}`,
  async fetch(name, run) {
    const r = await run("schtasks", ["/query", "/xml", "/tn", name]);
    if (r.status !== 0) throw new Error(`schtasks /query /xml /tn ${name} failed${r.stderr.trim() ? `: ${r.stderr.trim()}` : ""}`);
    const file = `${name.slice(name.lastIndexOf("\\") + 1) || name}.xml`;
    return [{ name: file, bytes: asUtf16(r.stdout, name) }];
  },
};

/** schtasks' output as the UTF-16LE (with a BOM) its declaration names. */
export function asUtf16(out: Uint8Array, name: string): Uint8Array {
  if (out[0] === 0xff && out[1] === 0xfe) return out;
  if (out.length >= 2 && out[0] !== 0 && out[1] === 0) return Uint8Array.from([0xff, 0xfe, ...out]);
  if (out.every((b) => b < 0x80)) {
    // ASCII as UTF-16LE: each byte, then a zero byte.
    const bytes = new Uint8Array(2 + out.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    out.forEach((b, i) => (bytes[2 + 2 * i] = b));
    return bytes;
  }
  throw new Error(
    `schtasks printed the task ${name} in the console's code page with characters outside ASCII, which svcgen cannot decode without guessing the code page; ` +
      `export it instead (PowerShell: Export-ScheduledTask -TaskName "${name}" | Out-File -Encoding Unicode task.xml) and import that file`,
  );
}
