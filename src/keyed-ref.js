"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.KeyedRef = void 0;
/**
 * `KeyedRef`: a `ref` subclass that remembers a key, what `WeakValueDictionary` stores per entry so
 * that its callback knows which entry to remove without a reverse lookup (CONTRACT §8).
 */
const ref_1 = require("./ref");
/**
 * `new KeyedRef(obj, callback, key)`: a {@link ref} subclass with a `.key` property, what
 * `WeakValueDictionary` stores for each entry (its `valuerefs()` returns them). Python's
 * `weakref.KeyedRef`, public in weakref.py though not in `__all__`.
 *
 * @typeParam T - the referent type.
 * @typeParam K - the key type.
 * @example
 * ```ts
 * const table = new Map<string, KeyedRef<object, string>>();
 * const kr = new KeyedRef(obj, (r) => table.delete(r.key), 'name');
 * table.set(kr.key, kr);   // kr.key === 'name'; the entry goes when obj dies
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref-objects
 */
class KeyedRef extends ref_1.ref {
    /** The key this reference was made for. Writable, as in Python. */
    key;
    /**
     * Creates a reference to `obj` that remembers `key`. Never shared: each call makes a new one.
     *
     * @param obj - any object, function or non-registered symbol.
     * @param callback - called once with this reference when `obj` dies; `undefined`/`null` for none.
     * @param key - any value; required, as in Python.
     * @throws TypeError for a primitive `obj`, a callback that is not a function, or fewer than three
     *   arguments (`KeyedRef.__new__() missing 1 required positional argument`).
     * @example
     * ```ts
     * const kr = new KeyedRef(obj, undefined, 42);
     * kr() === obj;   // true while obj lives
     * ```
     */
    constructor(obj, callback, key) {
        if (arguments.length < 3) {
            throw new TypeError(`KeyedRef.__new__() missing ${3 - arguments.length} required positional argument${arguments.length === 2 ? '' : 's'}`);
        }
        super(obj, callback);
        this.key = key;
    }
}
exports.KeyedRef = KeyedRef;
