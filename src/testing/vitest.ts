/**
 * `pyweakref/vitest` (CommonJS entry): registers `expect(subject).toBeCollected()` with Vitest's
 * `expect` and declares it on Vitest's `Assertion`. One import in a setup file (`setupFiles`) does both.
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
// Put the augmented modules in this project's program (an augmentation alone does not, and TypeScript
// refuses to augment a module outside it); a consumer's Vitest types import both.
import type {} from 'vitest';
import type {} from '@vitest/expect';

declare module 'vitest' {
  // Assertion, not Vitest 3.2's Matchers: ExpectStatic extends Matchers, so augmenting Matchers would
  // also declare an asymmetric `expect.toBeCollected()`, which cannot work (an asymmetric matcher is
  // synchronous, this one waits for a collection). For the same reason AsymmetricMatchersContaining is
  // left alone.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the runner's type parameters, exactly
  interface Assertion<T = any> {
    /**
     * Passes when `gc.collect()` collects the object that the subject watches (a `ref`, a weak proxy, or
     * a factory that makes and returns the object); with `.not`, when the object survives. Must be
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

// The same on @vitest/expect, where Vitest declares Assertion: 'vitest' re-exports it by name to ES
// modules, which the augmentation above reaches, but its CommonJS types (index.d.cts, what TypeScript
// reads for a test file in a package without "type": "module") re-export it with `export *`, through
// which TypeScript merges no augmentation. Where both apply they merge into one interface.
declare module '@vitest/expect' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the runner's type parameters, exactly
  interface Assertion<T = any> {
    /**
     * Passes when `gc.collect()` collects the object that the subject watches (a `ref`, a weak proxy, or
     * a factory that makes and returns the object); with `.not`, when the object survives. Must be
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

registerMatchers(
  (globalThis as Record<symbol | string, unknown>)[Symbol.for('expect-global')] ??
    (globalThis as { expect?: unknown }).expect,
  'vitest',
);
