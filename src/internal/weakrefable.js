"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.symbolsAreWeakrefable = void 0;
exports.isWeakrefable = isWeakrefable;
exports.typeName = typeName;
exports.checkWeakrefable = checkWeakrefable;
/**
 * What may be held weakly, and the TypeError CPython raises for everything else.
 */
const natives_1 = require("./natives");
const messages_1 = require("./messages");
/** Whether this engine accepts non-registered symbols as weak targets (ES2023). */
exports.symbolsAreWeakrefable = (() => {
    try {
        new natives_1.NativeWeakRef(Symbol());
        return true;
    }
    catch {
        return false;
    }
})();
/** True for the values that a `WeakRef` (and so every API of this library) may target. */
function isWeakrefable(value) {
    const t = typeof value;
    if (t === 'object')
        return value !== null;
    if (t === 'function')
        return true;
    if (t === 'symbol')
        return exports.symbolsAreWeakrefable && Symbol.keyFor(value) === undefined;
    return false;
}
/** The JavaScript type name used in messages: `typeof`, except `null` for null. */
function typeName(value) {
    return value === null ? 'null' : typeof value;
}
/** Throws CPython's `cannot create weak reference to '<type>' object` unless `value` is weakrefable. */
function checkWeakrefable(value) {
    if (!isWeakrefable(value))
        throw new TypeError(messages_1.messages.cannotWeakref(typeName(value)));
}
