// XML 1.0 text and attribute encoders. Characters XML cannot carry at all (C0 controls other than
// tab/LF/CR, U+FFFE/U+FFFF, lone surrogates) are a bug in the caller's checks, so they throw rather
// than being dropped. CR, LF and tab are written as character references where a parser would
// otherwise normalise them away (CR everywhere; all three in attributes).

// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function xmlUnrepresentable(s: string): boolean {
  return FORBIDDEN.test(s);
}

function check(s: string): void {
  if (FORBIDDEN.test(s)) throw new Error(`internal: XML cannot carry ${JSON.stringify(s)}; a check should have refused it`);
}

export function xmlText(s: string): string {
  check(s);
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

export function xmlAttr(s: string): string {
  check(s);
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\r/g, "&#13;")
    .replace(/\n/g, "&#10;")
    .replace(/\t/g, "&#9;");
}

/**
 * Text for inside an XML comment. XML forbids `--` in a comment (and a `-` right before `-->`), and has no
 * escape there: a comment is for people, so `--` is written `- -`, a trailing `-` gets a space, and a
 * character XML cannot carry becomes U+FFFD. Never use it for data a program reads back.
 */
export function xmlComment(s: string): string {
  let out = s.replace(new RegExp(FORBIDDEN.source, "g"), "\uFFFD");
  while (out.includes("--")) out = out.replace(/--/g, "- -");
  return out.endsWith("-") ? out + " " : out;
}
