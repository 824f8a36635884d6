/**
 * Hostile callbacks, part 2: callbacks that mutate the container being cleaned (before and after its
 * own clean-up), and callbacks that try to reach the dead object through every reference, proxy,
 * container, WeakMethod and finalizer. Nothing may be corrupted, and nothing comes back
 * (CONTRACT §2.1, §5, §11).
 */
import { expect } from 'chai';
import {
  finalize,
  gc,
  proxy,
  ref,
  WeakKeyDictionary,
  WeakMethod,
  WeakSet as PyWeakSet,
  WeakValueDictionary,
} from '../../src';
import { Obj } from './support/hostile';

describe('Reliability: hostile callbacks (mutating, resurrecting)', function () {
  this.timeout(20000);

  describe('callbacks that mutate the container being cleaned', () => {
    /** A dictionary with two entries whose value dies, and a user callback that runs before or after its clean-up. */
    function wvdScenario(mutate: (d: WeakValueDictionary<string, Obj>, fresh: Obj) => void, userFirst: boolean) {
      const d = new WeakValueDictionary<string, Obj>();
      const fresh = new Obj('fresh');
      const other = new Obj('other');
      let dying: Obj | undefined = new Obj('dying');
      let userRef: ref | undefined;
      // Callbacks run newest first: a user ref created after the entries runs before their clean-up.
      if (!userFirst) userRef = ref(dying, () => mutate(d, fresh));
      d.set('a', dying).set('b', dying).set('o', other);
      if (userFirst) userRef = ref(dying, () => mutate(d, fresh));
      const drop = (): void => {
        dying = undefined;
      };
      return { d, fresh, other, drop, userRef };
    }

    const cases: Array<{
      name: string;
      mutate: (d: WeakValueDictionary<string, Obj>, fresh: Obj) => void;
      expected: (fresh: Obj, other: Obj) => Array<[string, Obj]>;
    }> = [
      {
        name: 'replaces the dying entry',
        mutate: (d, f) => void d.set('a', f),
        expected: (f, o) => [
          ['o', o],
          ['a', f],
        ],
      },
      { name: 'deletes the other entries', mutate: (d) => void d.delete('o'), expected: () => [] },
      { name: 'clears it', mutate: (d) => d.clear(), expected: () => [] },
      {
        name: 'pops every item',
        mutate: (d) => void [...d.keys()].forEach(() => d.size > 0 && d.popitem()),
        expected: () => [],
      },
      {
        name: 'updates it',
        mutate: (d, f) =>
          d.update([
            ['a', f],
            ['n', f],
          ]),
        expected: (f, o) => [
          ['o', o],
          ['a', f],
          ['n', f],
        ],
      },
      {
        name: 'iterates it while adding',
        mutate: (d, f) => void [...d.keys()].forEach((k) => d.set(`${k}2`, f)),
        expected: (f, o) => [
          ['o', o],
          ['o2', f],
        ],
      },
    ];

    for (const c of cases) {
      for (const userFirst of [true, false]) {
        it(`should keep a WeakValueDictionary consistent when a callback ${c.name} (${userFirst ? 'before' : 'after'} its clean-up)`, async () => {
          const { d, fresh, other, drop, userRef } = wvdScenario(c.mutate, userFirst);
          drop();
          await gc.collect();
          const expected = c.expected(fresh, other);
          expect([...d.items()]).to.deep.equal(expected);
          expect(d.size).to.equal(expected.length);
          expect(d.__len__()).to.equal(d.size);
          expect(userRef!()).to.equal(undefined);
        });
      }
    }

    it('should keep a WeakKeyDictionary consistent when a callback adds, deletes, clears and pops during clean-up', async () => {
      const d = new WeakKeyDictionary<Obj, number>();
      const keep1 = new Obj('keep1');
      const keep2 = new Obj('keep2');
      const fresh = new Obj('fresh');
      let dying: Obj | undefined = new Obj('dying');
      let dying2: Obj | undefined = new Obj('dying2');
      d.set(keep1, 1).set(dying, 2).set(keep2, 3).set(dying2, 4);
      const seenDuring: number[][] = [];
      // Kept in variables: a reference object that is garbage itself never calls back.
      const r1 = ref(dying, () => {
        seenDuring.push([...d.values()]);
        d.delete(keep1);
        d.set(fresh, 5);
        d.popitem(); // the last inserted live entry: fresh
        d.set(fresh, 6);
      });
      const r2 = ref(dying2, () => {
        seenDuring.push([...d.values()]);
      });
      dying = undefined;
      dying2 = undefined;
      await gc.collect();
      expect(seenDuring[0], 'dead keys are already invisible inside callbacks').to.deep.equal([1, 3]);
      expect(seenDuring[1]).to.deep.equal([3, 6]);
      expect([r1(), r2()]).to.deep.equal([undefined, undefined]);
      expect([...d.items()]).to.deep.equal([
        [keep2, 3],
        [fresh, 6],
      ]);
      expect(d.size).to.equal(2);
      d.clear();
      expect(d.size).to.equal(0);
    });

    it('should keep a WeakSet consistent when a callback adds, discards, pops and clears during clean-up', async () => {
      const s = new PyWeakSet<Obj>();
      const keep = new Obj('keep');
      const fresh = new Obj('fresh');
      let dying: Obj | undefined = new Obj('dying');
      let dying2: Obj | undefined = new Obj('dying2');
      s.add(keep);
      s.add(dying);
      s.add(dying2);
      const sizes: number[] = [];
      const r1 = ref(dying, () => {
        expect([...s], 'no dead member inside the callback').to.deep.equal([keep]);
        s.add(fresh);
        s.discard(keep);
        sizes.push(s.size);
      });
      const r2 = ref(dying2, () => {
        s.update([keep, fresh]);
        s.symmetric_difference_update([fresh]);
        sizes.push(s.size);
      });
      dying = undefined;
      dying2 = undefined;
      await gc.collect();
      expect(sizes, 'both callbacks ran').to.have.length(2);
      expect([...s]).to.deep.equal([keep]);
      expect(s.size).to.equal(1);
      expect(s.has(fresh)).to.equal(false);
      expect([r1(), r2()]).to.deep.equal([undefined, undefined]);
    });
  });

  describe('callbacks that try to reach the dead object', () => {
    it('should resurrect nothing: inside every callback the object is gone from every reference and container', async () => {
      const findings: string[] = [];
      let o: Obj | undefined = new Obj('victim');
      const d = new WeakValueDictionary<string, Obj>([['k', o]]);
      const wkd = new WeakKeyDictionary<Obj, number>([[o, 1]]);
      const s = new PyWeakSet<Obj>([o]);
      const r0 = ref(o);
      const p = proxy(o);
      const wm = new WeakMethod(o, 'm');
      const f = finalize(o, () => void findings.push(`finalizer: alive=${f.alive}, peek=${String(f.peek())}`));
      const stash: unknown[] = [];
      const check =
        (name: string) =>
        (w: unknown): void => {
          stash.push(w);
          if (r0() !== undefined) findings.push(`${name}: ref(o)() returned the object`);
          if (typeof w === 'function' && (w as () => unknown)() !== undefined)
            findings.push(`${name}: its own reference returned the object`);
          try {
            void (p as Obj).name;
            findings.push(`${name}: the proxy forwarded`);
          } catch (e) {
            if (!(e instanceof ReferenceError)) findings.push(`${name}: the proxy threw ${String(e)}`);
          }
          if (wm() !== undefined) findings.push(`${name}: the WeakMethod returned a bound method`);
          if (d.get('k') !== undefined || [...d.values()].length !== 0)
            findings.push(`${name}: the WeakValueDictionary showed it`);
          if ([...wkd.keys()].length !== 0) findings.push(`${name}: the WeakKeyDictionary showed it`);
          if ([...s].length !== 0) findings.push(`${name}: the WeakSet showed it`);
          if (d.valuerefs().length !== 0 || wkd.keyrefs().length !== 0) findings.push(`${name}: a refs list showed it`);
        };
      ref(o, check('ref callback'));
      proxy(o, check('proxy callback'));
      const keepProxyRef = proxy(o, check('kept proxy callback'));
      const keepRef = ref(o, check('kept ref callback'));
      o = undefined;
      await gc.collect();
      await gc.collect();
      expect(findings.filter((x) => !x.startsWith('finalizer'))).to.deep.equal([]);
      expect(findings).to.deep.equal(['finalizer: alive=false, peek=undefined']);
      // What the callbacks stashed stays dead.
      expect(stash).to.have.length(2);
      expect((stash.find((w) => w === keepRef) as ref)()).to.equal(undefined);
      expect(() => (stash.find((w) => w === keepProxyRef) as Obj).name).to.throw(ReferenceError);
      expect(() => (keepProxyRef as Obj).name).to.throw(ReferenceError);
      expect(keepRef()).to.equal(undefined);
      expect([d.size, wkd.size, s.size]).to.deep.equal([0, 0, 0]);
    });
  });
});
