"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.finalize = void 0;
exports.liveFinalizerCount = liveFinalizerCount;
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
const ref_1 = require("./ref");
const weakrefable_1 = require("./internal/weakrefable");
const messages_1 = require("./internal/messages");
const ids_1 = require("./internal/ids");
const natives_1 = require("./internal/natives");
const atexit_1 = require("./internal/atexit");
const retention_1 = require("./internal/retention");
const table_sizes_1 = require("./internal/table-sizes");
/** Live finalizers, oldest first (a Map keeps insertion order: CPython's `_Info.index`). */
const registry = new Map();
/** Every finalizer ever made, weakly: the brand check of the prototype methods. */
const brand = new natives_1.NativeWeakSet();
/** Set when a finalizer is created, so the exit loop picks up finalizers made while it runs. */
let dirty = false;
/** Set once the exit phase is over: no finalizer runs after it (CPython's `_shutdown`). */
let shutdown = false;
let exitHookRequested = false;
function infoOf(self, method) {
    if ((typeof self !== 'function' && typeof self !== 'object') || self === null || !brand.has(self)) {
        throw new TypeError(`descriptor '${method}' requires a 'finalize' object but received '${(0, weakrefable_1.typeName)(self)}'`);
    }
    return registry.get(self);
}
/** Runs a finalizer once: take it out of the registry first, so that re-entry finds it dead. */
function run(self) {
    const info = registry.get(self);
    if (info === undefined)
        return undefined;
    registry.delete(self);
    if (shutdown)
        return undefined;
    // Called with `this` undefined, as a Python function called with positional arguments.
    return Reflect.apply(info.func, undefined, info.args);
}
function makeFinalizer(proto) {
    // An arrow function: callable, not constructible, and with no `prototype` of its own. It holds
    // nothing but itself; its state lives in `registry`.
    const self = proto.__call__ === finalizeCall ? (() => run(self)) : (() => self.__call__());
    Object.setPrototypeOf(self, proto);
    brand.add(self);
    return self;
}
const finalizeImpl = function finalize(obj, func, ...args) {
    const nt = new.target;
    if (arguments.length < 2)
        throw new TypeError(messages_1.messages.finalizeMissing(arguments.length));
    (0, weakrefable_1.checkWeakrefable)(obj);
    // CPython fails only when it calls `func`; failing here reports the mistake where it was made.
    if (typeof func !== 'function')
        throw new TypeError(messages_1.messages.notCallable((0, weakrefable_1.typeName)(func)));
    if (!exitHookRequested) {
        exitHookRequested = true;
        (0, atexit_1.onProcessExit)(exitfunc);
    }
    const self = makeFinalizer(nt === undefined ? finalizeImpl.prototype : nt.prototype);
    registry.set(self, { weakref: (0, ref_1.ref)(obj, self), func: func, args, atexit: true });
    dirty = true;
    return self;
};
function finalizeCall() {
    infoOf(this, '__call__');
    return run(this);
}
/** The live finalizers marked for exit, oldest first (CPython's `_select_for_exit`). */
function selectForExit() {
    const out = [];
    for (const [f, info] of registry)
        if (info.atexit)
            out.push(f);
    return out;
}
/**
 * At process exit, runs the live finalizers whose `atexit` is true, newest first (CPython's
 * `_exitfunc`). A finalizer that throws is reported on stderr and the others still run; one created
 * meanwhile runs too (the list is selected again whenever `dirty`).
 */
function exitfunc() {
    try {
        if (registry.size === 0)
            return;
        let pending;
        for (;;) {
            if (pending === undefined || dirty) {
                pending = selectForExit();
                dirty = false;
            }
            const f = pending.pop();
            if (f === undefined)
                break;
            // The repr is taken before the call, while it still names the object (a subclass's toString
            // may throw: the label must not stop the loop).
            let label;
            try {
                label = String(f);
            }
            catch {
                label = '<finalize object>';
            }
            try {
                f();
            }
            catch (err) {
                (0, atexit_1.writeStderr)(`Exception in finalizer at exit: ${label}\n${(0, atexit_1.describeError)(err)}\n`);
            }
        }
    }
    finally {
        shutdown = true;
    }
}
const inspectCustom = Symbol.for('nodejs.util.inspect.custom');
// Finalizers are functions (`typeof f === 'function'`): their prototype chain ends in Function.prototype.
Object.setPrototypeOf(finalizeImpl.prototype, Function.prototype);
Object.defineProperties(finalizeImpl.prototype, {
    __call__: { value: finalizeCall, writable: true, configurable: true },
    alive: {
        get() {
            return infoOf(this, 'alive') !== undefined;
        },
        configurable: true,
    },
    atexit: {
        get() {
            return infoOf(this, 'atexit')?.atexit ?? false;
        },
        set(value) {
            const info = infoOf(this, 'atexit');
            if (info !== undefined)
                info.atexit = Boolean(value);
        },
        configurable: true,
    },
    detach: {
        value: function detach() {
            const info = infoOf(this, 'detach');
            const obj = info?.weakref();
            if (obj === undefined || !registry.delete(this))
                return undefined;
            return [obj, info.func, info.args];
        },
        writable: true,
        configurable: true,
    },
    peek: {
        value: function peek() {
            const info = infoOf(this, 'peek');
            const obj = info?.weakref();
            // A copy of `args`: what the caller does with it must not change what the finalizer will pass.
            return obj === undefined ? undefined : [obj, info.func, [...info.args]];
        },
        writable: true,
        configurable: true,
    },
    toString: {
        value: function toString() {
            const info = infoOf(this, '__repr__');
            const obj = info?.weakref();
            let name = 'finalize';
            try {
                const ctorName = Object.getPrototypeOf(this).constructor?.name;
                if (typeof ctorName === 'string' && ctorName !== '')
                    name = ctorName;
            }
            catch {
                // A hostile prototype: the repr must never throw.
            }
            if (obj === undefined)
                return `<${name} object at ${(0, ids_1.hexId)(this)}; dead>`;
            return `<${name} object at ${(0, ids_1.hexId)(this)}; for '${(0, ids_1.className)(obj)}' at ${(0, ids_1.hexId)(obj)}>`;
        },
        writable: true,
        configurable: true,
    },
    [inspectCustom]: {
        value: function inspect() {
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
exports.finalize = finalizeImpl;
/** @internal The number of live finalizers (for leak tests). */
function liveFinalizerCount() {
    return registry.size;
}
// For pyweakref/testing's leak checks: the registry is a table of its own, which must return to its
// size once the finalizers made by the code under test have run.
(0, table_sizes_1.registerTableSize)('finalizers', liveFinalizerCount);
/**
 * The retention probe of finalize (see internal/retention.ts): the registry holds every live
 * finalizer's `func` and `args` strongly, so an object passed as the func or an argument of another
 * object's finalizer lives until that finalizer runs or is detached. Finalizers of the object itself
 * are skipped: the core's probe reports them, from the object's own weak list. Identity checks first;
 * a finalizer's referent is read only for a match, while building a failure message.
 */
(0, retention_1.registerRetentionProbe)((target) => {
    const out = [];
    for (const [f, info] of registry) {
        if (info.func !== target && !info.args.includes(target))
            continue;
        if (info.weakref() === target)
            continue;
        out.push(`${(0, ids_1.shortRepr)(f)} holds it in func or args: a finalizer keeps func and args alive until it runs`);
    }
    return out;
});
