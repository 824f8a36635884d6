/**
 * Dummy targets of weak proxies, the registry of live proxies, and their repr.
 *
 * A JavaScript Proxy needs a target object, and the engine checks every trap result against it (the
 * Proxy invariants). The referent cannot be the target: the proxy would then hold it strongly. So
 * each proxy gets its own small dummy target, chosen by referent kind:
 *
 * - callable referent (functions, classes): a bound function of one shared plain `function`. A
 *   Proxy is callable only if its target is, and constructible only if its target is; a bound
 *   function of a plain function is both, and unlike a plain function or a class it has no own
 *   non-configurable `prototype` property that the invariants would force every trap to report.
 *   Its configurable `length` and `name` are deleted so the dummy starts empty.
 * - array referent: an empty array, so that `Array.isArray(proxy)` (which looks through proxies to
 *   their target) is true. Its own non-configurable `length` is the one property the traps must
 *   always report truthfully (proxy-invariants.ts).
 * - anything else (plain objects, Maps, Dates, boxed symbols...): an empty object.
 *
 * Every dummy starts with the shared `DUMMY_PROTO` as prototype: a null-prototype object whose only
 * property is Node's `util.inspect.custom`. `util.inspect` (and so `console.log`) never runs a trap
 * of a Proxy: it inspects the proxy's *target* and calls the target's custom inspector with `this`
 * set to the proxy. So the repr works on a dead proxy, where every trap throws. (The prototype the
 * proxy reports is the referent's, through the `getPrototypeOf` trap; the dummy's own prototype is
 * never seen.)
 */
import { NativeWeakMap } from './natives';
import { className, hexId } from './ids';
import { isDummy, linkOf, ownerOf } from './proxy-state';
import * as messages from './messages';

/** Node's `util.inspect.custom` (a registered symbol, so no Node import is needed). */
export const INSPECT: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

/** proxy -> its dummy target, for the repr and `instanceof ProxyType`; never keeps a proxy alive. */
const proxies = new NativeWeakMap<object, object>();

/** Records a new proxy. */
export function registerProxy(proxy: object, dummy: object): void {
  proxies.set(proxy, dummy);
}

/** The dummy target of a weak proxy made by this library, else `undefined`. Runs no trap. */
export function dummyOfProxy(value: unknown): object | undefined {
  return (typeof value === 'object' || typeof value === 'function') && value !== null ? proxies.get(value) : undefined;
}

/** The built-in `ReferenceError` every operation on a dead proxy throws. */
export function deadProxyError(): ReferenceError {
  return new ReferenceError(messages.proxyDead);
}

/**
 * `<weakproxy at 0x..; to 'C' at 0x..>` or `<weakproxy at 0x..; dead>` (CPython 3.12+'s form). Reads
 * the referent through the list's WeakRef, not through the proxy, so it never throws.
 */
export function proxyRepr(dummy: object): string {
  const self = ownerOf(dummy);
  const o = linkOf(dummy).list.target.deref();
  if (o === undefined) return `<weakproxy at ${hexId(self)}; dead>`;
  return `<weakproxy at ${hexId(self)}; to '${className(o)}' at ${hexId(o)}>`;
}

/**
 * The custom inspector. `this` is the proxy (plain `util.inspect`) or the dummy itself
 * (`util.inspect(p, { showProxy: true })`, `console.log('%o', p)`).
 */
export function inspectWeakProxy(this: unknown): string {
  const dummy = isDummy(this) ? this : dummyOfProxy(this);
  return dummy === undefined ? '<weakproxy>' : proxyRepr(dummy);
}

/** The getter form of the inspector, installed as an own property once a dummy is mirrored. */
export function inspectGetter(): typeof inspectWeakProxy {
  return inspectWeakProxy;
}

const DUMMY_PROTO: object = Object.freeze(
  Object.create(null, {
    [INSPECT]: { value: inspectWeakProxy, enumerable: false, writable: false, configurable: false },
  }),
);

/** The shared plain function whose bound copies are the dummies of callable referents. */
const dummyFunction = function weakproxy(): void {};

/** A new, empty dummy target for `referent`; see the file comment for the choice. */
export function makeDummy(referent: WeakKey): object {
  if (typeof referent === 'function') {
    const d = Function.prototype.bind.call(dummyFunction, undefined) as { length?: number; name?: string };
    delete d.length;
    delete d.name;
    Object.setPrototypeOf(d, DUMMY_PROTO);
    return d as object;
  }
  if (isArray(referent)) {
    const d: unknown[] = [];
    Object.setPrototypeOf(d, DUMMY_PROTO);
    return d;
  }
  return Object.create(DUMMY_PROTO) as object;
}

/** `Array.isArray`, false instead of throwing for a revoked Proxy. */
function isArray(value: unknown): boolean {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}
