"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isPlainObject = isPlainObject;
exports.collectPairs = collectPairs;
exports.isMapping = isMapping;
exports.pyEquals = pyEquals;
/**
 * What the weak dictionaries accept where Python accepts "a mapping or an iterable of pairs": the
 * argument of their constructors, of `update()` and `__ior__()`, and the other operand of `__or__`,
 * `__ror__` and `__eq__`. Python's rules (`dict.update`, `dict(other)`), with the JavaScript forms
 * added in front:
 *
 * 1. `undefined` / `null`: nothing (Python's `update()` / `update(None)`).
 * 2. A plain object (prototype `Object.prototype` or `null`) that is not iterable: its own
 *    enumerable string keys, the JavaScript spelling of Python's keyword arguments
 *    (`WeakValueDictionary(a=o)` is `new WeakValueDictionary({ a: o })`). Checked first, so that a
 *    plain object whose key happens to be `items` or `keys` is still read as data.
 * 3. A `Map`: its entries.
 * 4. An object with an `items()` method (our weak dictionaries, Python-style mappings): `items()`.
 * 5. An object with `keys()` and `__getitem__()` (Python's minimal mapping protocol): those.
 * 6. Any other iterable: each element must itself be an iterable of exactly two things.
 * 7. A non-iterable object with `keys()` only: Python's `dict(other)` calls `keys()`, then fails to
 *    subscript (`TypeError: '<type>' object is not subscriptable`).
 * 8. Anything else: `TypeError: '<type>' object is not iterable`.
 *
 * Nothing here holds what it reads: the pairs go straight to the caller, which validates them all
 * before it stores any, so that bad input never leaves a dictionary half-updated (CONTRACT §10).
 */
const messages_1 = require("./messages");
const ids_1 = require("./ids");
/** Whether `value` is a plain object: the JavaScript form of Python's keyword arguments. */
function isPlainObject(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}
/** A plain object that is not iterable: the keyword-arguments form. */
function isKeywords(value) {
    return isPlainObject(value) && typeof value[Symbol.iterator] !== 'function';
}
/**
 * Reads every pair of `other` into an array, by the rules of the module comment. Errors thrown by
 * `other` itself (a failing `keys()`, a throwing iterator) propagate unchanged, as in Python.
 *
 * @throws TypeError for something that is neither a mapping nor an iterable of pairs, or for an
 * element that is not a pair (CPython: ValueError / TypeError "dictionary update sequence element #i ...").
 */
function collectPairs(other) {
    if (other === undefined || other === null)
        return [];
    if (isKeywords(other)) {
        const out = [];
        for (const key of Object.keys(other))
            out.push([key, other[key]]);
        return out;
    }
    if (other instanceof Map)
        return Array.from(other);
    const o = other;
    if (typeof o.items === 'function')
        return pairsOfIterable(o.items.call(other));
    const hasKeys = typeof o.keys === 'function';
    if (hasKeys && typeof o.__getitem__ === 'function') {
        const getitem = o.__getitem__;
        const out = [];
        for (const key of iterableOf(o.keys.call(other)))
            out.push([key, getitem.call(other, key)]);
        return out;
    }
    // Arrays, Sets and other built-in iterables have a `keys()` method too: an iterable is read as pairs.
    if (hasKeys && typeof o[Symbol.iterator] !== 'function') {
        // Python's dict(other) takes `keys()` as the sign of a mapping, then subscripts it.
        for (const _key of iterableOf(o.keys.call(other))) {
            throw new TypeError(messages_1.messages.notSubscriptable((0, ids_1.className)(other)));
        }
        return [];
    }
    return pairsOfIterable(other);
}
/**
 * Whether `other` is a mapping in Python's sense (`isinstance(other, Mapping)`): what `__or__`,
 * `__ror__` and `__eq__` accept. A bare iterable of pairs is not one (Python: `wvd | [(k, v)]` raises
 * TypeError, while `wvd |= [(k, v)]` works).
 */
function isMapping(other) {
    if (isKeywords(other) || other instanceof Map)
        return true;
    if (typeof other !== 'object' || other === null)
        return false;
    const o = other;
    return typeof o.items === 'function' || (typeof o.keys === 'function' && typeof o.__getitem__ === 'function');
}
function iterableOf(value) {
    const iter = value == null ? undefined : value[Symbol.iterator];
    if (typeof iter !== 'function')
        throw new TypeError(messages_1.messages.notIterable((0, ids_1.className)(value)));
    return value;
}
function pairsOfIterable(value) {
    const out = [];
    let index = 0;
    for (const element of iterableOf(value)) {
        out.push(pairOf(element, index));
        index++;
    }
    return out;
}
/** One element of a sequence of pairs: any iterable of exactly two things (Python accepts `'ab'`). */
function pairOf(element, index) {
    if (Array.isArray(element)) {
        if (element.length !== 2)
            throw new TypeError(messages_1.messages.dictSequenceLength(index, element.length));
        return [element[0], element[1]];
    }
    const iter = element == null ? undefined : element[Symbol.iterator];
    if (typeof iter !== 'function')
        throw new TypeError(messages_1.messages.dictSequenceElement(index));
    const items = Array.from(element);
    if (items.length !== 2)
        throw new TypeError(messages_1.messages.dictSequenceLength(index, items.length));
    return [items[0], items[1]];
}
/**
 * Python's `a == b` for two values of a mapping: identity (or both NaN) first, as CPython's dict
 * comparison does, then `a.__eq__(b)`, then the reflected `b.__eq__(a)`.
 */
function pyEquals(a, b) {
    if (a === b || (a !== a && b !== b))
        return true;
    const eqA = a != null ? a.__eq__ : undefined;
    if (typeof eqA === 'function')
        return Boolean(eqA.call(a, b));
    const eqB = b != null ? b.__eq__ : undefined;
    if (typeof eqB === 'function')
        return Boolean(eqB.call(b, a));
    return false;
}
