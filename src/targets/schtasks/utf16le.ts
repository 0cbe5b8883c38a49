// Task Scheduler XML bytes: UTF-16 little endian with a byte order mark, as Windows itself writes task
// files. schtasks /create /xml rejects a UTF-8 file whose declaration says UTF-16 ("cannot switch the
// encoding"), and Register-ScheduledTask rejects a UTF-8 declaration, so file and declaration must agree.

/** `s` as UTF-16LE bytes after the BOM FF FE. Every JS string is UTF-16, so this cannot lose a character. */
export function utf16leWithBom(s: string): Uint8Array {
  const bytes = Buffer.allocUnsafeSlow(2 + s.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  bytes.write(s, 2, "utf16le");
  return new Uint8Array(bytes.buffer, 0, bytes.length);
}
