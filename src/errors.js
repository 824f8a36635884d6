"use strict";
/**
 * `KeyError`, Python's exception for a missing mapping key or set member. Defined once, with `name`
 * on its prototype, so `err.name === 'KeyError'` and `err instanceof KeyError` both hold.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.KeyError = void 0;
/**
 * Python's `KeyError`, thrown where Python raises it: `__getitem__`, `__delitem__` and one-argument
 * `pop` of a missing key, `popitem()` of an empty dictionary, `WeakSet.remove` of a non-member and
 * `WeakSet.pop` of an empty set. `.key` is the missing key (for a `WeakKeyDictionary`, the key object
 * itself); `err.name` is `'KeyError'`.
 *
 * @example
 * ```ts
 * try { d.__getitem__('missing'); } catch (e) { if (e instanceof KeyError) console.log(e.key); }
 * ```
 * @see https://docs.python.org/3/library/exceptions.html#KeyError
 */
class KeyError extends Error {
    /** The key that was missing (Python's `err.args[0]`). */
    key;
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
    constructor(key, message) {
        super(message ?? (arguments.length === 0 ? '' : keyText(key)));
        this.key = key;
    }
}
exports.KeyError = KeyError;
Object.defineProperty(KeyError.prototype, 'name', { value: 'KeyError', writable: true, configurable: true });
function keyText(key) {
    try {
        if (typeof key === 'string')
            return JSON.stringify(key);
        if (typeof key === 'symbol')
            return key.toString();
        return String(key);
    }
    catch {
        return '<unprintable key>';
    }
}
