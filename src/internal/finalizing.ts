/**
 * The state behind `sys.is_finalizing()` (CONTRACT §14), in a module of its own that imports nothing:
 * sys.ts reads it and internal/atexit.ts sets it, and internal/atexit.ts reaches sys.ts through the
 * unraisable hook, so keeping the flag in either of them would make an import cycle.
 *
 * CPython sets the flag in `Py_FinalizeEx` right after the atexit functions (and with them
 * `weakref.finalize`'s exit hook) have run. Here that moment is the end of the library's `'exit'`
 * listener; nothing else sets it, and nothing clears it (a process does not come back from exit).
 */

let finalizing = false;

/** Whether the library's atexit functions have run as the process exits. */
export function isFinalizing(): boolean {
  return finalizing;
}

/** Called once, when the atexit functions are done at process exit. */
export function setFinalizing(): void {
  finalizing = true;
}
