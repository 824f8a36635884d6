/**
 * A small stand-in for Python's `sys` module: the unraisable hook, where errors from weakref
 * callbacks and finalizers go (CONTRACT §9), and `is_finalizing()` (CONTRACT §14).
 */
import { shortRepr } from './internal/ids';
import { isFinalizing } from './internal/finalizing';
import * as messages from './internal/messages';

/**
 * The argument of {@link sys.unraisablehook}, Python's `UnraisableHookArgs`: what failed, and where.
 *
 * @example
 * ```ts
 * sys.unraisablehook = (args: UnraisableHookArgs) => {
 *   console.error(`callback ${String(args.object)} threw`, args.exc_value);
 * };
 * ```
 * @see https://docs.python.org/3/library/sys.html#sys.unraisablehook
 */
export interface UnraisableHookArgs {
  /** The constructor of the thrown value (Python's exception type). */
  exc_type: unknown;
  /** The thrown value. */
  exc_value: unknown;
  /** The stack, when the thrown value is an Error. */
  exc_traceback: string | undefined;
  /** A message to print instead of `Exception ignored in`, or `undefined` (CPython 3.13's form). */
  err_msg: string | undefined;
  /**
   * The callback or finalizer that threw; `undefined` for an atexit function, which `err_msg` names
   * (CPython 3.14).
   */
  object: unknown;
}

/**
 * The type of {@link sys.unraisablehook}: a function that receives every exception thrown by a weakref
 * callback or finalizer during a collection. Its return value is ignored. If it throws, the default
 * hook reports that error (`Exception ignored in sys.unraisablehook`) and then the original one, as
 * CPython does.
 *
 * @example
 * ```ts
 * const collect: UnraisableHook = (args) => errors.push(args.exc_value);
 * sys.unraisablehook = collect;
 * ```
 * @see https://docs.python.org/3/library/sys.html#sys.unraisablehook
 */
export type UnraisableHook = (args: UnraisableHookArgs) => void;

function writeStderr(text: string): void {
  const proc = (globalThis as { process?: { stderr?: { write(s: string): unknown } } }).process;
  if (proc?.stderr && typeof proc.stderr.write === 'function') proc.stderr.write(text);
  else console.error(text.replace(/\n$/, ''));
}

/**
 * Python's default hook: `Exception ignored in: <repr of the callback>`, then the stack, on stderr.
 * With an `err_msg` and no `object` (CPython's `PyErr_FormatUnraisable`, used by the atexit functions),
 * the header is `<err_msg>:`.
 */
function defaultUnraisableHook(args: UnraisableHookArgs): void {
  let head: string;
  if (args.err_msg === undefined) head = `Exception ignored in: ${shortRepr(args.object)}`;
  else if (args.object === undefined) head = `${args.err_msg}:`;
  else head = `${args.err_msg}: ${shortRepr(args.object)}`;
  let body: string;
  const v = args.exc_value;
  if (typeof args.exc_traceback === 'string' && args.exc_traceback !== '') body = args.exc_traceback;
  else {
    try {
      body = `${String(v)}`;
    } catch {
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
export const sys: {
  /**
   * Called with an {@link UnraisableHookArgs} for every exception thrown by a weakref callback or a
   * finalizer while it runs because of a collection; the remaining callbacks still run. Assignable.
   *
   * @see https://docs.python.org/3/library/sys.html#sys.unraisablehook
   */
  unraisablehook: UnraisableHook;
  /**
   * The default hook, read-only: writes `Exception ignored in: <repr of the callback>` and the stack
   * to stderr (`console.error` where there is no stderr). Assign it back to restore the default.
   *
   * @see https://docs.python.org/3/library/sys.html#sys.__unraisablehook__
   */
  readonly __unraisablehook__: UnraisableHook;
  /**
   * Python's `sys.is_finalizing()`: whether the process is past its atexit functions. False while the
   * program runs and while the atexit functions (and with them `finalize`'s exit hook, so every
   * finalizer run at exit) run, as in CPython, which sets the flag only after them; true from then on,
   * which here means in Node `'exit'` listeners that the program added after its first
   * `atexit.register` or `finalize` (Node calls them in the order they were added), and in what they
   * call. Nothing of this library runs after the atexit functions: a finalizer called then does
   * nothing (CPython's `finalize._shutdown`). Always false where there is no exit event (browsers),
   * and in a process that never registered an exit function: nothing marks the end there.
   *
   * @returns whether the atexit functions have run as the process exits.
   * @throws TypeError `sys.is_finalizing() takes no arguments (n given)`.
   * @example
   * ```ts
   * // Python (blinker): if sys.is_finalizing(): return
   * function cleanup(): void {
   *   if (sys.is_finalizing()) return;
   *   receivers.clear();
   * }
   * ```
   * @see https://docs.python.org/3/library/sys.html#sys.is_finalizing
   */
  is_finalizing(): boolean;
} = {
  unraisablehook: defaultUnraisableHook,
  __unraisablehook__: defaultUnraisableHook,
  is_finalizing(): boolean {
    if (arguments.length !== 0) throw new TypeError(messages.noArguments('sys.is_finalizing', arguments.length));
    return isFinalizing();
  },
};
Object.defineProperty(sys, '__unraisablehook__', { writable: false, configurable: false });
