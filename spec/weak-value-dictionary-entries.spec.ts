/**
 * WeakValueDictionary entries whose KeyedRef is made on demand (src/internal/value-entry.ts): what
 * CPython shows of the KeyedRef it stores for each entry must look the same here, made or not yet made
 * (count, identity, `getweakrefs()` order, callbacks), and an entry must hold nothing longer than
 * CPython's would (keys of deleted entries, of cleared and of dropped dictionaries).
 */
import { expect } from 'chai';
import { gc, getweakrefcount, getweakrefs, KeyedRef, ref, WeakValueDictionary } from '../src';
import { allTableSizes } from '../src/internal/table-sizes';
import { states } from '../src/internal/value-entries';
import { C } from './support/lifetime';
import { collectWithoutCleanup } from './support/dict-fixtures';
import { nextMacrotask } from '../src/internal/natives';

class Key {
  constructor(readonly name: string) {}
}

describe('JavaScript interop: WeakValueDictionary entries and their KeyedRefs', () => {
  it("should count an entry's KeyedRef before anyone asked for it, and give the same one every time", () => {
    const d = new WeakValueDictionary<string, C>();
    const v = new C();
    d.set('k', v);
    expect(getweakrefcount(v)).to.equal(1);
    const [kr] = getweakrefs(v) as Array<KeyedRef<C, string>>;
    expect(kr).to.be.instanceOf(KeyedRef);
    expect(kr.key).to.equal('k');
    expect(kr()).to.equal(v);
    expect(kr.__callback__).to.be.a('function');
    expect(d.valuerefs()).to.deep.equal([kr]);
    expect(d.valuerefs()[0]).to.equal(kr);
    expect([...d.itervaluerefs()][0]).to.equal(kr);
    expect(getweakrefcount(v), 'made once, counted once').to.equal(1);
  });

  it("should file a KeyedRef made on demand where CPython's, made with the entry, is", () => {
    // CPython 3.11: getweakrefs(v) == [basic, kr2, r2, kr, r1] for this sequence.
    const d = new WeakValueDictionary<string, C>();
    const d2 = new WeakValueDictionary<string, C>();
    const v = new C();
    const r1 = ref(v, () => {});
    d.set('k', v);
    const r2 = ref(v, () => {});
    const basic = ref(v);
    d2.set('x', v);
    const refs = getweakrefs(v);
    const kr = d.valuerefs()[0];
    const kr2 = d2.valuerefs()[0];
    expect(refs).to.have.length(5);
    expect(refs[0]).to.equal(basic);
    expect(refs[1]).to.equal(kr2);
    expect(refs[2]).to.equal(r2);
    expect(refs[3]).to.equal(kr);
    expect(refs[4]).to.equal(r1);
  });

  it('should file KeyedRefs made by valuerefs() in order too, around references made later', () => {
    const d = new WeakValueDictionary<string, C>();
    const v = new C();
    d.set('a', v);
    d.set('b', v);
    const r = ref(v, () => {});
    const [ka, kb] = d.valuerefs();
    expect(getweakrefs(v)).to.deep.equal([r, kb, ka]);
  });

  it('should remove a dead entry before the callbacks of its value run, in gc.collect()', async () => {
    const d = new WeakValueDictionary<string, C>();
    const sizes: number[] = [];
    const order: string[] = [];
    let r1: ref<C> | undefined;
    let r2: ref<C> | undefined;
    ((): void => {
      const v = new C();
      r1 = ref(v, () => order.push('r1'));
      d.set('k', v);
      r2 = ref(v, () => {
        order.push('r2');
        sizes.push(d.size);
      });
    })();
    await gc.collect();
    expect(order, 'newest first').to.deep.equal(['r2', 'r1']);
    expect(sizes, 'size is exact inside the callbacks (CPython: still 1 there)').to.deep.equal([0]);
    expect(r1!()).to.equal(undefined);
    expect(r2!()).to.equal(undefined);
  });

  it('should count a removed entry in what gc.collect() resolves to', async () => {
    const d = new WeakValueDictionary<string, C>();
    ((): void => {
      d.set('a', new C());
      d.set('b', new C());
    })();
    expect(await gc.collect()).to.be.at.least(2);
    expect(d.size).to.equal(0);
  });

  it('should remove entries without gc.collect(), when the engine reports the deaths', async function () {
    this.timeout(60_000);
    const d = new WeakValueDictionary<string, C>();
    ((): void => {
      for (let i = 0; i < 10; i++) d.set(`k${i}`, new C());
    })();
    expect(d.size).to.equal(10);
    // Forced collections without gc.collect()'s sweep, then event-loop turns for the engine's clean-up
    // task. V8 cleans one FinalizationRegistry per turn, oldest first, and the dictionaries of earlier
    // specs may still be queued (docs/gc-semantics.md), hence a bound in time rather than in turns.
    const deadline = Date.now() + 20_000;
    while (d.size > 0 && Date.now() < deadline) {
      await collectWithoutCleanup();
      for (let turn = 0; turn < 1000 && d.size > 0; turn++) await nextMacrotask();
    }
    if (d.size > 0) {
      // Before failing, tell a stalled engine clean-up (no registry cleaned at all) from one that
      // skips this dictionary's registry: does a fresh registry still get its callback?
      let fired = 0;
      const fr = new FinalizationRegistry(() => fired++);
      ((): void => {
        fr.register({}, 1);
      })();
      await collectWithoutCleanup();
      for (let t = 0; t < 2000 && fired === 0; t++) await nextMacrotask();
      expect(d.size, `the dictionary's registry removed them (a fresh registry was ${fired === 0 ? 'not ' : ''}cleaned)`).to.equal(0);
    }
    expect(d.size, "the dictionary's registry removed them").to.equal(0);
  });

  it("should let go of a deleted entry's key while its value lives on", async () => {
    const d = new WeakValueDictionary<Key, C>();
    const v = new C();
    let keyRef: ref<Key> | undefined;
    ((): void => {
      const k = new Key('deleted');
      keyRef = ref(k);
      d.set(k, v);
      expect(d.delete(k)).to.equal(true);
    })();
    await expect(keyRef!).to.be.collected;
    expect(getweakrefcount(v), 'no entry left for v').to.equal(0);
  });

  it("should let go of a popped entry's key, and of a replaced entry's KeyedRef", async () => {
    const d = new WeakValueDictionary<Key | string, C>();
    const v = new C();
    const w = new C();
    let keyRef: ref<Key> | undefined;
    ((): void => {
      const k = new Key('popped');
      keyRef = ref(k);
      d.set(k, v);
      d.popitem();
      d.set('r', v);
      d.valuerefs(); // its KeyedRef is made...
      d.set('r', w); // ...and the entry replaced
    })();
    await expect(keyRef!).to.be.collected;
    expect(getweakrefcount(v), "the replaced entry's KeyedRef was collected").to.equal(0);
    expect(getweakrefcount(w)).to.equal(1);
  });

  it('should let go of every key on clear() while the values live on', async () => {
    const d = new WeakValueDictionary<Key, C>();
    const values = [new C(), new C(), new C()];
    const keyRefs: Array<ref<Key>> = [];
    ((): void => {
      for (const v of values) {
        const k = new Key('cleared');
        keyRefs.push(ref(k));
        d.set(k, v);
      }
      d.clear();
    })();
    for (const r of keyRefs) await expect(r).to.be.collected;
    for (const v of values) expect(getweakrefcount(v)).to.equal(0);
    d.set(new Key('after'), values[0]);
    expect(getweakrefcount(values[0]), 'a cleared dictionary takes entries again').to.equal(1);
  });

  it('should let go of the keys of a dropped dictionary whose values live on, in one gc.collect()', async () => {
    const values = [new C(), new C()];
    await gc.collect(); // the dictionaries of earlier tests go first
    const before = allTableSizes().valueDictionaries;
    let keyRefs: Array<ref<Key>> = [];
    let dictRef: ref<object> | undefined;
    ((): void => {
      const d = new WeakValueDictionary<Key, C>();
      keyRefs = values.map((v, i) => {
        const k = new Key(`k${i}`);
        d.set(k, v);
        return ref(k);
      });
      d.valuerefs(); // one kind of entry with its KeyedRef made...
      d.set(new Key('late'), values[0]); // ...and one without
      dictRef = ref(d);
    })();
    await gc.collect();
    expect(dictRef!()).to.equal(undefined);
    for (const r of keyRefs) expect(r(), 'a key of the dropped dictionary').to.equal(undefined);
    for (const v of values) expect(getweakrefcount(v)).to.equal(0);
    expect(allTableSizes().valueDictionaries, 'the dictionary left the table').to.equal(before);
  });

  it('should not pile up registrations when an entry of a long-lived value comes and goes', async () => {
    const d = new WeakValueDictionary<string, C>();
    const v = new C();
    const keep = new C();
    d.set('keep', keep);
    ((): void => {
      d.set('dies', new C());
    })();
    const state = states.get(d)!;
    for (let i = 0; i < 10_000; i++) {
      d.set('k', v);
      d.delete('k');
    }
    expect(state.stale, 'left-behind registrations stay bounded').to.be.at.most(64);
    d.set('k', v);
    expect(d.get('k')).to.equal(v);
    expect(d.get('keep')).to.equal(keep);
    await gc.collect();
    expect([...d.keys()]).to.deep.equal(['keep', 'k']);
    expect(d.size, "'dies' was removed, by the registry swap or by gc.collect()").to.equal(2);
    expect(getweakrefcount(v)).to.equal(1);
  });

  it('should keep the registration of the entry whose replacement moved the dictionary to a new registry', async function () {
    this.timeout(60_000);
    const d = new WeakValueDictionary<string, C>();
    const a = new C();
    const b = new C();
    d.set('k', a);
    for (let i = 0; i < 64; i++) d.set('k', i % 2 === 0 ? b : a); // 64 replacements of live values
    expect(states.get(d)!.stale).to.equal(64);
    ((): void => {
      d.set('k', new C()); // the 65th: the move to a new registry happens in this very set
    })();
    expect(states.get(d)!.stale, 'the dictionary moved to a new registry').to.equal(0);
    // Its value dies: the engine's clean-up alone (no gc.collect() sweep) must remove the entry, so the
    // new registry must hold it.
    const deadline = Date.now() + 20_000;
    while (d.size > 0 && Date.now() < deadline) {
      await collectWithoutCleanup();
      for (let turn = 0; turn < 1000 && d.size > 0; turn++) await nextMacrotask();
    }
    expect(d.size).to.equal(0);
  });

  it('should keep counting right after getweakrefcount() built its index: more keys, deletions', async () => {
    const d = new WeakValueDictionary<string, C>();
    const v = new C();
    d.set('a', v);
    expect(getweakrefcount(v)).to.equal(1);
    d.set('b', v);
    d.set('c', new C());
    expect(getweakrefcount(v)).to.equal(2);
    d.delete('a');
    await gc.collect(); // the KeyedRef of 'a', made by the first count, goes with its entry
    expect(getweakrefcount(v)).to.equal(1);
    expect(getweakrefs(v).map((r) => (r as KeyedRef<C, string>).key)).to.deep.equal(['b']);
  });
});
