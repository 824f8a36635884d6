/**
 * `pyweakref/testing` (issue 8): the retention probes that the containers and `finalize` register, and
 * the table they count for leak checks. For each probe: an object it keeps alive is reported with the
 * explanation, and an object that is collected, or held by something else, is not. And the wiring
 * itself (instance tracking, callback marking) keeps no container and no member alive.
 *
 * Referents live in `let` variables set to `undefined` (Python's `del`) or are made inside helper
 * functions, so that the only strong reference is the one the test drops.
 */
import { expect } from 'chai';
import { WeakKeyDictionary, WeakMethod, WeakSet, WeakValueDictionary, finalize, gc, ref } from '../src';
import { LifetimeAssertionError, assertCollected, assertNoLeak, assertNotCollected, measureLeak } from '../src/testing';
import { allTableSizes } from '../src/internal/table-sizes';
import { C, PyObject } from './support/lifetime';
import { withoutRetainerPaths } from './support/retainers-off';

/** The LifetimeAssertionError a promise rejects with; fails the test if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<LifetimeAssertionError> {
  try {
    await promise;
  } catch (err) {
    expect(err).to.be.instanceOf(LifetimeAssertionError);
    return err as LifetimeAssertionError;
  }
  throw new Error('expected the promise to reject');
}

const WVD_KEY = 'a WeakValueDictionary holds its keys strongly';
const WKD_VALUE = 'a WeakKeyDictionary holds a value strongly while its key lives';
const FINALIZE_ARGS = 'holds it in func or args: a finalizer keeps func and args alive until it runs';

describe('JavaScript interop: pyweakref/testing retention probes', () => {
  withoutRetainerPaths();

  describe('WeakValueDictionary', () => {
    it('should say that an object used as a key is held by the dictionary, until the entry goes', async () => {
      const value = new C();
      const d = new WeakValueDictionary<unknown, C>();
      let o: C | undefined = new C();
      d.set(o, value);
      const r = ref(o);
      o = undefined;
      const reason = `it is a key of ${String(d)}: ${WVD_KEY}`;
      const err = await rejection(assertCollected(r));
      expect(err.reasons).to.deep.equal([reason]);
      expect(err.message).to.contain(`\n  - ${reason}\n`);
      d.clear();
      await assertCollected(r);
    });

    it('should name each dictionary that holds it, and only those', async () => {
      const value = new C();
      const d1 = new WeakValueDictionary<unknown, C>();
      const d2 = new WeakValueDictionary<unknown, C>();
      const bystander = new WeakValueDictionary<unknown, C>([['k', value]]);
      let o: C | undefined = new C();
      d1.set(o, value);
      d2.set(o, value);
      const r = ref(o);
      o = undefined;
      const err = await rejection(assertCollected(r));
      expect(err.reasons).to.deep.equal([
        `it is a key of ${String(d1)}: ${WVD_KEY}`,
        `it is a key of ${String(d2)}: ${WVD_KEY}`,
      ]);
      expect(err.message).not.to.contain(String(bystander));
      d1.clear();
      d2.clear();
      await assertCollected(r);
    });

    it('should let a key go with its entry when the value dies, without reporting it', async () => {
      const d = new WeakValueDictionary<unknown, C>();
      let key: C | undefined = new C();
      let value: C | undefined = new C();
      d.set(key, value);
      const r = ref(key);
      key = undefined;
      value = undefined;
      await assertCollected(r, 'the entry should go with its value, and the key with it');
      expect(d.size).to.equal(0);
    });

    it('should not report an object that is a value (held elsewhere), only the KeyedRef lead', async () => {
      const kept: C[] = [new C()];
      const d = new WeakValueDictionary<string, C>([['page', kept[0]]]);
      const r = ref(kept[0]);
      const err = await rejection(assertCollected(r));
      expect(err.reasons).to.have.length(1);
      expect(err.reasons[0]).to.match(/^it is the value of 1 KeyedRef \(WeakValueDictionary entries; key "page"\)/);
      expect(err.message).not.to.contain(WVD_KEY);
      kept.length = 0;
      await assertCollected(r);
      expect(d.size).to.equal(0);
    });
  });

  describe('WeakKeyDictionary', () => {
    it('should say that an object is the value of a live key, until the entry goes', async () => {
      const key = new PyObject('k');
      const d = new WeakKeyDictionary<PyObject, C>();
      let o: C | undefined = new C();
      d.set(key, o);
      const r = ref(o);
      o = undefined;
      const reason = `it is the value under key <Object k> of ${String(d)}: ${WKD_VALUE}`;
      const err = await rejection(assertCollected(r));
      expect(err.reasons).to.deep.equal([reason]);
      expect(err.message).to.contain(`\n  - ${reason}\n`);
      d.delete(key);
      await assertCollected(r);
    });

    it('should let the value go with its key, without reporting it', async () => {
      const d = new WeakKeyDictionary<PyObject, C>();
      let key: PyObject | undefined = new PyObject('k');
      let o: C | undefined = new C();
      d.set(key, o);
      const r = ref(o);
      o = undefined;
      await assertNotCollected(r, 'the value lives while its key does');
      key = undefined;
      await assertCollected(r);
      expect(d.size).to.equal(0);
    });

    it('should not report a value stored under itself (the ephemeron does not keep it alive)', async () => {
      const d = new WeakKeyDictionary<C, C>();
      let o: C | undefined = new C();
      d.set(o, o);
      const r = ref(o);
      const err = await rejection(assertCollected(r));
      expect(err.reasons).to.deep.equal([]);
      o = undefined;
      await assertCollected(r);
      expect(d.size).to.equal(0);
    });

    it('should not list the keys of a WeakKeyDictionary as referents of a callback', async () => {
      const d = new WeakKeyDictionary<C, number>();
      let o: C | undefined = new C();
      d.set(o, 1);
      const r = ref(o);
      const err = await rejection(assertCollected(r));
      expect(err.reasons).to.deep.equal([]);
      o = undefined;
      await assertCollected(r);
    });
  });

  describe('WeakSet', () => {
    it('should not list its members as referents of a reference with a callback', async () => {
      const s = new WeakSet<C>();
      let o: C | undefined = new C();
      s.add(o);
      const r = ref(o);
      const err = await rejection(assertCollected(r));
      expect(err.reasons).to.deep.equal([]);
      o = undefined;
      await assertCollected(r);
      expect(s.size).to.equal(0);
    });
  });

  describe('WeakMethod', () => {
    it('should not list a WeakMethod without a callback as a lead', async () => {
      let o: C | undefined = new C();
      const wm = new WeakMethod(o, 'method');
      const err = await rejection(assertCollected(wm));
      expect(err.reasons).to.deep.equal([]);
      o = undefined;
      await assertCollected(wm);
    });

    it('should still list a WeakMethod whose user callback may close over the object', async () => {
      let o: C | undefined = new C();
      const wm = new WeakMethod(o, 'method', () => {});
      const err = await rejection(assertCollected(wm));
      expect(err.reasons).to.have.length(1);
      expect(err.reasons[0]).to.match(/^it is the referent of 1 live reference with a callback \(/);
      expect(err.reasons[0]).to.contain(`(${String(wm)})`);
      o = undefined;
      await assertCollected(wm);
    });
  });

  describe('finalize', () => {
    it("should say that an object is in the args of another object's finalizer, until it runs", async () => {
      const other = new C();
      let o: C | undefined = new C();
      const f = finalize(other, (x: C) => void x, o);
      const r = ref(o);
      o = undefined;
      const reason = `${String(f)} ${FINALIZE_ARGS}`;
      const err = await rejection(assertCollected(r));
      expect(err.reasons).to.deep.equal([reason]);
      expect(err.message).to.contain(`\n  - ${reason}\n`);
      f();
      expect(f.alive).to.equal(false);
      await assertCollected(r);
    });

    it("should say that a function object is the func of another object's finalizer, until it is detached", async () => {
      const other = new C();
      let fn: (() => void) | undefined = () => {};
      const f = finalize(other, fn);
      const r = ref(fn);
      fn = undefined;
      const err = await rejection(assertCollected(r));
      expect(err.reasons).to.deep.equal([`${String(f)} ${FINALIZE_ARGS}`]);
      f.detach();
      await assertCollected(r);
    });

    it('should leave a finalizer of the object itself to the core probe (one sentence, not two)', async () => {
      let o: C | undefined = new C();
      const f = finalize(o, (x: C) => void x, o);
      const r = ref(o);
      o = undefined;
      const err = await rejection(assertCollected(r));
      expect(err.reasons).to.have.length(1);
      expect(err.reasons[0]).to.match(/ holds it in func or args: .* so the object can never be collected /);
      f.detach();
      await assertCollected(r);
    });

    it('should not report the args of a finalizer that has run', async () => {
      let other: C | undefined = new C();
      let o: C | undefined = new C();
      const f = finalize(other, (x: C) => void x, o);
      const r = ref(o);
      o = undefined;
      other = undefined;
      await assertCollected(r, 'the finalizer ran when its object died, and let go of its args');
      expect(f.alive).to.equal(false);
    });

    it('should count the live finalizers as a table of the leak checks', async () => {
      const before = allTableSizes().finalizers;
      expect(before).to.be.a('number');
      let o: C | undefined = new C();
      const f = finalize(o, () => {});
      const r = ref(o);
      expect(allTableSizes().finalizers).to.equal(before + 1);
      o = undefined;
      await assertCollected(r);
      expect(f.alive).to.equal(false);
      expect(allTableSizes().finalizers).to.equal(before);
      const keep: C[] = [];
      const report = await measureLeak(
        () => {
          const kept = new C();
          keep.push(kept);
          finalize(kept, () => {});
        },
        { iterations: 20, warmup: 0, heapToleranceBytes: Infinity },
      );
      expect(report.leaked).to.equal(true);
      expect(report.tables.after.finalizers - report.tables.before.finalizers).to.equal(20);
      expect(report.summary).to.match(/\n {4}finalizers: \d+ -> \d+ \(\+20\) {2}<- grew/);
      keep.length = 0;
      await assertNoLeak(() => void finalize(new C(), () => {}), { iterations: 200 });
    });
  });

  describe('wiring', () => {
    it('should keep no container alive by tracking it, nor any of their members', async () => {
      const refs: Array<ref<object>> = [];
      await assertCollected(() => new WeakValueDictionary());
      await assertCollected(() => new WeakKeyDictionary());
      await assertCollected(() => new WeakSet());
      await assertCollected(() => {
        const key = new C();
        const value = new C();
        refs.push(ref(key), ref(value));
        return new WeakValueDictionary([[key, value]]);
      });
      await assertCollected(() => {
        const key = new C();
        const value = new C();
        refs.push(ref(key), ref(value));
        return new WeakKeyDictionary([[key, value]]);
      });
      await assertCollected(() => {
        const member = new C();
        refs.push(ref(member));
        return new WeakSet([member]);
      });
      await assertCollected(() => {
        const o = new C();
        refs.push(ref(o));
        return new WeakMethod(o, 'method');
      });
      for (const r of refs) await assertCollected(r);
    });

    it('should forget collected containers: a leak check of code that makes many containers passes', async () => {
      // Each run makes 4,000 containers that die at its end. A tracking table that kept one dead
      // WeakRef per container (instead of pruning them as it grows) would keep about 1.5 MB after the
      // 10 measured runs, far over the leak check's default heap tolerance of 256 KiB.
      await assertNoLeak(
        async () => {
          for (let i = 0; i < 2000; i++) {
            new WeakValueDictionary();
            new WeakKeyDictionary();
          }
          await gc.collect();
        },
        { iterations: 10, warmup: 2 },
      );
    });
  });
});
