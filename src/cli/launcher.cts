#!/usr/bin/env node
// The executable (dist/bin/svcgen.js): loads the CLI's bundles with V8's code cache.
//
// Most of a short run's time beyond bare node went to V8 parsing and compiling svcgen's code, every
// time: about 40 ms of an 80 ms `validate` on the development machine. `npm run build` runs the CLI
// once on a few specs and saves V8's compiled bytecode for every function that ran, one cache file per
// bundle (scripts/build.mjs); here V8 takes that bytecode instead of compiling again. ES modules have
// no such API in Node 20 (module.enableCompileCache came in Node 22), so the bundles are CommonJS,
// which also spares the ES module loader's own start-up.
//
// Three bundles (scripts/build.mjs): cli.js holds what `validate` runs and main(), cli-build.js what
// `build` adds (emitters, templates), cli-more.js the rest (import, diff, init, commander, ...). Each
// module is in one of them; a bundle reaches another's modules by `require("svcgen-<bundle>:<path>")`,
// answered here by loading that bundle the first time it is asked for.
//
// A cache is read only from beside its bundle, where it was written with it: V8 code is code, so it
// must come from wherever the code itself comes from, never from a shared temporary folder. V8 rejects
// a cache made by another V8 version or with other V8 flags (NODE_OPTIONS=--max-old-space-size, say);
// svcgen then compiles as it would without one, which is correct, only slower.
//
// (CommonJS syntax: TypeScript's verbatimModuleSyntax writes a .cts file as it is.)
import fs = require("node:fs");
import path = require("node:path");
import vm = require("node:vm");

// A bundle is compiled as the body of a function with CommonJS's parameters, on the wrapper's own first
// line: the bundle's line numbers in stack traces are the file's.
const WRAPPER = "(function (exports, require, module, __filename, __dirname) {";

interface BundleExports {
  main?(argv: string[]): Promise<number>;
  modules: Record<string, () => unknown>;
}

interface LoadedBundle {
  name: string;
  script: vm.Script;
  exports: BundleExports;
  /** Whether V8 took the cache file (false: there was none, or it was made by another V8 or with other flags). */
  cacheUsed: boolean;
}

const cacheFile = (name: string) => path.join(__dirname, name.replace(/\.js$/, ".code-cache"));

function loadBundle(name: string, requireShared: (id: string) => unknown): LoadedBundle {
  const file = path.join(__dirname, name);
  // Bundles are ASCII (scripts/build.mjs checks): read as latin1, the bytes are the string, without the
  // UTF-8 decoder's pass over them.
  const source = fs.readFileSync(file, "latin1");
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(cacheFile(name));
  } catch {
    // none: compiled from source
  }
  const script = new vm.Script(`${WRAPPER}${source}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const mod = { exports: {} as BundleExports };
  const bundleRequire = (id: string) => (id.startsWith("svcgen-") ? requireShared(id) : require(id));
  script.runInThisContext()(mod.exports, bundleRequire, mod, file, __dirname);
  return { name, script, exports: mod.exports, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}

function loadCli() {
  const loaded = new Map<string, LoadedBundle>();
  const bundle = (name: string): LoadedBundle => {
    let b = loaded.get(name);
    if (!b) {
      b = loadBundle(name, requireShared);
      loaded.set(name, b);
    }
    return b;
  };
  function requireShared(id: string): unknown {
    const colon = id.indexOf(":");
    const b = bundle(`${id.slice("svcgen-".length, colon)}.js`);
    const get = b.exports.modules[id.slice(colon + 1)];
    if (!get) throw new Error(`svcgen: ${b.name} has no module ${id}`);
    return get();
  }
  return {
    main: bundle("cli.js").exports.main!,
    /** The bundles loaded so far, in the order they were. */
    loaded: (): LoadedBundle[] => [...loaded.values()],
  };
}

/** Writes the bytecode of every function run so far, for the next start (scripts/build.mjs). */
function writeCodeCaches(bundles: LoadedBundle[]): void {
  for (const b of bundles) fs.writeFileSync(cacheFile(b.name), b.script.createCachedData());
}

export = { loadCli, writeCodeCaches };

if (require.main === module) {
  loadCli()
    .main(process.argv.slice(2))
    // Exit at once: the CLI's writes are synchronous and it has nothing left to run, and V8 would
    // otherwise tear down a heap that holds the bundles (about 2 ms of a `validate`).
    .then((code) => process.exit(code));
}
