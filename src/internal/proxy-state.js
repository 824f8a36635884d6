"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.methodsOf = exports.linkOf = exports.ownerOf = exports.refOf = exports.isDummy = exports.stamp = exports.SymbolBoxRef = void 0;
exports.derefableFor = derefableFor;
const natives_1 = require("./natives");
/**
 * For a symbol referent: `Reflect.*` needs an object, so each deref boxes the symbol (`Object(sym)`).
 * Holds the symbol only through the shared native WeakRef.
 */
class SymbolBoxRef {
    target;
    constructor(target) {
        this.target = target;
    }
    deref() {
        const s = this.target.deref();
        return s === undefined ? undefined : Object(s);
    }
}
exports.SymbolBoxRef = SymbolBoxRef;
/** Returns its argument from the constructor, so that a derived class stamps fields onto it. */
class ReturnOverride {
    constructor(o) {
        return o;
    }
}
class ProxyState extends ReturnOverride {
    #ref;
    #owner;
    #link;
    #methods = undefined;
    constructor(dummy, ref, link) {
        super(dummy);
        this.#ref = ref;
        this.#owner = link.owner;
        this.#link = link;
    }
    /** Stamps `dummy` with the state of the proxy whose link is `link`. */
    static stamp(dummy, ref, link) {
        new ProxyState(dummy, ref, link);
    }
    /** Whether `x` is a dummy target of this library (a brand check: no property is read). */
    static isDummy(x) {
        return typeof x === 'object' || typeof x === 'function' ? x !== null && #ref in x : false;
    }
    static refOf(t) {
        return t.#ref;
    }
    /** The proxy itself (the link's owner). */
    static ownerOf(t) {
        return t.#owner;
    }
    static linkOf(t) {
        return t.#link;
    }
    /** The method-wrapper cache, created on first use. */
    static methodsOf(t) {
        const s = t;
        return (s.#methods ??= new natives_1.NativeWeakMap());
    }
}
exports.stamp = ProxyState.stamp, exports.isDummy = ProxyState.isDummy, exports.refOf = ProxyState.refOf, exports.ownerOf = ProxyState.ownerOf, exports.linkOf = ProxyState.linkOf, exports.methodsOf = ProxyState.methodsOf;
/** The ref a symbol referent's proxy derefs; see {@link SymbolBoxRef}. */
function derefableFor(referent, target) {
    return typeof referent === 'symbol' ? new SymbolBoxRef(target) : target;
}
