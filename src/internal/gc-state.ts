/**
 * Whether automatic delivery is on (Python's `gc.isenabled()`), and the one gate through which every
 * delivery that the engine starts passes (CONTRACT §12, `gc.disable()`).
 *
 * What "engine-driven" means here: a FinalizationRegistry callback, which V8 runs in a task of its
 * own some time after a collection of its choosing. Two kinds deliver user-visible effects:
 * - the library's registry (lifecycle.ts), for a referent's weak list: its reference callbacks,
 *   `finalize` finalizers, WeakKeyDictionary and WeakSet clean-ups (all callbacks of `ref`s), and the
 *   KeyedRef callbacks of WeakValueDictionary entries;
 * - each WeakValueDictionary's own registry (value-entries.ts), for an entry whose KeyedRef was never
 *   made: its removal from the dictionary (`len(d)` drops).
 * Both ask {@link engineMayDeliver} first. While gc is disabled the answer is no, and the caller leaves
 * what it would have delivered exactly where `gc.collect()`'s sweep finds it: the weak list stays in
 * the sweep's table, the entry in its dictionary. Nothing is copied into a queue, so holding back keeps
 * nothing alive (the referent is dead already; the list and the entry were held by those tables
 * anyway), and the order of delivery is the sweep's, which is CPython's: dictionary entries first, then
 * the dead referents oldest registration first, each one's callbacks newest first (lifecycle.ts).
 *
 * What is not gated: the registry's death watches that run no user code (a dead WeakValueDictionary
 * forgotten by value-dictionaries.ts) and the canary that keeps V8's clean-up going (lifecycle.ts);
 * and `gc.collect()` itself, whose sweep delivers everything, held back or not, as CPython's
 * `gc.collect()` collects while automatic collection is disabled.
 *
 * This module imports nothing of the library, so that lifecycle.ts and value-entries.ts can ask it
 * without an import cycle; gc-module.ts does the rest (the sweep on `gc.enable()`).
 */

let enabled = true;

/**
 * How many deliveries were held back since the last sweep began. Only a count: what was held back
 * stays in the tables the sweep reads. Reset by every sweep (gc-module.ts registers the sweeper that
 * does it), since a sweep delivers every referent found dead, held back or not.
 */
let held = 0;

/** Python's `gc.isenabled()`. */
export function isEnabled(): boolean {
  return enabled;
}

/** Sets the flag only; delivering what was held back is gc-module.ts's `enable()`. */
export function setEnabled(on: boolean): void {
  enabled = on;
}

/**
 * The gate. Called by a registry callback before it delivers anything for a dead referent: true means
 * deliver now; false (gc disabled) means leave it in place for the next sweep, which this counts.
 */
export function engineMayDeliver(): boolean {
  if (enabled) return true;
  held++;
  return false;
}

/** How many deliveries are waiting for a sweep (0 once one has begun). */
export function heldCount(): number {
  return held;
}

/** A sweep has begun: everything held back is now in its hands. */
export function clearHeld(): void {
  held = 0;
}
