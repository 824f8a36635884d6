/**
 * `pyweakref/jest` (ES module entry, for Jest's ES module mode): the CommonJS entry does the work
 * (registration and declarations, see jest.ts); this one loads it and repeats its declarations, which a
 * consumer resolving the `import` condition reads from here.
 */
import './jest.js';
import type {} from 'expect'; // see jest.ts

declare module 'expect' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the runner's type parameters, exactly
  interface Matchers<R extends void | Promise<void>, T = unknown> {
    /**
     * Passes when `gc.collect()` collects the object that the subject watches (a `ref`, a weak proxy, or
     * a factory that makes and returns the object); with `.not`, when the object survives. Must be
     * awaited. A failure names what holds the object (retainer path), as `assertCollected` does.
     * Registered by `import 'pyweakref/jest'` in a setup file.
     *
     * @example
     * ```ts
     * await expect(() => new Session()).toBeCollected();
     * await expect(ref(cached)).not.toBeCollected();
     * ```
     */
    toBeCollected(): Promise<R>;
  }
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-empty-object-type -- the runner's type parameters, exactly
    interface Matchers<R, T = {}> {
      /**
       * Passes when `gc.collect()` collects the object that the subject watches (a `ref`, a weak proxy,
       * or a factory that makes and returns the object); with `.not`, when the object survives. Must be
       * awaited. A failure names what holds the object (retainer path), as `assertCollected` does.
       * Registered by `import 'pyweakref/jest'` in a setup file.
       *
       * @example
       * ```ts
       * await expect(() => new Session()).toBeCollected();
       * await expect(ref(cached)).not.toBeCollected();
       * ```
       */
      toBeCollected(): Promise<R>;
    }
  }
}
