// npm's prepare/build step.
// 1. tsc: dist/ with .d.ts files, the library entry point (import { compile } from "svcgen").
// 2. esbuild: the CLI as three CommonJS bundles in dist/bin/ (below), and the executable
//    dist/bin/svcgen.js (src/cli/launcher.cts), which loads each bundle with its V8 code cache.
// 3. The code caches, *.code-cache beside the bundles, made by running the CLI on one spec
//    (trainCodeCache, at the end).
// The schema validator and templates are precompiled into committed modules (scripts/gen-*.mjs), so
// nothing is compiled at run time.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { createRequire } from "node:module";
import { build } from "esbuild";
import { realisticSpec } from "./bench-specs.mjs";

const require = createRequire(import.meta.url);
const root = new URL("../", import.meta.url).pathname;
rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.json"], { stdio: "inherit", cwd: root });
// The CLI is three CommonJS bundles that share their modules, loaded as a command needs them:
// - dist/bin/cli.js: what `validate` runs (spec reading, the schema, the targets' checks), and main;
// - dist/bin/cli-build.js: what `build` adds (the emitters, templates, writing files);
// - dist/bin/cli-more.js: what only the other commands need (readers, import, diff, init, explain, the
//   targets table, commander, the yaml library that reads what the built-in subset reader declines).
// V8 reads and deserializes all of a script and its code cache before it runs any of it, so a
// pre-commit `validate` does not pay for the two thirds of svcgen it never calls.
// A module is in one bundle only (a class or a cache is one object): a bundle reaches another's
// modules through `require("svcgen-<bundle>:<path>")`, which the launcher answers (src/cli/launcher.cts).
// `roots` are where a bundle begins: an import of one of them from an earlier bundle must be dynamic,
// and the bundle holds them and everything they import that no earlier bundle has.
const BUNDLES = [
  { name: "cli", roots: [] },
  { name: "cli-build", roots: [/^src\/cli\/build\.ts$/, /^src\/targets\/[^/]+\/emit\.ts$/] },
  {
    name: "cli-more",
    roots: [/^src\/cli\/(init|import|diff|explain|targets-table)\.ts$/, /^src\/targets\/[^/]+\/read\.ts$/, /^src\/spec\/(load-yaml|schema-messages)\.ts$/, /^node_modules\/commander\//],
  },
];
const bin = join(root, "dist/bin");
const rel = (p) => relative(root, p).split(sep).join("/");
const abs = (r) => join(root, r);
// Resolves every import itself and makes it external when `toExternal` names it so.
const sharing = (toExternal) => ({
  name: "svcgen-shared-modules",
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.resolving || args.kind === "entry-point" || args.namespace !== "file") return undefined;
      const r = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { resolving: true } });
      if (r.errors.length > 0) return { errors: r.errors };
      if (r.external || !r.path) return undefined;
      const external = toExternal(rel(r.path));
      return external ? { path: external, external: true } : { path: r.path };
    });
  },
});
const common = {
  absWorkingDir: root,
  bundle: true,
  write: false,
  metafile: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  // In a CommonJS bundle, import.meta.url is the bundle's own URL (src/ and dist/bin/ are both two
  // levels below the package root, so "../../schema/..." resolves alike from either), worked out when
  // first read: two commands read it, and pathToFileURL at every start was about 0.4 ms of a `validate`.
  banner: { js: 'var __svcgenMeta = { get url() { return require("node:url").pathToFileURL(__filename).href; } };' },
  define: { "import.meta.url": "__svcgenMeta.url" },
  // import("node:v8") as require(): the bundles run as vm.Scripts, which have no loader for import().
  supported: { "dynamic-import": false },
  // yaml's ESM build can be tree-shaken (no stringifier in the bundle); its "node" export is CommonJS.
  alias: { yaml: "./node_modules/yaml/browser/index.js" },
  logLevel: "warning",
  legalComments: "none",
  // Less text to read at every start. Names are kept, so stack traces in bug reports still read.
  minifyWhitespace: true,
  minifySyntax: true,
};
// Bundle i: its entry exports `main` (the core only) and a getter per module other bundles ask it for
// (require() of an ES module makes esbuild initialise it on first use, so exporting a module does not
// run it at start-up); what an earlier bundle holds, or a later one begins with, is external.
const bundleModules = [];
const buildBundle = (i, exported) => {
  const { name } = BUNDLES[i];
  const toExternal = (r) => {
    const owner = bundleModules.findIndex((mods, j) => j < i && mods.has(r));
    if (owner >= 0) return `svcgen-${BUNDLES[owner].name}:${r}`;
    const later = BUNDLES.findIndex((bb, k) => k > i && bb.roots.some((re) => re.test(r)));
    return later >= 0 ? `svcgen-${BUNDLES[later].name}:${r}` : undefined;
  };
  const contents = [
    i === 0 ? 'export { main } from "./src/cli/main.ts";' : "",
    "export const modules: Record<string, () => unknown> = {",
    ...[...exported].sort().map((m) => `  ${JSON.stringify(m)}: () => require(${JSON.stringify(abs(m))}),`),
    "};",
  ].join("\n");
  return build({ ...common, stdin: { sourcefile: `${name}-entry.ts`, resolveDir: root, loader: "ts", contents }, outfile: join(bin, `${name}.js`), plugins: [sharing(toExternal)] });
};
const modulesOf = (result) => new Set(Object.keys(result.metafile.inputs).filter((m) => !m.includes("-entry.ts")));
const importsOf = (result) => Object.entries(result.metafile.inputs).flatMap(([from, input]) => input.imports.filter((x) => x.external && x.path.startsWith("svcgen-")).map((x) => ({ from, kind: x.kind, bundle: x.path.slice("svcgen-".length, x.path.indexOf(":")), module: x.path.slice(x.path.indexOf(":") + 1) })));
// First pass, in order: each bundle's modules, given the earlier ones' (and the roots asked of it).
const asked = BUNDLES.map(() => new Set());
const results = [];
for (let i = 0; i < BUNDLES.length; i++) {
  results[i] = await buildBundle(i, asked[i]);
  bundleModules[i] = modulesOf(results[i]);
  for (const x of importsOf(results[i])) asked[BUNDLES.findIndex((b) => b.name === x.bundle)].add(x.module);
}
// Second pass: each bundle again, now exporting what the later ones ask of it; its modules must not change.
for (let i = 0; i < BUNDLES.length - 1; i++) {
  results[i] = await buildBundle(i, asked[i]);
  if ([...modulesOf(results[i])].join() !== [...bundleModules[i]].join()) throw new Error(`${BUNDLES[i].name}.js: its modules changed when it exported the shared ones`);
}
for (const [i, result] of results.entries()) {
  for (const x of importsOf(result)) {
    const target = BUNDLES.findIndex((b) => b.name === x.bundle);
    // A later bundle only by dynamic import: a static one would load it whenever this one loads.
    if (target > i && x.kind !== "dynamic-import") throw new Error(`${x.from} imports ${x.module} statically: it would load ${x.bundle}.js with ${BUNDLES[i].name}.js`);
  }
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.contents);
  }
}
await build({
  absWorkingDir: root,
  entryPoints: { svcgen: "src/cli/launcher.cts" },
  outdir: "dist/bin",
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  logLevel: "warning",
});
// The package is "type": "module"; the files in dist/bin are CommonJS.
writeFileSync(join(bin, "package.json"), '{ "type": "commonjs" }\n');
// The launcher reads the bundle as latin1, which is right only for ASCII (esbuild escapes non-ASCII in
// strings, not in regular expressions: write those as \u escapes).
for (const name of BUNDLES.map((b) => `${b.name}.js`)) {
  const bundled = readFileSync(join(bin, name));
  const nonAscii = bundled.findIndex((b) => b > 0x7f);
  if (nonAscii >= 0) throw new Error(`dist/bin/${name} is not ASCII at byte ${nonAscii}: ${bundled.subarray(Math.max(0, nonAscii - 60), nonAscii + 20).toString()}`);
}
trainCodeCache();

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

// The code caches (see src/cli/launcher.cts): one process runs the commands below, then saves the
// bytecode of everything that ran in each bundle. cli.js's cache is saved after the two `validate`s
// (README's example, with the options that let every target build it: the bench's realistic spec; then
// with every target's checks): V8 deserializes all of a cache at start, and the bytecode of what only
// `build` runs in cli.js (130 KB more) would cost every `validate` its reading (0.5 to 1 ms here) to
// spare a `build` compiling it (about 4 ms).
// Then `build --target all`, an import of the systemd unit and of the WinSW XML that build wrote, and
// --version (commander), for the other two bundles. Each command has one spec: the output is not
// wanted here; a failure is.
function trainCodeCache() {
  const work = mkdtempSync(join(tmpdir(), "svcgen-cache-"));
  try {
    const spec = join(work, "service.yaml");
    writeFileSync(spec, realisticSpec(0));
    const out = join(work, "out");
    const commands = [
      ["validate", spec],
      ["validate", spec, "--target", "all"],
      "cli.js",
      ["build", spec, "--target", "all", "--out", out],
      ["import", join(out, "orders-api-0.service"), "--out", join(work, "imported-unit")],
      ["import", join(out, "orders-api-0.xml"), "--out", join(work, "imported-winsw")],
      ["--version"],
      "cli-build.js cli-more.js",
    ];
    const launcher = JSON.stringify(join(bin, "svcgen.js"));
    // Runs the commands in one process; then writes the caches, or prints which bundles took theirs.
    const run = (then) => `
      const { loadCli, writeCodeCaches } = require(${launcher});
      const cli = loadCli();
      (async () => {
        for (const step of ${JSON.stringify(commands)}) {
          if (typeof step === "string") {
            ${then}
            continue;
          }
          const code = await cli.main(step);
          if (code !== 0) throw new Error("svcgen " + step.join(" ") + " exited " + code);
        }
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const made = spawnSync(process.execPath, ["-e", run("writeCodeCaches(cli.loaded().filter((b) => step.split(' ').includes(b.name)));")], { cwd: root, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
    if (made.status !== 0) throw new Error(`making the code caches failed:\n${made.stderr}`);
    // The caches must be ones this node takes (no V8 flags differ): otherwise they only cost a read.
    for (const dir of ["out", "imported-unit", "imported-winsw"]) rmSync(join(work, dir), { recursive: true, force: true });
    const check = spawnSync(process.execPath, ["-e", run('if (step !== "cli.js") process.stderr.write("\\ncaches: " + cli.loaded().map((b) => b.name + ":" + b.cacheUsed).join(" "));')], { cwd: root, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
    const used = /\ncaches: (.*)$/.exec(check.stderr)?.[1];
    if (used !== BUNDLES.map((b) => `${b.name}.js:true`).join(" ")) throw new Error(`V8 refused the code caches just made for it: ${used ?? check.stderr}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
