// Stand-in for the part of bun:test's types (bun-types 1.x) that src/testing/bun.{ts,mts} augment
// (see README.md): `interface Matchers<T = unknown>`.
export interface Matchers<T = unknown> {
  readonly __stand_in?: T;
}
