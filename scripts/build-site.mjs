// `npm run site`: the playground (site/) as static files in site-dist/, publishable as they are.
// The page runs svcgen's own compile() and capability tables from src/, bundled for the browser by
// esbuild; each target's check and emitter stays a chunk of its own, loaded when a target is picked,
// as in the CLI. Examples are fixtures/*/service.yaml, embedded at build time.
// Run: node scripts/build-site.mjs [--out DIR] [--quiet]
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = new URL("../", import.meta.url).pathname;

/** Every fixture's spec, "full" and "minimal" first, then by name. */
function examples() {
  const dir = join(root, "fixtures");
  const first = ["full", "minimal"];
  const rank = (n) => (first.includes(n) ? first.indexOf(n) : first.length);
  const names = readdirSync(dir)
    .filter((n) => existsSync(join(dir, n, "service.yaml")))
    .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => ({ name, text: readFileSync(join(dir, name, "service.yaml"), "utf8") }));
}

const plugins = [
  {
    // `import examples from "virtual:examples"` in site/main.ts.
    name: "examples",
    setup(b) {
      b.onResolve({ filter: /^virtual:examples$/ }, () => ({ path: "examples", namespace: "examples" }));
      b.onLoad({ filter: /.*/, namespace: "examples" }, () => ({ contents: JSON.stringify(examples()), loader: "json", watchFiles: [] }));
    },
  },
  {
    // codemirror-json-schema renders schema descriptions through markdown-it with shiki code highlighting
    // (about 700 kB of the bundle, and a highlighter it starts without a regex engine). svcgen's
    // descriptions are sentences with `code`: site/markdown.ts renders exactly that.
    name: "small-markdown",
    setup(b) {
      let replaced = false;
      b.onResolve({ filter: /\/utils\/markdown(\.js)?$/ }, (args) => {
        if (!/codemirror-json-schema[\\/]dist[\\/]/.test(args.importer)) return undefined;
        replaced = true;
        return { path: join(root, "site/markdown.ts") };
      });
      b.onEnd((result) => {
        if (result.errors.length === 0 && !replaced) {
          return { errors: [{ text: "codemirror-json-schema no longer imports ./utils/markdown: check what the small-markdown plugin should replace" }] };
        }
        return undefined;
      });
    },
  },
];

// Node's globals and built-ins do not exist in the page. A bundled module of src/ that uses one would
// fail there only when that code runs (Buffer in an emitter, say), so the build refuses it up front.
// (Named uses only: "the process." in a message is no use of Node's process.)
const NODE_ONLY =
  /\bBuffer\.(?:from|alloc\w*|byteLength|concat|isBuffer)\b|\bnew Buffer\b|\bprocess\.(?:env|argv|platform|exit\w*|cwd|std\w+|pid|version\w*|nextTick|hrtime|on|once|emitWarning)\b|\brequire\(|from "node:|import\("node:|\bcreateRequire\b/;

export async function buildSite({ outDir = join(root, "site-dist"), quiet = false } = {}) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: "site/main.ts" },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "browser",
    // The first versions with CompressionStream("deflate-raw"), which links need.
    target: ["chrome103", "firefox113", "safari16.4"],
    minify: true,
    legalComments: "none",
    metafile: true,
    plugins,
    logLevel: "warning",
    // esbuild's browser platform picks yaml's browser build (ESM) by itself.
  });
  const offenders = Object.keys(result.metafile.inputs)
    .filter((f) => f.startsWith("src/") && NODE_ONLY.test(readFileSync(join(root, f), "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "")));
  if (offenders.length) {
    throw new Error(`the playground bundles modules of src/ that use Node's globals or built-ins (fix them in src/, as a small portable helper): ${offenders.join(", ")}`);
  }
  copyFileSync(join(root, "site/index.html"), join(outDir, "index.html"));
  const sizes = sizeTable(outDir, result.metafile);
  if (!quiet) printSizes(sizes);
  return { outDir, sizes, metafile: result.metafile };
}

/**
 * What the page transfers, gzip-compressed as a static host serves it: the files every visit loads
 * (index.html, main.css and main.js with the chunks it imports statically) and, apart, the chunks loaded
 * when needed (a target's check and emitter, the full yaml library for specs the built-in reader leaves
 * to it).
 */
function sizeTable(outDir, metafile) {
  const files = readdirSync(outDir).filter((f) => statSync(join(outDir, f)).isFile());
  const rel = (f) => relative(root, join(outDir, f)).split("\\").join("/");
  const initial = new Set(["index.html"]);
  const visit = (f) => {
    if (initial.has(f)) return;
    initial.add(f);
    const out = metafile.outputs[rel(f)];
    for (const imp of out?.imports ?? []) if (imp.kind === "import-statement") visit(imp.path.slice(imp.path.lastIndexOf("/") + 1));
    if (out?.cssBundle) visit(out.cssBundle.slice(out.cssBundle.lastIndexOf("/") + 1));
  };
  visit("main.js");
  return files
    .map((f) => {
      const bytes = readFileSync(join(outDir, f));
      return { file: f, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, initial: initial.has(f) };
    })
    .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);
}

function printSizes(sizes) {
  const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
  const sum = (rows, k) => rows.reduce((s, r) => s + r[k], 0);
  const initial = sizes.filter((s) => s.initial);
  const lazy = sizes.filter((s) => !s.initial);
  for (const s of sizes) console.log(`${s.initial ? "page" : "lazy"}  ${s.file.padEnd(36)} ${kb(s.bytes).padStart(10)} ${kb(s.gzip).padStart(10)} gzip`);
  console.log(`page load: ${kb(sum(initial, "gzip"))} gzip (${kb(sum(initial, "bytes"))}); loaded when needed: ${kb(sum(lazy, "gzip"))} gzip`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const out = args.indexOf("--out");
  await buildSite({ outDir: out >= 0 ? args[out + 1] : undefined, quiet: args.includes("--quiet") });
}
