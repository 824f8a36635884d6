/**
 * The in-place updates of the public `WeakSet` (src/weak-set.ts): `__init__`, `update`, the `*_update`
 * forms of the algebra and their operators `|=`, `-=`, `&=`, `^=`. Each takes an iterable, checks all
 * of its items before it changes anything (./set-input.ts), then writes the members through the
 * storage operations of ./weak-set-core.ts.
 *
 * Nothing here holds anything: the items of `other` are held only while the method runs, and every
 * member is stored by the core, through its ref.
 */
import * as messages from './messages';
import { weakItems } from './set-input';
import { addMember, checkReceiver, dropMember, retainMembers, WeakSetCore } from './weak-set-core';

/**
 * The second layer of `WeakSet`: the mutations that take a whole iterable. Not exported from the
 * package root; the methods' documentation speaks of `WeakSet`, the only class that extends it.
 *
 * @typeParam T - the members: objects, functions, or non-registered symbols.
 */
export abstract class WeakSetUpdates<T extends WeakKey = WeakKey> extends WeakSetCore<T> {
  /**
   * Python's `s.__init__(data)`: empties the set, then adds the members of `data`.
   *
   * @param data - an iterable of members; `undefined` or `null` for none.
   * @throws TypeError as the constructor (the set is then empty, as in CPython).
   * @example
   * ```ts
   * s.__init__([a, b]);   // the members are now exactly a and b
   * ```
   * @see https://docs.python.org/3/reference/datamodel.html#object.__init__
   */
  __init__(data?: Iterable<T> | null): void {
    checkReceiver(this, '__init__');
    if (arguments.length > 1) throw new TypeError(messages.setArgs(arguments.length));
    this.clear();
    if (data != null) this.update(data);
  }

  /**
   * Adds every member of `other` (any iterable). Returns `undefined`. All items are checked first:
   * a bad one throws and leaves the set unchanged.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @throws TypeError for a non-iterable or an item that cannot be held weakly.
   * @example
   * ```ts
   * s.update([a, b]);   // Python: s.update([a, b])
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  update(other: Iterable<T>): void {
    checkReceiver(this, 'update');
    for (const item of weakItems<T>(other)) addMember(this, item);
  }

  /**
   * Python's `s |= other`: {@link WeakSet.update}, then returns this set.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns this set.
   * @example
   * ```ts
   * s = s.__ior__(other);   // Python: s |= other
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  __ior__(other: Iterable<T>): this {
    checkReceiver(this, '__ior__');
    this.update(other);
    return this;
  }

  /**
   * Removes every member of `other`. Returns `undefined`.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @throws TypeError as {@link WeakSet.update}.
   * @example
   * ```ts
   * s.difference_update(closed);   // Python: s -= set(closed)
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  difference_update(other: Iterable<unknown>): void {
    checkReceiver(this, 'difference_update');
    if (other === this) {
      this.clear();
      return;
    }
    for (const item of weakItems<T>(other)) dropMember(this, item);
  }

  /**
   * Python's `s -= other`: {@link WeakSet.difference_update}, then returns this set.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns this set.
   * @example
   * ```ts
   * s = s.__isub__(other);   // Python: s -= other
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  __isub__(other: Iterable<unknown>): this {
    checkReceiver(this, '__isub__');
    this.difference_update(other);
    return this;
  }

  /**
   * Keeps only the members that are also in `other`. Returns `undefined`.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @throws TypeError as {@link WeakSet.update}.
   * @example
   * ```ts
   * s.intersection_update(visible);   // Python: s &= set(visible)
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  intersection_update(other: Iterable<unknown>): void {
    checkReceiver(this, 'intersection_update');
    if (other === this) return;
    retainMembers(this, new Set<unknown>(weakItems<T>(other)));
  }

  /**
   * Python's `s &= other`: {@link WeakSet.intersection_update}, then returns this set.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns this set.
   * @example
   * ```ts
   * s = s.__iand__(other);   // Python: s &= other
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  __iand__(other: Iterable<unknown>): this {
    checkReceiver(this, '__iand__');
    this.intersection_update(other);
    return this;
  }

  /**
   * Keeps the members in exactly one of this set and `other`. Returns `undefined`.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @throws TypeError as {@link WeakSet.update}.
   * @example
   * ```ts
   * s.symmetric_difference_update(toggled);   // Python: s ^= set(toggled)
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  symmetric_difference_update(other: Iterable<T>): void {
    checkReceiver(this, 'symmetric_difference_update');
    if (other === this) {
      this.clear();
      return;
    }
    // CPython turns `other` into a set first: an item listed twice toggles once.
    for (const item of new Set(weakItems<T>(other))) {
      if (!dropMember(this, item)) addMember(this, item);
    }
  }

  /**
   * Python's `s ^= other`: {@link WeakSet.symmetric_difference_update}, then returns this set.
   *
   * @param other - any iterable (an array, a `Set`, a generator, another WeakSet).
   * @returns this set.
   * @example
   * ```ts
   * s = s.__ixor__(other);   // Python: s ^= other
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  __ixor__(other: Iterable<T>): this {
    checkReceiver(this, '__ixor__');
    this.symmetric_difference_update(other);
    return this;
  }
}
