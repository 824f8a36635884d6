/**
 * `proxy`, `ProxyType`, `CallableProxyType`, `ProxyTypes`: Python's weak proxies (CONTRACT §3).
 *
 * A weak proxy is a JavaScript `Proxy` that forwards every operation to its referent and holds it
 * only through the referent's shared native WeakRef. The machinery is in src/internal/proxy-*.ts:
 * the shared handler (proxy-handler.ts), the per-kind dummy targets and the repr (proxy-dummy.ts),
 * the Proxy invariants (proxy-invariants.ts) and method wrappers (proxy-methods.ts).
 *
 * What keeps what alive: the caller keeps the proxy; the proxy keeps its dummy, its link and its
 * callback; the referent's WeakList holds the link weakly (so a dropped proxy stops counting and its
 * callback never runs). Nothing keeps the referent.
 */
import { checkWeakrefable } from './internal/weakrefable';
import { listFor } from './internal/lifecycle';
import { NativeWeakRef } from './internal/natives';
import * as messages from './internal/messages';
import { createWeakProxy } from './internal/proxy-handler';
import { dummyOfProxy } from './internal/proxy-dummy';
import { checkCallback } from './ref';

/**
 * The callback of a proxy: called once, with the (now dead) proxy, when the referent dies.
 *
 * @inline
 */
export type ProxyCallback = (proxy: any) => unknown;

/** What `proxy(obj)` returns: typed as the referent (a symbol referent gives a plain object). */
export type WeakProxy<T extends WeakKey> = T extends symbol ? object : T;

/**
 * The type of {@link proxy}: callable with and without `new`.
 *
 * @inline
 */
export interface ProxyFunction {
  /** `proxy(obj, callback?)`: see {@link proxy}. */
  <T extends WeakKey>(obj: T, callback?: ProxyCallback | null): WeakProxy<T>;
  /** `new proxy(obj, callback?)`: the same as without `new` (the basic proxy is shared either way). */
  new <T extends WeakKey>(obj: T, callback?: ProxyCallback | null): WeakProxy<T>;
}

const proxyImpl = function proxy(obj: unknown, callback?: unknown): object {
  const argc = arguments.length;
  if (argc === 0) throw new TypeError(messages.proxyAtLeastArgs(argc));
  if (argc > 2) throw new TypeError(messages.proxyAtMostArgs(argc));
  checkWeakrefable(obj);
  const cb = checkCallback(callback);
  const list = listFor(obj);
  if (cb === undefined) {
    // CPython's basic proxy: shared while it lives (`proxy(o) === proxy(o)`).
    const existing = list.basicProxy?.deref();
    if (existing !== undefined) return existing.owner;
    const link = createWeakProxy(obj, list, undefined);
    list.basicProxy = new NativeWeakRef(link);
    return link.owner;
  }
  const link = createWeakProxy(obj, list, cb);
  list.addOther(link);
  return link.owner;
} as unknown as ProxyFunction;

/**
 * `proxy(obj, callback?)`: a weak proxy to `obj`. It forwards every operation (property get and set,
 * `in`, `delete`, `Object.keys` and descriptors, prototype and `instanceof`, iteration,
 * `JSON.stringify`, spread, and calling and `new` for a callable referent) without keeping `obj`
 * alive. Methods read through it run with `this` set to `obj`, so private fields and built-ins
 * (`Map`, `Set`, `Date`, `Promise`, typed arrays) work. Once `obj` is gone, every operation throws
 * `ReferenceError: weakly-referenced object no longer exists`, while `util.inspect(p)` and
 * `console.log(p)` print `<weakproxy at 0x..; dead>`. Without a callback, `proxy(o) === proxy(o)`
 * while that proxy lives. Works with and without `new`.
 *
 * @param obj - any object, function or non-registered symbol.
 * @param callback - called once with the proxy when `obj` dies (newest reference first, together
 *   with the refs of `obj`); `undefined`/`null` for none.
 * @returns the proxy, typed as `obj` (`WeakProxy<T>` is `T`, or `object` for a symbol referent).
 * @throws TypeError `cannot create weak reference to 'number' object` for primitives; a
 *   `TypeError` for a callback that is not a function; `proxy expected at least 1 argument, got 0`.
 * @example
 * ```ts
 * class A { x = 1; hello() { return 'hi'; } }
 * let a: A | undefined = new A();
 * const p = proxy(a, () => console.log('gone'));
 * p.x;                    // 1
 * p.hello();              // 'hi'
 * a = undefined;
 * await gc.collect();     // logs 'gone'
 * p.x;                    // throws ReferenceError
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.proxy
 */
export const proxy: ProxyFunction = proxyImpl;

/**
 * The constructor-like type of {@link ProxyType} and {@link CallableProxyType}: only `instanceof` works.
 *
 * @inline
 */
export interface ProxyTypeConstructor {
  /** `p instanceof ProxyType`: whether `value` is a weak proxy of this kind. */
  [Symbol.hasInstance](value: unknown): boolean;
  /** `'ProxyType'` or `'CallableProxyType'`. */
  readonly name: string;
}

function makeType(name: 'ProxyType' | 'CallableProxyType', callable: boolean): ProxyTypeConstructor {
  const type = {
    [name]: function (): never {
      throw new TypeError(messages.cannotCreateInstances(`weakref.${name}`));
    },
  }[name];
  Object.defineProperty(type, Symbol.hasInstance, {
    value: function hasInstance(value: unknown): boolean {
      // The registry lookup runs no trap, so this also answers for a dead proxy.
      return dummyOfProxy(value) !== undefined && (typeof value === 'function') === callable;
    },
    writable: false,
    enumerable: false,
    configurable: true,
  });
  return type as unknown as ProxyTypeConstructor;
}

/**
 * Python's `weakref.ProxyType`: the type of weak proxies to non-callable referents. It cannot be
 * constructed (`TypeError: cannot create 'weakref.ProxyType' instances`); use it with `instanceof`.
 *
 * @example
 * ```ts
 * proxy({}) instanceof ProxyType;           // true
 * proxy(() => 1) instanceof ProxyType;      // false: that one is a CallableProxyType
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.ProxyType
 */
export const ProxyType: ProxyTypeConstructor = makeType('ProxyType', false);

/**
 * Python's `weakref.CallableProxyType`: the type of weak proxies to callable referents (functions
 * and classes). It cannot be constructed; use it with `instanceof`.
 *
 * @example
 * ```ts
 * proxy(function f() {}) instanceof CallableProxyType;   // true
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.CallableProxyType
 */
export const CallableProxyType: ProxyTypeConstructor = makeType('CallableProxyType', true);

/**
 * Python's `weakref.ProxyTypes`: both proxy types, a frozen array (Python's tuple).
 *
 * @example
 * ```ts
 * ProxyTypes.some((T) => p instanceof T);   // Python: isinstance(p, weakref.ProxyTypes)
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.ProxyTypes
 */
export const ProxyTypes: readonly [ProxyTypeConstructor, ProxyTypeConstructor] = Object.freeze([
  ProxyType,
  CallableProxyType,
] as const);
