import type { InstalledSource, LiveFiles } from "../types.js";
import { parseConfFile } from "./conf-file.js";

// `svcgen import --installed NAME --from supervisord` on Linux: the file that defines [program:NAME], found
// as supervisord finds it, since supervisord has no command that shows a program's configuration
// (supervisorctl avail lists names only). An administrator opens supervisord's configuration file and follows
// its [include] files= to the program's file; so does this:
//
// 1. the configuration file, by supervisord's own search (options.py, Options.searchpaths): <prefix>/etc/
//    supervisord.conf and <prefix>/supervisord.conf for its installation prefix (/usr/local for pip, /usr
//    for Debian's package), /etc/supervisord.conf, /etc/supervisor/supervisord.conf; the ones relative to
//    the directory supervisord was started in cannot be known and are left out;
// 2. its [include] files= patterns, relative to its directory, as glob.glob matches them, in sorted order
//    (ServerOptions.read_config);
// 3. the file with a [program:NAME] section. The reader then reads that program from it.
//
// Thin on purpose: the reader is what the tests exercise; this part is tested with a fake file system.

export const SEARCH_PATHS = ["/usr/local/etc/supervisord.conf", "/usr/local/supervisord.conf", "/usr/etc/supervisord.conf", "/usr/supervisord.conf", "/etc/supervisord.conf", "/etc/supervisor/supervisord.conf"];

const dirOf = (p: string) => p.slice(0, Math.max(1, p.lastIndexOf("/")));

/** Python's fnmatch.translate for one path component (case-sensitive, as on POSIX). */
function fnmatch(pattern: string): RegExp {
  let re = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") re += "[^]*";
    else if (c === "?") re += "[^]";
    else if (c === "[") {
      let j = i + 1;
      if (pattern[j] === "!") j++;
      if (pattern[j] === "]") j++;
      while (j < pattern.length && pattern[j] !== "]") j++;
      if (j >= pattern.length) re += "\\[";
      else {
        let set = pattern.slice(i + 1, j).replace(/\\/g, "\\\\");
        if (set.startsWith("!")) set = "^" + set.slice(1);
        else if (set.startsWith("^")) set = "\\" + set;
        re += `[${set}]`;
        i = j;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

const MAGIC = /[*?[]/;

/** glob.glob(pattern) for an absolute pattern: wildcards in any component, hidden names only for a pattern starting with ".". */
export async function glob(pattern: string, files: LiveFiles): Promise<string[]> {
  let paths = ["/"];
  for (const part of pattern.split("/").filter((p) => p !== "")) {
    const next: string[] = [];
    for (const base of paths) {
      const join = (n: string) => (base === "/" ? `/${n}` : `${base}/${n}`);
      if (!MAGIC.test(part)) {
        next.push(join(part));
        continue;
      }
      const names = (await files.list(base)) ?? [];
      const re = fnmatch(part);
      for (const n of names.sort()) if (re.test(n) && (part.startsWith(".") || !n.startsWith("."))) next.push(join(n));
    }
    paths = next;
  }
  const found: string[] = [];
  for (const p of paths) if ((await files.read(p)) !== undefined || (await files.list(p)) !== undefined) found.push(p);
  return found;
}

export const installed: InstalledSource = {
  platform: "linux",
  describe: (name) => `[program:${name}] in supervisord's configuration files`,
  async fetch(name, _run, _scratch, files) {
    if (!files) throw new Error("internal: reading supervisord's files needs the file system");
    let main: string | undefined;
    let bytes: Uint8Array | undefined;
    for (const p of SEARCH_PATHS) {
      bytes = await files.read(p);
      if (bytes) {
        main = p;
        break;
      }
    }
    if (!main || !bytes) throw new Error(`no supervisord configuration file at ${SEARCH_PATHS.join(", ")}`);
    const decode = (b: Uint8Array) => new TextDecoder().decode(b);
    const read: { name: string; bytes: Uint8Array }[] = [{ name: main, bytes }];
    const conf = parseConfFile(decode(bytes), main);
    const include = conf.sections.find((s) => s.name === "include")?.options.get("files");
    if (include) {
      const here = dirOf(main);
      for (const raw of include.value.replace(/%\(here\)s/g, here).split(/\s+/).filter((p) => p !== "")) {
        if (raw.includes("%")) throw new Error(`${main}: [include] files= uses ${raw}, which svcgen cannot expand as supervisord does; import the program's file instead`);
        const pattern = raw.startsWith("/") ? raw : `${here}/${raw}`;
        for (const f of await glob(pattern, files)) {
          const b = await files.read(f);
          if (b) read.push({ name: f, bytes: b });
        }
      }
    }
    const header = new RegExp(`^[ \\t]*\\[program:[ \\t]*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[ \\t]*\\]`, "m");
    const defining = read.filter((f) => header.test(decode(f.bytes)));
    if (defining.length === 0) throw new Error(`no [program:${name}] in ${read.map((f) => f.name).join(", ")}`);
    if (defining.length > 1) {
      throw new Error(`[program:${name}] is in ${defining.map((f) => f.name).join(" and ")}, which supervisord merges; import the one that applies`);
    }
    return defining;
  },
};
