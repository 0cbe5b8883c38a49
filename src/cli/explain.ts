import { allCodes } from "../diagnostics/all-codes.js";
import { writeStderr, writeStdout } from "./output.js";

export async function explain(code?: string): Promise<number> {
  const codes = await allCodes();
  if (!code) {
    for (const c of codes) writeStdout(`${c.code}  ${c.severity.padEnd(7)}  ${c.title}\n`);
    return 0;
  }
  const c = codes.find((x) => x.code === code.toUpperCase());
  if (!c) {
    writeStderr(`svcgen: no code ${code}; \`svcgen explain\` lists them all\n`);
    return 2;
  }
  writeStdout(`${c.code} (${c.severity}): ${c.title}\n\n${c.explain}\n`);
  return 0;
}
