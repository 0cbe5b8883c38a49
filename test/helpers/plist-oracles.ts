import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

// The two real oracles for launchd plists:
// - Apple's PropertyList-1.0 DTD (test/oracles/, with its source noted there) through libxml2's xmllint
//   --dtdvalid. An XML catalog maps the DOCTYPE's public and system ids to the same local file, so xmllint
//   never reaches for the network (--nonet) and prints nothing for a valid file.
// - Python's plistlib, an independent reader (expat underneath): it gives back the values, which tests
//   compare with the spec's. One python3 process serves a whole test file.

const oracles = resolve(new URL("../oracles", import.meta.url).pathname);
export const PLIST_DTD = join(oracles, "PropertyList-1.0.dtd");
const CATALOG = join(oracles, "catalog.xml");

export const xmllintAvailable = spawnSync("xmllint", ["--version"], { encoding: "utf8" }).status === 0 && existsSync(PLIST_DTD);
export const plistlibAvailable = spawnSync("python3", ["-c", "import plistlib, json, base64"], { encoding: "utf8" }).status === 0;

/** xmllint's verdict on one document against the DTD: exit status and everything it printed. */
export function validatePlist(bytes: Uint8Array | string): { status: number | null; output: string } {
  const r = spawnSync("xmllint", ["--noout", "--nonet", "--dtdvalid", PLIST_DTD, "-"], {
    input: bytes,
    encoding: "utf8",
    env: { ...process.env, XML_CATALOG_FILES: CATALOG },
  });
  return { status: r.status, output: r.stdout + r.stderr };
}

/**
 * A plist value as plistlib returns it, in a form JSON keeps exactly: strings, booleans and integers as
 * themselves, a dict as { dict: [[key, value], ...] } in document order, and what launchd jobs never hold
 * tagged ({ real }, { data }, { date }).
 */
export type Tagged = string | number | boolean | Tagged[] | { dict: [string, Tagged][] } | { real: number } | { data: string } | { date: string };

const SCRIPT = String.raw`
import base64, datetime, json, plistlib, sys
def tag(v):
    if isinstance(v, bool) or isinstance(v, str): return v
    if isinstance(v, int): return v
    if isinstance(v, float): return {"real": v}
    if isinstance(v, dict): return {"dict": [[k, tag(x)] for k, x in v.items()]}
    if isinstance(v, list): return [tag(x) for x in v]
    if isinstance(v, bytes): return {"data": base64.b64encode(v).decode()}
    if isinstance(v, datetime.datetime): return {"date": v.isoformat()}
    raise TypeError(type(v).__name__)
inp, out = sys.stdin.buffer, sys.stdout
while True:
    line = inp.readline()
    if not line: break
    data = inp.read(int(line))
    try: reply = {"ok": tag(plistlib.loads(data, fmt=plistlib.FMT_XML))}
    except Exception as e: reply = {"error": type(e).__name__ + ": " + str(e)}
    out.write(json.dumps(reply) + "\n"); out.flush()
`;

/** A python3 process that reads XML plists with plistlib, one request at a time. */
export class Plistlib {
  private child: ChildProcessWithoutNullStreams;
  private buffer = "";
  private waiting: ((line: string) => void)[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor() {
    this.child = spawn("python3", ["-c", SCRIPT], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout.setEncoding("utf8");
    this.child.stdout.on("data", (chunk: string) => {
      this.buffer += chunk;
      let nl: number;
      while ((nl = this.buffer.indexOf("\n")) >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        this.waiting.shift()?.(line);
      }
    });
    // A reader that dies answers every waiting request with an error instead of leaving it hanging.
    this.child.on("exit", (code) => {
      for (const w of this.waiting.splice(0)) w(JSON.stringify({ error: `python3 exited with ${code}` }));
    });
    this.child.stdin.on("error", () => undefined);
    this.child.unref();
    (this.child.stdout as unknown as { unref?: () => void }).unref?.();
  }

  /** plistlib.loads of the bytes: the value, or plistlib's error. */
  read(bytes: Uint8Array): Promise<{ ok: Tagged } | { error: string }> {
    const run = () =>
      new Promise<{ ok: Tagged } | { error: string }>((res) => {
        this.waiting.push((line) => res(JSON.parse(line) as { ok: Tagged } | { error: string }));
        this.child.stdin.write(`${bytes.length}\n`);
        this.child.stdin.write(bytes);
      });
    const p = this.queue.then(run, run);
    this.queue = p;
    return p;
  }

  close(): void {
    this.child.stdin.end();
  }
}

/** Dicts with their keys sorted: plist dicts are unordered, so comparisons should not depend on order. */
export function canonical(v: Tagged): Tagged {
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === "object" && "dict" in v) {
    return { dict: [...v.dict].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]): [string, Tagged] => [k, canonical(x)]) };
  }
  return v;
}
