"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.getweakrefcount = getweakrefcount;
exports.getweakrefs = getweakrefs;
/**
 * `getweakrefcount` and `getweakrefs` (CONTRACT §4).
 */
const weak_list_1 = require("./internal/weak-list");
const weakrefable_1 = require("./internal/weakrefable");
/**
 * The number of live reference objects of this library (refs, proxies, KeyedRefs, WeakMethods,
 * finalizers, container entries) pointing at `obj`; `0` for a value that cannot be weakly referenced.
 * A reference object that was itself collected no longer counts.
 *
 * @param obj - any value; primitives give `0` (no error).
 * @returns the number of live reference objects to `obj`.
 * @example
 * ```ts
 * const o = {};
 * const r1 = ref(o), r2 = ref(o, () => {});
 * getweakrefcount(o);  // 2
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.getweakrefcount
 */
function getweakrefcount(obj) {
    if (!(0, weakrefable_1.isWeakrefable)(obj))
        return 0;
    (0, weak_list_1.makeOnDemandRefs)(obj); // a WeakValueDictionary entry's KeyedRef counts, made or not yet
    const list = (0, weak_list_1.lookupList)(obj);
    return list === undefined || list.dead ? 0 : list.liveLinks().length;
}
/**
 * The live reference objects pointing at `obj`, in CPython's order: the basic ref, the basic proxy,
 * then all others newest first; `[]` for a value that cannot be weakly referenced.
 *
 * @param obj - any value; primitives give `[]` (no error).
 * @returns a new array of the reference objects (refs, proxies, KeyedRefs, WeakMethods, ...).
 * @example
 * ```ts
 * const o = {};
 * const r = ref(o), p = proxy(o);
 * getweakrefs(o);   // [r, p]
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.getweakrefs
 */
function getweakrefs(obj) {
    if (!(0, weakrefable_1.isWeakrefable)(obj))
        return [];
    (0, weak_list_1.makeOnDemandRefs)(obj);
    const list = (0, weak_list_1.lookupList)(obj);
    return list === undefined || list.dead ? [] : list.liveLinks().map((l) => l.owner);
}
