import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach } from "vitest";

/** A fresh folder for each test of the file (made before it, removed after it), and a writer of files there. */
export function useScratchDir(prefix: string): { readonly dir: string; file(name: string, body: string | Uint8Array): string } {
  let dir = "";
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return {
    get dir() {
      return dir;
    },
    /** Writes `body` to `name` (folders made as needed) and returns the file's path. */
    file(name, body) {
      const p = join(dir, name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, body);
      return p;
    },
  };
}
