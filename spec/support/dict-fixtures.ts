/**
 * Fixtures of CPython's MappingTestCase (Lib/test/test_weakref.py) for the weak dictionary specs, and
 * one internal hook: a collection that clears weak references without delivering their callbacks.
 *
 * As in spec/support/lifetime.ts, referents are created inside these helpers, so that the only strong
 * references are the ones a test holds (and drops) itself.
 */
import { expect } from 'chai';
import { WeakKeyDictionary, WeakValueDictionary } from '../../src';
// The internal hook: the same collection gc.collect() forces, without the sweep that delivers callbacks.
import { getForceGc } from '../../src/internal/force-gc';
import { nextMacrotask } from '../../src/internal/natives';
import { PyObject } from './lifetime';

export { PyObject };

/** CPython's MappingTestCase.COUNT. */
export const COUNT = 10;

/** CPython's RefCycle: an object that references itself. */
export class RefCycle {
  cycle: RefCycle;
  constructor() {
    this.cycle = this;
  }
}

/** CPython's make_weak_valued_dict: `dict[o.arg] = o` for COUNT Objects. */
export function makeWeakValuedDict(): { dict: WeakValueDictionary<number, PyObject>; objects: PyObject[] } {
  const dict = new WeakValueDictionary<number, PyObject>();
  const objects = Array.from({ length: COUNT }, (_, i) => new PyObject(i));
  for (const o of objects) dict.__setitem__(o.arg as number, o);
  return { dict, objects };
}

/** CPython's make_weak_keyed_dict: `dict[o] = o.arg` for COUNT Objects. */
export function makeWeakKeyedDict(): { dict: WeakKeyDictionary<PyObject, number>; objects: PyObject[] } {
  const dict = new WeakKeyDictionary<PyObject, number>();
  const objects = Array.from({ length: COUNT }, (_, i) => new PyObject(i));
  for (const o of objects) dict.__setitem__(o, o.arg as number);
  return { dict, objects };
}

/**
 * Clears every weak reference to unreachable objects, like `gc.collect()`, but delivers no callback:
 * dictionary entries whose referent died are still in place, their clean-up not yet run. This is the
 * window in which the engine has collected an object and its FinalizationRegistry task is pending.
 * The engine may deliver those callbacks by itself at any later macrotask.
 */
export async function collectWithoutCleanup(): Promise<void> {
  await nextMacrotask();
  getForceGc()!();
}

/** Python's `list.remove(x)` by identity (or element-wise identity for pairs); fails if absent. */
export function removeItem<T>(list: T[], item: T): void {
  const i = list.findIndex((x) =>
    Array.isArray(x) && Array.isArray(item) ? x.length === item.length && x.every((v, j) => v === item[j]) : x === item,
  );
  expect(i, 'item not in list').to.be.at.least(0);
  list.splice(i, 1);
}

/** Asserts that two Maps have the same keys with identical values (Python's `dict == dict` here). */
export function expectSameMap(actual: Map<unknown, unknown>, expected: Map<unknown, unknown>, message?: string): void {
  expect([...actual.keys()].sort(byString), message).to.deep.equal([...expected.keys()].sort(byString));
  for (const [k, v] of expected) expect(actual.get(k), message).to.equal(v);
}

/** Python's `dict(a) | dict(b)` on Maps: b's entries win. */
export function mapUnion<K, V>(a: Map<K, V>, b: Iterable<readonly [K, V]>): Map<K, V> {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, v);
  return out;
}

function byString(a: unknown, b: unknown): number {
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}
