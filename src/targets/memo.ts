// compile() gives a target's check and then its emitter the same model object, and both need the
// model's command plan and its lines (check measures the lines, emit writes them). These caches keep
// the most recent model's, so the second call finds them: about 2% of a 200-spec build. (A WeakMap per
// object, tried first, cost more in garbage collection than it saved.) Only for pure functions of
// values that are never changed after they are made.

/** `fn` remembering its value for the most recent argument only. */
export function lastValueOf<K, V>(fn: (key: K) => V): (key: K) => V {
  let last: { key: K; value: V } | undefined;
  return (key) => {
    if (last?.key !== key) last = { key, value: fn(key) };
    return last.value;
  };
}

/** `derive(part)` once per part (a plan's command), until `forget()` (called when a new plan is made). */
export function perPart<P extends object, V>(derive: (part: P) => V): { get(part: P): V; forget(): void } {
  const values = new Map<P, V>();
  return {
    get(part) {
      if (values.has(part)) return values.get(part) as V;
      const value = derive(part);
      values.set(part, value);
      return value;
    },
    forget: () => values.clear(),
  };
}
