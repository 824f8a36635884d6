"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WeakValueDictionary = void 0;
const errors_1 = require("./errors");
const weakrefable_1 = require("./internal/weakrefable");
const messages_1 = require("./internal/messages");
const ids_1 = require("./internal/ids");
const dict_args_1 = require("./internal/dict-args");
const mutable_mapping_1 = require("./internal/mutable-mapping");
const value_entries_1 = require("./internal/value-entries");
const snapshot_iterator_1 = require("./internal/snapshot-iterator");
const inspectCustom = Symbol.for('nodejs.util.inspect.custom');
/**
 * Python's `weakref.WeakValueDictionary`: a mapping whose entries vanish when their value is
 * collected. Values must be weakly referenceable (objects, functions, non-registered symbols); keys
 * may be anything and are compared as `Map` compares them.
 *
 * Dict-style access works for string keys: `d['k'] = v`, `d['k']`, `'k' in d`, `delete d['k']`.
 * Members of the class win over keys of the same name; `d['__proto__'] = v` stores an entry and never
 * touches a prototype. Iteration yields keys, over a snapshot.
 *
 * @typeParam K - the key type.
 * @typeParam V - the value type (weakly referenceable).
 * @example
 * ```ts
 * const cache = new WeakValueDictionary<string, Image>();
 * cache.set('logo', loadImage('logo.png'));   // Python: cache['logo'] = ...; in JavaScript also cache['logo'] = ...
 * cache.get('logo');                          // the image while something else holds it, else undefined
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.WeakValueDictionary
 */
class WeakValueDictionary extends mutable_mapping_1.MutableMapping {
    /**
     * Creates a dictionary, filled from `other` as {@link update} would.
     *
     * @param other - a `Map`, a weak dictionary, an iterable of `[key, value]` pairs, or a plain object.
     * @throws TypeError for a value that cannot be weakly referenced, input that is not a mapping or an
     * iterable of pairs, or more than one argument.
     * @example
     * ```ts
     * const d = new WeakValueDictionary({ a: objA, b: objB });   // Python: WeakValueDictionary(a=objA, b=objB)
     * ```
     */
    constructor(other) {
        if (arguments.length > 1)
            throw (0, dict_args_1.argCountError)('WeakValueDictionary', 0, 1, arguments.length);
        super();
        const proxy = (0, value_entries_1.createEntries)(this, WeakValueDictionary.prototype.get);
        if (other !== undefined)
            proxy.update(other);
        return proxy;
    }
    /**
     * The number of entries, as Python's `len(d)` (the same as {@link __len__}). It may still count an
     * entry whose value was collected until the clean-up runs; after `await gc.collect()` it is exact.
     *
     * @example
     * ```ts
     * d.size;   // Python: len(d)
     * ```
     * @see https://docs.python.org/3/library/functions.html#len
     */
    get size() {
        return (0, value_entries_1.stateOf)(this, 'size').data.size;
    }
    get(_key, _defaultValue) {
        // `d.get(k)` does not come here: reading `d.get` gives the dictionary's own copy of this method,
        // which knows its table (makeOwnGet in internal/value-entries.ts, the hot path of issue 10). This is
        // `WeakValueDictionary.prototype.get.call(x, k)` and a subclass's `super.get(k)`: find the state,
        // then run that copy (one body for both, with its arity check).
        const state = value_entries_1.states.get(this);
        if (state === undefined)
            throw (0, value_entries_1.receiverError)(this, 'get');
        return state.ownGet.apply(state.self, arguments);
    }
    /**
     * JavaScript's `map.set(key, value)`: stores `value` under `key` (Python's `d[key] = value`).
     *
     * @param key - any key.
     * @param value - a weakly referenceable value.
     * @returns this dictionary.
     * @throws TypeError `cannot create weak reference to 'number' object` (and so on) for a primitive value.
     * @example
     * ```ts
     * d.set('a', objA).set('b', objB);
     * ```
     * @see https://docs.python.org/3/library/stdtypes.html#dict
     */
    set(key, value) {
        const state = value_entries_1.states.get(this);
        if (state === undefined)
            throw (0, value_entries_1.receiverError)(this, 'set');
        if (arguments.length !== 2)
            throw (0, dict_args_1.argCountError)('set', 2, 2, arguments.length);
        (0, value_entries_1.setEntry)(state, key, value);
        return this;
    }
    /**
     * JavaScript's `map.has(key)`: whether a live entry is stored under `key` (Python's `key in d`).
     *
     * @param key - the key to look for.
     * @returns `true` while the entry exists and its value lives.
     * @example
     * ```ts
     * d.has('k');
     * ```
     * @see https://docs.python.org/3/library/stdtypes.html#dict
     */
    has(key) {
        const state = (0, value_entries_1.stateOf)(this, 'has');
        if (arguments.length !== 1)
            throw (0, dict_args_1.argCountError)('has', 1, 1, arguments.length);
        return (0, value_entries_1.liveValue)(state, key) !== undefined;
    }
    /**
     * JavaScript's `map.delete(key)`: removes the entry under `key`.
     *
     * @param key - the key to remove.
     * @returns whether a live entry was removed (an entry whose value died is removed too, giving `false`).
     * @example
     * ```ts
     * if (d.delete('k')) console.log('removed');
     * ```
     * @see https://docs.python.org/3/library/stdtypes.html#dict
     */
    delete(key) {
        const state = (0, value_entries_1.stateOf)(this, 'delete');
        if (arguments.length !== 1)
            throw (0, dict_args_1.argCountError)('delete', 1, 1, arguments.length);
        const value = (0, value_entries_1.deleteEntry)(state, key);
        return value !== snapshot_iterator_1.SKIP && value !== undefined;
    }
    /**
     * Python's `d.popitem()`: removes and returns the last inserted live entry.
     *
     * @returns `[key, value]`.
     * @throws KeyError `popitem(): dictionary is empty` when no live entry is left.
     * @example
     * ```ts
     * const [key, value] = d.popitem();
     * ```
     * @see https://docs.python.org/3/library/stdtypes.html#dict.popitem
     */
    popitem() {
        const state = (0, value_entries_1.stateOf)(this, 'popitem');
        if (arguments.length !== 0)
            throw (0, dict_args_1.argCountError)('popitem', 0, 0, arguments.length);
        const item = (0, value_entries_1.popLast)(state);
        if (item === undefined)
            throw new errors_1.KeyError(undefined, messages_1.messages.dictEmpty);
        return item;
    }
    /**
     * Python's `d.keys()`: the keys of the live entries, over a snapshot taken at the first `next()`.
     * Entries added later are not visited; entries deleted or collected meanwhile are skipped.
     *
     * @returns an iterator of keys.
     * @example
     * ```ts
     * for (const key of d.keys()) console.log(key);
     * ```
     * @see https://docs.python.org/3/library/stdtypes.html#dict.keys
     */
    keys() {
        const state = (0, value_entries_1.stateOf)(this, 'keys');
        if (arguments.length !== 0)
            throw (0, dict_args_1.argCountError)('keys', 0, 0, arguments.length);
        return (0, value_entries_1.iterate)(state, (key) => key);
    }
    /**
     * Python's `d.values()`: the live values, over a snapshot (see {@link keys}).
     *
     * @returns an iterator of values.
     * @example
     * ```ts
     * const alive = [...d.values()];
     * ```
     * @see https://docs.python.org/3/library/stdtypes.html#dict.values
     */
    values() {
        const state = (0, value_entries_1.stateOf)(this, 'values');
        if (arguments.length !== 0)
            throw (0, dict_args_1.argCountError)('values', 0, 0, arguments.length);
        return (0, value_entries_1.iterate)(state, (_key, value) => value);
    }
    /**
     * Python's `d.items()`: the live `[key, value]` pairs, over a snapshot (see {@link keys}).
     *
     * @returns an iterator of pairs.
     * @example
     * ```ts
     * const asMap = new Map(d.items());   // Python: dict(d)
     * ```
     * @see https://docs.python.org/3/library/stdtypes.html#dict.items
     */
    items() {
        const state = (0, value_entries_1.stateOf)(this, 'items');
        if (arguments.length !== 0)
            throw (0, dict_args_1.argCountError)('items', 0, 0, arguments.length);
        return (0, value_entries_1.iterate)(state, (key, value) => [key, value]);
    }
    /**
     * Python's `d.valuerefs()`: the KeyedRefs of the live entries (each with `.key`), in an array. The
     * references may die at any time after the call; check `wr()` before use.
     *
     * @returns an array of KeyedRefs.
     * @example
     * ```ts
     * for (const wr of d.valuerefs()) { const v = wr(); if (v !== undefined) use(wr.key, v); }
     * ```
     * @see https://docs.python.org/3/library/weakref.html#weakref.WeakValueDictionary.valuerefs
     */
    valuerefs() {
        const state = (0, value_entries_1.stateOf)(this, 'valuerefs');
        if (arguments.length !== 0)
            throw (0, dict_args_1.argCountError)('valuerefs', 0, 0, arguments.length);
        // Each entry's KeyedRef is made on first demand (internal/value-entry.ts); made, it stays the same.
        const out = [];
        for (const entry of state.data.values()) {
            if (entry.deref() === undefined)
                continue; // dead, its clean-up not run yet
            out.push((0, value_entries_1.keyedRef)(state, entry));
        }
        return out;
    }
    /**
     * Python's `d.itervaluerefs()`: the KeyedRefs of the live entries, over a snapshot (see {@link keys}).
     *
     * @returns an iterator of KeyedRefs.
     * @example
     * ```ts
     * for (const wr of d.itervaluerefs()) console.log(wr.key);
     * ```
     * @see https://docs.python.org/3/library/weakref.html#weakref.WeakValueDictionary.valuerefs
     */
    itervaluerefs() {
        const state = (0, value_entries_1.stateOf)(this, 'itervaluerefs');
        if (arguments.length !== 0)
            throw (0, dict_args_1.argCountError)('itervaluerefs', 0, 0, arguments.length);
        return (0, value_entries_1.iterate)(state, (_key, _value, entry) => (0, value_entries_1.keyedRef)(state, entry));
    }
    /**
     * Python's `d.copy()`: a new plain `WeakValueDictionary` (never a subclass, as in CPython) with the
     * live entries.
     *
     * @returns the copy.
     * @example
     * ```ts
     * const snapshot = d.copy();
     * ```
     * @see https://docs.python.org/3/library/stdtypes.html#dict.copy
     */
    copy() {
        const state = (0, value_entries_1.stateOf)(this, 'copy');
        if (arguments.length !== 0)
            throw (0, dict_args_1.argCountError)('copy', 0, 0, arguments.length);
        const result = new WeakValueDictionary();
        const target = value_entries_1.states.get(result);
        for (const [key, entry] of state.data) {
            const value = entry.deref();
            if (value !== undefined)
                (0, value_entries_1.setEntry)(target, key, value);
        }
        return result;
    }
    /**
     * Python's `d.clear()`: removes every entry.
     *
     * @returns `undefined`.
     * @example
     * ```ts
     * d.clear();
     * d.size;   // 0
     * ```
     * @see https://docs.python.org/3/library/stdtypes.html#dict.clear
     */
    clear() {
        const state = (0, value_entries_1.stateOf)(this, 'clear');
        if (arguments.length !== 0)
            throw (0, dict_args_1.argCountError)('clear', 0, 0, arguments.length);
        (0, value_entries_1.clearEntries)(state);
    }
    /** @internal Values must be weakly referenceable; `update()` checks every pair before storing any. */
    [mutable_mapping_1.CHECK_PAIR](_key, value) {
        (0, weakrefable_1.checkWeakrefable)(value);
    }
    /** @internal Any key will do. */
    [mutable_mapping_1.CHECK_KEY](_key) { }
    /**
     * Python's `repr(d)`: `<WeakValueDictionary at 0x..>` (the class name of a subclass instead).
     *
     * @returns the repr.
     * @example
     * ```ts
     * String(d);   // '<WeakValueDictionary at 0x1f>'
     * ```
     * @see https://docs.python.org/3/library/functions.html#repr
     */
    toString() {
        const self = (0, value_entries_1.stateOf)(this, '__repr__').self;
        return `<${(0, ids_1.className)(self)} at ${(0, ids_1.hexId)(self)}>`;
    }
    /**
     * Node's inspection hook: `util.inspect(d)` and `console.log(d)` print the repr.
     *
     * @returns the repr, as {@link toString}.
     * @example
     * ```ts
     * console.log(d);   // <WeakValueDictionary at 0x1f>
     * ```
     */
    [inspectCustom]() {
        (0, value_entries_1.stateOf)(this, '__repr__'); // a stranger gets the descriptor TypeError, not its own toString()
        return this.toString();
    }
    /** `Object.prototype.toString.call(d)` gives `[object WeakValueDictionary]`. */
    get [Symbol.toStringTag]() {
        return 'WeakValueDictionary';
    }
}
exports.WeakValueDictionary = WeakValueDictionary;
