import { it } from "vitest";

// A conformance test may skip when its oracle (systemd-analyze, wine, xmllint, ...) is missing on a
// developer's machine, but in CI a missing oracle fails: a skipped check there would be a green lie.
export const inCI = process.env.CI === "true" || process.env.CI === "1";

/**
 * `it` when the oracle is present; otherwise `it.skip` locally, and a failing test in CI that says
 * which oracle is missing and how to install it.
 */
export function itWithOracle(available: boolean, oracle: string, install: string) {
  if (available) return it;
  if (inCI) {
    return (name: string, _fn: unknown, _timeout?: number) =>
      it(name, () => {
        throw new Error(`oracle ${oracle} is missing in CI (${install})`);
      });
  }
  return it.skip;
}
