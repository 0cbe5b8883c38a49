// A model of how a line of a batch file reaches a program's argv, written from the documented rules (not
// from svcgen's encoders), so that tests can decode what the encoders produce:
//   phase 1  %-expansion (batch-file rules: `%%` -> `%`, `%NAME%` -> its value or nothing, a lone `%` is
//            dropped),
//   phase 2  quote state and carets: `"` toggles, `^` outside quotes escapes the next character, an
//            unescaped `& | < >` outside quotes is an operator (here: an error), `)` too inside a block,
//   then     the MSVCRT / UCRT argv parser (parse_cmdline in the UCRT sources; Microsoft "Parsing C++
//            command-line arguments").
// Delayed expansion is off, as in every generated script.

export class CmdParseError extends Error {}

export function cmdPhase1(line: string, env: Record<string, string> = {}): string {
  let out = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c !== "%") {
      out += c;
      continue;
    }
    const next = line[i + 1];
    if (next === "%") {
      out += "%";
      i++;
      continue;
    }
    if (next !== undefined && (/[0-9*~]/.test(next))) throw new CmdParseError(`batch parameter %${next} in ${JSON.stringify(line)}`);
    const close = line.indexOf("%", i + 1);
    if (close === -1) continue; // a lone % is removed
    const body = line.slice(i + 1, close);
    const colon = body.indexOf(":");
    const name = colon === -1 ? body : body.slice(0, colon);
    const key = Object.keys(env).find((k) => k.toUpperCase() === name.toUpperCase());
    const value = key === undefined ? undefined : env[key]!;
    i = close;
    if (colon === -1) {
      out += value ?? "";
      continue;
    }
    // %NAME:~start[,length]% and %NAME:search=replace% (search matched case-insensitively, every
    // occurrence). On an undefined variable cmd leaves the text from "%NAME:" on: not modelled.
    if (value === undefined) throw new CmdParseError(`%${body}% on an undefined variable is not modelled`);
    const op = body.slice(colon + 1);
    const sub = /^~(-?\d+)(?:,(-?\d+))?$/.exec(op);
    if (sub) {
      const n = value.length;
      let start = Number(sub[1]);
      if (start < 0) start = Math.max(0, n + start);
      let end = sub[2] === undefined ? n : Number(sub[2]);
      end = end < 0 ? n + end : Math.min(n, start + end);
      out += value.slice(start, Math.max(start, end));
      continue;
    }
    const eq = op.indexOf("=");
    if (eq <= 0 || op.startsWith("*")) throw new CmdParseError(`%${body}% is not modelled`);
    const search = op.slice(0, eq);
    const repl = op.slice(eq + 1);
    let r = "";
    for (let k = 0; k < value.length; ) {
      if (value.slice(k, k + search.length).toUpperCase() === search.toUpperCase()) {
        r += repl;
        k += search.length;
      } else r += value[k++];
    }
    out += r;
  }
  return out;
}

export function cmdPhase2(line: string, opts: { inBlock?: boolean } = {}): string {
  let out = "";
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (inQuotes) {
      if (c === '"') inQuotes = false;
      out += c;
      continue;
    }
    if (c === "^") {
      if (i + 1 >= line.length) throw new CmdParseError("a trailing caret continues the line");
      out += line[i + 1];
      i++;
    } else if (c === '"') {
      inQuotes = true;
      out += c;
    } else if (c === "&" || c === "|" || c === "<" || c === ">") {
      throw new CmdParseError(`operator ${c} outside quotes at ${i} in ${JSON.stringify(line)}`);
    } else if (opts.inBlock && c === ")") {
      throw new CmdParseError(`")" closes the block at ${i} in ${JSON.stringify(line)}`);
    } else {
      out += c;
    }
  }
  return out;
}

/** The UCRT argv parser (argv[0] by the program-name rule, then the argument rules). */
export function msvcrtArgv(cmdline: string): string[] {
  const argv: string[] = [];
  let p = 0;
  // Program name: up to the first whitespace outside quotes, quotes removed, backslashes literal.
  let prog = "";
  let inQuote = false;
  while (p < cmdline.length) {
    const c = cmdline[p]!;
    if (c === '"') {
      inQuote = !inQuote;
      p++;
      continue;
    }
    if (!inQuote && (c === " " || c === "\t")) break;
    prog += c;
    p++;
  }
  argv.push(prog);
  for (;;) {
    while (p < cmdline.length && (cmdline[p] === " " || cmdline[p] === "\t")) p++;
    if (p >= cmdline.length) break;
    let arg = "";
    inQuote = false;
    for (;;) {
      let backslashes = 0;
      while (cmdline[p] === "\\") {
        p++;
        backslashes++;
      }
      const c = cmdline[p];
      if (c === '"') {
        arg += "\\".repeat(Math.floor(backslashes / 2));
        if (backslashes % 2 === 1) {
          arg += '"';
          p++;
          continue;
        }
        if (inQuote && cmdline[p + 1] === '"') {
          arg += '"'; // "" inside quotes: a literal quote (UCRT keeps quote mode)
          p += 2;
          continue;
        }
        inQuote = !inQuote;
        p++;
        continue;
      }
      arg += "\\".repeat(backslashes);
      if (c === undefined || (!inQuote && (c === " " || c === "\t"))) break;
      arg += c;
      p++;
    }
    argv.push(arg);
  }
  return argv;
}

/** The argv a program receives from one batch line. */
export function batchLineToArgv(line: string, env: Record<string, string> = {}): string[] {
  return msvcrtArgv(cmdPhase2(cmdPhase1(line, env)));
}
