/**
 * The one handler shared by every weak proxy, and the creation of a proxy.
 *
 * Shape (why): one module-level handler object, no closure per proxy; a trap finds its proxy's
 * state on the `target` argument, the proxy's own dummy (proxy-state.ts, proxy-dummy.ts). Every
 * trap starts with the same liveness check: deref the referent's shared WeakRef, and throw the
 * built-in `ReferenceError('weakly-referenced object no longer exists')` if it is gone (CPython's
 * proxy checks in the same place). Then it forwards to the referent with `Reflect`, and the traps
 * that the Proxy invariants constrain go through proxy-invariants.ts.
 *
 * `this` and receivers: when the receiver is the proxy itself, the referent is used instead, so
 * getters and setters run on the referent (private fields, internal slots), as do methods
 * (proxy-methods.ts) and `new` (`new.target` is the referent, not the proxy). A different receiver
 * (an object that inherits from the proxy) is passed through, as for any prototype.
 *
 * Lifetime: nothing here stores the referent. A trap holds it in a local for the duration of one
 * operation; the engine keeps a deref'd target alive until the end of the current job.
 */
import type { Link, WeakList } from './weak-list';
import { derefableFor, ownerOf, refOf, stamp } from './proxy-state';
import { deadProxyError, makeDummy, registerProxy } from './proxy-dummy';
import { methodOf } from './proxy-methods';
import {
  afterDefine,
  afterDelete,
  defineOwnInspect,
  mirror,
  reportDescriptor,
  reportKeys,
  reportMissing,
} from './proxy-invariants';

/** The referent of the proxy whose dummy is `t`, or the dead-proxy ReferenceError. */
function live(t: object): any {
  const o = refOf(t).deref();
  if (o === undefined) throw deadProxyError();
  return o;
}

/**
 * Every trap but `get`. They sit on the prototype of {@link handler}, see there.
 */
const traps: ProxyHandler<any> = {
  set(t, key, value, receiver) {
    const o = live(t);
    return receiver === ownerOf(t) ? Reflect.set(o, key, value) : Reflect.set(o, key, value, receiver);
  },

  has(t, key) {
    const o = live(t);
    return Reflect.has(o, key) || reportMissing(t, key);
  },

  deleteProperty(t, key) {
    const o = live(t);
    return Reflect.deleteProperty(o, key) && afterDelete(t, key);
  },

  ownKeys(t) {
    const o = live(t);
    return reportKeys(t, Reflect.ownKeys(o));
  },

  getOwnPropertyDescriptor(t, key) {
    const o = live(t);
    return reportDescriptor(t, key, Reflect.getOwnPropertyDescriptor(o, key));
  },

  defineProperty(t, key, desc) {
    const o = live(t);
    const own = defineOwnInspect(t, key, desc);
    if (own !== undefined) return own;
    if (!Reflect.defineProperty(o, key, desc)) return false;
    afterDefine(t, o, key);
    return true;
  },

  getPrototypeOf(t) {
    return Reflect.getPrototypeOf(live(t));
  },

  setPrototypeOf(t, proto) {
    return Reflect.setPrototypeOf(live(t), proto);
  },

  /** True or false as the referent; answering false requires the mirrored dummy (proxy-invariants.ts). */
  isExtensible(t) {
    const o = live(t);
    if (Reflect.isExtensible(o)) return true;
    mirror(t, o);
    return false;
  },

  preventExtensions(t) {
    const o = live(t);
    if (!Reflect.preventExtensions(o)) return false;
    mirror(t, o);
    return true;
  },

  apply(t, thisArg, args) {
    const o = live(t);
    return Reflect.apply(o, thisArg === ownerOf(t) ? o : thisArg, args);
  },

  construct(t, args, newTarget) {
    const o = live(t);
    return Reflect.construct(o, args, newTarget === ownerOf(t) ? o : newTarget);
  },
};

/**
 * The handler of every weak proxy. Only `get` is an own property: V8 looks the trap up on the
 * handler at every operation, and finds it measurably faster (~10% of a whole property read)
 * in a handler with one own property than in one with thirteen; the other traps are found one
 * step up the prototype chain, off the hot path.
 */
export const handler: ProxyHandler<any> = Object.assign(Object.create(traps) as ProxyHandler<any>, {
  /**
   * The hot path (target: at most 1.3x a bare Proxy whose `get` derefs a WeakRef), so it is kept
   * minimal: one private-field read and deref, one liveness check, one identity check of the
   * receiver, then a keyed load `o[key]` rather than `Reflect.get(o, key, o)` (same semantics, as
   * the receiver is `o`, and V8 optimises the keyed load far better: ~1.3x vs ~1.0x the baseline),
   * and one `typeof`. No invariant work: the only `get` invariant concerns read-only
   * non-configurable properties of the dummy, copied exactly and never changing afterwards.
   */
  get(t: object, key: PropertyKey, receiver: unknown): unknown {
    const o = refOf(t).deref() as any;
    if (o === undefined) throw deadProxyError();
    if (receiver !== ownerOf(t)) return Reflect.get(o, key, receiver);
    const v = o[key];
    return typeof v === 'function' && key !== 'constructor' ? methodOf(t, v) : v;
  },
});

/**
 * Makes a new weak proxy to `referent` (whose list is `list`) with `callback`, and returns its link
 * (the proxy is `link.owner`). The caller stores the link in the list, weakly.
 */
export function createWeakProxy(referent: WeakKey, list: WeakList, callback: ((p: any) => unknown) | undefined): Link {
  const dummy = makeDummy(referent);
  const proxy: object = new Proxy(dummy, handler);
  const link: Link = { owner: proxy, list, callback, order: 0 };
  // The dummy holds the link, the link holds the proxy, the proxy holds the dummy: one cycle that
  // lives as long as the proxy is reachable from outside, and never reaches the referent.
  stamp(dummy, derefableFor(referent, list.target), link);
  registerProxy(proxy, dummy);
  return link;
}
