/**
 * What grew between two heap marks (CONTRACT §13, `assertNoLeak`): the objects of a snapshot that were
 * allocated after the first mark and are still reachable, grouped by what they are and by who holds
 * them, as memlab clusters leaked objects by retainer trace.
 *
 * - New: a heap object id above the first mark's (V8 numbers objects in the order it first sees
 *   them; see `HeapSession.markIds`). The mark between the two halves of the runs says in which half
 *   each object was allocated, which is how per-run growth is told from one-time allocations and from
 *   caches that replace what they hold (see {@link grows}).
 * - Visible: what a program can hold (objects, functions, strings, ...), not the engine's internals
 *   (backing stores, closure contexts, code), whose sizes count towards the visible object that owns
 *   them.
 * - Owner: the nearest new visible object of another class on the shortest path from a GC root (a
 *   chain of objects of one class, such as a linked list, is looked through). Objects without one are
 *   held by the program's old objects directly, and are grouped by that holder's path; objects with
 *   one are grouped by their owner's group.
 *
 * Plain data over the snapshot's node numbers; nothing here touches a live object.
 */
import type { HeapGraph } from './heap-graph';
import type { ReachTree } from './shortest-paths';
import { GLOBAL_OBJECT, INTERNAL_NODE } from './retainer-steps';

/** Heap object ids of the two marks: before the runs, and between their two halves. */
export interface HeapMarks {
  readonly start: number;
  readonly middle: number;
}

/** One group of new objects: one class, one holder (or owner group). */
export interface Cluster {
  /** What the objects are: a class name, a shape (`{a, b}`), `string`, or a function's {@link FUNCTION_KEY}. */
  readonly classKey: string;
  /** The member with the shortest path from a GC root (the first one reached). */
  readonly representative: number;
  /** The group whose objects hold these, when they are held by new objects of another class. */
  readonly owner: Cluster | undefined;
  /** Members allocated in the first half of the runs, and in the second. */
  first: number;
  second: number;
  /** The members' own sizes, summed (bytes). */
  selfBytes: number;
  /** The members' sizes with the new objects each alone holds (engine internals and owned objects). */
  retainedBytes: number;
}

/** The result of {@link clusterGrowth}. */
export interface GrowthAnalysis {
  readonly clusters: readonly Cluster[];
}

/** Functions are told apart by name and place: `FUNCTION_KEY + name + '@' + script:line:column`. */
export const FUNCTION_KEY = 'function\u0000';

const NONE = -1;
const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);
/** Properties a plain object's shape names before it says `…`. */
const SHAPE_PROPERTIES = 5;

/** What a node is, as its group names it, or undefined for what a program cannot hold (internals). */
export function classKeyOf(g: HeapGraph, node: number): string | undefined {
  const type = g.typeName(node);
  if (STRING_TYPES.has(type)) return 'string';
  if (type === 'closure') {
    // A bound function (V8 names them all `native_bind`) by the function it binds.
    const target = g.follow(node, 'bound_function');
    if (target >= 0 && target !== node) return `${FUNCTION_KEY}bound ${classKeyOf(g, target) ?? ''}`;
    const at = g.location(node);
    return `${FUNCTION_KEY}${g.name(node)}@${at ? `${at.scriptId}:${at.line}:${at.column}` : ''}`;
  }
  if (type === 'regexp') return 'RegExp';
  if (type === 'bigint') return 'bigint';
  if (type === 'symbol') return 'Symbol';
  if (type !== 'object') return undefined;
  const name = g.name(node);
  if (INTERNAL_NODE.test(name) || GLOBAL_OBJECT.test(name)) return undefined;
  return name === 'Object' || name === '' ? shapeOf(g, node) : name;
}

/** A plain object by its property names, `{id, payload}`, as it was written. */
function shapeOf(g: HeapGraph, node: number): string {
  const names: string[] = [];
  let more = false;
  for (let e = g.edgesStart(node); e < g.edgesEnd(node); e++) {
    if (g.edgeTypeOf(e) !== g.edgeType.property) continue;
    const name = String(g.edgeName(e));
    if (name === '__proto__') continue;
    if (names.length === SHAPE_PROPERTIES) {
      more = true;
      break;
    }
    names.push(name);
  }
  return `{${names.join(', ')}${more ? ', …' : ''}}`;
}

/**
 * Whether a group grew with the runs: about as many members per run from each half. One-time
 * allocations are in one half only; a cache that evicts loses members of the first half to the second.
 * Allowed: one object either way (a leak every few runs splits unevenly), and a quarter (one that
 * leaks on some runs only). And at least one object every hundred runs, and four in all: the engine
 * and the inspector leave a few objects of their own in each half (strings of its messages).
 */
export function grows(c: Cluster, firstRuns: number, secondRuns: number): boolean {
  if (c.first + c.second < Math.max(4, (firstRuns + secondRuns) / 100)) return false;
  if (c.first === 0 || c.second === 0) return false;
  const second = (c.second * firstRuns) / secondRuns;
  const lo = Math.min(c.first, second);
  const hi = Math.max(c.first, second);
  return lo >= hi * 0.75 - 1;
}

/** Groups the objects that are new since `marks.start` and reachable in `tree` (see the module comment). */
export function clusterGrowth(g: HeapGraph, tree: ReachTree, marks: HeapMarks): GrowthAnalysis {
  const n = g.nodeCount;
  const fresh: number[] = [];
  for (let v = 1; v < n; v++) if (g.id(v) > marks.start && tree.reached(v)) fresh.push(v);
  // Breadth-first order: every node after the nodes of its shortest path.
  fresh.sort((a, b) => tree.distance[a] - tree.distance[b] || a - b);
  const isNew = (v: number): boolean => v > 0 && g.id(v) > marks.start;

  const keys = new Map<string, number>();
  /** Per node: its class key's number, or NONE for internals (set for new nodes only). */
  const keyOf = new Int32Array(n).fill(NONE);
  /** Per new node: the nearest new visible strict ancestor, or NONE when an old node comes first. */
  const up = new Int32Array(n).fill(NONE);
  /** Per new node: its owner (see the module comment), or NONE. */
  const owner = new Int32Array(n).fill(NONE);
  /** Per new node: the nearest old visible node on its path (the program's object that holds it). */
  const holder = new Int32Array(n).fill(NONE);
  const clusterOf = new Int32Array(n).fill(NONE);
  const clusters: Cluster[] = [];
  const clusterIndex = new Map<string, number>();
  const signatures = new Map<number, string>();
  const oldHolders = new Map<number, number>();

  for (const v of fresh) {
    const key = classKeyOf(g, v);
    if (key !== undefined) {
      let k = keys.get(key);
      if (k === undefined) keys.set(key, (k = keys.size));
      keyOf[v] = k;
    }
    // A search's seed (the function under test) has no parent: nothing of the program above it.
    const p = tree.parentNode[v];
    if (p >= n) {
      holder[v] = NONE;
    } else if (isNew(p)) {
      up[v] = keyOf[p] !== NONE ? p : up[p];
      holder[v] = holder[p];
    } else {
      holder[v] = oldHolder(g, tree, p, oldHolders);
    }
    if (keyOf[v] === NONE) {
      owner[v] = up[v];
      continue;
    }
    const u = up[v];
    owner[v] = u !== NONE && keyOf[u] === keyOf[v] ? owner[u] : u;
    const id =
      owner[v] === NONE
        ? `${keyOf[v]}|held|${signature(g, tree, holder[v], signatures)}`
        : `${keyOf[v]}|in|${clusterOf[owner[v]]}`;
    let c = clusterIndex.get(id);
    if (c === undefined) {
      clusterIndex.set(id, (c = clusters.length));
      clusters.push({
        classKey: key!,
        representative: v,
        owner: owner[v] === NONE ? undefined : clusters[clusterOf[owner[v]]],
        first: 0,
        second: 0,
        selfBytes: 0,
        retainedBytes: 0,
      });
    }
    clusterOf[v] = c;
    const cluster = clusters[c];
    if (g.id(v) > marks.middle) cluster.second++;
    else cluster.first++;
    cluster.selfBytes += g.selfSize(v);
  }

  // Retained sizes: each node's size with what it alone holds, added up from the far end of the paths.
  // New internals that no new object owns (an old array's grown storage) count for no group.
  const retained = new Float64Array(n);
  for (let i = fresh.length - 1; i >= 0; i--) {
    const v = fresh[i];
    retained[v] += g.selfSize(v);
    if (clusterOf[v] !== NONE) clusters[clusterOf[v]].retainedBytes += retained[v];
    if (owner[v] !== NONE) retained[owner[v]] += retained[v];
  }
  return { clusters };
}

/** The nearest visible node at or above the old node `p` on its shortest path (NONE at the root). */
function oldHolder(g: HeapGraph, tree: ReachTree, p: number, memo: Map<number, number>): number {
  const known = memo.get(p);
  if (known !== undefined) return known;
  let at = p;
  for (let depth = 0; at > 0 && at < g.nodeCount && depth < 64; depth++) {
    if (classKeyOf(g, at) !== undefined) break;
    at = tree.parentNode[at];
  }
  const found = at > 0 && at < g.nodeCount && tree.reached(at) ? at : NONE;
  memo.set(p, found);
  return found;
}

/**
 * The shortest path to a holder in a form that is the same for holders in the same place: node names
 * and edge names, element indices and numeric keys as `#`, a run of the same step as one step. Two
 * groups of one class held by differently named holders are two groups; a thousand sessions that each
 * hold one listener array are one.
 */
function signature(g: HeapGraph, tree: ReachTree, node: number, memo: Map<number, string>): string {
  if (node === NONE) return '';
  const known = memo.get(node);
  if (known !== undefined) return known;
  const parts: string[] = [];
  for (const hop of tree.pathTo(node)) {
    const type = g.typeName(hop.node);
    const holderName = STRING_TYPES.has(type)
      ? 'string'
      : type === 'closure'
        ? `fn ${g.name(hop.node)}`
        : g.name(hop.node);
    const edge = g.edgeName(hop.edge);
    const edgeName = typeof edge === 'number' || /^\d+$/.test(edge) ? '#' : edge;
    const part = `${holderName}|${g.edgeTypeName(hop.edge)}|${edgeName}`;
    if (parts[parts.length - 1] !== part) parts.push(part);
  }
  const text = parts.join('\n');
  memo.set(node, text);
  return text;
}
