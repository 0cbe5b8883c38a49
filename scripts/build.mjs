// npm's prepare/build step.
// 1. tsc: dist/ with .d.ts files, the library entry point (import { compile } from "svcgen").
// 2. esbuild: the CLI as one code-split bundle in dist/bin/. Loading one file instead of ~150 small
//    modules is most of the difference between svcgen's start-up and bare node's; splitting keeps
//    each command's code (emitters, XML) in chunks loaded only when that command needs them.
// The schema validator and templates are precompiled into committed modules (scripts/gen-*.mjs), so
// nothing is compiled at run time.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { build } from "esbuild";

const require = createRequire(import.meta.url);
const root = new URL("../", import.meta.url).pathname;
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.json"], { stdio: "inherit", cwd: root });
// Bundled CommonJS dependencies (commander) require() Node built-ins, so chunks get a `require`; the
// banner is then removed from each chunk that never uses it (all but one): a createRequire less per module
// loaded, about 1.5 ms of a `validate`.
const BANNER = 'import { createRequire as __svcgenRequire } from "node:module"; const require = __svcgenRequire(import.meta.url);';
const result = await build({
  absWorkingDir: root,
  write: false,
  entryPoints: { svcgen: "src/cli/bin.ts" },
  outdir: "dist/bin",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  banner: { js: BANNER },
  // yaml's ESM build can be tree-shaken (no stringifier in the bundle); its "node" export is CommonJS.
  alias: { yaml: "./node_modules/yaml/browser/index.js" },
  logLevel: "warning",
  legalComments: "none",
  // Less text for V8 to scan at every start (about 1.5 ms of a `validate`). Names are kept, so stack
  // traces in bug reports still read.
  minifyWhitespace: true,
  minifySyntax: true,
});
for (const file of result.outputFiles) {
  let text = file.text;
  const rest = text.replace(BANNER + "\n", "");
  if (rest !== text && !/(?<![\w$.'"])require\b/.test(rest)) text = rest;
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, text);
}

// CommonJS consumers: Node 20.19+ can require() this ES module, but TypeScript's `node16` resolution
// models a require of an ES module as an error (TS1479), also inside a .d.cts that re-exports one. So
// the `require` condition gets its own copy of the declarations as .d.cts files whose relative imports
// name .cjs (which TypeScript resolves to the .d.cts beside it): the same types, read as CommonJS.
const dist = join(root, "dist");
const seen = new Set();
const copyAsCts = (file) => {
  if (seen.has(file)) return;
  seen.add(file);
  const text = readFileSync(join(dist, file), "utf8");
  const rewritten = text.replace(/(from\s+|import\()(["'])(\.{1,2}\/[^"']+)\.js\2/g, (_m, lead, q, spec) => {
    copyAsCts(join(dirname(file), `${spec}.d.ts`));
    return `${lead}${q}${spec}.cjs${q}`;
  });
  writeFileSync(join(dist, file.replace(/\.d\.ts$/, ".d.cts")), rewritten);
};
if (existsSync(join(dist, "index.d.ts"))) copyAsCts("index.d.ts");
