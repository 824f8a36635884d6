/**
 * `gc.collect()`: deterministic, flag-free, cascading, and callbacks also arrive without it (CONTRACT §9).
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { ref, gc } from '../src';
import { tableSizes } from '../src/internal/lifecycle';
import { getForceGc } from '../src/internal/force-gc';
import { C } from './support/lifetime';
import { ROOT } from './support/root';
import { runFixture } from './support/fixture-process';

/** Makes a referent with a counting callback; the referent is garbage when this returns. */
function makeDroppedReferent(counter: { n: number }, keep: unknown[]): void {
  keep.push(ref(new C(), () => counter.n++));
}

/**
 * A chain of n referents: the callback of link i drops the last strong reference to referent i + 1.
 * Returns the holder of the head; dropping it starts the cascade.
 */
function buildChain(n: number, events: number[]): { head?: C; refs: unknown[] } {
  const keep: { head?: C; refs: unknown[] } = { head: new C(), refs: [] };
  let holder: { next?: C } = keep as { next?: C };
  let target: C = keep.head!;
  for (let i = 0; i < n; i++) {
    const nextHolder: { next?: C } = { next: new C() };
    keep.refs.push(nextHolder);
    keep.refs.push(
      ref(target, () => {
        events.push(i);
        nextHolder.next = undefined;
      }),
    );
    holder = nextHolder;
    target = nextHolder.next!;
  }
  void holder;
  return keep;
}

describe('gc.collect()', () => {
  it('should run in this process without --expose-gc', () => {
    expect(process.execArgv.join(' ')).not.to.include('expose-gc');
    expect(process.env.NODE_OPTIONS ?? '').not.to.include('expose-gc');
    expect((globalThis as { gc?: unknown }).gc, 'the library must not install a global gc').to.equal(undefined);
  });

  it('should be deterministic: 1,000 rounds of create / drop / collect fire exactly 1,000 callbacks', async function () {
    // In a child process of its own (spec/fixtures/collect-determinism.ts): the same loop, in a heap
    // of a few MB instead of this worker's, where each collection costs several times more.
    this.timeout(300_000);
    const result = await runFixture('collect-determinism', '1000');
    expect(result.stderr).to.equal('');
    expect(result.stdout.trim()).to.equal('callbacks: 1000');
    expect(result.code).to.equal(0);
  });

  it('should be deterministic in a test runner too: 50 rounds in this process', async function () {
    this.timeout(120_000);
    const counter = { n: 0 };
    const keep: unknown[] = [];
    for (let i = 0; i < 50; i++) {
      makeDroppedReferent(counter, keep);
      await gc.collect();
      if (counter.n !== i + 1) expect.fail(`round ${i}: ${counter.n} callbacks instead of ${i + 1}`);
    }
    expect(counter.n).to.equal(50);
  });

  it('should follow cascades in one call: a callback that drops the last reference to another object', async () => {
    const events: string[] = [];
    const holder: { next?: C } = { next: new C() };
    const second = ref(holder.next!, () => events.push('second'));
    let first: C | undefined = new C();
    const firstRef = ref(first, () => {
      events.push('first');
      holder.next = undefined; // drops the last strong reference to the second referent
    });
    first = undefined;
    await gc.collect();
    expect(events).to.deep.equal(['first', 'second']);
    void [second, firstRef];
  });

  it('should follow a chain of 50 cascading deaths in one call', async () => {
    const events: number[] = [];
    // Built in a plain function: the async test's own registers must not hold any link of the chain.
    const keep = buildChain(50, events);
    keep.head = undefined;
    await gc.collect();
    expect(events).to.deep.equal(Array.from({ length: 50 }, (_, i) => i));
  });

  it('should resolve to the number of references it cleared', async () => {
    await gc.collect();
    let o: C | undefined = new C();
    const refs = [ref(o), ref(o, () => {}), ref(o, () => {})];
    o = undefined;
    expect(await gc.collect()).to.equal(3);
    expect(await gc.collect()).to.equal(0);
    void refs;
  });

  it('should not depend on timers a test may have faked after loading the library', async () => {
    const saved = { setImmediate: globalThis.setImmediate, setTimeout: globalThis.setTimeout };
    (globalThis as { setImmediate: unknown }).setImmediate = () => {
      throw new Error('fake setImmediate called');
    };
    (globalThis as { setTimeout: unknown }).setTimeout = () => {
      throw new Error('fake setTimeout called');
    };
    let n = 0;
    try {
      let o: C | undefined = new C();
      const r = ref(o, () => n++);
      o = undefined;
      await gc.collect();
      void r;
    } finally {
      globalThis.setImmediate = saved.setImmediate;
      globalThis.setTimeout = saved.setTimeout;
    }
    expect(n).to.equal(1);
  });

  it('should deliver callbacks by itself after an engine collection, without gc.collect()', async () => {
    let n = 0;
    let o: C | undefined = new C();
    const r = ref(o, () => n++);
    o = undefined;
    await new Promise((resolve) => setImmediate(resolve));
    getForceGc()!(); // an engine collection, without the library's sweep
    for (let turn = 0; turn < 100 && n === 0; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(n).to.equal(1);
    expect(r()).to.equal(undefined);
  });

  it("should keep the engine's registry clean-up going when another registry dies dirty", async function () {
    // V8 cleans dirty FinalizationRegistries one per task; a registry made dirty and then dropped before
    // its task runs is pruned by the next full collection, and the task, finding no registry, used to
    // stop the clean-up of every registry of the process (docs/gc-semantics.md). The library keeps one
    // registration of its own dying at every collection, so the task always finds its registry.
    this.timeout(60_000);
    const forceGc = getForceGc()!;
    const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    for (let round = 0; round < 20; round++) {
      let dirty: FinalizationRegistry<number> | undefined = ((): FinalizationRegistry<number> => {
        const fr = new FinalizationRegistry<number>(() => {});
        fr.register({}, 1);
        return fr;
      })();
      forceGc(); // its target dies: dirty, clean-up task posted
      dirty = undefined;
      void dirty;
      forceGc(); // unreachable: pruned from the dirty list before the task runs
      await tick();
      let n = 0;
      const r = ((): ref<C> => ref(new C(), () => n++))();
      await tick();
      forceGc();
      for (let turn = 0; turn < 200 && n === 0; turn++) await tick();
      expect(n, `round ${round}: a callback after the engine's collection, without gc.collect()`).to.equal(1);
      expect(r()).to.equal(undefined);
    }
  });

  it('should return its tables to their size once the referents are gone', async () => {
    await gc.collect();
    const before = tableSizes().liveLists;
    const keep: unknown[] = [];
    const counter = { n: 0 };
    for (let i = 0; i < 1000; i++) makeDroppedReferent(counter, keep);
    expect(tableSizes().liveLists).to.be.at.least(before + 1000);
    await gc.collect();
    expect(counter.n).to.equal(1000);
    expect(tableSizes().liveLists).to.equal(before);
  });

  it('should drop the list of a live referent once all its reference objects are gone', async () => {
    await gc.collect();
    const before = tableSizes().liveLists;
    const o = new C();
    (() => {
      ref(o);
      ref(o, () => {});
    })();
    expect(tableSizes().liveLists).to.equal(before + 1);
    await gc.collect();
    expect(tableSizes().liveLists).to.equal(before);
    expect(ref(o)()).to.equal(o);
  });

  it('should reject with a clear error where no collection can be forced', function () {
    this.timeout(60_000);
    const out = execFileSync(
      process.execPath,
      ['-r', 'ts-node/register', path.join(ROOT, 'spec', 'fixtures', 'no-gc.ts')],
      {
        encoding: 'utf8',
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' },
      },
    );
    expect(out.trim()).to.match(/^rejected: gc\.collect\(\): this engine cannot force a garbage collection/);
  });
});
