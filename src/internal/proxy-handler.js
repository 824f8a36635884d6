"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.handler = void 0;
exports.createWeakProxy = createWeakProxy;
const proxy_state_1 = require("./proxy-state");
const proxy_dummy_1 = require("./proxy-dummy");
const proxy_methods_1 = require("./proxy-methods");
const proxy_invariants_1 = require("./proxy-invariants");
/** The referent of the proxy whose dummy is `t`, or the dead-proxy ReferenceError. */
function live(t) {
    const o = (0, proxy_state_1.refOf)(t).deref();
    if (o === undefined)
        throw (0, proxy_dummy_1.deadProxyError)();
    return o;
}
/**
 * Every trap but `get`. They sit on the prototype of {@link handler}, see there.
 */
const traps = {
    set(t, key, value, receiver) {
        const o = live(t);
        return receiver === (0, proxy_state_1.ownerOf)(t) ? Reflect.set(o, key, value) : Reflect.set(o, key, value, receiver);
    },
    has(t, key) {
        const o = live(t);
        return Reflect.has(o, key) || (0, proxy_invariants_1.reportMissing)(t, key);
    },
    deleteProperty(t, key) {
        const o = live(t);
        return Reflect.deleteProperty(o, key) && (0, proxy_invariants_1.afterDelete)(t, key);
    },
    ownKeys(t) {
        const o = live(t);
        return (0, proxy_invariants_1.reportKeys)(t, Reflect.ownKeys(o));
    },
    getOwnPropertyDescriptor(t, key) {
        const o = live(t);
        return (0, proxy_invariants_1.reportDescriptor)(t, key, Reflect.getOwnPropertyDescriptor(o, key));
    },
    defineProperty(t, key, desc) {
        const o = live(t);
        const own = (0, proxy_invariants_1.defineOwnInspect)(t, key, desc);
        if (own !== undefined)
            return own;
        if (!Reflect.defineProperty(o, key, desc))
            return false;
        (0, proxy_invariants_1.afterDefine)(t, o, key);
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
        if (Reflect.isExtensible(o))
            return true;
        (0, proxy_invariants_1.mirror)(t, o);
        return false;
    },
    preventExtensions(t) {
        const o = live(t);
        if (!Reflect.preventExtensions(o))
            return false;
        (0, proxy_invariants_1.mirror)(t, o);
        return true;
    },
    apply(t, thisArg, args) {
        const o = live(t);
        return Reflect.apply(o, thisArg === (0, proxy_state_1.ownerOf)(t) ? o : thisArg, args);
    },
    construct(t, args, newTarget) {
        const o = live(t);
        return Reflect.construct(o, args, newTarget === (0, proxy_state_1.ownerOf)(t) ? o : newTarget);
    },
};
/**
 * The handler of every weak proxy. Only `get` is an own property: V8 looks the trap up on the
 * handler at every operation, and finds it measurably faster (~10% of a whole property read)
 * in a handler with one own property than in one with thirteen; the other traps are found one
 * step up the prototype chain, off the hot path.
 */
exports.handler = Object.assign(Object.create(traps), {
    /**
     * The hot path (target: at most 1.3x a bare Proxy whose `get` derefs a WeakRef), so it is kept
     * minimal: one private-field read and deref, one liveness check, one identity check of the
     * receiver, then a keyed load `o[key]` rather than `Reflect.get(o, key, o)` (same semantics, as
     * the receiver is `o`, and V8 optimises the keyed load far better: ~1.3x vs ~1.0x the baseline),
     * and one `typeof`. No invariant work: the only `get` invariant concerns read-only
     * non-configurable properties of the dummy, copied exactly and never changing afterwards.
     */
    get(t, key, receiver) {
        const o = (0, proxy_state_1.refOf)(t).deref();
        if (o === undefined)
            throw (0, proxy_dummy_1.deadProxyError)();
        if (receiver !== (0, proxy_state_1.ownerOf)(t))
            return Reflect.get(o, key, receiver);
        const v = o[key];
        return typeof v === 'function' && key !== 'constructor' ? (0, proxy_methods_1.methodOf)(t, v) : v;
    },
});
/**
 * Makes a new weak proxy to `referent` (whose list is `list`) with `callback`, and returns its link
 * (the proxy is `link.owner`). The caller stores the link in the list, weakly.
 */
function createWeakProxy(referent, list, callback) {
    const dummy = (0, proxy_dummy_1.makeDummy)(referent);
    const proxy = new Proxy(dummy, exports.handler);
    const link = { owner: proxy, list, callback, order: 0 };
    // The dummy holds the link, the link holds the proxy, the proxy holds the dummy: one cycle that
    // lives as long as the proxy is reachable from outside, and never reaches the referent.
    (0, proxy_state_1.stamp)(dummy, (0, proxy_state_1.derefableFor)(referent, list.target), link);
    (0, proxy_dummy_1.registerProxy)(proxy, dummy);
    return link;
}
