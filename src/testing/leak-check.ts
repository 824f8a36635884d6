/**
 * `assertNoLeak` / `measureLeak`: run a function many times and check that the library's internal
 * tables and the heap return to their baseline after `gc.collect()`.
 *
 * Why both measures: the tables (weak lists, and whatever containers and finalize register) are exact
 * and catch a leak of one reference object per iteration; the heap catches leaks of plain objects the
 * library never sees, with a tolerance because a heap is never byte-for-byte the same after a
 * collection. Neither needs a heap snapshot (Jest's --detectLeaks) nor --expose-gc. A check that fails
 * then says what grew and who holds it (leak-growth.ts: further runs and one heap snapshot, in Node).
 *
 * Nothing here keeps what `fn` returns: each run happens in a small async function of its own whose
 * frame ends with the run (the loop's frame would otherwise keep the last result across `await`).
 */
import { gc } from '../index';
import { allTableSizes } from '../internal/table-sizes';
import { typeName } from '../internal/weakrefable';
import { LifetimeAssertionError } from './assertion-error';
import { signed, testingMessages } from './messages';
import { explainLeak, type LeakGrowth } from './leak-growth';

/**
 * Options of {@link assertNoLeak} and {@link measureLeak}.
 *
 * @example
 * ```ts
 * await assertNoLeak(fn, { iterations: 1000, heapToleranceBytes: 64 * 1024, message: 'subscribe' });
 * ```
 * @see https://docs.python.org/3/library/gc.html#gc.collect
 */
export interface LeakCheckOptions {
  /** Runs measured after the baseline. Default 100. */
  iterations?: number;
  /**
   * Runs before the baseline, so that one-time allocations (compiled code, lazily created tables,
   * module state) are not taken for a leak. Default `min(iterations, 10)`.
   */
  warmup?: number;
  /**
   * How many bytes the heap may have grown after the runs and a collection. Default 256 KiB, above the
   * noise of a Node heap after a full collection; lower it with more iterations to catch smaller leaks
   * (a leak of `b` bytes per run shows as `b * iterations`).
   */
  heapToleranceBytes?: number;
  /** Prefixed to the failure message. */
  message?: string;
  /**
   * Whether a failure says what grew and who holds it: further runs of `fn` between heap marks and one
   * heap snapshot (Node only; see {@link LeakGrowth}). Default true; `PYWEAKREF_RETAINERS=0` in the
   * environment switches it off, as it does retainer paths. Off, the message is exactly the numbers.
   */
  retainers?: boolean;
  /** No heap snapshot is taken when the heap in use is larger (bytes; default 512 MiB): the message says so. */
  maxHeapBytes?: number;
  /**
   * Time budget of that explanation, in ms (default 30,000): the further runs (as many as `iterations`,
   * at most 1,000) are cut to take at most half of it at the measured time per run, and no retainer
   * path is looked up past it. The message says what was left out.
   */
  maxExplainMs?: number;
}

/**
 * What a leak check measured: returned by {@link measureLeak}, and by {@link assertNoLeak} when
 * nothing leaked.
 *
 * @example
 * ```ts
 * const report = await measureLeak(fn);
 * if (report.leaked) console.log(report.summary);
 * ```
 * @see https://docs.python.org/3/library/gc.html#gc.collect
 */
export interface LeakReport {
  /** Measured runs. */
  iterations: number;
  /** Warm-up runs. */
  warmup: number;
  /** The library's internal tables by name, before and after. */
  tables: {
    /** The size of each table at the baseline, after warm-up and `gc.collect()`. */
    before: Record<string, number>;
    /** The size of each table after the measured runs and `gc.collect()`. */
    after: Record<string, number>;
  };
  /** Heap used after `gc.collect()`, in bytes; `undefined` where the environment cannot tell. */
  heap:
    | {
        /** Heap used at the baseline, in bytes. */
        before: number;
        /** Heap used after the measured runs, in bytes. */
        after: number;
        /** `after - before`, in bytes. */
        delta: number;
        /** The growth allowed before it counts as a leak, in bytes. */
        tolerance: number;
      }
    | undefined;
  /** Whether a table grew or the heap grew past the tolerance. */
  leaked: boolean;
  /** The numbers, one line each, as the failure message shows them. */
  summary: string;
  /**
   * What grew and who holds it, when the check failed in Node (absent when it passed, when switched off
   * with `retainers: false` or `PYWEAKREF_RETAINERS=0`, and outside Node). {@link summary} prints it.
   */
  growth?: LeakGrowth;
}

const DEFAULT_ITERATIONS = 100;
const DEFAULT_WARMUP = 10;
const DEFAULT_HEAP_TOLERANCE = 256 * 1024;
const DEFAULT_EXPLAIN_MS = 30_000;
/** Heap samples per measurement; the smallest is kept, since a leak raises the floor, noise does not. */
const HEAP_SAMPLES = 3;

interface NodeProcessLike {
  memoryUsage?: () => { heapUsed: number };
}

/** Heap used in bytes, or undefined outside Node; read from globalThis so browsers bundles see no `process`. */
function heapUsed(): number | undefined {
  const proc = (globalThis as { process?: NodeProcessLike }).process;
  return typeof proc?.memoryUsage === 'function' ? proc.memoryUsage().heapUsed : undefined;
}

/** Collects, then samples the heap (the smallest of a few collections) and the tables. */
async function baseline(): Promise<{ heap: number | undefined; tables: Record<string, number> }> {
  let heap: number | undefined;
  for (let i = 0; i < HEAP_SAMPLES; i++) {
    await gc.collect();
    const used = heapUsed();
    if (used === undefined) break;
    heap = heap === undefined ? used : Math.min(heap, used);
  }
  return { heap, tables: allTableSizes() };
}

/** One run, awaited when `fn` returns a promise; resolves to nothing, so no result outlives the run. */
async function runOnce(fn: () => unknown): Promise<void> {
  const result = fn();
  if (
    result !== null &&
    (typeof result === 'object' || typeof result === 'function') &&
    typeof (result as PromiseLike<unknown>).then === 'function'
  ) {
    await (result as PromiseLike<unknown>);
  }
}

function count(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RangeError(testingMessages.badCount(name, value));
  }
  return value;
}

function tableLines(before: Record<string, number>, after: Record<string, number>): { lines: string[]; grew: boolean } {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  let grew = false;
  const lines = names.map((name) => {
    const b = before[name] ?? 0;
    const a = after[name] ?? 0;
    const growth = a > b;
    grew ||= growth;
    return `    ${name}: ${b} -> ${a} (${signed(a - b)})${growth ? '  <- grew' : ''}`;
  });
  return { lines, grew };
}

/**
 * Runs `fn` `warmup + iterations` times and measures the library's internal tables and the heap
 * before and after the measured runs, each after `gc.collect()`. Never throws for a leak: see
 * {@link assertNoLeak} for the asserting form. When something leaked, `report.growth` says what grew
 * and who holds it (see {@link LeakGrowth}), as the summary does.
 *
 * @param fn - the code under test; may be async (each run is awaited before the next).
 * @param options - see {@link LeakCheckOptions}.
 * @returns the numbers, with `leaked` and a printable `summary`.
 * @throws TypeError / RangeError (rejects) for a bad `fn` or option; whatever `fn` throws.
 * @example
 * ```ts
 * const report = await measureLeak(() => cache.get('k'), { iterations: 1000 });
 * expect(report.leaked).toBe(false);   // Jest
 * ```
 * @see https://docs.python.org/3/library/gc.html#gc.collect
 */
export async function measureLeak(fn: () => unknown, options: LeakCheckOptions = {}): Promise<LeakReport> {
  if (typeof fn !== 'function') throw new TypeError(testingMessages.badLeakFn(typeName(fn)));
  const iterations = count('iterations', options.iterations, DEFAULT_ITERATIONS);
  const warmup = count('warmup', options.warmup, Math.min(iterations, DEFAULT_WARMUP));
  const tolerance = options.heapToleranceBytes ?? DEFAULT_HEAP_TOLERANCE;
  if (typeof tolerance !== 'number' || !(tolerance >= 0)) throw new RangeError(testingMessages.badTolerance(tolerance));
  const maxExplainMs = options.maxExplainMs ?? DEFAULT_EXPLAIN_MS;
  if (typeof maxExplainMs !== 'number' || !(maxExplainMs >= 0)) {
    throw new RangeError(testingMessages.badExplainMs(maxExplainMs));
  }

  for (let i = 0; i < warmup; i++) await runOnce(fn);
  const before = await baseline();
  const started = performance.now();
  for (let i = 0; i < iterations; i++) await runOnce(fn);
  const msPerRun = (performance.now() - started) / Math.max(iterations, 1);
  const after = await baseline();

  const { lines, grew } = tableLines(before.tables, after.tables);
  let heap: LeakReport['heap'];
  let heapLine: string;
  let heapOver = false;
  if (before.heap !== undefined && after.heap !== undefined) {
    heap = { before: before.heap, after: after.heap, delta: after.heap - before.heap, tolerance };
    heapOver = heap.delta > tolerance;
    heapLine = `  ${testingMessages.heapLine(heap.before, heap.after, tolerance)}${heapOver ? '  <- over' : ''}`;
  } else {
    heapLine = `  ${testingMessages.heapUnmeasured}`;
  }
  const leaked = grew || heapOver;
  // Only a failure is explained: the pass path takes no snapshot.
  const explained = leaked
    ? await explainLeak(
        fn,
        () => runOnce(fn),
        iterations,
        msPerRun,
        heap === undefined ? undefined : heap.delta / Math.max(iterations, 1),
        { retainers: options.retainers, maxHeapBytes: options.maxHeapBytes, maxExplainMs },
      )
    : undefined;
  const summary = [
    leaked ? testingMessages.leak(iterations, warmup) : testingMessages.noLeak(iterations, warmup),
    `  ${testingMessages.tablesHeader}`,
    ...lines,
    heapLine,
    ...(explained?.lines ?? []),
  ].join('\n');
  const report: LeakReport = {
    iterations,
    warmup,
    tables: { before: before.tables, after: after.tables },
    heap,
    leaked,
    summary,
  };
  if (explained !== undefined) report.growth = explained.growth;
  return report;
}

/**
 * Asserts that running `fn` many times leaks nothing: after `gc.collect()`, the library's internal
 * tables (weak lists, container and finalizer tables) are back to their size before the runs, and the
 * heap has grown by at most `heapToleranceBytes`. The leak check for code that uses weak containers.
 *
 * When it fails in Node, the message also says what grew and who holds it: `fn` runs further times
 * between two heap marks, and the objects those runs left alive (one-time allocations and caches that
 * evict do not count) are grouped by class and holder, each group with the retainer path of one of
 * its objects, e.g.
 * `+1,000 Subscription (1 per run, 48 B each): module 'src/bus.ts' variable 'listeners' → Array[1009] → Subscription`.
 * Switch it off with `retainers: false` or `PYWEAKREF_RETAINERS=0`; a passing check takes no snapshot.
 *
 * @param fn - the code under test; may be async.
 * @param options - see {@link LeakCheckOptions}.
 * @returns the {@link LeakReport}, when nothing leaked.
 * @throws {@link LifetimeAssertionError} (rejects) when something leaked, with every number and
 *   what grew in the message; TypeError / RangeError for bad arguments.
 * @example
 * ```ts
 * const cache = new WeakValueDictionary<string, Page>();
 * await assertNoLeak(() => {
 *   const page = new Page();
 *   cache.set(page.url, page);      // the entry must vanish with the page
 * }, { iterations: 1000 });
 * ```
 * @see https://docs.python.org/3/library/gc.html#gc.collect
 */
export async function assertNoLeak(fn: () => unknown, options: LeakCheckOptions = {}): Promise<LeakReport> {
  const report = await measureLeak(fn, options);
  if (report.leaked) {
    const message = options.message;
    throw new LifetimeAssertionError(
      message === undefined || message === '' ? report.summary : `${message}: ${report.summary}`,
    );
  }
  return report;
}
