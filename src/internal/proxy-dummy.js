"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.INSPECT = void 0;
exports.registerProxy = registerProxy;
exports.dummyOfProxy = dummyOfProxy;
exports.deadProxyError = deadProxyError;
exports.proxyRepr = proxyRepr;
exports.inspectWeakProxy = inspectWeakProxy;
exports.inspectGetter = inspectGetter;
exports.makeDummy = makeDummy;
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
const natives_1 = require("./natives");
const ids_1 = require("./ids");
const proxy_state_1 = require("./proxy-state");
const messages_1 = require("./messages");
/** Node's `util.inspect.custom` (a registered symbol, so no Node import is needed). */
exports.INSPECT = Symbol.for('nodejs.util.inspect.custom');
/** proxy -> its dummy target, for the repr and `instanceof ProxyType`; never keeps a proxy alive. */
const proxies = new natives_1.NativeWeakMap();
/** Records a new proxy. */
function registerProxy(proxy, dummy) {
    proxies.set(proxy, dummy);
}
/** The dummy target of a weak proxy made by this library, else `undefined`. Runs no trap. */
function dummyOfProxy(value) {
    return (typeof value === 'object' || typeof value === 'function') && value !== null ? proxies.get(value) : undefined;
}
/** The built-in `ReferenceError` every operation on a dead proxy throws. */
function deadProxyError() {
    return new ReferenceError(messages_1.messages.proxyDead);
}
/**
 * `<weakproxy at 0x..; to 'C' at 0x..>` or `<weakproxy at 0x..; dead>` (CPython 3.12+'s form). Reads
 * the referent through the list's WeakRef, not through the proxy, so it never throws.
 */
function proxyRepr(dummy) {
    const self = (0, proxy_state_1.ownerOf)(dummy);
    const o = (0, proxy_state_1.linkOf)(dummy).list.target.deref();
    if (o === undefined)
        return `<weakproxy at ${(0, ids_1.hexId)(self)}; dead>`;
    return `<weakproxy at ${(0, ids_1.hexId)(self)}; to '${(0, ids_1.className)(o)}' at ${(0, ids_1.hexId)(o)}>`;
}
/**
 * The custom inspector. `this` is the proxy (plain `util.inspect`) or the dummy itself
 * (`util.inspect(p, { showProxy: true })`, `console.log('%o', p)`).
 */
function inspectWeakProxy() {
    const dummy = (0, proxy_state_1.isDummy)(this) ? this : dummyOfProxy(this);
    return dummy === undefined ? '<weakproxy>' : proxyRepr(dummy);
}
/** The getter form of the inspector, installed as an own property once a dummy is mirrored. */
function inspectGetter() {
    return inspectWeakProxy;
}
const DUMMY_PROTO = Object.freeze(Object.create(null, {
    [exports.INSPECT]: { value: inspectWeakProxy, enumerable: false, writable: false, configurable: false },
}));
/** The shared plain function whose bound copies are the dummies of callable referents. */
const dummyFunction = function weakproxy() { };
/** A new, empty dummy target for `referent`; see the file comment for the choice. */
function makeDummy(referent) {
    if (typeof referent === 'function') {
        const d = Function.prototype.bind.call(dummyFunction, undefined);
        delete d.length;
        delete d.name;
        Object.setPrototypeOf(d, DUMMY_PROTO);
        return d;
    }
    if (isArray(referent)) {
        const d = [];
        Object.setPrototypeOf(d, DUMMY_PROTO);
        return d;
    }
    return Object.create(DUMMY_PROTO);
}
/** `Array.isArray`, false instead of throwing for a revoked Proxy. */
function isArray(value) {
    try {
        return Array.isArray(value);
    }
    catch {
        return false;
    }
}
