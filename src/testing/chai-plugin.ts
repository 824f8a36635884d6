/**
 * The chai plugin: `await expect(r).to.be.collected` and `await expect(r).not.to.be.collected`.
 *
 * chai's idiom, as chai-as-promised and chai's own plugins use it: a function `(chai, utils)` given
 * to `chai.use()`, which adds a property to `chai.Assertion` and reads the subject and `.not` through
 * `utils.flag`. A property getter that returns something other than `undefined` makes chai return that
 * value instead of the assertion, so the getter returns the promise of the check, and failures are
 * thrown by `this.assert()` as chai's own `AssertionError`, prefixed by `expect(x, 'message')`.
 *
 * This module never imports chai: it receives chai from `chai.use(chaiPyweakref)`, so loading
 * `pyweakref/testing` works in a project without chai (Jest, node:test), and the chai of the test
 * suite (ESM-only chai 5 and 6, or chai 4) is the one extended. The types below are the few members
 * of chai it uses, written structurally so that `chai.use(chaiPyweakref)` type-checks against
 * `@types/chai` and needs no import of it.
 */
import { collectAndCheck, collectedMessage, notCollectedReport } from './collected';
import { watchOf } from './watch';

declare global {
  // The augmentation chai plugins use (as in @types/chai-as-promised): merged into `@types/chai`'s
  // global `Chai` namespace when it is present, a harmless standalone declaration when it is not.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion {
      /**
       * `await expect(subject).to.be.collected` passes when `gc.collect()` collects the object that
       * `subject` (a ref, a weak proxy, or a factory) watches; with `.not`, when it does not.
       * Registered by `chai.use(chaiPyweakref)` from `pyweakref/testing`. Must be awaited.
       */
      collected: Promise<void>;
    }
  }
}

/**
 * The part of a chai assertion (`this` inside a property getter) that the plugin uses, written
 * structurally so that the plugin needs no import of chai's types.
 *
 * @example
 * ```ts
 * const assertion: ChaiAssertionLike = expect(r);   // any chai Assertion fits
 * ```
 * @see https://www.chaijs.com/guide/plugins/
 */
export interface ChaiAssertionLike {
  /**
   * chai's `this.assert(expression, message, negatedMessage)`: fails with `message` when
   * `expression` is falsy (with `negatedMessage` when truthy under `.not`).
   *
   * @param expression - the outcome of the check.
   * @param message - the failure message, or a function that builds it.
   * @param negatedMessage - the failure message under `.not`, or a function that builds it.
   */
  assert(expression: unknown, message: string | (() => string), negatedMessage: string | (() => string)): void;
}

/**
 * The part of the `chai` export the plugin uses: what `chai.use(plugin)` passes as its first argument.
 *
 * @example
 * ```ts
 * import * as chai from 'chai';
 * chai.use(chaiPyweakref);   // chai fits ChaiLike
 * ```
 * @see https://www.chaijs.com/guide/plugins/
 */
export interface ChaiLike {
  /** chai's `Assertion` class, to which the plugin adds the `collected` property. */
  Assertion: {
    /**
     * Adds a property getter to every assertion (`expect(x).to.be.collected`).
     *
     * @param name - the property name.
     * @param getter - runs with `this` the assertion; a value it returns replaces the assertion.
     */
    addProperty(name: string, getter: (this: any) => unknown): void;
  };
}

/**
 * The part of chai's `utils` the plugin uses: what `chai.use(plugin)` passes as its second argument.
 *
 * @example
 * ```ts
 * chai.use((chai, utils: ChaiUtilsLike) => {
 *   chai.Assertion.addProperty('subject', function () {
 *     return utils.flag(this, 'object');   // what expect() was given
 *   });
 * });
 * ```
 * @see https://www.chaijs.com/guide/plugins/
 */
export interface ChaiUtilsLike {
  /**
   * Reads (or, with `value`, writes) a flag of an assertion: `'object'` is the subject of `expect`,
   * `'negate'` is set by `.not`.
   *
   * @param assertion - the assertion.
   * @param key - the flag's name.
   * @param value - the value to store; omitted to read.
   * @returns the flag's value when reading.
   */
  flag(assertion: object, key: string, value?: unknown): any;
}

async function checkCollected(assertion: ChaiAssertionLike, subject: unknown, negated: boolean): Promise<void> {
  const watch = await watchOf(subject, 'expect(subject).to.be.collected');
  let dead = await collectAndCheck(watch);
  // The explanation is asynchronous (a heap snapshot), so it is made before chai's assert, and only
  // when the assertion is about to fail: alive without `.not`. It may find the object gone after all.
  const report = !dead && !negated ? await notCollectedReport(watch) : undefined;
  if (!dead && !negated && report === undefined) dead = true;
  try {
    assertion.assert(
      dead,
      () => report?.text ?? '',
      () => collectedMessage(watch),
    );
  } catch (err) {
    // chai's AssertionError carries the same structured paths as LifetimeAssertionError.
    if (report !== undefined && typeof err === 'object' && err !== null) {
      Object.defineProperty(err, 'retainers', { value: report.retainers, enumerable: false, configurable: true });
      Object.defineProperty(err, 'reasons', { value: report.reasons, enumerable: false, configurable: true });
    }
    throw err;
  }
}

/**
 * The chai plugin of pyweakref: adds the asynchronous property `collected` to chai's assertions.
 *
 * @param chai - chai's exports, given by `chai.use`.
 * @param utils - chai's plugin utilities, given by `chai.use`.
 * @example
 * ```ts
 * import * as chai from 'chai';
 * import { expect } from 'chai';
 * import { chaiPyweakref } from 'pyweakref/testing';
 * chai.use(chaiPyweakref);
 *
 * let o: object | undefined = {};
 * const r = ref(o);
 * await expect(r).not.to.be.collected;   // o still holds it
 * o = undefined;                         // Python: del o
 * await expect(r).to.be.collected;
 * ```
 * @see https://docs.python.org/3/library/weakref.html#weakref.ref
 */
export function chaiPyweakref(chai: ChaiLike, utils: ChaiUtilsLike): void {
  chai.Assertion.addProperty('collected', function collected(this: ChaiAssertionLike): Promise<void> {
    // Read the flags now: chai may reuse or transfer them after the getter returns.
    return checkCollected(this, utils.flag(this, 'object'), utils.flag(this, 'negate') === true);
  });
}
