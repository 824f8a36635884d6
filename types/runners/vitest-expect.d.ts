// Stand-in for the part of @vitest/expect's types that src/testing/vitest.{ts,mts} augment (see
// README.md): `interface Assertion<T = any>`, declared there and re-exported by 'vitest'.
export interface Assertion<T = any> {
  readonly __stand_in?: T;
}
