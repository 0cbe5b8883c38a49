import { mkdirSync, readdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { GENERATED_MARKER, IMPORTED_MARKER } from "../render/header.js";
import { decodeForDisplay, describeEncoding } from "../spec/source-text.js";
import { decodeOutput } from "./decode-output.js";
import type { OutputFile } from "../targets/types.js";

export { decodeOutput };

export type FileState = "missing" | "stale" | "current" | "foreign";

export interface PlannedFile {
  path: string;
  file: OutputFile;
  state: FileState;
  /** The bytes on disk, for stale files (for --check's diff). */
  existing?: Uint8Array;
}

/**
 * Looks for the marker at the start of a file (the header is in the first lines), in whatever encoding
 * the file is now: an output an editor re-saved as UTF-16 is still svcgen's (stale), not a stranger's.
 */
export function isGeneratedBySvcgen(bytes: Uint8Array): boolean {
  return decodeOutput(bytes.subarray(0, 4096)).includes(GENERATED_MARKER);
}

/** A spec `svcgen import` wrote, still with its header line (the user deletes it to keep the spec from import). */
export function isImportedBySvcgen(bytes: Uint8Array): boolean {
  return decodeOutput(bytes.subarray(0, 4096)).split("\n", 8).some((l) => l.startsWith(`# ${IMPORTED_MARKER} from `));
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * What each output file is on disk now. One directory listing instead of one failed open per file (in a
 * fresh --out nothing exists yet), and synchronous reads: output files are small, and a round trip
 * through libuv's thread pool per file costs more than the read. `ours` says whether svcgen may replace an
 * existing file (build: its generated header; import: its import header).
 */
export function planFiles(outDir: string, files: readonly OutputFile[], ours: (bytes: Uint8Array) => boolean = isGeneratedBySvcgen): PlannedFile[] {
  let existing: Set<string>;
  try {
    existing = new Set(readdirSync(outDir));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    existing = new Set();
  }
  return files.map((file) => {
    const path = join(outDir, file.name);
    if (!existing.has(file.name)) return { path, file, state: "missing" as const };
    const bytes = readFileSync(path);
    if (sameBytes(bytes, file.bytes)) return { path, file, state: "current" as const };
    if (!ours(bytes)) return { path, file, state: "foreign" as const };
    return { path, file, state: "stale" as const, existing: bytes };
  });
}

let tmpCounter = 0;

/**
 * Writes one file atomically: a temporary file in the same directory, renamed over the target, so a
 * reader (or an interrupted build) never sees half a file. No fsync: outputs are regenerated from the
 * spec at will, and a sync per file made a 1,400-file build wait on the disk for seconds. Synchronous
 * calls: for small files they cost less than a round trip through libuv's thread pool.
 */
export function writeAtomic(path: string, bytes: Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${++tmpCounter}.svcgen-tmp`);
  writeFileSync(tmp, bytes, { flag: "wx", mode: 0o644 });
  try {
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // the temporary file is gone already
    }
    throw e;
  }
}

export function writeAll(files: readonly { path: string; bytes: Uint8Array }[]): void {
  for (const d of new Set(files.map((f) => dirname(f.path)))) mkdirSync(d, { recursive: true });
  for (const f of files) writeAtomic(f.path, f.bytes);
}

/** A short diff for `--check`: the first differing region, a few lines of each side. */
export function shortDiff(before: string, after: string, maxLines = 8): string {
  const a = before.split(/\r?\n/);
  const b = after.split(/\r?\n/);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  const removed = a.slice(start, endA + 1);
  const added = b.slice(start, endB + 1);
  const clip = (lines: string[], sign: string) =>
    lines.slice(0, maxLines).map((l) => `${sign} ${l}`).concat(lines.length > maxLines ? [`${sign} ... (${lines.length - maxLines} more)`] : []);
  return [`@@ line ${start + 1} @@`, ...clip(removed, "-"), ...clip(added, "+")].join("\n");
}

/**
 * What `--check` says about a stale file. The verdict is byte for byte (a service manager reads bytes:
 * cmd.exe cannot run a UTF-16 script, schtasks refuses task XML whose encoding differs from its
 * declaration); the report decodes each side by its own encoding, so that a file that differs only in
 * encoding, byte order mark or line endings says so instead of showing a diff with no visible change.
 */
export function describeDifference(existing: Uint8Array, generated: Uint8Array): string {
  const before = decodeForDisplay(existing);
  const after = decodeForDisplay(generated);
  const notes: string[] = [];
  if (before.encoding !== after.encoding || before.bom !== after.bom) {
    notes.push(`encoding: the file is ${describeEncoding(before.encoding, before.bom)}${before.valid ? "" : " (not valid there)"}, svcgen writes ${describeEncoding(after.encoding, after.bom)}`);
  }
  const eolBefore = lineEndings(before.text);
  const eolAfter = lineEndings(after.text);
  if (eolBefore !== eolAfter && eolBefore !== "none") {
    notes.push(
      `line endings: the file has ${eolBefore}, svcgen writes ${eolAfter} (git's core.autocrlf or a .gitattributes text/eol rule converts them on checkout; mark svcgen's outputs "-text" in .gitattributes)`,
    );
  }
  const sameText = before.text.replace(/\r\n/g, "\n") === after.text.replace(/\r\n/g, "\n");
  return [...notes, ...(sameText && notes.length > 0 ? ["the text is otherwise the same"] : [shortDiff(before.text, after.text)])].join("\n");
}

function lineEndings(text: string): "CRLF" | "LF" | "mixed line endings" | "none" {
  const lf = (text.match(/\n/g) ?? []).length;
  if (lf === 0) return "none";
  const crlf = (text.match(/\r\n/g) ?? []).length;
  return crlf === lf ? "CRLF" : crlf === 0 ? "LF" : "mixed line endings";
}
