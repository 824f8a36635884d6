/**
 * `KeyedRef`: a `ref` subclass that remembers a key, what `WeakValueDictionary` stores per entry so
 * that its callback knows which entry to remove without a reverse lookup (CONTRACT §8).
 */
import { ref, type RefCallback } from './ref';

/**
 * `new KeyedRef(obj, callback, key)`: a {@link ref} with a `.key` property.
 *
 * @example
 * ```ts
 * const kr = new KeyedRef(obj, (r) => table.delete(r.key), 'name');
 * kr.key;  // 'name'
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.KeyedRef
 */
export class KeyedRef<T extends WeakKey = WeakKey, K = unknown> extends ref<T> {
  /** The key this reference was made for. */
  key: K;

  constructor(obj: T, callback: RefCallback<KeyedRef<T, K>> | undefined | null, key: K) {
    if (arguments.length < 3) {
      throw new TypeError(`KeyedRef.__new__() missing ${3 - arguments.length} required positional argument${arguments.length === 2 ? '' : 's'}`);
    }
    super(obj, callback);
    this.key = key;
  }
}
