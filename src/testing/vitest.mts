/**
 * `pyweakref/vitest` (ES module entry, what a Vitest setup file's `import 'pyweakref/vitest'` loads):
 * registers `expect(subject).toBeCollected()` with the `expect` of 'vitest', the way Vitest documents
 * for setup files, and declares it on Vitest's `Assertion`. See vitest.ts for the CommonJS entry.
 *
 * 'vitest' is imported here only: this module is loaded by Vitest's setup files, where 'vitest' is
 * always installed. The matcher itself (matchers.js) shares the one CommonJS copy of the library with
 * `import 'pyweakref'`.
 */
import { expect } from 'vitest';
import { registerMatchers } from './matchers.js';
import type {} from '@vitest/expect'; // see vitest.ts

declare module 'vitest' {
  // The same declaration as in vitest.ts (a consumer loads one of the two), for the reasons given there.
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

registerMatchers(expect, 'vitest');
