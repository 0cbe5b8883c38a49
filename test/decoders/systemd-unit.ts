// A reader of systemd unit files written from systemd.syntax(7), systemd.unit(5) SPECIFIERS and
// systemd.service(5) COMMAND LINES, independent of svcgen's encoder. Tests use it to read back what
// systemd would see. It is strict: anything svcgen should never produce throws.

export interface UnitFile {
  sections: Map<string, [string, string][]>;
}

/** INI-like parse: comments (# ;), `\` continuation joined with a space, whitespace around `=` trimmed. */
// systemd's WHITESPACE is " \t\n\r" only (not NBSP or other Unicode spaces, unlike String.trim).
const strip = (s: string) => s.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, "");

export function parseUnit(text: string): UnitFile {
  const sections = new Map<string, [string, string][]>();
  let current: [string, string][] | undefined;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.replace(/\r$/, "");
    if (/^[ \t]*[#;]/.test(line) || strip(line) === "") continue;
    while (line.endsWith("\\") && i + 1 < lines.length) {
      // systemd replaces the backslash with a space and joins the next (non-comment) line.
      line = line.slice(0, -1) + " ";
      i++;
      while (i < lines.length && /^[ \t]*[#;]/.test(lines[i]!)) i++;
      line += lines[i] ?? "";
    }
    const sec = /^[ \t]*\[([^\]]+)\][ \t]*$/.exec(line);
    if (sec) {
      current = [];
      sections.set(sec[1]!, current);
      continue;
    }
    const eq = line.indexOf("=");
    if (eq < 0 || !current) throw new Error(`not an assignment: ${line}`);
    current.push([strip(line.slice(0, eq)), strip(line.slice(eq + 1))]);
  }
  return { sections };
}

export function values(u: UnitFile, section: string, key: string): string[] {
  return (u.sections.get(section) ?? []).filter(([k]) => k === key).map(([, v]) => v);
}

function cunescapeOne(s: string, i: number): [string, number] {
  const c = s[i];
  const simple: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", '"': '"', "'": "'", s: " " };
  if (c !== undefined && c in simple) return [simple[c]!, i + 1];
  if (c === "x") {
    const h = s.slice(i + 1, i + 3);
    if (!/^[0-9a-fA-F]{2}$/.test(h) || h === "00") throw new Error(`bad \\x escape in ${s}`);
    return [String.fromCharCode(parseInt(h, 16)), i + 3];
  }
  if (c === "u" || c === "U") {
    const n = c === "u" ? 4 : 8;
    const h = s.slice(i + 1, i + 1 + n);
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) throw new Error(`bad \\${c} escape in ${s}`);
    return [String.fromCodePoint(parseInt(h, 16)), i + 1 + n];
  }
  if (c !== undefined && /[0-7]/.test(c)) {
    const o = s.slice(i, i + 3);
    if (!/^[0-7]{3}$/.test(o)) throw new Error(`bad octal escape in ${s}`);
    return [String.fromCharCode(parseInt(o, 8)), i + 3];
  }
  throw new Error(`unknown escape \\${c} in ${s}`);
}

/** extract_first_word(..., EXTRACT_UNQUOTE|EXTRACT_CUNESCAPE) applied until the value is used up. */
export function splitWords(value: string): string[] {
  const words: string[] = [];
  let i = 0;
  const ws = (ch: string | undefined) => ch === " " || ch === "\t" || ch === "\n" || ch === "\r";
  while (i < value.length) {
    while (ws(value[i])) i++;
    if (i >= value.length) break;
    let word = "";
    let quote: string | undefined;
    for (; i < value.length; ) {
      const ch = value[i]!;
      if (quote && ch === quote) {
        quote = undefined;
        i++;
      } else if (!quote && ws(ch)) break;
      else if (!quote && (ch === '"' || ch === "'")) {
        quote = ch;
        i++;
      } else if (ch === "\\") {
        const [out, next] = cunescapeOne(value, i + 1);
        word += out;
        i = next;
      } else {
        word += ch;
        i++;
      }
    }
    if (quote) throw new Error(`unbalanced quote in ${value}`);
    words.push(word);
  }
  return words;
}

/** Specifier resolution: svcgen only ever writes `%%`; any other specifier is unexpected here. */
export function resolveSpecifiers(s: string): string {
  return s.replace(/%(.)/gs, (_, c: string) => {
    if (c === "%") return "%";
    throw new Error(`unexpected specifier %${c} in ${s}`);
  });
}

export type Part = { kind: "literal"; text: string } | { kind: "var"; name: string };

/** Exec-time variable handling of one word: `$$` is `$`, `${NAME}` a variable; `$NAME` words are not expected. */
export function execWordParts(word: string): Part[] {
  const parts: Part[] = [];
  let lit = "";
  for (let i = 0; i < word.length; i++) {
    if (word[i] === "$" && word[i + 1] === "$") {
      lit += "$";
      i++;
    } else if (word[i] === "$" && word[i + 1] === "{") {
      const end = word.indexOf("}", i);
      if (lit) parts.push({ kind: "literal", text: lit });
      lit = "";
      parts.push({ kind: "var", name: word.slice(i + 2, end) });
      i = end;
    } else if (word[i] === "$") {
      throw new Error(`bare $ in exec word ${word}: systemd would expand it`);
    } else lit += word[i];
  }
  if (lit || parts.length === 0) parts.push({ kind: "literal", text: lit });
  return parts;
}

/** An Exec*= line as systemd runs it: the executable path and argv[1..] as parts. */
export function decodeExec(value: string): { executable: string; args: Part[][] } {
  const words = splitWords(value).map(resolveSpecifiers);
  const [exe, ...rest] = words;
  if (exe === undefined) throw new Error("empty command line");
  if (/^[-@+!:|]/.test(exe)) throw new Error(`unexpected prefix in ${exe}`);
  return { executable: exe, args: rest.map(execWordParts) };
}

/** Environment= line: NAME=value pairs ($ literal, % a specifier). */
export function decodeEnvironment(value: string): [string, string][] {
  return splitWords(resolveSpecifiers(value)).map((w) => {
    const eq = w.indexOf("=");
    if (eq <= 0) throw new Error(`not an assignment: ${w}`);
    return [w.slice(0, eq), w.slice(eq + 1)];
  });
}
