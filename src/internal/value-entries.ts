/**
 * The entry table of a WeakValueDictionary: its private state, the one way entries are written
 * (`setEntry`), the one way they are read (`liveValue`), snapshot iteration, and the shared handler
 * of the dict-style Proxy. The public class (weak-value-dictionary.ts) is a thin layer over these.
 *
 * What keeps what alive:
 * - `data` (Python's `self.data`) maps each key to a {@link KeyedRef} of its value: keys are held
 *   strongly, values only through the KeyedRefs. Each KeyedRef counts in `getweakrefcount(value)`.
 * - Every KeyedRef's callback is the dictionary's `remove`, a closure over `data` alone. The core's
 *   weak list holds KeyedRefs only weakly, so the cycle data -> KeyedRef -> callback -> data is
 *   reachable from the dictionary only: dropping the dictionary drops all of it, and the core then
 *   skips the callbacks of the collected KeyedRefs. (CPython needs `ref(self)` in its `remove` to
 *   stay out of refcount cycles; JavaScript collects cycles, so a plain closure is right here.)
 * - `states` maps both the Proxy and the instance to the state, weakly: it never keeps a dictionary
 *   alive. The state's `self` points back at its own key, which an ephemeron allows.
 * - No FinalizationRegistry here: deaths arrive through the core's one registry, via `KeyedRef`.
 *
 * Correct under collection:
 * - `remove` deletes the entry only if it still holds that very KeyedRef, so replacing a value and
 *   then collecting the old one never removes the new entry (CPython issue 28427).
 * - Every read dereferences, so an entry whose value died is treated as missing even before its
 *   clean-up ran; only `size` may still count it until then.
 */
import { KeyedRef } from '../keyed-ref';
import { NativeWeakMap } from './natives';
import { messages } from './messages';
import { className, shortRepr } from './ids';
import { markLibraryCallback, registerRetentionProbe, trackInstance, trackedInstances } from './retention';
import { SKIP, SnapshotIterator } from './snapshot-iterator';
import { markDictionary } from './mutable-mapping';
import { createDictAccessHandler, NO_MEMBERS, wrapWithDictAccess, type DictAccessState } from './dict-access-proxy';

/** A KeyedRef of this table: value weakly, key strongly. */
export type EntryRef = KeyedRef<WeakKey, unknown>;

/** The private state of one dictionary, shared by its Proxy and its instance. */
export interface ValueEntries extends DictAccessState {
  /** key -> KeyedRef of the value (Python's `self.data`), in insertion order. */
  readonly data: Map<unknown, EntryRef>;
  /** The callback of every KeyedRef of this dictionary. */
  readonly remove: (wr: EntryRef) => void;
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

/** Python's `__setitem__`: a new KeyedRef under `key` (throws for a value that cannot be weakly referenced). */
export function setEntry(state: ValueEntries, key: unknown, value: unknown): void {
  const data = state.data;
  const old = data.get(key);
  const current = old === undefined ? undefined : old();
  // The same live value again: keep its KeyedRef. CPython makes a new one and frees the old at once,
  // so the value still counts one reference; here the old one would count until collected.
  if (current === value && current !== undefined) return;
  const wr = new KeyedRef(value as WeakKey, state.remove, key); // throws for a bad value before any change
  // An entry whose value died is gone for every reader (and, in CPython, from the dict): the key is
  // inserted anew, last, whether or not the clean-up has run yet, so that the order of items() and
  // popitem() never depends on when the engine reports a death (reliability fuzz regression).
  if (old !== undefined && current === undefined) data.delete(key);
  const before = data.size;
  data.set(key, wr);
  if (data.size !== before) state.popOrder.stack = undefined; // a new key goes last: popitem's order changed
}

/**
 * Removes the entry under `key` (and popitem()'s cached order, which would keep the key alive); returns
 * the removed KeyedRef, or `undefined` when there was none.
 */
export function deleteEntry(state: ValueEntries, key: unknown): EntryRef | undefined {
  const wr = state.data.get(key);
  if (wr === undefined) return undefined;
  state.data.delete(key);
  state.popOrder.stack = undefined;
  return wr;
}

/** The live value under `key`, or `undefined` (missing, or dead before its clean-up ran). */
export function liveValue(state: ValueEntries, key: unknown): WeakKey | undefined {
  const wr = state.data.get(key);
  return wr === undefined ? undefined : wr();
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
export function createEntries(instance: object): object {
  const data = new Map<unknown, EntryRef>();
  // CPython: weakref.py WeakValueDictionary.__init__.remove, with _remove_dead_weakref's check that
  // the entry still holds this very reference (issue 28427). Closes over `data` and `popOrder` only.
  const popOrder: ValueEntries['popOrder'] = { stack: undefined };
  const remove = (wr: EntryRef): void => {
    if (data.get(wr.key) === wr) {
      data.delete(wr.key);
      popOrder.stack = undefined;
    }
  };
  const state: ValueEntries = { members: NO_MEMBERS, ownTable: false, data, remove, self: instance, popOrder };
  const proxy = wrapWithDictAccess(instance, state, handler);
  state.self = proxy;
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
 * Iterates the live entries over a snapshot of the KeyedRefs, reading each entry as it is when reached:
 * skipped if deleted since the snapshot or if its value died.
 */
export function iterate<T>(state: ValueEntries, produce: (key: unknown, value: WeakKey, wr: EntryRef) => T): IterableIterator<T> {
  const data = state.data;
  return new SnapshotIterator<EntryRef, T>(
    // The live entries only (CPython 3.14 skips the dead ones of its copy too): an entry that was dead
    // when the snapshot was taken and is set again later must not be visited, whether or not its
    // clean-up ran in between (reliability fuzz regression).
    () => Array.from(data.values()).filter((wr) => wr() !== undefined),
    (wr) => {
      const current = data.get(wr.key);
      const value = current === undefined ? undefined : current();
      return value === undefined ? SKIP : produce(wr.key, value, current!);
    },
  );
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
    const wr = data.get(key);
    if (wr === undefined) continue;
    data.delete(key);
    const value = wr();
    if (value !== undefined) return [key, value];
  }
  return undefined;
}
