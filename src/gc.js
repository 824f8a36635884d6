"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.gc = void 0;
exports.collectRounds = collectRounds;
/**
 * A small stand-in for Python's `gc` module: `gc.collect()` (CONTRACT §9), `gc.get_referrers()` and
 * `gc.get_referents()` (CONTRACT §12, §13).
 */
const force_gc_1 = require("./internal/force-gc");
const referrers_1 = require("./internal/heap/referrers");
const lifecycle_1 = require("./internal/lifecycle");
const messages_1 = require("./internal/messages");
const natives_1 = require("./internal/natives");
/**
 * Rounds after which `collect()` stops even if callbacks keep dropping objects: a callback chain
 * that makes a new garbage referent in every round would otherwise never settle.
 */
const MAX_ROUNDS = 1000;
async function collect() {
    return collectRounds();
}
/**
 * `gc.collect()`'s loop. With `enough`, the loop may stop after its first round: when `enough()` is
 * true and that round could not have dropped the last reference to anything (no callback ran, no
 * dead dictionary let go of its table). The lifetime assertions
 * use it, so that a check on an object that is gone costs one full collection; anything else that round
 * found dead was delivered in it, as `gc.collect()` would have.
 */
async function collectRounds(enough) {
    const forceGc = (0, force_gc_1.getForceGc)();
    if (forceGc === undefined)
        throw new Error(messages_1.messages.noGc((0, force_gc_1.gcUnavailableReason)()));
    let cleared = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
        // A new macrotask first: targets that the caller's job created or dereferenced WeakRefs to are
        // kept alive until that job ends (and so are those this loop's previous sweep dereferenced).
        await (0, natives_1.nextMacrotask)();
        forceGc();
        const result = (0, lifecycle_1.sweep)();
        cleared += result.cleared;
        if (round === 0 && enough !== undefined && !result.mayFreeMore && enough())
            break;
        // Callbacks may have dropped the last reference to other referents: go round until a
        // collection finds nothing more (CPython's gc.collect() does the same within one call).
        // At least two rounds, each in its own macrotask: the engine can briefly hold an object that the
        // program already dropped (a handle of a concurrent compilation job, seen in the reliability
        // fuzz as a reference object counted right after a single collection and gone after the next).
        // A second full collection a task later catches those; it costs one more gc() per call.
        if (result.dead === 0 && round >= 1)
            break;
    }
    return cleared;
}
// Not async, and the rest array is handed on at once: the arguments are read into a probe of weak
// references before the first await, so no suspended frame of the library holds them (referrers.ts).
function get_referrers(...objs) {
    return (0, referrers_1.getReferrers)(objs);
}
function get_referents(...objs) {
    return (0, referrers_1.getReferents)(objs);
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
exports.gc = { collect, get_referrers, get_referents };
