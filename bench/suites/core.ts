/**
 * The core's operations: `r()`, `ref(o)` (shared basic ref), `ref(o, cb)`, and the cost of the
 * `gc.collect()` sweep per live registration.
 */
import {
  type Batch,
  type Config,
  type OpSpec,
  CREATION_BATCH,
  cpuNow,
  items,
  median,
  nextTask,
  now,
  settleCollector,
} from '../harness';
import { type Library } from '../lib';

const noop = (): void => {};

export function coreOps(lib: Library, cfg: Config): OpSpec[] {
  const { ref } = lib;
  const hot = cfg.hot;
  const mask = hot - 1;
  return [
    {
      id: 'ref.call',
      name: 'r() on a live ref',
      baseline: 'WeakRef.prototype.deref',
      target: 1.5,
      ours: (): Batch => {
        const objs = items(hot);
        const refs = objs.map((o) => ref(o));
        return {
          run(n) {
            let s;
            for (let i = 0; i < n; i++) s = refs[i & mask]();
            return [s, objs];
          },
        };
      },
      base: (): Batch => {
        const objs = items(hot);
        const wrs = objs.map((o) => new WeakRef(o));
        return {
          run(n) {
            let s;
            for (let i = 0; i < n; i++) s = wrs[i & mask].deref();
            return [s, objs];
          },
        };
      },
    },
    {
      id: 'ref.shared',
      name: 'ref(o) returning the shared basic ref',
      baseline: 'WeakMap.prototype.get',
      target: 3,
      ours: (): Batch => {
        const objs = items(hot);
        const keep = objs.map((o) => ref(o));
        return {
          run(n) {
            let s;
            for (let i = 0; i < n; i++) s = ref(objs[i & mask]);
            return [s, keep];
          },
        };
      },
      base: (): Batch => {
        const objs = items(hot);
        const wm = new WeakMap<object, object>();
        for (const o of objs) wm.set(o, {});
        return {
          run(n) {
            let s;
            for (let i = 0; i < n; i++) s = wm.get(objs[i & mask]);
            return [s, objs];
          },
        };
      },
    },
    {
      id: 'ref.shared_once',
      name: 'ref(o) shared basic ref, once per object per job',
      baseline: 'WeakMap.prototype.get',
      // No target: this is the same operation as above when the job has not asked for `ref(o)`
      // yet, so it pays the `deref()` the per-job cache saves on repeated calls.
      ours: (): Batch => {
        const objs = items(hot);
        const keep = objs.map((o) => ref(o));
        return {
          fixedN: hot,
          run(n) {
            let s;
            for (let i = 0; i < n; i++) s = ref(objs[i & mask]);
            return [s, keep];
          },
        };
      },
      base: (): Batch => {
        const objs = items(hot);
        const wm = new WeakMap<object, object>();
        for (const o of objs) wm.set(o, {});
        return {
          fixedN: hot,
          run(n) {
            let s;
            for (let i = 0; i < n; i++) s = wm.get(objs[i & mask]);
            return [s, objs];
          },
        };
      },
    },
    {
      id: 'ref.new_cb',
      name: 'ref(o, cb) new ref with callback (hot referents)',
      baseline: 'new WeakRef(o) + FinalizationRegistry.register(o, held, token)',
      target: 2,
      ours: (): Batch => {
        const objs = items(hot);
        return {
          maxN: CREATION_BATCH,
          run(n) {
            let s;
            for (let i = 0; i < n; i++) s = ref(objs[i & mask], noop);
            return s;
          },
        };
      },
      base: (): Batch => {
        const objs = items(hot);
        // A registry per batch: the registrations of 1,024 live referents would otherwise pile up
        // for the whole run (the library's links, held weakly, are collected with their refs).
        let fr = new FinalizationRegistry<number>(noop);
        return {
          maxN: CREATION_BATCH,
          prepare() {
            fr = new FinalizationRegistry<number>(noop);
          },
          run(n) {
            let s;
            for (let i = 0; i < n; i++) {
              const o = objs[i & mask];
              s = new WeakRef(o);
              fr.register(o, i, s);
            }
            return s;
          },
        };
      },
    },
    {
      id: 'ref.new_cb_fresh',
      name: 'ref(o, cb) on a fresh referent (first ref to o)',
      baseline: 'new WeakRef(o) + FinalizationRegistry.register(o, held, token)',
      target: 2,
      ours: (): Batch => {
        let fresh = items(1);
        return {
          maxN: CREATION_BATCH,
          prepare(n) {
            fresh = items(n);
          },
          run(n) {
            let s;
            for (let i = 0; i < n; i++) s = ref(fresh[i], noop);
            return s;
          },
        };
      },
      base: (): Batch => {
        let fresh = items(1);
        const fr = new FinalizationRegistry<number>(noop);
        return {
          maxN: CREATION_BATCH,
          prepare(n) {
            fresh = items(n);
          },
          run(n) {
            let s;
            for (let i = 0; i < n; i++) {
              const o = fresh[i];
              s = new WeakRef(o);
              fr.register(o, i, s);
            }
            return s;
          },
        };
      },
    },
  ];
}

export interface SweepRow {
  live_registrations: number;
  sweep_ms: number;
  /** The fastest round (the median is what counts; the minimum shows the noise). */
  sweep_ms_min: number;
  sweep_ms_per_10k: number;
  gc_ms: number;
  collect_ms: number;
  target_ms_per_10k: number;
  status: 'met' | 'not met';
}

/**
 * `gc.collect()` without `gc()`: `sweep()` timed alone, right after a forced collection in a fresh
 * macrotask (exactly where `gc.collect()` calls it), over `sweepN` live referents each holding one
 * ref with a callback. Reported per 10,000 live registrations of the library's table.
 */
export async function measureSweep(lib: Library, cfg: Config): Promise<SweepRow> {
  await lib.gc.collect();
  await lib.gc.collect();
  const objs = items(cfg.sweepN);
  const refs = objs.map((o) => lib.ref(o, noop));
  await lib.gc.collect();
  const live = lib.tableSizes().liveLists;
  const sweeps: number[] = [];
  const gcs: number[] = [];
  const collects: number[] = [];
  // gc() and sweep() on the run's clock (process CPU time by default: gc() uses helper threads, and
  // its figure is the CPU it costs). sweep() is timed once the collector's concurrent sweeper threads
  // are done (settleCollector), which would otherwise be charged to it; it does the same work as
  // right after gc() (every referent here is alive), in a job of its own.
  const clock = cfg.clock === 'wall' ? () => Number(now()) : cpuNow;
  for (let round = 0; round < cfg.sweepRounds; round++) {
    await nextTask();
    const t0 = clock();
    lib.forceGc();
    gcs.push((clock() - t0) / 1e6);
    await settleCollector();
    const s0 = clock();
    lib.sweep();
    sweeps.push((clock() - s0) / 1e6);
    await nextTask();
    const t3 = now();
    await lib.gc.collect();
    collects.push(Number(now() - t3) / 1e6);
  }
  const sweep_ms = median(sweeps);
  const perTenK = (sweep_ms * 10_000) / live;
  // The referents and their refs must be reachable until here: an async function does not keep a
  // local alive across `await` unless it is used afterwards.
  if (lib.tableSizes().liveLists < live || objs.length !== refs.length)
    throw new Error('sweep: the live set shrank during the measurement');
  return {
    live_registrations: live,
    sweep_ms,
    sweep_ms_min: Math.min(...sweeps),
    sweep_ms_per_10k: perTenK,
    gc_ms: median(gcs),
    collect_ms: median(collects),
    target_ms_per_10k: 2,
    status: perTenK <= 2 ? 'met' : 'not met',
  };
}
