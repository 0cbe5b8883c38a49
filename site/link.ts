// The page's state travels in the URL's hash, so a link reproduces it (and the hash never reaches a
// server): the spec deflated (CompressionStream "deflate-raw", native in current browsers) and written
// in base64url, the picked targets and the spec's file name when they are not the defaults.

export interface PageState {
  spec: string;
  /** Picked targets; absent: the spec's own `targets` (all when it lists none). */
  targets?: string[];
  /** The spec's name as generated headers give it. */
  file: string;
  /** Warnings as errors (`--strict`). */
  strict: boolean;
}

export const DEFAULT_FILE = "service.yaml";

function toBase64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(s: string): Uint8Array {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function encodeState(state: PageState): Promise<string> {
  const params = new URLSearchParams();
  params.set("s", toBase64url(await pipe(new TextEncoder().encode(state.spec), new CompressionStream("deflate-raw"))));
  if (state.targets) params.set("t", state.targets.join(","));
  if (state.file !== DEFAULT_FILE) params.set("f", state.file);
  if (state.strict) params.set("strict", "1");
  return "#" + params.toString();
}

/** The state in `hash`; undefined when it has no spec. Throws when the spec is there but unreadable. */
export async function decodeState(hash: string): Promise<PageState | undefined> {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const s = params.get("s");
  if (s === null) return undefined;
  const spec = new TextDecoder("utf-8", { fatal: true }).decode(await pipe(fromBase64url(s), new DecompressionStream("deflate-raw")));
  const t = params.get("t");
  return {
    spec,
    targets: t === null ? undefined : t.split(",").filter((x) => x !== ""),
    file: params.get("f") || DEFAULT_FILE,
    strict: params.get("strict") === "1",
  };
}
