/**
 * `KeyError`, Python's exception for a missing mapping key or set member. Defined once, with `name`
 * on its prototype, so `err.name === 'KeyError'` and `err instanceof KeyError` both hold.
 */

/**
 * Python's `KeyError`. `.key` is the missing key (for a `WeakKeyDictionary`, the key object itself).
 *
 * @example
 * ```ts
 * try { d.__getitem__('missing'); } catch (e) { if (e instanceof KeyError) console.log(e.key); }
 * ```
 */
export class KeyError extends Error {
  /** The key that was missing. */
  readonly key: unknown;

  constructor(key?: unknown, message?: string) {
    super(message ?? (arguments.length === 0 ? '' : keyText(key)));
    this.key = key;
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
