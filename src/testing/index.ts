/**
 * `pyweakref/testing`: lifetime assertions for spec suites, the way CPython's tests check lifetimes
 * (`del o; gc.collect(); assert r() is None`), without `--expose-gc` and deterministically.
 *
 * It imports the library through '../index', so a test that imports `pyweakref` and
 * `pyweakref/testing` shares one copy of every class (one registry, one `gc.collect()`). chai is never
 * imported: the plugin receives it from `chai.use(chaiPyweakref)`.
 *
 * @example
 * ```ts
 * import { assertCollected } from 'pyweakref/testing';
 * await assertCollected(() => new Session());   // Python: del s; gc.collect(); assert r() is None
 * ```
 * @see https://docs.python.org/3/library/weakref.html
 * @module pyweakref/testing
 */
export { assertCollected, assertNotCollected, isCollected } from './collected';
export { chaiPyweakref, type ChaiLike, type ChaiUtilsLike, type ChaiAssertionLike } from './chai-plugin';
export { assertNoLeak, measureLeak, type LeakCheckOptions, type LeakReport } from './leak-check';
export { type LeakGrowth, type LeakGrowthGroup } from './leak-growth';
export { LifetimeAssertionError } from './assertion-error';
export {
  explainRetention,
  type RetainerOptions,
  type RetentionReport,
  type RetainerPath,
  type RetainerStep,
  type RetainerStepKind,
} from './retainers';
export { type Watchable } from './watch';
