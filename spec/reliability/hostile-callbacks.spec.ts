/**
 * Hostile callbacks and finalizers, part 1: ones that throw (anything, even values that cannot be
 * printed), that re-enter `gc.collect()`, and that create new references. Nothing may be lost,
 * delivered twice or deadlock (CONTRACT §2, §9, §11). Part 2 (mutating the container being cleaned,
 * reaching for the dead object) is hostile-callbacks-mutation.spec.ts.
 *
 * As everywhere in these specs, referents are created in plain helper functions and held in `let`
 * variables that the test clears (Python's `del`), so that only the test decides when they die.
 */
import { expect } from 'chai';
import {
  finalize,
  gc,
  getweakrefcount,
  proxy,
  ref,
  sys,
  WeakKeyDictionary,
  WeakMethod,
  WeakSet as PyWeakSet,
  WeakValueDictionary,
} from '../../src';
import { nextMacrotask } from '../../src/internal/natives';
import { capturing, capturingStderr, collectWithoutCleanup, Obj, within } from './support/hostile';

describe('Reliability: hostile callbacks (throwing, re-entrant, creating)', function () {
  this.timeout(20000);

  describe('callbacks and finalizers that throw', () => {
    it('should report every throwing callback at once, in order, and still run all the others', async () => {
      const log: string[] = [];
      const unprintable = {
        toString(): string {
          throw new Error('no toString for you');
        },
      };
      const throwers: unknown[] = [new Error('e1'), 'a string', undefined, null, unprintable, new TypeError('e6')];
      let o: Obj | undefined = new Obj();
      const refs: ref[] = [];
      const callbacks: Function[] = [];
      for (let i = 0; i < throwers.length; i++) {
        const cb = (): void => {
          log.push(`cb${i}`);
          throw throwers[i];
        };
        callbacks.push(cb);
        refs.push(ref(o, cb));
        refs.push(ref(o, () => void log.push(`ok${i}`)));
      }
      const seen = await capturing(async (seen) => {
        sys.unraisablehook = (args) => {
          log.push(`hook:${callbacks.indexOf(args.object as Function)}`);
          seen.push(args);
        };
        o = undefined;
        await gc.collect();
      });
      const expected: string[] = [];
      for (let i = throwers.length - 1; i >= 0; i--) expected.push(`ok${i}`, `cb${i}`, `hook:${i}`);
      expect(log, 'newest first; each failure reported before the next callback runs').to.deep.equal(expected);
      expect(seen.map((a) => a.exc_value)).to.deep.equal([...throwers].reverse());
      for (const args of seen) expect(args.err_msg).to.equal(undefined);
      expect(refs.every((r) => r() === undefined)).to.equal(true);
    });

    it('should report a throwing finalizer with the finalizer as object, and run the others', async () => {
      const ran: string[] = [];
      let o: Obj | undefined = new Obj();
      const f1 = finalize(o, () => void ran.push('f1'));
      const f2 = finalize(o, () => {
        ran.push('f2');
        throw new RangeError('finalizer failed');
      });
      const f3 = finalize(o, () => void ran.push('f3'));
      const seen = await capturing(async () => {
        o = undefined;
        await gc.collect();
      });
      expect(ran).to.deep.equal(['f3', 'f2', 'f1']);
      expect(seen).to.have.length(1);
      expect(seen[0].object).to.equal(f2);
      expect(seen[0].exc_value).to.be.instanceOf(RangeError);
      expect([f1.alive, f2.alive, f3.alive]).to.deep.equal([false, false, false]);
    });

    it('should report a throwing WeakMethod callback against the callback the user gave', async () => {
      let o: Obj | undefined = new Obj();
      const cb = (): never => {
        throw new Error('wm');
      };
      const wm = new WeakMethod(o, 'm', cb);
      const seen = await capturing(async () => {
        o = undefined;
        await gc.collect();
      });
      expect(seen.map((a) => a.object)).to.deep.equal([cb]);
      expect(wm()).to.equal(undefined);
    });

    it('should survive a hook that throws: the default hook reports both, the other callbacks still run', async () => {
      let o: Obj | undefined = new Obj();
      const ran: string[] = [];
      const r1 = ref(o, () => void ran.push('r1'));
      const r2 = ref(o, () => {
        ran.push('r2');
        throw new Error('callback failed');
      });
      const saved = sys.unraisablehook;
      const stderr = await capturingStderr(async () => {
        sys.unraisablehook = () => {
          throw new Error('hook failed');
        };
        try {
          o = undefined;
          await gc.collect();
        } finally {
          sys.unraisablehook = saved;
        }
      });
      expect(ran).to.deep.equal(['r2', 'r1']);
      expect(stderr).to.contain('Exception ignored in sys.unraisablehook');
      expect(stderr).to.contain('hook failed');
      expect(stderr).to.contain('callback failed');
      expect([r1(), r2()]).to.deep.equal([undefined, undefined]);
    });

    it('should survive a hook that is not a function (the default hook reports instead)', async () => {
      let o: Obj | undefined = new Obj();
      let after = 0;
      ref(o, () => void after++); // garbage itself: never runs
      const kept = ref(o, () => {
        throw new Error('reported on stderr');
      });
      const kept2 = ref(o, () => void after++);
      const saved = sys.unraisablehook;
      const stderr = await capturingStderr(async () => {
        (sys as { unraisablehook: unknown }).unraisablehook = 42;
        try {
          o = undefined;
          await gc.collect();
        } finally {
          sys.unraisablehook = saved;
        }
      });
      expect(stderr).to.contain('Exception ignored in');
      expect(stderr).to.contain('reported on stderr');
      expect(after).to.equal(1);
      expect([kept(), kept2()]).to.deep.equal([undefined, undefined]);
    });
  });

  describe('callbacks that re-enter gc.collect()', () => {
    it('should neither deadlock nor deliver twice when callbacks call gc.collect()', async () => {
      const calls = new Map<string, number>();
      const nested: Array<Promise<number>> = [];
      const bump = (name: string): void => void calls.set(name, (calls.get(name) ?? 0) + 1);
      let a: Obj | undefined = new Obj();
      let b: Obj | undefined = new Obj();
      const refs = [
        ref(a, () => {
          bump('a1');
          nested.push(gc.collect());
        }),
        ref(a, () => {
          bump('a2');
          nested.push(gc.collect());
          nested.push(gc.collect());
        }),
        ref(b, () => {
          bump('b1');
          nested.push(gc.collect());
        }),
      ];
      a = undefined;
      b = undefined;
      const cleared = await within(gc.collect(), 10000, 'the outer gc.collect()');
      expect(cleared).to.be.at.least(3);
      const results = await within(Promise.all(nested), 10000, 'the nested gc.collect() calls');
      expect(results.every((n) => typeof n === 'number')).to.equal(true);
      await gc.collect();
      expect(Object.fromEntries(calls)).to.deep.equal({ a1: 1, a2: 1, b1: 1 });
      expect(refs.map((r) => r())).to.deep.equal([undefined, undefined, undefined]);
    });

    it('should deliver, exactly once, what a re-entrant gc.collect() finds after a callback dropped more', async () => {
      const calls: string[] = [];
      const nested: Array<Promise<number>> = [];
      let holder: { next: Obj | undefined } | undefined;
      let a: Obj | undefined;
      ((): void => {
        a = new Obj('a');
        holder = { next: new Obj('b') };
      })();
      const rb = ref(holder!.next!, () => void calls.push('b'));
      const ra = ref(a!, () => {
        calls.push('a');
        holder!.next = undefined; // drops the last reference to b
        nested.push(gc.collect());
      });
      a = undefined;
      await gc.collect();
      await Promise.all(nested);
      await gc.collect();
      expect(calls).to.deep.equal(['a', 'b']);
      expect([ra(), rb()]).to.deep.equal([undefined, undefined]);
    });

    it("should deliver once when the engine's own clean-up and gc.collect() race for the same death", async () => {
      let n = 0;
      let o: Obj | undefined = new Obj();
      const r = ref(o, () => void n++);
      const d = new WeakValueDictionary<string, Obj>([['k', o]]);
      o = undefined;
      await collectWithoutCleanup(); // collected; the registry's task is now pending
      await nextMacrotask(); // it may run here, or not yet
      await gc.collect();
      await gc.collect();
      expect(n).to.equal(1);
      expect(r()).to.equal(undefined);
      expect(d.size).to.equal(0);
    });

    it('should let an async callback await gc.collect() (its promise is ignored, nothing is delivered twice)', async () => {
      let n = 0;
      let done: Promise<void> | undefined;
      let o: Obj | undefined = new Obj();
      const r = ref(o, () => {
        n++;
        done = (async () => {
          await gc.collect();
        })();
        return done;
      });
      o = undefined;
      await gc.collect();
      await within(done!, 10000, "the callback's own gc.collect()");
      await gc.collect();
      expect(n).to.equal(1);
      expect(r()).to.equal(undefined);
    });
  });

  describe('callbacks that create new references', () => {
    it('should deliver callbacks of references created inside callbacks, each once', async () => {
      const calls: string[] = [];
      const survivor = new Obj('survivor');
      const created: ref[] = [];
      let o: Obj | undefined = new Obj();
      const r = ref(o, () => {
        calls.push('outer');
        // A reference to a live object, and to objects that die at once.
        created.push(ref(survivor, () => void calls.push('survivor')));
        created.push(ref(new Obj(), () => void calls.push('temp1')));
        created.push(proxy(new Obj(), () => void calls.push('temp2')) as unknown as ref);
        created.push(
          ref(new Obj(), () => {
            calls.push('temp3');
            created.push(ref(new Obj(), () => void calls.push('temp3-child')));
          }),
        );
      });
      o = undefined;
      await gc.collect();
      await gc.collect();
      expect(calls.filter((c) => c === 'outer')).to.have.length(1);
      expect(calls).to.include.members(['temp1', 'temp2', 'temp3', 'temp3-child']);
      expect(new Set(calls).size, 'nothing twice').to.equal(calls.length);
      expect(calls).to.not.include('survivor');
      expect(created[0](), 'the reference to the live object works').to.equal(survivor);
      expect(getweakrefcount(survivor)).to.equal(1);
      expect(r()).to.equal(undefined);
    });

    it('should let a callback add entries to containers, which then behave normally', async () => {
      const d = new WeakValueDictionary<string, Obj>();
      const wkd = new WeakKeyDictionary<Obj, number>();
      const s = new PyWeakSet<Obj>();
      const keep = new Obj('keep');
      let o: Obj | undefined = new Obj();
      const adder = ref(o, () => {
        d.set('keep', keep).set('temp', new Obj());
        wkd.set(keep, 1).set(new Obj(), 2);
        s.add(keep);
        s.add(new Obj());
      });
      const kept = ref(o, () => undefined);
      o = undefined;
      await gc.collect();
      await gc.collect();
      expect([...d.items()]).to.deep.equal([['keep', keep]]);
      expect([...wkd.items()]).to.deep.equal([[keep, 1]]);
      expect([...s]).to.deep.equal([keep]);
      expect([d.size, wkd.size, s.size]).to.deep.equal([1, 1, 1]);
      expect([kept(), adder()]).to.deep.equal([undefined, undefined]);
    });
  });
});
