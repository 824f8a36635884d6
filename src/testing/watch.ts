/**
 * Turning what a test hands to the lifetime assertions (a reference, a weak proxy, or a factory) into
 * a {@link Watch}: something that can tell, after `gc.collect()`, whether the object is gone, and
 * describe it for a message.
 *
 * What keeps what alive (the whole point of this module is to hold nothing):
 * - a Watch of a reference holds the reference object, which holds its referent weakly;
 * - a Watch of a proxy holds the proxy, which holds its referent weakly;
 * - a Watch of a factory holds one native WeakRef to the object the factory made. The factory is called
 *   in a small synchronous function ({@link watchValue}'s caller) whose frame is gone when it returns,
 *   so no frame of the test or of the assertion ever holds the object. This is why a factory is better
 *   than passing the object: a parameter or a `const` of an async function stays alive across `await`.
 * Dereferencing (`r()`, `weak.deref()`, an operation on the proxy) keeps the object alive until the end
 * of the current job; `gc.collect()` first waits for a new macrotask, so reads made before it are
 * harmless, and the reads made after it only serve the verdict and the message.
 */
import * as library from '../index';
import { getweakrefs, ref } from '../index';
import { className, hexId, shortRepr } from '../internal/ids';
import { NativeWeakRef } from '../internal/natives';
import { isWeakrefable, typeName } from '../internal/weakrefable';
import * as messages from '../internal/messages';
import { testingMessages } from './messages';

/**
 * What the lifetime assertions accept: a reference object (`ref`, `KeyedRef`, `WeakMethod`, any `ref`
 * subclass), a weak proxy (`proxy(o)`), or a factory: a function (possibly async) that makes and
 * returns the object to watch. Never the object itself: an argument keeps its object alive for the
 * whole call, so the assertion could never pass (a plain object is refused with a `TypeError`).
 *
 * @example
 * ```ts
 * await assertCollected(ref(o));            // a reference
 * await assertCollected(proxy(o));          // a weak proxy
 * await assertCollected(() => new C());     // a factory
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.ref
 */
export type Watchable = ref<any> | object | (() => unknown);

/** A watched object, seen through something that does not keep it alive. */
export interface Watch {
  /** Whether the object is gone. Meaningful after `await gc.collect()`. */
  isDead(): boolean;
  /** The object while it lives, strongly: only for building a message, synchronously. */
  target(): WeakKey | undefined;
  /** "the referent of <weakref at 0x1f; to 'C' at 0x2a>", for messages; never throws. */
  describe(): string;
}

/** `ref.prototype.__call__`: the referent by the reference's own link, whatever a subclass's `r()` does. */
const referentOf = ref.prototype.__call__ as (this: ref<any>) => WeakKey | undefined;

/** `ProxyType`, `CallableProxyType` when the library exports them (the proxy module may be absent). */
function proxyTypes(): Function[] {
  const types = (library as unknown as { ProxyTypes?: unknown }).ProxyTypes;
  return Array.isArray(types) ? types.filter((t): t is Function => typeof t === 'function') : [];
}

/** Whether `value` is a weak proxy of this copy of the library; never throws, even for a dead proxy. */
export function isWeakProxy(value: unknown): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  for (const type of proxyTypes()) {
    try {
      // ProxyType's Symbol.hasInstance recognises its proxies without touching the referent.
      if (value instanceof (type as new () => unknown)) return true;
    } catch {
      // A hostile or foreign value: not one of ours.
    }
  }
  return false;
}

/**
 * The referent of a live weak proxy, or `undefined` when it is dead or cannot be found.
 *
 * There is no public way from a proxy to its referent, so this asks the proxy itself: methods read
 * through a proxy run with `this` set to the referent (CONTRACT §3), and `Object.prototype.valueOf`
 * returns `this`. The candidate is then verified with getweakrefs semantics: the referent is the one
 * object whose weak list holds the proxy. A referent that overrides `valueOf` fails the check and is
 * reported as unknown, never as something else.
 */
export function referentOfProxy(p: object): WeakKey | undefined {
  let candidate: unknown;
  try {
    const valueOf = (p as { valueOf?: unknown }).valueOf;
    if (typeof valueOf !== 'function') return undefined;
    // Called on the proxy: the method wrapper replaces a `this` that is the proxy by the referent.
    candidate = Reflect.apply(valueOf, p, []);
  } catch {
    return undefined; // dead (ReferenceError) or a referent whose valueOf misbehaves
  }
  if (!isWeakrefable(candidate) || candidate === p) return undefined;
  return getweakrefs(candidate).includes(p) ? candidate : undefined;
}

/** Whether a weak proxy's referent is gone: every forwarded operation then throws ReferenceError. */
function proxyIsDead(p: object): boolean {
  try {
    Reflect.getPrototypeOf(p);
    return false;
  } catch (err) {
    if (err instanceof ReferenceError) return true;
    throw err;
  }
}

/** `<C object at 0x2a>` without calling any code of the object (no toString, no getter but the class name). */
export function plainRepr(value: WeakKey): string {
  if (typeof value === 'symbol') return `<${value.toString()} at ${hexId(value)}>`;
  return `<${className(value)} object at ${hexId(value)}>`;
}

const inspectCustom = Symbol.for('nodejs.util.inspect.custom');

/**
 * The proxy's own repr (`<weakproxy at 0x..; to 'C' at 0x..>`): weak proxies answer Node's inspect
 * symbol without touching the referent, alive or dead (CONTRACT §3). Built here if that fails.
 */
function proxyRepr(p: object): string {
  try {
    const inspect = (p as { [inspectCustom]?: unknown })[inspectCustom];
    if (typeof inspect === 'function') {
      const repr: unknown = Reflect.apply(inspect, p, []);
      if (typeof repr === 'string') return repr;
    }
  } catch {
    // Fall through to a repr of our own.
  }
  if (proxyIsDead(p)) return `<weakproxy at ${hexId(p)}; dead>`;
  const t = referentOfProxy(p);
  return t === undefined
    ? `<weakproxy at ${hexId(p)}>`
    : `<weakproxy at ${hexId(p)}; to '${className(t)}' at ${hexId(t)}>`;
}

/** A repr for messages that never throws, and names a weak proxy as one (not as its referent). */
export function reprOf(value: unknown): string {
  return isWeakProxy(value) ? proxyRepr(value as object) : shortRepr(value);
}

function watchRef(r: ref<any>): Watch {
  return {
    // Python's test idiom `r() is None`: through `r()`, so that a WeakMethod whose function died, or a
    // subclass overriding __call__, answers as the test author reads it.
    isDead: () => r() === undefined,
    target: () => referentOf.call(r),
    describe: () => testingMessages.referentWhat(shortRepr(r)),
  };
}

function watchProxy(p: object): Watch {
  return {
    isDead: () => proxyIsDead(p),
    target: () => referentOfProxy(p),
    describe: () => testingMessages.referentWhat(proxyRepr(p)),
  };
}

/**
 * Watches `value` through a native WeakRef only. Kept separate and synchronous so that the caller's
 * frame, which received `value` from the factory, ends right after.
 */
function watchValue(value: unknown): Watch {
  if (!isWeakrefable(value)) {
    throw new TypeError(testingMessages.badFactoryResult(messages.cannotWeakref(typeName(value))));
  }
  // The repr is taken now, while the object lives, so that a message after its death can still name it.
  const what = testingMessages.factoryWhat(plainRepr(value));
  const weak = new NativeWeakRef(value);
  return {
    isDead: () => weak.deref() === undefined,
    target: () => weak.deref(),
    describe: () => what,
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    ((typeof value === 'object' && value !== null) || typeof value === 'function') &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Awaits an async factory's result in a frame of its own, which ends when the Watch is made. */
async function watchSettled(pending: PromiseLike<unknown>): Promise<Watch> {
  return watchValue(await pending);
}

/** Calls a factory; neither this frame nor the caller's keeps what it returns. */
function watchFactory(factory: () => unknown): Watch | Promise<Watch> {
  const made = factory();
  return isThenable(made) ? watchSettled(made) : watchValue(made);
}

/** Whether `value` looks like a reference object of another copy of the library. */
function isForeignRef(value: Function): boolean {
  const v = value as { __call__?: unknown; __hash__?: unknown };
  return typeof v.__call__ === 'function' && typeof v.__hash__ === 'function' && '__callback__' in value;
}

/**
 * The Watch of `subject`, for the assertion named `fn` (used in messages). Synchronous for references,
 * proxies and synchronous factories; a promise only for async factories.
 *
 * @throws TypeError for anything else: passing the object itself would keep it alive for the call.
 */
export function watchOf(subject: unknown, fn: string): Watch | Promise<Watch> {
  // Proxies first: `instanceof ref` on a dead proxy would run its getPrototypeOf trap and throw.
  if (isWeakProxy(subject)) return watchProxy(subject as object);
  if (typeof subject === 'function') {
    if (subject instanceof ref) return watchRef(subject as ref<any>);
    if (isForeignRef(subject)) throw new TypeError(testingMessages.foreignRef(fn));
    return watchFactory(subject as () => unknown);
  }
  throw new TypeError(testingMessages.badSubject(fn, typeName(subject)));
}
