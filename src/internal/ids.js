"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.idOf = idOf;
exports.hexId = hexId;
exports.className = className;
exports.shortRepr = shortRepr;
/**
 * Stable per-object ids, the stand-in for CPython's `id()` in reprs (`<weakref at 0x1f; ...>`).
 *
 * The table is a WeakMap: an id never keeps its object alive, and the id of an object stays the same
 * for the whole life of the process. Ids are small counters, never addresses.
 */
const natives_1 = require("./natives");
const ids = new natives_1.NativeWeakMap();
let next = 0x10;
/** The object's id as a number (also the identity hash of `ref.__hash__`). */
function idOf(value) {
    let id = ids.get(value);
    if (id === undefined) {
        id = next++;
        ids.set(value, id);
    }
    return id;
}
/** The object's id in Python's `0x..` form. */
function hexId(value) {
    return '0x' + idOf(value).toString(16);
}
/** Python's `type(o).__name__` for a JavaScript value: the constructor name, else the typeof. */
function className(value) {
    // `typeof null` is 'object'; messages name it 'null', as typeName() does (CONTRACT §1).
    if (value === null)
        return 'null';
    if (typeof value === 'function') {
        // A class or a plain function: Python would say 'type' or 'function'; the JS constructor is Function.
        return 'Function';
    }
    if (typeof value === 'object' && value !== null) {
        try {
            const proto = Object.getPrototypeOf(value);
            if (proto === null)
                return 'Object';
            const ctor = proto.constructor;
            if (typeof ctor === 'function' && typeof ctor.name === 'string' && ctor.name !== '')
                return ctor.name;
        }
        catch {
            // A hostile getter or a revoked Proxy: the repr must never throw.
        }
        return 'Object';
    }
    return typeof value;
}
/** A short repr of an arbitrary value for messages and the unraisable hook; never throws. */
function shortRepr(value) {
    try {
        if (typeof value === 'function') {
            const own = Object.prototype.hasOwnProperty.call(value, 'toString');
            const proto = Object.getPrototypeOf(value);
            if (!own && proto !== Function.prototype && proto !== null && typeof proto.toString === 'function' &&
                proto.toString !== Function.prototype.toString) {
                return String(value);
            }
            const name = value.name;
            return `<function ${typeof name === 'string' && name !== '' ? name : '<anonymous>'} at ${hexId(value)}>`;
        }
        if (typeof value === 'object' && value !== null) {
            const s = value.toString;
            if (typeof s === 'function' && s !== Object.prototype.toString)
                return String(value);
            return `<${className(value)} object at ${hexId(value)}>`;
        }
        if (typeof value === 'string')
            return JSON.stringify(value);
        if (typeof value === 'symbol')
            return value.toString();
        return String(value);
    }
    catch {
        return '<unprintable object>';
    }
}
