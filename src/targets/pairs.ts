// Value tables written once, as pairs, and read in both directions: an emitter maps a spec value to the
// target's (left to right), a reader maps the target's back (right to left). A target value that no pair
// holds is one the spec cannot state: the reader reports it.

export type Pairs<S, T> = readonly (readonly [S, T])[];

/** The target's value for a spec value. */
export function toTarget<S, T>(pairs: Pairs<S, T>, spec: S): T {
  const p = pairs.find(([s]) => s === spec);
  if (!p) throw new Error(`internal: no pair for ${String(spec)}`);
  return p[1];
}

/** The spec value for a target's value, or undefined when the spec has none. */
export function toSpec<S, T>(pairs: Pairs<S, T>, target: T): S | undefined {
  return pairs.find(([, t]) => t === target)?.[0];
}
