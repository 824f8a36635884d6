/**
 * A small stand-in for Python's `gc` module: `gc.collect()` (CONTRACT §9).
 */
import { getForceGc, gcUnavailableReason } from './internal/force-gc';
import { sweep } from './internal/lifecycle';
import { messages } from './internal/messages';
import { nextMacrotask } from './internal/natives';

/**
 * Rounds after which `collect()` stops even if callbacks keep dropping objects: a callback chain
 * that makes a new garbage referent in every round would otherwise never settle.
 */
const MAX_ROUNDS = 1000;

async function collect(): Promise<number> {
  const forceGc = getForceGc();
  if (forceGc === undefined) throw new Error(messages.noGc(gcUnavailableReason()));
  let cleared = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // A new macrotask first: targets that the caller's job created or dereferenced WeakRefs to are
    // kept alive until that job ends (and so are those this loop's previous sweep dereferenced).
    await nextMacrotask();
    forceGc();
    const result = sweep();
    cleared += result.cleared;
    // Callbacks may have dropped the last reference to other referents: go round until a
    // collection finds nothing more (CPython's gc.collect() does the same within one call).
    // At least two rounds, each in its own macrotask: the engine can briefly hold an object that the
    // program already dropped (a handle of a concurrent compilation job, seen in the reliability
    // fuzz as a reference object counted right after a single collection and gone after the next).
    // A second full collection a task later catches those; it costs one more gc() per call.
    if (result.dead === 0 && round >= 1) break;
  }
  return cleared;
}

/**
 * Python's `gc`, reduced to `collect()`.
 *
 * @example
 * ```ts
 * let o: object | undefined = {};
 * const r = ref(o, () => console.log('gone'));
 * o = undefined;            // Python: del o
 * await gc.collect();       // prints 'gone'
 * r();                      // undefined
 * ```
 * @see https://docs.python.org/3/library/gc.html#gc.collect
 */
export const gc: {
  /**
   * Forces a full collection and delivers, before the promise resolves, every callback, container
   * clean-up and finalizer due for objects that were unreachable when it was called, repeating until
   * a round finds nothing more dead. Resolves to the number of reference objects cleared.
   *
   * Each round starts in a new macrotask, so references created or read by the caller's job do not
   * keep their referents alive (see docs/gc-semantics.md). Needs no command-line flag in Node.js.
   *
   * @returns a promise of the number of reference objects cleared (Python returns the number of
   *   unreachable objects found; only the references are countable here).
   * @throws Error (rejects) when the engine offers no way to force a collection: a browser page
   *   without an exposed `gc()` (Chromium: `--js-flags=--expose-gc`).
   * @example
   * ```ts
   * const cleared = await gc.collect();   // Python: gc.collect()
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.collect
   */
  collect(): Promise<number>;
} = { collect };
