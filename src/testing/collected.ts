/**
 * `isCollected`, `assertCollected`, `assertNotCollected`: Python's
 * `del o; gc.collect(); assert r() is None` as one awaited call, with a message that says what the
 * library knows when the object survived.
 */
import { gc } from '../index';
import { collectRounds } from '../gc';
import { libraryRetentionReasons } from '../internal/retention';
import { LifetimeAssertionError } from './assertion-error';
import { testingMessages } from './messages';
import { watchOf, type Watch, type Watchable } from './watch';
import { installCoreProbes } from './core-probes';
import { explainWatch, retainerLines, type RetainerOptions, type RetainerPath } from './retainers';

installCoreProbes();

/**
 * Collects, then reads the verdict. The Watch holds nothing strongly (see watch.ts).
 *
 * An object that is gone costs what `gc.collect()` costs: one full collection when no callback ran.
 * An object that is still there gets one more `gc.collect()` before the verdict, so a check that
 * fails has retried before it says so.
 */
export async function collectAndCheck(watch: Watch): Promise<boolean> {
  await collectRounds();
  if (!watch.isDead()) await collectRounds();
  return watch.isDead();
}

/** What a failure says about an object that survived: the message, and the same facts structured. */
export interface NotCollectedReport {
  readonly text: string;
  readonly reasons: string[];
  readonly retainers: readonly RetainerPath[];
}

/** What the library's own tables hold of the object. Synchronous: the object is read and dropped here. */
function libraryReasons(watch: Watch): string[] {
  const target = watch.target();
  return target === undefined ? [] : libraryRetentionReasons(target);
}

/**
 * The report for an object that survived `gc.collect()`: the expectation, what holds it (a heap
 * snapshot, unless switched off or over budget), then what the library's retention probes know.
 * `undefined` when the object turns out to be gone after all: the snapshot's own full collection
 * took it, and `gc.collect()` has then delivered its callbacks (a retry before failing).
 */
export async function notCollectedReport(
  watch: Watch,
  options: RetainerOptions = {},
): Promise<NotCollectedReport | undefined> {
  const reasons = libraryReasons(watch);
  const explanation = await explainWatch(watch, options);
  if (explanation.status === 'collected') {
    await gc.collect();
    if (watch.isDead()) return undefined;
  }
  const paths = explanation.status === 'explained' ? explanation.paths : [];
  const lines = retainerLines(explanation);
  let text = testingMessages.notCollected(watch.describe()) + (lines === '' ? '' : `\n${lines}`);
  if (reasons.length > 0) {
    text += `\n${testingMessages.reasonsHeader}\n${reasons.map((r) => `  - ${r}`).join('\n')}`;
    if (paths.length === 0) text += `\n${testingMessages.reasonsFooter}`;
  } else if (paths.length === 0) {
    text += `\n${testingMessages.noReasons}`;
  }
  return { text, reasons, retainers: paths };
}

/** The message for an object that was collected against expectation. */
export function collectedMessage(watch: Watch): string {
  return testingMessages.collected(watch.describe());
}

/** The second argument of the assertions: a message, or options with one. */
export function assertionOptions(messageOrOptions: string | RetainerOptions | undefined): RetainerOptions {
  return typeof messageOrOptions === 'string' ? { message: messageOrOptions } : (messageOrOptions ?? {});
}

function prefixed(message: string | undefined, text: string): string {
  return message === undefined || message === '' ? text : `${message}: ${text}`;
}

/**
 * Runs `gc.collect()` and tells whether the watched object is gone.
 *
 * @param subject - a reference (`ref(o)`, a `KeyedRef`, a `WeakMethod`), a weak proxy, or a factory
 *   that makes and returns the object (possibly async); not the object itself, which the argument would
 *   keep alive.
 * @returns `true` when the object was collected.
 * @throws TypeError (rejects) for any other `subject`; the error of `gc.collect()` where the engine
 *   cannot force a collection.
 * @example
 * ```ts
 * let o: object | undefined = {};
 * const r = ref(o);
 * o = undefined;                    // Python: del o
 * await isCollected(r);             // true
 * ```
 * @see https://docs.python.org/3/library/gc.html#gc.collect
 */
export async function isCollected(subject: Watchable): Promise<boolean> {
  return collectAndCheck(await watchOf(subject, 'isCollected()'));
}

/**
 * Asserts that the watched object is collected by `gc.collect()`: Python's
 * `del o; gc.collect(); assert r() is None`.
 *
 * When the object is still reachable, the failure says what holds it: the shortest path from a GC
 * root, from a heap snapshot of this process (Node only; see {@link RetainerOptions} for the switch and
 * the budget), printed from the last holder the program owns, e.g.
 * `module 'spec/cache.spec.ts' variable 'cache' → Map → value of key "a" → Page`. A passing assertion
 * takes no snapshot.
 *
 * @param subject - a reference, a weak proxy, or a factory (see {@link isCollected}).
 * @param messageOrOptions - prefixed to the failure message, as in `assert` and chai; or options
 *   (`{ message, retainers, maxHeapBytes, maxPaths }`).
 * @returns a promise that resolves once the object is known to be collected.
 * @throws {@link LifetimeAssertionError} (rejects) when the object is still reachable; the message
 *   names it and what holds it (`err.retainers`, structured), and what pyweakref itself knows (a
 *   finalizer's args, a callback, ...; `err.reasons`).
 * @example
 * ```ts
 * let o: C | undefined = new C();
 * const r = ref(o);
 * o = undefined;
 * await assertCollected(r);
 * await assertCollected(() => new C());          // a factory: nothing else holds it
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.ref
 */
export async function assertCollected(subject: Watchable, messageOrOptions?: string | RetainerOptions): Promise<void> {
  const options = assertionOptions(messageOrOptions);
  const watch = await watchOf(subject, 'assertCollected()');
  if (await collectAndCheck(watch)) return;
  const report = await notCollectedReport(watch, options);
  if (report === undefined) return;
  throw new LifetimeAssertionError(prefixed(options.message, report.text), report.reasons, report.retainers);
}

/**
 * Asserts that the watched object survives `gc.collect()`: something the test expects to hold it
 * (a cache, a container, a finalizer) does.
 *
 * @param subject - a reference, a weak proxy, or a factory (see {@link isCollected}); a factory's
 *   object survives only if the factory stored it somewhere.
 * @param message - prefixed to the failure message.
 * @returns a promise that resolves once the object is known to be alive after a collection.
 * @throws {@link LifetimeAssertionError} (rejects) when the object was collected.
 * @example
 * ```ts
 * const cache = new Map<string, object>();
 * await assertNotCollected(() => {
 *   const o = {};
 *   cache.set('k', o);
 *   return o;
 * });
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.ref
 */
export async function assertNotCollected(subject: Watchable, message?: string): Promise<void> {
  const watch = await watchOf(subject, 'assertNotCollected()');
  if (!(await collectAndCheck(watch))) return;
  throw new LifetimeAssertionError(prefixed(message, collectedMessage(watch)));
}
