/**
 * `finalize`: Python's `weakref.finalize`, a callable finalizer that runs `func(...args)` once, when
 * `obj` is collected, when called, or at process exit (CONTRACT §8, §11).
 *
 * Shape: like `ref`, `finalize` is a plain function, not a class, so that it works with and without
 * `new` and can be extended (`class MyFinalizer extends finalize`). Each finalizer is an arrow
 * function whose prototype is `new.target.prototype`: `f()` calls it, `f instanceof finalize` holds.
 *
 * What keeps what alive (CPython: Lib/weakref.py finalize and its `_registry`):
 * - `registry` (module level, strong) maps each live finalizer to its {@link Info}: a finalizer keeps
 *   itself alive until it has run or been detached, even when the program drops it.
 * - the Info holds `func` and `args` strongly (as CPython; if they reference `obj`, `obj` never dies)
 *   and holds `obj` only through `weakref`, a `ref(obj, finalizer)`. That ref is an ordinary entry in
 *   `obj`'s weak list: it counts in `getweakrefcount(obj)`, and its callback, the finalizer itself,
 *   runs interleaved newest first with the other callbacks of `obj`; an exception it throws reaches
 *   `sys.unraisablehook` with the finalizer as `object`, as in CPython.
 * - running or detaching removes the registry entry; from then on nothing of ours holds the
 *   finalizer, `func` or `args`, and the ref (now garbage) stops counting once it is collected.
 */
import { ref } from './ref';
import { checkWeakrefable, typeName } from './internal/weakrefable';
import * as messages from './internal/messages';
import { className, hexId, shortRepr } from './internal/ids';
import { NativeWeakSet } from './internal/natives';
import { describeError, registerExitFunction, writeStderr } from './internal/atexit';
import { registerRetentionProbe } from './internal/retention';
import { registerTableSize } from './internal/table-sizes';

/**
 * A finalizer, as {@link finalize} returns it: call it to run `func(...args)` now (once).
 *
 * @typeParam T - the watched object.
 * @typeParam A - the arguments of `func`.
 * @typeParam R - what `func` returns.
 * @example
 * ```ts
 * const f: finalize<TempDir, [string], void> = finalize(dir, removeTree, dir.path);
 * f.alive;    // true
 * f();        // runs removeTree(dir.path) now
 * f.alive;    // false
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.finalize
 */
export interface finalize<T extends WeakKey = WeakKey, A extends unknown[] = any[], R = any> {
  /** Runs `func(...args)` if the finalizer is alive and returns its result; `undefined` afterwards. */
  (): R | undefined;
  /**
   * What calling the finalizer runs: if alive, marks it dead and returns `func(...args)`; if dead,
   * returns `undefined`. A subclass may override it.
   *
   * @returns the result of `func`, or `undefined`.
   * @throws whatever `func` throws, when you call the finalizer yourself.
   * @example
   * ```ts
   * f.__call__();   // the same as f()
   * ```
   * @see https://docs.python.org/3/library/weakref.html#weakref.finalize.__call__
   */
  __call__(): R | undefined;
  /**
   * Whether the finalizer has neither run nor been detached.
   *
   * @see https://docs.python.org/3/library/weakref.html#weakref.finalize.alive
   */
  readonly alive: boolean;
  /**
   * Whether the finalizer runs at process exit if still alive (default `true`). Reads `false` once
   * the finalizer has run or been detached; writing it then does nothing. At exit, runs from Node's
   * `exit` event; browsers have no exit hook.
   *
   * @see https://docs.python.org/3/library/weakref.html#weakref.finalize.atexit
   */
  atexit: boolean;
  /**
   * Cancels the finalizer: if it is alive and `obj` lives, marks it dead and hands back what it held.
   *
   * @returns `[obj, func, args]` (Python's tuple without `kwargs`), or `undefined`.
   * @example
   * ```ts
   * const parts = f.detach();
   * if (parts !== undefined) {
   *   const [obj, func, args] = parts;   // func(...args) will not run by itself any more
   * }
   * ```
   * @see https://docs.python.org/3/library/weakref.html#weakref.finalize.detach
   */
  detach(): [T, (...args: A) => R, A] | undefined;
  /**
   * Looks without changing anything: if the finalizer is alive and `obj` lives, what it holds.
   *
   * @returns `[obj, func, args]` (`args` a copy), or `undefined`.
   * @example
   * ```ts
   * const [obj, func, args] = f.peek() ?? [];
   * ```
   * @see https://docs.python.org/3/library/weakref.html#weakref.finalize.peek
   */
  peek(): [T, (...args: A) => R, A] | undefined;
  /**
   * Python's `repr(f)`, also used by `String(f)` and `util.inspect(f)`.
   *
   * @returns `<finalize object at 0x..; for 'A' at 0x..>`, or `<finalize object at 0x..; dead>`.
   * @example
   * ```ts
   * String(f);   // "<finalize object at 0x20; for 'TempDir' at 0x1f>"
   * ```
   * @see https://docs.python.org/3/library/functions.html#repr
   */
  toString(): string;
}

/**
 * The type of {@link finalize}: callable with and without `new`, and extendable.
 *
 * @inline
 */
export interface FinalizeConstructor {
  // Defaults on every type parameter let `class MyFinalizer extends finalize {}` name no type argument.
  /**
   * `new finalize(obj, func, ...args)`: the same as without `new`.
   *
   * @param obj - the object to watch.
   * @param func - what to call; it must not hold `obj`.
   * @param args - the arguments for `func`.
   */
  new <T extends WeakKey = WeakKey, A extends unknown[] = any[], R = any>(
    obj: T,
    func: (...args: A) => R,
    ...args: A
  ): finalize<T, A, R>;
  /**
   * `finalize(obj, func, ...args)`: a finalizer that calls `func(...args)` once.
   *
   * @param obj - the object to watch.
   * @param func - what to call; it must not hold `obj`.
   * @param args - the arguments for `func`.
   */
  <T extends WeakKey = WeakKey, A extends unknown[] = any[], R = any>(
    obj: T,
    func: (...args: A) => R,
    ...args: A
  ): finalize<T, A, R>;
  /** The prototype of every finalizer: where `__call__`, `detach`, `peek`, `alive` and `atexit` live. */
  readonly prototype: finalize<any, any, any>;
}

type Finalizer = finalize;

/** The state of a live finalizer (CPython's `finalize._Info`). */
interface Info {
  /** `ref(obj, finalizer)`: `obj` weakly; its callback is the finalizer. */
  readonly weakref: ref<WeakKey>;
  readonly func: (...args: unknown[]) => unknown;
  readonly args: unknown[];
  atexit: boolean;
}

/** Live finalizers, oldest first (a Map keeps insertion order: CPython's `_Info.index`). */
const registry = new Map<Finalizer, Info>();
/** Every finalizer ever made, weakly: the brand check of the prototype methods. */
const brand = new NativeWeakSet<object>();
/** Set when a finalizer is created, so the exit loop picks up finalizers made while it runs. */
let dirty = false;
/** Set once the exit phase is over: no finalizer runs after it (CPython's `_shutdown`). */
let shutdown = false;
/**
 * CPython's `finalize._registered_with_atexit`: set for good when the first finalizer registers
 * {@link exitfunc} as an atexit function, so `atexit._clear()` removes the hook for the rest of the
 * process, as in CPython.
 */
let exitHookRequested = false;

function infoOf(self: unknown, method: string): Info | undefined {
  if ((typeof self !== 'function' && typeof self !== 'object') || self === null || !brand.has(self)) {
    throw new TypeError(`descriptor '${method}' requires a 'finalize' object but received '${typeName(self)}'`);
  }
  return registry.get(self as Finalizer);
}

/** Runs a finalizer once: take it out of the registry first, so that re-entry finds it dead. */
function run(self: Finalizer): unknown {
  const info = registry.get(self);
  if (info === undefined) return undefined;
  registry.delete(self);
  if (shutdown) return undefined;
  // Called with `this` undefined, as a Python function called with positional arguments.
  return Reflect.apply(info.func, undefined, info.args);
}

function makeFinalizer(proto: { __call__?: unknown }): Finalizer {
  // An arrow function: callable, not constructible, and with no `prototype` of its own. It holds
  // nothing but itself; its state lives in `registry`.
  const self: Finalizer =
    proto.__call__ === finalizeCall ? ((() => run(self)) as Finalizer) : ((() => self.__call__()) as Finalizer);
  Object.setPrototypeOf(self, proto);
  brand.add(self);
  return self;
}

const finalizeImpl = function finalize(this: unknown, obj: unknown, func: unknown, ...args: unknown[]): Finalizer {
  const nt = new.target as (Function & { prototype: object }) | undefined;
  if (arguments.length < 2) throw new TypeError(messages.finalizeMissing(arguments.length));
  checkWeakrefable(obj);
  // CPython fails only when it calls `func`; failing here reports the mistake where it was made.
  if (typeof func !== 'function') throw new TypeError(messages.notCallable(typeName(func)));
  if (!exitHookRequested) {
    // Among the atexit functions, at this point of their order (CPython: atexit.register(self._exitfunc)):
    // an exit function registered later runs before the live finalizers, an earlier one after them.
    exitHookRequested = true;
    registerExitFunction(exitfunc, []);
  }
  const self = makeFinalizer(nt === undefined ? finalizeImpl.prototype : nt.prototype);
  registry.set(self, { weakref: ref(obj, self), func: func as Info['func'], args, atexit: true });
  dirty = true;
  return self;
} as unknown as FinalizeConstructor;

function finalizeCall(this: Finalizer): unknown {
  infoOf(this, '__call__');
  return run(this);
}

/** The live finalizers marked for exit, oldest first (CPython's `_select_for_exit`). */
function selectForExit(): Finalizer[] {
  const out: Finalizer[] = [];
  for (const [f, info] of registry) if (info.atexit) out.push(f);
  return out;
}

/**
 * At process exit (as an atexit function), runs the live finalizers whose `atexit` is true, newest
 * first (CPython's `_exitfunc`). A finalizer that throws is reported on stderr and the others still
 * run; one created meanwhile runs too (the list is selected again whenever `dirty`).
 */
function exitfunc(): void {
  try {
    if (registry.size === 0) return;
    let pending: Finalizer[] | undefined;
    for (;;) {
      if (pending === undefined || dirty) {
        pending = selectForExit();
        dirty = false;
      }
      const f = pending.pop();
      if (f === undefined) break;
      // The repr is taken before the call, while it still names the object (a subclass's toString
      // may throw: the label must not stop the loop).
      let label: string;
      try {
        label = String(f);
      } catch {
        label = '<finalize object>';
      }
      try {
        f();
      } catch (err) {
        writeStderr(`Exception in finalizer at exit: ${label}\n${describeError(err)}\n`);
      }
    }
  } finally {
    shutdown = true;
  }
}

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

// Finalizers are functions (`typeof f === 'function'`): their prototype chain ends in Function.prototype.
Object.setPrototypeOf(finalizeImpl.prototype, Function.prototype);
Object.defineProperties(finalizeImpl.prototype, {
  __call__: { value: finalizeCall, writable: true, configurable: true },
  alive: {
    get(this: Finalizer): boolean {
      return infoOf(this, 'alive') !== undefined;
    },
    configurable: true,
  },
  atexit: {
    get(this: Finalizer): boolean {
      return infoOf(this, 'atexit')?.atexit ?? false;
    },
    set(this: Finalizer, value: unknown) {
      const info = infoOf(this, 'atexit');
      if (info !== undefined) info.atexit = Boolean(value);
    },
    configurable: true,
  },
  detach: {
    value: function detach(this: Finalizer): [WeakKey, Info['func'], unknown[]] | undefined {
      const info = infoOf(this, 'detach');
      const obj = info?.weakref();
      if (obj === undefined || !registry.delete(this)) return undefined;
      return [obj, info!.func, info!.args];
    },
    writable: true,
    configurable: true,
  },
  peek: {
    value: function peek(this: Finalizer): [WeakKey, Info['func'], unknown[]] | undefined {
      const info = infoOf(this, 'peek');
      const obj = info?.weakref();
      // A copy of `args`: what the caller does with it must not change what the finalizer will pass.
      return obj === undefined ? undefined : [obj, info!.func, [...info!.args]];
    },
    writable: true,
    configurable: true,
  },
  toString: {
    value: function toString(this: Finalizer): string {
      const info = infoOf(this, '__repr__');
      const obj = info?.weakref();
      let name = 'finalize';
      try {
        const ctorName = (Object.getPrototypeOf(this) as { constructor?: { name?: unknown } }).constructor?.name;
        if (typeof ctorName === 'string' && ctorName !== '') name = ctorName;
      } catch {
        // A hostile prototype: the repr must never throw.
      }
      if (obj === undefined) return `<${name} object at ${hexId(this)}; dead>`;
      return `<${name} object at ${hexId(this)}; for '${className(obj)}' at ${hexId(obj)}>`;
    },
    writable: true,
    configurable: true,
  },
  [inspectCustom]: {
    value: function inspect(this: Finalizer): string {
      infoOf(this, '__repr__');
      return this.toString();
    },
    writable: true,
    configurable: true,
  },
});

/**
 * `finalize(obj, func, ...args)`: registers a finalizer that calls `func(...args)` once, when `obj`
 * is collected, when the finalizer is called (`f()`), or at normal process exit if `f.atexit` is
 * true and it has not run. The finalizer keeps itself alive until then; `f.detach()` cancels it.
 * Several finalizers of one object run newest first, interleaved with that object's ref callbacks.
 * Works with and without `new`, and can be subclassed.
 *
 * @param obj - the object to watch: any object, function or non-registered symbol.
 * @param func - what to call; it must not hold `obj` (or `obj` will never be collected).
 * @param args - the arguments for `func` (Python's keyword arguments: pass an options object).
 * @returns the finalizer, a callable object.
 * @throws TypeError `cannot create weak reference to '<type>' object` for a primitive `obj`;
 *   `'<type>' object is not callable` when `func` is not a function; CPython's
 *   `finalize.__init__() missing ... argument` for fewer than two arguments.
 * @example
 * ```ts
 * class TempDir { constructor(public path: string) {} }
 * let dir: TempDir | undefined = new TempDir('/tmp/x');
 * const f = finalize(dir, (p: string) => console.log('removing', p), dir.path);
 * f.alive;            // true
 * dir = undefined;
 * await gc.collect(); // prints 'removing /tmp/x'
 * f.alive;            // false
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.finalize
 */
export const finalize: FinalizeConstructor = finalizeImpl;

/** @internal The number of live finalizers (for leak tests). */
export function liveFinalizerCount(): number {
  return registry.size;
}

// For pyweakref/testing's leak checks: the registry is a table of its own, which must return to its
// size once the finalizers made by the code under test have run.
registerTableSize('finalizers', liveFinalizerCount);

/**
 * The retention probe of finalize (see internal/retention.ts): the registry holds every live
 * finalizer's `func` and `args` strongly, so an object passed as the func or an argument of another
 * object's finalizer lives until that finalizer runs or is detached. Finalizers of the object itself
 * are skipped: the core's probe reports them, from the object's own weak list. Identity checks first;
 * a finalizer's referent is read only for a match, while building a failure message.
 */
registerRetentionProbe((target) => {
  const out: string[] = [];
  for (const [f, info] of registry) {
    if (info.func !== target && !info.args.includes(target)) continue;
    if (info.weakref() === target) continue;
    out.push(`${shortRepr(f)} holds it in func or args: a finalizer keeps func and args alive until it runs`);
  }
  return out;
});
