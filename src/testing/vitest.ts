/**
 * `pyweakref/vitest` (CommonJS entry): registers `expect(subject).toBeCollected()` with Vitest's
 * `expect` and declares it on Vitest's assertions (Vitest 4 and 5). One import in a setup file (`setupFiles`) does both.
 *
 * Vitest loads a setup file as an ES module, so `import 'pyweakref/vitest'` reaches vitest.mts, which
 * imports `expect` from 'vitest' as Vitest documents for setup files. This entry serves `require()`,
 * which cannot load 'vitest' (Vitest's CommonJS entry throws by design): it takes the `expect` that
 * Vitest installs on `globalThis` in every worker before the setup files run (under
 * `Symbol.for('expect-global')`, and as `expect` with `globals: true`).
 *
 * @example
 * ```ts
 * // vitest.setup.ts, listed in vitest.config.ts as test.setupFiles
 * import 'pyweakref/vitest';
 * // a test
 * await expect(ref(o)).not.toBeCollected();
 * o = undefined;
 * await expect(() => new Session()).toBeCollected();
 * ```
 * @module pyweakref/vitest
 */
import { registerMatchers } from './matchers';
// Declared on chai's `Assertion`, not on Vitest's: Vitest 4's `Assertion<T>` and Vitest 5's
// `Assertion<R, T>` have different type parameters, and an augmentation must repeat them exactly, so no
// one augmentation of Vitest's own interface compiles with both. Both versions build their `Assertion`
// from every member of `Chai.Assertion` (that is how they type chai's assertions), so a method declared
// there is a method of `expect(x)` and of `expect(x).not` in both; and at run time `expect.extend`
// installs the matcher on chai's Assertion as well. Not on `Matchers` either: `ExpectStatic` extends it,
// which would also declare an asymmetric `expect.toBeCollected()`, which cannot work (an asymmetric
// matcher is synchronous, this one waits for a collection).
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- @types/chai's global namespace
  namespace Chai {
    interface Assertion {
      /**
       * Passes when `gc.collect()` collects the object that the subject watches (a `ref`, a weak proxy,
       * or a factory that makes and returns the object); with `.not`, when the object survives. Must be
       * awaited. A failure names what holds the object (retainer path), as `assertCollected` does.
       * Registered by `import 'pyweakref/vitest'` in a setup file.
       *
       * @example
       * ```ts
       * await expect(() => new Session()).toBeCollected();
       * await expect(ref(cached)).not.toBeCollected();
       * ```
       */
      toBeCollected(): Promise<void>;
    }
  }
}

registerMatchers(
  (globalThis as Record<symbol | string, unknown>)[Symbol.for('expect-global')] ??
    (globalThis as { expect?: unknown }).expect,
  'vitest',
);
