"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.states = exports.ValueEntry = void 0;
exports.receiverError = receiverError;
exports.stateOf = stateOf;
exports.setEntry = setEntry;
exports.deleteEntry = deleteEntry;
exports.liveValue = liveValue;
exports.createEntries = createEntries;
exports.clearEntries = clearEntries;
exports.iterate = iterate;
exports.keyedRef = keyedRef;
exports.popLast = popLast;
/**
 * The entry table of a WeakValueDictionary: its private state, the one way entries are written
 * (`setEntry`), the one way they are read (`liveValue`), snapshot iteration, and the shared handler
 * of the dict-style Proxy. The public class (weak-value-dictionary.ts) is a thin layer over these.
 *
 * What keeps what alive:
 * - `data` (Python's `self.data`) maps each key to a {@link ValueEntry}: keys are held strongly,
 *   values only through the entries, which are WeakRefs. An entry's KeyedRef (what CPython stores) is
 *   made on demand and then held by the entry; value-entry.ts explains why and how it still counts in
 *   `getweakrefcount(value)` from the start.
 * - `registry`, the dictionary's own FinalizationRegistry, holds each entry while its value lives and
 *   calls `release` when the value dies. It is reachable only from this state, so dropping the
 *   dictionary drops it with all its registrations (and the engine never calls it then).
 * - `remove` (every KeyedRef's callback) and `release` close over `data` and `popOrder` alone. The
 *   core's weak list holds KeyedRefs only weakly, so the cycle data -> entry -> KeyedRef -> callback
 *   -> data is reachable from the dictionary only. (CPython needs `ref(self)` in its `remove` to stay
 *   out of refcount cycles; JavaScript collects cycles, so a plain closure is right here.)
 * - `states` maps both the Proxy and the instance to the state, weakly: it never keeps a dictionary
 *   alive. The state's `self` points back at its own key, which an ephemeron allows.
 * - value-dictionaries.ts holds each dictionary's `table` (`data`, never the dictionary) for
 *   `gc.collect()`'s sweep and `getweakrefcount`, until `sentinel`, which only this state holds, dies.
 *
 * Correct under collection:
 * - `remove` and `release` delete the entry only if it still holds that very KeyedRef or entry, so
 *   replacing a value and then collecting the old one never removes the new entry (CPython issue 28427).
 * - Every read dereferences, so an entry whose value died is treated as missing even before its
 *   clean-up ran; only `size` may still count it until then (`gc.collect()` removes it at once).
 */
const natives_1 = require("./natives");
const messages_1 = require("./messages");
const ids_1 = require("./ids");
const weakrefable_1 = require("./weakrefable");
const weak_list_1 = require("./weak-list");
const retention_1 = require("./retention");
const snapshot_iterator_1 = require("./snapshot-iterator");
const dict_args_1 = require("./dict-args");
const mutable_mapping_1 = require("./mutable-mapping");
const dict_access_proxy_1 = require("./dict-access-proxy");
const value_entry_1 = require("./value-entry");
const value_dictionaries_1 = require("./value-dictionaries");
var value_entry_2 = require("./value-entry");
Object.defineProperty(exports, "ValueEntry", { enumerable: true, get: function () { return value_entry_2.ValueEntry; } });
/** Proxy and instance -> state; weak, so it never keeps a dictionary alive. */
exports.states = new natives_1.NativeWeakMap();
/** The TypeError for a method called on something that is not a WeakValueDictionary. */
function receiverError(self, method) {
    return new TypeError(messages_1.messages.wrongReceiver(method, 'WeakValueDictionary', (0, ids_1.className)(self)));
}
/** The state behind `self` (the Proxy or the instance), or the TypeError for a stranger. */
function stateOf(self, method) {
    const state = self !== null && typeof self === 'object' ? exports.states.get(self) : undefined;
    if (state === undefined)
        throw receiverError(self, method);
    return state;
}
/** The dictionary's registry, made (and the dictionary listed for the sweep) with its first entry. */
function registryOf(state) {
    (0, value_dictionaries_1.trackDictionary)(state.table, state.sentinel);
    return (state.registry = new natives_1.NativeFinalizationRegistry(state.release));
}
/**
 * Python's `__setitem__`: a new entry under `key` (throws for a value that cannot be weakly
 * referenced, before any change).
 *
 * Hot (issue 10: set <= 1.5x Map + WeakRef + register + unregister): one Map lookup and `deref()` for
 * the old entry, one WeakRef (the entry) and one tokenless registration for the new one, one Map
 * store. No unregister for the old entry: it is detached instead (a token would cost a hash-table
 * insertion per entry, and memory), and its registration ends with its value, the dictionary, or the
 * dictionary's move to a new registry ({@link leftWhileAlive}).
 */
function setEntry(state, key, value) {
    const data = state.data;
    const old = data.get(key);
    const current = old === undefined ? undefined : old.deref();
    // The same live value again: keep its entry. CPython makes a new KeyedRef and frees the old at once,
    // so the value still counts one reference; here the old one would count until collected.
    if (current === value && current !== undefined)
        return;
    (0, weakrefable_1.checkWeakrefable)(value);
    const entry = new value_entry_1.ValueEntry(value, key, (0, weak_list_1.takeOrder)());
    (state.registry ?? registryOf(state)).register(value, entry);
    if (old !== undefined) {
        (0, value_entry_1.detach)(old);
        // An entry whose value died is gone for every reader (and, in CPython, from the dict): the key is
        // inserted anew, last, whether or not the clean-up has run yet, so that the order of items() and
        // popitem() never depends on when the engine reports a death (reliability fuzz regression).
        if (current === undefined)
            data.delete(key);
    }
    const before = data.size;
    data.set(key, entry);
    if (data.size !== before)
        state.popOrder.stack = undefined; // a new key goes last: popitem's order changed
    const table = state.table;
    if (table.byValue !== undefined)
        (0, value_dictionaries_1.indexEntry)(table, table.byValue, value, entry);
    // Only now, with the new entry in `data`: a move to a new registry re-registers what `data` holds.
    if (current !== undefined)
        leftWhileAlive(state);
}
/**
 * Removes the entry under `key` (and popitem()'s cached order, which would keep the key alive); returns
 * its value (`undefined` if it had died), or {@link SKIP} when there was no entry.
 */
function deleteEntry(state, key) {
    const entry = state.data.get(key);
    if (entry === undefined)
        return snapshot_iterator_1.SKIP;
    state.data.delete(key);
    state.popOrder.stack = undefined;
    const value = entry.deref();
    (0, value_entry_1.detach)(entry);
    if (value !== undefined)
        leftWhileAlive(state);
    return value;
}
/**
 * Counts a registration left behind by an entry that left while its value lived, and once they
 * outnumber the entries (and 64), moves the live entries to a new registry and drops the old one with
 * everything it held: toggling an entry of a long-lived value (`d[k] = v; delete d[k]`, again and
 * again) would otherwise pile up registrations until `v` dies. Amortised O(1) per removal. An entry
 * found dead on the way is removed here, as its clean-up would have. Dropping a registry that may
 * have dead targets pending is safe: see the canary in lifecycle.ts.
 */
function leftWhileAlive(state) {
    const data = state.data;
    if (++state.stale <= 64 || state.stale <= data.size)
        return;
    const registry = new natives_1.NativeFinalizationRegistry(state.release);
    for (const [key, entry] of data) {
        const value = entry.deref();
        if (value === undefined) {
            data.delete(key);
            state.popOrder.stack = undefined;
        }
        else {
            registry.register(value, entry);
        }
    }
    state.registry = registry;
    state.stale = 0;
}
/** The live value under `key`, or `undefined` (missing, or dead before its clean-up ran). */
function liveValue(state, key) {
    const entry = state.data.get(key);
    return entry === undefined ? undefined : entry.deref();
}
// One handler for every dictionary (no closure per dictionary); its traps reach the state through the
// Proxy's target. `read` is the body of every `d[k]`: one Map lookup and one dereference.
const handler = (0, dict_access_proxy_1.createDictAccessHandler)({
    read: liveValue,
    write: setEntry,
    contains: (state, key) => liveValue(state, key) !== undefined,
    remove: (state, key) => void deleteEntry(state, key),
});
/**
 * Creates the state of the freshly constructed `instance` and returns the Proxy that the constructor
 * must return.
 */
/**
 * The dictionary's own copy of `classGet` (WeakValueDictionary.prototype.get), what `d.get` reads
 * (dict-access-proxy.ts): the same method, but it already knows `data`, so `d.get(k)` costs no state
 * lookup (the class's method must find the state of `this` in a WeakMap). Called with any other `this`
 * (`d.get.call(other, k)`), it is the class's method. Made in a function of its own, so that its
 * closure holds `data`, `self` (the Proxy) and `classGet` only: the closures of `createEntries` are
 * held by KeyedRefs and registries and must never reach the dictionary. The state holds it (and so
 * does whoever keeps `d.get`, which then keeps `d` alive, as a Python bound method keeps its object).
 */
function makeOwnGet(data, self, classGet) {
    return function get(key, defaultValue) {
        if (this !== self)
            return classGet.apply(this, arguments);
        // Hot path (issue 10: <= 1.6x `map.get(k)?.deref()` through the Proxy): the arity check reads
        // `arguments.length` only, then one Map lookup and one dereference, as the class's method does.
        if (arguments.length !== 1 && arguments.length !== 2)
            throw (0, dict_args_1.argCountError)('get', 1, 2, arguments.length);
        const entry = data.get(key);
        if (entry !== undefined) {
            const value = entry.deref();
            if (value !== undefined)
                return value;
        }
        return defaultValue;
    };
}
function createEntries(instance, classGet) {
    const data = new Map();
    const popOrder = { stack: undefined };
    // CPython: weakref.py WeakValueDictionary.__init__.remove, with _remove_dead_weakref's check that
    // the entry still holds this very reference (issue 28427). Closes over `data` and `popOrder` only.
    const remove = (wr) => {
        const entry = data.get(wr.key);
        if (entry !== undefined && entry.keyed === wr) {
            data.delete(wr.key);
            (0, value_entry_1.detach)(entry);
            popOrder.stack = undefined;
        }
    };
    // The same for an entry whose KeyedRef was never made, when the engine reports its value's death.
    const release = (entry) => {
        const key = entry.key;
        if (key !== value_entry_1.DETACHED && data.get(key) === entry) {
            data.delete(key);
            popOrder.stack = undefined;
        }
    };
    const state = {
        members: dict_access_proxy_1.NO_MEMBERS,
        ownTable: false,
        classGet,
        ownGet: undefined,
        fastGet: undefined,
        data,
        remove,
        release,
        registry: undefined,
        stale: 0,
        table: { data, remove, popOrder, byValue: undefined, tracked: false },
        sentinel: {},
        self: instance,
        popOrder,
    };
    const proxy = (0, dict_access_proxy_1.wrapWithDictAccess)(instance, state, handler);
    state.self = proxy;
    (0, dict_access_proxy_1.setOwnGet)(state, makeOwnGet(data, proxy, classGet));
    exports.states.set(instance, state);
    exports.states.set(proxy, state);
    (0, mutable_mapping_1.markDictionary)(proxy); // methods run with `this` = the Proxy (the instance was marked by its constructor)
    // For pyweakref/testing (a boolean test each until it loads): `remove` never closes over a value,
    // and the state is tracked weakly (it lives exactly as long as the dictionary, through `states`).
    (0, retention_1.markLibraryCallback)(remove);
    (0, retention_1.trackInstance)('WeakValueDictionary', state);
    return proxy;
}
/**
 * Python's `clear()`: removes every entry. The registry goes too: dropping it ends every registration
 * at once (the entries, and the keys they hold, are not kept until their values die), and the next
 * entry makes a new one. The same Map is kept: the KeyedRefs' callback closes over it.
 */
function clearEntries(state) {
    state.data.clear();
    state.registry = undefined;
    state.stale = 0;
    state.table.byValue = undefined;
    state.popOrder.stack = undefined;
}
/**
 * The retention probe of WeakValueDictionary (see internal/retention.ts): `data` holds its keys
 * strongly, so an object used as a key lives as long as its entry. The values are the KeyedRefs'
 * business (the core's probe). Reads `data.has` only: it keeps nothing and dereferences nothing.
 */
function keysProbe(target) {
    const out = [];
    for (const state of (0, retention_1.trackedInstances)('WeakValueDictionary')) {
        if (state.data.has(target)) {
            out.push(`it is a key of ${(0, ids_1.shortRepr)(state.self)}: a WeakValueDictionary holds its keys strongly`);
        }
    }
    return out;
}
(0, retention_1.registerRetentionProbe)(keysProbe);
/**
 * Iterates the live entries over a snapshot of their keys, reading each entry as it is when reached:
 * skipped if deleted since the snapshot or if its value died. `produce` gets the entry, for
 * `itervaluerefs()`.
 */
function iterate(state, produce) {
    const data = state.data;
    return new snapshot_iterator_1.SnapshotIterator(() => {
        // The live entries only (CPython 3.14 skips the dead ones of its copy too): an entry that was dead
        // when the snapshot was taken and is set again later must not be visited, whether or not its
        // clean-up ran in between (reliability fuzz regression). Keys, not entries: the snapshot holds
        // no value, and an entry replaced meanwhile is read as it is now.
        const keys = [];
        for (const [key, entry] of data)
            if (entry.deref() !== undefined)
                keys.push(key);
        return keys;
    }, (key) => {
        const current = data.get(key);
        const value = current === undefined ? undefined : current.deref();
        return value === undefined ? snapshot_iterator_1.SKIP : produce(key, value, current);
    });
}
/** The live entry's KeyedRef (made now if needed), for `valuerefs()` and `itervaluerefs()`. */
function keyedRef(state, entry) {
    return (0, value_entry_1.keyedRefOf)(entry, state.remove);
}
/** Python's `popitem()` loop: the last inserted live entry, removed; `undefined` when none is left. */
function popLast(state) {
    const data = state.data;
    // A Map cannot be read from its end: keep its keys in an array and pop from that, so that draining a
    // dictionary with popitem() is linear. Keys deleted meanwhile are skipped; adding a key resets it.
    let stack = state.popOrder.stack;
    if (stack === undefined)
        stack = state.popOrder.stack = Array.from(data.keys());
    while (stack.length > 0) {
        const key = stack.pop();
        const entry = data.get(key);
        if (entry === undefined)
            continue;
        data.delete(key);
        const value = entry.deref();
        (0, value_entry_1.detach)(entry);
        if (value !== undefined) {
            leftWhileAlive(state);
            return [key, value];
        }
    }
    return undefined;
}
