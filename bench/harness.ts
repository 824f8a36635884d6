/**
 * The timing core of `npm run bench`: interleaved rounds of ours vs baseline after warm-up, median
 * ns/op of each side, ratio = ours / baseline.
 *
 * Why it is shaped this way:
 * - Every timed batch runs in its own macrotask (`await nextTask()` first). V8 keeps the target of a
 *   WeakRef that was created or deref()'d in the current job alive until the job ends, in a
 *   "KeepDuringJob" set that grows with every distinct target; one long synchronous loop would make
 *   later derefs slower than earlier ones and keep garbage alive. Both sides pay the same rule.
 * - Each benchmark writes its own loop (`run(n)`), so the operation is inlined into a monomorphic
 *   loop for both sides; a shared `for (...) op()` driver would make the call site megamorphic and
 *   measure the driver instead of the operation.
 * - Rounds alternate the order (ours first, then baseline first) so that drift of the shared machine
 *   (other processes, CPU frequency) hits both sides alike; the medians are robust to the odd slow
 *   batch. Absolute ns/op drift 2-3x between runs on a shared 2-core machine, ratios much less.
 * - The default clock is the process's CPU time (`process.cpuUsage()`, user + system, microsecond
 *   resolution against batches of milliseconds), not the wall clock: on a machine shared with other
 *   jobs, wall time also counts the time this process waited for a core, which says nothing about
 *   the operation. CPU time includes the engine's helper threads (concurrent GC), a real cost that
 *   both sides pay. `--clock wall` switches to `process.hrtime`.
 */

/** A timed unit: `run(n)` performs the operation `n` times and returns something (kept as a sink). */
export interface Batch {
  /** Untimed set-up for the next `run(n)` (for example `n` fresh referents), done in the job before. */
  prepare?(n: number): void;
  run(n: number): unknown;
  /** A fixed batch size instead of a calibrated one (an operation measured once per job). */
  fixedN?: number;
  /**
   * The largest batch, for operations that allocate weak objects: everything a job creates a WeakRef
   * to stays alive until the job ends, so a batch of a million creations would measure the collector
   * promoting a job's worth of garbage, not the operation (real programs make a few per job).
   */
  maxN?: number;
}

/** `maxN` of the operations that create references, registrations or entries. */
export const CREATION_BATCH = 16_384;

export type Mode = 'full' | 'quick' | 'micro';

export type Clock = 'cpu' | 'wall';

export interface Config {
  mode: Mode;
  /** What a batch is timed with (see the file comment). */
  clock: Clock;
  /** Target duration of one timed batch, in milliseconds. */
  batchMs: number;
  /** Untimed batches per side after calibration: at least this many, and at least `warmupMs` long. */
  warmup: number;
  warmupMs: number;
  /** Timed batches per side. */
  rounds: number;
  /** Largest `n` a batch may have (bounds the memory of `prepare`). */
  maxBatch: number;
  /** The hot working set (cache-resident). */
  hot: number;
  /** The cold working set (distinct keys, visited in a random order). */
  cold: number;
  /** Entry counts of the scale run. */
  scaleSizes: number[];
  /** Entries per memory measurement. */
  memoryN: number;
  /** Only these memory kinds (bench/memory-child.ts), or all when absent. */
  memoryKinds?: string[];
  /** Only the memory pairs whose id passes (`--filter`). */
  memoryFilter?: (id: string) => boolean;
  /** Live registrations of the sweep measurement. */
  sweepN: number;
  /** Repetitions of the sweep / gc.collect() measurement. */
  sweepRounds: number;
  /** Seconds CPython's timeit may spend per operation (autorange target). */
  pythonSeconds: number;
}

export function configFor(mode: Mode): Config {
  switch (mode) {
    case 'full':
      return {
        mode,
        clock: 'cpu',
        batchMs: 8,
        warmup: 4,
        warmupMs: 150,
        rounds: 15,
        maxBatch: 1 << 20,
        hot: 1024,
        cold: 262_144,
        scaleSizes: [10_000, 100_000, 1_000_000],
        memoryN: 1_000_000,
        sweepN: 10_000,
        sweepRounds: 15,
        pythonSeconds: 0.2,
      };
    case 'quick':
      return {
        mode,
        clock: 'cpu',
        batchMs: 2,
        warmup: 2,
        warmupMs: 30,
        rounds: 7,
        maxBatch: 1 << 18,
        hot: 1024,
        cold: 262_144,
        scaleSizes: [10_000, 100_000],
        memoryN: 50_000,
        sweepN: 10_000,
        sweepRounds: 7,
        pythonSeconds: 0.02,
      };
    case 'micro':
      // The smoke spec's configuration: every section runs end to end, nothing is meaningful.
      return {
        mode,
        clock: 'cpu',
        batchMs: 0.3,
        warmup: 1,
        warmupMs: 1,
        rounds: 2,
        maxBatch: 1 << 12,
        hot: 64,
        cold: 4_096,
        scaleSizes: [1_000],
        memoryN: 2_000,
        memoryKinds: ['ref-cb', 'ref-cb-native'],
        sweepN: 1_000,
        sweepRounds: 2,
        pythonSeconds: 0.002,
      };
  }
}

const realSetImmediate = globalThis.setImmediate;

/**
 * Lets the collector's concurrent work finish (after a forced `gc()`, sweeper threads keep running for
 * a few milliseconds): single-threaded work timed on the process CPU clock right after `gc()` would be
 * charged for theirs. (Linux's per-thread `schedstat` is only updated at scheduler ticks, too coarse
 * for a millisecond, and Node 20 has no per-thread CPU clock.)
 */
export async function settleCollector(ms = 15): Promise<void> {
  await nextTask();
  await new Promise((resolve) => setTimeout(resolve, ms));
  await nextTask();
}

/** Resolves in a new macrotask, so the next batch starts a new job (see the file comment). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}

/** Where results go so that the optimiser cannot drop the work. */
export let sink: unknown;

export function now(): bigint {
  return process.hrtime.bigint();
}

/** CPU time of this process (all threads), in nanoseconds. */
export function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

/** Times one batch of `n` in a fresh macrotask; returns total nanoseconds on the configured clock. */
async function timeBatch(b: Batch, n: number, cfg: Config): Promise<number> {
  const clock = cfg.clock;
  if (b.prepare !== undefined) b.prepare(n);
  await nextTask();
  if (clock === 'cpu') {
    const c0 = cpuNow();
    sink = b.run(n);
    return cpuNow() - c0;
  }
  const t0 = now();
  sink = b.run(n);
  const t1 = now();
  return Number(t1 - t0);
}

/**
 * Finds the `n` for which one batch lasts `batchMs`. The estimate uses the fastest per-operation time
 * seen, never the last one: a batch slowed by a collection or by the machine's other jobs must not lock
 * in a small `n`, because a small batch over-weights what each job pays once (the first `deref()` of
 * each target, a cache filled per job) and measures that instead of the operation.
 */
async function calibrate(b: Batch, cfg: Config, start = 8): Promise<number> {
  if (b.fixedN !== undefined) return b.fixedN;
  const target = cfg.batchMs * 1e6;
  const maxBatch = Math.min(cfg.maxBatch, b.maxN ?? Infinity);
  let n = Math.min(start, maxBatch);
  let best = Infinity;
  for (let step = 0; step < 40; step++) {
    const t = await timeBatch(b, n, cfg);
    if (t > 0) best = Math.min(best, t / n);
    if ((t >= target && n >= 1024) || n >= maxBatch) break;
    const factor = t <= 0 ? 16 : Math.min(16, Math.max(2, target / t));
    n = Math.min(maxBatch, Math.ceil(n * factor));
  }
  const wanted = Number.isFinite(best) ? Math.ceil(target / best) : n;
  return Math.max(Math.min(maxBatch, wanted), Math.min(n, maxBatch), Math.min(1024, maxBatch));
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface PairResult {
  ours_ns: number;
  baseline_ns: number;
  /** ours / baseline of the two medians. */
  ratio: number;
  /** Median of the per-round ratios (a second view of the same run, robust to slow drift). */
  ratio_paired: number;
}

/** Interleaved measurement of two batches: calibration, warm-up, then `rounds` alternating rounds. */
export async function measurePair(ours: Batch, base: Batch, cfg: Config): Promise<PairResult> {
  let nOurs = await calibrate(ours, cfg);
  let nBase = await calibrate(base, cfg);
  // Warm-up until both sides ran long enough for the optimising compiler to settle (a fixed count of
  // short batches leaves the first measured operation of a process half-optimised).
  let spent = 0;
  for (let i = 0; i < cfg.warmup || spent < cfg.warmupMs * 2e6; i++) {
    spent += await timeBatch(ours, nOurs, cfg);
    spent += await timeBatch(base, nBase, cfg);
    if (i > 1000) break;
  }
  // Calibrated again on optimised code: the first estimate was made while the code still ran in
  // the interpreter, and would leave batches far shorter than `batchMs`.
  nOurs = await calibrate(ours, cfg, nOurs);
  nBase = await calibrate(base, cfg, nBase);
  const o: number[] = [];
  const b: number[] = [];
  const r: number[] = [];
  // A fixed batch is short (one pass over a working set): more rounds for the same confidence.
  const rounds = ours.fixedN !== undefined || base.fixedN !== undefined ? cfg.rounds * 5 : cfg.rounds;
  for (let round = 0; round < rounds; round++) {
    let to: number;
    let tb: number;
    if (round % 2 === 0) {
      to = (await timeBatch(ours, nOurs, cfg)) / nOurs;
      tb = (await timeBatch(base, nBase, cfg)) / nBase;
    } else {
      tb = (await timeBatch(base, nBase, cfg)) / nBase;
      to = (await timeBatch(ours, nOurs, cfg)) / nOurs;
    }
    o.push(to);
    b.push(tb);
    r.push(to / tb);
  }
  if (process.env.BENCH_DEBUG) {
    const f = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' ');
    process.stderr.write(`  n ours ${nOurs} base ${nBase}\n  ours ${f(o)}\n  base ${f(b)}\n`);
  }
  // Drop the last batch's result: it may hold a whole working set (262,144 entries for the cold ones),
  // which would stay in the heap and slow every later collection.
  sink = undefined;
  const ours_ns = median(o);
  const baseline_ns = median(b);
  return { ours_ns, baseline_ns, ratio: ours_ns / baseline_ns, ratio_paired: median(r) };
}

/** A random permutation of 0..n-1 (xorshift, fixed seed: every run visits the same order). */
export function permutation(n: number): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  let x = 0x9e3779b9 | 0;
  for (let i = n - 1; i > 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = (x >>> 0) % (i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}

/** The objects every benchmark weakly references: one small class, so all sides see the same shape. */
export class Item {
  constructor(public readonly i: number) {}
  x = 1;
}

export function items(n: number): Item[] {
  const out = new Array<Item>(n);
  for (let i = 0; i < n; i++) out[i] = new Item(i);
  return out;
}

/** String keys `k0`, `k1`, ... (not array-index-like, so dict-style access takes the named path). */
export function stringKeys(n: number): string[] {
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = `k${i}`;
  return out;
}

/** One row of the `ops` table: an operation of ours against its native baseline. */
export interface OpSpec {
  /** Stable id (used to pair rows with CPython's and the peers'). */
  id: string;
  name: string;
  /** What the baseline does, in words. */
  baseline: string;
  /** The target ratio (ours / baseline), if the issue sets one. */
  target?: number;
  /** Builds our side, or says why it cannot run (a class not delivered yet). */
  ours: (() => Batch) | string;
  base: () => Batch;
}

export interface OpRow {
  id: string;
  name: string;
  ours_ns: number | null;
  baseline: string;
  baseline_ns: number | null;
  ratio: number | null;
  ratio_paired?: number | null;
  target?: number | null;
  status: 'met' | 'not met' | 'not available yet' | 'no target';
  note?: string;
}

export async function runOp(spec: OpSpec, cfg: Config): Promise<OpRow> {
  const row = { id: spec.id, name: spec.name, baseline: spec.baseline, target: spec.target ?? null };
  if (typeof spec.ours === 'string') {
    return { ...row, ours_ns: null, baseline_ns: null, ratio: null, status: 'not available yet', note: spec.ours };
  }
  const r = await measurePair(spec.ours(), spec.base(), cfg);
  const status = spec.target === undefined ? 'no target' : r.ratio <= spec.target ? 'met' : 'not met';
  return { ...row, ...r, status };
}
