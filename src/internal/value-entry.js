"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ValueEntry = exports.DETACHED = void 0;
exports.detach = detach;
exports.keyedRefOf = keyedRefOf;
/**
 * One entry of a WeakValueDictionary: the WeakRef to its value, and the KeyedRef that CPython stores
 * instead, made only when someone asks for it.
 *
 * Why an entry is not a KeyedRef from the start (issue 10: at most 200 bytes per entry; CPython takes
 * 158): a KeyedRef is a callable (a function object, its closure, its link) plus, for its value, a
 * weak list, its registration and a slot in the library's referent -> list table: about 500 bytes.
 * Nothing can see a KeyedRef that nobody asked for except `getweakrefcount`/`getweakrefs` (which make
 * them first: weak-list.ts `makeOnDemandRefs`), `valuerefs()` and `itervaluerefs()`. So an entry is
 * one object, a WeakRef subclass with the key, its creation stamp and the KeyedRef once made, plus
 * its registration in its dictionary's FinalizationRegistry: about 150 bytes with the dictionary's
 * Map slot. A KeyedRef made later is filed in its value's list under the entry's stamp, so that
 * `getweakrefs()` order and callback order are those of a KeyedRef made with the entry.
 *
 * What keeps what alive:
 * - the dictionary's `data` Map holds its entries; an entry holds its key and, once made, its KeyedRef
 *   strongly, its value only weakly (it is the WeakRef);
 * - the dictionary's own FinalizationRegistry holds every entry registered with it while the entry's
 *   value lives. That registry is reachable only from the dictionary: when the dictionary goes, the
 *   engine drops the registry, its registrations and so the entries (a long-lived registry shared by
 *   all dictionaries would keep the keys of a dropped dictionary alive as long as its values);
 * - an entry that leaves its dictionary while its value lives is {@link detach}ed: it lets go of its key
 *   and KeyedRef, so that the registration left behind holds only the bare entry (about 56 bytes) until
 *   the value dies, the dictionary goes, or the dictionary moves its entries to a new registry (which
 *   it does once such registrations outnumber its entries: value-entries.ts `leftWhileAlive`).
 */
const keyed_ref_1 = require("../keyed-ref");
const natives_1 = require("./natives");
const ref_1 = require("../ref");
/** The key of an entry that left its dictionary. Private: no user key can be it. */
exports.DETACHED = Symbol('pyweakref.detachedEntry');
/**
 * One entry; see the module comment. Fields are assigned in the constructor only (no class-field
 * initialisers), so that every entry has one shape and `entry.deref()` stays monomorphic in `get()`.
 */
class ValueEntry extends natives_1.NativeWeakRef {
    constructor(value, key, order) {
        super(value);
        this.key = key;
        this.order = order;
        this.keyed = undefined;
    }
}
exports.ValueEntry = ValueEntry;
/** Lets go of what an entry that left its dictionary holds (its registration may outlive it). */
function detach(entry) {
    entry.key = exports.DETACHED;
    entry.keyed = undefined;
}
/**
 * The entry's KeyedRef, made now if it was not yet (with `remove`, the dictionary's clean-up, as its
 * callback), filed in its value's list at the entry's creation stamp; `undefined` if the value died.
 */
function keyedRefOf(entry, remove) {
    if (entry.keyed !== undefined)
        return entry.keyed;
    const value = entry.deref();
    if (value === undefined || entry.key === exports.DETACHED)
        return undefined;
    const wr = new keyed_ref_1.KeyedRef(value, remove, entry.key);
    const link = wr[ref_1.LINK];
    link.list.backdate(link, entry.order);
    entry.keyed = wr;
    return wr;
}
