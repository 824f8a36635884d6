/**
 * `expect(subject).toBeCollected()` for the runners whose `expect` is Jest's `expect` or a copy of it
 * (Jest, Vitest, bun:test): one matcher, registered by `pyweakref/jest`, `pyweakref/vitest` and
 * `pyweakref/bun` through that runner's `expect.extend()` (CONTRACT §15).
 *
 * The three runners call a matcher the same way: `this` is the matcher context (`this.isNot` is true
 * under `.not`), the subject is the first argument, and an asynchronous matcher returns a promise of
 * `{ pass, message }`; the runner fails the test when `pass` is what the assertion (or its `.not`) did
 * not expect, with `message()` as the failure message. The messages are those of `assertCollected` and
 * `assertNotCollected`, retainer path included: the same `notCollectedReport` builds them.
 *
 * Nothing here imports a runner: the entry modules hand their runner's `expect` to
 * {@link registerMatchers}.
 */
import { collectAndCheck, collectedMessage, notCollectedReport } from './collected';
import { testingMessages } from './messages';
import { watchOf, type Watch } from './watch';

/** The part of a runner's matcher context (`this` inside a matcher) that the matcher reads. */
export interface MatcherContextLike {
  /** True under `.not`. */
  readonly isNot?: boolean;
}

/** What a matcher returns to Jest, Vitest and bun:test. */
export interface MatcherResultLike {
  readonly pass: boolean;
  readonly message: () => string;
}

/** The part of a runner's `expect` that registration uses. */
export interface ExtendableExpect {
  extend(matchers: Record<string, (this: any, received: any, ...rest: any[]) => unknown>): void;
}

const WHAT = 'expect(subject).toBeCollected()';

/**
 * The matcher. Not async: `received` (a factory, and whatever it closes over, such as the test's
 * cache) is handed to `watchOf` at once, so no suspended frame of the matcher holds it while the check
 * runs; an async matcher's parameter would be a retainer of the object the check is about, and the
 * first step of the retainer path a failure prints.
 */
function toBeCollected(this: MatcherContextLike | undefined, received: unknown): Promise<MatcherResultLike> {
  const negated = this?.isNot === true;
  let watching: Watch | Promise<Watch>;
  try {
    watching = watchOf(received, WHAT);
  } catch (e) {
    return Promise.reject(e as Error);
  }
  return verdict(watching, negated);
}

/**
 * Collects and judges. Under `.not` an object that survives passes without the heap snapshot that
 * explains a survivor: only a failure pays for it, as with the assertion functions.
 */
async function verdict(watching: Watch | Promise<Watch>, negated: boolean): Promise<MatcherResultLike> {
  const watch = await watching;
  if (await collectAndCheck(watch)) return { pass: true, message: () => collectedMessage(watch) };
  if (negated) {
    // Not a failure: the runner never shows this message.
    const text = testingMessages.notCollected(watch.describe());
    return { pass: false, message: () => text };
  }
  const report = await notCollectedReport(watch);
  // The explanation's own full collection took it after all (notCollectedReport delivered its callbacks).
  if (report === undefined) return { pass: true, message: () => collectedMessage(watch) };
  return { pass: false, message: () => report.text };
}

/** The matchers object given to `expect.extend()`. */
export const pyweakrefMatchers = { toBeCollected };

/**
 * Registers the matchers on `expect`, or throws an `Error` that names the runner that was expected and
 * how to load the module for it.
 */
export function registerMatchers(expect: unknown, runner: 'vitest' | 'jest' | 'bun'): void {
  const extend = (expect as Partial<ExtendableExpect> | null | undefined)?.extend;
  if (typeof extend !== 'function') throw new Error(testingMessages.noExpect(runner));
  (expect as ExtendableExpect).extend(pyweakrefMatchers);
}
