/**
 * `WeakMethod`: a weak reference to a method of an object, Python's `weakref.WeakMethod`
 * (CONTRACT §8).
 *
 * Python's bound method `o.m` is a temporary object: a plain `ref(o.m)` dies at once. WeakMethod
 * instead holds the object and the function separately, both weakly, and rebuilds the bound method
 * on each call. Two forms (CONTRACT §8, §14), told apart as the TSDoc of `WeakMethod` says:
 * - Python's `WeakMethod(o.m, callback)`: `WeakMethod(m, callback?)`, `m` a bound method (a
 *   `MethodType`, or any value with `__self__` and `__func__`, as Python reads them);
 * - `WeakMethod(obj, method, callback?)`, `method` being the function or the name of a method of
 *   `obj`: the two parts without building the bound method first.
 * Both work with and without `new`, like `ref`: `WeakMethod` is a plain function that constructs the
 * private class `WeakMethodImpl` with `new.target` (or itself), so `class X extends WeakMethod` works.
 *
 * What keeps what alive (CPython: Lib/weakref.py WeakMethod):
 * - the WeakMethod is itself a `ref` to `obj` (one entry in `getweakrefcount(obj)`), and holds a
 *   second, private `ref` to the function (`#funcRef`, CPython's `_func_ref`). Neither holds its
 *   referent strongly.
 * - both refs share one callback, `onDeath` (CPython's `_cb`), which holds the state (`#state`) and
 *   through it the WeakMethod itself. That cycle (WeakMethod -> link -> onDeath -> state ->
 *   WeakMethod, and WeakMethod -> #funcRef -> link -> onDeath) is reachable only through the
 *   WeakMethod: the weak lists of `obj` and of the function hold their links weakly. Dropping the
 *   WeakMethod therefore frees all of it, and the core skips the callbacks of refs that were
 *   collected. (CPython needs a weakref to `self` here because refcounting does not free cycles;
 *   JavaScript collects them, so a strong back-pointer is safe.)
 * - a JavaScript method lives on its class's prototype and stays alive while the class does; it
 *   dies only when it is deleted or replaced there (`delete C.prototype.m`, Python's `del C.m`) and
 *   nothing else holds it, or when it was a per-object function to begin with.
 * - the bound method returned by a call (a `MethodType`) holds `obj` and the function strongly, like
 *   Python's: keep it only as long as you use it. So does the bound method given to the one-argument
 *   form, but the WeakMethod does not keep it: only its two parts, weakly.
 */
import { className } from './internal/ids';
import { ref, checkCallback, type RefCallback } from './ref';
import { checkWeakrefable, isWeakrefable, typeName } from './internal/weakrefable';
import * as messages from './internal/messages';
import { reportUnraisable } from './internal/unraisable';
import { markLibraryCallback } from './internal/retention';
import { MethodType, type AnyFunction } from './method-type';

/**
 * What the one-argument form accepts: Python's duck-typed bound method, anything with `__self__` and
 * `__func__` (a {@link MethodType}, what a live WeakMethod returns, a port's own bound-method class).
 *
 * @typeParam T - the object (`__self__`).
 * @typeParam F - the function (`__func__`).
 * @inline
 */
export interface BoundMethodLike<T = any, F extends AnyFunction = AnyFunction> {
  /** The object the method is bound to. */
  readonly __self__: T;
  /** The function. */
  readonly __func__: F;
}

/** What the shared callback needs; one object per WeakMethod. */
interface MethodState {
  /** The WeakMethod, set right after `super()` (the callback cannot run before: both referents live). */
  self: WeakMethodImpl | undefined;
  /** False once the object or the function died (CPython's `_alive`). */
  alive: boolean;
}

/**
 * A weak reference to a bound method (Python's `weakref.WeakMethod` instance): a {@link ref} to the
 * object that also holds the function weakly. Call it to get the bound method (a new
 * {@link MethodType} each call), or `undefined` once the object or the function has been collected.
 * Made by {@link WeakMethod}; `wm instanceof WeakMethod` and `wm instanceof ref` hold.
 *
 * @typeParam T - the object.
 * @typeParam F - the method's function type.
 * @example
 * ```ts
 * const wm: WeakMethod<Button, Button['click']> = WeakMethod(MethodType(Button.prototype.click, b));
 * const m = wm();              // Python: m = wm()
 * if (m !== undefined) m();    // Python: if m is not None: m()
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.WeakMethod
 */
export interface WeakMethod<
  T extends WeakKey = WeakKey,
  F extends (...args: any[]) => any = (...args: any[]) => any,
> extends ref<any> {
  /** The bound method, or `undefined` once the object or the function is gone. */
  (): MethodType<T, F> | undefined;
  /**
   * What calling the WeakMethod runs: `MethodType(func, obj)`, or `undefined` when either is gone.
   * Each call returns a new bound method (equal to the others by `__eq__`, as in Python).
   *
   * @returns the bound method, which holds `obj` strongly (use it and drop it), or `undefined`.
   * @example
   * ```ts
   * const m = wm();          // the same as wm.__call__()
   * if (m !== undefined) m();
   * ```
   * @see https://docs.python.org/3/library/weakref.html#weakref.WeakMethod
   */
  __call__(): MethodType<T, F> | undefined;
  /**
   * Python's `==`: two live WeakMethods are equal when their objects are equal and their functions
   * are the same; once either has died, only a WeakMethod is equal to itself. Anything else is asked
   * in turn (Python's reflected `==`), so a plain `ref` to an equal object is equal.
   *
   * @param other - anything.
   * @returns whether the two are equal in Python's sense.
   * @example
   * ```ts
   * WeakMethod(MethodType(f, b)).__eq__(WeakMethod(MethodType(f, b)));   // true
   * ```
   * @see https://docs.python.org/3/library/weakref.html#weakref.WeakMethod
   */
  __eq__(other: unknown): boolean;
  /**
   * Python's `!=`, the mirror of {@link WeakMethod.__eq__}.
   *
   * @param other - anything.
   * @returns whether the two differ in Python's sense.
   * @example
   * ```ts
   * WeakMethod(MethodType(f, b)).__ne__(WeakMethod(MethodType(g, b)));   // true
   * ```
   * @see https://docs.python.org/3/library/weakref.html#weakref.WeakMethod
   */
  __ne__(other: unknown): boolean;
}

/**
 * The type of {@link WeakMethod} itself: callable with and without `new`, in two forms, and
 * extendable (`class MyWeakMethod extends WeakMethod`).
 *
 * How the two forms are told apart: see {@link WeakMethod}.
 *
 * @inline
 */
export interface WeakMethodConstructor {
  /**
   * `new WeakMethod(m, callback?)`: Python's `WeakMethod(obj.meth, callback)`.
   *
   * @typeParam T - the object (`method.__self__`).
   * @typeParam F - the function (`method.__func__`).
   * @param method - a bound method: a {@link MethodType}, or anything with `__self__` and `__func__`.
   * @param callback - called once with the WeakMethod when the object or the function dies.
   */
  // Defaults on every type parameter let `class MyWeakMethod extends WeakMethod {}` name no type argument.
  new <T extends WeakKey = WeakKey, F extends (...args: any[]) => any = (...args: any[]) => any>(
    method: BoundMethodLike<T, F>,
    callback?: RefCallback<WeakMethod<T, F>> | null,
  ): WeakMethod<T, F>;
  /**
   * `new WeakMethod(obj, method, callback?)`: the two parts of the bound method.
   *
   * @typeParam T - the object.
   * @typeParam F - the method's function type.
   * @param obj - the object; any object, function or non-registered symbol.
   * @param method - the function, or the name (string or symbol) of a method of `obj`.
   * @param callback - called once with the WeakMethod when `obj` or the function dies.
   */
  new <T extends WeakKey, F extends (...args: any[]) => any = (...args: any[]) => any>(
    obj: T,
    method: F | string | symbol,
    callback?: RefCallback<WeakMethod<T, F>> | null,
  ): WeakMethod<T, F>;
  /**
   * `WeakMethod(m, callback?)`: the same as with `new`.
   *
   * @typeParam T - the object (`method.__self__`).
   * @typeParam F - the function (`method.__func__`).
   * @param method - a bound method: a {@link MethodType}, or anything with `__self__` and `__func__`.
   * @param callback - called once with the WeakMethod when the object or the function dies.
   */
  <T extends WeakKey = WeakKey, F extends (...args: any[]) => any = (...args: any[]) => any>(
    method: BoundMethodLike<T, F>,
    callback?: RefCallback<WeakMethod<T, F>> | null,
  ): WeakMethod<T, F>;
  /**
   * `WeakMethod(obj, method, callback?)`: the same as with `new`.
   *
   * @typeParam T - the object.
   * @typeParam F - the method's function type.
   * @param obj - the object; any object, function or non-registered symbol.
   * @param method - the function, or the name (string or symbol) of a method of `obj`.
   * @param callback - called once with the WeakMethod when `obj` or the function dies.
   */
  <T extends WeakKey, F extends (...args: any[]) => any = (...args: any[]) => any>(
    obj: T,
    method: F | string | symbol,
    callback?: RefCallback<WeakMethod<T, F>> | null,
  ): WeakMethod<T, F>;
  /** The prototype of every WeakMethod: where `__call__`, `__eq__` and `__ne__` live. */
  readonly prototype: WeakMethod<any, any>;
}

/** Python's `hasattr(x, '__self__') and hasattr(x, '__func__')`; never throws for a primitive. */
function isBoundMethodLike(value: unknown): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  return '__self__' in value && '__func__' in value;
}

/** The type name in `argument should be a bound method, not <class 'X'>`: the constructor's name. */
function typeLabel(value: unknown): string {
  if (typeof value === 'function') {
    // A reference object or a method says what it is (`ref`, `WeakMethod`); any other function, 'function'.
    try {
      const ctor = (Object.getPrototypeOf(value) as { constructor?: unknown } | null)?.constructor;
      if (typeof ctor === 'function' && ctor !== Function && ctor.name !== '') return ctor.name;
    } catch {
      // A revoked Proxy: fall through.
    }
    return 'function';
  }
  return className(value);
}

/**
 * Reads the arguments of either form (the rules in the TSDoc of `WeakMethod`) and validates them, before
 * anything is registered: a bad argument leaves nothing behind.
 */
function parseArguments(args: unknown[]): [WeakKey, AnyFunction, ((owner: any) => unknown) | undefined] {
  const argc = args.length;
  if (argc === 0) throw new TypeError(messages.weakMethodMissing);
  if (argc > 3) throw new TypeError(messages.atMostArgs(3, argc));
  const [first, second, third] = args;
  let obj: unknown;
  let func: unknown;
  let callback: unknown;
  if (typeof second !== 'string' && typeof second !== 'symbol' && isBoundMethodLike(first)) {
    // CPython: weakref.py WeakMethod.__new__ reads `meth.__self__`, then `meth.__func__`.
    if (third !== undefined) throw new TypeError(messages.weakMethodExtra(argc));
    obj = (first as BoundMethodLike).__self__;
    func = (first as BoundMethodLike).__func__;
    callback = second;
    checkWeakrefable(obj);
    checkWeakrefable(func);
    // CPython fails only when a call rebuilds the method; failing here reports it where it was made.
    if (typeof func !== 'function') throw new TypeError(messages.boundMethodFunc(typeName(func)));
  } else if (
    typeof second === 'string' ||
    typeof second === 'symbol' ||
    (isWeakrefable(first) && second !== undefined && second !== null) ||
    argc === 3
  ) {
    // Validate `obj` before reading a property of it (it may be a primitive).
    checkWeakrefable(first);
    obj = first;
    func = second;
    if (typeof second === 'string' || typeof second === 'symbol')
      func = (first as Record<PropertyKey, unknown>)[second];
    if (typeof func !== 'function') throw new TypeError(messages.weakMethodArg(typeName(func)));
    callback = third;
  } else {
    throw new TypeError(messages.notBoundMethod(typeLabel(first)));
  }
  return [obj as WeakKey, func as AnyFunction, checkCallback(callback)];
}

/** The class behind {@link WeakMethod}; constructed only through it, with parsed arguments. */
class WeakMethodImpl extends ref<any> {
  /** The function, weakly (CPython's `_func_ref`). */
  readonly #funcRef: ref<AnyFunction>;
  /** Shared with the callback of both refs; see the module comment. */
  readonly #state: MethodState;

  constructor(obj: WeakKey, func: AnyFunction, cb: ((owner: any) => unknown) | undefined) {
    const state: MethodState = { self: undefined, alive: true };
    // CPython: weakref.py WeakMethod.__new__._cb
    const onDeath = (): void => {
      const self = state.self;
      if (self === undefined || !state.alive) return;
      state.alive = false;
      if (cb === undefined) return;
      try {
        cb(self);
      } catch (err) {
        // Report it against the user's callback (CONTRACT §11), not against this internal closure.
        reportUnraisable(err, cb);
      }
    };
    // Without a user callback, `onDeath` uses neither obj nor the function: for pyweakref/testing (a
    // boolean test until it loads), it is the library's own callback, not a lead.
    if (cb === undefined) markLibraryCallback(onDeath);
    super(obj, onDeath);
    this.#state = state;
    state.self = this;
    this.#funcRef = ref(func, onDeath);
  }

  override __call__(): MethodType | undefined {
    WeakMethodImpl.#check(this, '__call__');
    const obj = super.__call__() as WeakKey | undefined;
    const func = this.#funcRef();
    if (obj === undefined || func === undefined) return undefined;
    // CPython: `self._meth_type(func, obj)`, a new bound method each call. Always a MethodType here,
    // whatever the one-argument form was given (see the porting guide, "What a call returns").
    return MethodType(func, obj);
  }

  override __eq__(other: unknown): boolean {
    WeakMethodImpl.#check(this, '__eq__');
    if (WeakMethodImpl.#is(other)) {
      if (!this.#state.alive || !other.#state.alive) return this === other;
      return super.__eq__(other) && this.#funcRef.__eq__(other.#funcRef);
    }
    // CPython returns NotImplemented: Python then asks `other`, and falls back to identity.
    const reflected = other != null ? (other as { __eq__?: unknown }).__eq__ : undefined;
    return typeof reflected === 'function' ? Boolean(reflected.call(other, this)) : false;
  }

  override __ne__(other: unknown): boolean {
    WeakMethodImpl.#check(this, '__ne__');
    if (WeakMethodImpl.#is(other)) {
      if (!this.#state.alive || !other.#state.alive) return this !== other;
      // ref's own comparison of the objects (not a virtual call back into this __eq__).
      return !super.__eq__(other) || this.#funcRef.__ne__(other.#funcRef);
    }
    if (other != null) {
      const ne = (other as { __ne__?: unknown }).__ne__;
      if (typeof ne === 'function') return Boolean(ne.call(other, this));
      const eq = (other as { __eq__?: unknown }).__eq__;
      if (typeof eq === 'function') return !eq.call(other, this);
    }
    return true;
  }

  /** The descriptor TypeError for a method called on something that is not a WeakMethod. */
  static #check(self: unknown, method: string): void {
    if (!WeakMethodImpl.#is(self)) throw new TypeError(messages.wrongReceiver(method, 'WeakMethod', className(self)));
  }

  /** A brand check that never throws (`instanceof` can be fooled by `Object.create`). */
  static #is(value: unknown): value is WeakMethodImpl {
    return typeof value === 'function' && #state in value;
  }
}

const weakMethodImpl = function WeakMethod(this: unknown, ...args: unknown[]): WeakMethod {
  const nt = new.target as (Function & { prototype: object }) | undefined;
  const parsed = parseArguments(args);
  // `new.target` (a subclass) or this function: the prototype of the new object is its `prototype`,
  // which is WeakMethodImpl.prototype for this function (see below).
  return Reflect.construct(WeakMethodImpl, parsed, nt ?? weakMethodImpl) as WeakMethod;
} as unknown as WeakMethodConstructor;

// `WeakMethod.prototype` is the class's prototype (`wm instanceof WeakMethod`, and subclasses extend
// it), its `constructor` is WeakMethod, and WeakMethod inherits ref's statics as the class does.
Object.defineProperty(weakMethodImpl, 'prototype', { value: WeakMethodImpl.prototype, writable: false });
Object.defineProperty(WeakMethodImpl.prototype, 'constructor', {
  value: weakMethodImpl,
  writable: true,
  configurable: true,
});
Object.setPrototypeOf(weakMethodImpl, ref);

/**
 * `WeakMethod(m, callback?)`: Python's `weakref.WeakMethod`, a {@link ref} to a bound method's object
 * that also holds its function weakly. `m` is a bound method: a {@link MethodType}, or anything with
 * `__self__` and `__func__` (what a live WeakMethod call returns). Calling it returns the bound method
 * (a new {@link MethodType} each call), or `undefined` once the object or the function has been
 * collected. `callback`, if given, runs once with the WeakMethod when the first of the two dies.
 *
 * The two parts may also be passed directly, `WeakMethod(obj, method, callback?)` with `method` the
 * function or the name of a method of `obj`. Works with and without `new`, and can be subclassed.
 *
 * Which form a call is, decided by its arguments alone:
 * 1. a string or symbol second argument is a method name: `WeakMethod(obj, name, callback?)`;
 * 2. otherwise, a first argument with `__self__` and `__func__` (`'__self__' in m && '__func__' in m`,
 *    Python's `hasattr`) is a bound method: `WeakMethod(m, callback?)`, and a third argument other
 *    than `undefined` is a TypeError (`(m, f, cb)` would be ambiguous: is `f` the callback or a method
 *    of `m`?). This holds whatever `m.__self__` is, a function included;
 * 3. otherwise, an object (anything weakly referenceable) with a second argument that is neither
 *    `undefined` nor `null`, or any three arguments, make it `WeakMethod(obj, func, callback?)`;
 * 4. otherwise (`WeakMethod(x)`, `WeakMethod(x, undefined)`, or `WeakMethod(None, callback)` as a
 *    failed `wm()` gives it) it is Python's TypeError `argument should be a bound method, not <class 'X'>`.
 *
 * To weakly reference a method of an object that itself has `__self__` and `__func__` (a bound method
 * as the object), pass the method by name or bind it first: `WeakMethod(MethodType(func, obj))`.
 *
 * @param args - `(m, callback?)` or `(obj, method, callback?)`.
 * @returns the WeakMethod, a function: `wm instanceof WeakMethod`, `wm instanceof ref`.
 * @throws TypeError `argument should be a bound method, not <class 'X'>` for a first argument that is
 *   not a bound method (in the one-argument form); `cannot create weak reference to '<type>' object`
 *   when the object or the function cannot be held weakly; `WeakMethod() argument 'method' should be
 *   a function or the name of a method of obj, not '<type>'` (two-argument form); the ref TypeError for
 *   a callback that is not callable.
 * @example
 * ```ts
 * class Button { click(): string { return 'clicked'; } }
 * let b: Button | undefined = new Button();
 * const wm = WeakMethod(MethodType(Button.prototype.click, b));   // Python: WeakMethod(b.click)
 * const same = new WeakMethod(b, 'click');                        // the two parts, by name
 * wm()?.();            // 'clicked'
 * WeakMethod(wm()!);   // what a live call returns is a bound method again
 * b = undefined;
 * await gc.collect();
 * wm();                // undefined
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.WeakMethod
 */
export const WeakMethod: WeakMethodConstructor = weakMethodImpl;
