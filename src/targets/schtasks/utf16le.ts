// Task Scheduler XML bytes: UTF-16 little endian with a byte order mark, as Windows itself writes task
// files. schtasks /create /xml rejects a UTF-8 file whose declaration says UTF-16 ("cannot switch the
// encoding"), and Register-ScheduledTask rejects a UTF-8 declaration, so file and declaration must agree.

/**
 * `s` as UTF-16LE bytes after the BOM FF FE. Every JS string is UTF-16, so this cannot lose a character
 * (each code unit is written as it is, as Node's "utf16le" encoding does). Without Node's Buffer:
 * compile() also runs in a browser (the playground).
 */
export function utf16leWithBom(s: string): Uint8Array {
  const bytes = new Uint8Array(2 + s.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0, j = 2; i < s.length; i++, j += 2) {
    const c = s.charCodeAt(i);
    bytes[j] = c & 0xff;
    bytes[j + 1] = c >>> 8;
  }
  return bytes;
}
