import { main } from "../../src/cli/main.js";
import { redirectOutput } from "../../src/cli/output.js";

/** Runs the CLI in-process, capturing what it prints. */
export async function runCli(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const restore = redirectOutput({ stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  const prevCwd = process.cwd();
  try {
    if (cwd) process.chdir(cwd);
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    if (cwd) process.chdir(prevCwd);
    restore();
    process.exitCode = 0;
  }
}
