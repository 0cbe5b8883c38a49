import type { SourceLoc } from "../model.js";

// The registry export format, as `reg export` and regedit write it ("Windows Registry Editor Version
// 5.00"; the file is UTF-16LE with a BOM, which decodeSource has already removed), read back into keys and
// typed values with their positions. The readers of registry-backed targets (nssm, sc) look every value up
// in their key tables; this module only decodes the syntax and the value types, and refuses what it cannot
// decode to one meaning instead of guessing.
//
// The format (Microsoft, "How to add, modify, or delete registry subkeys and values by using a .reg file";
// Wine programs/reg/export.c, which writes the same syntax):
//   Windows Registry Editor Version 5.00        the first line
//   [HKEY_LOCAL_MACHINE\SYSTEM\...\Services\x]  a key; its values follow, one a line
//   "Name"="text"                               REG_SZ: \\ and \" escaped (Wine also writes \n, \r, \0)
//   @="text"                                    the key's default value (nssm's AppExit action)
//   "Name"=dword:0000ea60                       REG_DWORD, eight hex digits
//   "Name"=hex:01,00,...                        REG_BINARY
//   "Name"=hex(2):43,00,3a,00,...               other types by number, the bytes as stored: 2 is
//                                               REG_EXPAND_SZ and 7 REG_MULTI_SZ (UTF-16LE, NUL-ended),
//                                               b REG_QWORD, 0 REG_NONE...
//   a hex list goes on over lines that end in `\`, the next line indented by two spaces; `;` starts a
//   comment line.
// Deletions (`[-KEY]`, `"Name"=-`) are the syntax of a file meant to change a registry, not of an export:
// refused.

export type RegData =
  | { type: "REG_SZ" | "REG_EXPAND_SZ"; text: string }
  | { type: "REG_MULTI_SZ"; items: string[] }
  | { type: "REG_DWORD"; number: number }
  | { type: "REG_QWORD"; number: bigint }
  | { type: "REG_BINARY"; bytes: Uint8Array }
  /** Any other type, by its number (REG_NONE 0, REG_DWORD_BIG_ENDIAN 5, REG_LINK 6, the resource lists 8-10). */
  | { type: "other"; code: number; bytes: Uint8Array };

export interface RegValue {
  /** "" for the default value (`@`). */
  name: string;
  data: RegData;
  /** The start of the value's line. */
  at: SourceLoc;
}

export interface RegKey {
  /** The key's full path as the file writes it (`HKEY_LOCAL_MACHINE\SYSTEM\...`). */
  path: string;
  at: SourceLoc;
  values: RegValue[];
}

export interface RegProblem {
  at: SourceLoc;
  message: string;
}

export interface RegExport {
  keys: RegKey[];
  /** What could not be read; a value with a problem is left out of its key. */
  problems: RegProblem[];
}

export const REG_HEADER = "Windows Registry Editor Version 5.00";

/** The type names by number, as reg.exe and the Win32 headers name them. */
export const REG_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: "REG_NONE",
  1: "REG_SZ",
  2: "REG_EXPAND_SZ",
  3: "REG_BINARY",
  4: "REG_DWORD",
  5: "REG_DWORD_BIG_ENDIAN",
  6: "REG_LINK",
  7: "REG_MULTI_SZ",
  8: "REG_RESOURCE_LIST",
  9: "REG_FULL_RESOURCE_DESCRIPTOR",
  10: "REG_RESOURCE_REQUIREMENTS_LIST",
  11: "REG_QWORD",
};

/** The name of a value's type (REG_SZ, REG_EXPAND_SZ, ...). */
export function regTypeName(d: RegData): string {
  return d.type === "other" ? (REG_TYPE_NAMES[d.code] ?? `type ${d.code}`) : d.type;
}

const HEX_VALUE = /^hex(?:\(([0-9a-fA-F]{1,8})\))?:/;
const UTF16 = new TextDecoder("utf-16le", { fatal: true, ignoreBOM: true });

export function parseRegExport(text: string, file: string): RegExport {
  const out: RegExport = { keys: [], problems: [] };
  const lines = text.split(/\r?\n/);
  const at = (i: number, col = 1): SourceLoc => ({ file, line: i + 1, col });
  const problem = (i: number, message: string, col = 1) => out.problems.push({ at: at(i, col), message });

  let i = 0;
  while (i < lines.length && lines[i]!.trim() === "") i++;
  if (i >= lines.length) {
    problem(0, "the file is empty");
    return out;
  }
  const first = lines[i]!.trimEnd();
  if (first === "REGEDIT4") {
    problem(i, "a REGEDIT4 file (the ANSI format of Windows 95 and NT 4) holds its strings in a code page svcgen cannot know", 1);
    return out;
  }
  if (first !== REG_HEADER) {
    problem(i, `the file does not start with "${REG_HEADER}", as reg export writes it`);
    return out;
  }
  let key: RegKey | undefined;
  const seenKeys = new Set<string>();
  for (i++; i < lines.length; i++) {
    const start = i;
    const line = lines[i]!;
    if (line.trim() === "" || /^\s*;/.test(line)) continue;
    if (line.startsWith("[")) {
      const end = line.trimEnd();
      if (!end.endsWith("]")) {
        problem(i, "a key line that does not end in ]");
        key = undefined;
        continue;
      }
      const path = end.slice(1, -1);
      if (path.startsWith("-")) {
        problem(i, `[${path}] deletes a key: that is a file to change a registry, not an export of one`);
        key = undefined;
        continue;
      }
      if (seenKeys.has(path.toLowerCase())) problem(i, `the key [${path}] appears twice`);
      seenKeys.add(path.toLowerCase());
      key = { path, at: at(i), values: [] };
      out.keys.push(key);
      continue;
    }
    // A value: its name, `=`, its data. Hex data may go on over lines ending in a backslash.
    const name = line.startsWith("@=") ? { ok: true as const, value: "", end: 1 } : line.startsWith('"') ? readString(line, 0) : undefined;
    if (!name || !name.ok) {
      problem(i, name && !name.ok ? `the value name ${name.problem}` : "a line that is neither a key, a value nor a comment");
      continue;
    }
    if (line[name.end] !== "=") {
      problem(i, "a value name not followed by =", name.end + 1);
      continue;
    }
    let raw = line.slice(name.end + 1);
    if (HEX_VALUE.test(raw)) {
      // reg export never leaves a continued line without its continuation: a blank line or the end of
      // the file there means a cut file, whose value would otherwise be read short without a word.
      let cut = false;
      while (raw.trimEnd().endsWith("\\")) {
        const next = i + 1 < lines.length ? lines[i + 1]!.trim() : "";
        if (next === "") {
          cut = true;
          break;
        }
        raw = raw.trimEnd().slice(0, -1) + lines[++i]!.trim();
      }
      if (cut) {
        problem(start, `${name.value === "" ? "the default value" : `the value "${name.value}"`}: its hex data ends in a backslash, and no line continues it (is the file cut short?)`, name.end + 2);
        continue;
      }
    }
    if (!key) {
      problem(start, "a value before any key");
      continue;
    }
    const data = readData(raw);
    if (!data.ok) {
      problem(start, `${name.value === "" ? "the default value" : `the value "${name.value}"`}: ${data.problem}`, name.end + 2);
      continue;
    }
    if (key.values.some((v) => v.name.toLowerCase() === name.value.toLowerCase())) {
      problem(start, `the value "${name.value}" appears twice in [${key.path}]`);
      continue;
    }
    key.values.push({ name: name.value, data: data.value, at: at(start) });
  }
  return out;
}

type Read<T> = { ok: true; value: T; end: number } | { ok: false; problem: string };

/** A quoted string from `from` (a `"`): its text and the index after the closing quote. */
function readString(line: string, from: number): Read<string> {
  let s = "";
  for (let i = from + 1; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') return { ok: true, value: s, end: i + 1 };
    if (c !== "\\") {
      s += c;
      continue;
    }
    const n = line[++i];
    // regedit escapes \ and "; Wine's reg export also writes line breaks and NUL as \n \r \0.
    if (n === "\\" || n === '"') s += n;
    else if (n === "n") s += "\n";
    else if (n === "r") s += "\r";
    else if (n === "0") s += "\0";
    else return { ok: false, problem: n === undefined ? "ends in the middle of an escape" : `has the escape \\${n}, which the export format does not write` };
  }
  return { ok: false, problem: "has no closing quote" };
}

function readData(raw: string): { ok: true; value: RegData } | { ok: false; problem: string } {
  if (raw.startsWith('"')) {
    const s = readString(raw, 0);
    if (!s.ok) return { ok: false, problem: `the string ${s.problem}` };
    if (raw.slice(s.end).trim() !== "") return { ok: false, problem: "text after the closing quote" };
    return { ok: true, value: { type: "REG_SZ", text: s.value } };
  }
  if (raw === "-") return { ok: false, problem: "=- deletes the value: that is a file to change a registry, not an export of one" };
  const dword = /^dword:([0-9a-fA-F]{8})\s*$/.exec(raw);
  if (dword) return { ok: true, value: { type: "REG_DWORD", number: parseInt(dword[1]!, 16) } };
  if (raw.startsWith("dword:")) return { ok: false, problem: "a dword: value is eight hexadecimal digits" };
  const m = HEX_VALUE.exec(raw);
  if (!m) return { ok: false, problem: `data of a form the export format does not write: ${JSON.stringify(raw.slice(0, 40))}` };
  const code = m[1] === undefined ? 3 : parseInt(m[1], 16);
  const list = raw.slice(m[0].length).replace(/\s+/g, "");
  if (list !== "" && !/^[0-9a-fA-F]{2}(,[0-9a-fA-F]{2})*,?$/.test(list)) return { ok: false, problem: "the hex bytes are not two-digit hexadecimal numbers separated by commas" };
  const bytes = Uint8Array.from(list === "" ? [] : list.replace(/,$/, "").split(",").map((h) => parseInt(h, 16)));
  switch (code) {
    case 1:
    case 2: {
      const t = utf16(bytes);
      if (!t.ok) return t;
      // A string is stored with its NUL; what follows a NUL is not part of it for any reader.
      const text = t.value.endsWith("\0") ? t.value.slice(0, -1) : t.value;
      if (text.includes("\0")) return { ok: false, problem: "a string with a NUL character inside it, which programs read only up to that NUL" };
      return { ok: true, value: { type: code === 1 ? "REG_SZ" : "REG_EXPAND_SZ", text } };
    }
    case 7: {
      const t = utf16(bytes);
      if (!t.ok) return t;
      // Each entry ends in a NUL and the list in one more; an empty entry ends the list for every reader.
      const items = t.value.split("\0");
      while (items.length > 0 && items[items.length - 1] === "") items.pop();
      if (items.includes("")) return { ok: false, problem: "a REG_MULTI_SZ list with an empty entry inside it, where programs stop reading the list" };
      return { ok: true, value: { type: "REG_MULTI_SZ", items } };
    }
    case 3:
      return { ok: true, value: { type: "REG_BINARY", bytes } };
    case 4:
      if (bytes.length !== 4) return { ok: false, problem: `a REG_DWORD of ${bytes.length} bytes (a DWORD has 4)` };
      return { ok: true, value: { type: "REG_DWORD", number: new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) } };
    case 11:
      if (bytes.length !== 8) return { ok: false, problem: `a REG_QWORD of ${bytes.length} bytes (a QWORD has 8)` };
      return { ok: true, value: { type: "REG_QWORD", number: new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true) } };
    default:
      return { ok: true, value: { type: "other", code, bytes } };
  }
}

function utf16(bytes: Uint8Array): { ok: true; value: string } | { ok: false; problem: string } {
  if (bytes.length % 2 === 1) return { ok: false, problem: `a string of ${bytes.length} bytes (UTF-16 needs an even number)` };
  try {
    return { ok: true, value: UTF16.decode(bytes) };
  } catch {
    return { ok: false, problem: "a string that is not valid UTF-16 (a lone surrogate)" };
  }
}
