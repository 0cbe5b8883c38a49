// The name of an XML document's root element, found by skipping what may precede it (a byte order mark,
// white space, the declaration, comments, processing instructions) in one pass: `detect` runs on every file
// `svcgen import` is given, so no regular expression that could backtrack over a long comment. Undefined when
// the text does not start like an XML document.
export function xmlRootName(text: string): string | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\r" || text[i] === "\n")) i++;
    if (text.startsWith("<!--", i)) {
      const end = text.indexOf("-->", i + 4);
      if (end < 0) return undefined;
      i = end + 3;
    } else if (text.startsWith("<?", i)) {
      const end = text.indexOf("?>", i + 2);
      if (end < 0) return undefined;
      i = end + 2;
    } else break;
  }
  if (text[i] !== "<") return undefined;
  const m = /^<([A-Za-z_][\w.-]*)[\s>/]/.exec(text.slice(i, i + 256));
  return m?.[1];
}
