"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.argCountError = argCountError;
exports.checkArgCount = checkArgCount;
/**
 * Argument-count errors of the weak dictionaries' methods, with CPython's wording (`get expected at
 * least 1 argument, got 0`, `keys() takes no arguments (1 given)`).
 *
 * Python checks the arity of every call; JavaScript silently drops extra arguments and pads missing
 * ones with `undefined`. For the dictionaries that difference matters: `d.pop(k, undefined)` must
 * return `undefined` where `d.pop(k)` throws, and `d.get()` must not quietly look up the key
 * `undefined`. The methods test `arguments.length` inline (cheap in optimised code) and call these
 * only to build the error, so the hot paths carry no extra call.
 */
const messages_1 = require("./messages");
/** The TypeError for a call of `name` with `got` arguments where `min`..`max` are accepted. */
function argCountError(name, min, max, got) {
    if (max === 0)
        return new TypeError(messages_1.messages.dictNoArgs(name, got));
    return new TypeError(messages_1.messages.dictArgs(name, min, max, got));
}
/** Throws {@link argCountError} unless `min <= got <= max`. */
function checkArgCount(name, got, min, max) {
    if (got < min || got > max)
        throw argCountError(name, min, max, got);
}
