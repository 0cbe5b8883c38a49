import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceLoc } from "../model.js";

// Every file svcgen reads as text (specs, and the files `import` and `diff` read) goes through here, so
// that bytes are never replaced silently: a file that is not valid in its encoding is refused at the
// first bad byte, not read with U+FFFD in place of the user's characters.
//
// Encodings are those YAML 1.2 requires a processor to accept (§5.2): UTF-8, UTF-16 and UTF-32, either
// with a byte order mark or, without one, told apart by where the NUL bytes of the first (ASCII)
// character fall. Windows writes UTF-16LE with a BOM (PowerShell 5.1's `>` and Out-File, `reg export`,
// Task Scheduler's exports), so those are common, not exotic.

export type SourceEncoding = "utf-8" | "utf-16le" | "utf-16be" | "utf-32le" | "utf-32be";

export interface DecodedSource {
  /** The text without its byte order mark; undefined when the bytes are not valid in their encoding. */
  text?: string;
  encoding: SourceEncoding;
  bom: boolean;
  diagnostics: Diagnostic[];
}

/** The encoding by BOM, else by YAML 1.2's NUL pattern of the first character, else UTF-8. */
export function detectEncoding(b: Uint8Array): { encoding: SourceEncoding; bom: number } {
  const [b0, b1, b2, b3] = [b[0], b[1], b[2], b[3]];
  if (b.length >= 4 && b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { encoding: "utf-32be", bom: 4 };
  if (b.length >= 4 && b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { encoding: "utf-32le", bom: 4 };
  if (b.length >= 3 && b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: "utf-8", bom: 3 };
  if (b.length >= 2 && b0 === 0xfe && b1 === 0xff) return { encoding: "utf-16be", bom: 2 };
  if (b.length >= 2 && b0 === 0xff && b1 === 0xfe) return { encoding: "utf-16le", bom: 2 };
  if (b.length >= 4 && b0 === 0 && b1 === 0 && b2 === 0 && b3 !== 0) return { encoding: "utf-32be", bom: 0 };
  if (b.length >= 4 && b0 !== 0 && b1 === 0 && b2 === 0 && b3 === 0) return { encoding: "utf-32le", bom: 0 };
  if (b.length >= 2 && b0 === 0 && b1 !== 0) return { encoding: "utf-16be", bom: 0 };
  if (b.length >= 2 && b0 !== 0 && b1 === 0) return { encoding: "utf-16le", bom: 0 };
  return { encoding: "utf-8", bom: 0 };
}

const UNIT: Record<SourceEncoding, number> = { "utf-8": 1, "utf-16le": 2, "utf-16be": 2, "utf-32le": 4, "utf-32be": 4 };

/** Decodes a file's bytes, or refuses them with a diagnostic at the first byte that is not valid. */
export function decodeSource(bytes: Uint8Array, file: string): DecodedSource {
  const { encoding, bom } = detectEncoding(bytes);
  const body = bytes.subarray(bom);
  const decoded = decodeStrict(body, encoding);
  const out: DecodedSource = { encoding, bom: bom > 0, diagnostics: [] };
  // No character of a YAML stream is NUL (YAML 1.2 §5.1): one is the mark of a binary file (and the
  // reason git calls a file binary). Searching the decoded text costs nothing next to decoding it.
  if (typeof decoded === "string" && !decoded.includes("\0")) {
    out.text = decoded;
    return out;
  }
  out.diagnostics.push(refusal(bytes, bom, encoding, decoded, file));
  return out;
}

function refusal(bytes: Uint8Array, bom: number, encoding: SourceEncoding, decoded: string | Bad, file: string): Diagnostic {
  const body = bytes.subarray(bom);
  const kind = binaryKind(bytes);
  if (kind) {
    return diag({ file, line: 1, col: 1 }, "error", "SVC1010", `the file is ${kind}, not a text file`, NOT_TEXT_HINT);
  }
  // A NUL in the text, or in bytes that are not UTF-8 either: binary data, not text in a legacy code
  // page (no code page svcgen's users save in encodes a character as 0x00).
  const nul = typeof decoded === "string" ? nulOffset(body, encoding, decoded) : encoding === "utf-8" ? body.indexOf(0) : -1;
  // UTF-16 without a byte order mark is told apart by an ASCII first character (YAML 1.2 §5.2); one
  // that starts with another character looks like UTF-8 with NULs. Say what it is.
  const utf16 = nul !== -1 && bom === 0 && encoding === "utf-8" && body.length % 2 === 0 ? utf16ByNuls(body) : undefined;
  if (utf16) {
    const t = decodeStrict(body, utf16);
    // eslint-disable-next-line no-control-regex
    if (typeof t === "string" && !/[\x00-\x08\x0e-\x1f]/.test(t)) {
      return diag(
        { file, line: 1, col: 1 },
        "error",
        "SVC1009",
        `the file looks like ${utf16.toUpperCase()} without a byte order mark, starting with ${JSON.stringify(Array.from(t)[0] ?? "")}: YAML tells UTF-16 from UTF-8 only by an ASCII first character`,
        "save the file as UTF-8 (or as UTF-16 with a byte order mark)",
      );
    }
  }
  if (nul !== -1) {
    return diag(positionOf(body, nul, encoding, file), "error", "SVC1010", `the file contains a NUL byte (at byte offset ${bom + nul}): it is not a text file`, NOT_TEXT_HINT);
  }
  const bad = decoded as Bad;
  const at = positionOf(body, bad.offset, encoding, file);
  const hex = (x: number) => "0x" + x.toString(16).toUpperCase().padStart(2, "0");
  const shown = Array.from(body.subarray(bad.offset, bad.offset + bad.length), hex).join(" ");
  const offset = `at byte offset ${bom + bad.offset}`;
  if (encoding === "utf-8") {
    const lead = body[bad.offset]!;
    const next = body[bad.offset + bad.length - 1];
    const why =
      bad.length === 1
        ? `byte ${hex(lead)} (${offset}) cannot start a UTF-8 character`
        : bad.offset + bad.length >= body.length && bad.why === "end"
          ? `the file ends in the middle of a UTF-8 character (bytes ${shown} ${offset})`
          : `byte ${hex(lead)} (${offset}) starts a UTF-8 character that the byte after it, ${hex(next!)}, cannot continue`;
    return diag(
      at,
      "error",
      "SVC1009",
      `the file is not UTF-8: ${why}`,
      "save the file as UTF-8 (in Notepad: Save As, Encoding UTF-8). It was saved in a legacy code page such as Windows-1252 or GBK, whose characters svcgen cannot know",
    );
  }
  const unit = UNIT[encoding] === 2 ? "code unit" : "bytes";
  return diag(
    at,
    "error",
    "SVC1009",
    `the file is not valid ${encoding.toUpperCase()}${bom ? " (it starts with that byte order mark)" : " (its first character's NUL bytes say so)"}: ${unit} ${shown} ${offset} ${bad.why}`,
    "save the file as UTF-8",
  );
}

/**
 * UTF-16 by where its NULs are: in a YAML text most characters are ASCII, so in UTF-16LE most bytes at
 * odd offsets are 0 and none at even ones (the reverse in UTF-16BE). Binary data has NULs at both.
 */
function utf16ByNuls(b: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const n = Math.min(b.length, 4096) & ~1;
  let odd = 0;
  let even = 0;
  for (let i = 0; i < n; i++) if (b[i] === 0) i % 2 ? odd++ : even++;
  if (odd >= n / 4 && even === 0) return "utf-16le";
  if (even >= n / 4 && odd === 0) return "utf-16be";
  return undefined;
}

const NOT_TEXT_HINT = "a spec is a YAML text file: check that this is the file you meant to pass";

/** Byte offset (into `body`) of the first NUL character of a decoded text. */
function nulOffset(body: Uint8Array, encoding: SourceEncoding, text: string): number {
  const i = text.indexOf("\0");
  if (i === -1) return -1;
  if (encoding === "utf-8") return body.indexOf(0);
  if (UNIT[encoding] === 2) return i * 2;
  return Array.from(text.slice(0, i)).length * 4;
}

/**
 * Line and column of a byte offset, counted in the text before it as the YAML reader counts (lines
 * end at LF; columns in UTF-16 code units, like every other position svcgen reports). The text before
 * the first bad byte is valid; before a NUL in a file that is otherwise not valid either, a replacement
 * character stands for each bad sequence.
 */
function positionOf(body: Uint8Array, offset: number, encoding: SourceEncoding, file: string): SourceLoc {
  const before = decodeLenient(body.subarray(0, offset), encoding).text;
  let line = 1;
  for (let i = before.indexOf("\n"); i !== -1; i = before.indexOf("\n", i + 1)) line++;
  return { file, line, col: before.length - (before.lastIndexOf("\n") + 1) + 1 };
}

// File signatures ("magic numbers") of the binary files most often passed by mistake: a glob that
// caught an archive or an image, an executable dragged onto the command. Only consulted when the
// bytes are not text, so a spec that happens to start with "MZ" or "%PDF-" is still read as one.
const SIGNATURES: [string, string][] = [
  ["\x89PNG\r\n\x1a\n", "a PNG image"],
  ["\xff\xd8\xff", "a JPEG image"],
  ["GIF87a", "a GIF image"],
  ["GIF89a", "a GIF image"],
  ["%PDF-", "a PDF document"],
  ["PK\x03\x04", "a ZIP archive (or a ZIP-based file: .docx, .xlsx, .jar, .nupkg)"],
  ["\x1f\x8b", "a gzip archive"],
  ["7z\xbc\xaf\x27\x1c", "a 7-Zip archive"],
  ["Rar!\x1a\x07", "a RAR archive"],
  ["\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an OLE compound file (.doc, .xls, .msi)"],
  ["MZ", "a Windows executable or DLL"],
  ["\x7fELF", "an ELF executable (Linux)"],
  ["\xcf\xfa\xed\xfe", "a Mach-O executable (macOS)"],
  ["\xce\xfa\xed\xfe", "a Mach-O executable (macOS)"],
  ["\xca\xfe\xba\xbe", "a Mach-O universal binary or a Java class file"],
  ["\0asm", "a WebAssembly module"],
  ["SQLite format 3\0", "an SQLite database"],
];

/** What a file that is not text is, by its signature, if it is one of the common ones. */
export function binaryKind(bytes: Uint8Array): string | undefined {
  for (const [magic, kind] of SIGNATURES) {
    if (bytes.length >= magic.length && Array.prototype.every.call(magic, (c: string, i: number) => bytes[i] === c.charCodeAt(0))) return kind;
  }
  return undefined;
}

/** How an encoding is named in messages: "UTF-8", "UTF-16LE with a byte order mark". */
export function describeEncoding(encoding: SourceEncoding, bom: boolean): string {
  return `${encoding.toUpperCase()}${bom ? " with a byte order mark" : ""}`;
}

/**
 * A file's text for showing it (a diff of an output file): decoded by the same detection as
 * decodeSource, with a replacement character for each bad sequence instead of a refusal.
 */
export function decodeForDisplay(bytes: Uint8Array): { text: string; encoding: SourceEncoding; bom: boolean; valid: boolean } {
  const { encoding, bom } = detectEncoding(bytes);
  return { ...decodeLenient(bytes.subarray(bom), encoding), encoding, bom: bom > 0 };
}

function decodeLenient(body: Uint8Array, encoding: SourceEncoding): { text: string; valid: boolean } {
  const strict = decodeStrict(body, encoding);
  if (typeof strict === "string") return { text: strict, valid: true };
  const text =
    encoding === "utf-32le" || encoding === "utf-32be" ? decodeUtf32Lossy(body, encoding === "utf-32le") : new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
  return { text, valid: false };
}

function decodeUtf32Lossy(b: Uint8Array, le: boolean): string {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let s = "";
  for (let i = 0; i + 3 < b.length; i += 4) {
    const cp = view.getUint32(i, le);
    s += cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? "\ufffd" : String.fromCodePoint(cp);
  }
  return b.length % 4 ? s + "\ufffd" : s;
}

type Bad = { offset: number; length: number; why: string };

function decodeStrict(b: Uint8Array, encoding: SourceEncoding): string | Bad {
  switch (encoding) {
    case "utf-8":
    case "utf-16le":
    case "utf-16be":
      try {
        if (encoding !== "utf-8" && b.length % 2 === 1) return { offset: b.length - 1, length: 1, why: "is half a code unit (the file ends in the middle of a character)" };
        return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(b);
      } catch {
        return encoding === "utf-8" ? firstBadUtf8(b) : firstBadUtf16(b, encoding === "utf-16le");
      }
    case "utf-32le":
    case "utf-32be":
      return decodeUtf32(b, encoding === "utf-32le");
  }
}

/** The first invalid sequence, by the same rules as the WHATWG decoder (shortest form, no surrogates). */
function firstBadUtf8(b: Uint8Array): Bad {
  let i = 0;
  while (i < b.length) {
    const x = b[i]!;
    let need = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (x < 0x80) need = 0;
    else if (x >= 0xc2 && x <= 0xdf) need = 1;
    else if (x >= 0xe0 && x <= 0xef) {
      need = 2;
      if (x === 0xe0) lo = 0xa0;
      if (x === 0xed) hi = 0x9f;
    } else if (x >= 0xf0 && x <= 0xf4) {
      need = 3;
      if (x === 0xf0) lo = 0x90;
      if (x === 0xf4) hi = 0x8f;
    } else return { offset: i, length: 1, why: "" };
    for (let k = 1; k <= need; k++) {
      const y = b[i + k];
      const ok = y !== undefined && y >= (k === 1 ? lo : 0x80) && y <= (k === 1 ? hi : 0xbf);
      if (!ok) return { offset: i, length: Math.min(k + (y === undefined ? 0 : 1), b.length - i), why: y === undefined ? "end" : "" };
    }
    i += need + 1;
  }
  return { offset: b.length, length: 0, why: "" };
}

function firstBadUtf16(b: Uint8Array, le: boolean): Bad {
  const unit = (i: number) => (le ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!);
  for (let i = 0; i + 1 < b.length; i += 2) {
    const u = unit(i);
    if (u >= 0xdc00 && u <= 0xdfff) return { offset: i, length: 2, why: "is the second half of a surrogate pair without its first half" };
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 3 < b.length ? unit(i + 2) : -1;
      if (next < 0xdc00 || next > 0xdfff) return { offset: i, length: 2, why: "is the first half of a surrogate pair without its second half" };
      i += 2;
    }
  }
  return { offset: b.length, length: 0, why: "" };
}

function decodeUtf32(b: Uint8Array, le: boolean): string | Bad {
  if (b.length % 4 !== 0) return { offset: b.length - (b.length % 4), length: b.length % 4, why: "are part of a character (the file ends in the middle of one)" };
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const parts: string[] = [];
  for (let i = 0; i < b.length; i += 4) {
    const cp = view.getUint32(i, le);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { offset: i, length: 4, why: "are not a Unicode character" };
    parts.push(String.fromCodePoint(cp));
  }
  return parts.join("");
}
