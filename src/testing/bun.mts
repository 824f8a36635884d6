/**
 * `pyweakref/bun` (ES module entry): the CommonJS entry does the work (registration and declarations,
 * see bun.ts); this one loads it and repeats its declarations, which a consumer resolving the `import`
 * condition reads from here.
 */
import './bun.js';
import type {} from 'bun:test'; // see bun.ts

declare module 'bun:test' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the runner's type parameters, exactly
  interface Matchers<T = unknown> {
    /**
     * Passes when `gc.collect()` collects the object that the subject watches (a `ref`, a weak proxy, or
     * a factory that makes and returns the object); with `.not`, when the object survives. Must be
     * awaited. Registered by `import 'pyweakref/bun'` in a preload file.
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
