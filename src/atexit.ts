/**
 * A stand-in for Python's `atexit` module (CONTRACT §14): functions run at normal process exit, last
 * registered first. The list lives in internal/atexit.ts, which `finalize`'s exit hook joins.
 */
import {
  clearExitFunctions,
  exitFunctionCount,
  registerExitFunction,
  runExitFunctions,
  unregisterExitFunction,
} from './internal/atexit';
import * as messages from './internal/messages';

function register(func?: unknown, ...args: unknown[]): unknown {
  if (arguments.length === 0) throw new TypeError(messages.atexitRegisterNoArgs);
  if (typeof func !== 'function') throw new TypeError(messages.atexitNotCallable);
  // `args` is this call's own rest array: nothing the caller does to its arguments list changes it.
  registerExitFunction(func as (...a: unknown[]) => unknown, args);
  return func;
}

function unregister(func?: unknown): void {
  if (arguments.length !== 1) throw new TypeError(messages.atexitUnregisterArgs(arguments.length));
  unregisterExitFunction(func);
}

function _run_exitfuncs(): void {
  if (arguments.length !== 0) throw new TypeError(messages.noArguments('atexit._run_exitfuncs', arguments.length));
  runExitFunctions();
}

function _clear(): void {
  if (arguments.length !== 0) throw new TypeError(messages.noArguments('atexit._clear', arguments.length));
  clearExitFunctions();
}

function _ncallbacks(): number {
  if (arguments.length !== 0) throw new TypeError(messages.noArguments('atexit._ncallbacks', arguments.length));
  return exitFunctionCount();
}

/**
 * Python's `atexit`: functions to call when the process exits normally, last registered first.
 *
 * They run from Node's `'exit'` event: when the event loop has nothing left to do, on
 * `process.exit()`, and after an uncaught exception or unhandled rejection (as Python runs them after
 * an uncaught exception). Not when a signal ends the process (Python runs them after Ctrl-C, which
 * raises `KeyboardInterrupt`; in Node add `process.on('SIGINT', () => process.exit(130))`), nor on
 * `process.abort()` or a fatal engine error. They run synchronously: an `async` function runs up to
 * its first `await` only. An exception is reported through `sys.unraisablehook` with `err_msg`
 * `Exception ignored in atexit callback <repr>` (CPython 3.14), and the others still run; the exit
 * code does not change. `process.exit()` called by an exit function ends the process at once, and
 * the functions not yet run never run (Python reports `sys.exit()` there and goes on).
 *
 * The first `register` installs the library's one `'exit'` listener (importing the library installs
 * none). Where there is no `process.on` (browsers, Deno without its Node globals), registering works
 * and returns `func`, and nothing runs at exit: there is no exit event to run from.
 *
 * `finalize`'s exit hook is one of these functions, registered when the first finalizer is created,
 * as CPython's `weakref.finalize` does: an exit function registered after the first finalizer runs
 * before the live finalizers, one registered before runs after them.
 *
 * @example
 * ```ts
 * // Python: atexit.register(logging.shutdown)
 * atexit.register(() => logger.flush());
 * // Python: atexit.register(print, 'bye')
 * atexit.register(console.log, 'bye');
 * ```
 * @see https://docs.python.org/3/library/atexit.html
 */
export const atexit: {
  /**
   * Registers `func` to be called with `args` at normal process exit. A function registered several
   * times is called once per registration. Python's keyword arguments: pass an options object. Called
   * with `this` undefined; its return value is ignored. A function registered while the exit
   * functions are running is not called (CPython empties the list after the run).
   *
   * @typeParam F - the type of `func`: `args` must fit its parameters.
   * @param func - the function to call at exit (CPython: any callable).
   * @param args - the arguments to call it with.
   * @returns `func`, so that `const f = atexit.register(() => ...)` keeps the function, as Python's
   *   decorator form `@atexit.register` does.
   * @throws TypeError `the first argument must be callable` when `func` is not a function;
   *   `register() takes at least 1 argument (0 given)` without arguments.
   * @example
   * ```ts
   * const cleanup = atexit.register((dir: string) => fs.rmSync(dir, { recursive: true, force: true }), tmp);
   * // Python: @atexit.register
   * //         def goodbye(): print('bye')
   * const goodbye = atexit.register(() => console.log('bye'));
   * ```
   * @see https://docs.python.org/3/library/atexit.html#atexit.register
   */
  register<F extends (...args: any[]) => unknown>(func: F, ...args: Parameters<F>): F;
  /**
   * Removes every registration of `func`; does nothing if it was not registered. Registrations are
   * matched as Python's `==` matches them: the same function, or one whose `__eq__` says so (a
   * `MethodType` bound method equals another one of the same function and object), or whose `__eq__`
   * `func`'s does. An exit function that unregisters another one while the exit functions run does not
   * stop it (CPython 3.14 runs a snapshot).
   *
   * @param func - the function to forget (any value is accepted, as in Python).
   * @throws TypeError `atexit.unregister() takes exactly one argument (n given)`; whatever an `__eq__`
   *   throws.
   * @example
   * ```ts
   * const flush = atexit.register(() => cache.flush());
   * atexit.unregister(flush);   // it will not run at exit
   * ```
   * @see https://docs.python.org/3/library/atexit.html#atexit.unregister
   */
  unregister(func: unknown): void;
  /**
   * CPython's private helper: runs the registered functions now, newest first, as at exit (errors to
   * `sys.unraisablehook`), then forgets all of them. For tests; a program does not need it. A
   * function already running (or run) in a run in progress is not run again.
   *
   * @throws TypeError `atexit._run_exitfuncs() takes no arguments (n given)`.
   * @example
   * ```ts
   * atexit.register(console.log, 'now');
   * atexit._run_exitfuncs();   // prints 'now'; nothing is left to run at exit
   * ```
   */
  _run_exitfuncs(): void;
  /**
   * CPython's private helper: forgets every registered function without calling it, `finalize`'s exit
   * hook included (as in CPython, it is not registered again: live finalizers will then not run at
   * exit). For tests.
   *
   * @throws TypeError `atexit._clear() takes no arguments (n given)`.
   * @example
   * ```ts
   * atexit._clear();
   * atexit._ncallbacks();   // 0
   * ```
   */
  _clear(): void;
  /**
   * CPython's private helper: the number of registered functions (a function registered twice counts
   * twice; `finalize`'s exit hook counts once after the first finalizer is created). For tests.
   *
   * @returns the number of registrations that would run at exit.
   * @throws TypeError `atexit._ncallbacks() takes no arguments (n given)`.
   * @example
   * ```ts
   * const before = atexit._ncallbacks();
   * atexit.register(() => {});
   * atexit._ncallbacks() === before + 1;   // true
   * ```
   */
  _ncallbacks(): number;
} = {
  register: register as never,
  unregister,
  _run_exitfuncs,
  _clear,
  _ncallbacks,
};
