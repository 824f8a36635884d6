/**
 * `WeakSet`: Python's `weakref.WeakSet`, a set that holds its members weakly (CONTRACT §7).
 *
 * Mirrors CPython 3.14's `Lib/_weakrefset.py`: every member is held through a `ref(member, remove)`,
 * so each member counts once in `getweakrefcount(member)` and leaves the set when it is collected.
 * Members are compared by identity (see docs/porting-guide.md#members-are-compared-by-identity).
 *
 * What keeps what alive:
 * - `#members` is a native WeakMap member -> its ref: the member is an ephemeron key, so the map never
 *   keeps a member alive; it answers `has` in one native lookup.
 * - `#order` is an insertion-ordered Set of the refs (CPython's `self.data`): it holds the reference
 *   objects strongly, never the members (a ref reads one shared native WeakRef). It gives `size`,
 *   iteration and `pop`.
 * - each ref's callback is `#remove`, a closure over this set. It is held only by the refs' links,
 *   which the set itself holds (through `#order`), so the set -> ref -> callback -> set cycle is
 *   reachable only through the set: dropping the set drops everything, and the core then skips the
 *   callbacks of refs that were collected with it. (CPython needs a weakref to `self` there because
 *   its refcounting cannot free cycles promptly; JavaScript collects cycles, so no weakref is needed.)
 * - iteration copies `#order` (CPython 3.14: `for itemref in self.data.copy()`): the snapshot holds
 *   refs, so it holds members weakly; a member that dies while an iteration is in progress is skipped.
 *
 * No FinalizationRegistry here: every death is delivered by the core's one registry, through `ref`.
 */
import { ref } from './ref';
import { KeyError } from './errors';
import { checkWeakrefable, typeName } from './internal/weakrefable';
import { NativeWeakMap } from './internal/natives';
import * as messages from './internal/messages';
import { markLibraryCallback } from './internal/retention';
import { className } from './internal/ids';

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/** A member's reference object (the value type of `ref`). */
type Ref<T extends WeakKey> = ref<T>;

/** `Array.from(other)`, with Python's TypeError for a value that is not iterable. */
function toArray(other: unknown): unknown[] {
  if (other == null || typeof (other as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function') {
    throw new TypeError(messages.notIterable(typeName(other)));
  }
  return Array.from(other as Iterable<unknown>);
}

/**
 * The items of `other`, all checked weakly referenceable before any is used: a bad item throws the
 * TypeError of CONTRACT §1 and leaves the set unchanged (CPython would have applied the items before
 * it; CONTRACT §10 asks for no partial update).
 */
function weakItems<T extends WeakKey>(other: unknown): T[] {
  const items = toArray(other);
  for (const item of items) checkWeakrefable(item);
  return items as T[];
}

/** The constructor of a WeakSet subclass, for the methods that build a new set of the same class. */
type SameClass<T extends WeakKey> = new (data?: Iterable<T> | null) => WeakSet<T>;

/**
 * `new WeakSet(iterable?)`: Python's `weakref.WeakSet`, a set of objects held weakly. A member leaves
 * the set when it is collected. Members are compared by identity.
 *
 * It offers Python's whole set API (`add`, `discard`, `remove`, `pop`, the algebra and its `*_update`
 * forms, the operator methods `__or__` ... `__contains__` `__len__`) plus JavaScript's `has`, `size`
 * and iteration. Iteration is over a snapshot: mutating the set or collecting members while iterating
 * never throws, and members that die meanwhile are skipped.
 *
 * @typeParam T - the members: objects, functions or non-registered symbols.
 * @throws TypeError `cannot create weak reference to 'number' object` for a member that cannot be
 *   held weakly; `'number' object is not iterable` for an argument that is not iterable.
 * @example
 * ```ts
 * class Listener {}
 * let a: Listener | undefined = new Listener();
 * const s = new WeakSet([a]);
 * s.has(a);            // true
 * a = undefined;
 * await gc.collect();
 * s.size;              // 0
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.WeakSet
 */
/**
 * The members of `order` that are alive when reached. CPython: _weakrefset.py WeakSet.__iter__ (3.14):
 * `for itemref in self.data.copy()`; like Python's generator, the snapshot is taken at the first next().
 */
function* iterateMembers<T extends WeakKey>(order: Set<Ref<T>>): Generator<T, void, undefined> {
  const snapshot = Array.from(order);
  for (const r of snapshot) {
    const item = r();
    if (item !== undefined) yield item;
  }
}

/** Set by the class's static block: whether a value is a WeakSet (has its private state). */
let isWeakSet: (value: unknown) => boolean;

/**
 * The descriptor TypeError for a method called on something that is not a WeakSet, so that a
 * stranger as `this` never reaches a private-field read (whose engine error says nothing useful).
 */
function checkReceiver(self: unknown, method: string): void {
  if (!isWeakSet(self)) throw new TypeError(messages.wrongReceiver(method, 'WeakSet', className(self)));
}

/**
 * Python's `weakref.WeakSet`: a set whose members are held weakly. A member leaves the set when it is
 * collected; members are compared by identity. The whole Python surface (set algebra, comparisons,
 * the in-place operators) plus `has`, `size` and snapshot iteration.
 *
 * @typeParam T - the members: objects, functions, or non-registered symbols.
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
export class WeakSet<T extends WeakKey = WeakKey> implements Iterable<T> {
  static {
    isWeakSet = (value) => typeof value === 'object' && value !== null && #order in value;
  }

  /** member -> its ref; a native WeakMap, so it never keeps a member alive. */
  #members: WeakMap<T, Ref<T>> = new NativeWeakMap<T, Ref<T>>();
  /** The refs in insertion order (CPython's `self.data`); holds reference objects, not members. */
  #order = new Set<Ref<T>>();
  /**
   * The callback of every member's ref (CPython: `WeakSet._remove`). It deletes exactly the ref that
   * died: a ref that was discarded earlier (and whose member was added again under a new ref) is no
   * longer in `#order`, so its late callback cannot remove the new entry.
   */
  readonly #remove = (r: Ref<T>): void => {
    this.#order.delete(r);
  };

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
    // For pyweakref/testing (a boolean test until it loads): `#remove` never closes over a member, so
    // its probes must not list the members' refs as "a callback that may keep it alive".
    markLibraryCallback(this.#remove);
    if (data != null) this.update(data);
  }

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

  // ---- membership and size -------------------------------------------------------------------

  /**
   * Whether `item` is a member. Anything that cannot be held weakly is simply not a member (CPython:
   * `1 in ws` is False).
   *
   * @param item - anything.
   * @returns whether `item` is a live member.
   * @example
   * ```ts
   * s.has(obj)
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  has(item: unknown): boolean {
    checkReceiver(this, 'has');
    // A native WeakMap answers `false` for primitives without throwing: no type check needed on this
    // hot path (target: <= 1.5x native WeakSet.prototype.has).
    return this.#members.has(item as T);
  }

  /**
   * Python's `item in s`; the same as {@link WeakSet.has}.
   *
   * @param item - anything.
   * @returns whether `item` is a live member.
   * @example
   * ```ts
   * s.__contains__(obj);   // Python: obj in s
   * ```
   * @see https://docs.python.org/3/reference/datamodel.html#object.__contains__
   */
  __contains__(item: unknown): boolean {
    checkReceiver(this, '__contains__');
    return this.#members.has(item as T);
  }

  /**
   * The number of members. A member collected by the engine may still count until its clean-up runs
   * (at the latest in the next `await gc.collect()`, after which the count is exact).
   */
  get size(): number {
    checkReceiver(this, 'size');
    return this.#order.size;
  }

  /**
   * Python's `len(s)`; always equal to {@link WeakSet.size}.
   *
   * @returns the number of members, as {@link WeakSet.size}.
   * @example
   * ```ts
   * s.__len__();   // Python: len(s)
   * ```
   * @see https://docs.python.org/3/library/functions.html#len
   */
  __len__(): number {
    checkReceiver(this, '__len__');
    return this.#order.size;
  }

  // ---- iteration -----------------------------------------------------------------------------

  /**
   * Iterates over a snapshot of the members, taken when iteration starts (CPython 3.14). The snapshot
   * holds members weakly: one that dies before it is reached is skipped. While suspended, the
   * iterator holds the member it last yielded (as CPython's generator does).
   *
   * @returns a generator of the live members, in insertion order.
   * @example
   * ```ts
   * for (const listener of s) listener.notify(event);
   * ```
   * @see https://docs.python.org/3/library/functions.html#iter
   */
  [Symbol.iterator](): Generator<T, void, undefined> {
    // Checked here, not in the generator, whose body would only run at the first next().
    checkReceiver(this, '__iter__');
    return iterateMembers(this.#order);
  }

  /**
   * Python's `iter(s)`; the same as `s[Symbol.iterator]()`.
   *
   * @returns a generator of the live members, in insertion order.
   * @example
   * ```ts
   * const it = s.__iter__();   // Python: it = iter(s)
   * ```
   * @see https://docs.python.org/3/library/functions.html#iter
   */
  __iter__(): Generator<T, void, undefined> {
    checkReceiver(this, '__iter__');
    return this[Symbol.iterator]();
  }

  // ---- mutation ------------------------------------------------------------------------------

  /**
   * Adds `item` (no effect if it is already a member). Returns `undefined`, as Python's `None`.
   *
   * @param item - a weakly referenceable value: an object, a function or a non-registered symbol.
   * @throws TypeError `cannot create weak reference to '<type>' object` for a primitive.
   * @example
   * ```ts
   * s.add(listener)
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  add(item: T): void {
    checkReceiver(this, 'add');
    checkWeakrefable(item);
    this.#add(item);
  }

  #add(item: T): void {
    if (this.#members.has(item)) return;
    const r = ref(item, this.#remove) as Ref<T>;
    this.#members.set(item, r);
    this.#order.add(r);
  }

  /** Removes `item` if present; true if it was. The caller has checked that `item` is weakrefable. */
  #drop(item: T): boolean {
    const r = this.#members.get(item);
    if (r === undefined) return false;
    this.#members.delete(item);
    this.#order.delete(r);
    return true;
  }

  /**
   * Removes `item` if it is a member. Returns `undefined`.
   *
   * @param item - the member to remove.
   * @throws TypeError for a value that cannot be held weakly (CPython raises it too).
   * @example
   * ```ts
   * s.discard(listener);   // no error if it is not a member
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  discard(item: T): void {
    checkReceiver(this, 'discard');
    checkWeakrefable(item);
    this.#drop(item);
  }

  /**
   * Removes `item`.
   *
   * @param item - the member to remove.
   * @throws KeyError when `item` is not a member (`.key` is `item`); TypeError for a primitive.
   * @example
   * ```ts
   * s.remove(listener);   // KeyError if it is not a member
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  remove(item: T): void {
    checkReceiver(this, 'remove');
    checkWeakrefable(item);
    if (!this.#drop(item)) throw new KeyError(item);
  }

  /**
   * Removes and returns a member: the oldest live one (Python's choice is arbitrary).
   *
   * @returns the removed member.
   * @throws KeyError `pop from empty WeakSet` when no member is alive.
   * @example
   * ```ts
   * while (s.size) close(s.pop());
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  pop(): T {
    checkReceiver(this, 'pop');
    for (const r of this.#order) {
      // Deleting the current entry while iterating a Set is allowed and does not skip others.
      this.#order.delete(r);
      const item = r();
      if (item !== undefined) {
        this.#members.delete(item);
        return item;
      }
    }
    throw new KeyError(messages.setEmpty, messages.setEmpty);
  }

  /**
   * Removes every member. Returns `undefined`.
   *
   * @example
   * ```ts
   * s.clear();
   * s.size;   // 0
   * ```
   * @see https://docs.python.org/3/library/stdtypes.html#set-types-set-frozenset
   */
  clear(): void {
    checkReceiver(this, 'clear');
    this.#order.clear();
    // A native WeakMap has no clear(): a fresh one drops every entry at once.
    this.#members = new NativeWeakMap<T, Ref<T>>();
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
    for (const item of weakItems<T>(other)) this.#add(item);
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
    for (const item of weakItems<T>(other)) this.#drop(item);
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
    const keep = new Set<unknown>(weakItems<T>(other));
    for (const r of Array.from(this.#order)) {
      const item = r();
      if (item === undefined)
        this.#order.delete(r); // dead: its callback will find nothing to do
      else if (!keep.has(item)) this.#drop(item);
    }
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
      if (!this.#drop(item)) this.#add(item);
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
    const items = toArray(other).filter((item) => this.#members.has(item as T)) as T[];
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
    for (const item of toArray(other)) if (this.#members.has(item as T)) return false;
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
    return weakItems(other).every((item) => this.#members.has(item as T));
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
      if (!this.#members.has(item as T)) return false;
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

  // ---- representation ------------------------------------------------------------------------

  /**
   * CPython 3.14's `repr(s)`, which is `repr(s.data)`: the set of member refs,
   * `{<weakref at 0x1f; to 'A' at 0x2a>, ...}`, or `set()` when empty.
   *
   * @returns the repr.
   * @example
   * ```ts
   * String(s);   // "{<weakref at 0x1f; to 'A' at 0x2a>}"
   * ```
   * @see https://docs.python.org/3/library/functions.html#repr
   */
  toString(): string {
    checkReceiver(this, 'toString');
    if (this.#order.size === 0) return 'set()';
    return `{${Array.from(this.#order, (r) => String(r)).join(', ')}}`;
  }

  /** `Object.prototype.toString.call(s)` gives `[object WeakSet]`. */
  get [Symbol.toStringTag](): string {
    return 'WeakSet';
  }

  /**
   * `util.inspect(s)` and `console.log(s)` print {@link WeakSet.toString}.
   *
   * @returns the repr, as {@link WeakSet.toString}.
   * @example
   * ```ts
   * console.log(s);   // {<weakref at 0x1f; to 'A' at 0x2a>}
   * ```
   */
  [inspectCustom](): string {
    checkReceiver(this, '__repr__');
    return this.toString();
  }
}
