import type { TextPart } from "../model.js";

// `${NAME}` is a variable; `$$` is a literal `$`; every other character is literal (a `$` not followed
// by `{` or `$` too). Windows names such as ProgramFiles(x86) are allowed, so that
// `${ProgramFiles(x86)}` works; targets that cannot carry such a name refuse it themselves.
export const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\(x86\))?$/;

export type TextParse = { ok: true; parts: TextPart[] } | { ok: false; offset: number; message: string };

export function parseText(s: string): TextParse {
  const parts: TextPart[] = [];
  let lit = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "$" && s[i + 1] === "$") {
      lit += "$";
      i++;
    } else if (c === "$" && s[i + 1] === "{") {
      const end = s.indexOf("}", i + 2);
      if (end === -1) return { ok: false, offset: i, message: '"${" has no closing "}"' };
      const name = s.slice(i + 2, end);
      if (!VAR_NAME.test(name)) return { ok: false, offset: i, message: `"\${${name}}" is not a variable name` };
      if (lit) parts.push({ kind: "literal", text: lit });
      lit = "";
      parts.push({ kind: "var", name });
      i = end;
    } else {
      lit += c;
    }
  }
  if (lit || parts.length === 0) parts.push({ kind: "literal", text: lit });
  return { ok: true, parts };
}

/** The inverse of parseText: parts written in spec syntax (`$` as `$$`, variables as `${NAME}`). */
export function formatText(parts: readonly TextPart[]): string {
  let s = "";
  for (const p of parts) s += p.kind === "literal" ? p.text.replace(/\$/g, "$$$$") : "${" + p.name + "}";
  return s;
}
