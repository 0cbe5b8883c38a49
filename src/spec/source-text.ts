import { diag, type Diagnostic } from "../diagnostics/diagnostic.js";

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
  if (typeof decoded === "string") {
    out.text = decoded;
    return out;
  }
  // The text before the bad unit is valid: count lines and columns in it as the YAML reader would
  // (columns in UTF-16 code units, like every other position svcgen reports).
  const before = decodeStrict(body.subarray(0, decoded.offset), encoding) as string;
  const lineStart = before.lastIndexOf("\n") + 1;
  let line = 1;
  for (let i = before.indexOf("\n"); i !== -1; i = before.indexOf("\n", i + 1)) line++;
  const at = { file, line, col: before.length - lineStart + 1 };
  const shown = Array.from(body.subarray(decoded.offset, decoded.offset + decoded.length), (x) => "0x" + x.toString(16).toUpperCase().padStart(2, "0")).join(" ");
  const message =
    encoding === "utf-8"
      ? `the file is not UTF-8: byte ${shown} at byte offset ${bom + decoded.offset} cannot start or continue a UTF-8 character`
      : `the file is not valid ${encoding.toUpperCase()}${bom ? " (it starts with that byte order mark)" : ""}: ${UNIT[encoding] === 2 ? "code unit" : "bytes"} ${shown} at byte offset ${bom + decoded.offset} ${decoded.why}`;
  const hint =
    encoding === "utf-8"
      ? "save the file as UTF-8 (it was probably saved in a legacy code page such as Windows-1252 or GBK, whose characters svcgen cannot know)"
      : "save the file as UTF-8";
  out.diagnostics.push(diag(at, "error", "SVC1009", message, hint));
  return out;
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
      if (!ok) return { offset: i, length: Math.min(k + (y === undefined ? 0 : 1), b.length - i), why: "" };
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
