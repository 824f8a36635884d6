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
import * as messages from './messages';
import { className } from './ids';

/** A `[key, value]` pair read from a mapping argument. */
export type Pair = [unknown, unknown];

/**
 * Everything the constructors, `update()` and `__ior__()` accept (see the module comment for the
 * rules). The plain-object form gives string keys, Python's `**kwargs`. Inlined in the API reference
 * (this module is not exported).
 *
 * @inline
 */
export type MappingInput<K, V> =
  | ReadonlyMap<K, V>
  | Iterable<readonly [K, V]>
  | { items(): Iterable<readonly [K, V]> }
  | { keys(): Iterable<K>; __getitem__(key: K): V }
  | { readonly [key: string]: V };

/** Whether `value` is a plain object: the JavaScript form of Python's keyword arguments. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A plain object that is not iterable: the keyword-arguments form. */
function isKeywords(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function';
}

/**
 * Reads every pair of `other` into an array, by the rules of the module comment. Errors thrown by
 * `other` itself (a failing `keys()`, a throwing iterator) propagate unchanged, as in Python.
 *
 * @throws TypeError for something that is neither a mapping nor an iterable of pairs, or for an
 * element that is not a pair (CPython: ValueError / TypeError "dictionary update sequence element #i ...").
 */
export function collectPairs(other: unknown): Pair[] {
  if (other === undefined || other === null) return [];
  if (isKeywords(other)) {
    const out: Pair[] = [];
    for (const key of Object.keys(other)) out.push([key, other[key]]);
    return out;
  }
  if (other instanceof Map) return Array.from(other as Map<unknown, unknown>);
  const o = other as {
    items?: unknown;
    keys?: unknown;
    __getitem__?: unknown;
    [Symbol.iterator]?: unknown;
  };
  if (typeof o.items === 'function') return pairsOfIterable((o.items as () => unknown).call(other));
  const hasKeys = typeof o.keys === 'function';
  if (hasKeys && typeof o.__getitem__ === 'function') {
    const getitem = o.__getitem__ as (key: unknown) => unknown;
    const out: Pair[] = [];
    for (const key of iterableOf((o.keys as () => unknown).call(other))) out.push([key, getitem.call(other, key)]);
    return out;
  }
  // Arrays, Sets and other built-in iterables have a `keys()` method too: an iterable is read as pairs.
  if (hasKeys && typeof o[Symbol.iterator] !== 'function') {
    // Python's dict(other) takes `keys()` as the sign of a mapping, then subscripts it.
    for (const _key of iterableOf((o.keys as () => unknown).call(other))) {
      throw new TypeError(messages.notSubscriptable(className(other)));
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
export function isMapping(other: unknown): boolean {
  if (isKeywords(other) || other instanceof Map) return true;
  if (typeof other !== 'object' || other === null) return false;
  const o = other as { items?: unknown; keys?: unknown; __getitem__?: unknown };
  return typeof o.items === 'function' || (typeof o.keys === 'function' && typeof o.__getitem__ === 'function');
}

function iterableOf(value: unknown): Iterable<unknown> {
  const iter = value == null ? undefined : (value as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof iter !== 'function') throw new TypeError(messages.notIterable(className(value)));
  return value as Iterable<unknown>;
}

function pairsOfIterable(value: unknown): Pair[] {
  const out: Pair[] = [];
  let index = 0;
  for (const element of iterableOf(value)) {
    out.push(pairOf(element, index));
    index++;
  }
  return out;
}

/** One element of a sequence of pairs: any iterable of exactly two things (Python accepts `'ab'`). */
function pairOf(element: unknown, index: number): Pair {
  if (Array.isArray(element)) {
    if (element.length !== 2) throw new TypeError(messages.dictSequenceLength(index, element.length));
    return [element[0], element[1]];
  }
  const iter = element == null ? undefined : (element as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof iter !== 'function') throw new TypeError(messages.dictSequenceElement(index));
  const items = Array.from(element as Iterable<unknown>);
  if (items.length !== 2) throw new TypeError(messages.dictSequenceLength(index, items.length));
  return [items[0], items[1]];
}

/**
 * Python's `a == b` for two values of a mapping: identity (or both NaN) first, as CPython's dict
 * comparison does, then `a.__eq__(b)`, then the reflected `b.__eq__(a)`.
 */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b || (a !== a && b !== b)) return true;
  const eqA = a != null ? (a as { __eq__?: unknown }).__eq__ : undefined;
  if (typeof eqA === 'function') return Boolean(eqA.call(a, b));
  const eqB = b != null ? (b as { __eq__?: unknown }).__eq__ : undefined;
  if (typeof eqB === 'function') return Boolean(eqB.call(b, a));
  return false;
}
