/**
 * `ref` / `ReferenceType`: Python's weak reference, a callable object (CONTRACT §2).
 *
 * Shape: `ref` is a plain function, not a class, so that it works with and without `new` and can be
 * extended (`class MyRef extends ref`). Each reference object is a closure whose prototype is
 * `new.target.prototype`, so `r()` is a direct call and `r instanceof ref` holds.
 *
 * What keeps what alive:
 * - a reference object holds its {@link Link} strongly (closure and `LINK` property); the link holds
 *   the callback strongly (as CPython) and the referent's list strongly;
 * - nothing here holds the referent strongly: `r()` reads the list's shared native WeakRef (the list
 *   itself);
 * - the list holds the link only weakly (weak-list.ts), so dropping `r` drops its callback too. The
 *   one exception is the basic ref's link, which the list also holds strongly (`basicHot`) until the
 *   end of a job in which `ref(o)` dereferenced or created it, exactly as long as the engine keeps it
 *   alive anyway; a basic ref has no callback.
 */
import { checkWeakrefable, typeName } from './internal/weakrefable';
import { listFor } from './internal/lifecycle';
import { holdBasicForJob, lookupList, type Link, type WeakList } from './internal/weak-list';
import { NativeWeakRef } from './internal/natives';
import * as messages from './internal/messages';
import { className, hexId, idOf } from './internal/ids';

/**
 * The callback of a reference: called once with the reference object when the referent dies. Its
 * return value is ignored; an exception it throws goes to `sys.unraisablehook`.
 *
 * @typeParam R - the reference object it receives (`ref<T>`, a subclass, a proxy).
 * @example
 * ```ts
 * const onDeath: RefCallback<ref<object>> = (r) => console.log(`${r} died`);
 * const r = ref(obj, onDeath);
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.ref
 */
export type RefCallback<R> = (ref: R) => unknown;

/**
 * A weak reference to `T` (Python's `weakref.ref` instance): call it to get the referent, or
 * `undefined` once it is gone. Made by {@link ref}; `r instanceof ref` holds.
 *
 * @typeParam T - the referent type.
 * @example
 * ```ts
 * const r: ref<Image> = ref(image);
 * const img = r();                     // Python: img = r()
 * if (img !== undefined) img.show();   // Python: if img is not None: ...
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref-objects
 */
export interface ref<T extends WeakKey = WeakKey> {
  /**
   * The referent while it lives, else `undefined`.
   *
   * @throws TypeError when called with arguments (`weakref expected 0 arguments, got 1`).
   */
  (): T | undefined;
  /**
   * What calling the reference runs; override it in a subclass to change what `r()` returns.
   *
   * @returns the referent, or `undefined`.
   * @example
   * ```ts
   * class CountingRef<T extends object> extends ref<T> {
   *   calls = 0;
   *   override __call__(): T | undefined {
   *     this.calls++;
   *     return super.__call__();
   *   }
   * }
   * ```
   * @see https://docs.python.org/3/library/weakref.html#weakref-objects
   */
  __call__(): T | undefined;
  /**
   * The callback, or `undefined` if there is none or the referent has died. Read-only.
   *
   * @see https://docs.python.org/3/library/weakref.html#weakref.ref.__callback__
   */
  readonly __callback__: RefCallback<any> | undefined;
  /**
   * Python's `r == other`: while both referents live, they are compared (with the referent's own
   * `__eq__` if it has one, else `===`); otherwise the reference objects are compared by identity.
   * For an `other` that is not a reference, `other.__eq__(r)` answers if it exists (Python's
   * reflected `==`), else `false`.
   *
   * @param other - anything.
   * @returns whether the two are equal in Python's sense.
   * @example
   * ```ts
   * ref(o).__eq__(ref(o, () => {}));   // true: same referent, whatever the callback
   * ```
   * @see https://docs.python.org/3/library/weakref.html#weakref.ref
   */
  __eq__(other: unknown): boolean;
  /**
   * Python's `r != other`: the negation of {@link ref.__eq__}.
   *
   * @param other - anything.
   * @returns whether the two differ in Python's sense.
   * @example
   * ```ts
   * ref(a).__ne__(ref(b));   // true for two different live objects
   * ```
   * @see https://docs.python.org/3/library/weakref.html#weakref.ref
   */
  __ne__(other: unknown): boolean;
  /**
   * Python's `hash(r)`: the referent's `__hash__()` if it has one, else a stable identity hash;
   * cached at the first success, so it survives the referent.
   *
   * @returns the hash.
   * @throws TypeError `weak object has gone away` for a reference hashed for the first time after
   *   its referent died.
   * @example
   * ```ts
   * const h = r.__hash__();   // Python: hash(r)
   * ```
   * @see https://docs.python.org/3/library/weakref.html#weakref.ref
   */
  __hash__(): number;
  /**
   * Python's `repr(r)`, also used by `String(r)` and `util.inspect(r)`.
   *
   * @returns `<weakref at 0x..; to 'C' at 0x..>` while the referent lives, `<weakref at 0x..; dead>`
   *   after.
   * @example
   * ```ts
   * String(r);   // "<weakref at 0x1f; to 'Image' at 0x2a>"
   * ```
   * @see https://docs.python.org/3/library/functions.html#repr
   */
  toString(): string;
}

/**
 * The type of {@link ref} itself: callable with and without `new`, and extendable
 * (`class MyRef extends ref`).
 *
 * @example
 * ```ts
 * const r1 = ref(o);
 * const r2 = new ref(o);   // the same object: r1 === r2
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.ref
 */
export interface RefConstructor {
  /**
   * `new ref(obj, callback?)`: the same as `ref(obj, callback?)`.
   *
   * @param obj - any object, function or non-registered symbol.
   * @param callback - called with the reference object when `obj` dies; `undefined`/`null` for none.
   * @throws TypeError for a primitive `obj` or a callback that is not a function.
   * @example
   * ```ts
   * const r = new ref(o, (dead) => console.log(`${dead} died`));
   * ```
   */
  new <T extends WeakKey>(obj: T, callback?: RefCallback<any> | null): ref<T>;
  /**
   * `ref(obj, callback?)`: a weak reference to `obj` (shared while it lives when there is no callback).
   *
   * @param obj - any object, function or non-registered symbol.
   * @param callback - called with the reference object when `obj` dies; `undefined`/`null` for none.
   * @throws TypeError for a primitive `obj` or a callback that is not a function.
   */
  <T extends WeakKey>(obj: T, callback?: RefCallback<any> | null): ref<T>;
  /** The prototype of every reference object: where `__call__`, `__eq__`, `__hash__` and the repr live. */
  readonly prototype: ref<any>;
}

/** @internal The link of every reference object made by `ref` (and its subclasses). */
export const LINK: unique symbol = Symbol('pyweakref.link');

/** The state of one reference object; see {@link Link}. */
export interface RefLink extends Link {
  /** `__hash__()`'s cached value. */
  hash: number | undefined;
}

type RefObject = ref<WeakKey> & { [LINK]: RefLink };

/** The link of a reference object, or a TypeError when `self` is not one (a method called on a stranger). */
export function linkOf(self: unknown, method = 'method'): RefLink {
  const link = self != null ? (self as RefObject)[LINK] : undefined;
  if (link === undefined || link.owner !== self) {
    throw new TypeError(
      `descriptor '${method}' requires a 'weakref.ReferenceType' object but received '${typeName(self)}'`,
    );
  }
  return link;
}

/** Validates a callback argument: a function, or `undefined`/`null` for none (Python's None). */
export function checkCallback(callback: unknown): ((owner: any) => unknown) | undefined {
  if (callback === undefined || callback === null) return undefined;
  if (typeof callback !== 'function') throw new TypeError(messages.callbackNotCallable(typeName(callback)));
  return callback as (owner: any) => unknown;
}

function makeLink(owner: object, list: WeakList, callback: ((owner: any) => unknown) | undefined): RefLink {
  return { owner, list, callback, order: 0, hash: undefined };
}

/**
 * Creates the callable reference object. Hot path: `r()` must stay a closure that reads one WeakRef
 * (target: at most 1.5x `WeakRef.prototype.deref`), so the argument check is the only extra work, and
 * only subclasses that override `__call__` pay for a method dispatch. `arguments.length` is read from
 * the frame in strict code (no arguments object is made), and `target` is the list, captured once.
 */
function makeRefObject(proto: object, list: WeakList, callback: ((owner: any) => unknown) | undefined): RefObject {
  const target = list.target;
  let self: RefObject;
  if ((proto as { __call__?: unknown }).__call__ === refCall) {
    self = function weakref(): WeakKey | undefined {
      if (arguments.length !== 0) throw new TypeError(messages.refCallArgs(arguments.length));
      return target.deref();
    } as RefObject;
  } else {
    self = function weakref(): WeakKey | undefined {
      if (arguments.length !== 0) throw new TypeError(messages.refCallArgs(arguments.length));
      return self.__call__();
    } as RefObject;
  }
  Object.setPrototypeOf(self, proto);
  self[LINK] = makeLink(self, list, callback);
  return self;
}

/**
 * `ref(...)` itself: only the hot path, kept small on purpose so that the optimising compiler inlines
 * it into the caller's loop and its type feedback is about this path alone (when the slow path lived
 * in the same function, the first optimisation often happened while only the slow path had run, and
 * the fast path then deoptimised or stayed generic: `ref(o)` measured anywhere from 1.4x to 6x
 * `WeakMap.get` from one run to the next).
 *
 * Hot path, for `ref(o)` returning the shared basic ref (target: <= 3x `WeakMap.get`): exactly one
 * argument and no subclass, so nothing to validate before the lookup (`WeakMap.get` answers
 * `undefined` for a primitive, which then goes to {@link refSlow} and throws there). A list with
 * `basicHot` set was dereferenced or created by `ref(o)` earlier in this job, so the basic ref is
 * alive and the answer costs one `WeakMap.get` and two loads instead of a `deref()` (a runtime call
 * plus an insertion into the engine's keep-during-job set; see holdBasicForJob in weak-list.ts).
 * `arguments.length` in strict code is read from the frame, never materialised.
 */
const refImpl = function ref(this: unknown, obj: unknown, callback?: unknown): RefObject {
  const nt = new.target as (Function & { prototype: object }) | undefined;
  const argc = arguments.length;
  if (argc === 1 && (nt === undefined || nt === refImpl)) {
    const list = lookupList(obj);
    if (list !== undefined) {
      const hot = list.basicHot;
      if (hot !== undefined) return hot.owner as RefObject;
      return refSlow(nt, argc, obj, undefined, list);
    }
  }
  return refSlow(nt, argc, obj, callback, undefined);
} as unknown as RefConstructor;

/**
 * Everything `ref(...)` does beyond the hot path: validation, sharing, creation. `known` is the list
 * the hot path already found for a one-argument `ref(o)`: `o` is then weakly referenceable (it is a
 * key of the lists table) and has no callback, so validation and a second lookup are skipped.
 */
function refSlow(
  nt: (Function & { prototype: object }) | undefined,
  argc: number,
  obj: unknown,
  callback: unknown,
  known: WeakList | undefined,
): RefObject {
  let list: WeakList;
  let cb: ((owner: any) => unknown) | undefined;
  if (known !== undefined) {
    list = listFor(obj as WeakKey, known);
    cb = undefined;
  } else {
    if (argc === 0) throw new TypeError(messages.atLeastArgs(1, 0));
    if ((nt === undefined || nt === refImpl) && argc > 2) throw new TypeError(messages.atMostArgs(2, argc));
    checkWeakrefable(obj);
    cb = checkCallback(callback);
    list = listFor(obj);
  }
  if (cb === undefined && (nt === undefined || nt === refImpl)) {
    // CPython's basic ref: shared while it lives (`ref(o) === ref(o)`). Either way the engine now
    // keeps its link alive until the job ends (deref() or new WeakRef), so the hot path may hold it
    // strongly until then.
    const existing = list.basicRef?.deref();
    if (existing !== undefined) {
      holdBasicForJob(list, existing);
      return existing.owner as RefObject;
    }
    const self = makeRefObject(refImpl.prototype, list, undefined);
    const link = self[LINK];
    list.basicRef = new NativeWeakRef(link);
    holdBasicForJob(list, link);
    return self;
  }
  const self = makeRefObject(nt === undefined ? refImpl.prototype : nt.prototype, list, cb);
  list.addOther(self[LINK]);
  return self;
}

function refCall(this: RefObject): WeakKey | undefined {
  return linkOf(this, '__call__').list.target.deref();
}

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

// Reference objects are functions (`typeof r === 'function'`), so their prototype chain ends in
// Function.prototype: `r.call`, `r.apply` and `r.bind` work as for any callable.
Object.setPrototypeOf(refImpl.prototype, Function.prototype);
Object.defineProperties(refImpl.prototype, {
  __call__: { value: refCall, writable: true, configurable: true },
  __callback__: {
    get(this: RefObject) {
      const link = linkOf(this, '__callback__');
      return link.list.target.deref() === undefined ? undefined : link.callback;
    },
    configurable: true,
  },
  __eq__: {
    value: function __eq__(this: RefObject, other: unknown): boolean {
      const link = linkOf(this, '__eq__');
      if (!(other instanceof refImpl)) {
        // Python's `==` asks the other operand when a weakref does not know it (NotImplemented).
        const reflected = other != null ? (other as { __eq__?: unknown }).__eq__ : undefined;
        return typeof reflected === 'function' ? Boolean(reflected.call(other, this)) : false;
      }
      const otherLink = (other as RefObject)[LINK];
      const a = link.list.target.deref();
      const b = otherLink?.list.target.deref();
      if (a === undefined || b === undefined) return this === other;
      const eq = (a as { __eq__?: unknown }).__eq__;
      if (typeof eq === 'function') return Boolean(eq.call(a, b));
      return a === b;
    },
    writable: true,
    configurable: true,
  },
  __ne__: {
    value: function __ne__(this: RefObject, other: unknown): boolean {
      linkOf(this, '__ne__');
      return !this.__eq__(other);
    },
    writable: true,
    configurable: true,
  },
  __hash__: {
    value: function __hash__(this: RefObject): number {
      const link = linkOf(this, '__hash__');
      if (link.hash !== undefined) return link.hash;
      const o = link.list.target.deref();
      if (o === undefined) throw new TypeError(messages.goneAway);
      const h = (o as { __hash__?: unknown }).__hash__;
      link.hash = typeof h === 'function' ? (h.call(o) as number) : idOf(o);
      return link.hash;
    },
    writable: true,
    configurable: true,
  },
  toString: {
    value: function toString(this: RefObject): string {
      const link = linkOf(this, '__repr__');
      const o = link.list.target.deref();
      if (o === undefined) return `<weakref at ${hexId(this)}; dead>`;
      return `<weakref at ${hexId(this)}; to '${className(o)}' at ${hexId(o)}>`;
    },
    writable: true,
    configurable: true,
  },
  [Symbol.toPrimitive]: {
    // Python: weakrefs cannot be ordered (`<` raises TypeError) nor converted to numbers. JavaScript's
    // `<`, `+r` and `Number(r)` ask for a number primitive: refuse it; strings still work.
    value: function toPrimitive(this: RefObject, hint: string): string {
      linkOf(this, '__repr__');
      if (hint === 'number') {
        throw new TypeError(messages.unorderable('weakref.ReferenceType'));
      }
      return this.toString();
    },
    writable: true,
    configurable: true,
  },
  [inspectCustom]: {
    value: function inspect(this: RefObject): string {
      linkOf(this, '__repr__');
      return this.toString();
    },
    writable: true,
    configurable: true,
  },
});

/**
 * `ref(obj, callback?)`: a weak reference to `obj`. Call it (`r()`) to get the referent while it
 * lives, `undefined` after. Without a callback, `ref(o) === ref(o)` while that reference lives.
 * When `obj` is collected, `callback(r)` runs once (newest reference first), unless `r` itself was
 * collected first. Works with and without `new`, and can be subclassed.
 *
 * @param obj - any object, function or non-registered symbol.
 * @param callback - called with the reference object when `obj` dies; `undefined`/`null` for none.
 * @returns the reference object, a function: `typeof r === 'function'`, `r instanceof ref`.
 * @throws TypeError `cannot create weak reference to 'number' object` for primitives, and
 *   `callback must be callable or undefined, not 'number'` for a callback that is not a function.
 * @example
 * ```ts
 * class A {}
 * let a: A | undefined = new A();
 * const r = ref(a, (wr) => console.log('collected', wr));
 * r() === a;               // true
 * a = undefined;
 * await gc.collect();      // logs 'collected <weakref at 0x..; dead>'
 * r();                     // undefined
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.ref
 */
export const ref: RefConstructor = refImpl;

/**
 * Python's `weakref.ReferenceType`: the same object as {@link ref} (and, as a type, the same as
 * `ref<T>`).
 *
 * @example
 * ```ts
 * r instanceof ReferenceType;   // Python: isinstance(r, weakref.ReferenceType)
 * ReferenceType === ref;        // true
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.ReferenceType
 */
export const ReferenceType: RefConstructor = refImpl;
/**
 * The type of a weak reference to `T`: the same as {@link ref | `ref<T>`}.
 *
 * @example
 * ```ts
 * const r: ReferenceType<Image> = ref(image);
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.ReferenceType
 */
export type ReferenceType<T extends WeakKey = WeakKey> = ref<T>;
