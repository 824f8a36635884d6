/**
 * `gc.disable()` / `gc.enable()` (CONTRACT §12): while disabled, what the engine's own collections
 * would deliver (reference callbacks, finalizers, container clean-ups) is held back, and the next
 * `gc.collect()` or `gc.enable()` delivers it, in the order `gc.collect()` always delivers in.
 *
 * "The engine's own collection" is {@link engineCollection}: a full `gc()` without the library's sweep,
 * then the event-loop turns in which V8 runs the registries' callbacks. Each test that disables gc
 * is followed by an `afterEach` that enables it, so a failure cannot leave the rest of the suite
 * without callbacks.
 */
import { expect } from 'chai';
import { finalize, gc, getweakrefcount, ref, WeakKeyDictionary, WeakSet, WeakValueDictionary } from '../src';
import { C } from './support/lifetime';
import { disableGc, engineCollection, heldCount } from './support/gc-toggle';

/** Reference objects the tests keep alive (a dropped reference object never calls back). */
let held: unknown[] = [];

/**
 * Makes `n` objects that die at once, each watched by a ref (kept in `held`) whose callback logs
 * `name<i>`, and returns the refs.
 */
function watched(log: string[], name: string, n: number): Array<ref<C>> {
  const refs: Array<ref<C>> = [];
  for (let i = 0; i < n; i++) refs.push(ref(new C(), () => log.push(`${name}${i}`)));
  held.push(...refs);
  return refs;
}

describe('JavaScript interop: gc.disable() and gc.enable()', () => {
  afterEach(() => {
    if (!gc.isenabled()) gc.enable();
    held = [];
  });

  it('isenabled() is false between disable() and enable(); the calls do not nest (as in Python)', () => {
    expect(gc.isenabled()).to.equal(true);
    gc.disable();
    gc.disable();
    expect(gc.isenabled()).to.equal(false);
    gc.enable();
    expect(gc.isenabled()).to.equal(true);
    gc.enable();
    expect(gc.isenabled()).to.equal(true);
  });

  it("holds back the callbacks of the engine's own collections, and enable() delivers them at once", async () => {
    const log: string[] = [];
    gc.disable();
    const refs = watched(log, 'r', 3);
    await engineCollection({ held: 3 });
    // The engine cleared the references (it decides that), but no callback ran.
    expect(refs.map((r) => r())).to.deep.equal([undefined, undefined, undefined]);
    expect(heldCount()).to.be.at.least(3); // reported by the engine (other garbage may add to it)
    expect(log).to.deep.equal([]);
    await engineCollection(); // more turns of the event loop: still nothing
    expect(log).to.deep.equal([]);
    gc.enable();
    // Synchronously, oldest registration first.
    expect(log).to.deep.equal(['r0', 'r1', 'r2']);
    expect(heldCount()).to.equal(0);
  });

  it('gc.collect() works while disabled: it delivers what was held back, and gc stays disabled', async () => {
    const log: string[] = [];
    gc.disable();
    watched(log, 'held', 2);
    await engineCollection({ held: 2 });
    expect(log).to.deep.equal([]);
    watched(log, 'new', 1); // dies in the collection itself
    await gc.collect();
    expect(log).to.deep.equal(['held0', 'held1', 'new0']);
    expect(gc.isenabled()).to.equal(false);
    expect(heldCount()).to.equal(0);
    gc.enable();
    expect(log).to.have.length(3); // nothing twice
  });

  it('holds back finalizers, and runs them (newest first, with the refs) on enable()', async () => {
    const log: string[] = [];
    gc.disable();
    ((): void => {
      const o = new C();
      held.push(ref(o, () => log.push('ref')));
      finalize(o, () => log.push('finalize'));
    })();
    await engineCollection({ held: 1 });
    expect(log).to.deep.equal([]);
    gc.enable();
    expect(log).to.deep.equal(['finalize', 'ref']);
  });

  it("holds back a WeakValueDictionary's clean-up: size counts the dead entry, reads do not", async () => {
    const d = new WeakValueDictionary<string, C>();
    const withKeyedRef = new WeakValueDictionary<string, C>();
    gc.disable();
    ((): void => {
      const a = new C();
      d.set('a', a);
      withKeyedRef.set('a', a);
      withKeyedRef.valuerefs(); // its KeyedRef is made: the clean-up is then a reference callback
    })();
    await engineCollection({ held: 2 });
    expect(d.size).to.equal(1);
    expect(withKeyedRef.size).to.equal(1);
    expect(d.get('a')).to.equal(undefined);
    expect([...d.keys()]).to.deep.equal([]);
    expect(d.has('a')).to.equal(false);
    gc.enable();
    expect(d.size).to.equal(0);
    expect(withKeyedRef.size).to.equal(0);
  });

  it('holds back WeakKeyDictionary and WeakSet clean-ups until gc.collect()', async () => {
    const wkd = new WeakKeyDictionary<C, number>();
    const ws = new WeakSet<C>();
    gc.disable();
    ((): void => {
      const k = new C();
      wkd.set(k, 1);
      ws.add(k);
      ws.add(new C());
    })();
    await engineCollection({ held: 2 });
    expect([wkd.size, ws.size]).to.deep.equal([1, 2]);
    expect([[...wkd.keys()].length, [...ws].length]).to.deep.equal([0, 0]);
    await gc.collect();
    expect([wkd.size, ws.size]).to.deep.equal([0, 0]);
  });

  it('delivers in the order of gc.collect(): dictionary entries first, then referents oldest first, callbacks newest first', async () => {
    // The same scene three times: delivered by gc.collect() while enabled, by enable() and by
    // gc.collect() after being held back. Each callback logs the dictionary's size when it runs.
    const scene = (log: string[]): void => {
      const d = new WeakValueDictionary<number, C>();
      held.push(d);
      [new C(), new C(), new C()].forEach((o, i) => {
        d.set(i, o);
        held.push(ref(o, () => log.push(`first ${i} size=${d.size}`)));
        finalize(o, () => log.push(`finalize ${i} size=${d.size}`));
        held.push(ref(o, () => log.push(`last ${i} size=${d.size}`)));
      });
    };
    const run = async (how: 'collect' | 'enable' | 'held collect'): Promise<string[]> => {
      const log: string[] = [];
      if (how !== 'collect') gc.disable();
      scene(log);
      if (how === 'collect') await gc.collect();
      else {
        await engineCollection({ held: 3 });
        expect(log, how).to.deep.equal([]);
        if (how === 'enable') gc.enable();
        else await gc.collect();
      }
      if (!gc.isenabled()) gc.enable();
      held = [];
      return log;
    };
    const expected = await run('collect');
    expect(expected).to.have.length(9);
    expect(expected.slice(0, 3)).to.deep.equal(['last 0 size=0', 'finalize 0 size=0', 'first 0 size=0']);
    expect(await run('enable')).to.deep.equal(expected);
    expect(await run('held collect')).to.deep.equal(expected);
  });

  it('a reference object dropped while its callback was held back never calls back', async () => {
    let calls = 0;
    let o: C | undefined = new C();
    let r: ref<C> | undefined = ref(o, () => calls++);
    gc.disable();
    o = undefined;
    await engineCollection({ held: 1 });
    expect(r()).to.equal(undefined);
    r = undefined; // the reference object itself becomes garbage before delivery
    void r;
    await gc.collect();
    gc.enable();
    expect(calls).to.equal(0);
  });

  it('no callback fires in the middle of a disabled section, across turns and engine collections', async () => {
    const log: string[] = [];
    await disableGc(async () => {
      for (let i = 0; i < 5; i++) {
        watched(log, `round${i}-`, 2);
        await engineCollection({ held: 2 * (i + 1) });
        expect(log, `round ${i}`).to.deep.equal([]);
      }
    });
    expect(gc.isenabled()).to.equal(true);
    expect(log).to.have.length(10);
  });

  it('a callback that calls gc.disable() during enable() does not stop that delivery; later deaths wait', async () => {
    const log: string[] = [];
    gc.disable();
    ((): void => {
      for (let i = 0; i < 3; i++) {
        held.push(
          ref(new C(), () => {
            log.push(`r${i}`);
            if (i === 0) gc.disable();
          }),
        );
      }
    })();
    await engineCollection({ held: 3 });
    gc.enable();
    expect(log).to.deep.equal(['r0', 'r1', 'r2']);
    expect(gc.isenabled()).to.equal(false);
    watched(log, 'later', 1);
    await engineCollection({ held: 1 });
    expect(log).to.have.length(3);
    gc.enable();
    expect(log).to.deep.equal(['r0', 'r1', 'r2', 'later0']);
  });

  it('gc.enable() from inside a callback delivers what was held back before returning to it', async () => {
    const log: string[] = [];
    gc.disable();
    watched(log, 'held', 2);
    await engineCollection({ held: 2 });
    // A gc.callbacks entry calls enable() at 'start', synchronously inside gc.collect().
    const cb = (phase: string): void => {
      if (phase !== 'start') return;
      log.push('before enable');
      gc.enable();
      log.push('after enable');
    };
    gc.callbacks.push(cb);
    try {
      await gc.collect();
    } finally {
      gc.callbacks.splice(gc.callbacks.indexOf(cb), 1);
    }
    expect(log).to.deep.equal(['before enable', 'held0', 'held1', 'after enable']);
    expect(gc.isenabled()).to.equal(true);
  });

  it('gc.enable() from a weakref callback run by gc.collect() delivers nothing twice', async () => {
    const log: string[] = [];
    gc.disable();
    watched(log, 'held', 2);
    ((): void => {
      const o = new C();
      held.push(
        ref(o, () => {
          log.push('enabler');
          gc.enable();
        }),
      );
    })();
    await engineCollection({ held: 3 });
    await gc.collect();
    expect([...log].sort()).to.deep.equal(['enabler', 'held0', 'held1']);
    expect(gc.isenabled()).to.equal(true);
  });

  it('a callback run by enable() may call gc.collect(); what it drops is delivered by that collection', async () => {
    const log: string[] = [];
    let pending: Promise<number> | undefined;
    gc.disable();
    let chained: C | undefined = new C();
    const chainedRef = ref(chained, () => log.push('chained'));
    ((): void => {
      const o = new C();
      held.push(
        ref(o, () => {
          log.push('first');
          chained = undefined; // drops the last reference to another object
          pending = gc.collect();
        }),
      );
    })();
    await engineCollection({ held: 1 });
    gc.enable();
    expect(log).to.deep.equal(['first']);
    await pending;
    expect(log).to.deep.equal(['first', 'chained']);
    expect(chainedRef()).to.equal(undefined);
  });

  it('enable() without anything held back delivers nothing and costs no sweep', async () => {
    await gc.collect();
    const o = new C();
    const r = ref(o, () => {});
    gc.disable();
    expect(heldCount()).to.equal(0);
    gc.enable();
    expect(r()).to.equal(o);
    expect(getweakrefcount(o)).to.equal(1);
  });
});
