/**
 * Counter-examples found by the model-based fuzzers (fuzz-*.spec.ts), shrunk by fast-check and kept
 * here under a name, so that each stays fixed. Each runs the same machine and model as the fuzzer.
 * To add one: copy the `Counterexample: [[...]]` printed by a failing fuzz run into `ops`.
 */
import { expect } from 'chai';
import { gc, WeakValueDictionary } from '../../src';
import { runSequence, type LifeOp } from './support/fuzz-common';
import { WvdHarness, type WvdOp } from './support/wvd-machine';
import { WkdHarness, type WkdOp } from './support/wkd-machine';

type Case<Op> = { name: string; ops: Array<Op | LifeOp> };

const wvdCases: Array<Case<WvdOp>> = [
  {
    // setdefault() on a key whose value died (clean-up not yet run) kept the key's old place: the
    // order of items() and popitem() then depended on when the engine reported the death. Python: the
    // entry is gone, the key is inserted anew, last.
    name: 'should insert a key whose value died last, whether or not its clean-up ran ("setdefault over a dead entry")',
    ops: [
      { t: 'setdefault', k: 'a', s: 2 },
      { t: 'kill', s: [2] },
      { t: 'update', pairs: [['b', 0]], form: 'array' },
      { t: 'setdefault', k: 'a', s: 0 },
    ],
  },
  {
    // The same through set(), and then popitem(), whose "last inserted" must be the re-inserted key.
    name: 'should pop a key re-inserted over a dead entry first ("set over a dead entry, then popitem")',
    ops: [
      { t: 'set', k: 'a', s: 1, via: 'set' },
      { t: 'set', k: 'b', s: 0, via: 'set' },
      { t: 'kill', s: [1] },
      { t: 'set', k: 'a', s: 2, via: 'bracket' },
      { t: 'popitem' },
      { t: 'popitem' },
      { t: 'popitem' },
    ],
  },
  {
    // A snapshot taken while an entry was dead (clean-up pending) kept it, and when the key was set
    // again before the iteration reached it, the iteration yielded it: whether it did depended on
    // when the clean-up ran. CPython 3.14 (and the model) take the snapshot of live entries only.
    name: 'should not visit a key that was dead when the snapshot was taken and set again later ("snapshot over a dead entry")',
    ops: [
      { t: 'set', k: 'a', s: 1, via: 'set' },
      { t: 'set', k: 'b', s: 0, via: 'set' },
      { t: 'kill', s: [1] },
      { t: 'iterStart', j: 0, kind: 'keys' },
      { t: 'iterNext', j: 0 },
      { t: 'set', k: 'a', s: 2, via: 'set' },
      { t: 'iterNext', j: 0 },
      { t: 'iterNext', j: 0 },
    ],
  },
];

const wkdCases: Array<Case<WkdOp>> = [
  {
    // popitem() caches the order in an array of the keys' refs; delete() removed the entry but the
    // cache still held the deleted key's ref, which then kept counting in getweakrefcount(key) (and
    // stayed alive) until the next popitem() or insertion.
    name: 'should not keep a deleted key\'s ref in popitem()\'s cached order ("popitem, then delete")',
    ops: [
      {
        t: 'update',
        pairs: [
          [1, 0],
          [0, 0],
        ],
        form: 'array',
      },
      { t: 'popitem' },
      { t: 'delete', s: 1, via: 'delete' },
    ],
  },
];

describe('Reliability: fuzz regressions (WeakValueDictionary)', () => {
  for (const c of wvdCases) it(c.name, () => runSequence(() => new WvdHarness(), c.ops));

  it('should not keep a deleted object key alive in popitem()\'s cached order ("popitem, then delete an object key")', async () => {
    // The same cache in WeakValueDictionary holds keys, and keys are held strongly: a deleted object
    // key stayed alive until the next popitem() or insertion. Not in the fuzz (its keys are primitives).
    const d = new WeakValueDictionary<unknown, object>();
    const value = {};
    const keyRef = ((): WeakRef<object> => {
      const key = {};
      d.set(key, value);
      d.set('last', value);
      d.popitem();
      d.delete(key);
      return new WeakRef(key);
    })();
    await gc.collect();
    expect(keyRef.deref(), 'the deleted key was collected').to.equal(undefined);
  });

  it('should not keep a key whose value died in popitem()\'s cached order ("popitem, then collect")', async () => {
    const d = new WeakValueDictionary<unknown, object>();
    const keep = {};
    const keyRef = ((): WeakRef<object> => {
      const key = {};
      d.set(key, {}); // its value dies at the next collection, and the entry goes
      d.set('last', keep);
      d.popitem();
      return new WeakRef(key);
    })();
    await gc.collect();
    expect(d.size).to.equal(0);
    expect(keyRef.deref(), 'the key of the collected entry was collected').to.equal(undefined);
  });
});

describe('Reliability: fuzz regressions (WeakKeyDictionary)', () => {
  for (const c of wkdCases) it(c.name, () => runSequence(() => new WkdHarness(), c.ops));
});
