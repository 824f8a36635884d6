/**
 * `pyweakref/testing/mocha-hooks`: a mocha Root Hook Plugin that runs `await gc.collect()` after every
 * test, so that each test starts with the previous tests' garbage collected and its weakref callbacks,
 * container clean-ups and finalizers delivered.
 *
 * Why: CPython frees a test's locals when the test function returns, so a module-level weak registry
 * (Django's signal receivers, an observer list, a cache) is clean again before the next test. JavaScript
 * frees them at the engine's next collection, which may come tests later: until then the next test
 * sees the previous test's receivers. A port of Django's dispatch tests failed 17 tests that way.
 *
 * Load it once for the whole run with mocha's `--require` (it works in serial and parallel mode):
 * `mocha --require pyweakref/testing/mocha-hooks`, or `"require": ["pyweakref/testing/mocha-hooks"]` in
 * `.mocharc.json`. Each test then costs one full collection more (a few milliseconds on a small heap).
 *
 * @example
 * ```json
 * // .mocharc.json
 * { "require": ["ts-node/register", "pyweakref/testing/mocha-hooks"] }
 * ```
 * @see https://mochajs.org/#root-hook-plugins
 * @module pyweakref/testing/mocha-hooks
 */
// The library through '../index', as every module of pyweakref/testing: one copy, one gc.collect().
import { gc } from '../index';

/**
 * The hook: `await gc.collect()`, resolving to nothing (mocha ignores the value). A named function, so
 * that mocha names a failing hook `"after each" hook: pyweakrefCollect`.
 */
function pyweakrefCollect(): Promise<void> {
  return gc.collect().then(() => undefined);
}

/**
 * Mocha's root hooks (its Root Hook Plugin protocol): an `afterEach` that runs `await gc.collect()`
 * after every test of the run, Python's "a test's locals are freed when it returns". Mocha finds this
 * export by its name when the module is loaded with `--require`; a project with its own root hook
 * plugin can spread it into its own `mochaHooks`.
 *
 * @example
 * ```ts
 * // spec/support/hooks.ts, loaded with --require: the project's own root hooks, plus this one.
 * import { mochaHooks as pyweakrefHooks } from 'pyweakref/testing/mocha-hooks';
 * export const mochaHooks = {
 *   ...pyweakrefHooks,
 *   beforeEach() { resetDatabase(); },
 * };
 * ```
 * @see https://mochajs.org/#root-hook-plugins
 */
export const mochaHooks: {
  /**
   * Runs after every test: `await gc.collect()`, so that what the test dropped is collected and its
   * callbacks are delivered before the next test starts.
   *
   * @returns a promise that resolves once the collection and its callbacks are done.
   * @example
   * ```ts
   * afterEach(mochaHooks.afterEach);   // the same hook, in one describe block only
   * ```
   */
  readonly afterEach: () => Promise<void>;
} = Object.freeze({ afterEach: pyweakrefCollect });
