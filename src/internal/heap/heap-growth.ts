/**
 * What grows, and who holds it: the explanation of a failing `assertNoLeak` / `measureLeak`
 * (CONTRACT §13). Node only; bounded by the heap-size budget of retainer paths and a time budget;
 * never throws (a failure is returned as the reason there is no explanation).
 *
 * How: in one inspector session, a heap mark, the first half of some further runs of `fn`, a second
 * mark, the second half, `gc.collect()`, one heap snapshot. The objects of the snapshot allocated
 * after the first mark and still reachable are grouped (growth-clusters.ts); the groups that grew in
 * both halves alike are the growth, each with the retainer path of one member in the words of
 * assertCollected's message (describe-path.ts). A mark costs a full collection, not a snapshot.
 *
 * What keeps what alive: nothing here holds a program object. The runs keep what `fn` keeps (that is
 * the leak being explained), the analysis handles node numbers, and the objects handed back while
 * describing paths are held by the lifter and by the inspector's object group, both released when
 * the session closes, before this module returns. So afterwards every object is held by exactly what
 * held it before; the further runs' own leaks are held as the earlier runs' are.
 */
import { HeapSession, sessionUnavailableReason } from './inspector-session';
import { explanationBlocked, isSwitchedOff, SessionLifter, type ExplainOptions } from './heap-explainer';
import { PyweakrefHeapProbe } from './probe';
import { searchFromRoots } from './shortest-paths';
import { PathDescriber } from './describe-path';
import { clusterGrowth, grows, FUNCTION_KEY, type Cluster } from './growth-clusters';
import type { HeapGraph } from './heap-graph';
import type { LeakGrowthGroup } from '../../testing/leak-growth';

/** Options of a growth explanation. */
export interface GrowthOptions extends ExplainOptions {
  /** `performance.now()` past which no more retainer paths are looked up. Default: none. */
  readonly deadline?: number;
}

/**
 * One group of objects that grew: the public `LeakGrowthGroup` (documented there) but for its printed
 * line, which the testing layer adds.
 */
export type GrowthGroup = Omit<LeakGrowthGroup, 'text'>;

/** The outcome of {@link explainGrowth}. */
export type GrowthExplanation =
  | {
      readonly status: 'explained';
      /** The further runs of `fn`, both halves. */
      readonly runs: number;
      /** The groups that grew with the runs, largest first (at most {@link MAX_GROUPS}). */
      readonly groups: readonly GrowthGroup[];
      /** Groups that grew beyond those listed. */
      readonly moreGroups: number;
      /** Bytes per run held by the groups that grew (their retained sizes; owned groups counted once). */
      readonly attributedPerRun: number;
    }
  | {
      readonly status: 'skipped';
      readonly reason: string;
      /** Switched off by the user, or not possible in this runtime: the message says nothing of it. */
      readonly switchedOff?: boolean;
    };

/** Groups kept in the outcome; paths are looked up for the first {@link GROUPS_WITH_PATHS} of them. */
export const MAX_GROUPS = 20;
export const GROUPS_WITH_PATHS = 5;
/**
 * Roots that hold nothing of the program while the snapshot is taken: the stack and handles (only this
 * explanation's code and the inspector's run then), the engine's table of internalized strings (which
 * forgets a string when nothing else holds it) and its compilation cache. What only they hold is not
 * growth of the program; memory that grew there stays unattributed.
 */
const ENGINE_ROOTS = new Set(['(Stack roots)', '(Handle scope)', '(Internalized strings)', '(Compilation cache)']);

/** What {@link explainGrowth} runs: one further run of the function under test, and a collection. */
export interface GrowthRuns {
  /** The function under test: found in the snapshot, so that paths through the leak check's own frames start at it. */
  readonly fn: () => unknown;
  /** One further run of `fn`, holding nothing after it (the leak check's `runOnce`). */
  readonly run: () => Promise<void>;
  /** Further runs in all (both halves). */
  readonly runs: number;
  /** `gc.collect()`: delivers callbacks, so that entries of weak containers whose objects died are gone. */
  readonly collect: () => Promise<unknown>;
}

/**
 * Runs `run` `runs` more times between heap marks, collects, and says what those runs left alive (see
 * the module comment).
 */
export async function explainGrowth(runs: GrowthRuns, options: GrowthOptions = {}): Promise<GrowthExplanation> {
  const blocked = explanationBlocked(options);
  if (blocked !== undefined) {
    // As for retainer paths: switched off, or no heap snapshot in this runtime, leaves today's message.
    const switchedOff = isSwitchedOff(options) || sessionUnavailableReason() !== undefined;
    return { status: 'skipped', reason: blocked, switchedOff };
  }
  let session: HeapSession | undefined;
  try {
    session = await HeapSession.open();
    return await explainInSession(session, runs, options);
  } catch (err) {
    return { status: 'skipped', reason: `the explanation failed: ${err instanceof Error ? err.message : String(err)}` };
  } finally {
    await session?.close();
  }
}

/** The marks, the runs, the snapshot and its groups, in one open session. */
async function explainInSession(
  session: HeapSession,
  runs: GrowthRuns,
  options: GrowthOptions,
): Promise<GrowthExplanation> {
  const firstRuns = Math.ceil(runs.runs / 2);
  const secondRuns = runs.runs - firstRuns;
  const start = await session.markIds();
  await repeat(runs.run, firstRuns);
  const middle = await session.markIds();
  await repeat(runs.run, secondRuns);
  // V8's collection before the snapshot frees the objects that died, pyweakref's callbacks the
  // entries of weak containers that held them.
  await runs.collect();
  const probe = makeProbe(runs);
  const graph = await session.snapshot();
  const scripts = await session.scripts();
  const located = probe.locate(graph);
  if (located === undefined) throw new Error('the probe was not found in the heap snapshot');
  const [fnNode, runNode] = located.targets;
  // The leak check's own frames hold `fn` (and `run`, which calls it): a path through them would name
  // the library, not the program. So the search first steps over both, then goes on from `fn` alone
  // for what only `fn` leads to (a variable its closure captured), whose paths then start there. And
  // what only the engine's own roots lead to is not the program's (see ENGINE_ROOTS).
  const opaque = new Set([located.probe, fnNode, runNode, ...engineRoots(graph)].filter((n) => n >= 0));
  const tree = searchFromRoots(graph, { opaque, maxPaths: 1 });
  const pathOptions = { opaque: new Set([located.probe, runNode].filter((n) => n >= 0)), maxPaths: 1 };
  tree.extendFrom(fnNode >= 0 ? [fnNode] : [], pathOptions);
  const growing = clusterGrowth(graph, tree, { start, middle })
    .clusters.filter((c) => grows(c, firstRuns, secondRuns))
    // Largest first; between equals, a class before strings (a key or a name beside the object).
    .sort(
      (a, b) =>
        b.retainedBytes - a.retainedBytes ||
        Number(a.classKey === 'string') - Number(b.classKey === 'string') ||
        b.first + b.second - (a.first + a.second),
    );
  const describer = new PathDescriber(graph, new SessionLifter(session, scripts));
  const names = new Map<Cluster, string>();
  const nameOf = async (c: Cluster): Promise<string> => {
    let name = names.get(c);
    if (name === undefined) {
      name = c.classKey.startsWith(FUNCTION_KEY) ? await describer.nameOf(c.representative) : c.classKey;
      names.set(c, name);
    }
    return name;
  };
  const groups: GrowthGroup[] = [];
  for (const c of growing.slice(0, MAX_GROUPS)) {
    const count = c.first + c.second;
    const group: { -readonly [K in keyof GrowthGroup]: GrowthGroup[K] } = {
      name: await nameOf(c),
      count,
      perRun: count / runs.runs,
      size: Math.round(c.selfBytes / count),
      retainedSize: Math.round(c.retainedBytes / count),
    };
    if (c.owner !== undefined) group.heldBy = await nameOf(c.owner);
    if (groups.length >= GROUPS_WITH_PATHS) {
      group.noPath = 'not looked up beyond the largest groups';
    } else if (options.deadline !== undefined && performance.now() > options.deadline) {
      group.noPath = 'not looked up: past the time budget (maxExplainMs)';
    } else {
      const [hops] = tree.pathsTo(c.representative, pathOptions);
      if (hops !== undefined) group.retainers = await describer.describe(hops, c.representative);
    }
    groups.push(group);
  }
  // What the groups hold, each byte once: a group held by another is in that one's retained size.
  const attributed = growing.filter((c) => c.owner === undefined).reduce((sum, c) => sum + c.retainedBytes, 0);
  return {
    status: 'explained',
    runs: runs.runs,
    groups,
    moreGroups: Math.max(0, growing.length - MAX_GROUPS),
    attributedPerRun: attributed / runs.runs,
  };
}

/**
 * The nodes of {@link ENGINE_ROOTS}. While the snapshot is taken no frame of the program runs (its async
 * functions are suspended, on the heap), so stepping over the stack loses nothing the program holds.
 */
function engineRoots(graph: HeapGraph): number[] {
  const out: number[] = [];
  for (let n = 0; n < graph.nodeCount; n++) {
    if (graph.typeName(n) === 'synthetic' && ENGINE_ROOTS.has(graph.name(n))) out.push(n);
  }
  return out;
}

/** In a frame of its own: the probe holds `fn` and `run` weakly, and no async frame gets them from it. */
function makeProbe(runs: GrowthRuns): PyweakrefHeapProbe {
  return new PyweakrefHeapProbe([runs.fn, runs.run]);
}

/** The further runs; an error of `fn` there fails the explanation, saying so. */
async function repeat(run: () => Promise<void>, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    try {
      await run();
    } catch (err) {
      throw new Error(`a further run of fn threw: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
