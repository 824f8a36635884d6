/**
 * The list of exit functions behind the public `atexit` (CONTRACT §14) and the one process listener
 * that runs it. `finalize` puts its exit hook in the same list (CPython's `weakref.finalize` calls
 * `atexit.register(finalize._exitfunc)` when the first finalizer is created), so the two interleave
 * as in CPython: last registered, first run.
 *
 * Semantics are CPython 3.14's Modules/atexitmodule.c:
 * - a run calls a snapshot of the list, newest first; an exception is reported through
 *   `sys.unraisablehook` with `err_msg` `Exception ignored in atexit callback <repr>` and the rest
 *   still run; after the run the whole list is emptied, so a function registered by an exit function
 *   never runs, and one unregistered by an exit function still runs if it was in the snapshot;
 * - `unregister` removes every entry equal to `func` (see {@link pyEquals}), robust against an
 *   `__eq__` that registers, unregisters or clears meanwhile (gh-112127, gh-142881).
 *
 * Registered lazily: nothing listens to the process before the first registration, so importing the
 * library has no side effect (package.json says `sideEffects: false`).
 *
 * Where it fires: Node's `'exit'` event, which runs synchronously when the event loop drains, on
 * `process.exit()`, and after an uncaught exception or unhandled rejection. It does not fire when a
 * signal kills the process or on `process.abort()`. Outside Node (browsers, Deno without the Node
 * globals) there is no such event: registering still works, and nothing runs at exit.
 *
 * `process` is read from `globalThis` and never imported, so bundlers for browsers see no Node module.
 */
import { reportUnraisable } from './unraisable';
import { shortRepr } from './ids';
import { setFinalizing } from './finalizing';

interface NodeProcessLike {
  on?: (event: string, listener: (...args: unknown[]) => void) => unknown;
  stderr?: { write?: (text: string) => unknown };
}

function nodeProcess(): NodeProcessLike | undefined {
  const proc = (globalThis as { process?: NodeProcessLike }).process;
  return proc !== null && typeof proc === 'object' ? proc : undefined;
}

/** One registration: CPython's `(func, args, kwargs)` tuple. */
interface ExitEntry {
  // Strong, as in CPython: a registered function and its arguments live until they have run, or the
  // entry is unregistered or cleared (then nothing of ours holds them).
  readonly func: (...args: unknown[]) => unknown;
  readonly args: unknown[];
  /**
   * Set just before the call. A run that starts while another is in progress (an exit function that
   * calls `_run_exitfuncs()`, or `process.exit()` from a function run by `_run_exitfuncs()`, which
   * emits `'exit'`) skips what was already called, so no registration runs twice.
   */
  called: boolean;
}

/** Oldest first; runs and comparisons go newest first (CPython 3.14 inserts at index 0). */
let entries: ExitEntry[] = [];
let listening = false;

/** Appends an exit function; the first call installs the library's one `'exit'` listener. */
export function registerExitFunction(func: (...args: unknown[]) => unknown, args: unknown[]): void {
  entries.push({ func, args, called: false });
  listen();
}

function listen(): void {
  if (listening) return;
  const proc = nodeProcess();
  if (proc === undefined || typeof proc.on !== 'function') return;
  proc.on('exit', atProcessExit);
  listening = true;
}

/** Python's `PyObject_RichCompareBool(a, b, Py_EQ)`: identity, else `a.__eq__(b)`, else `b.__eq__(a)`. */
function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const eq = a !== null && a !== undefined ? (a as { __eq__?: unknown }).__eq__ : undefined;
  if (typeof eq === 'function') return Boolean(eq.call(a, b));
  const reflected = b !== null && b !== undefined ? (b as { __eq__?: unknown }).__eq__ : undefined;
  if (typeof reflected === 'function') return Boolean(reflected.call(b, a));
  return false;
}

/**
 * Removes every entry whose function equals `func`. The entries are compared newest first, from a
 * snapshot, and an equal entry is then removed by identity wherever it now is: an `__eq__` may have
 * changed the list meanwhile. An `__eq__` that throws stops the removal and propagates, as in CPython.
 */
export function unregisterExitFunction(func: unknown): void {
  const snapshot = entries.slice();
  for (let i = snapshot.length - 1; i >= 0; i--) {
    const entry = snapshot[i];
    if (!entries.includes(entry)) continue; // removed meanwhile by a re-entrant __eq__
    if (!pyEquals(func, entry.func)) continue;
    const at = entries.indexOf(entry);
    if (at !== -1) entries.splice(at, 1);
  }
}

/** Forgets every exit function without calling it (CPython's `atexit._clear()`). */
export function clearExitFunctions(): void {
  entries = [];
}

/** The number of registered exit functions (CPython's `atexit._ncallbacks()`). */
export function exitFunctionCount(): number {
  return entries.length;
}

/** The repr of a function for the report; never throws. */
function label(func: unknown): string {
  try {
    return shortRepr(func);
  } catch {
    return '<unprintable function>';
  }
}

function report(err: unknown, func: unknown): void {
  try {
    reportUnraisable(err, undefined, `Exception ignored in atexit callback ${label(func)}`);
  } catch {
    // Only the default hook writing to a broken stderr gets here: the other functions must still run.
  }
}

/** Whether a value is a promise-like whose rejection must be reported rather than left unhandled. */
function thenOf(value: unknown): ((ok: undefined, fail: (err: unknown) => void) => unknown) | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  try {
    const then = (value as { then?: unknown }).then;
    return typeof then === 'function' ? (then.bind(value) as ReturnType<typeof thenOf>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls the registered functions newest first, from a snapshot, then empties the list (CPython's
 * `atexit_callfuncs`). `this` is undefined, as for a Python function called with positional arguments.
 */
export function runExitFunctions(): void {
  const snapshot = entries.slice();
  for (let i = snapshot.length - 1; i >= 0; i--) {
    const entry = snapshot[i];
    if (entry.called) continue;
    entry.called = true;
    try {
      const result = Reflect.apply(entry.func, undefined, entry.args);
      // An async function returns at its first await: its rejection would otherwise be an unhandled
      // rejection (which ends a Node process). At exit, the rest of its body never runs.
      const then = thenOf(result);
      if (then !== undefined) then(undefined, (err) => report(err, entry.func));
    } catch (err) {
      report(err, entry.func);
    }
  }
  entries = [];
}

/** The `'exit'` listener: the atexit functions, then `sys.is_finalizing()` turns true. */
function atProcessExit(): void {
  try {
    runExitFunctions();
  } finally {
    setFinalizing();
  }
}

/** Writes to stderr synchronously where Node offers it (files and pipes on POSIX), else console.error. */
export function writeStderr(text: string): void {
  const write = nodeProcess()?.stderr?.write;
  if (typeof write === 'function') write.call(nodeProcess()!.stderr, text);
  else console.error(text.replace(/\n$/, ''));
}

/** The stack of an Error, or its string form; never throws. */
export function describeError(err: unknown): string {
  try {
    if (err instanceof Error && typeof err.stack === 'string' && err.stack !== '') return err.stack;
    return String(err);
  } catch {
    return '<unprintable exception>';
  }
}

/** @internal For the specs that port CPython's `_test_atexit.py` in the test process: set the list aside. */
export function takeExitFunctions(): unknown {
  const saved = entries;
  entries = [];
  return saved;
}

/** @internal Puts back what {@link takeExitFunctions} set aside (after what was registered meanwhile). */
export function restoreExitFunctions(saved: unknown): void {
  entries = [...(saved as ExitEntry[]), ...entries];
}
