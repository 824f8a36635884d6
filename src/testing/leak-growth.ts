/**
 * What grew and who holds it, in a failing `assertNoLeak` / `measureLeak` (CONTRACT §13): the groups
 * of objects that further runs of `fn` leave alive, by class and holder, with the retainer path of one
 * of each, as lines of the failure message and as {@link LeakGrowth} for `report.growth`.
 *
 * Only failures pay for it; the engine is src/internal/heap/heap-growth.ts. Nothing here holds what
 * `fn` makes: each further run is the leak check's own `runOnce`, whose frame ends with the run.
 */
import { explainGrowth, GROUPS_WITH_PATHS, type GrowthGroup } from '../internal/heap/heap-growth';
import type { RetainerPath } from '../internal/heap/retainer-types';
import { gc } from '../index';
import { testingMessages } from './messages';

/**
 * One group of objects that grew with the runs of a failing leak check: objects of one class (or
 * shape, or function) held by one holder.
 *
 * @example
 * ```ts
 * const report = await measureLeak(() => bus.subscribe(new View()), { iterations: 1000 });
 * const [top] = report.growth?.groups ?? [];
 * // top.name 'Subscription', top.count 1000, top.perRun 1, top.size 48,
 * // top.retainers.text "module 'src/bus.ts' variable 'listeners' → Array[1009] → Subscription"
 * ```
 * @see https://docs.python.org/3/library/gc.html#gc.get_referrers
 */
export interface LeakGrowthGroup {
  /**
   * What the objects are: a class name (`Subscription`), a plain object's shape (`{id, payload}`),
   * `Array`, `Map`, a function (`anonymous function (src/bus.ts:12)`), `string`, ...
   */
  readonly name: string;
  /** How many of them the further runs left alive. */
  readonly count: number;
  /** `count` per further run: `1` for one object per run. */
  readonly perRun: number;
  /** Bytes each: their own size (the mean where they differ). */
  readonly size: number;
  /** Bytes each with what each alone holds of the new objects (engine internals, owned objects). */
  readonly retainedSize: number;
  /** The {@link name} of the group whose objects hold these, when new objects of another class do. */
  readonly heldBy?: string;
  /**
   * What holds one of them: the shortest path from a GC root, as `assertCollected` prints it; absent
   * when not looked up (see {@link noPath}).
   */
  readonly retainers?: RetainerPath;
  /** Why there is no path: beyond the largest groups, or past the time budget. */
  readonly noPath?: string;
  /** The line the failure message prints for this group. */
  readonly text: string;
}

/**
 * What a failing leak check found growing: `report.growth` of {@link measureLeak}, printed in the
 * failure message of {@link assertNoLeak}. Made only when the check fails, in Node, unless switched off.
 *
 * @example
 * ```ts
 * const report = await measureLeak(() => bus.subscribe(new View()), { iterations: 1000 });
 * for (const group of report.growth?.groups ?? []) console.log(group.text);
 * // +1,000 Subscription (1 per run, 48 B each): module 'src/bus.ts' variable 'listeners' → Array[1009] → Subscription
 * ```
 * @see https://docs.python.org/3/library/gc.html#gc.get_referrers
 */
export interface LeakGrowth {
  /** The further runs of `fn` whose objects were counted (after the measured ones). */
  readonly runs: number;
  /**
   * The groups that grew with the runs (in both halves alike: one-time allocations and caches that
   * evict do not), largest first by retained size. Empty when none did, or when skipped.
   */
  readonly groups: readonly LeakGrowthGroup[];
  /** Groups that grew beyond those listed. */
  readonly moreGroups: number;
  /** Bytes per run held by the groups (retained sizes; a group held by another group counted once). */
  readonly bytesPerRun: number;
  /** Why nothing was looked up: over the heap or time budget, or the explanation failed. */
  readonly skipped?: string;
}

/** The options of a leak check that concern its explanation. */
export interface LeakExplainOptions {
  readonly retainers?: boolean;
  readonly maxHeapBytes?: number;
  readonly maxExplainMs: number;
}

/** Further runs at most: enough to tell one object per run from one-time allocations. */
export const MAX_EXPLAIN_RUNS = 1000;

/**
 * Explains a failed leak check: `undefined` when switched off or outside Node (the message is then
 * today's), else the growth and the lines the message adds.
 *
 * @param fn - the function under test.
 * @param run - one further run of `fn` (the leak check's `runOnce`).
 * @param iterations - the measured runs; the further runs are as many, within the budgets.
 * @param msPerRun - the measured time of one run, for the time budget.
 * @param heapPerRun - the heap's growth per measured run in bytes, when measured.
 */
export async function explainLeak(
  fn: () => unknown,
  run: () => Promise<void>,
  iterations: number,
  msPerRun: number,
  heapPerRun: number | undefined,
  options: LeakExplainOptions,
): Promise<{ growth: LeakGrowth; lines: string[] } | undefined> {
  const started = performance.now();
  const budget = options.maxExplainMs;
  let runs = Math.min(Math.max(iterations, 2), MAX_EXPLAIN_RUNS);
  // The further runs may take half the budget; the snapshot and the paths the rest.
  if (msPerRun > 0) runs = Math.min(runs, Math.floor(budget / 2 / msPerRun));
  const explanation =
    runs < 2
      ? { status: 'skipped' as const, reason: testingMessages.growthTooSlow(Math.ceil(2 * msPerRun), budget) }
      : await explainGrowth(
          { fn, run, runs, collect: () => gc.collect() },
          {
            enabled: options.retainers,
            maxHeapBytes: options.maxHeapBytes,
            deadline: started + budget,
          },
        );
  if (explanation.status === 'skipped') {
    if (explanation.switchedOff === true) return undefined;
    const growth = { runs: 0, groups: [], moreGroups: 0, bytesPerRun: 0, skipped: explanation.reason };
    return { growth, lines: [`  ${testingMessages.growthSkipped(explanation.reason)}`] };
  }
  const groups = explanation.groups.map((g) => ({ ...g, text: groupLine(g) }));
  const growth: LeakGrowth = {
    runs: explanation.runs,
    groups,
    moreGroups: explanation.moreGroups,
    bytesPerRun: explanation.attributedPerRun,
  };
  if (groups.length === 0) return { growth, lines: [`  ${testingMessages.growthNone(explanation.runs)}`] };
  // The message shows the groups whose path was looked up; report.growth.groups has them all.
  const shown = groups.slice(0, GROUPS_WITH_PATHS);
  const more = groups.length - shown.length + explanation.moreGroups;
  const heap = heapPerRun !== undefined && heapPerRun > 0 ? heapPerRun : undefined;
  const lines = [
    `  ${testingMessages.growthHeader(explanation.runs)}`,
    ...shown.map((g) => `    ${g.text}`),
    ...(more > 0 ? [`    ${testingMessages.growthMore(more)}`] : []),
    `  ${testingMessages.growthAttributed(
      formatBytes(growth.bytesPerRun),
      heap === undefined ? undefined : formatBytes(heap),
      heap !== undefined && growth.bytesPerRun < heap / 2,
    )}`,
  ];
  return { growth, lines };
}

/** `+1,000 Subscription (1 per run, 48 B each): <path>`. */
function groupLine(g: GrowthGroup): string {
  const retained = g.retainedSize > g.size ? `, ${formatBytes(g.retainedSize)} retained` : '';
  const where = g.retainers?.text ?? `(${g.noPath ?? 'no path from a GC root'})`;
  return `+${formatCount(g.count)} ${g.name} (${formatPerRun(g.perRun)} per run, ${formatBytes(g.size)} each${retained}): ${where}`;
}

function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1`, `2.5`, `0.33`, `0.012`: two decimals, or two significant digits below one. */
function formatPerRun(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n >= 1 ? n.toFixed(2) : n.toPrecision(2)));
}

/** Bytes as messages print them: `48 B`, `4.7 KiB`, `12.0 MiB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}
