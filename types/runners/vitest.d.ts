// Stand-in for the part of Vitest's types that src/testing/vitest.mts uses (see README.md): the
// `expect` it registers the matcher with. (The declaration of toBeCollected is on chai's Assertion, which
// needs no stand-in: see src/testing/vitest.ts.)
export interface ExpectStatic {
  extend(matchers: Record<string, (this: any, received: any, ...rest: any[]) => unknown>): void;
}
export declare const expect: ExpectStatic;
