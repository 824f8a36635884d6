/**
 * `gc.get_referrers(...objs)` and `gc.get_referents(...objs)` on one heap snapshot (CONTRACT §12, §13).
 *
 * Referrers: the objects with a holding edge (see {@link isHoldingEdge}) into one of `objs`. Engine
 * internals are lifted to the JavaScript object that owns them, by walking up their holders until a
 * node can be handed back as a real object: a Map's or Set's hash table gives the Map or Set, an
 * object's or array's backing store gives the object or array, a pending promise's reaction gives the
 * promise, a WeakMap entry gives its key (only the key holds the value; the table does not), and a
 * closure's context gives every function that closes over exactly that context (the functions of the
 * scope whose variable it is; a function of a nested scope reaches it only through its own context).
 *
 * Referents: what each of `objs` holds directly: the targets of its properties (`__proto__`, the
 * prototype, included: Python lists an instance's class) and elements, a Map's keys and values, a
 * Set's members, a function's captured variables (those of the context it closes over), a bound
 * function's target, `this` and arguments, a Proxy's target and handler, a settled promise's result.
 *
 * Never returned: primitives (strings, numbers, symbols: the inspector cannot hand a primitive back as
 * itself), engine internals that no object owns, the GC roots, and frames: a local of a running
 * function or of a suspended async function (Python lists the frame; a frame is no JavaScript value).
 *
 * What keeps what alive: `objs` are read once, synchronously, into a {@link PyweakrefHeapProbe}
 * (native WeakRefs) by a non-async function, so no frame of this module holds them across an await;
 * the objects handed back are held by the result array and, until `session.close()` releases it
 * before the promise resolves, by the inspector's object group. So after the call every object is
 * held by exactly what held it before, plus the caller's result array.
 */
import { HeapSession, sessionUnavailableReason } from './inspector-session';
import { snapshotUnavailable } from './availability';
import { PyweakrefHeapProbe } from './probe';
import { isHoldingEdge } from './shortest-paths';
import type { HeapGraph } from './heap-graph';
import { isWeakrefable } from '../weakrefable';

/** How many engine-internal nodes a lift may climb through before it gives up. */
const MAX_LIFT_DEPTH = 8;

/** Nodes that are never JavaScript objects: their names alone say so (asking the inspector is slower). */
const INTERNAL_NAME = /^system \/ |^\(.*\)$/;
const PRIMITIVE_TYPES = new Set([
  'string',
  'concatenated string',
  'sliced string',
  'number',
  'heap number',
  'symbol',
  'bigint',
]);
const NEVER_OBJECT_TYPES = new Set(['array', 'code', 'synthetic', 'regexp code', 'native', 'object shape']);

type Kind = 'get_referrers' | 'get_referents';

/** Python's `gc.get_referrers(*objs)`: see the module comment. */
export function getReferrers(objs: unknown[]): Promise<unknown[]> {
  return start('get_referrers', objs, findReferrers);
}

/** Python's `gc.get_referents(*objs)`: see the module comment. */
export function getReferents(objs: unknown[]): Promise<unknown[]> {
  return start('get_referents', objs, findReferents);
}

/**
 * Not async: the arguments are read into the probe here, and this frame (the only one that ever holds
 * `objs`) is gone before the first await of `find`.
 */
function start(
  kind: Kind,
  objs: unknown[],
  find: (probe: PyweakrefHeapProbe) => Promise<unknown[]>,
): Promise<unknown[]> {
  const reason = sessionUnavailableReason();
  if (reason !== undefined) return Promise.reject(snapshotUnavailable(kind, reason));
  const keys = objs.filter(isWeakrefable);
  // Primitives are values, not objects: nothing holds them and they hold nothing (Python's ints and
  // strs are objects and do have referrers; see docs/porting-guide.md).
  if (keys.length === 0) return Promise.resolve([]);
  return run(kind, new PyweakrefHeapProbe(keys), find);
}

async function run(
  kind: Kind,
  probe: PyweakrefHeapProbe,
  find: (probe: PyweakrefHeapProbe) => Promise<unknown[]>,
): Promise<unknown[]> {
  try {
    return await find(probe);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`gc.${kind}() failed while reading the heap snapshot: ${message}`, { cause: err });
  }
}

async function findReferrers(probe: PyweakrefHeapProbe): Promise<unknown[]> {
  return withSnapshot(probe, async (reader, targets) => {
    const g = reader.graph;
    const holders: number[] = [];
    for (const target of targets) {
      g.forEachRetainer(target, (edge, from) => {
        if (isHoldingEdge(g, from, edge)) holders.push(from);
      });
    }
    const found = new Set<number>();
    const visited = new Set<number>();
    for (const holder of holders) await reader.lift(holder, 0, visited, found);
    // Snapshot order; each referrer once (Python's get_referrers also lists each referrer once).
    return reader.values([...found].sort((a, b) => a - b));
  });
}

async function findReferents(probe: PyweakrefHeapProbe): Promise<unknown[]> {
  return withSnapshot(probe, async (reader, targets) => {
    const nodes: number[] = [];
    // One entry per reference, in argument order, then edge order: an object held twice is listed
    // twice, as Python lists it.
    for (const target of targets) nodes.push(...(await reader.heldBy(target)));
    return reader.values(nodes);
  });
}

/** Opens a session, takes the snapshot, finds the probe's objects, and always closes the session. */
async function withSnapshot(
  probe: PyweakrefHeapProbe,
  use: (reader: SnapshotObjects, targets: number[]) => Promise<unknown[]>,
): Promise<unknown[]> {
  let session: HeapSession | undefined;
  try {
    session = await HeapSession.open();
    const graph = await session.snapshot();
    const located = probe.locate(graph);
    if (located === undefined) throw new Error('the probe was not found in the heap snapshot');
    // An object that is gone (collected before the snapshot) has neither referrers nor referents.
    const targets = located.targets.filter((t) => t >= 0);
    return await use(new SnapshotObjects(graph, session, located.probe), targets);
  } finally {
    // Releases every object handed back; the result array is the only holder this call adds.
    await session?.close();
  }
}

/** The nodes of one snapshot that are real objects, handed back through the session. */
class SnapshotObjects {
  /**
   * What each node asked about so far is: an object (its value), `null` for an engine internal, or
   * `'frame'` for a suspended async function's state (neither listed nor climbed through).
   */
  private readonly handed = new Map<number, { value: unknown } | null | 'frame'>();

  constructor(
    readonly graph: HeapGraph,
    private readonly session: HeapSession,
    private readonly probe: number,
  ) {}

  /** The values of `nodes` (each a node {@link objectOf} handed back), in the same order. */
  values(nodes: readonly number[]): unknown[] {
    const out: unknown[] = [];
    for (const n of nodes) {
      const v = this.handed.get(n);
      if (typeof v === 'object' && v !== null) out.push(v.value);
    }
    return out;
  }

  /**
   * Whether `node` is an object that can be handed back, i.e. is a referrer or referent in its own
   * right. Its value is kept for {@link values}.
   */
  async objectOf(node: number): Promise<boolean> {
    return typeof (await this.kind(node)) === 'object';
  }

  private async kind(node: number): Promise<{ value: unknown } | null | 'frame'> {
    let known = this.handed.get(node);
    if (known === undefined) {
      known = await this.ask(node);
      this.handed.set(node, known);
    }
    return known;
  }

  private async ask(node: number): Promise<{ value: unknown } | null | 'frame'> {
    const g = this.graph;
    if (node === this.probe || node === 0) return null;
    const type = g.typeName(node);
    const name = g.name(node);
    if (PRIMITIVE_TYPES.has(type) || NEVER_OBJECT_TYPES.has(type)) return null;
    if (INTERNAL_NAME.test(name) && name !== 'system / JSProxy') return null;
    const got = await this.session.objectOf(g.id(node));
    if (got === undefined) return null;
    const v = got.value;
    if ((typeof v !== 'object' && typeof v !== 'function') || v === null) return null;
    if (this.isAsyncFrame(node, v)) return 'frame';
    return got;
  }

  /**
   * A suspended async function's state (V8 keeps its locals in a generator object that JavaScript never
   * sees): a frame, not an object. A real generator object (`function*`) is an object.
   */
  private isAsyncFrame(node: number, value: object): boolean {
    if (this.graph.findEdge(node, 'parameters_and_registers') < 0) return false;
    const tag = Object.prototype.toString.call(value);
    return tag !== '[object Generator]' && tag !== '[object AsyncGenerator]';
  }

  /**
   * Adds to `found` the objects that own `node`: `node` itself when it is an object, else (for an
   * engine internal) the owners of its holders, climbing at most {@link MAX_LIFT_DEPTH} internals.
   */
  async lift(node: number, depth: number, visited: Set<number>, found: Set<number>): Promise<void> {
    const g = this.graph;
    if (visited.has(node)) return;
    visited.add(node);
    if (node === this.probe || node === 0) return;
    const type = g.typeName(node);
    const name = g.name(node);
    // The GC roots, `(Stack roots)` (frames), `(Strong roots)`, handles: nothing to hand back.
    if (type === 'synthetic') return;
    // Shapes (hidden classes), code and feedback, the realm's global context: what holds them is every
    // object of a shape or every function of the realm, not an owner of the object.
    if (
      type === 'code' ||
      type === 'object shape' ||
      name === 'system / Map' ||
      name.startsWith('system / NativeContext')
    )
      return;
    const kind = await this.kind(node);
    if (kind === 'frame') return; // a frame: Python would list it; it is no JavaScript value
    if (kind !== null) {
      found.add(node);
      return;
    }
    if (depth >= MAX_LIFT_DEPTH) return;
    if (/^system \/ \w*Context$/.test(name)) {
      // A closure context: a variable of a scope is held by the functions that close over this scope
      // (not by nested scopes' contexts through `previous`, not by frames).
      const fns: number[] = [];
      g.forEachRetainer(node, (edge, from) => {
        if (g.edgeTypeName(edge) === 'internal' && g.edgeName(edge) === 'context' && !/Context$/.test(g.name(from)))
          fns.push(from);
      });
      for (const fn of fns) await this.lift(fn, depth + 1, visited, found);
      return;
    }
    const holders: number[] = [];
    g.forEachRetainer(node, (edge, from) => {
      if (isHoldingEdge(g, from, edge)) holders.push(from);
    });
    for (const holder of holders) await this.lift(holder, depth + 1, visited, found);
  }

  /** The objects `node` holds directly (see the module comment), one entry per reference. */
  heldBy(node: number): Promise<number[]> {
    return this.collect(this.directTargets(node));
  }

  private async collect(nodes: number[]): Promise<number[]> {
    const out: number[] = [];
    for (const n of nodes) if (await this.objectOf(n)) out.push(n);
    return out;
  }

  /** The nodes `node` holds, engine internals resolved to what they store. */
  private directTargets(node: number): number[] {
    const g = this.graph;
    const out: number[] = [];
    const name = g.name(node);
    const isProxy = name === 'system / JSProxy';
    for (let e = g.edgesStart(node); e < g.edgesEnd(node); e++) {
      if (!isHoldingEdge(g, node, e)) continue;
      const type = g.edgeTypeName(e);
      const edgeName = g.edgeName(e);
      const to = g.edgeTo(e);
      if (type === 'property' || type === 'element') {
        out.push(to);
      } else if (isProxy && type === 'hidden') {
        out.push(to); // a Proxy's target and handler (their indices vary between Node versions)
      } else if (type === 'internal') {
        // `elements` and `properties` (backing stores) are skipped: V8 also gives every element and
        // property its own edge from the object, read above. `map` (the shape) is never a referent.
        switch (edgeName) {
          case 'table': // a Map's or Set's hash table: keys and values (a WeakMap's edges do not hold)
            out.push(...this.stored(to, (t, te) => isHoldingEdge(g, t, te) && g.edgeName(te) !== 'map'));
            break;
          case 'context': // a function's closure context: the captured variables
            if (g.typeName(node) === 'closure')
              out.push(...this.stored(to, (_t, te) => g.edgeTypeName(te) === 'context'));
            break;
          case 'bound_function':
          case 'bound_this':
            out.push(to);
            break;
          case 'bindings': // a bound function's arguments
            out.push(...this.stored(to, (t, te) => isHoldingEdge(g, t, te) && g.edgeName(te) !== 'map'));
            break;
          case 'reactions_or_result': // a settled promise's result (a pending one's reactions are internal)
            if (name === 'Promise' && g.name(to) !== 'system / PromiseReaction') out.push(to);
            break;
          default:
            break;
        }
      }
    }
    return out;
  }

  /** The targets of the edges of an internal `store` that pass `keep`. */
  private stored(store: number, keep: (store: number, edge: number) => boolean): number[] {
    const g = this.graph;
    const out: number[] = [];
    for (let e = g.edgesStart(store); e < g.edgesEnd(store); e++) if (keep(store, e)) out.push(g.edgeTo(e));
    return out;
  }
}
