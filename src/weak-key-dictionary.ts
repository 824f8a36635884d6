/**
 * `WeakKeyDictionary`: Python's mapping that holds its keys weakly (CONTRACT §6), ported from
 * CPython 3.14's `Lib/weakref.py`. Keys are compared by identity (JavaScript has no `__hash__`).
 *
 * What keeps what alive (the shape of the TC39 "iterable WeakMap" recipe):
 * - `#records` is a native WeakMap key -> { ref, value }. The key is an ephemeron key: its record,
 *   and so the value, is reachable only while the key is, so a value that references its own key
 *   does not keep it alive (CPython leaks there; CONTRACT §6). `get` is one native lookup.
 * - `#order` is an insertion-ordered Set of the keys' refs (CPython's `self.data` keys), for `size`,
 *   iteration and `popitem`. It holds reference objects, never keys: a ref reads one native WeakRef.
 * - Each key's ref is `ref(key, remove)`: a ref with a callback, so each key counts once in
 *   `getweakrefcount(key)`, as in CPython. `remove` closes over `#order` alone and deletes the ref
 *   from it when the key dies; the WeakMap entry goes by itself. A ref that was already replaced or
 *   deleted is simply not in the Set any more, so a late callback removes nothing it should not.
 * - The cycle order -> ref -> link -> remove -> order is reachable from the dictionary only (the
 *   core's weak lists hold links weakly), so dropping the dictionary drops all of it.
 * - No FinalizationRegistry here: deaths arrive through the core's one registry, via `ref`.
 */
import { ref } from './ref';
import { KeyError } from './errors';
import { checkWeakrefable } from './internal/weakrefable';
import { NativeWeakMap } from './internal/natives';
import * as messages from './internal/messages';
import { className, hexId, shortRepr } from './internal/ids';
import { markLibraryCallback, registerRetentionProbe, trackInstance, trackedInstances } from './internal/retention';
import { argCountError } from './internal/dict-args';
import { type MappingInput } from './internal/mapping-input';
import { CHECK_KEY, CHECK_PAIR, MutableMapping } from './internal/mutable-mapping';
import { SKIP, SnapshotIterator } from './internal/snapshot-iterator';

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/** The TypeError for a method called on something that is not a WeakKeyDictionary. */
function receiverError(self: unknown, method: string): TypeError {
  return new TypeError(messages.wrongReceiver(method, 'WeakKeyDictionary', className(self)));
}

/** One entry: the key's ref (what `#order` holds) and the value. */
interface KeyRecord<K extends WeakKey, V> {
  readonly ref: ref<K>;
  value: V;
}

/**
 * Python's `weakref.WeakKeyDictionary`: a mapping whose entries vanish when their key is collected.
 * Keys must be weakly referenceable (objects, functions, non-registered symbols) and are compared by
 * identity; values may be anything and are held strongly, but only while their key lives.
 *
 * There is no bracket access (JavaScript property keys cannot be objects): use `get`, `set`, `has`,
 * `delete` or the Python forms `__getitem__`, `__setitem__`, `__delitem__`, `__contains__`.
 * Iteration yields keys, over a snapshot.
 *
 * @typeParam K - the key type (weakly referenceable).
 * @typeParam V - the value type.
 * @example
 * ```ts
 * const extra = new WeakKeyDictionary<Widget, string>();
 * extra.set(widget, 'notes about widget');   // Python: extra[widget] = '...'
 * extra.get(widget);                         // 'notes about widget'
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.WeakKeyDictionary
 */
export class WeakKeyDictionary<K extends WeakKey = WeakKey, V = unknown> extends MutableMapping<
  K,
  V,
  WeakKeyDictionary<K, V>
> {
  #records: WeakMap<K, KeyRecord<K, V>> = new NativeWeakMap();
  readonly #order = new Set<ref<K>>();
  /** CPython: weakref.py WeakKeyDictionary.__init__.remove. */
  readonly #remove: (wr: ref<K>) => void;
  /**
   * `stack`: refs in insertion order for `popitem()`, popped from the end; dropped when a key is added
   * and whenever an entry is removed otherwise (it would keep a removed key's ref alive and counting in
   * `getweakrefcount`: found by the reliability fuzz). In its own small object because `#remove` must
   * reset it and must not reach the dictionary.
   */
  readonly #popOrder: { stack: Array<ref<K>> | undefined } = { stack: undefined };

  /**
   * Creates a dictionary, filled from `other` as {@link update} would.
   *
   * @param other - a `Map`, a weak dictionary, an iterable of `[key, value]` pairs, or an object with
   * `items()`.
   * @throws TypeError for a key that cannot be weakly referenced, input that is not a mapping or an
   * iterable of pairs, or more than one argument.
   * @example
   * ```ts
   * const d = new WeakKeyDictionary([[a, 1], [b, 2]]);
   * ```
   */
  constructor(other?: MappingInput<K, V>) {
    if (arguments.length > 1) throw argCountError('WeakKeyDictionary', 0, 1, arguments.length);
    super();
    const order = this.#order;
    const popOrder = this.#popOrder;
    this.#remove = (wr) => {
      if (order.delete(wr)) popOrder.stack = undefined;
    };
    // For pyweakref/testing (a boolean test each until it loads): `#remove` never closes over a key,
    // and tracking holds the dictionary weakly.
    markLibraryCallback(this.#remove);
    trackInstance('WeakKeyDictionary', this);
    if (other !== undefined) this.update(other);
  }

  /**
   * The retention probe of WeakKeyDictionary (see internal/retention.ts), here for `#private` access:
   * a value is held strongly while its key lives, so an object stored as the value of a live key
   * lives as long as that entry. A value under its own key is not reported: the ephemeron does not
   * keep it alive. Dereferences keys only while building a failure message.
   */
  static {
    registerRetentionProbe((target) => {
      const out: string[] = [];
      for (const d of trackedInstances<WeakKeyDictionary>('WeakKeyDictionary')) {
        for (const wr of d.#order) {
          const key = wr();
          if (key === undefined || key === target || d.#records.get(key)?.value !== target) continue;
          out.push(
            `it is the value under key ${shortRepr(key)} of ${shortRepr(d)}: a WeakKeyDictionary holds a ` +
              'value strongly while its key lives',
          );
        }
      }
      return out;
    });
  }

  /**
   * The number of entries, as Python's `len(d)` (the same as {@link __len__}). It may still count an
   * entry whose key was collected until the clean-up runs; after `await gc.collect()` it is exact.
   *
   * @example
   * ```ts
   * d.size;   // Python: len(d)
   * ```
   * @see https://docs.python.org/3/library/functions.html#len
   */
  get size(): number {
    if (!WeakKeyDictionary.#is(this)) throw receiverError(this, 'size');
    return this.#order.size;
  }

  /**
   * Python's `d.get(key)`: the value under `key`, else `undefined` (Python's None).
   *
   * @param key - the key object.
   * @returns the value, or `undefined`.
   * @throws TypeError for a key that cannot be weakly referenced (`d.get(13)`), as in CPython.
   * @example
   * ```ts
   * d.get(obj);   // the value, or undefined
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict.get
   */
  get(key: K): V | undefined;
  /**
   * Python's `d.get(key, default)`: the value under `key`, else `defaultValue`.
   *
   * @param key - the key object.
   * @param defaultValue - returned when the key is not in the dictionary.
   * @returns the value, or `defaultValue`.
   * @throws TypeError for a key that cannot be weakly referenced (`d.get(13, 0)`), as in CPython.
   * @example
   * ```ts
   * d.get(obj, 0);   // the value, or 0
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict.get
   */
  get<D>(key: K, defaultValue: D): V | D;
  get(key: K, defaultValue?: unknown): unknown {
    if (!WeakKeyDictionary.#is(this)) throw receiverError(this, 'get');
    // Hot path (issue 10: <= 1.5x `WeakMap.prototype.get`): one native lookup; the weakrefable check
    // runs only on a miss, since a primitive is never a key of the WeakMap.
    if (arguments.length !== 1 && arguments.length !== 2) throw argCountError('get', 1, 2, arguments.length);
    const record = this.#records.get(key);
    if (record !== undefined) return record.value;
    checkWeakrefable(key);
    return defaultValue;
  }

  /**
   * JavaScript's `map.set(key, value)`: stores `value` under `key` (Python's `d[key] = value`).
   *
   * @param key - a weakly referenceable key.
   * @param value - any value.
   * @returns this dictionary.
   * @throws TypeError `cannot create weak reference to 'number' object` (and so on) for a primitive key.
   * @example
   * ```ts
   * d.set(a, 1).set(b, 2);
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict
   */
  set(key: K, value: V): this {
    if (!WeakKeyDictionary.#is(this)) throw receiverError(this, 'set');
    if (arguments.length !== 2) throw argCountError('set', 2, 2, arguments.length);
    const record = this.#records.get(key);
    if (record !== undefined) {
      // An existing key keeps its ref and its place in the order, as a Python dict keeps its key.
      record.value = value;
      return this;
    }
    checkWeakrefable(key);
    const wr = ref(key, this.#remove);
    this.#records.set(key, { ref: wr, value });
    this.#order.add(wr);
    this.#popOrder.stack = undefined;
    return this;
  }

  /**
   * JavaScript's `map.has(key)` (Python's `key in d`): `false` for anything not in the dictionary,
   * including values that cannot be keys (`d.has(13)`).
   *
   * @param key - anything.
   * @returns whether `key` is in the dictionary.
   * @example
   * ```ts
   * d.has(obj);
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict
   */
  has(key: K): boolean {
    if (!WeakKeyDictionary.#is(this)) throw receiverError(this, 'has');
    if (arguments.length !== 1) throw argCountError('has', 1, 1, arguments.length);
    return this.#records.has(key);
  }

  /**
   * JavaScript's `map.delete(key)`: removes the entry of `key`.
   *
   * @param key - anything.
   * @returns whether an entry was removed (`false` for a value that cannot be a key).
   * @example
   * ```ts
   * d.delete(obj);
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict
   */
  delete(key: K): boolean {
    if (!WeakKeyDictionary.#is(this)) throw receiverError(this, 'delete');
    if (arguments.length !== 1) throw argCountError('delete', 1, 1, arguments.length);
    const record = this.#records.get(key);
    if (record === undefined) return false;
    this.#records.delete(key);
    this.#order.delete(record.ref);
    this.#popOrder.stack = undefined;
    return true;
  }

  /**
   * Python's `d.popitem()`: removes and returns the last inserted entry whose key lives.
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
    if (!WeakKeyDictionary.#is(this)) throw receiverError(this, 'popitem');
    if (arguments.length !== 0) throw argCountError('popitem', 0, 0, arguments.length);
    const order = this.#order;
    // A Set cannot be read from its end: keep its refs in an array and pop from that, so that draining
    // a dictionary with popitem() is linear. Refs deleted meanwhile are skipped; adding a key resets it.
    let stack = this.#popOrder.stack;
    if (stack === undefined) stack = this.#popOrder.stack = Array.from(order);
    while (stack.length > 0) {
      const wr = stack.pop()!;
      if (!order.delete(wr)) continue;
      const key = wr();
      if (key === undefined) continue;
      const record = this.#records.get(key)!;
      this.#records.delete(key);
      return [key, record.value];
    }
    throw new KeyError(undefined, messages.dictEmpty);
  }

  /**
   * Python's `d.keys()`: the live keys, over a snapshot taken at the first `next()`. Entries added
   * later are not visited; entries deleted or whose key died meanwhile are skipped.
   *
   * @returns an iterator of keys.
   * @example
   * ```ts
   * for (const key of d.keys()) console.log(key);
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict.keys
   */
  keys(): IterableIterator<K> {
    if (!WeakKeyDictionary.#is(this)) throw receiverError(this, 'keys');
    if (arguments.length !== 0) throw argCountError('keys', 0, 0, arguments.length);
    return this.#iterate((key) => key);
  }

  /**
   * Python's `d.values()`: the values of the live entries, over a snapshot (see {@link keys}); each
   * value is read when its entry is reached.
   *
   * @returns an iterator of values.
   * @example
   * ```ts
   * const total = [...d.values()].reduce((a, b) => a + b, 0);
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict.values
   */
  values(): IterableIterator<V> {
    if (!WeakKeyDictionary.#is(this)) throw receiverError(this, 'values');
    if (arguments.length !== 0) throw argCountError('values', 0, 0, arguments.length);
    return this.#iterate((_key, value) => value);
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
    if (!WeakKeyDictionary.#is(this)) throw receiverError(this, 'items');
    if (arguments.length !== 0) throw argCountError('items', 0, 0, arguments.length);
    return this.#iterate((key, value) => [key, value]);
  }

  /**
   * Python's `d.keyrefs()`: the refs of the live keys, in an array. A ref may die at any time after
   * the call; check `wr()` before use.
   *
   * @returns an array of refs.
   * @example
   * ```ts
   * for (const wr of d.keyrefs()) { const key = wr(); if (key !== undefined) use(key); }
   * ```
   * @see https://docs.python.org/3/library/weakref.html#weakref.WeakKeyDictionary.keyrefs
   */
  keyrefs(): Array<ref<K>> {
    if (!WeakKeyDictionary.#is(this)) throw receiverError(this, 'keyrefs');
    if (arguments.length !== 0) throw argCountError('keyrefs', 0, 0, arguments.length);
    const out: Array<ref<K>> = [];
    for (const wr of this.#order) if (wr() !== undefined) out.push(wr);
    return out;
  }

  /**
   * Python's `d.copy()`: a new plain `WeakKeyDictionary` (never a subclass, as in CPython) with the
   * live entries. Values are shared, not copied.
   *
   * @returns the copy.
   * @example
   * ```ts
   * const snapshot = d.copy();
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict.copy
   */
  copy(): WeakKeyDictionary<K, V> {
    if (!WeakKeyDictionary.#is(this)) throw receiverError(this, 'copy');
    if (arguments.length !== 0) throw argCountError('copy', 0, 0, arguments.length);
    const result = new WeakKeyDictionary<K, V>();
    for (const wr of this.#order) {
      const key = wr();
      if (key !== undefined) result.set(key, this.#records.get(key)!.value);
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
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#dict.clear
   */
  clear(): void {
    if (!WeakKeyDictionary.#is(this)) throw receiverError(this, 'clear');
    if (arguments.length !== 0) throw argCountError('clear', 0, 0, arguments.length);
    // A WeakMap cannot be cleared: a new one drops every record at once. `#order` is kept, since the
    // refs' callback closes over it (and then finds nothing to remove).
    this.#records = new NativeWeakMap();
    this.#order.clear();
    this.#popOrder.stack = undefined;
  }

  /** @internal Keys must be weakly referenceable; `update()` checks every pair before storing any. */
  [CHECK_PAIR](key: unknown): void {
    checkWeakrefable(key);
  }

  /** @internal The raising Python methods refuse a key that cannot be weakly referenced (TypeError). */
  [CHECK_KEY](key: unknown): void {
    checkWeakrefable(key);
  }

  /**
   * Python's `repr(d)`: `<WeakKeyDictionary at 0x..>` (the class name of a subclass instead).
   *
   * @returns the repr.
   * @example
   * ```ts
   * String(d);   // '<WeakKeyDictionary at 0x2a>'
   * ```
   * @see https://docs.python.org/3/library/functions.html#repr
   */
  override toString(): string {
    if (!WeakKeyDictionary.#is(this)) throw receiverError(this, '__repr__');
    return `<${className(this)} at ${hexId(this)}>`;
  }

  /**
   * Node's inspection hook: `util.inspect(d)` and `console.log(d)` print the repr.
   *
   * @returns the repr, as {@link toString}.
   * @example
   * ```ts
   * console.log(d);   // <WeakKeyDictionary at 0x1f>
   * ```
   */
  [inspectCustom](): string {
    if (!WeakKeyDictionary.#is(this)) throw receiverError(this, '__repr__');
    return this.toString();
  }

  /**
   * A brand check that never throws. Every method starts with it: reading a private field of a
   * stranger would throw the engine's own TypeError ("Cannot read private member #records...").
   */
  static #is(value: unknown): boolean {
    return typeof value === 'object' && value !== null && #records in value;
  }

  /** `Object.prototype.toString.call(d)` gives `[object WeakKeyDictionary]`. */
  get [Symbol.toStringTag](): string {
    return 'WeakKeyDictionary';
  }

  /**
   * Iterates the live entries over a snapshot of the refs: it holds keys weakly, and reads each entry
   * as it is when reached (skipped if its key died or it was deleted since the snapshot). Values are
   * not in the snapshot: holding them would keep alive a key that its own value references.
   */
  #iterate<T>(produce: (key: K, value: V) => T): IterableIterator<T> {
    const order = this.#order;
    return new SnapshotIterator<ref<K>, T>(
      () => Array.from(order),
      (wr) => {
        const key = wr();
        if (key === undefined) return SKIP;
        const record = this.#records.get(key);
        return record === undefined ? SKIP : produce(key, record.value);
      },
    );
  }
}
