import { decodeForDisplay } from "../spec/source-text.js";

// Apart from the file system (outputs.ts), so that the playground shows output files with the same
// decoder as `build --check` diffs them.

/**
 * A file's text as svcgen writes them (UTF-16LE after a BOM for task XML, else UTF-8), or as it is now:
 * any encoding decodeSource reads, with a replacement character for what is not valid.
 */
export function decodeOutput(bytes: Uint8Array): string {
  return decodeForDisplay(bytes).text;
}
