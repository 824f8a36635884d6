/**
 * `KeyedRef`: a `ref` subclass that remembers a key, what `WeakValueDictionary` stores per entry so
 * that its callback knows which entry to remove without a reverse lookup (CONTRACT §8).
 */
import { ref, type RefCallback } from './ref';

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
export class KeyedRef<T extends WeakKey = WeakKey, K = unknown> extends ref<T> {
  /** The key this reference was made for. Writable, as in Python. */
  key: K;

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
  constructor(obj: T, callback: RefCallback<KeyedRef<T, K>> | undefined | null, key: K) {
    if (arguments.length < 3) {
      throw new TypeError(`KeyedRef.__new__() missing ${3 - arguments.length} required positional argument${arguments.length === 2 ? '' : 's'}`);
    }
    super(obj, callback);
    this.key = key;
  }
}
