/**
 * `pyweakref/bun`: registers `expect(subject).toBeCollected()` with the `expect` of 'bun:test' and
 * declares it on bun:test's `Matchers`. One import in a preload file (`[test] preload` in bunfig.toml)
 * does both.
 *
 * 'bun:test' is required only once this is known to be Bun, so that loading this module anywhere else
 * fails with an error that says what to do, not with a missing module.
 *
 * @example
 * ```ts
 * // bun.setup.ts, listed in bunfig.toml: [test] preload = ["./bun.setup.ts"]
 * import 'pyweakref/bun';
 * // a test
 * await expect(ref(o)).not.toBeCollected();
 * o = undefined;
 * await expect(() => new Session()).toBeCollected();
 * ```
 * @module pyweakref/bun
 */
import { registerMatchers } from './matchers';
// Puts 'bun:test' in this project's program (an augmentation alone does not, and TypeScript refuses to
// augment a module outside it); in a consumer, @types/bun declares it.
import type {} from 'bun:test';

// The CommonJS `require` of this module (tsc emits CommonJS here); declared locally so that the
// library's declarations need no @types/node.
declare const require: (id: string) => unknown;

declare module 'bun:test' {
  // bun-types' `interface Matchers<T = unknown>`: the type parameters must be exactly its own.
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

function bunExpect(): unknown {
  if (typeof (globalThis as { Bun?: unknown }).Bun !== 'object') return undefined;
  return (require('bun:test') as { expect?: unknown }).expect;
}

registerMatchers(bunExpect(), 'bun');
