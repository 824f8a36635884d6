/**
 * The library's long-lived FinalizationRegistry, the table of weak lists in use, and the delivery of
 * callbacks when a referent dies, whether the engine noticed first (registry callback) or
 * `gc.collect()` did (sweep), plus the hooks through which `gc.collect()` also sweeps what lives
 * outside the weak lists (WeakValueDictionary entries).
 *
 * Lifetimes:
 * - `registry` is a module constant, reachable for the life of the process. V8 drops the pending
 *   callbacks of a registry that became unreachable, and cleans one registry per event-loop turn, so
 *   one long-lived registry serves every weak list of every container, the death watches of other
 *   modules ({@link watchDeath}) and the canary ({@link plantCanary}). The one exception is a
 *   WeakValueDictionary's entries, registered with a registry of the dictionary's own so that they are
 *   dropped with it (value-entries.ts); the canary keeps that safe.
 * - Each WeakList is registered once, when it is created, for the whole life of its referent; the
 *   registry's held value (strong) is the list. A WeakList is itself the WeakRef to its referent and
 *   holds its links only through WeakRefs (plus, until the end of the current job, the basic ref's
 *   link: see weak-list.ts), so neither the registry nor the tables below keep a referent or a
 *   reference object alive.
 * - `live` (the table `gc.collect()` sweeps) holds the lists in use: those that had a reference object
 *   alive when last checked or got one since. A list whose reference objects all died while its
 *   referent lives leaves `live` ("idle") when a sweep checks it (see `sweep`): it stays installed
 *   (`lists` in weak-list.ts, keyed weakly by the referent) and registered, and comes back into `live`
 *   with the next reference to its referent. So a referent that was ever weakly referenced keeps one
 *   empty list and its registration (about 150 bytes) until it dies, where CPython keeps the
 *   `tp_weaklist` slot inside the object.
 * - Registration has no unregister token, on purpose: a token costs a hash-table insertion in the
 *   registry (several times the price of a tokenless registration) on the path that creates the first
 *   reference to an object, and nothing needs it: when the registry calls back for a list that a sweep
 *   already delivered, or for an idle list, the list is not in `live` and the callback does nothing.
 */
import { NativeFinalizationRegistry } from './natives';
import { installList, lookupList, WeakList, type Link } from './weak-list';
import { reportUnraisable } from './unraisable';
import { engineMayDeliver } from './gc-state';

/**
 * The lists in use, in registration order, with `undefined` holes where lists left (each list knows
 * its index, `liveIndex`). Not a Set: creating the first reference to an object is hot, and an
 * array push is several times cheaper than a Set insertion; removal stays O(1) (a hole) and order
 * is kept, which the sweep's oldest-first delivery needs. Holes are squeezed out by every sweep, and
 * between sweeps once they outnumber the lists (amortised O(1)).
 */
let live: Array<WeakList | undefined> = [];
let liveCount = 0;

function addLive(list: WeakList): void {
  list.liveIndex = live.length;
  live.push(list);
  liveCount++;
}

function removeLive(list: WeakList): void {
  live[list.liveIndex] = undefined;
  list.liveIndex = -1;
  liveCount--;
  if (live.length > 1024 && live.length > 2 * liveCount) squeezeLive();
}

function squeezeLive(): void {
  const next: WeakList[] = [];
  for (let i = 0; i < live.length; i++) {
    const list = live[i];
    if (list === undefined) continue;
    list.liveIndex = next.length;
    next.push(list);
  }
  live = next;
}

/** Something other than a weak list that must hear of an object's death (see {@link watchDeath}). */
export interface DeathWatch {
  /** Called once, by the registry, some time after the watched object was collected. */
  died(): void;
}

/**
 * The held value of the canary (see {@link plantCanary}); private, so no other held value can be it.
 */
const CANARY: DeathWatch = { died: () => plantCanary() };

const registry = new NativeFinalizationRegistry<WeakList | DeathWatch>((held) => {
  if (!(held instanceof WeakList)) {
    held.died();
    return;
  }
  // The engine collected the referent. A list still in `live` was not handled by a sweep yet; any
  // other one was delivered already, or was idle (no reference object left to call back).
  // gc.disable(): the list stays in `live`, dead, and the next sweep (gc.collect(), gc.enable())
  // delivers it in its place in the sweep's order (gc-state.ts). This registration is spent, so the
  // registry never calls back for it again.
  if (held.liveIndex >= 0 && engineMayDeliver()) {
    removeLive(held);
    deliver(held);
  }
});

/**
 * Keeps V8's clean-up of FinalizationRegistries going for the whole process, by keeping one
 * unreachable object (the canary) registered with the library's registry at all times: it dies at
 * every full collection, and its callback plants the next one.
 *
 * Why (reproduced in plain node 20.20, 22.23 and 24.21, and by the specs before this existed): V8
 * cleans the registries that have dead targets ("dirty") one per task, posting the next task only
 * when it finds one. A registry that becomes dirty and then unreachable before its task runs is dropped from
 * the dirty list by the next full collection; if it was the only one, the posted task finds the list
 * empty and returns without clearing its "task posted" flag, and no registry of the isolate is ever
 * cleaned again, this library's included. Each WeakValueDictionary has a registry of its own, dropped
 * with it (value-entries.ts), and any program may drop registries too. With the canary, every full
 * collection leaves this registry on the dirty list, so a posted task always finds one. Cost: one
 * registration and one callback per full collection.
 */
function plantCanary(): void {
  registry.register({}, CANARY);
}
plantCanary();

/**
 * Registers `watch` to be told when `target` dies, with the library's one registry (a registry per
 * watcher would be cleaned one per event-loop turn, and dropped with its owner). The registry holds
 * `watch` strongly until then: it must not reach `target`.
 */
export function watchDeath(target: WeakKey, watch: DeathWatch): void {
  registry.register(target, watch);
}

/**
 * The list of `target` (or `known`, its list already looked up), created and registered on first use. Hot (every reference creation): one
 * `WeakMap.get` when the list exists (plus a push when it was idle); a first reference pays one
 * WeakList, one WeakRef, one `WeakMap.set`, an array push and a tokenless registration, the least
 * that the per-referent list needs.
 */
export function listFor(target: WeakKey, known?: WeakList): WeakList {
  // `known`: the caller already looked the list up (the `ref(o)` path), no second `WeakMap.get`.
  let list = known ?? lookupList(target);
  if (list === undefined) {
    list = new WeakList(target);
    installList(target, list);
    addLive(list);
    registry.register(target, list);
  } else if (list.liveIndex < 0) {
    // An idle list (every reference object had died) gets a reference again: back into the sweep.
    addLive(list);
  }
  return list;
}

/**
 * Clears every reference of a dead referent, then runs their callbacks newest first, each once,
 * skipping those whose reference object was itself collected. Returns how many references it cleared.
 *
 * The references are already cleared by the engine: they all read one WeakRef, which the collector
 * emptied atomically, so inside any callback every other reference to the referent already returns
 * `undefined` (CONTRACT §2.1). What remains is to take the callbacks out before calling any of them, so
 * that a callback that re-enters (gc.collect(), getweakrefs) sees a consistent, empty list.
 */
/** Callbacks (and finalizers) run by the current {@link sweep}: user code, which may drop more. */
let called = 0;

function deliver(list: WeakList): number {
  list.dead = true;
  const links = list.liveLinks();
  list.clear();
  const callbacks: Array<((owner: object) => unknown) | undefined> = new Array(links.length);
  for (let i = 0; i < links.length; i++) {
    callbacks[i] = links[i].callback;
    links[i].callback = undefined;
  }
  for (let i = 0; i < links.length; i++) {
    const cb = callbacks[i];
    if (cb === undefined) continue;
    called++;
    try {
      cb(links[i].owner);
    } catch (err) {
      reportUnraisable(err, cb);
    }
  }
  return links.length;
}

/**
 * Sweepers of the weak references that live outside the weak lists: a WeakValueDictionary entry is a
 * bare WeakRef of its dictionary until its KeyedRef is asked for (value-entry.ts). Each removes what
 * died and adds to `out`: `dead`, what it found dead (entries, dictionaries: dropping them may free
 * more, so `gc.collect()` goes round again), and `cleared`, the references that stood for CPython's
 * reference objects. Module-level functions (they hold no user object), run by {@link sweep} before
 * any callback.
 */
export type Sweeper = (out: { dead: number; cleared: number }) => void;
const sweepers: Sweeper[] = [];

/** Adds a sweeper (see above). */
export function registerSweeper(sweeper: Sweeper): void {
  sweepers.push(sweeper);
}

export interface SweepResult {
  /** Referents found dead in this sweep. */
  dead: number;
  /** Reference objects cleared (the value `gc.collect()` resolves to). */
  cleared: number;
  /**
   * Whether delivering may have dropped the last reference to more objects, so that another
   * collection could find more dead: a callback or finalizer ran (user code), or a sweeper let go of
   * what it held (a dead dictionary's table and keys).
   */
  mayFreeMore: boolean;
}

/**
 * How many sweeps pass between two emptiness checks of one list (a power of two). Each sweep checks the
 * lists whose `serial` falls in its phase, an eighth of the table, so the work is spread evenly.
 */
const PRUNE_PERIOD = 8;
let sweepCount = 0;

/**
 * Finds every referent in use that is gone and delivers its callbacks now, oldest registration first
 * (the registry's own callback for it, when the engine gets to it, then finds the list out of `live`
 * and does nothing). Also moves lists whose reference objects all died while their referent lives out
 * of `live` ("idle"), an eighth of the table per sweep (see below).
 *
 * Call it right after a forced collection in a fresh macrotask: `deref()` here keeps every live
 * referent alive until the end of the current job, which is harmless then. `gc.enable()` also calls
 * it, without a collection, to deliver what the engine reported while gc was disabled (gc-state.ts):
 * the live referents are then kept until the end of the caller's job, which a later `gc.collect()`
 * (starting in a new macrotask) never sees.
 *
 * Hot (target: 2 ms per 10,000 lists in use, `gc()` excluded). The only liveness test JavaScript has
 * is `deref()`, and for a live object it is a runtime call plus an insertion into the engine's
 * keep-during-job set: about 0.1 us each at 10,000 distinct objects, which is the whole cost of this
 * loop. Finding the dead needs one per list (the list is the WeakRef to its referent). Proving a list
 * empty needs one more per live list (its newest link), which would double the cost; that check only
 * serves housekeeping (an idle list costs a `deref()` per sweep until it leaves the table, and nothing
 * else: it stays installed and registered either way), so it runs for one list in PRUNE_PERIOD per
 * sweep, and {@link tableSizes} runs it for all before it counts. Callbacks, counts and every public
 * answer are exact after each sweep regardless. One pass also rebuilds the table: survivors keep their
 * order and the holes left by the registry's callbacks go.
 */
export function sweep(): SweepResult {
  // Dictionary entries first: removing them runs no user code, and every callback below then sees
  // the dictionaries already without their dead entries (`size` exact inside callbacks).
  const outside = { dead: 0, cleared: 0 };
  for (let i = 0; i < sweepers.length; i++) sweepers[i](outside);
  const phase = sweepCount++ & (PRUNE_PERIOD - 1);
  const dead: WeakList[] = [];
  const table = live;
  // Sized once (at most every list survives), filled, then trimmed: growing it push by push would
  // copy it a dozen times at 10,000 lists and could start a scavenge in the middle of the sweep.
  const kept: WeakList[] = new Array<WeakList>(liveCount);
  let n = 0;
  for (let i = 0; i < table.length; i++) {
    const list = table[i];
    if (list === undefined) continue;
    if (list.deref() === undefined) {
      list.liveIndex = -1;
      dead.push(list);
    } else if ((list.serial & (PRUNE_PERIOD - 1)) === phase && list.isEmpty()) {
      list.liveIndex = -1;
      list.clear();
    } else {
      list.liveIndex = n;
      kept[n++] = list;
    }
  }
  kept.length = n;
  // Everything is out of the table before any callback runs: callbacks may create lists (they go to
  // the new table) or re-enter a sweep.
  live = kept;
  liveCount = n;
  let cleared = outside.cleared;
  // Counted across re-entry: a callback may call gc.collect(), whose sweep counts its own.
  const calledBefore = called;
  for (let i = 0; i < dead.length; i++) cleared += deliver(dead[i]);
  return { dead: dead.length + outside.dead, cleared, mayFreeMore: called > calledBefore || outside.dead > 0 };
}

/** Moves every idle list (live referent, no reference object left) out of `live`, now. */
function pruneAll(): void {
  const table = live;
  const kept: WeakList[] = [];
  for (let i = 0; i < table.length; i++) {
    const list = table[i];
    if (list === undefined) continue;
    if (list.deref() !== undefined && list.isEmpty()) {
      list.liveIndex = -1;
      list.clear();
    } else {
      list.liveIndex = kept.length;
      kept.push(list);
    }
  }
  live = kept;
  liveCount = kept.length;
}

/**
 * @internal Counts of the library's tables, for leak tests. Exact: it first moves every idle list out
 * of the table (what the sweep does for an eighth of the table at a time), so that a leak check right
 * after `gc.collect()` sees only the lists in use. O(n) `deref()`s; call it after `gc.collect()`.
 */
export function tableSizes(): { liveLists: number } {
  pruneAll();
  return { liveLists: liveCount };
}

export type { Link };
