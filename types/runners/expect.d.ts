// Stand-in for the part of the `expect` package's types (Jest 30) that src/testing/jest.{ts,mts}
// augment (see README.md): `interface Matchers<R extends void | Promise<void>, T = unknown>`.
export interface Matchers<R extends void | Promise<void>, T = unknown> {
  readonly __stand_in?: [R, T];
}
