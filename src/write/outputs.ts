import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { GENERATED_MARKER } from "../render/header.js";
import type { OutputFile } from "../targets/types.js";

export type FileState = "missing" | "stale" | "current" | "foreign";

export interface PlannedFile {
  path: string;
  file: OutputFile;
  state: FileState;
  /** The bytes on disk, for stale files (for --check's diff). */
  existing?: Uint8Array;
}

/** Decodes the start of a file as svcgen writes them (UTF-8, or UTF-16LE with BOM) to look for the marker. */
export function isGeneratedBySvcgen(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 4096);
  const text =
    head[0] === 0xff && head[1] === 0xfe ? new TextDecoder("utf-16le").decode(head.subarray(2)) : new TextDecoder().decode(head);
  return text.includes(GENERATED_MARKER);
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

export async function planFiles(outDir: string, files: readonly OutputFile[]): Promise<PlannedFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const path = join(outDir, file.name);
      let existing: Uint8Array;
      try {
        existing = await readFile(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT") return { path, file, state: "missing" as const };
        throw e;
      }
      if (sameBytes(existing, file.bytes)) return { path, file, state: "current" as const };
      if (!isGeneratedBySvcgen(existing)) return { path, file, state: "foreign" as const };
      return { path, file, state: "stale" as const, existing };
    }),
  );
}

/**
 * Writes one file atomically: a temporary file in the same directory, flushed, then renamed over the
 * target, so a reader (or a crash) never sees half a file.
 */
export async function writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${randomBytes(6).toString("hex")}.svcgen-tmp`);
  const fh = await open(tmp, "wx", 0o644);
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
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

export function decodeForDiff(bytes: Uint8Array): string {
  return bytes[0] === 0xff && bytes[1] === 0xfe ? new TextDecoder("utf-16le").decode(bytes.subarray(2)) : new TextDecoder().decode(bytes);
}
