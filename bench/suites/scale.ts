/**
 * The scale run: how set / get / iteration / `size` / `gc.collect()` cost grows from 10^4 to 10^6
 * live entries, for each container and for refs with callbacks, next to the native equivalent.
 *
 * Each operation is timed over all N entries, in chunks of 16,384 operations, each chunk in its own
 * macrotask (the keep-during-job set of the engine would otherwise grow with N and distort the
 * figures); iteration, being one user-visible operation, runs in one job. `gc.collect()` is timed
 * whole, and its two parts apart: the forced `gc()` and the library's `sweep()`.
 */
import { type Config, cpuNow, items, median, nextTask, now, settleCollector, stringKeys } from '../harness';
import { type Any, type Library } from '../lib';
import { NativeValueMap } from './containers';

const CHUNK = 16_384;
const noop = (): void => {};

export interface ScaleRow {
  subject: string;
  n: number;
  /** ns per operation (set/add/create, get/has/call, size) or per entry (iteration). */
  set_ns: number | null;
  get_ns: number | null;
  iter_ns: number | null;
  size_ns: number | null;
  /** Milliseconds for one `await gc.collect()` with N live entries, and its parts. */
  collect_ms: number | null;
  gc_ms: number | null;
  sweep_ms: number | null;
  baseline: string;
  baseline_set_ns: number | null;
  baseline_get_ns: number | null;
  baseline_iter_ns: number | null;
  baseline_size_ns: number | null;
}

/** `fn(from, to)` over [0, n) in chunks, one macrotask each; returns ns per operation. */
async function chunked(n: number, cfg: Config, fn: (from: number, to: number) => unknown): Promise<number> {
  let total = 0;
  for (let from = 0; from < n; from += CHUNK) {
    const to = Math.min(n, from + CHUNK);
    await nextTask();
    total += timed(cfg, () => fn(from, to));
  }
  return total / n;
}

let sink: unknown;

function timed(cfg: Config, fn: () => unknown): number {
  if (cfg.clock === 'cpu') {
    const c0 = cpuNow();
    sink = fn();
    return cpuNow() - c0;
  }
  const t0 = now();
  sink = fn();
  return Number(now() - t0);
}

/** One full iteration in one job; returns ns per entry visited. */
async function iterated(n: number, cfg: Config, fn: () => number): Promise<number> {
  await nextTask();
  let count = 0;
  const t = timed(cfg, () => (count = fn()));
  return t / Math.max(1, count || n);
}

/** `size` read 10,000 times in one job; returns ns per read. */
async function sized(cfg: Config, fn: (reps: number) => number): Promise<number> {
  await nextTask();
  const reps = 10_000;
  return timed(cfg, () => fn(reps)) / reps;
}

/** `gc.collect()`, `gc()` and `sweep()` with the current live set, medians of a few rounds (ms). */
async function collectCost(
  lib: Library,
  rounds: number,
): Promise<{ collect_ms: number; gc_ms: number; sweep_ms: number }> {
  await lib.gc.collect();
  const c: number[] = [];
  const g: number[] = [];
  const s: number[] = [];
  for (let r = 0; r < rounds; r++) {
    await nextTask();
    const t0 = now();
    await lib.gc.collect();
    c.push(Number(now() - t0) / 1e6);
    await nextTask();
    const t1 = now();
    lib.forceGc();
    g.push(Number(now() - t1) / 1e6);
    // sweep() once the collector's helper threads are done (see measureSweep in core.ts).
    await settleCollector();
    const s0 = cpuNow();
    lib.sweep();
    s.push((cpuNow() - s0) / 1e6);
  }
  return { collect_ms: median(c), gc_ms: median(g), sweep_ms: median(s) };
}

function emptyRow(subject: string, n: number, baseline: string): ScaleRow {
  return {
    subject,
    n,
    set_ns: null,
    get_ns: null,
    iter_ns: null,
    size_ns: null,
    collect_ms: null,
    gc_ms: null,
    sweep_ms: null,
    baseline,
    baseline_set_ns: null,
    baseline_get_ns: null,
    baseline_iter_ns: null,
    baseline_size_ns: null,
  };
}

async function scaleWvd(lib: Library, n: number, cfg: Config): Promise<ScaleRow> {
  const row = emptyRow('WeakValueDictionary', n, 'Map + WeakRef + FinalizationRegistry');
  let keys: string[] | undefined = stringKeys(n);
  let vals: object[] | undefined = items(n);
  {
    let d: Any = new lib.WeakValueDictionary();
    row.set_ns = await chunked(n, cfg, (a, b) => {
      for (let i = a; i < b; i++) d.set(keys![i], vals![i]);
    });
    row.get_ns = await chunked(n, cfg, (a, b) => {
      let s;
      for (let i = a; i < b; i++) s = d.get(keys![i]);
      return s;
    });
    row.iter_ns = await iterated(n, cfg, () => {
      let c = 0;
      for (const e of d.items()) if (e[1] !== undefined) c++;
      return c;
    });
    row.size_ns = await sized(cfg, (reps) => {
      let s = 0;
      for (let i = 0; i < reps; i++) s += d.size;
      return s;
    });
    Object.assign(row, await collectCost(lib, cfg.sweepRounds > 3 ? 3 : cfg.sweepRounds));
    d = undefined;
  }
  await lib.gc.collect();
  {
    let m: NativeValueMap | undefined = new NativeValueMap();
    row.baseline_set_ns = await chunked(n, cfg, (a, b) => {
      for (let i = a; i < b; i++) m!.set(keys![i], vals![i]);
    });
    row.baseline_get_ns = await chunked(n, cfg, (a, b) => {
      const map = m!.map;
      let s;
      for (let i = a; i < b; i++) s = map.get(keys![i])?.deref();
      return s;
    });
    row.baseline_iter_ns = await iterated(n, cfg, () => {
      let c = 0;
      for (const [, w] of m!.map) if (w.deref() !== undefined) c++;
      return c;
    });
    row.baseline_size_ns = await sized(cfg, (reps) => {
      let s = 0;
      for (let i = 0; i < reps; i++) s += m!.map.size;
      return s;
    });
    m = undefined;
  }
  keys = undefined;
  vals = undefined;
  await lib.gc.collect();
  return row;
}

async function scaleWkd(lib: Library, n: number, cfg: Config): Promise<ScaleRow> {
  const row = emptyRow('WeakKeyDictionary', n, 'WeakMap (no iteration, no size)');
  let objs: object[] | undefined = items(n);
  {
    let d: Any = new lib.WeakKeyDictionary();
    row.set_ns = await chunked(n, cfg, (a, b) => {
      for (let i = a; i < b; i++) d.set(objs![i], i);
    });
    row.get_ns = await chunked(n, cfg, (a, b) => {
      let s;
      for (let i = a; i < b; i++) s = d.get(objs![i]);
      return s;
    });
    row.iter_ns = await iterated(n, cfg, () => {
      let c = 0;
      for (const e of d.items()) if (e[1] !== undefined) c++;
      return c;
    });
    row.size_ns = await sized(cfg, (reps) => {
      let s = 0;
      for (let i = 0; i < reps; i++) s += d.size;
      return s;
    });
    Object.assign(row, await collectCost(lib, cfg.sweepRounds > 3 ? 3 : cfg.sweepRounds));
    d = undefined;
  }
  await lib.gc.collect();
  {
    let wm: WeakMap<object, number> | undefined = new WeakMap();
    row.baseline_set_ns = await chunked(n, cfg, (a, b) => {
      for (let i = a; i < b; i++) wm!.set(objs![i], i);
    });
    row.baseline_get_ns = await chunked(n, cfg, (a, b) => {
      let s;
      for (let i = a; i < b; i++) s = wm!.get(objs![i]);
      return s;
    });
    wm = undefined;
  }
  objs = undefined;
  await lib.gc.collect();
  return row;
}

async function scaleWeakSet(lib: Library, n: number, cfg: Config): Promise<ScaleRow> {
  const row = emptyRow('WeakSet', n, 'native WeakSet (no iteration, no size)');
  let objs: object[] | undefined = items(n);
  {
    let s: Any = new lib.WeakSet();
    row.set_ns = await chunked(n, cfg, (a, b) => {
      for (let i = a; i < b; i++) s.add(objs![i]);
    });
    row.get_ns = await chunked(n, cfg, (a, b) => {
      let c = 0;
      for (let i = a; i < b; i++) if (s.has(objs![i])) c++;
      return c;
    });
    row.iter_ns = await iterated(n, cfg, () => {
      let c = 0;
      for (const m of s) if (m !== undefined) c++;
      return c;
    });
    row.size_ns = await sized(cfg, (reps) => {
      let t = 0;
      for (let i = 0; i < reps; i++) t += s.size;
      return t;
    });
    Object.assign(row, await collectCost(lib, cfg.sweepRounds > 3 ? 3 : cfg.sweepRounds));
    s = undefined;
  }
  await lib.gc.collect();
  {
    let ws: WeakSet<object> | undefined = new WeakSet();
    row.baseline_set_ns = await chunked(n, cfg, (a, b) => {
      for (let i = a; i < b; i++) ws!.add(objs![i]);
    });
    row.baseline_get_ns = await chunked(n, cfg, (a, b) => {
      let c = 0;
      for (let i = a; i < b; i++) if (ws!.has(objs![i])) c++;
      return c;
    });
    ws = undefined;
  }
  objs = undefined;
  await lib.gc.collect();
  return row;
}

async function scaleRefs(lib: Library, n: number, cfg: Config): Promise<ScaleRow> {
  const row = emptyRow('ref(o, cb)', n, 'WeakRef + FinalizationRegistry.register with token');
  let objs: object[] | undefined = items(n);
  {
    let refs: Any[] | undefined = new Array(n);
    row.set_ns = await chunked(n, cfg, (a, b) => {
      for (let i = a; i < b; i++) refs![i] = lib.ref(objs![i], noop);
    });
    row.get_ns = await chunked(n, cfg, (a, b) => {
      let s;
      for (let i = a; i < b; i++) s = refs![i]();
      return s;
    });
    Object.assign(row, await collectCost(lib, cfg.sweepRounds > 3 ? 3 : cfg.sweepRounds));
    refs = undefined;
  }
  await lib.gc.collect();
  {
    let wrs: Array<WeakRef<object>> | undefined = new Array(n);
    const fr = new FinalizationRegistry<number>(noop);
    row.baseline_set_ns = await chunked(n, cfg, (a, b) => {
      for (let i = a; i < b; i++) {
        const o = objs![i];
        const w = new WeakRef(o);
        fr.register(o, i, w);
        wrs![i] = w;
      }
    });
    row.baseline_get_ns = await chunked(n, cfg, (a, b) => {
      let s;
      for (let i = a; i < b; i++) s = wrs![i].deref();
      return s;
    });
    wrs = undefined;
  }
  objs = undefined;
  await lib.gc.collect();
  return row;
}

export interface ScaleSubject {
  name: string;
  missing?: string;
  run: (lib: Library, n: number, cfg: Config) => Promise<ScaleRow>;
}

export function scaleSubjects(lib: Library): ScaleSubject[] {
  return [
    { name: 'ref(o, cb)', run: scaleRefs },
    { name: 'WeakValueDictionary', missing: lib.missing.WeakValueDictionary, run: scaleWvd },
    { name: 'WeakKeyDictionary', missing: lib.missing.WeakKeyDictionary, run: scaleWkd },
    { name: 'WeakSet', missing: lib.missing.WeakSet, run: scaleWeakSet },
  ];
}

export { sink as scaleSink };
