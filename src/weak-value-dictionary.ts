/**
 * `WeakValueDictionary`: Python's mapping that holds its values weakly (CONTRACT §5), ported from
 * CPython 3.14's `Lib/weakref.py`. The entry table, its lifetimes and its race rules are in
 * internal/value-entries.ts; dict-style access in internal/dict-access-proxy.ts; the methods shared
 * with WeakKeyDictionary (`__getitem__` and the other raising forms, `pop`, `setdefault`, `update`,
 * the union operators, `__eq__`) in internal/mutable-mapping.ts.
 *
 * Why the state is not in `#private` fields: the constructor returns a Proxy of the instance, and
 * methods run with `this` = that Proxy, which has no private fields. The state is found through a
 * module WeakMap instead (`states`), for the Proxy and the instance alike.
 */
import { type KeyedRef } from './keyed-ref';
import { KeyError } from './errors';
import { checkWeakrefable } from './internal/weakrefable';
import * as messages from './internal/messages';
import { className, hexId } from './internal/ids';
import { argCountError } from './internal/dict-args';
import { type MappingInput } from './internal/mapping-input';
import { CHECK_KEY, CHECK_PAIR, MutableMapping } from './internal/mutable-mapping';
import {
  clearEntries,
  createEntries,
  keyedRef,
  deleteEntry,
  iterate,
  liveValue,
  popLast,
  receiverError,
  setEntry,
  stateOf,
  states,
} from './internal/value-entries';
import { SKIP } from './internal/snapshot-iterator';

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
export class WeakValueDictionary<K = unknown, V extends WeakKey = WeakKey> extends MutableMapping<
  K,
  V,
  WeakValueDictionary<K, V>
> {
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
  constructor(other?: MappingInput<K, V>) {
    if (arguments.length > 1) throw argCountError('WeakValueDictionary', 0, 1, arguments.length);
    super();
    const proxy = createEntries(this, WeakValueDictionary.prototype.get);
    if (other !== undefined) (proxy as this).update(other);
    return proxy as this;
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
  get size(): number {
    return stateOf(this, 'size').data.size;
  }

  /**
   * Python's `d.get(key)`: the live value under `key`, else `undefined` (Python's None).
   *
   * @param key - the key to look up.
   * @returns the value, or `undefined`.
   * @example
   * ```ts
   * d.get('k');   // the value or undefined
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict.get
   */
  get(key: K): V | undefined;
  /**
   * Python's `d.get(key, default)`: the live value under `key`, else `defaultValue`.
   *
   * @param key - the key to look up.
   * @param defaultValue - returned when the key is missing or its value died.
   * @returns the value, or `defaultValue`.
   * @example
   * ```ts
   * d.get('k', other);   // the value or other
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict.get
   */
  get<D>(key: K, defaultValue: D): V | D;
  get(_key: K, _defaultValue?: unknown): unknown {
    // `d.get(k)` does not come here: reading `d.get` gives the dictionary's own copy of this method,
    // which knows its table (makeOwnGet in internal/value-entries.ts, the hot path of issue 10). This is
    // `WeakValueDictionary.prototype.get.call(x, k)` and a subclass's `super.get(k)`: find the state,
    // then run that copy (one body for both, with its arity check).
    const state = states.get(this);
    if (state === undefined) throw receiverError(this, 'get');
    return state.ownGet!.apply(state.self, arguments as unknown as unknown[]);
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
  set(key: K, value: V): this {
    const state = states.get(this);
    if (state === undefined) throw receiverError(this, 'set');
    if (arguments.length !== 2) throw argCountError('set', 2, 2, arguments.length);
    setEntry(state, key, value);
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
  has(key: K): boolean {
    const state = stateOf(this, 'has');
    if (arguments.length !== 1) throw argCountError('has', 1, 1, arguments.length);
    return liveValue(state, key) !== undefined;
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
  delete(key: K): boolean {
    const state = stateOf(this, 'delete');
    if (arguments.length !== 1) throw argCountError('delete', 1, 1, arguments.length);
    const value = deleteEntry(state, key);
    return value !== SKIP && value !== undefined;
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
  popitem(): [K, V] {
    const state = stateOf(this, 'popitem');
    if (arguments.length !== 0) throw argCountError('popitem', 0, 0, arguments.length);
    const item = popLast(state);
    if (item === undefined) throw new KeyError(undefined, messages.dictEmpty);
    return item as [K, V];
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
  keys(): IterableIterator<K> {
    const state = stateOf(this, 'keys');
    if (arguments.length !== 0) throw argCountError('keys', 0, 0, arguments.length);
    return iterate(state, (key) => key as K);
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
  values(): IterableIterator<V> {
    const state = stateOf(this, 'values');
    if (arguments.length !== 0) throw argCountError('values', 0, 0, arguments.length);
    return iterate(state, (_key, value) => value as V);
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
  items(): IterableIterator<[K, V]> {
    const state = stateOf(this, 'items');
    if (arguments.length !== 0) throw argCountError('items', 0, 0, arguments.length);
    return iterate(state, (key, value) => [key as K, value as V]);
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
  valuerefs(): Array<KeyedRef<V, K>> {
    const state = stateOf(this, 'valuerefs');
    if (arguments.length !== 0) throw argCountError('valuerefs', 0, 0, arguments.length);
    // Each entry's KeyedRef is made on first demand (internal/value-entry.ts); made, it stays the same.
    const out: Array<KeyedRef<V, K>> = [];
    for (const entry of state.data.values()) {
      if (entry.deref() === undefined) continue; // dead, its clean-up not run yet
      out.push(keyedRef(state, entry) as unknown as KeyedRef<V, K>);
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
  itervaluerefs(): IterableIterator<KeyedRef<V, K>> {
    const state = stateOf(this, 'itervaluerefs');
    if (arguments.length !== 0) throw argCountError('itervaluerefs', 0, 0, arguments.length);
    return iterate(state, (_key, _value, entry) => keyedRef(state, entry) as unknown as KeyedRef<V, K>);
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
  copy(): WeakValueDictionary<K, V> {
    const state = stateOf(this, 'copy');
    if (arguments.length !== 0) throw argCountError('copy', 0, 0, arguments.length);
    const result = new WeakValueDictionary<K, V>();
    const target = states.get(result)!;
    for (const [key, entry] of state.data) {
      const value = entry.deref();
      if (value !== undefined) setEntry(target, key, value);
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
  clear(): void {
    const state = stateOf(this, 'clear');
    if (arguments.length !== 0) throw argCountError('clear', 0, 0, arguments.length);
    clearEntries(state);
  }

  /** @internal Values must be weakly referenceable; `update()` checks every pair before storing any. */
  [CHECK_PAIR](_key: unknown, value: unknown): void {
    checkWeakrefable(value);
  }

  /** @internal Any key will do. */
  [CHECK_KEY](_key: unknown): void {}

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
  override toString(): string {
    const self = stateOf(this, '__repr__').self;
    return `<${className(self)} at ${hexId(self)}>`;
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
  [inspectCustom](): string {
    stateOf(this, '__repr__'); // a stranger gets the descriptor TypeError, not its own toString()
    return this.toString();
  }

  /** `Object.prototype.toString.call(d)` gives `[object WeakValueDictionary]`. */
  get [Symbol.toStringTag](): string {
    return 'WeakValueDictionary';
  }
}
