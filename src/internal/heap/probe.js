"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PyweakrefHeapProbe = void 0;
const NativeWeakRef = globalThis.WeakRef;
let counter = 0;
class PyweakrefHeapProbe {
    /** Flat (JSON.parse makes a sequential string): a concatenated string's node has no text as its name. */
    token = JSON.parse(`"pyweakref-heap-probe-${++counter}-${Date.now()}-${Math.random()}"`);
    count;
    constructor(objects) {
        objects.forEach((o, i) => {
            this[`w${i}`] = new NativeWeakRef(o);
        });
        this.count = objects.length;
    }
    /** The i-th object, while it lives (as any WeakRef read, it then stays alive until the job ends). */
    deref(i) {
        return this[`w${i}`]?.deref();
    }
    /** The probe's node in `graph` and the node of each object (-1 where the object is gone). */
    locate(graph) {
        const strings = graph.edgeType.property;
        for (let n = 0; n < graph.nodeCount; n++) {
            if (graph.name(n) !== 'PyweakrefHeapProbe')
                continue;
            const token = graph.follow(n, 'token', strings);
            if (token < 0 || graph.name(token) !== this.token)
                continue;
            const targets = [];
            for (let i = 0; i < this.count; i++) {
                const weakRef = graph.follow(n, `w${i}`, strings);
                targets.push(weakRef < 0 ? -1 : graph.follow(weakRef, 'target'));
            }
            return { probe: n, targets };
        }
        return undefined;
    }
}
exports.PyweakrefHeapProbe = PyweakrefHeapProbe;
