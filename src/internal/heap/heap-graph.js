"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HeapGraph = void 0;
class HeapGraph {
    raw;
    nodeCount;
    edgeCount;
    nodeFieldCount;
    edgeFieldCount;
    typeOffset;
    nameOffset;
    idOffset;
    sizeOffset;
    edgeCountOffset;
    edgeTypeOffset;
    edgeNameOffset;
    edgeToOffset;
    /** `firstEdge[n]..firstEdge[n + 1]` are the ordinals of node n's edges. */
    firstEdge;
    retainerFirst;
    retainerEdges;
    retainerNodes;
    locationByNode;
    /** Edge type numbers by name, and node type numbers by name. */
    edgeType;
    nodeType;
    constructor(raw) {
        this.raw = raw;
        const nf = raw.nodeFields;
        const ef = raw.edgeFields;
        this.nodeFieldCount = nf.length;
        this.edgeFieldCount = ef.length;
        this.typeOffset = nf.indexOf('type');
        this.nameOffset = nf.indexOf('name');
        this.idOffset = nf.indexOf('id');
        this.sizeOffset = nf.indexOf('self_size');
        this.edgeCountOffset = nf.indexOf('edge_count');
        this.edgeTypeOffset = ef.indexOf('type');
        this.edgeNameOffset = ef.indexOf('name_or_index');
        this.edgeToOffset = ef.indexOf('to_node');
        this.nodeCount = raw.nodes.length / this.nodeFieldCount;
        this.edgeCount = raw.edges.length / this.edgeFieldCount;
        this.firstEdge = new Uint32Array(this.nodeCount + 1);
        let e = 0;
        for (let n = 0; n < this.nodeCount; n++) {
            this.firstEdge[n] = e;
            e += raw.nodes[n * this.nodeFieldCount + this.edgeCountOffset];
        }
        this.firstEdge[this.nodeCount] = e;
        this.edgeType = Object.fromEntries(raw.edgeTypes.map((t, i) => [t, i]));
        this.nodeType = Object.fromEntries(raw.nodeTypes.map((t, i) => [t, i]));
    }
    // Nodes.
    typeOf(node) {
        return this.raw.nodes[node * this.nodeFieldCount + this.typeOffset];
    }
    typeName(node) {
        return this.raw.nodeTypes[this.typeOf(node)] ?? 'unknown';
    }
    name(node) {
        return this.raw.strings[this.raw.nodes[node * this.nodeFieldCount + this.nameOffset]] ?? '';
    }
    /** V8's heap object id: stable across snapshots of one profiler session, usable to find the object. */
    id(node) {
        return this.raw.nodes[node * this.nodeFieldCount + this.idOffset];
    }
    selfSize(node) {
        return this.raw.nodes[node * this.nodeFieldCount + this.sizeOffset];
    }
    edgesStart(node) {
        return this.firstEdge[node];
    }
    edgesEnd(node) {
        return this.firstEdge[node + 1];
    }
    // Edges.
    edgeTypeOf(edge) {
        return this.raw.edges[edge * this.edgeFieldCount + this.edgeTypeOffset];
    }
    edgeTypeName(edge) {
        return this.raw.edgeTypes[this.edgeTypeOf(edge)] ?? 'unknown';
    }
    /** The element index of `element` and `hidden` edges, else the edge's name. */
    edgeName(edge) {
        const v = this.raw.edges[edge * this.edgeFieldCount + this.edgeNameOffset];
        const t = this.edgeTypeOf(edge);
        return t === this.edgeType.element || t === this.edgeType.hidden ? v : (this.raw.strings[v] ?? '');
    }
    edgeTo(edge) {
        return this.raw.edges[edge * this.edgeFieldCount + this.edgeToOffset] / this.nodeFieldCount;
    }
    /** The first edge of `node` of the given name (and type, if given), or -1. */
    findEdge(node, name, type) {
        for (let e = this.firstEdge[node]; e < this.firstEdge[node + 1]; e++) {
            if ((type === undefined || this.edgeTypeOf(e) === type) && this.edgeName(e) === name)
                return e;
        }
        return -1;
    }
    /** The node an edge of `node` named `name` leads to, or -1. */
    follow(node, name, type) {
        const e = this.findEdge(node, name, type);
        return e < 0 ? -1 : this.edgeTo(e);
    }
    /** Calls `visit(edge, from)` for every edge into `node` (builds the reverse index on first use). */
    forEachRetainer(node, visit) {
        if (this.retainerFirst === undefined)
            this.buildRetainers();
        const first = this.retainerFirst;
        for (let i = first[node]; i < first[node + 1]; i++)
            visit(this.retainerEdges[i], this.retainerNodes[i]);
    }
    buildRetainers() {
        const counts = new Uint32Array(this.nodeCount + 1);
        for (let e = 0; e < this.edgeCount; e++)
            counts[this.edgeTo(e)]++;
        const first = new Uint32Array(this.nodeCount + 1);
        for (let n = 0; n < this.nodeCount; n++)
            first[n + 1] = first[n] + counts[n];
        const fill = first.slice(0, this.nodeCount);
        const edges = new Uint32Array(this.edgeCount);
        const nodes = new Uint32Array(this.edgeCount);
        for (let n = 0; n < this.nodeCount; n++) {
            for (let e = this.firstEdge[n]; e < this.firstEdge[n + 1]; e++) {
                const to = this.edgeTo(e);
                edges[fill[to]] = e;
                nodes[fill[to]++] = n;
            }
        }
        this.retainerFirst = first;
        this.retainerEdges = edges;
        this.retainerNodes = nodes;
    }
    /** Where a closure's code starts: `{ scriptId, line, column }` (0-based), when the snapshot says. */
    location(node) {
        const fields = this.raw.locationFields;
        const width = fields.length;
        if (width === 0)
            return undefined;
        if (this.locationByNode === undefined) {
            this.locationByNode = new Map();
            const objectIndex = fields.indexOf('object_index');
            for (let i = 0; i < this.raw.locations.length; i += width) {
                this.locationByNode.set(this.raw.locations[i + objectIndex] / this.nodeFieldCount, i);
            }
        }
        const at = this.locationByNode.get(node);
        if (at === undefined)
            return undefined;
        const loc = this.raw.locations;
        return {
            scriptId: loc[at + fields.indexOf('script_id')],
            line: loc[at + fields.indexOf('line')],
            column: loc[at + fields.indexOf('column')],
        };
    }
}
exports.HeapGraph = HeapGraph;
