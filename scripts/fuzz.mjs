// npm run fuzz -- --runs 100000 [--seed N]: the property tests of test/property, and the YAML subset
// reader's differential tests, with many more cases. Prints, per target: exact / refused / silently
// wrong / unjustified refusal / crashed, and the share of refusals by code.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const env = { ...process.env, SVCGEN_FUZZ_RUNS: opt("--runs", "100000"), SVCGEN_FUZZ_SEED: opt("--seed", String(Date.now() % 2 ** 31)) };
const vitest = fileURLToPath(new URL("../node_modules/vitest/vitest.mjs", import.meta.url));
const r = spawnSync(process.execPath, [vitest, "run", "test/property", "test/spec/yaml-fast.test.ts", "--reporter=dot", "--testTimeout=0"], { stdio: "inherit", env });
process.exitCode = r.status ?? 1;
