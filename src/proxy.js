"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ProxyTypes = exports.CallableProxyType = exports.ProxyType = exports.proxy = void 0;
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
const weakrefable_1 = require("./internal/weakrefable");
const lifecycle_1 = require("./internal/lifecycle");
const natives_1 = require("./internal/natives");
const messages_1 = require("./internal/messages");
const proxy_handler_1 = require("./internal/proxy-handler");
const proxy_dummy_1 = require("./internal/proxy-dummy");
const ref_1 = require("./ref");
const proxyImpl = function proxy(obj, callback) {
    const argc = arguments.length;
    if (argc === 0)
        throw new TypeError(messages_1.messages.proxyAtLeastArgs(argc));
    if (argc > 2)
        throw new TypeError(messages_1.messages.proxyAtMostArgs(argc));
    (0, weakrefable_1.checkWeakrefable)(obj);
    const cb = (0, ref_1.checkCallback)(callback);
    const list = (0, lifecycle_1.listFor)(obj);
    if (cb === undefined) {
        // CPython's basic proxy: shared while it lives (`proxy(o) === proxy(o)`).
        const existing = list.basicProxy?.deref();
        if (existing !== undefined)
            return existing.owner;
        const link = (0, proxy_handler_1.createWeakProxy)(obj, list, undefined);
        list.basicProxy = new natives_1.NativeWeakRef(link);
        return link.owner;
    }
    const link = (0, proxy_handler_1.createWeakProxy)(obj, list, cb);
    list.addOther(link);
    return link.owner;
};
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
exports.proxy = proxyImpl;
function makeType(name, callable) {
    const type = {
        [name]: function () {
            throw new TypeError(messages_1.messages.cannotCreateInstances(`weakref.${name}`));
        },
    }[name];
    Object.defineProperty(type, Symbol.hasInstance, {
        value: function hasInstance(value) {
            // The registry lookup runs no trap, so this also answers for a dead proxy.
            return (0, proxy_dummy_1.dummyOfProxy)(value) !== undefined && (typeof value === 'function') === callable;
        },
        writable: false,
        enumerable: false,
        configurable: true,
    });
    return type;
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
exports.ProxyType = makeType('ProxyType', false);
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
exports.CallableProxyType = makeType('CallableProxyType', true);
/**
 * Python's `weakref.ProxyTypes`: both proxy types, a frozen array (Python's tuple).
 *
 * @example
 * ```ts
 * ProxyTypes.some((T) => p instanceof T);   // Python: isinstance(p, weakref.ProxyTypes)
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.ProxyTypes
 */
exports.ProxyTypes = Object.freeze([
    exports.ProxyType,
    exports.CallableProxyType,
]);
