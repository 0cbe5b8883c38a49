// `npm run site:serve`: serves site-dist/ (built by `npm run site`) on 127.0.0.1, gzip-compressed as a
// static host would, so that the browser's own transfer sizes are the published page's.
// Run: node scripts/serve-site.mjs [--port N] [--dir DIR]
import { createServer } from "node:http";
import { readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/** Serves `dir` read-only on 127.0.0.1 (`port` 0: a free one). Resolves to the server and its URL. */
export function serveDir(dir, port = 0) {
  const root = normalize(dir + sep);
  const gz = new Map();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = normalize(join(root, path.endsWith("/") ? path + "index.html" : path));
    if (!file.startsWith(root) || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404).end();
      return;
    }
    let body, key;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error("not a file");
      body = readFileSync(file);
      key = `${file}:${st.mtimeMs}`;
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    const type = TYPES[extname(file)] ?? "application/octet-stream";
    const headers = { "content-type": type, "cache-control": "no-cache" };
    if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "") && type !== "image/png") {
      if (!gz.has(key)) gz.set(key, gzipSync(body, { level: 9 }));
      body = gz.get(key);
      headers["content-encoding"] = "gzip";
    }
    headers["content-length"] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
  const dir = opt("--dir", new URL("../site-dist/", import.meta.url).pathname);
  try {
    statSync(join(dir, "index.html"));
  } catch {
    console.error(`${dir} has no index.html: run npm run site first`);
    process.exit(2);
  }
  const { url } = await serveDir(dir, Number(opt("--port", "8080")));
  console.log(`svcgen playground: ${url} (Ctrl+C stops)`);
}
