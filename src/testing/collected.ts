/**
 * `isCollected`, `assertCollected`, `assertNotCollected`: Python's
 * `del o; gc.collect(); assert r() is None` as one awaited call, with a message that says what the
 * library knows when the object survived.
 */
import { gc } from '../index';
import { explainRetention } from '../internal/retention';
import { LifetimeAssertionError } from './assertion-error';
import { testingMessages } from './messages';
import { watchOf, type Watch, type Watchable } from './watch';
import { installCoreProbes } from './core-probes';

installCoreProbes();

/** Collects, then reads the verdict. The Watch holds nothing strongly (see watch.ts). */
export async function collectAndCheck(watch: Watch): Promise<boolean> {
  await gc.collect();
  return watch.isDead();
}

/**
 * The message for an object that survived: the expectation, then what the retention probes know.
 * Synchronous, and called only while the object is alive: the probes see it and keep nothing.
 */
export function notCollectedMessage(watch: Watch): { text: string; reasons: string[] } {
  const target = watch.target();
  const reasons = target === undefined ? [] : explainRetention(target);
  let text = testingMessages.notCollected(watch.describe());
  if (reasons.length > 0) {
    text += `\n${testingMessages.reasonsHeader}\n${reasons.map((r) => `  - ${r}`).join('\n')}\n${testingMessages.reasonsFooter}`;
  } else {
    text += `\n${testingMessages.noReasons}`;
  }
  return { text, reasons };
}

/** The message for an object that was collected against expectation. */
export function collectedMessage(watch: Watch): string {
  return testingMessages.collected(watch.describe());
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
 * @param subject - a reference, a weak proxy, or a factory (see {@link isCollected}).
 * @param message - prefixed to the failure message, as in `assert` and chai.
 * @returns a promise that resolves once the object is known to be collected.
 * @throws {@link LifetimeAssertionError} (rejects) when the object is still reachable; the message
 *   names it and lists what pyweakref knows holds it (a finalizer's args, a callback, ...).
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
export async function assertCollected(subject: Watchable, message?: string): Promise<void> {
  const watch = await watchOf(subject, 'assertCollected()');
  if (await collectAndCheck(watch)) return;
  const { text, reasons } = notCollectedMessage(watch);
  throw new LifetimeAssertionError(prefixed(message, text), reasons);
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
