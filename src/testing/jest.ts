/**
 * `pyweakref/jest`: registers `expect(subject).toBeCollected()` with Jest's `expect` and declares it for
 * both ways a Jest test gets `expect`: the global one (typed by `@types/jest`, namespace `jest`) and
 * `import { expect } from '@jest/globals'` (typed by the `expect` package). One import in a setup file
 * (`setupFilesAfterEnv`) does both.
 *
 * Jest's documented way for a setup file is its global `expect`; with `injectGlobals: false` there is
 * none, and `@jest/globals` (which Jest serves from its own module registry) is read instead. Nothing is
 * imported at the top level, so loading this module outside Jest fails with an error that says what to
 * do, not with a missing module.
 *
 * @example
 * ```ts
 * // jest.setup.ts, listed in the Jest configuration as setupFilesAfterEnv
 * import 'pyweakref/jest';
 * // a test
 * await expect(ref(o)).not.toBeCollected();
 * o = undefined;
 * await expect(() => new Session()).toBeCollected();
 * ```
 * @module pyweakref/jest
 */
import { registerMatchers } from './matchers';
// Puts 'expect' in the program (an augmentation alone does not, and TypeScript refuses to augment a
// module outside it): also in a consumer whose tests only use the global expect.
import type {} from 'expect';

// The CommonJS `require` of this module (tsc emits CommonJS here); declared locally so that the
// library's declarations need no @types/node.
declare const require: (id: string) => unknown;

declare module 'expect' {
  // Jest 30's `expect` package (what `@jest/globals` exports): the type parameters must be exactly its own.
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
  // @types/jest's global `expect` (merged into its namespace when it is installed, a harmless standalone
  // declaration when it is not, as @types/chai plugins do). Its type parameters must be exactly these.
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

/** Jest's global `expect`, else the one of '@jest/globals', else `undefined` (not in Jest). */
function jestExpect(): unknown {
  const global = (globalThis as { expect?: { extend?: unknown } }).expect;
  if (typeof global?.extend === 'function') return global;
  try {
    return (require('@jest/globals') as { expect?: unknown }).expect;
  } catch {
    return undefined;
  }
}

registerMatchers(jestExpect(), 'jest');
