/**
 * Helpers for specs that test object lifetimes the way CPython's tests do.
 *
 * Python's `del o; gc.collect()` becomes `o = undefined; await gc.collect()`: keep referents in `let`
 * variables (a block-scoped `const` of an async function may stay alive across an `await`) or create
 * them in a helper function, so that the only strong reference is the one the test drops.
 */
import * as chai from 'chai';
import { gc, sys, type UnraisableHookArgs } from '../../src';
import { chaiPyweakref } from '../../src/testing';

export { gc };

// The lifetime assertions of `pyweakref/testing` (issue 8), for every spec that tests a lifetime:
// `await assertCollected(r)` is Python's `del o; gc.collect(); assert r() is None` after the `del`,
// and `await expect(r).to.be.collected` its chai form. Registered here, once, so that a spec run on
// its own (mocha --no-config) has the plugin too; chai.use ignores a plugin it already has.
chai.use(chaiPyweakref);
export { assertCollected, assertNotCollected, isCollected } from '../../src/testing';

/**
 * Runs `body` with `sys.unraisablehook` capturing into the returned array, restoring the default
 * afterwards even if `body` throws.
 */
export async function captureUnraisable(
  body: (seen: UnraisableHookArgs[]) => Promise<void> | void,
): Promise<UnraisableHookArgs[]> {
  const seen: UnraisableHookArgs[] = [];
  const saved = sys.unraisablehook;
  sys.unraisablehook = (args) => void seen.push(args);
  try {
    await body(seen);
  } finally {
    sys.unraisablehook = saved;
  }
  return seen;
}

/** Python's test classes `C`: a plain weakly referenceable class. */
export class C {
  method(): void {}
}

/** CPython's `Object`: compares and hashes by an argument. */
export class PyObject {
  constructor(public arg: unknown) {}
  __eq__(other: unknown): boolean {
    return other instanceof PyObject && this.arg === other.arg;
  }
  __hash__(): number {
    return typeof this.arg === 'number' ? this.arg : String(this.arg).length;
  }
  toString(): string {
    return `<Object ${String(this.arg)}>`;
  }
}
