/**
 * `KeyError`, Python's exception for a missing mapping key or set member. Defined once, with `name`
 * on its prototype, so `err.name === 'KeyError'` and `err instanceof KeyError` both hold.
 */

/**
 * Python's `KeyError`, thrown where Python raises it: `__getitem__`, `__delitem__` and one-argument
 * `pop` of a missing key, `popitem()` of an empty dictionary, `WeakSet.remove` of a non-member and
 * `WeakSet.pop` of an empty set. `.key` is the missing key (for a `WeakKeyDictionary`, the key object
 * itself); `.args` is Python's `err.args`; `err.name` is `'KeyError'`.
 *
 * @example
 * ```ts
 * try { d.__getitem__('missing'); } catch (e) { if (e instanceof KeyError) console.log(e.key); }
 * ```
 * @see https://docs.python.org/3/library/exceptions.html#KeyError
 */
export class KeyError extends Error {
  /** The key that was missing (Python's `err.args[0]` for a missing key). */
  readonly key: unknown;
  /**
   * Python's `err.args`: `[key]` for a missing key, `[message]` where Python's message is fixed
   * (`['popitem(): dictionary is empty']`, `['pop from empty WeakSet']`), `[]` for `new KeyError()`.
   * Frozen, as Python's tuple.
   *
   * @example
   * ```ts
   * try { d.popitem(); } catch (e) { if (e instanceof KeyError) e.args[0]; }   // 'popitem(): dictionary is empty'
   * ```
   * @see https://docs.python.org/3/library/exceptions.html#BaseException.args
   */
  readonly args: readonly unknown[];

  /**
   * Creates a `KeyError` for `key`, with the key's text as the message unless `message` is given.
   *
   * @param key - the missing key.
   * @param message - the message, when it is not the key itself (`'popitem(): dictionary is empty'`).
   * @example
   * ```ts
   * throw new KeyError('name');   // Python: raise KeyError('name')
   * ```
   */
  constructor(key?: unknown, message?: string) {
    super(message ?? (arguments.length === 0 ? '' : keyText(key)));
    this.key = key;
    // A KeyError with a fixed message carries the message, as Python's `KeyError('popitem(): ...')`.
    this.args = Object.freeze(message !== undefined ? [message] : arguments.length === 0 ? [] : [key]);
  }
}
Object.defineProperty(KeyError.prototype, 'name', { value: 'KeyError', writable: true, configurable: true });

function keyText(key: unknown): string {
  try {
    if (typeof key === 'string') return JSON.stringify(key);
    if (typeof key === 'symbol') return key.toString();
    return String(key);
  } catch {
    return '<unprintable key>';
  }
}
