// Which registry reader an export is for, decided cheaply and without loading either reader (import calls
// this on every file it is given, for every target). A registry export (`reg export` writes UTF-16LE with
// "Windows Registry Editor Version 5.00" first) whose first key is a service's key
// (HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\<name>, or a ControlSetNNN) is nssm's when nssm
// keeps a program in it (a Parameters subkey with Application, which srvany also uses) or its ImagePath runs
// an nssm executable; otherwise sc's, which also gets drivers and shared services and refuses them, with
// their position, rather than leaving the file unrecognised.

const HEADER = /^\s*Windows Registry Editor Version 5\.00[ \t]*\r?\n/;
const FIRST_KEY = /^\[HKEY_LOCAL_MACHINE\\SYSTEM\\(?:CurrentControlSet|ControlSet\d{3})\\Services\\([^\\\]\r\n]+)\][ \t]*$/im;

export type RegistryKind = "nssm" | "sc";

export function detectServiceExport(text: string | undefined): RegistryKind | undefined {
  if (text === undefined || !HEADER.test(text)) return undefined;
  const firstKey = /^\[.*$/m.exec(text);
  const m = FIRST_KEY.exec(text);
  if (!m || !firstKey || m.index !== firstKey.index) return undefined;
  const base = firstKey[0].slice(1, firstKey[0].trimEnd().length - 1).toLowerCase();
  // The sections of the service key and of its Parameters subkey, as text.
  const section = (path: string): string | undefined => {
    for (const s of text.split(/^(?=\[)/m)) {
      const head = /^\[(.*)\][ \t]*\r?$/m.exec(s);
      if (head && head[1]!.toLowerCase() === path) return s;
    }
    return undefined;
  };
  if (/^"Application"=/im.test(section(`${base}\\parameters`) ?? "")) return "nssm";
  const image = imagePathOf(section(base) ?? "");
  return image !== undefined && /(^"?|[\\/])nssm[^\\/"]*\.exe"?(\s|$)/i.test(image) ? "nssm" : "sc";
}

/** The ImagePath value's text (a "..." string or hex(2) bytes), roughly: enough to see the program's name. */
function imagePathOf(section: string): string | undefined {
  const m = /^"ImagePath"=(.*(?:\\\r?\n.*)*)/im.exec(section);
  if (!m) return undefined;
  const raw = m[1]!.replace(/\\\r?\n\s*/g, "");
  if (raw.startsWith('"')) return raw.slice(1, raw.lastIndexOf('"')).replace(/\\(.)/g, "$1");
  const hex = /^hex\((?:1|2)\):([0-9a-fA-F,\s]*)/.exec(raw);
  if (!hex) return undefined;
  const bytes = hex[1]!.split(",").filter((h) => h.trim() !== "").map((h) => parseInt(h, 16));
  let s = "";
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes[i]! | (bytes[i + 1]! << 8));
  return s.replace(/\0+$/, "");
}
