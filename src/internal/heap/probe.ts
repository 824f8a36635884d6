/**
 * Finding given objects in a heap snapshot without holding them.
 *
 * A {@link HeapProbe} holds each object through a native WeakRef only, and carries a token that no
 * other object has; in the snapshot, the probe is the node of the class `PyweakrefHeapProbe` whose
 * `token` edge leads to that string, and each object is the target of one of its WeakRefs (a weak edge,
 * so the search never counts the probe as a holder; the probe is also opaque to the search).
 *
 * Creating the WeakRefs puts the objects on V8's keep-during-job list until the current job ends; the
 * search skips that root edge (shortest-paths.ts).
 */
import type { HeapGraph } from './heap-graph';

const NativeWeakRef = globalThis.WeakRef;
let counter = 0;

export class PyweakrefHeapProbe {
  /** Flat (JSON.parse makes a sequential string): a concatenated string's node has no text as its name. */
  readonly token = JSON.parse(`"pyweakref-heap-probe-${++counter}-${Date.now()}-${Math.random()}"`) as string;
  /** One WeakRef per object: `w0`, `w1`, ... (properties, so that each is one named edge). */
  [slot: `w${number}`]: WeakRef<WeakKey>;
  readonly count: number;

  constructor(objects: readonly WeakKey[]) {
    objects.forEach((o, i) => {
      this[`w${i}`] = new NativeWeakRef(o);
    });
    this.count = objects.length;
  }

  /** The i-th object, while it lives (as any WeakRef read, it then stays alive until the job ends). */
  deref(i: number): WeakKey | undefined {
    return this[`w${i}`]?.deref();
  }

  /** The probe's node in `graph` and the node of each object (-1 where the object is gone). */
  locate(graph: HeapGraph): { probe: number; targets: number[] } | undefined {
    const strings = graph.edgeType.property;
    for (let n = 0; n < graph.nodeCount; n++) {
      if (graph.name(n) !== 'PyweakrefHeapProbe') continue;
      const token = graph.follow(n, 'token', strings);
      if (token < 0 || graph.name(token) !== this.token) continue;
      const targets: number[] = [];
      for (let i = 0; i < this.count; i++) {
        const weakRef = graph.follow(n, `w${i}`, strings);
        targets.push(weakRef < 0 ? -1 : graph.follow(weakRef, 'target'));
      }
      return { probe: n, targets };
    }
    return undefined;
  }
}
