"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ReachTree = void 0;
exports.isHoldingEdge = isHoldingEdge;
exports.searchFromRoots = searchFromRoots;
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
function isHoldingEdge(graph, from, edge) {
    const type = graph.edgeTypeOf(edge);
    if (type === graph.edgeType.weak || type === graph.edgeType.shortcut)
        return false;
    if (type === graph.edgeType.internal && graph.edgeName(edge) === 'weak_refs_keep_during_job')
        return false;
    if (type === graph.edgeType.internal && graph.typeOf(from) === graph.nodeType.array && isEphemeronEdge(graph, edge)) {
        return false;
    }
    return true;
}
/** V8 names both edges of a WeakMap entry `N / part of key (K @id) -> value (V @id) pair in WeakMap (table @id)`. */
function isEphemeronEdge(graph, edge) {
    const name = graph.edgeName(edge);
    return typeof name === 'string' && name.includes('part of key') && name.includes('pair in WeakMap');
}
/** The result of one search: distances from the root and the edge each node was reached by. */
class ReachTree {
    graph;
    distance;
    parentEdge;
    parentNode;
    constructor(graph, 
    /** Distance from the root in edges, or UNSEEN. */
    distance, 
    /** The edge by which each node was first reached, or UNSEEN. */
    parentEdge, parentNode) {
        this.graph = graph;
        this.distance = distance;
        this.parentEdge = parentEdge;
        this.parentNode = parentNode;
    }
    reached(node) {
        return this.distance[node] !== UNSEEN;
    }
    /** The hops from the root to `node`, root first. */
    pathTo(node) {
        const hops = [];
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
    pathsTo(target, options) {
        if (!this.reached(target))
            return [];
        const candidates = [];
        const seen = new Set();
        this.graph.forEachRetainer(target, (edge, from) => {
            if (!this.reached(from) || options.opaque.has(from) || seen.has(from))
                return;
            if (!isHoldingEdge(this.graph, from, edge))
                return;
            seen.add(from);
            candidates.push({ from, edge, distance: this.distance[from] });
        });
        candidates.sort((a, b) => a.distance - b.distance);
        return candidates.slice(0, options.maxPaths).map((c) => [...this.pathTo(c.from), { node: c.from, edge: c.edge }]);
    }
}
exports.ReachTree = ReachTree;
/** Breadth-first search from the snapshot's root (node 0) over holding edges. */
function searchFromRoots(graph, options) {
    const n = graph.nodeCount;
    const distance = new Uint32Array(n).fill(UNSEEN);
    const parentEdge = new Uint32Array(n).fill(UNSEEN);
    const parentNode = new Uint32Array(n).fill(UNSEEN);
    const queue = new Uint32Array(n);
    let head = 0;
    let tail = 0;
    distance[0] = 0;
    queue[tail++] = 0;
    while (head < tail) {
        const node = queue[head++];
        if (options.opaque.has(node))
            continue;
        const d = distance[node] + 1;
        for (let e = graph.edgesStart(node); e < graph.edgesEnd(node); e++) {
            const to = graph.edgeTo(e);
            if (distance[to] !== UNSEEN)
                continue;
            if (!isHoldingEdge(graph, node, e))
                continue;
            distance[to] = d;
            parentEdge[to] = e;
            parentNode[to] = node;
            queue[tail++] = to;
        }
    }
    return new ReachTree(graph, distance, parentEdge, parentNode);
}
