/**
 * What Node and the engine hold on the program's behalf, read through their internals: timers (a
 * Timeout in Node's lists, a setImmediate callback), EventEmitter and EventTarget listeners, and the
 * entries of Maps, Sets and WeakMaps. The snapshot shows a collection's hash table, not which key an
 * entry is under: the real collection is handed back (see {@link Lifter}) and asked.
 */
import type { HeapGraph } from './heap-graph';
import type { Lifter } from './describe-path';
import type { PathHop } from './shortest-paths';
import { nodeStep } from './holder-steps';
import { mapEntries, ownData, quoteKey, step, type Read, type Step } from './retainer-steps';

/** A Timeout's callback: the Timeout object is what the program made (by setTimeout or setInterval). */
export async function timerStep(g: HeapGraph, lifter: Lifter, node: number): Promise<Step> {
  const timeout = (await lifter.valueOf(g.id(node)))?.value;
  const delay = ownData(timeout, '_idleTimeout');
  const repeat = ownData(timeout, '_repeat');
  const kind = typeof repeat === 'number' ? 'setInterval' : 'setTimeout';
  const text = typeof delay === 'number' ? `${kind} callback (${delay} ms)` : `${kind} callback`;
  return step('timer', kind, text, { rootLike: true });
}

/**
 * A Timeout itself, in Node's list of the timers of one duration (a ring linked by _idleNext/_idlePrev),
 * from the TimersList at hop `i`: the ring's hops read as the list.
 */
export async function timerList(g: HeapGraph, lifter: Lifter, hops: readonly PathHop[], i: number): Promise<Read> {
  const node = hops[i].node;
  const inRing = (hop: PathHop) =>
    g.name(hop.node) === 'Timeout' && ['_idleNext', '_idlePrev'].includes(String(g.edgeName(hop.edge)));
  const consumed = 1 + hopsWhile(hops, i + 1, inRing);
  const ms = ownData((await lifter.valueOf(g.id(node)))?.value, 'msecs');
  const text = typeof ms === 'number' ? `Node's list of ${ms} ms timers` : "Node's timer list";
  return { steps: [step('timer', 'TimersList', text, { rootLike: true })], consumed };
}

/**
 * An EventEmitter's listener, from the emitter's `_events` at hop `i`: `_events[type]` is a function,
 * or an array of them.
 */
export function emitterListener(g: HeapGraph, lifter: Lifter, hops: readonly PathHop[], i: number): Read {
  const node = hops[i].node;
  const name = g.name(node);
  const eventsHop = hops[i + 1];
  const event = g.edgeName(eventsHop.edge);
  let consumed = 2;
  if (i + 2 < hops.length && g.name(hops[i + 2].node) === 'Array' && g.edgeTypeName(hops[i + 2].edge) === 'element')
    consumed = 3;
  // `process` is reached from the engine's global handles, not from a variable: it is the root here.
  const holder =
    name === 'process' ? step('object', 'process', 'process', { rootLike: true }) : nodeStep(g, lifter, node);
  const text = `listener of '${String(event)}'`;
  return { steps: [holder ?? step('object', name, name), step('listener', String(event), text)], consumed };
}

/**
 * An EventTarget's listener (Node's), from the target's `kEvents` at hop `i`: `target[kEvents]` is a
 * Map of type → { next: Listener, ... }, each Listener holding the callback as `listener` (and
 * `callback`); read through to the callback. Undefined when the path never reaches a Listener's callback.
 */
export async function eventTargetListener(
  g: HeapGraph,
  lifter: Lifter,
  hops: readonly PathHop[],
  i: number,
): Promise<Read | undefined> {
  const node = hops[i].node;
  const name = g.name(node);
  const toCallback = (hop: PathHop) =>
    g.name(hop.node) === 'Listener' && ['listener', 'callback'].includes(String(g.edgeName(hop.edge)));
  const consumed = 1 + hopsWhile(hops, i + 1, (hop) => !toCallback(hop));
  if (i + consumed >= hops.length) return undefined;
  const map = hops[i + 1].node;
  const entry = i + 3 < hops.length ? hops[i + 3].node : -1;
  const event = entry < 0 ? undefined : await keyOf(g, lifter, map, entry);
  const holder = nodeStep(g, lifter, node) ?? step('object', name, name);
  // Named as EventEmitter listeners are: `listener of 'ping'` (a symbol type by its description).
  const text =
    event === undefined ? 'listener' : `listener of ${typeof event === 'string' ? `'${event}'` : quoteKey(event)}`;
  return { steps: [holder, step('listener', String(event ?? ''), text)], consumed: consumed + 1 };
}

/** A Map or Set (`collection`) and which of its entries holds `held`. */
export async function collectionEntry(g: HeapGraph, lifter: Lifter, collection: number, held: number): Promise<Step[]> {
  const name = g.name(collection);
  const holder = nodeStep(g, lifter, collection) ?? step('object', name, name);
  return [holder, await entryStep(g, lifter, collection, held)];
}

/** A WeakMap value, held by its key `node` (an ephemeron edge from the key). */
export function weakMapValue(g: HeapGraph, lifter: Lifter, node: number): Step[] {
  const name = g.name(node);
  return [
    nodeStep(g, lifter, node) ?? step('object', name, name),
    step('weakmap-value', '', 'value stored under it in a WeakMap'),
  ];
}

/** How many hops from `start` on pass `test`, up to the first that does not. */
function hopsWhile(hops: readonly PathHop[], start: number, test: (hop: PathHop) => boolean): number {
  let n = 0;
  while (start + n < hops.length && test(hops[start + n])) n++;
  return n;
}

/** The key under which a Map (by node) stores the value `entry` (by node), or undefined. */
async function keyOf(g: HeapGraph, lifter: Lifter, map: number, entry: number): Promise<unknown> {
  const owner = (await lifter.valueOf(g.id(map)))?.value;
  const value = (await lifter.valueOf(g.id(entry)))?.value;
  for (const [k, v] of mapEntries(owner)) if (v === value) return k;
  return undefined;
}

/** Which entry of a Map or Set holds `held`: asks the real collection. */
async function entryStep(g: HeapGraph, lifter: Lifter, collection: number, held: number): Promise<Step> {
  const name = g.name(collection);
  const owner = (await lifter.valueOf(g.id(collection)))?.value;
  // A string is a value the inspector cannot hand back as itself: the snapshot names it by its text.
  const value = g.typeName(held) === 'string' ? g.name(held) : (await lifter.valueOf(g.id(held)))?.value;
  if (owner instanceof Map) {
    for (const [k, v] of mapEntries(owner)) {
      if (k === value) return step('map-key', quoteKey(k), 'key');
      if (v === value) return step('map-value', quoteKey(k), `value of key ${quoteKey(k)}`);
    }
  } else if (owner instanceof Set) {
    return step('set-member', '', 'member');
  }
  return step('internal', 'table', `entry of ${name}`);
}
