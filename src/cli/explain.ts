import { allCodes } from "../diagnostics/all-codes.js";

export async function explain(code?: string): Promise<number> {
  const codes = await allCodes();
  if (!code) {
    for (const c of codes) process.stdout.write(`${c.code}  ${c.severity.padEnd(7)}  ${c.title}\n`);
    return 0;
  }
  const c = codes.find((x) => x.code === code.toUpperCase());
  if (!c) {
    process.stderr.write(`svcgen: no code ${code}; \`svcgen explain\` lists them all\n`);
    return 2;
  }
  process.stdout.write(`${c.code} (${c.severity}): ${c.title}\n\n${c.explain}\n`);
  return 0;
}
