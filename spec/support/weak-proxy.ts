/**
 * Helpers for the weak-proxy specs: a dead proxy on demand, and the assertion that an operation
 * throws the built-in ReferenceError of a dead proxy.
 */
import { expect } from 'chai';
import * as util from 'node:util';
import { proxy } from '../../src';
import { assertCollected } from './lifetime';

export const DEAD = 'weakly-referenced object no longer exists';

/** Asserts that `op` throws the built-in ReferenceError of a dead proxy. */
export function expectDead(op: () => unknown): void {
  let thrown: unknown;
  try {
    op();
  } catch (err) {
    thrown = err;
  }
  expect(thrown, 'the operation should throw').to.be.instanceOf(ReferenceError);
  expect((thrown as Error).constructor, 'the built-in ReferenceError').to.equal(ReferenceError);
  expect((thrown as Error).message).to.equal(DEAD);
}

/**
 * A proxy whose referent, made by `make`, nothing else holds; collected by the `gc.collect()` that
 * follows. A separate (non-async) function, so no frame of the test keeps the referent.
 */
export function proxyToTemporary<T extends object>(make: () => T, callback?: (p: unknown) => unknown): T {
  return proxy(make(), callback) as unknown as T;
}

/**
 * A proxy whose referent is already collected, wrapped in an object: resolving a promise with a
 * dead proxy itself would read its `then` and throw (docs/porting-guide.md#a-dead-proxy-cannot-be-returned-from-an-async-function).
 */
export async function deadProxy<T extends object>(make: () => T): Promise<{ p: T }> {
  const p = proxyToTemporary(make);
  await assertCollected(p);
  expect(util.inspect(p)).to.match(/^<weakproxy at 0x[0-9a-f]+; dead>$/);
  return { p };
}

export class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
  norm1(): number {
    return Math.abs(this.x) + Math.abs(this.y);
  }
}
