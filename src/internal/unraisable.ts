/**
 * Routing of errors that nobody can catch (callbacks, finalizers) to `sys.unraisablehook`.
 */
import { sys, type UnraisableHookArgs } from '../sys';

/**
 * Calls the current hook with CPython 3.13's argument shape; the hook's own errors go to the default.
 * `errMsg` is CPython's `PyErr_FormatUnraisable` message (the atexit functions pass
 * `Exception ignored in atexit callback <repr>` with `object` undefined, as CPython 3.14 does).
 */
export function reportUnraisable(err: unknown, object: unknown, errMsg?: string): void {
  const args: UnraisableHookArgs = {
    exc_type: err !== null && (typeof err === 'object' || typeof err === 'function')
      ? (err as { constructor?: unknown }).constructor
      : typeof err,
    exc_value: err,
    exc_traceback: err instanceof Error ? err.stack : undefined,
    err_msg: errMsg,
    object,
  };
  const hook = sys.unraisablehook;
  try {
    if (typeof hook === 'function') {
      hook(args);
      return;
    }
  } catch (hookErr) {
    // CPython: "Exception ignored in sys.unraisablehook"; then the original error is still shown.
    sys.__unraisablehook__({ ...args, err_msg: 'Exception ignored in sys.unraisablehook', exc_value: hookErr,
      exc_type: (hookErr as { constructor?: unknown })?.constructor, exc_traceback: (hookErr as Error)?.stack,
      object: hook });
  }
  sys.__unraisablehook__(args);
}
