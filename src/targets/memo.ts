/**
 * `fn` remembering its value for the most recent argument only. compile() gives a target's check and
 * then its emitter the same model object, and both need the model's command plan (check measures its
 * lines, emit writes them): the second call finds it here. (A WeakMap per model, tried first, cost more
 * in garbage collection than it saved.) Only for pure functions of values never changed once made.
 */
export function lastValueOf<K, V>(fn: (key: K) => V): (key: K) => V {
  let last: { key: K; value: V } | undefined;
  return (key) => {
    if (last?.key !== key) last = { key, value: fn(key) };
    return last.value;
  };
}
