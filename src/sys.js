"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sys = void 0;
/**
 * A small stand-in for Python's `sys` module: the unraisable hook, where errors from weakref
 * callbacks and finalizers go (CONTRACT §9).
 */
const ids_1 = require("./internal/ids");
function writeStderr(text) {
    const proc = globalThis.process;
    if (proc?.stderr && typeof proc.stderr.write === 'function')
        proc.stderr.write(text);
    else
        console.error(text.replace(/\n$/, ''));
}
/** Python's default hook: `Exception ignored in: <repr of the callback>`, then the stack, on stderr. */
function defaultUnraisableHook(args) {
    const head = args.err_msg !== undefined
        ? `${args.err_msg}: ${(0, ids_1.shortRepr)(args.object)}`
        : `Exception ignored in: ${(0, ids_1.shortRepr)(args.object)}`;
    let body;
    const v = args.exc_value;
    if (typeof args.exc_traceback === 'string' && args.exc_traceback !== '')
        body = args.exc_traceback;
    else {
        try {
            body = `${String(v)}`;
        }
        catch {
            body = '<unprintable exception>';
        }
    }
    writeStderr(`${head}\n${body}\n`);
}
/**
 * Python's `sys`, reduced to what weakref code leans on. Assign `sys.unraisablehook = fn` to capture
 * errors from callbacks (in tests, for example) and `sys.unraisablehook = sys.__unraisablehook__` to
 * restore the default.
 *
 * @example
 * ```ts
 * const seen: unknown[] = [];
 * sys.unraisablehook = (args) => seen.push(args.exc_value);
 * // ... drop a referent whose callback throws, await gc.collect() ...
 * sys.unraisablehook = sys.__unraisablehook__;
 * ```
 * @see https://docs.python.org/3/library/sys.html#sys.unraisablehook
 */
exports.sys = {
    unraisablehook: defaultUnraisableHook,
    __unraisablehook__: defaultUnraisableHook,
};
Object.defineProperty(exports.sys, '__unraisablehook__', { writable: false, configurable: false });
