"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReferenceType = exports.ref = exports.LINK = void 0;
exports.linkOf = linkOf;
exports.checkCallback = checkCallback;
/**
 * `ref` / `ReferenceType`: Python's weak reference, a callable object (CONTRACT §2).
 *
 * Shape: `ref` is a plain function, not a class, so that it works with and without `new` and can be
 * extended (`class MyRef extends ref`). Each reference object is a closure whose prototype is
 * `new.target.prototype`, so `r()` is a direct call and `r instanceof ref` holds.
 *
 * What keeps what alive:
 * - a reference object holds its {@link Link} strongly (closure and `LINK` property); the link holds
 *   the callback strongly (as CPython) and the referent's list strongly;
 * - nothing here holds the referent strongly: `r()` reads the list's shared native WeakRef (the list
 *   itself);
 * - the list holds the link only weakly (weak-list.ts), so dropping `r` drops its callback too. The
 *   one exception is the basic ref's link, which the list also holds strongly (`basicHot`) until the
 *   end of a job in which `ref(o)` dereferenced or created it, exactly as long as the engine keeps it
 *   alive anyway; a basic ref has no callback.
 */
const weakrefable_1 = require("./internal/weakrefable");
const lifecycle_1 = require("./internal/lifecycle");
const weak_list_1 = require("./internal/weak-list");
const natives_1 = require("./internal/natives");
const messages_1 = require("./internal/messages");
const ids_1 = require("./internal/ids");
/** @internal The link of every reference object made by `ref` (and its subclasses). */
exports.LINK = Symbol('pyweakref.link');
/** The link of a reference object, or a TypeError when `self` is not one (a method called on a stranger). */
function linkOf(self, method = 'method') {
    const link = self != null ? self[exports.LINK] : undefined;
    if (link === undefined || link.owner !== self) {
        throw new TypeError(`descriptor '${method}' requires a 'weakref.ReferenceType' object but received '${(0, weakrefable_1.typeName)(self)}'`);
    }
    return link;
}
/** Validates a callback argument: a function, or `undefined`/`null` for none (Python's None). */
function checkCallback(callback) {
    if (callback === undefined || callback === null)
        return undefined;
    if (typeof callback !== 'function')
        throw new TypeError(messages_1.messages.callbackNotCallable((0, weakrefable_1.typeName)(callback)));
    return callback;
}
function makeLink(owner, list, callback) {
    return { owner, list, callback, order: 0, hash: undefined };
}
/**
 * Creates the callable reference object. Hot path: `r()` must stay a closure that reads one WeakRef
 * (target: at most 1.5x `WeakRef.prototype.deref`), so the argument check is the only extra work, and
 * only subclasses that override `__call__` pay for a method dispatch. `arguments.length` is read from
 * the frame in strict code (no arguments object is made), and `target` is the list, captured once.
 */
function makeRefObject(proto, list, callback) {
    const target = list.target;
    let self;
    if (proto.__call__ === refCall) {
        self = function weakref() {
            if (arguments.length !== 0)
                throw new TypeError(messages_1.messages.refCallArgs(arguments.length));
            return target.deref();
        };
    }
    else {
        self = function weakref() {
            if (arguments.length !== 0)
                throw new TypeError(messages_1.messages.refCallArgs(arguments.length));
            return self.__call__();
        };
    }
    Object.setPrototypeOf(self, proto);
    self[exports.LINK] = makeLink(self, list, callback);
    return self;
}
/**
 * `ref(...)` itself: only the hot path, kept small on purpose so that the optimising compiler inlines
 * it into the caller's loop and its type feedback is about this path alone (when the slow path lived
 * in the same function, the first optimisation often happened while only the slow path had run, and
 * the fast path then deoptimised or stayed generic: `ref(o)` measured anywhere from 1.4x to 6x
 * `WeakMap.get` from one run to the next).
 *
 * Hot path, for `ref(o)` returning the shared basic ref (target: <= 3x `WeakMap.get`): exactly one
 * argument and no subclass, so nothing to validate before the lookup (`WeakMap.get` answers
 * `undefined` for a primitive, which then goes to {@link refSlow} and throws there). A list with
 * `basicHot` set was dereferenced or created by `ref(o)` earlier in this job, so the basic ref is
 * alive and the answer costs one `WeakMap.get` and two loads instead of a `deref()` (a runtime call
 * plus an insertion into the engine's keep-during-job set; see holdBasicForJob in weak-list.ts).
 * `arguments.length` in strict code is read from the frame, never materialised.
 */
const refImpl = function ref(obj, callback) {
    const nt = new.target;
    const argc = arguments.length;
    if (argc === 1 && (nt === undefined || nt === refImpl)) {
        const list = (0, weak_list_1.lookupList)(obj);
        if (list !== undefined) {
            const hot = list.basicHot;
            if (hot !== undefined)
                return hot.owner;
            return refSlow(nt, argc, obj, undefined, list);
        }
    }
    return refSlow(nt, argc, obj, callback, undefined);
};
/**
 * Everything `ref(...)` does beyond the hot path: validation, sharing, creation. `known` is the list
 * the hot path already found for a one-argument `ref(o)`: `o` is then weakly referenceable (it is a
 * key of the lists table) and has no callback, so validation and a second lookup are skipped.
 */
function refSlow(nt, argc, obj, callback, known) {
    let list;
    let cb;
    if (known !== undefined) {
        list = (0, lifecycle_1.listFor)(obj, known);
        cb = undefined;
    }
    else {
        if (argc === 0)
            throw new TypeError(messages_1.messages.atLeastArgs(1, 0));
        if ((nt === undefined || nt === refImpl) && argc > 2)
            throw new TypeError(messages_1.messages.atMostArgs(2, argc));
        (0, weakrefable_1.checkWeakrefable)(obj);
        cb = checkCallback(callback);
        list = (0, lifecycle_1.listFor)(obj);
    }
    if (cb === undefined && (nt === undefined || nt === refImpl)) {
        // CPython's basic ref: shared while it lives (`ref(o) === ref(o)`). Either way the engine now
        // keeps its link alive until the job ends (deref() or new WeakRef), so the hot path may hold it
        // strongly until then.
        const existing = list.basicRef?.deref();
        if (existing !== undefined) {
            (0, weak_list_1.holdBasicForJob)(list, existing);
            return existing.owner;
        }
        const self = makeRefObject(refImpl.prototype, list, undefined);
        const link = self[exports.LINK];
        list.basicRef = new natives_1.NativeWeakRef(link);
        (0, weak_list_1.holdBasicForJob)(list, link);
        return self;
    }
    const self = makeRefObject(nt === undefined ? refImpl.prototype : nt.prototype, list, cb);
    list.addOther(self[exports.LINK]);
    return self;
}
function refCall() {
    return linkOf(this, '__call__').list.target.deref();
}
const inspectCustom = Symbol.for('nodejs.util.inspect.custom');
// Reference objects are functions (`typeof r === 'function'`), so their prototype chain ends in
// Function.prototype: `r.call`, `r.apply` and `r.bind` work as for any callable.
Object.setPrototypeOf(refImpl.prototype, Function.prototype);
Object.defineProperties(refImpl.prototype, {
    __call__: { value: refCall, writable: true, configurable: true },
    __callback__: {
        get() {
            const link = linkOf(this, '__callback__');
            return link.list.target.deref() === undefined ? undefined : link.callback;
        },
        configurable: true,
    },
    __eq__: {
        value: function __eq__(other) {
            const link = linkOf(this, '__eq__');
            if (!(other instanceof refImpl)) {
                // Python's `==` asks the other operand when a weakref does not know it (NotImplemented).
                const reflected = other != null ? other.__eq__ : undefined;
                return typeof reflected === 'function' ? Boolean(reflected.call(other, this)) : false;
            }
            const otherLink = other[exports.LINK];
            const a = link.list.target.deref();
            const b = otherLink?.list.target.deref();
            if (a === undefined || b === undefined)
                return this === other;
            const eq = a.__eq__;
            if (typeof eq === 'function')
                return Boolean(eq.call(a, b));
            return a === b;
        },
        writable: true,
        configurable: true,
    },
    __ne__: {
        value: function __ne__(other) {
            linkOf(this, '__ne__');
            return !this.__eq__(other);
        },
        writable: true,
        configurable: true,
    },
    __hash__: {
        value: function __hash__() {
            const link = linkOf(this, '__hash__');
            if (link.hash !== undefined)
                return link.hash;
            const o = link.list.target.deref();
            if (o === undefined)
                throw new TypeError(messages_1.messages.goneAway);
            const h = o.__hash__;
            link.hash = typeof h === 'function' ? h.call(o) : (0, ids_1.idOf)(o);
            return link.hash;
        },
        writable: true,
        configurable: true,
    },
    toString: {
        value: function toString() {
            const link = linkOf(this, '__repr__');
            const o = link.list.target.deref();
            if (o === undefined)
                return `<weakref at ${(0, ids_1.hexId)(this)}; dead>`;
            return `<weakref at ${(0, ids_1.hexId)(this)}; to '${(0, ids_1.className)(o)}' at ${(0, ids_1.hexId)(o)}>`;
        },
        writable: true,
        configurable: true,
    },
    [Symbol.toPrimitive]: {
        // Python: weakrefs cannot be ordered (`<` raises TypeError) nor converted to numbers. JavaScript's
        // `<`, `+r` and `Number(r)` ask for a number primitive: refuse it; strings still work.
        value: function toPrimitive(hint) {
            linkOf(this, '__repr__');
            if (hint === 'number') {
                throw new TypeError(messages_1.messages.unorderable('weakref.ReferenceType'));
            }
            return this.toString();
        },
        writable: true,
        configurable: true,
    },
    [inspectCustom]: {
        value: function inspect() {
            linkOf(this, '__repr__');
            return this.toString();
        },
        writable: true,
        configurable: true,
    },
});
/**
 * `ref(obj, callback?)`: a weak reference to `obj`. Call it (`r()`) to get the referent while it
 * lives, `undefined` after. Without a callback, `ref(o) === ref(o)` while that reference lives.
 * When `obj` is collected, `callback(r)` runs once (newest reference first), unless `r` itself was
 * collected first. Works with and without `new`, and can be subclassed.
 *
 * @param obj - any object, function or non-registered symbol.
 * @param callback - called with the reference object when `obj` dies; `undefined`/`null` for none.
 * @returns the reference object, a function: `typeof r === 'function'`, `r instanceof ref`.
 * @throws TypeError `cannot create weak reference to 'number' object` for primitives, and
 *   `callback must be callable or undefined, not 'number'` for a callback that is not a function.
 * @example
 * ```ts
 * class A {}
 * let a: A | undefined = new A();
 * const r = ref(a, (wr) => console.log('collected', wr));
 * r() === a;               // true
 * a = undefined;
 * await gc.collect();      // logs 'collected <weakref at 0x..; dead>'
 * r();                     // undefined
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.ref
 */
exports.ref = refImpl;
/**
 * Python's `weakref.ReferenceType`: the same object as {@link ref} (and, as a type, the same as
 * `ref<T>`).
 *
 * @example
 * ```ts
 * r instanceof ReferenceType;   // Python: isinstance(r, weakref.ReferenceType)
 * ReferenceType === ref;        // true
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.ReferenceType
 */
exports.ReferenceType = refImpl;
