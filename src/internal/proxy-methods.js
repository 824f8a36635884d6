"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.methodOf = methodOf;
/**
 * Method wrappers: what a weak proxy returns when a property read yields a function.
 *
 * `p.m()` calls the function with `this` = the proxy. Methods that use private fields (`this.#x`)
 * or built-ins with internal slots (`Map.prototype.get`, `Date.prototype.getTime`, a generator's
 * `next`) then throw, because a Proxy has neither. So a function read through the proxy comes back
 * wrapped: a Proxy over the original function whose `apply` replaces a `this` that is the weak
 * proxy by the referent, read from the WeakRef at call time (as CPython's proxy calls
 * `getattr(referent, name)`). Any other `this` passes through untouched (`p.m.call(other)`), and
 * every other operation (`name`, `length`, statics, `new`, `instanceof`) reaches the original
 * function, since the wrapper's target is that function.
 *
 * Identity: `p.m === p.m` while the referent lives, through a per-proxy cache keyed by the original
 * function. Not wrapped, so that identity checks keep working: values read under `constructor`, and
 * classes and built-in constructors (a read-only `prototype`), which cannot be called as methods
 * anyway.
 *
 * What keeps what alive:
 * - the cache is a WeakMap in the proxy's state: an entry lives while its original function does and
 *   the proxy does; the wrapper holds the function (its target) and, through its handler, the dummy
 *   and so the proxy: holding `p.m` keeps the proxy alive, never the referent;
 * - nothing here holds the referent: `apply` derefs it for the duration of the call only.
 *
 * The handler is one small object per wrapper (not per call), its trap functions shared through the
 * class prototype: the wrapper's target must be the original function, so its state cannot sit on
 * the target as a proxy's does.
 */
const proxy_state_1 = require("./proxy-state");
const proxy_dummy_1 = require("./proxy-dummy");
class MethodHandler {
    dummy;
    /** The wrapper this handler serves, for `new` (set right after the Proxy is made). */
    wrapper = undefined;
    constructor(dummy) {
        this.dummy = dummy;
    }
    apply(fn, thisArg, args) {
        const dummy = this.dummy;
        if (thisArg === (0, proxy_state_1.ownerOf)(dummy)) {
            thisArg = (0, proxy_state_1.refOf)(dummy).deref();
            if (thisArg === undefined)
                throw (0, proxy_dummy_1.deadProxyError)();
        }
        return Reflect.apply(fn, thisArg, args);
    }
    construct(fn, args, newTarget) {
        return Reflect.construct(fn, args, newTarget === this.wrapper ? fn : newTarget);
    }
}
/** Whether `fn` is a class or a built-in constructor: its `prototype` is read-only. */
function isClassLike(fn) {
    try {
        const d = Reflect.getOwnPropertyDescriptor(fn, 'prototype');
        return d !== undefined && d.writable === false;
    }
    catch {
        return false;
    }
}
/** The wrapper of `fn` for the proxy whose dummy is `t` (cached); `fn` itself when it is class-like. */
function methodOf(t, fn) {
    const cache = (0, proxy_state_1.methodsOf)(t);
    let w = cache.get(fn);
    if (w === undefined) {
        if (isClassLike(fn)) {
            w = fn;
        }
        else {
            const handler = new MethodHandler(t);
            w = new Proxy(fn, handler);
            handler.wrapper = w;
        }
        cache.set(fn, w);
    }
    return w;
}
