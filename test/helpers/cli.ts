import { vi } from "vitest";
import { main } from "../../src/cli/main.js";

/** Runs the CLI in-process, capturing what it prints. */
export async function runCli(args: string[], cwd?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
  const prevCwd = process.cwd();
  try {
    if (cwd) process.chdir(cwd);
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    if (cwd) process.chdir(prevCwd);
    out.mockRestore();
    err.mockRestore();
    process.exitCode = 0;
  }
}
