/**
 * A stand-in for Python's `gc` module: `gc.collect()` (CONTRACT §9), `gc.get_referrers()` and
 * `gc.get_referents()` (CONTRACT §12, §13), and every other function of Python's `gc` (CONTRACT §12),
 * whose types are in gc-api.ts and whose implementation is internal/gc-module.ts.
 */
import { getForceGc, gcUnavailableReason } from './internal/force-gc';
import { getReferents, getReferrers } from './internal/heap/referrers';
import { sweep } from './internal/lifecycle';
import * as messages from './internal/messages';
import { nextMacrotask } from './internal/natives';
import { beginCollection, defineConstantMembers, endCollection, gcMembers } from './internal/gc-module';
import type { GcControl } from './gc-api';

/**
 * Rounds after which `collect()` stops even if callbacks keep dropping objects: a callback chain
 * that makes a new garbage referent in every round would otherwise never settle.
 */
const MAX_ROUNDS = 1000;

// Python's gc.collect(generation=2). beginCollection() runs synchronously, inside the call: the checks
// (a bad argument rejects), `gc.callbacks` with 'start', the counts; endCollection() the statistics
// and 'stop'. Works the same whether gc is enabled or not: the sweep delivers everything.
async function collect(...args: unknown[]): Promise<number> {
  const collection = beginCollection(args);
  const cleared = await collectRounds();
  endCollection(collection, cleared);
  return cleared;
}

/**
 * `gc.collect()`'s loop: one full collection, then another only while the previous one ran user code
 * that may have dropped the last reference to more objects (a callback or finalizer ran, or a dead
 * dictionary let go of its table). CPython's `gc.collect()` likewise finds, within one call, what the
 * callbacks of the objects it freed let go of. In the common case (no callback ran) that is one full
 * collection.
 *
 * One collection is enough because nothing but the program holds a dropped object at that moment:
 * V8's concurrent compilation jobs, which hold the function they compile (and through its context
 * whatever it closes over) until the job is finished and destroyed, are finished before each `gc()`
 * and destroyed on the main thread (see force-gc.ts). Without that, a reference object dropped by the
 * program could outlive one collection (issue 15: the "late reference object" of the fuzzers).
 */
export async function collectRounds(): Promise<number> {
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
    if (!result.mayFreeMore) break;
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
 * Python's `gc`: `collect()`, `get_referrers()`, `get_referents()`, and every other function and
 * constant of Python's `gc` module ({@link GcControl}), each with its meaning on a tracing collector.
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
export const gc: GcControl & {
  /**
   * Forces a full collection and delivers, before the promise resolves, every callback, container
   * clean-up and finalizer due for objects that were unreachable when it was called, and collects
   * again while those ran code that may have dropped more (as CPython's does within one call).
   * Resolves to the number of reference objects cleared. Usually one full collection of the engine.
   *
   * Each round starts in a new macrotask, so references created or read by the caller's job do not
   * keep their referents alive (see docs/gc-semantics.md). Needs no command-line flag in Node.js.
   *
   * Works while gc is disabled, as in Python, and then also delivers what `gc.disable()` held back.
   * Calls `gc.callbacks` with `'start'` (synchronously, inside the call) and `'stop'` (just before the
   * promise resolves), and counts in `gc.get_stats()[generation]` and `gc.get_count()`.
   *
   * @param generation - 0, 1 or 2 (Python's default, also for `undefined`): every generation collects
   *   everything here; the argument is checked and counted as CPython does.
   * @returns a promise of the number of reference objects cleared (Python returns the number of
   *   unreachable objects found; only the references are countable here).
   * @throws RangeError (rejects) `invalid generation` for an integer other than 0, 1 or 2 (Python's
   *   ValueError); TypeError (rejects) `'<type>' object cannot be interpreted as an integer` or
   *   `collect() takes at most 1 argument (n given)`. Error (rejects) when the engine offers no way to
   *   force a collection: a browser page without an exposed `gc()` (Chromium: `--js-flags=--expose-gc`).
   * @example
   * ```ts
   * const cleared = await gc.collect();   // Python: gc.collect()
   * await gc.collect(0);                  // Python: gc.collect(0)
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.collect
   */
  collect(generation?: 0 | 1 | 2): Promise<number>;

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
} = { collect, get_referrers, get_referents, ...gcMembers } as unknown as GcControl & {
  collect(generation?: 0 | 1 | 2): Promise<number>;
  get_referrers(...objs: unknown[]): Promise<unknown[]>;
  get_referents(...objs: unknown[]): Promise<unknown[]>;
};
// `callbacks`, `garbage` and the DEBUG_* constants: read-only properties (gc-module.ts says why).
defineConstantMembers(gc);
