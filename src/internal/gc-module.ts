/**
 * The state and the functions of Python's `gc` module beyond `collect()` and the referrer queries
 * (CONTRACT §12): automatic delivery on and off, `gc.callbacks`, the statistics, the thresholds and
 * debug flags that are stored and returned, and the wrapper that `gc.collect()` runs around its
 * collection (gc.ts). The public types and their documentation are in ../gc-api.ts.
 *
 * What it holds: numbers, and two arrays that belong to the program (`gc.callbacks`, whose functions
 * live as long as the program keeps them there, as in CPython; `gc.garbage`, which nothing of the
 * library fills). No user object otherwise.
 */
import { getForceGc, gcUnavailableReason } from './force-gc';
import { registerSweeper, sweep } from './lifecycle';
import { clearHeld, heldCount, isEnabled, setEnabled } from './gc-state';
import { stampsTaken } from './weak-list';
import { reportUnraisable } from './unraisable';
import { shortRepr } from './ids';
import * as messages from './messages';
import { typeName } from './weakrefable';
import { argumentCount, collectGeneration, noArguments, objectsGeneration, oneArgument, toCInt } from './gc-args';
import type { GcCallback, GcCallbackInfo, GcStats } from '../gc-api';

/** Python's gc debug flags (the values of Modules/gcmodule.c). */
export const DEBUG_STATS = 1;
export const DEBUG_COLLECTABLE = 2;
export const DEBUG_UNCOLLECTABLE = 4;
export const DEBUG_SAVEALL = 32;
export const DEBUG_LEAK = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

/** `gc.callbacks`: the program's array, read by index at each call as CPython reads its list. */
export const callbacks: GcCallback[] = [];
/** `gc.garbage`: nothing is uncollectable on a tracing collector, so nothing of ours ever adds to it. */
export const garbage: unknown[] = [];

/** CPython's defaults as the reference python3 reports them; stored and returned, used by nothing. */
const thresholds: [number, number, number] = [700, 10, 10];
let debugFlags = 0;
/** Per generation: collections asked for with that generation, and what they cleared. */
const stats = [0, 1, 2].map(() => ({ collections: 0, collected: 0 }));
/** `get_count()[1]` and `[2]`: collections of the generation below since this one was collected. */
const olderCounts = [0, 0, 0];
/** `stampsTaken()` when generation 0 was last collected (or frozen): `get_count()[0]` counts from it. */
let stampBaseline = stampsTaken();
/** Depth of `gc.callbacks` calls in progress: a `gc.collect()` started by one runs no callbacks. */
let inCallbacks = 0;

// Every sweep delivers everything found dead, whatever was held back while gc was disabled.
registerSweeper(() => clearHeld());

function writeStderr(text: string): void {
  const proc = (globalThis as { process?: { stderr?: { write(s: string): unknown } } }).process;
  if (proc?.stderr && typeof proc.stderr.write === 'function') proc.stderr.write(text);
  else console.error(text.replace(/\n$/, ''));
}

/** A clock for DEBUG_STATS' "elapsed" (seconds). */
function now(): number {
  return typeof performance !== 'undefined' ? performance.now() / 1000 : Date.now() / 1000;
}

/**
 * Calls every function in `gc.callbacks` with `(phase, info)`, by index over the live array (one
 * added or removed meanwhile is seen or skipped, as in CPython). An exception, a non-function entry,
 * or the rejection of a returned promise goes to `sys.unraisablehook`, CPython 3.14's way:
 * `err_msg` `Exception ignored while calling GC callback <repr>`, `object` undefined.
 */
function invokeCallbacks(phase: 'start' | 'stop', info: GcCallbackInfo): void {
  if (callbacks.length === 0) return;
  inCallbacks++;
  try {
    for (let i = 0; i < callbacks.length; i++) {
      const cb: unknown = callbacks[i];
      const report = (err: unknown): void => reportUnraisable(err, undefined, messages.gcCallbackFailed(shortRepr(cb)));
      try {
        if (typeof cb !== 'function') throw new TypeError(messages.notCallable(typeName(cb)));
        const result: unknown = Reflect.apply(cb, undefined, [phase, info]);
        if (result instanceof Promise) result.then(undefined, report);
      } catch (err) {
        report(err);
      }
    }
  } finally {
    inCallbacks--;
  }
}

/** What {@link beginCollection} hands to {@link endCollection}. */
export interface Collection {
  readonly generation: 0 | 1 | 2;
  readonly started: number;
  readonly withCallbacks: boolean;
}

/**
 * Everything `gc.collect(generation)` does before it collects, synchronously, in CPython's order:
 * checks the argument and the engine, calls `gc.callbacks` with `'start'`, prints DEBUG_STATS' first
 * line, and updates the counts (collecting generation N adds one to N + 1's count and zeroes 0..N).
 */
export function beginCollection(args: readonly unknown[]): Collection {
  const generation = collectGeneration(args);
  // Before any callback: a collection that cannot happen must not announce itself.
  if (getForceGc() === undefined) throw new Error(messages.noGc(gcUnavailableReason()));
  // CPython runs no callbacks for a collection asked for while its callbacks run (it collects nothing
  // then); here it collects, and skips the callbacks, which would otherwise recurse without end.
  const withCallbacks = inCallbacks === 0;
  if (withCallbacks) invokeCallbacks('start', { generation, collected: 0, uncollectable: 0 });
  if (debugFlags & DEBUG_STATS) writeStderr(`gc: collecting generation ${generation}...\n`);
  if (generation < 2) olderCounts[generation + 1]++;
  for (let i = 1; i <= generation; i++) olderCounts[i] = 0;
  stampBaseline = stampsTaken();
  return { generation, started: now(), withCallbacks };
}

/** Everything `gc.collect()` does after its collection: the statistics, DEBUG_STATS, `'stop'`. */
export function endCollection(collection: Collection, collected: number): void {
  const { generation } = collection;
  stats[generation].collections++;
  stats[generation].collected += collected;
  if (debugFlags & DEBUG_STATS) {
    const elapsed = (now() - collection.started).toFixed(4);
    writeStderr(`gc: done, ${collected} unreachable, 0 uncollectable, ${elapsed}s elapsed\n`);
  }
  if (collection.withCallbacks) invokeCallbacks('stop', { generation, collected, uncollectable: 0 });
}

// The functions. Each takes a rest array only to give CPython's arity errors (TypeScript callers see
// the signatures of gc-api.ts).

function enable(...args: unknown[]): void {
  noArguments('gc.enable', args.length);
  setEnabled(true);
  // Deliver what the engine reported while disabled, now, in the sweep's order. No collection is
  // forced: what died and was not reported yet comes by itself, as it would have.
  if (heldCount() > 0) sweep();
}

function disable(...args: unknown[]): void {
  noArguments('gc.disable', args.length);
  setEnabled(false);
}

function isenabled(...args: unknown[]): boolean {
  noArguments('gc.isenabled', args.length);
  return isEnabled();
}

function get_threshold(...args: unknown[]): [number, number, number] {
  noArguments('gc.get_threshold', args.length);
  return [thresholds[0], thresholds[1], thresholds[2]];
}

function set_threshold(...args: unknown[]): void {
  argumentCount('set_threshold', 1, 3, args.length);
  // All converted before any is stored, as Argument Clinic does. An optional one passed as `undefined`
  // is "not given" (JavaScript's convention) and stays as it is; the first is required.
  const values = args.map((v, i) => (v === undefined && i > 0 ? undefined : toCInt(v)));
  values.forEach((v, i) => {
    if (v !== undefined) thresholds[i] = v;
  });
}

function get_count(...args: unknown[]): [number, number, number] {
  noArguments('gc.get_count', args.length);
  return [stampsTaken() - stampBaseline, olderCounts[1], olderCounts[2]];
}

function get_stats(...args: unknown[]): GcStats[] {
  noArguments('gc.get_stats', args.length);
  return stats.map((s) => ({ collections: s.collections, collected: s.collected, uncollectable: 0 }));
}

function freeze(...args: unknown[]): void {
  noArguments('gc.freeze', args.length);
  // Nothing is moved anywhere (see gc-api.ts); CPython also zeroes generation 0's count.
  stampBaseline = stampsTaken();
}

function unfreeze(...args: unknown[]): void {
  noArguments('gc.unfreeze', args.length);
}

function get_freeze_count(...args: unknown[]): number {
  noArguments('gc.get_freeze_count', args.length);
  return 0;
}

function is_tracked(...args: unknown[]): boolean {
  oneArgument('gc.is_tracked', args.length);
  const obj = args[0];
  return (typeof obj === 'object' && obj !== null) || typeof obj === 'function';
}

function is_finalized(...args: unknown[]): boolean {
  oneArgument('gc.is_finalized', args.length);
  // An object the program can still pass here has not been finalized: JavaScript never hands back an
  // object after its collection (there is no __del__ to resurrect it).
  return false;
}

// Not async: the checks throw into the promise through Promise.reject, the same channel as the refusal.
function get_objects(...args: unknown[]): Promise<unknown[]> {
  try {
    objectsGeneration(args);
  } catch (err) {
    return Promise.reject(err as Error);
  }
  return Promise.reject(new Error(messages.noGetObjects));
}

function set_debug(...args: unknown[]): void {
  oneArgument('gc.set_debug', args.length);
  debugFlags = toCInt(args[0]);
}

function get_debug(...args: unknown[]): number {
  noArguments('gc.get_debug', args.length);
  return debugFlags;
}

/** The members that gc.ts adds to its `gc` object (CONTRACT §12). */
export const gcMembers = {
  enable,
  disable,
  isenabled,
  get_threshold,
  set_threshold,
  get_count,
  get_stats,
  freeze,
  unfreeze,
  get_freeze_count,
  is_tracked,
  is_finalized,
  get_objects,
  set_debug,
  get_debug,
};

/**
 * Adds the read-only members to `gc`: `callbacks` and `garbage` (the arrays themselves are the
 * program's to change; the properties cannot be rebound, which in Python silently disconnects the
 * list from the collector) and the DEBUG_* constants.
 */
export function defineConstantMembers(gc: object): void {
  const constant = (value: unknown): PropertyDescriptor => ({
    value,
    enumerable: true,
    writable: false,
    configurable: false,
  });
  Object.defineProperties(gc, {
    callbacks: constant(callbacks),
    garbage: constant(garbage),
    DEBUG_STATS: constant(DEBUG_STATS),
    DEBUG_COLLECTABLE: constant(DEBUG_COLLECTABLE),
    DEBUG_UNCOLLECTABLE: constant(DEBUG_UNCOLLECTABLE),
    DEBUG_SAVEALL: constant(DEBUG_SAVEALL),
    DEBUG_LEAK: constant(DEBUG_LEAK),
  });
}
