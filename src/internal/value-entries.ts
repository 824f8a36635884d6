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
import { className } from './ids';
import { SKIP, SnapshotIterator } from './snapshot-iterator';
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
  /** Keys in insertion order for `popitem()`, popped from the end; dropped when a key is added. */
  stack: unknown[] | undefined;
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
  if (old !== undefined) {
    // The same live value again: keep its KeyedRef. CPython makes a new one and frees the old at once,
    // so the value still counts one reference; here the old one would count until collected.
    const current = old();
    if (current === value && current !== undefined) return;
  }
  const before = data.size;
  data.set(key, new KeyedRef(value as WeakKey, state.remove, key));
  if (data.size !== before) state.stack = undefined; // a new key goes last: popitem's order changed
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
  remove: (state, key) => void state.data.delete(key),
});

/**
 * Creates the state of the freshly constructed `instance` and returns the Proxy that the constructor
 * must return.
 */
export function createEntries(instance: object): object {
  const data = new Map<unknown, EntryRef>();
  // CPython: weakref.py WeakValueDictionary.__init__.remove, with _remove_dead_weakref's check that
  // the entry still holds this very reference (issue 28427). Closes over `data` only.
  const remove = (wr: EntryRef): void => {
    if (data.get(wr.key) === wr) data.delete(wr.key);
  };
  const state: ValueEntries = { members: NO_MEMBERS, ownTable: false, data, remove, self: instance, stack: undefined };
  const proxy = wrapWithDictAccess(instance, state, handler);
  state.self = proxy;
  states.set(instance, state);
  states.set(proxy, state);
  return proxy;
}

/**
 * Iterates the live entries over a snapshot of the KeyedRefs, reading each entry as it is when reached:
 * skipped if deleted since the snapshot or if its value died.
 */
export function iterate<T>(state: ValueEntries, produce: (key: unknown, value: WeakKey, wr: EntryRef) => T): IterableIterator<T> {
  const data = state.data;
  return new SnapshotIterator<EntryRef, T>(
    () => Array.from(data.values()),
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
  let stack = state.stack;
  if (stack === undefined) stack = state.stack = Array.from(data.keys());
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
