"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.reportUnraisable = reportUnraisable;
/**
 * Routing of errors that nobody can catch (callbacks, finalizers) to `sys.unraisablehook`.
 */
const sys_1 = require("../sys");
/** Calls the current hook with CPython 3.13's argument shape; the hook's own errors go to the default. */
function reportUnraisable(err, object) {
    const args = {
        exc_type: err !== null && (typeof err === 'object' || typeof err === 'function')
            ? err.constructor
            : typeof err,
        exc_value: err,
        exc_traceback: err instanceof Error ? err.stack : undefined,
        err_msg: undefined,
        object,
    };
    const hook = sys_1.sys.unraisablehook;
    try {
        if (typeof hook === 'function') {
            hook(args);
            return;
        }
    }
    catch (hookErr) {
        // CPython: "Exception ignored in sys.unraisablehook"; then the original error is still shown.
        sys_1.sys.__unraisablehook__({ ...args, err_msg: 'Exception ignored in sys.unraisablehook', exc_value: hookErr,
            exc_type: hookErr?.constructor, exc_traceback: hookErr?.stack,
            object: hook });
    }
    sys_1.sys.__unraisablehook__(args);
}
