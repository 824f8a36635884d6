/**
 * The methods both weak dictionaries inherit, as Python's do from `collections.abc.MutableMapping`:
 * the raising item forms (`__getitem__`, `__setitem__`, `__delitem__`), `pop`, `setdefault`,
 * `update`, the union operators, `__eq__`, and the spellings that are the same whatever the storage
 * (`__len__`, `__contains__`, `entries`, iteration). Each is written once, in terms of the abstract
 * members that the two classes implement over their own storage (`get`, `set`, `delete`, ...); the
 * hot paths (`get`, `set`, `has`) stay in the classes themselves.
 *
 * Nothing here holds anything: every method works on `this` and returns. `this` may be the Proxy a
 * WeakValueDictionary's constructor returns; every call below then goes through its `get` trap,
 * where class members win over keys, so `this.items()` is always the method.
 */
import { argCountError } from './dict-args';
import { collectPairs, isMapping, pyEquals, type MappingInput } from './mapping-input';
import { className } from './ids';
import * as messages from './messages';
import { KeyError } from '../errors';
import { NativeWeakSet } from './natives';

/**
 * @internal Validates one pair before `update()` stores any (so that bad input leaves the dictionary
 * unchanged). A symbol, so that it never competes with a string key of the dictionary.
 */
export const CHECK_PAIR: unique symbol = Symbol('pyweakref.checkPair');

/**
 * @internal Throws for a key that this dictionary's Python methods refuse (WeakKeyDictionary: the
 * TypeError of a key that cannot be weakly referenced), before they look it up.
 */
export const CHECK_KEY: unique symbol = Symbol('pyweakref.checkKey');

/**
 * Every weak dictionary constructed (and the Proxy a WeakValueDictionary returns), weakly: the brand
 * check of the methods below. `instanceof` is not enough: `Object.create(WeakKeyDictionary.prototype)`
 * passes it and then failed inside (`this.set is not a function`: found by the reliability specs).
 */
const dictionaries = new NativeWeakSet<object>();

/** @internal Marks `d` (a weak dictionary, or the Proxy standing for one) as a receiver of these methods. */
export function markDictionary(d: object): void {
  dictionaries.add(d);
}

/**
 * Throws unless `self` is a weak dictionary: the methods of this base are reachable from the
 * prototype (`WeakValueDictionary.prototype.update.call(x)`), and must not run on a stranger.
 */
function checkReceiver(self: unknown, method: string): void {
  if (!dictionaries.has(self as object))
    throw new TypeError(messages.wrongReceiver(method, 'weak dictionary', className(self)));
}

/** What `get()` returns here for a missing key, so that any stored value stays distinguishable. */
const MISSING: unique symbol = Symbol('pyweakref.missing');

/**
 * The base of {@link WeakValueDictionary} and {@link WeakKeyDictionary}: Python's `MutableMapping`
 * mixin methods. Not exported from the package root.
 *
 * @typeParam K - the key type.
 * @typeParam V - the value type.
 * @typeParam C - the concrete dictionary type that `copy()`, `__or__` and `__ror__` return.
 */
export abstract class MutableMapping<K, V, C extends MutableMapping<K, V, C>> {
  constructor() {
    dictionaries.add(this);
  }

  /** The number of entries; may count an entry whose referent died until the clean-up runs. */
  abstract get size(): number;
  /** The live value under `key`, or `defaultValue`. */
  abstract get(key: K, defaultValue?: unknown): unknown;
  /** Stores `value` under `key`; returns the dictionary. */
  abstract set(key: K, value: V): this;
  /** Whether a live entry is stored under `key`. */
  abstract has(key: K): boolean;
  /** Removes the entry under `key`; whether a live one was there. */
  abstract delete(key: K): boolean;
  /** The live keys, over a snapshot. */
  abstract keys(): IterableIterator<K>;
  /** The live values, over a snapshot. */
  abstract values(): IterableIterator<V>;
  /** The live `[key, value]` pairs, over a snapshot. */
  abstract items(): IterableIterator<[K, V]>;
  /** A new dictionary of the base class with the same live entries. */
  abstract copy(): C;
  /** Removes every entry. */
  abstract clear(): void;
  /** @internal Throws for a pair that this dictionary cannot hold. */
  abstract [CHECK_PAIR](key: unknown, value: unknown): void;
  /** @internal Throws for a key that the raising Python methods refuse. */
  abstract [CHECK_KEY](key: unknown): void;

  /**
   * Python's `d[key]`: the live value under `key`.
   *
   * @param key - the key to look up.
   * @returns the value.
   * @throws KeyError when the key is missing or its referent died (`err.key` is the key itself).
   * @throws TypeError for a WeakKeyDictionary key that cannot be weakly referenced.
   * @example
   * ```ts
   * d.__getitem__(k);   // Python: d[k], raising KeyError
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict
   */
  __getitem__(key: K): V {
    checkReceiver(this, '__getitem__');
    if (arguments.length !== 1) throw argCountError('__getitem__', 1, 1, arguments.length);
    this[CHECK_KEY](key);
    const value = this.get(key, MISSING);
    if (value === MISSING) throw new KeyError(key);
    return value as V;
  }

  /**
   * Python's `d[key] = value`; the same as {@link set} but returns `undefined`.
   *
   * @param key - the key.
   * @param value - the value.
   * @returns `undefined`.
   * @throws TypeError for a value (WeakValueDictionary) or key (WeakKeyDictionary) that cannot be
   * weakly referenced.
   * @example
   * ```ts
   * d.__setitem__(k, v);   // Python: d[k] = v
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict
   */
  __setitem__(key: K, value: V): void {
    checkReceiver(this, '__setitem__');
    if (arguments.length !== 2) throw argCountError('__setitem__', 2, 2, arguments.length);
    this.set(key, value);
  }

  /**
   * Python's `del d[key]`.
   *
   * @param key - the key to remove.
   * @returns `undefined`.
   * @throws KeyError when the key is missing or its referent died (a dead entry is removed all the same).
   * @throws TypeError for a WeakKeyDictionary key that cannot be weakly referenced.
   * @example
   * ```ts
   * d.__delitem__(k);   // Python: del d[k]
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict
   */
  __delitem__(key: K): void {
    checkReceiver(this, '__delitem__');
    if (arguments.length !== 1) throw argCountError('__delitem__', 1, 1, arguments.length);
    this[CHECK_KEY](key);
    if (!this.delete(key)) throw new KeyError(key);
  }

  /**
   * Python's `d.pop(key[, default])`: removes the entry under `key` and returns its value.
   *
   * @param key - the key to remove.
   * @returns the value.
   * @throws KeyError for a missing or dead key (pass a default to get it back instead).
   * @throws TypeError for a WeakKeyDictionary key that cannot be weakly referenced.
   * @example
   * ```ts
   * d.pop(k);              // the value, or KeyError
   * d.pop(k, undefined);   // the value, or undefined
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict.pop
   */
  pop(key: K): V;
  /**
   * Python's `d.pop(key, default)`: removes the entry under `key` and returns its value, or
   * `defaultValue` for a missing or dead key (even when `defaultValue` is `undefined`).
   *
   * @param key - the key to remove.
   * @param defaultValue - returned for a missing or dead key.
   * @returns the value, or `defaultValue`.
   * @throws TypeError for a WeakKeyDictionary key that cannot be weakly referenced.
   * @example
   * ```ts
   * d.pop(k, undefined);   // the value, or undefined
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict.pop
   */
  pop<D>(key: K, defaultValue: D): V | D;
  pop(key: K, defaultValue?: unknown): unknown {
    checkReceiver(this, 'pop');
    if (arguments.length !== 1 && arguments.length !== 2) throw argCountError('pop', 1, 2, arguments.length);
    this[CHECK_KEY](key);
    const value = this.get(key, MISSING);
    this.delete(key); // also drops an entry whose referent died before its clean-up ran
    if (value !== MISSING) return value;
    if (arguments.length === 2) return defaultValue;
    throw new KeyError(key);
  }

  /**
   * Python's `d.setdefault(key, default)`: the live value under `key`; if there is none, stores
   * `defaultValue` under `key` and returns it.
   *
   * @param key - the key.
   * @param defaultValue - the value to store when the key is missing or dead.
   * @returns the value now stored under `key`.
   * @throws TypeError when what must be stored cannot be held (a WeakValueDictionary's `defaultValue`
   * is checked only when it is stored, as in CPython).
   * @example
   * ```ts
   * const obj = d.setdefault('k', new Thing());
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict.setdefault
   */
  setdefault(key: K, defaultValue: V): V {
    checkReceiver(this, 'setdefault');
    if (arguments.length !== 1 && arguments.length !== 2) throw argCountError('setdefault', 1, 2, arguments.length);
    this[CHECK_KEY](key);
    const value = this.get(key, MISSING);
    if (value !== MISSING) return value as V;
    this.set(key, defaultValue);
    return defaultValue;
  }

  /**
   * Python's `d.update(other)`: stores every pair of `other`, later pairs winning. `other` may be a
   * `Map`, a weak dictionary, an iterable of `[key, value]` pairs, an object with `items()` or with
   * `keys()` and `__getitem__()`, or a plain object (Python's keyword arguments). All pairs are read
   * and checked before any is stored, so bad input leaves the dictionary unchanged.
   *
   * @param other - the pairs to store; nothing when omitted or `undefined`.
   * @returns `undefined` (Python's `None`).
   * @throws TypeError for input that is not a mapping or an iterable of pairs, for a pair this
   * dictionary cannot hold (a primitive value of a WeakValueDictionary, a primitive key of a
   * WeakKeyDictionary), or when called with more than one argument.
   * @example
   * ```ts
   * d.update({ a: objA });           // Python: d.update(a=objA)
   * d.update([['b', objB]]);         // Python: d.update([('b', objB)])
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict.update
   */
  update(other?: MappingInput<K, V>): void {
    checkReceiver(this, 'update');
    if (arguments.length > 1) throw argCountError('update', 0, 1, arguments.length);
    const pairs = collectPairs(other);
    for (let i = 0; i < pairs.length; i++) this[CHECK_PAIR](pairs[i][0], pairs[i][1]);
    for (let i = 0; i < pairs.length; i++) this.set(pairs[i][0] as K, pairs[i][1] as V);
  }

  /**
   * Python's `d |= other`: {@link update} with `other`, then returns this dictionary.
   *
   * @param other - a mapping or an iterable of pairs, as for {@link update}.
   * @returns this dictionary.
   * @throws TypeError as {@link update}.
   * @example
   * ```ts
   * d.__ior__([['k', obj]]) === d;   // true
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict
   */
  __ior__(other: MappingInput<K, V>): this {
    checkReceiver(this, '__ior__');
    if (arguments.length !== 1) throw argCountError('__ior__', 1, 1, arguments.length);
    this.update(other);
    return this;
  }

  /**
   * Python's `d | other`: a {@link copy} of this dictionary updated with the mapping `other`.
   *
   * @param other - a mapping (a `Map`, a weak dictionary, a plain object, an object with `items()`).
   * @returns a new dictionary of the base class.
   * @throws TypeError when `other` is not a mapping (an array of pairs is not one, as in Python).
   * @example
   * ```ts
   * const both = d1.__or__(d2);      // Python: d1 | d2
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict
   */
  __or__(other: MappingInput<K, V>): C {
    checkReceiver(this, '__or__');
    if (arguments.length !== 1) throw argCountError('__or__', 1, 1, arguments.length);
    if (!isMapping(other)) throw new TypeError(messages.unsupportedOperand('|', className(this), className(other)));
    const result = this.copy();
    result.update(other);
    return result;
  }

  /**
   * Python's `other | d` (the reflected operator): a new dictionary of this dictionary's class holding
   * the pairs of `other`, then those of this dictionary.
   *
   * @param other - a mapping, as for {@link __or__}.
   * @returns a new dictionary of this dictionary's class.
   * @throws TypeError when `other` is not a mapping.
   * @example
   * ```ts
   * const merged = d.__ror__(new Map([['k', obj]]));   // Python: {'k': obj} | d
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict
   */
  __ror__(other: MappingInput<K, V>): C {
    checkReceiver(this, '__ror__');
    if (arguments.length !== 1) throw argCountError('__ror__', 1, 1, arguments.length);
    if (!isMapping(other)) throw new TypeError(messages.unsupportedOperand('|', className(other), className(this)));
    const Ctor = (this as unknown as { constructor: new () => C }).constructor;
    const result = new Ctor();
    result.update(other);
    result.update(this as unknown as MappingInput<K, V>);
    return result;
  }

  /**
   * Python's `d == other`: true when `other` is a mapping with the same live keys and equal values
   * (values compared by identity, then by their `__eq__` method if they have one).
   *
   * @param other - anything; a non-mapping gives `false`.
   * @returns whether the two mappings are equal.
   * @example
   * ```ts
   * d.__eq__(d.copy());   // true
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict
   */
  __eq__(other: unknown): boolean {
    checkReceiver(this, '__eq__');
    if (arguments.length !== 1) throw argCountError('__eq__', 1, 1, arguments.length);
    if (other === this) return true;
    if (!isMapping(other)) return false;
    const theirs = new Map(collectPairs(other));
    let count = 0;
    for (const [key, value] of this.items()) {
      count++;
      if (!theirs.has(key) || !pyEquals(value, theirs.get(key))) return false;
    }
    return count === theirs.size;
  }

  /**
   * Python's `len(d)`: the same number as {@link size}.
   *
   * @returns the number of entries.
   * @example
   * ```ts
   * d.__len__() === d.size;   // always true
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict
   */
  __len__(): number {
    checkReceiver(this, '__len__');
    if (arguments.length !== 0) throw argCountError('__len__', 0, 0, arguments.length);
    return this.size;
  }

  /**
   * Python's `key in d`: the same as {@link has}.
   *
   * @param key - the key to look for.
   * @returns whether a live entry is stored under `key`.
   * @example
   * ```ts
   * d.__contains__('k');   // Python: 'k' in d
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict
   */
  __contains__(key: K): boolean {
    checkReceiver(this, '__contains__');
    if (arguments.length !== 1) throw argCountError('__contains__', 1, 1, arguments.length);
    return this.has(key);
  }

  /**
   * The JavaScript `Map` spelling of {@link items}: the live `[key, value]` pairs, over a snapshot.
   *
   * @returns an iterator of pairs.
   * @example
   * ```ts
   * for (const [key, value] of d.entries()) console.log(key, value);
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict.items
   */
  entries(): IterableIterator<[K, V]> {
    checkReceiver(this, 'entries');
    if (arguments.length !== 0) throw argCountError('entries', 0, 0, arguments.length);
    return this.items();
  }

  /**
   * Iterating a dictionary yields its **keys**, as in Python (not pairs, as a `Map` would).
   *
   * @returns an iterator of the live keys, over a snapshot.
   * @example
   * ```ts
   * for (const key of d) console.log(key);   // Python: for key in d
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict
   */
  [Symbol.iterator](): IterableIterator<K> {
    checkReceiver(this, '__iter__');
    return this.keys();
  }
}
