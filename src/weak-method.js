"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WeakMethod = void 0;
/**
 * `WeakMethod`: a weak reference to a method of an object, Python's `weakref.WeakMethod`
 * (CONTRACT §8).
 *
 * Python's bound method `o.m` is a temporary object: a plain `ref(o.m)` dies at once. WeakMethod
 * instead holds the object and the function separately, both weakly, and rebuilds the bound method
 * on each call. JavaScript has no bound-method objects, so the constructor takes the two parts:
 * `new WeakMethod(obj, method)`, `method` being the function or the name of a method of `obj`.
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
 * - the bound function returned by a call holds `obj` strongly, like Python's bound method: keep it
 *   only as long as you use it.
 */
const ids_1 = require("./internal/ids");
const ref_1 = require("./ref");
const weakrefable_1 = require("./internal/weakrefable");
const messages_1 = require("./internal/messages");
const unraisable_1 = require("./internal/unraisable");
const retention_1 = require("./internal/retention");
/**
 * `new WeakMethod(obj, method, callback?)`: a {@link ref} to `obj` that also holds `method` weakly.
 * Calling it returns `method` bound to `obj` (a new bound function each time), or `undefined` once
 * `obj` or the function has been collected. `callback`, if given, runs once with the WeakMethod when
 * the first of the two dies.
 *
 * @typeParam T - the object.
 * @typeParam F - the method's function type.
 * @example
 * ```ts
 * class Button { click(): string { return 'clicked'; } }
 * let b: Button | undefined = new Button();
 * const wm = new WeakMethod(b, 'click');
 * wm()?.();            // 'clicked'
 * b = undefined;
 * await gc.collect();
 * wm();                // undefined
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.WeakMethod
 */
class WeakMethod extends ref_1.ref {
    /** The function, weakly (CPython's `_func_ref`). */
    #funcRef;
    /** Shared with the callback of both refs; see the module comment. */
    #state;
    /**
     * Creates a weak reference to `obj`'s method `method` (Python: `WeakMethod(obj.method, callback)`).
     *
     * @param obj - the object the method is bound to; any object, function or non-registered symbol.
     * @param method - the function, or the name (string or symbol) of a method of `obj`.
     * @param callback - called once with this WeakMethod when `obj` or the function dies.
     * @throws TypeError `cannot create weak reference to '<type>' object` when `obj` cannot be held
     *   weakly; a TypeError when `method` is not a function and does not name one; the ref TypeError
     *   for a callback that is not callable.
     * @example
     * ```ts
     * const wm = new WeakMethod(button, 'click');                   // by name
     * const wm2 = new WeakMethod(button, Button.prototype.click);   // by function
     * ```
     */
    constructor(obj, method, callback) {
        // Validate before reading a property of `obj` (it may be a primitive) and before super(): a bad
        // argument must leave nothing registered.
        (0, weakrefable_1.checkWeakrefable)(obj);
        let func = method;
        if (typeof method === 'string' || typeof method === 'symbol')
            func = obj[method];
        if (typeof func !== 'function')
            throw new TypeError(messages_1.messages.weakMethodArg((0, weakrefable_1.typeName)(func)));
        const cb = (0, ref_1.checkCallback)(callback);
        const state = { self: undefined, alive: true };
        // CPython: weakref.py WeakMethod.__new__._cb
        const onDeath = () => {
            const self = state.self;
            if (self === undefined || !state.alive)
                return;
            state.alive = false;
            if (cb === undefined)
                return;
            try {
                cb(self);
            }
            catch (err) {
                // Report it against the user's callback (CONTRACT §11), not against this internal closure.
                (0, unraisable_1.reportUnraisable)(err, cb);
            }
        };
        // Without a user callback, `onDeath` uses neither obj nor the function: for pyweakref/testing (a
        // boolean test until it loads), it is the library's own callback, not a lead.
        if (cb === undefined)
            (0, retention_1.markLibraryCallback)(onDeath);
        super(obj, onDeath);
        this.#state = state;
        state.self = this;
        this.#funcRef = (0, ref_1.ref)(func, onDeath);
    }
    /**
     * What calling the WeakMethod runs: `method` bound to `obj`, or `undefined` when either is gone.
     * Each call returns a new bound function (with `__self__` and `__func__`, as Python's bound method).
     *
     * @returns the bound function, which holds `obj` strongly (use it and drop it), or `undefined`.
     * @example
     * ```ts
     * const m = wm();          // the same as wm.__call__()
     * if (m !== undefined) m();
     * ```
     * @see https://docs.python.org/3/library/weakref.html#weakref.WeakMethod
     */
    __call__() {
        WeakMethod.#check(this, '__call__');
        const obj = super.__call__();
        const func = this.#funcRef();
        if (obj === undefined || func === undefined)
            return undefined;
        const bound = Function.prototype.bind.call(func, obj);
        Object.defineProperties(bound, {
            __self__: { value: obj, configurable: true },
            __func__: { value: func, configurable: true },
        });
        return bound;
    }
    /**
     * Python's `==`: two live WeakMethods are equal when their objects are equal and their functions
     * are the same; once either has died, only a WeakMethod is equal to itself. Anything else is asked
     * in turn (Python's reflected `==`), so a plain `ref` to an equal object is equal.
     *
     * @param other - anything.
     * @returns whether the two are equal in Python's sense.
     * @example
     * ```ts
     * new WeakMethod(b, 'click').__eq__(new WeakMethod(b, 'click'));   // true
     * ```
     * @see https://docs.python.org/3/library/weakref.html#weakref.WeakMethod
     */
    __eq__(other) {
        WeakMethod.#check(this, '__eq__');
        if (WeakMethod.#is(other)) {
            if (!this.#state.alive || !other.#state.alive)
                return this === other;
            return super.__eq__(other) && this.#funcRef.__eq__(other.#funcRef);
        }
        // CPython returns NotImplemented: Python then asks `other`, and falls back to identity.
        const reflected = other != null ? other.__eq__ : undefined;
        return typeof reflected === 'function' ? Boolean(reflected.call(other, this)) : false;
    }
    /**
     * Python's `!=`, the mirror of {@link WeakMethod.__eq__}.
     *
     * @param other - anything.
     * @returns whether the two differ in Python's sense.
     * @example
     * ```ts
     * new WeakMethod(b, 'click').__ne__(new WeakMethod(b, 'hover'));   // true
     * ```
     * @see https://docs.python.org/3/library/weakref.html#weakref.WeakMethod
     */
    __ne__(other) {
        WeakMethod.#check(this, '__ne__');
        if (WeakMethod.#is(other)) {
            if (!this.#state.alive || !other.#state.alive)
                return this !== other;
            // ref's own comparison of the objects (not a virtual call back into this __eq__).
            return !super.__eq__(other) || this.#funcRef.__ne__(other.#funcRef);
        }
        if (other != null) {
            const ne = other.__ne__;
            if (typeof ne === 'function')
                return Boolean(ne.call(other, this));
            const eq = other.__eq__;
            if (typeof eq === 'function')
                return !eq.call(other, this);
        }
        return true;
    }
    /** The descriptor TypeError for a method called on something that is not a WeakMethod. */
    static #check(self, method) {
        if (!WeakMethod.#is(self))
            throw new TypeError(messages_1.messages.wrongReceiver(method, 'WeakMethod', (0, ids_1.className)(self)));
    }
    /** A brand check that never throws (`instanceof` can be fooled by `Object.create`). */
    static #is(value) {
        return typeof value === 'function' && #state in value;
    }
}
exports.WeakMethod = WeakMethod;
