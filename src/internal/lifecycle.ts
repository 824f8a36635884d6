/**
 * The one FinalizationRegistry of the library, the table of live weak lists, and the delivery of
 * callbacks when a referent dies, whether the engine noticed first (registry callback) or
 * `gc.collect()` did (sweep).
 *
 * Lifetimes:
 * - `registry` is a module constant, reachable for the life of the process. V8 drops the pending
 *   callbacks of a registry that became unreachable, and cleans one registry per event-loop turn, so
 *   one long-lived registry serves every weak list of every container.
 * - `live` holds every WeakList strongly while its referent may be alive. A WeakList holds nothing
 *   strongly but its links' WeakRefs and its target's WeakRef (see weak-list.ts), so this table keeps
 *   no referent and no reference object alive. It is what `gc.collect()` sweeps.
 * - The registry's held value is the WeakList itself, and so is the unregister token: once either path
 *   has handled a death, the other finds the list gone from `live` and does nothing.
 */
import { NativeFinalizationRegistry } from './natives';
import { installList, lookupList, uninstallList, WeakList, type Link } from './weak-list';
import { reportUnraisable } from './unraisable';

const live = new Set<WeakList>();

const registry = new NativeFinalizationRegistry<WeakList>((list) => {
  // The engine collected the referent and no sweep has handled it yet.
  if (live.delete(list)) deliver(list);
});

/** The list of `target`, created and registered on first use. */
export function listFor(target: WeakKey): WeakList {
  let list = lookupList(target);
  if (list === undefined) {
    list = new WeakList(target);
    installList(target, list);
    live.add(list);
    registry.register(target, list, list);
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
    try {
      cb(links[i].owner);
    } catch (err) {
      reportUnraisable(err, cb);
    }
  }
  return links.length;
}

export interface SweepResult {
  /** Referents found dead in this sweep. */
  dead: number;
  /** Reference objects cleared (the value `gc.collect()` resolves to). */
  cleared: number;
}

/**
 * Finds every registered referent that is gone, unregisters it (so the engine's pending callback for
 * it never runs) and delivers its callbacks now, oldest registration first. Lists whose reference
 * objects all died while their referent lives are dropped too, so the tables only hold what is in use.
 *
 * Call it right after a forced collection in a fresh macrotask: `deref()` here keeps every live
 * referent alive until the end of the current job, which is harmless then.
 */
export function sweep(): SweepResult {
  const dead: WeakList[] = [];
  for (const list of live) {
    const target = list.target.deref();
    if (target === undefined) {
      dead.push(list);
    } else if (list.isEmpty()) {
      live.delete(list);
      registry.unregister(list);
      uninstallList(target, list);
    }
  }
  // Take them all out before any callback runs: callbacks may create lists or re-enter a sweep.
  for (const list of dead) {
    live.delete(list);
    registry.unregister(list);
  }
  let cleared = 0;
  for (const list of dead) cleared += deliver(list);
  return { dead: dead.length, cleared };
}

/** @internal Counts of the library's tables, for leak tests. */
export function tableSizes(): { liveLists: number } {
  return { liveLists: live.size };
}

export type { Link };
