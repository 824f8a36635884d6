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
 * - nothing here holds the referent strongly: `r()` reads the list's shared native WeakRef;
 * - the list holds the link only weakly (weak-list.ts), so dropping `r` drops its callback too.
 */
import { checkWeakrefable, typeName } from './internal/weakrefable';
import { listFor } from './internal/lifecycle';
import { holdBasicForJob, lookupList, type Link, type WeakList } from './internal/weak-list';
import { NativeWeakRef } from './internal/natives';
import { messages } from './internal/messages';
import { className, hexId, idOf } from './internal/ids';

/** The callback of a reference: called once with the reference object when the referent dies. */
export type RefCallback<R> = (ref: R) => unknown;

/** A weak reference to `T`: call it to get the referent, or `undefined` once it is gone. */
export interface ref<T extends WeakKey = WeakKey> {
  /** The referent while it lives, else `undefined`. Takes no arguments. */
  (): T | undefined;
  /** What calling the reference runs; override it in a subclass to change `r()`. */
  __call__(): T | undefined;
  /** The callback, or `undefined` if there is none or the referent has died. Read-only. */
  readonly __callback__: RefCallback<any> | undefined;
  /** Python `==`: the referents compared while both live, identity otherwise. */
  __eq__(other: unknown): boolean;
  /** Python `!=`. */
  __ne__(other: unknown): boolean;
  /** Python `hash(r)`: the referent's hash, cached at first success. */
  __hash__(): number;
  /** `<weakref at 0x..; to 'C' at 0x..>` or `<weakref at 0x..; dead>`. */
  toString(): string;
}

/** The constructor type of {@link ref}: callable with and without `new`, and extendable. */
export interface RefConstructor {
  new <T extends WeakKey>(obj: T, callback?: RefCallback<any> | null): ref<T>;
  <T extends WeakKey>(obj: T, callback?: RefCallback<any> | null): ref<T>;
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
    throw new TypeError(`descriptor '${method}' requires a 'weakref.ReferenceType' object but received '${typeName(self)}'`);
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
  return { owner, list, callback, hash: undefined };
}

/**
 * Creates the callable reference object. Hot path: `r()` must stay a closure that reads one WeakRef
 * (target: at most 1.5x `WeakRef.prototype.deref`), so the argument check is the only extra work, and
 * only subclasses that override `__call__` pay for a method dispatch.
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

const refImpl = function ref(this: unknown, obj: unknown, callback?: unknown): RefObject {
  const nt = new.target as (Function & { prototype: object }) | undefined;
  const argc = arguments.length;
  // Hot path, shaped for `ref(o)` returning the shared basic ref (target: <= 3x `WeakMap.get`).
  // Exactly one argument and no subclass: nothing to validate before the lookup, because
  // `WeakMap.get` answers `undefined` for a primitive (which then takes the slow path and throws
  // there). A list with `basicHot` set was dereferenced or created by `ref(o)` earlier in this job,
  // so the basic ref is alive and the answer costs one `WeakMap.get` and two loads instead of a
  // `deref()` (a runtime call; see holdBasicForJob in weak-list.ts). `arguments.length` in strict
  // code is read from the frame, never materialised.
  if (argc === 1 && (nt === undefined || nt === refImpl)) {
    const hot = lookupList(obj)?.basicHot;
    if (hot !== undefined) return hot.owner as RefObject;
  }
  if (argc === 0) throw new TypeError(messages.atLeastArgs(1, 0));
  if ((nt === undefined || nt === refImpl) && argc > 2) throw new TypeError(messages.atMostArgs(2, argc));
  checkWeakrefable(obj);
  const cb = checkCallback(callback);
  const list = listFor(obj);
  if (cb === undefined && (nt === undefined || nt === refImpl)) {
    // CPython's basic ref: shared while it lives (`ref(o) === ref(o)`). Either way the engine now
    // keeps its link alive until the job ends (deref() or new WeakRef), so the fast path above may
    // hold it strongly until then.
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
} as unknown as RefConstructor;

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
 * @throws TypeError `cannot create weak reference to 'number' object` for primitives.
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

/** Python's `weakref.ReferenceType`: the same object as {@link ref}. */
export const ReferenceType: RefConstructor = refImpl;
export type ReferenceType<T extends WeakKey = WeakKey> = ref<T>;
