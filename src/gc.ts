/**
 * A small stand-in for Python's `gc` module: `gc.collect()` (CONTRACT §9), `gc.get_referrers()` and
 * `gc.get_referents()` (CONTRACT §12, §13).
 */
import { getForceGc, gcUnavailableReason } from './internal/force-gc';
import { getReferents, getReferrers } from './internal/heap/referrers';
import { sweep } from './internal/lifecycle';
import { messages } from './internal/messages';
import { nextMacrotask } from './internal/natives';

/**
 * Rounds after which `collect()` stops even if callbacks keep dropping objects: a callback chain
 * that makes a new garbage referent in every round would otherwise never settle.
 */
const MAX_ROUNDS = 1000;

async function collect(): Promise<number> {
  return collectRounds();
}

/**
 * `gc.collect()`'s loop. With `enough`, the loop may stop after its first round: when `enough()` is
 * true and that round could not have dropped the last reference to anything (no callback ran, no
 * dead dictionary let go of its table). The lifetime assertions
 * use it, so that a check on an object that is gone costs one full collection; anything else that round
 * found dead was delivered in it, as `gc.collect()` would have.
 */
export async function collectRounds(enough?: () => boolean): Promise<number> {
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
    if (round === 0 && enough !== undefined && !result.mayFreeMore && enough()) break;
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

// Not async, and the rest array is handed on at once: the arguments are read into a probe of weak
// references before the first await, so no suspended frame of the library holds them (referrers.ts).
function get_referrers(...objs: unknown[]): Promise<unknown[]> {
  return getReferrers(objs);
}

function get_referents(...objs: unknown[]): Promise<unknown[]> {
  return getReferents(objs);
}

/**
 * Python's `gc`, reduced to `collect()`, `get_referrers()` and `get_referents()`.
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

  /**
   * The objects that directly hold any of `objs`, read from a V8 heap snapshot: Python's
   * `gc.get_referrers(*objs)`, as a promise (a heap snapshot is asynchronous in Node).
   *
   * Engine internals are lifted to the object that owns them: a Map's or Set's hash table gives the
   * Map or Set, an array's or object's backing store the array or object, a pending promise's reaction
   * the promise, a WeakMap value its key (the WeakMap itself does not hold its values), and a variable
   * captured by closures every function that closes over its scope (Python lists the cell). Each
   * referrer is listed once, in heap snapshot order. Frames are never listed: a local of a running
   * function or of a suspended async function has no referrer object here (Python lists the frame).
   * Primitives (numbers, strings) are values, not objects: they have no referrers (`[]`).
   *
   * Taking the snapshot changes nothing: after the promise resolves, every object is held by exactly
   * what held it before, plus the returned array. Not affected by `PYWEAKREF_RETAINERS=0`. Costs a
   * full heap snapshot (about a second for a test process): a debugging tool, as in Python.
   *
   * @param objs - the objects whose holders are wanted; primitives are allowed and find nothing.
   * @returns a promise of an array of the holders (Python returns a list).
   * @throws Error (rejects) outside Node.js (a browser, Bun, Deno), with a message that says why:
   *   `gc.get_referrers() needs a V8 heap snapshot: <reason>`; or when the snapshot cannot be read.
   * @example
   * ```ts
   * const cache = new Map([['a', page]]);
   * const holders = await gc.get_referrers(page);   // Python: gc.get_referrers(page)
   * holders.includes(cache);                        // true
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.get_referrers
   */
  get_referrers(...objs: unknown[]): Promise<unknown[]>;

  /**
   * The objects that each of `objs` directly holds, read from a V8 heap snapshot: Python's
   * `gc.get_referents(*objs)`, as a promise.
   *
   * For an object or array: the values of its properties and elements, and its prototype (Python
   * lists an instance's class); for a Map its keys and values, for a Set its members; for a function
   * the variables it captures (those of the scope it closes over; other functions of that scope share
   * them); for a bound function its target, `this` and arguments; for a Proxy its target and handler;
   * for a settled promise its result. A WeakMap's or WeakRef's contents are not held, so not listed.
   * One entry per reference, argument by argument: an object held twice is listed twice, as in
   * Python. Primitives (numbers, strings, symbols) are not listed (Python lists ints and strs), and a
   * primitive argument holds nothing.
   *
   * @param objs - the objects whose contents are wanted.
   * @returns a promise of an array of the objects held (Python returns a list).
   * @throws Error (rejects) outside Node.js, with a message that says why:
   *   `gc.get_referents() needs a V8 heap snapshot: <reason>`; or when the snapshot cannot be read.
   * @example
   * ```ts
   * const held = await gc.get_referents({ a: page, b: [1] });   // Python: gc.get_referents(o)
   * // [page, [1], Object.prototype]
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.get_referents
   */
  get_referents(...objs: unknown[]): Promise<unknown[]>;
} = { collect, get_referrers, get_referents };
