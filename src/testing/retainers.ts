/**
 * Retainer paths in lifetime assertions (CONTRACT §13): when an object survives `gc.collect()`, what
 * holds it, from a heap snapshot taken in this process, in words. Only failures pay for it.
 */
import { gc } from '../index';
import { explainObjects, type ExplainOptions, type Explanation } from '../internal/heap/heap-explainer';
import type { RetainerPath } from '../internal/heap/retainer-types';
import { testingMessages } from './messages';
import { watchOf, type Watch, type Watchable } from './watch';

export type { RetainerPath, RetainerStep, RetainerStepKind } from '../internal/heap/retainer-types';

/**
 * Options of the lifetime assertions that concern their explanation.
 *
 * @example
 * ```ts
 * await assertCollected(r, { retainers: false });                  // no heap snapshot on failure
 * await assertCollected(r, { maxHeapBytes: 1024 * 1024 * 1024 });  // explain up to a 1 GiB heap
 * ```
 */
export interface RetainerOptions {
  /** Prefixed to the failure message, as in `assert` and chai. */
  readonly message?: string;
  /**
   * Whether a failure explains what holds the object (a heap snapshot in this process, Node only).
   * Default true; `PYWEAKREF_RETAINERS=0` in the environment switches it off everywhere.
   */
  readonly retainers?: boolean;
  /** No snapshot is taken when the heap in use is larger (bytes; default 512 MiB): the message says so. */
  readonly maxHeapBytes?: number;
  /** Paths per object, one per distinct last holder (default 3). */
  readonly maxPaths?: number;
}

/** What {@link explainRetention} found. */
export interface RetentionReport {
  /** Whether `gc.collect()` collected the object. */
  readonly collected: boolean;
  /** The shortest paths from a GC root to the object, nearest first; empty when collected or skipped. */
  readonly retainers: readonly RetainerPath[];
  /** Why there are no paths although the object lives (switched off, over budget, not Node). */
  readonly skipped?: string;
}

export function explainOptions(options: RetainerOptions): ExplainOptions {
  return { enabled: options.retainers, maxHeapBytes: options.maxHeapBytes, maxPaths: options.maxPaths };
}

/** Explains why the watched object lives. The Watch holds it weakly; the probe is made from it at once. */
export async function explainWatch(watch: Watch, options: RetainerOptions): Promise<Explanation> {
  const [explanation] = await explainObjects(() => {
    const target = watch.target();
    return target === undefined ? [] : [target];
  }, explainOptions(options));
  return explanation ?? { status: 'collected' };
}

/** The lines a failure message adds for an explanation ('' when the user switched explanations off). */
export function retainerLines(explanation: Explanation): string {
  if (explanation.status === 'skipped' && explanation.switchedOff === true) return '';
  if (explanation.status === 'explained' && explanation.paths.length > 0) {
    const [first, ...others] = explanation.paths;
    const lines = [testingMessages.heldBy, `  ${first.text}`];
    if (others.length > 0) lines.push(testingMessages.alsoHeldBy, ...others.map((p) => `  ${p.text}`));
    return lines.join('\n');
  }
  if (explanation.status === 'skipped') return testingMessages.retainersSkipped(explanation.reason);
  return testingMessages.noRetainerFound;
}

/**
 * Collects, then says whether the watched object is gone and, if it is not, what holds it: the
 * explanation of a failing `assertCollected`, without asserting.
 *
 * @param subject - a reference, a weak proxy, or a factory (as for `assertCollected`).
 * @param options - the budget and paths per object (see {@link RetainerOptions}).
 * @returns `{ collected, retainers }`; `skipped` says why there are no paths for a live object.
 * @example
 * ```ts
 * const report = await explainRetention(ref(page));
 * if (!report.collected) console.log(report.retainers[0].text);
 * // module 'spec/cache.spec.ts' variable 'cache' → Map → value of key "a" → Page
 * ```
 * @see https://docs.python.org/3/library/gc.html#gc.get_referrers
 */
export async function explainRetention(subject: Watchable, options: RetainerOptions = {}): Promise<RetentionReport> {
  const watch = await watchOf(subject, 'explainRetention()');
  await gc.collect();
  if (watch.isDead()) return { collected: true, retainers: [] };
  const explanation = await explainWatch(watch, { ...options, retainers: options.retainers ?? true });
  if (explanation.status === 'explained') return { collected: false, retainers: explanation.paths };
  if (explanation.status === 'skipped') return { collected: false, retainers: [], skipped: explanation.reason };
  // The snapshot's own collection took it: deliver its callbacks as gc.collect() would.
  await gc.collect();
  return { collected: watch.isDead(), retainers: [] };
}
