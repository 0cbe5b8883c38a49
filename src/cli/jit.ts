// V8's default tiering is made for programs that run for a while: it compiles the functions a build of
// many specs calls most (about 70 in a 200-spec build of all targets) with its optimising compiler.
// svcgen exits before most of that pays back, and the compilation competes with the build and the
// garbage collector for the CPU (on two cores, a 200-spec build spent about as much CPU in TurboFan as
// in svcgen itself). Twice the default interrupt budget (132 KiB of bytecode executed before V8
// considers optimising) leaves about 25 functions to optimise and made that build about 20% faster.
// --always-sparkplug then compiles each function to V8's quick baseline code when it is first run,
// which is cheap next to interpreting it 200 times (about 2% more; at start-up it would cost, so a
// short run sets neither). --no-turbo-inlining: the functions that do get optimised are compiled
// without inlining their callees, which made TurboFan's work (on the second core, or on the same one
// when the machine is busy) about a third smaller and the 200-spec realistic build about 6% fewer
// instructions and 7% less wall time (issue 11); svcgen's hot functions are small helpers called from
// many places, where inlining buys little in a run this short. Measure with `npm run bench`.
//
// V8 refuses a code cache made under other flags than its own (src/cli/launcher.cts): the flags are set
// once the first spec is compiled, when the bundles a build or validate runs are loaded with theirs. A
// bundle loaded later compiles from source, as without a cache: cli-more.js, for the yaml library or
// the schema's messages when a later spec has an error, about 19 ms here. So only batches long enough
// for the flags to pay are tuned: `validate --target all` of 20 realistic specs took the same time with
// them as without (98 ms), of 50 specs 158 ms against 188 ms, of 100 specs 219 ms against 247 ms.
//
// Only where the flags are known to exist: V8 writes "unrecognized flag" to stderr for any other, and
// setting them after start-up is otherwise harmless (V8 reads both whenever it next decides a tier).
const KNOWN_V8 = /^1[1-3]\./;

const BATCH = 32;

let tuned = false;

/**
 * For a command that has compiled the first of `specs` specs: tunes V8 for the rest of a short batch
 * run of at least BATCH specs. (node:v8 is loaded only then: a `validate` of a few staged specs in a
 * pre-commit hook does not pay for it.)
 */
export async function tuneForBatch(specs: number): Promise<void> {
  if (tuned || specs < BATCH || !KNOWN_V8.test(process.versions.v8)) return;
  tuned = true;
  (await import("node:v8")).setFlagsFromString("--interrupt-budget=270336 --always-sparkplug --no-turbo-inlining");
}
