/**
 * Leak soak: create/drop cycles of every kind of weak thing the library makes, with `gc.collect()`
 * between batches. Afterwards nothing may be left in the library's internal tables, every callback
 * and finalizer must have run exactly once (nothing lost), and the heap used after the last collection
 * must be back within 10% of where it started.
 *
 * Default: a few thousand cycles per kind (fast). `SOAK=1` (`npm run soak`): 10^6 cycles per kind, in
 * batches of 10,000 per collection. See docs/reliability.md for the figures.
 *
 * Lifetimes: every cycle's objects are created in a plain function (`batch`) that returns only what
 * the kind needs kept (reference objects whose callbacks must run); the referents die with its frame.
 * Callbacks and finalizer functions are module-level counters: they capture nothing.
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
import { allTableSizes } from '../../src/internal/table-sizes';
import { tableSizes } from '../../src/internal/lifecycle';
import { liveFinalizerCount } from '../../src/finalize';
import { count, figures, SOAK, SOAK_CYCLES } from './support/config';

class Thing {
  payload = [1, 2, 3];
  m(): number {
    return this.payload.length;
  }
}

let delivered = 0;
const onDeath = (): void => {
  delivered++;
};
const onFinalize = (n: number): void => {
  delivered += n;
};

interface Kind {
  name: string;
  /** Creates `n` cycles' worth; returns what must stay alive until the referents are collected. */
  batch(n: number, i0: number): unknown[];
  /** After the collection: checks on what was kept; returns how many deliveries the batch expects. */
  after(kept: unknown[], n: number): number;
  /** At the end: the container is empty. */
  finish?(): void;
}

const wvd = new WeakValueDictionary<number, Thing>();
const wkd = new WeakKeyDictionary<Thing, number>();
const ws = new PyWeakSet<Thing>();

const KINDS: Kind[] = [
  {
    name: 'refs with callbacks',
    batch: (n) => Array.from({ length: n }, () => ref(new Thing(), onDeath)),
    after: (kept, n) => {
      expect((kept[0] as ref)(), 'a ref of the batch is dead').to.equal(undefined);
      return n;
    },
  },
  {
    name: 'proxies with callbacks',
    batch: (n) => Array.from({ length: n }, () => proxy(new Thing(), onDeath)),
    after: (kept, n) => {
      expect(() => (kept[kept.length - 1] as Thing).payload).to.throw(ReferenceError);
      return n;
    },
  },
  {
    name: 'WeakValueDictionary entries',
    batch: (n, i0) => {
      for (let i = 0; i < n; i++) wvd.set(i0 + i, new Thing());
      return [];
    },
    after: () => {
      expect(wvd.size, 'every entry went with its value').to.equal(0);
      return 0;
    },
    finish: () => expect(wvd.size).to.equal(0),
  },
  {
    name: 'WeakKeyDictionary entries',
    batch: (n, i0) => {
      for (let i = 0; i < n; i++) wkd.set(new Thing(), i0 + i);
      return [];
    },
    after: () => {
      expect(wkd.size, 'every entry went with its key').to.equal(0);
      return 0;
    },
    finish: () => expect(wkd.size).to.equal(0),
  },
  {
    name: 'WeakSet members',
    batch: (n) => {
      for (let i = 0; i < n; i++) ws.add(new Thing());
      return [];
    },
    after: () => {
      expect(ws.size, 'every member left').to.equal(0);
      return 0;
    },
    finish: () => expect(ws.size).to.equal(0),
  },
  {
    name: 'WeakMethods with callbacks',
    batch: (n) => Array.from({ length: n }, () => new WeakMethod(new Thing(), 'm', onDeath)),
    after: (kept, n) => {
      expect((kept[0] as WeakMethod)(), 'a WeakMethod of the batch is dead').to.equal(undefined);
      return n;
    },
  },
  {
    name: 'finalizers',
    // Finalizers keep themselves alive: nothing needs keeping here.
    batch: (n) => {
      for (let i = 0; i < n; i++) finalize(new Thing(), onFinalize, 1);
      return [];
    },
    after: (_kept, n) => n,
    finish: () => expect(liveFinalizerCount(), 'every finalizer ran and let go').to.equal(0),
  },
];

const BATCH = Math.min(SOAK ? 10_000 : 2_500, Math.max(1, SOAK_CYCLES));

function heapUsed(): number {
  return process.memoryUsage().heapUsed;
}

/** The smallest heap over a few collections: a leak raises the floor, noise does not. */
async function settledHeap(): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < 3; i++) {
    await gc.collect();
    min = Math.min(min, heapUsed());
  }
  return min;
}

/** One batch in a frame of its own; resolves to nothing, so nothing of the batch outlives it. */
async function runBatch(kind: Kind, n: number, i0: number): Promise<number> {
  let kept: unknown[] | undefined = kind.batch(n, i0);
  const before = delivered;
  await gc.collect();
  const expected = kind.after(kept, n);
  kept = undefined;
  return delivered - before - expected;
}

const MiB = 1024 * 1024;

describe('Reliability: leak soak', function () {
  this.timeout(0);

  for (const kind of KINDS) {
    it(`should leak nothing over ${SOAK_CYCLES.toLocaleString('en')} create/drop cycles of ${kind.name}`, async () => {
      await runBatch(kind, Math.min(BATCH, 100), 0); // warm-up: compiled code and lazily created tables
      // The baseline after collections (tableSizes() counts exactly only then).
      const heapBefore = await settledHeap();
      const tablesBefore = allTableSizes();
      const coreBefore = tableSizes();
      const finalizersBefore = liveFinalizerCount();
      const started = process.hrtime.bigint();
      let lost = 0;
      for (let done = 0; done < SOAK_CYCLES; done += BATCH)
        lost += await runBatch(kind, Math.min(BATCH, SOAK_CYCLES - done), done);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const heapAfter = await settledHeap();
      kind.finish?.();

      expect(lost, 'callbacks and finalizers delivered exactly once per cycle').to.equal(0);
      expect(allTableSizes(), 'internal tables back to their size before the soak').to.deep.equal(tablesBefore);
      expect(tableSizes(), 'core weak lists in use').to.deep.equal(coreBefore);
      expect(liveFinalizerCount()).to.equal(finalizersBefore);
      // 10% of the starting heap, as the issue asks; at least 1 MiB, because after a full collection
      // V8's heap still moves by a few hundred KiB between identical states (code, feedback vectors,
      // inline caches of the functions just run), which on a small test heap is more than 10%.
      const tolerance = Math.max(heapBefore * 0.1, MiB);
      const line =
        `${SOAK_CYCLES} cycles in ${ms.toFixed(0)} ms (${((ms * 1e3) / SOAK_CYCLES).toFixed(2)} µs/cycle), ` +
        `heap ${(heapBefore / MiB).toFixed(1)} MiB -> ${(heapAfter / MiB).toFixed(1)} MiB`;
      figures[`soak: ${kind.name}`] = line;
      count('soak cycles', SOAK_CYCLES);
      expect(heapAfter - heapBefore, `heap grew too much: ${kind.name}: ${line}`).to.be.at.most(tolerance);
    });
  }
});
