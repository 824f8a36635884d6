/**
 * The storage of the public `WeakSet` (src/weak-set.ts): `WeakSetCore`, the base that owns the members
 * and every read and write of them (membership, size, iteration, adding and removing one member, the
 * repr), and the few operations on that private state that the layers above it need (the in-place
 * updates in ./weak-set-updates.ts; the algebra and the comparisons in src/weak-set.ts).
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
import { ref } from '../ref';
import { KeyError } from '../errors';
import { checkWeakrefable } from './weakrefable';
import { NativeWeakMap } from './natives';
import * as messages from './messages';
import { markLibraryCallback } from './retention';
import { className } from './ids';

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/** A member's reference object (the value type of `ref`). */
type Ref<T extends WeakKey> = ref<T>;

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
export function checkReceiver(self: unknown, method: string): void {
  if (!isWeakSet(self)) throw new TypeError(messages.wrongReceiver(method, 'WeakSet', className(self)));
}

// The operations on the private state that the layers above WeakSetCore need, set by its static block
// (only code inside the class body can read `#members` and `#order`). Module functions rather than
// methods: nothing new is reachable from the prototype, and a subclass cannot override them (CPython's
// methods read `self.data` directly too). None checks its arguments: the callers have.

/** Whether `item` is a live member of `set` (the lookup of `has`, without its receiver check). */
export let hasMember: <T extends WeakKey>(set: WeakSetCore<T>, item: unknown) => boolean;
/** Adds `item` to `set` unless it is a member; `item` is known to be weakrefable. */
export let addMember: <T extends WeakKey>(set: WeakSetCore<T>, item: T) => void;
/** Removes `item` from `set` if present; true if it was. */
export let dropMember: <T extends WeakKey>(set: WeakSetCore<T>, item: T) => boolean;
/** Keeps only the members of `set` that are in `keep` (the body of `intersection_update`). */
export let retainMembers: <T extends WeakKey>(set: WeakSetCore<T>, keep: Set<unknown>) => void;

/**
 * The base of `WeakSet`: its storage, and the methods that read or write it one member at a
 * time. Not exported from the package root; the methods' documentation speaks of `WeakSet`, the only
 * class that extends it.
 *
 * @typeParam T - the members: objects, functions, or non-registered symbols.
 */
export abstract class WeakSetCore<T extends WeakKey = WeakKey> implements Iterable<T> {
  static {
    isWeakSet = (value) => typeof value === 'object' && value !== null && #order in value;
    hasMember = <U extends WeakKey>(set: WeakSetCore<U>, item: unknown) => set.#members.has(item as U);
    addMember = (set, item) => set.#add(item);
    dropMember = (set, item) => set.#drop(item);
    retainMembers = (set, keep) => set.#retain(keep);
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

  constructor() {
    // For pyweakref/testing (a boolean test until it loads): `#remove` never closes over a member, so
    // its probes must not list the members' refs as "a callback that may keep it alive".
    markLibraryCallback(this.#remove);
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

  /** Keeps only the live members that are in `keep`, and forgets the dead ones' refs meanwhile. */
  #retain(keep: Set<unknown>): void {
    for (const r of Array.from(this.#order)) {
      const item = r();
      if (item === undefined)
        this.#order.delete(r); // dead: its callback will find nothing to do
      else if (!keep.has(item)) this.#drop(item);
    }
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
