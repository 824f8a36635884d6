/**
 * The entry table of a WeakValueDictionary: its private state, the one way entries are written
 * (`setEntry`), the one way they are read (`liveValue`), snapshot iteration, and the shared handler
 * of the dict-style Proxy. The public class (weak-value-dictionary.ts) is a thin layer over these.
 *
 * What keeps what alive:
 * - `data` (Python's `self.data`) maps each key to a {@link ValueEntry}: keys are held strongly,
 *   values only through the entries, which are WeakRefs. An entry's KeyedRef (what CPython stores) is
 *   made on demand and then held by the entry; value-entry.ts explains why and how it still counts in
 *   `getweakrefcount(value)` from the start.
 * - `registry`, the dictionary's own FinalizationRegistry, holds each entry while its value lives and
 *   calls `release` when the value dies. It is reachable only from this state, so dropping the
 *   dictionary drops it with all its registrations (and the engine never calls it then).
 * - `remove` (every KeyedRef's callback) and `release` close over `data` and `popOrder` alone. The
 *   core's weak list holds KeyedRefs only weakly, so the cycle data -> entry -> KeyedRef -> callback
 *   -> data is reachable from the dictionary only. (CPython needs `ref(self)` in its `remove` to stay
 *   out of refcount cycles; JavaScript collects cycles, so a plain closure is right here.)
 * - `states` maps both the Proxy and the instance to the state, weakly: it never keeps a dictionary
 *   alive. The state's `self` points back at its own key, which an ephemeron allows.
 * - value-dictionaries.ts holds each dictionary's `table` (`data`, never the dictionary) for
 *   `gc.collect()`'s sweep and `getweakrefcount`, until `sentinel`, which only this state holds, dies.
 *
 * Correct under collection:
 * - `remove` and `release` delete the entry only if it still holds that very KeyedRef or entry, so
 *   replacing a value and then collecting the old one never removes the new entry (CPython issue 28427).
 * - Every read dereferences, so an entry whose value died is treated as missing even before its
 *   clean-up ran; only `size` may still count it until then (`gc.collect()` removes it at once).
 */
import { NativeFinalizationRegistry, NativeWeakMap } from './natives';
import * as messages from './messages';
import { className, shortRepr } from './ids';
import { checkWeakrefable } from './weakrefable';
import { takeOrder } from './weak-list';
import { markLibraryCallback, registerRetentionProbe, trackInstance, trackedInstances } from './retention';
import { SKIP, SnapshotIterator } from './snapshot-iterator';
import { argCountError } from './dict-args';
import { markDictionary } from './mutable-mapping';
import {
  createDictAccessHandler,
  NO_MEMBERS,
  setOwnGet,
  wrapWithDictAccess,
  type DictAccessState,
} from './dict-access-proxy';
import { DETACHED, detach, keyedRefOf, ValueEntry, type EntryRef } from './value-entry';
import { indexEntry, trackDictionary, type TrackedEntries } from './value-dictionaries';
import { engineMayDeliver } from './gc-state';

export { type EntryRef, ValueEntry } from './value-entry';

/** The private state of one dictionary, shared by its Proxy and its instance. */
export interface ValueEntries extends DictAccessState {
  /** key -> entry (Python's `self.data`), in insertion order. */
  readonly data: Map<unknown, ValueEntry>;
  /** The callback of every KeyedRef of this dictionary. */
  readonly remove: (wr: EntryRef) => void;
  /**
   * What value-dictionaries.ts tracks of this dictionary (the same `data`, `remove` and `popOrder`,
   * and the value index): a part that never points back at the dictionary, so that the core's
   * liveness checks on it never keep a dropped dictionary alive, even until the end of a job.
   */
  readonly table: TrackedEntries;
  /**
   * An empty object that only this state holds: value-dictionaries.ts watches it to learn when the
   * dictionary died without ever dereferencing the dictionary itself.
   */
  readonly sentinel: object;
  /** The registry's callback: removes a dead entry if it is still the one under its key. */
  readonly release: (entry: ValueEntry) => void;
  /** This dictionary's FinalizationRegistry; made with the first entry, dropped by `clear()`. */
  registry: FinalizationRegistry<ValueEntry> | undefined;
  /**
   * Registrations in `registry` of entries that left the dictionary while their value lived (deleted,
   * popped, replaced): each holds a detached entry until that value dies. Bounded by
   * {@link leftWhileAlive}, which replaces the registry once they outnumber the entries.
   */
  stale: number;
  /** The Proxy the constructor returned: what `this` is in methods, and what the repr names. */
  self: object;
  /**
   * `stack`: keys in insertion order for `popitem()`, popped from the end; dropped when a key is added
   * and whenever an entry is removed otherwise (it would hold a removed key strongly: a leak that the
   * reliability fuzz found). In its own small object because `remove` must reset it and must not reach
   * the dictionary.
   */
  readonly popOrder: { stack: unknown[] | undefined };
}

/** Proxy and instance -> state; weak, so it never keeps a dictionary alive. */
export const states = new NativeWeakMap<object, ValueEntries>();

/** The TypeError for a method called on something that is not a WeakValueDictionary. */
export function receiverError(self: unknown, method: string): TypeError {
  return new TypeError(messages.wrongReceiver(method, 'WeakValueDictionary', className(self)));
}

/** The state behind `self` (the Proxy or the instance), or the TypeError for a stranger. */
export function stateOf(self: unknown, method: string): ValueEntries {
  const state = self !== null && typeof self === 'object' ? states.get(self) : undefined;
  if (state === undefined) throw receiverError(self, method);
  return state;
}

/** The dictionary's registry, made (and the dictionary listed for the sweep) with its first entry. */
function registryOf(state: ValueEntries): FinalizationRegistry<ValueEntry> {
  trackDictionary(state.table, state.sentinel);
  return (state.registry = new NativeFinalizationRegistry<ValueEntry>(state.release));
}

/**
 * Python's `__setitem__`: a new entry under `key` (throws for a value that cannot be weakly
 * referenced, before any change).
 *
 * Hot (issue 10: set <= 1.5x Map + WeakRef + register + unregister): one Map lookup and `deref()` for
 * the old entry, one WeakRef (the entry) and one tokenless registration for the new one, one Map
 * store. No unregister for the old entry: it is detached instead (a token would cost a hash-table
 * insertion per entry, and memory), and its registration ends with its value, the dictionary, or the
 * dictionary's move to a new registry ({@link leftWhileAlive}).
 */
export function setEntry(state: ValueEntries, key: unknown, value: unknown): void {
  const data = state.data;
  const old = data.get(key);
  const current = old === undefined ? undefined : old.deref();
  // The same live value again: keep its entry. CPython makes a new KeyedRef and frees the old at once,
  // so the value still counts one reference; here the old one would count until collected.
  if (current === value && current !== undefined) return;
  checkWeakrefable(value);
  const entry = new ValueEntry(value, key, takeOrder());
  (state.registry ?? registryOf(state)).register(value, entry);
  if (old !== undefined) {
    detach(old);
    // An entry whose value died is gone for every reader (and, in CPython, from the dict): the key is
    // inserted anew, last, whether or not the clean-up has run yet, so that the order of items() and
    // popitem() never depends on when the engine reports a death (reliability fuzz regression).
    if (current === undefined) data.delete(key);
  }
  const before = data.size;
  data.set(key, entry);
  if (data.size !== before) state.popOrder.stack = undefined; // a new key goes last: popitem's order changed
  const table = state.table;
  if (table.byValue !== undefined) indexEntry(table, table.byValue, value, entry);
  // Only now, with the new entry in `data`: a move to a new registry re-registers what `data` holds.
  if (current !== undefined) leftWhileAlive(state);
}

/**
 * Removes the entry under `key` (and popitem()'s cached order, which would keep the key alive); returns
 * its value (`undefined` if it had died), or {@link SKIP} when there was no entry.
 */
export function deleteEntry(state: ValueEntries, key: unknown): WeakKey | undefined | typeof SKIP {
  const entry = state.data.get(key);
  if (entry === undefined) return SKIP;
  state.data.delete(key);
  state.popOrder.stack = undefined;
  const value = entry.deref();
  detach(entry);
  if (value !== undefined) leftWhileAlive(state);
  return value;
}

/**
 * Counts a registration left behind by an entry that left while its value lived, and once they
 * outnumber the entries (and 64), moves the live entries to a new registry and drops the old one with
 * everything it held: toggling an entry of a long-lived value (`d[k] = v; delete d[k]`, again and
 * again) would otherwise pile up registrations until `v` dies. Amortised O(1) per removal. An entry
 * found dead on the way is removed here, as its clean-up would have. Dropping a registry that may
 * have dead targets pending is safe: see the canary in lifecycle.ts.
 */
function leftWhileAlive(state: ValueEntries): void {
  const data = state.data;
  if (++state.stale <= 64 || state.stale <= data.size) return;
  const registry = new NativeFinalizationRegistry<ValueEntry>(state.release);
  for (const [key, entry] of data) {
    const value = entry.deref();
    if (value === undefined) {
      data.delete(key);
      state.popOrder.stack = undefined;
    } else {
      registry.register(value, entry);
    }
  }
  state.registry = registry;
  state.stale = 0;
}

/** The live value under `key`, or `undefined` (missing, or dead before its clean-up ran). */
export function liveValue(state: ValueEntries, key: unknown): WeakKey | undefined {
  const entry = state.data.get(key);
  return entry === undefined ? undefined : entry.deref();
}

// One handler for every dictionary (no closure per dictionary); its traps reach the state through the
// Proxy's target. `read` is the body of every `d[k]`: one Map lookup and one dereference.
const handler = createDictAccessHandler<ValueEntries>({
  read: liveValue,
  write: setEntry,
  contains: (state, key) => liveValue(state, key) !== undefined,
  remove: (state, key) => void deleteEntry(state, key),
});

/**
 * Creates the state of the freshly constructed `instance` and returns the Proxy that the constructor
 * must return.
 */
/**
 * The dictionary's own copy of `classGet` (WeakValueDictionary.prototype.get), what `d.get` reads
 * (dict-access-proxy.ts): the same method, but it already knows `data`, so `d.get(k)` costs no state
 * lookup (the class's method must find the state of `this` in a WeakMap). Called with any other `this`
 * (`d.get.call(other, k)`), it is the class's method. Made in a function of its own, so that its
 * closure holds `data`, `self` (the Proxy) and `classGet` only: the closures of `createEntries` are
 * held by KeyedRefs and registries and must never reach the dictionary. The state holds it (and so
 * does whoever keeps `d.get`, which then keeps `d` alive, as a Python bound method keeps its object).
 */
function makeOwnGet(data: Map<unknown, ValueEntry>, self: object, classGet: Function): (...args: any[]) => unknown {
  return function get(this: unknown, key: unknown, defaultValue?: unknown): unknown {
    if (this !== self) return classGet.apply(this, arguments as unknown as unknown[]) as unknown;
    // Hot path (issue 10: <= 1.6x `map.get(k)?.deref()` through the Proxy): the arity check reads
    // `arguments.length` only, then one Map lookup and one dereference, as the class's method does.
    if (arguments.length !== 1 && arguments.length !== 2) throw argCountError('get', 1, 2, arguments.length);
    const entry = data.get(key);
    if (entry !== undefined) {
      const value = entry.deref();
      if (value !== undefined) return value;
    }
    return defaultValue;
  };
}

export function createEntries(instance: object, classGet: Function): object {
  const data = new Map<unknown, ValueEntry>();
  const popOrder: ValueEntries['popOrder'] = { stack: undefined };
  // CPython: weakref.py WeakValueDictionary.__init__.remove, with _remove_dead_weakref's check that
  // the entry still holds this very reference (issue 28427). Closes over `data` and `popOrder` only.
  const remove = (wr: EntryRef): void => {
    const entry = data.get(wr.key);
    if (entry !== undefined && entry.keyed === wr) {
      data.delete(wr.key);
      detach(entry);
      popOrder.stack = undefined;
    }
  };
  // The same for an entry whose KeyedRef was never made, when the engine reports its value's death.
  // gc.disable(): the dead entry stays (and counts in `size`) until the next sweep, gc.collect() or
  // gc.enable(), removes it (gc-state.ts); every read already treats it as missing.
  const release = (entry: ValueEntry): void => {
    if (!engineMayDeliver()) return;
    const key = entry.key;
    if (key !== DETACHED && data.get(key) === entry) {
      data.delete(key);
      popOrder.stack = undefined;
    }
  };
  const state: ValueEntries = {
    members: NO_MEMBERS,
    ownTable: false,
    classGet,
    ownGet: undefined,
    fastGet: undefined,
    data,
    remove,
    release,
    registry: undefined,
    stale: 0,
    table: { data, remove, popOrder, byValue: undefined, tracked: false },
    sentinel: {},
    self: instance,
    popOrder,
  };
  const proxy = wrapWithDictAccess(instance, state, handler);
  state.self = proxy;
  setOwnGet(state, makeOwnGet(data, proxy, classGet));
  states.set(instance, state);
  states.set(proxy, state);
  markDictionary(proxy); // methods run with `this` = the Proxy (the instance was marked by its constructor)
  // For pyweakref/testing (a boolean test each until it loads): `remove` never closes over a value,
  // and the state is tracked weakly (it lives exactly as long as the dictionary, through `states`).
  markLibraryCallback(remove);
  trackInstance('WeakValueDictionary', state);
  return proxy;
}

/**
 * Python's `clear()`: removes every entry. The registry goes too: dropping it ends every registration
 * at once (the entries, and the keys they hold, are not kept until their values die), and the next
 * entry makes a new one. The same Map is kept: the KeyedRefs' callback closes over it.
 */
export function clearEntries(state: ValueEntries): void {
  state.data.clear();
  state.registry = undefined;
  state.stale = 0;
  state.table.byValue = undefined;
  state.popOrder.stack = undefined;
}

/**
 * The retention probe of WeakValueDictionary (see internal/retention.ts): `data` holds its keys
 * strongly, so an object used as a key lives as long as its entry. The values are the KeyedRefs'
 * business (the core's probe). Reads `data.has` only: it keeps nothing and dereferences nothing.
 */
function keysProbe(target: WeakKey): string[] {
  const out: string[] = [];
  for (const state of trackedInstances<ValueEntries>('WeakValueDictionary')) {
    if (state.data.has(target)) {
      out.push(`it is a key of ${shortRepr(state.self)}: a WeakValueDictionary holds its keys strongly`);
    }
  }
  return out;
}

registerRetentionProbe(keysProbe);

/**
 * Iterates the live entries over a snapshot of their keys, reading each entry as it is when reached:
 * skipped if deleted since the snapshot or if its value died. `produce` gets the entry, for
 * `itervaluerefs()`.
 */
export function iterate<T>(
  state: ValueEntries,
  produce: (key: unknown, value: WeakKey, entry: ValueEntry) => T,
): IterableIterator<T> {
  const data = state.data;
  return new SnapshotIterator<unknown, T>(
    () => {
      // The live entries only (CPython 3.14 skips the dead ones of its copy too): an entry that was dead
      // when the snapshot was taken and is set again later must not be visited, whether or not its
      // clean-up ran in between (reliability fuzz regression). Keys, not entries: the snapshot holds
      // no value, and an entry replaced meanwhile is read as it is now.
      const keys: unknown[] = [];
      for (const [key, entry] of data) if (entry.deref() !== undefined) keys.push(key);
      return keys;
    },
    (key) => {
      const current = data.get(key);
      const value = current === undefined ? undefined : current.deref();
      return value === undefined ? SKIP : produce(key, value, current!);
    },
  );
}

/** The live entry's KeyedRef (made now if needed), for `valuerefs()` and `itervaluerefs()`. */
export function keyedRef(state: ValueEntries, entry: ValueEntry): EntryRef | undefined {
  return keyedRefOf(entry, state.remove);
}

/** Python's `popitem()` loop: the last inserted live entry, removed; `undefined` when none is left. */
export function popLast(state: ValueEntries): [unknown, WeakKey] | undefined {
  const data = state.data;
  // A Map cannot be read from its end: keep its keys in an array and pop from that, so that draining a
  // dictionary with popitem() is linear. Keys deleted meanwhile are skipped; adding a key resets it.
  let stack = state.popOrder.stack;
  if (stack === undefined) stack = state.popOrder.stack = Array.from(data.keys());
  while (stack.length > 0) {
    const key = stack.pop();
    const entry = data.get(key);
    if (entry === undefined) continue;
    data.delete(key);
    const value = entry.deref();
    detach(entry);
    if (value !== undefined) {
      leftWhileAlive(state);
      return [key, value];
    }
  }
  return undefined;
}
