/**
 * The error the assertion functions of `pyweakref/testing` throw.
 *
 * Not `node:assert`'s AssertionError (Node-only, and its constructor wants actual/expected values a
 * lifetime has not) nor chai's (chai is optional here): a plain `Error` named `AssertionError` with
 * Node's `code`, which every runner (mocha, Jest, Vitest, node:test) reports as a failed assertion.
 */

import type { RetainerPath } from '../internal/heap/retainer-types';

/**
 * Thrown by {@link assertCollected}, {@link assertNotCollected} and {@link assertNoLeak} when an object
 * was (or was not) collected against expectation, or memory did not return to its baseline.
 *
 * @example
 * ```ts
 * try {
 *   await assertCollected(r);
 * } catch (e) {
 *   if (e instanceof LifetimeAssertionError) console.log(e.reasons); // what pyweakref saw holding it
 * }
 * ```
 * @see https://docs.python.org/3/library/exceptions.html#AssertionError
 */
export class LifetimeAssertionError extends Error {
  /** Node's code for assertion failures, so tools that group by `code` treat it as one. */
  readonly code = 'ERR_ASSERTION';
  /**
   * One sentence per thing the library knows that holds the object (empty when it knows of none, and
   * for leak checks).
   */
  readonly reasons: readonly string[];
  /**
   * What holds the object, structured: the shortest paths from a GC root (nearest first), each step
   * with its kind, name and, where known, file and line. Empty when none was looked up (switched off,
   * over budget, not Node) and for other failures.
   */
  readonly retainers: readonly RetainerPath[];
  /** Python's `err.args`: `[message]`, as for `AssertionError(message)`. Frozen, as Python's tuple. */
  readonly args: readonly unknown[];

  /**
   * Creates the error; the assertion functions do, you rarely need to.
   *
   * @param message - the full message, reasons included.
   * @param reasons - the same reasons as a list, for programs that inspect them.
   * @param retainers - the retainer paths the message prints, structured.
   * @example
   * ```ts
   * throw new LifetimeAssertionError('expected the cache entry to be collected');
   * ```
   */
  constructor(message: string, reasons: readonly string[] = [], retainers: readonly RetainerPath[] = []) {
    super(message);
    this.reasons = reasons;
    this.retainers = retainers;
    this.args = Object.freeze([message]);
  }
}

// On the prototype, so that `name` is not an own enumerable field of every instance (as built-in errors).
Object.defineProperty(LifetimeAssertionError.prototype, 'name', {
  value: 'AssertionError',
  writable: true,
  configurable: true,
});
