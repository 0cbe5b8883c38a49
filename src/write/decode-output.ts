// Apart from the file system (outputs.ts), so that the playground shows output files with the same
// decoder as `build --check` diffs them.

/** A file's text as svcgen writes them: UTF-16LE after a BOM (task XML), else UTF-8. */
export function decodeOutput(bytes: Uint8Array): string {
  return bytes[0] === 0xff && bytes[1] === 0xfe ? new TextDecoder("utf-16le").decode(bytes.subarray(2)) : new TextDecoder().decode(bytes);
}
