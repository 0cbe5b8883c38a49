import fc from "fast-check";

// Every property test runs on a fixed seed unless it names its own, so that a CI run judges the commit,
// not the luck of the draw: a case found by chance would fail one run and pass the next. Exploring is
// `npm run fuzz`'s job (a new seed each time, more runs): SVCGEN_FUZZ_SEED sets the seed here too, and
// a failure prints the seed and path that replay it.
fc.configureGlobal({ seed: Number(process.env.SVCGEN_FUZZ_SEED ?? 20261206) });
