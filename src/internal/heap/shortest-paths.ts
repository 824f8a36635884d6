/**
 * Shortest strong paths from the GC roots to one object of a heap snapshot.
 *
 * A breadth-first search from the snapshot's root over the edges that really hold (see
 * {@link isHoldingEdge}), which gives every node its distance and the edge it was first reached by;
 * the paths to the target then run back along those edges, one path per distinct retainer of the
 * target (nearest first), like the "Retainers" panel of Chrome DevTools.
 */
import type { HeapGraph } from './heap-graph';

/** One hop of a path: the holder node and the edge that leads from it to the next node. */
export interface PathHop {
  readonly node: number;
  readonly edge: number;
}

/** What the search must step over: the probe that points at the target, and nodes it must not enter. */
export interface SearchOptions {
  /** Nodes whose edges are not followed (the library's own probe objects). */
  readonly opaque: ReadonlySet<number>;
  /** At most this many paths (one per distinct last holder). */
  readonly maxPaths: number;
}

const UNSEEN = 0xffffffff;

/**
 * Edges that are not holders, each with the reason:
 * - `weak` edges (a WeakRef's target, a weak cell, a map's transitions) never keep anything alive;
 * - `(Strong roots)` → `weak_refs_keep_during_job`: V8 keeps the target of every WeakRef created or
 *   dereferenced in the current job until the job ends; the explanation itself put the target there
 *   by creating its probe, so the edge says nothing about the program;
 * - a WeakMap's backing table → its keys and values: a value is held by its key (V8 adds that key →
 *   value edge as well), never by the table alone (only key → value is real);
 * - `shortcut` edges duplicate a path that exists through real edges.
 */
export function isHoldingEdge(graph: HeapGraph, from: number, edge: number): boolean {
  const type = graph.edgeTypeOf(edge);
  if (type === graph.edgeType.weak || type === graph.edgeType.shortcut) return false;
  if (type === graph.edgeType.internal && graph.edgeName(edge) === 'weak_refs_keep_during_job') return false;
  if (type === graph.edgeType.internal && graph.typeOf(from) === graph.nodeType.array && isEphemeronEdge(graph, edge)) {
    return false;
  }
  return true;
}

/** V8 names both edges of a WeakMap entry `N / part of key (K @id) -> value (V @id) pair in WeakMap (table @id)`. */
function isEphemeronEdge(graph: HeapGraph, edge: number): boolean {
  const name = graph.edgeName(edge);
  return typeof name === 'string' && name.includes('part of key') && name.includes('pair in WeakMap');
}

/** The result of one search: distances from the root and the edge each node was reached by. */
export class ReachTree {
  constructor(
    private readonly graph: HeapGraph,
    /** Distance from the root in edges, or UNSEEN. */
    readonly distance: Uint32Array,
    /** The edge by which each node was first reached, or UNSEEN. */
    readonly parentEdge: Uint32Array,
    readonly parentNode: Uint32Array,
  ) {}

  reached(node: number): boolean {
    return this.distance[node] !== UNSEEN;
  }

  /**
   * Continues the search from `seeds`, nodes the search did not enter (opaque ones) or did not reach:
   * what only they lead to gets paths that start at its seed, each seed a root of its own (its own path,
   * if it had one, is dropped). For a leak check, whose own frames hold the function under test.
   */
  extendFrom(seeds: readonly number[], options: SearchOptions): void {
    let farthest = 0;
    for (const d of this.distance) if (d !== UNSEEN && d > farthest) farthest = d;
    const queue = new Uint32Array(this.graph.nodeCount);
    let tail = 0;
    for (const seed of seeds) {
      if (!this.reached(seed)) this.distance[seed] = farthest + 1;
      this.parentEdge[seed] = UNSEEN;
      this.parentNode[seed] = UNSEEN;
      queue[tail++] = seed;
    }
    const opaque = new Set([...options.opaque].filter((n) => !seeds.includes(n)));
    breadthFirst(this.graph, queue, tail, opaque, this.distance, this.parentEdge, this.parentNode);
  }

  /** The hops from the root to `node`, root first. */
  pathTo(node: number): PathHop[] {
    const hops: PathHop[] = [];
    let at = node;
    while (this.parentEdge[at] !== UNSEEN) {
      const from = this.parentNode[at];
      hops.push({ node: from, edge: this.parentEdge[at] });
      at = from;
    }
    return hops.reverse();
  }

  /**
   * The shortest paths to `target` through distinct last holders, nearest first: each is the path to
   * one retainer of the target plus the retainer's edge to it.
   */
  pathsTo(target: number, options: SearchOptions): PathHop[][] {
    if (!this.reached(target)) return [];
    const candidates: Array<{ from: number; edge: number; distance: number }> = [];
    const seen = new Set<number>();
    this.graph.forEachRetainer(target, (edge, from) => {
      if (!this.reached(from) || options.opaque.has(from) || seen.has(from)) return;
      if (!isHoldingEdge(this.graph, from, edge)) return;
      seen.add(from);
      candidates.push({ from, edge, distance: this.distance[from] });
    });
    candidates.sort((a, b) => a.distance - b.distance);
    return candidates.slice(0, options.maxPaths).map((c) => [...this.pathTo(c.from), { node: c.from, edge: c.edge }]);
  }
}

/** Breadth-first search from the snapshot's root (node 0) over holding edges. */
export function searchFromRoots(graph: HeapGraph, options: SearchOptions): ReachTree {
  const n = graph.nodeCount;
  const distance = new Uint32Array(n).fill(UNSEEN);
  const parentEdge = new Uint32Array(n).fill(UNSEEN);
  const parentNode = new Uint32Array(n).fill(UNSEEN);
  const queue = new Uint32Array(n);
  distance[0] = 0;
  queue[0] = 0;
  breadthFirst(graph, queue, 1, options.opaque, distance, parentEdge, parentNode);
  return new ReachTree(graph, distance, parentEdge, parentNode);
}

/** Visits, from the nodes queued (`tail` of them), every node not yet seen, over holding edges. */
function breadthFirst(
  graph: HeapGraph,
  queue: Uint32Array,
  tail: number,
  opaque: ReadonlySet<number>,
  distance: Uint32Array,
  parentEdge: Uint32Array,
  parentNode: Uint32Array,
): void {
  let head = 0;
  while (head < tail) {
    const node = queue[head++];
    if (opaque.has(node)) continue;
    const d = distance[node] + 1;
    for (let e = graph.edgesStart(node); e < graph.edgesEnd(node); e++) {
      const to = graph.edgeTo(e);
      if (distance[to] !== UNSEEN) continue;
      if (!isHoldingEdge(graph, node, e)) continue;
      distance[to] = d;
      parentEdge[to] = e;
      parentNode[to] = node;
      queue[tail++] = to;
    }
  }
}
