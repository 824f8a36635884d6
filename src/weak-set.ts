/**
 * `WeakSet`: Python's `weakref.WeakSet`, a set that holds its members weakly (CONTRACT §7).
 *
 * Mirrors CPython 3.14's `Lib/_weakrefset.py`: every member is held through a `ref(member, remove)`,
 * so each member counts once in `getweakrefcount(member)` and leaves the set when it is collected.
 * Members are compared by identity (see docs/porting-guide.md#members-are-compared-by-identity).
 *
 * Three layers, one file each: src/internal/weak-set-core.ts holds the members (and says what keeps
 * what alive), membership, size, iteration, one-member mutation and the repr;
 * src/internal/weak-set-updates.ts the in-place updates (`__init__`, `update`, `*_update`, `|=` `-=`
 * `&=` `^=`); this file the constructor, `copy`, the algebra returning new sets and the comparisons.
 * The upper layers reach the members only through the core's module functions (`hasMember`, ...),
 * which no subclass can override.
 */
import * as messages from './internal/messages';
import { toArray, weakItems } from './internal/set-input';
import { checkReceiver, hasMember } from './internal/weak-set-core';
import { WeakSetUpdates } from './internal/weak-set-updates';

/** The constructor of a WeakSet subclass, for the methods that build a new set of the same class. */
type SameClass<T extends WeakKey> = new (data?: Iterable<T> | null) => WeakSet<T>;

/**
 * Python's `weakref.WeakSet`: a set whose members are held weakly. A member leaves the set when it is
 * collected; members are compared by identity. The whole Python surface (set algebra, comparisons,
 * the in-place operators) plus `has`, `size` and snapshot iteration.
 *
 * Iteration is over a snapshot: mutating the set or collecting members while iterating never throws,
 * and members that die meanwhile are skipped.
 *
 * @typeParam T - the members: objects, functions, or non-registered symbols.
 * @throws TypeError `cannot create weak reference to 'number' object` for a member that cannot be
 *   held weakly; `'number' object is not iterable` for an argument that is not iterable.
 * @example
 * ```ts
 * const listeners = new WeakSet<object>();
 * let l: object | undefined = {};
 * listeners.add(l);
 * listeners.size;          // 1
 * l = undefined;           // Python: del l
 * await gc.collect();
 * listeners.size;          // 0
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.WeakSet
 */
export class WeakSet<T extends WeakKey = WeakKey> extends WeakSetUpdates<T> implements Iterable<T> {
  /**
   * Creates a set that holds the members of `data` weakly (Python: `WeakSet(data)`).
   *
   * @param data - an iterable of members (any iterable: array, Set, generator, another WeakSet);
   *   `undefined` or `null` for an empty set.
   * @throws TypeError for more than one argument, a non-iterable, or a member that cannot be held
   *   weakly (the set then stays empty).
   * @example
   * ```ts
   * const listeners = new WeakSet<Listener>();
   * const pair = new WeakSet([a, b]);   // Python: WeakSet([a, b])
   * ```
   * @see https://docs.python.org/3/library/weakref.html#weakref.WeakSet
   */
  constructor(data?: Iterable<T> | null) {
    if (arguments.length > 1) throw new TypeError(messages.setArgs(arguments.length));
    super();
    if (data != null) this.update(data);
  }

  /**
   * A new set of the same class with the same members (CPython: `self.__class__(self)`).
   *
   * @returns the new set.
   * @example
   * ```ts
   * const snapshot = s.copy();
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  copy(): WeakSet<T> {
    checkReceiver(this, 'copy');
    return new (this.constructor as SameClass<T>)(this);
  }

  // ---- algebra returning new sets ------------------------------------------------------------

  /**
   * A new set with the members of this set and of `other`.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns a new set of the same class.
   * @throws TypeError as {@link WeakSet.update}.
   * @example
   * ```ts
   * const all = s.union(t);   // Python: s | t
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  union<U extends WeakKey>(other: Iterable<U>): WeakSet<T | U> {
    checkReceiver(this, 'union');
    const items: Array<T | U> = Array.from(this);
    for (const item of weakItems<U>(other)) items.push(item);
    return new (this.constructor as SameClass<T | U>)(items);
  }

  /**
   * Python's `s | other`; the same as {@link WeakSet.union}.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns a new set of the same class.
   * @example
   * ```ts
   * const all = s.__or__(t);   // Python: s | t
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  __or__<U extends WeakKey>(other: Iterable<U>): WeakSet<T | U> {
    checkReceiver(this, '__or__');
    return this.union(other);
  }

  /**
   * A new set with the items of `other` that are members of this set. Items that cannot be held
   * weakly are simply not members (no TypeError, as CPython).
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns a new set of the same class.
   * @example
   * ```ts
   * const both = s.intersection(t);   // Python: s & t
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  intersection(other: Iterable<unknown>): WeakSet<T> {
    checkReceiver(this, 'intersection');
    const items = toArray(other).filter((item) => hasMember(this, item)) as T[];
    return new (this.constructor as SameClass<T>)(items);
  }

  /**
   * Python's `s & other`; the same as {@link WeakSet.intersection}.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns a new set of the same class.
   * @example
   * ```ts
   * const both = s.__and__(t);   // Python: s & t
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  __and__(other: Iterable<unknown>): WeakSet<T> {
    checkReceiver(this, '__and__');
    return this.intersection(other);
  }

  /**
   * A new set with the members of this set that are not in `other`.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns a new set of the same class.
   * @throws TypeError as {@link WeakSet.update}.
   * @example
   * ```ts
   * const rest = s.difference(t);   // Python: s - t
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  difference(other: Iterable<unknown>): WeakSet<T> {
    checkReceiver(this, 'difference');
    const result = this.copy();
    result.difference_update(other);
    return result;
  }

  /**
   * Python's `s - other`; the same as {@link WeakSet.difference}.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns a new set of the same class.
   * @example
   * ```ts
   * const rest = s.__sub__(t);   // Python: s - t
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  __sub__(other: Iterable<unknown>): WeakSet<T> {
    checkReceiver(this, '__sub__');
    return this.difference(other);
  }

  /**
   * A new set with the members in exactly one of this set and `other`.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns a new set of the same class.
   * @throws TypeError as {@link WeakSet.update}.
   * @example
   * ```ts
   * const either = s.symmetric_difference(t);   // Python: s ^ t
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  symmetric_difference<U extends WeakKey>(other: Iterable<U>): WeakSet<T | U> {
    checkReceiver(this, 'symmetric_difference');
    const result = this.copy() as WeakSet<T | U>;
    result.symmetric_difference_update(other);
    return result;
  }

  /**
   * Python's `s ^ other`; the same as {@link WeakSet.symmetric_difference}.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns a new set of the same class.
   * @example
   * ```ts
   * const either = s.__xor__(t);   // Python: s ^ t
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  __xor__<U extends WeakKey>(other: Iterable<U>): WeakSet<T | U> {
    checkReceiver(this, '__xor__');
    return this.symmetric_difference(other);
  }

  // ---- comparisons ---------------------------------------------------------------------------

  /** The members alive now, in insertion order. */
  #live(): T[] {
    return Array.from(this);
  }

  /**
   * Whether no member of this set is in `other` (items that cannot be held weakly are ignored).
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns whether the two have no member in common.
   * @example
   * ```ts
   * s.isdisjoint(t);   // Python: s.isdisjoint(t)
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  isdisjoint(other: Iterable<unknown>): boolean {
    checkReceiver(this, 'isdisjoint');
    for (const item of toArray(other)) if (hasMember(this, item)) return false;
    return true;
  }

  /**
   * Whether every member is in `other` (Python's `s <= other`).
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns whether every member of this set is in `other`.
   * @throws TypeError as {@link WeakSet.update}.
   * @example
   * ```ts
   * s.issubset(t);   // Python: s <= t
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  issubset(other: Iterable<unknown>): boolean {
    checkReceiver(this, 'issubset');
    const set = new Set<unknown>(weakItems(other));
    return this.#live().every((item) => set.has(item));
  }

  /**
   * Python's `s <= other`; the same as {@link WeakSet.issubset}.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns whether every member of this set is in `other`.
   * @example
   * ```ts
   * s.__le__(t);   // Python: s <= t
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  __le__(other: Iterable<unknown>): boolean {
    checkReceiver(this, '__le__');
    return this.issubset(other);
  }

  /**
   * Python's `s < other`: a proper subset.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns whether this set is a proper subset of `other`.
   * @throws TypeError as {@link WeakSet.update}.
   * @example
   * ```ts
   * s.__lt__(t);   // Python: s < t
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  __lt__(other: Iterable<unknown>): boolean {
    checkReceiver(this, '__lt__');
    const set = new Set<unknown>(weakItems(other));
    const live = this.#live();
    return live.length < set.size && live.every((item) => set.has(item));
  }

  /**
   * Whether every item of `other` is a member (Python's `s >= other`).
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns whether every item of `other` is a member.
   * @throws TypeError as {@link WeakSet.update}.
   * @example
   * ```ts
   * s.issuperset(t);   // Python: s >= t
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  issuperset(other: Iterable<unknown>): boolean {
    checkReceiver(this, 'issuperset');
    return weakItems(other).every((item) => hasMember(this, item));
  }

  /**
   * Python's `s >= other`; the same as {@link WeakSet.issuperset}.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns whether every item of `other` is a member.
   * @example
   * ```ts
   * s.__ge__(t);   // Python: s >= t
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  __ge__(other: Iterable<unknown>): boolean {
    checkReceiver(this, '__ge__');
    return this.issuperset(other);
  }

  /**
   * Python's `s > other`: a proper superset.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns whether this set is a proper superset of `other`.
   * @throws TypeError as {@link WeakSet.update}.
   * @example
   * ```ts
   * s.__gt__(t);   // Python: s > t
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  __gt__(other: Iterable<unknown>): boolean {
    checkReceiver(this, '__gt__');
    const set = new Set<unknown>(weakItems(other));
    let count = 0;
    for (const item of set) {
      if (!hasMember(this, item)) return false;
      count++;
    }
    return this.#live().length > count;
  }

  /**
   * Python's `s == other`: true when `other` is a WeakSet of this class (or this set is of `other`'s
   * class, Python's reflected comparison) with the same live members. Anything else, a native `Set`
   * included, is unequal (CPython returns NotImplemented, then compares identities).
   *
   * @param other - anything.
   * @returns whether `other` is an equal WeakSet.
   * @example
   * ```ts
   * s.__eq__(t);   // Python: s == t
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  __eq__(other: unknown): boolean {
    checkReceiver(this, '__eq__');
    if (other === this) return true;
    if (!(other instanceof WeakSet)) return false;
    const theirClass = (other as WeakSet).constructor as SameClass<WeakKey>;
    if (!(other instanceof (this.constructor as SameClass<T>)) && !(this instanceof theirClass)) return false;
    const mine = this.#live();
    const theirs = new Set<unknown>(other);
    return mine.length === theirs.size && mine.every((item) => theirs.has(item));
  }

  /**
   * Python's `s != other`: the negation of {@link WeakSet.__eq__}.
   *
   * @param other - anything.
   * @returns whether `other` is not an equal WeakSet.
   * @example
   * ```ts
   * s.__ne__(t);   // Python: s != t
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  __ne__(other: unknown): boolean {
    checkReceiver(this, '__ne__');
    return !this.__eq__(other);
  }

  /**
   * Python's `hash(s)`: sets are mutable, so unhashable.
   *
   * @returns never: a WeakSet cannot be hashed.
   * @throws TypeError `unhashable type: 'WeakSet'` always (a subclass may override it).
   * @example
   * ```ts
   * s.__hash__();   // throws TypeError, as Python's hash(s)
   * ```
   * @see https://docs.python.org/3/library/functions.html#hash
   */
  __hash__(): number {
    checkReceiver(this, '__hash__');
    throw new TypeError(messages.unhashable(this.constructor.name || 'WeakSet'));
  }
}
