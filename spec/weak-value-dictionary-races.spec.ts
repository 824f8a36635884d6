/**
 * WeakValueDictionary under collection: the races the implementation pins, each test named after the
 * race (CPython issue 28427; reads racing the registry's clean-up), and snapshot iteration while
 * values die. Deterministic: `collectWithoutCleanup()` stops in the window where a value is collected
 * and its entry's clean-up has not run yet; `gc.collect()` closes it.
 */
import { expect } from 'chai';
import { gc, KeyedRef, KeyError, WeakValueDictionary } from '../src';
import { C } from './support/lifetime';
import { collectWithoutCleanup } from './support/dict-fixtures';

type Bracket = Record<string, any>;
const bracket = (d: WeakValueDictionary<any, any>): Bracket => d as unknown as Bracket;

/** Stores a fresh object under `key` from a helper, so that nothing but the dictionary refers to it. */
function storeFresh(d: WeakValueDictionary<any, any>, key: unknown): void {
  d.set(key, new C());
}

describe('JavaScript interop: WeakValueDictionary under collection', () => {
  it('should survive "overwrite existing key then collect old value" (CPython issue 28427)', async () => {
    const d = new WeakValueDictionary<string, C>();
    let oldRef: KeyedRef<C, string> | undefined;
    ((): void => {
      d.set('k', new C());
      oldRef = d.valuerefs()[0]; // kept, so that its callback does run when the old value dies
    })();
    const fresh = new C();
    d.set('k', fresh); // replace before the old value is collected
    await expect(oldRef!, 'the old value died').to.be.collected;
    expect(d.get('k')).to.equal(fresh);
    expect(d.size).to.equal(1);
    expect(d.__getitem__('k')).to.equal(fresh);
  });

  it('should hide a dead entry from every accessor: "accessors hide a dead entry before the registry fires"', async () => {
    const d = new WeakValueDictionary<string, C>();
    const live = new C();
    d.set('live', live);
    storeFresh(d, 'dead');
    await collectWithoutCleanup(); // the value is collected; the entry's clean-up has not run
    expect(d.size, 'size may still count the dead entry').to.equal(2);
    expect(d.__len__()).to.equal(d.size);
    expect(d.get('dead')).to.equal(undefined);
    expect(d.get('dead', 7)).to.equal(7);
    expect(bracket(d)['dead']).to.equal(undefined);
    expect('dead' in d).to.equal(false);
    expect(d.has('dead')).to.equal(false);
    expect(d.__contains__('dead')).to.equal(false);
    expect(() => d.__getitem__('dead')).to.throw(KeyError);
    expect([...d.keys()]).to.deep.equal(['live']);
    expect([...d.values()]).to.deep.equal([live]);
    expect([...d.items()]).to.deep.equal([['live', live]]);
    expect(d.valuerefs().map((r) => r.key)).to.deep.equal(['live']);
    expect([...d.itervaluerefs()].map((r) => r.key)).to.deep.equal(['live']);
    expect(d.copy().size).to.equal(1);
    expect(d.__eq__(new Map([['live', live]]))).to.equal(true);
    expect(d.setdefault('dead', live)).to.equal(live); // a dead entry counts as missing
    await gc.collect();
    expect(d.size).to.equal(2);
    expect(d.get('dead')).to.equal(live);
  });

  it('should drop a dead entry with pop, popitem, delete and __delitem__ as Python drops a missing one', async () => {
    const d = new WeakValueDictionary<string, C>();
    const live = new C();
    d.set('live', live);
    for (const k of ['a', 'b', 'c', 'e']) storeFresh(d, k);
    await collectWithoutCleanup();
    expect(d.pop('a', undefined)).to.equal(undefined);
    expect(() => d.pop('b')).to.throw(KeyError);
    expect(d.delete('c')).to.equal(false);
    expect(() => d.__delitem__('e')).to.throw(KeyError);
    expect(d.size).to.equal(1);
    expect(d.popitem()).to.deep.equal(['live', live]);
    expect(() => d.popitem()).to.throw(KeyError, 'popitem(): dictionary is empty');
  });

  it('should iterate over a snapshot: mutating or collecting while iterating never throws', async () => {
    const d = new WeakValueDictionary<number, C>();
    const keep = Array.from({ length: 6 }, () => new C());
    keep.forEach((v, i) => d.set(i, v));
    const seen: number[] = [];
    for (const k of d) {
      seen.push(k);
      if (k === 0) {
        d.set(100, keep[0]); // added: not visited
        d.delete(1); // deleted ahead: skipped
        d.set(2, keep[5]); // replaced ahead: visited with its new value
      }
    }
    expect(seen).to.deep.equal([0, 2, 3, 4, 5]);
    const it = d.items();
    expect(it.next().value).to.deep.equal([0, keep[0]]);
    d.clear();
    expect(it.next().done).to.equal(true);
    // Values dying during an iteration are skipped.
    const d2 = new WeakValueDictionary<number, C>();
    for (let i = 0; i < 4; i++) storeFresh(d2, i);
    const it2 = d2.keys();
    await gc.collect();
    expect([...it2]).to.deep.equal([]);
  });

  it('should not keep alive the last value an unfinished iteration yielded', async () => {
    const d = new WeakValueDictionary<number, C>();
    storeFresh(d, 1);
    const it = ((): IterableIterator<C> => {
      const iter = d.values();
      expect(iter.next().done).to.equal(false);
      return iter;
    })();
    await gc.collect();
    expect(d.size).to.equal(0);
    expect(it.next().done).to.equal(true);
  });
});
