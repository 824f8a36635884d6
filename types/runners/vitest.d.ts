// Stand-in for the part of Vitest's types that src/testing/vitest.{ts,mts} use (see README.md).
// Vitest 4: `interface Assertion<T = any>` (from @vitest/expect, re-exported by 'vitest').
export interface Assertion<T = any> {
  readonly __stand_in?: T;
}
export interface ExpectStatic {
  extend(matchers: Record<string, (this: any, received: any, ...rest: any[]) => unknown>): void;
}
export declare const expect: ExpectStatic;
