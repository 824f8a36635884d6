/**
 * The retention probes of the core (see src/internal/retention.ts): what the weak list of an object
 * that survived `gc.collect()` tells about why.
 *
 * They live in the testing subpath, not in the core, because only the lifetime assertions ask, and
 * because they use public classes (`KeyedRef`, `finalize` when present) that the core must not import.
 * Every probe reads the target's own weak list and keeps nothing after returning.
 */
import * as library from '../index';
import { KeyedRef, getweakrefs } from '../index';
import { enableInstanceTracking, isLibraryCallback, registerRetentionProbe } from '../internal/retention';
import { lookupList, type Link } from '../internal/weak-list';
import { reprOf } from './watch';

/** How many items a sentence lists before "and N more". */
const LIST_LIMIT = 3;

function listed(items: readonly string[]): string {
  if (items.length <= LIST_LIMIT) return items.join(', ');
  return `${items.slice(0, LIST_LIMIT).join(', ')} and ${items.length - LIST_LIMIT} more`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

interface FinalizeLike {
  peek(): [unknown, unknown, unknown[]] | undefined;
}

/** `finalize` when the library exports it (the module may be absent), else undefined. */
function finalizeType(): Function | undefined {
  const f = (library as unknown as { finalize?: unknown }).finalize;
  return typeof f === 'function' ? f : undefined;
}

function isFinalizer(value: unknown, type: Function | undefined): value is FinalizeLike {
  if (type === undefined || typeof value !== 'function') return false;
  try {
    return (
      value instanceof (type as new () => unknown) && typeof (value as unknown as FinalizeLike).peek === 'function'
    );
  } catch {
    return false;
  }
}

/** The live links of `target`'s weak list (none when it has no list or its death was handled). */
function linksOf(target: WeakKey): Link[] {
  const list = lookupList(target);
  return list === undefined || list.dead ? [] : list.liveLinks();
}

/**
 * The finalizers of the object itself. A finalizer watches its object through a ref whose callback
 * is the finalizer, and holds `func` and `args` strongly until it runs (CPython: same), so one whose
 * func or args are the object keeps it alive for ever: the one cause the library can state for
 * certain. The others are listed, since a func that closes over the object does the same and cannot
 * be seen into.
 */
export function ownFinalizersProbe(target: WeakKey): string[] | undefined {
  const type = finalizeType();
  if (type === undefined) return undefined;
  const certain: string[] = [];
  const others: string[] = [];
  for (const link of linksOf(target)) {
    const finalizer = link.callback;
    if (!isFinalizer(finalizer, type)) continue;
    const info = finalizer.peek();
    if (info === undefined) continue;
    const [, func, args] = info;
    if (func === target || (Array.isArray(args) && args.includes(target))) certain.push(reprOf(finalizer));
    else others.push(reprOf(finalizer));
  }
  const out: string[] = [];
  if (certain.length > 0) {
    out.push(
      `${listed(certain)} ${certain.length === 1 ? 'holds' : 'hold'} it in func or args: a finalizer keeps ` +
        'func and args alive until it runs, so the object can never be collected (as in Python: func and ' +
        'args must not refer to obj)',
    );
  }
  if (others.length > 0) {
    out.push(
      `it has ${plural(others.length, 'live finalizer', 'live finalizers')} (${listed(others)}): a finalizer ` +
        'keeps func and args alive until it runs, so a func that closes over the object (an arrow function ' +
        'using it, obj.method.bind(obj)) keeps it alive',
    );
  }
  return out;
}

/**
 * References to the object with a user callback. A reference holds its callback strongly (CPython:
 * same), so a callback that closes over the referent keeps it alive as long as the reference lives.
 * Callbacks the library marked as its own, KeyedRefs (the entries of WeakValueDictionary) and
 * finalizers are left to their own probes.
 */
export function callbacksProbe(target: WeakKey): string | undefined {
  const finalizer = finalizeType();
  const owners: string[] = [];
  for (const link of linksOf(target)) {
    const cb = link.callback;
    if (cb === undefined || isLibraryCallback(cb) || isFinalizer(cb, finalizer)) continue;
    if (link.owner instanceof KeyedRef) continue;
    owners.push(reprOf(link.owner));
  }
  if (owners.length === 0) return undefined;
  return (
    `it is the referent of ${plural(owners.length, 'live reference', 'live references')} with a callback ` +
    `(${listed(owners)}): a reference holds its callback strongly, so a callback that uses the object itself, ` +
    'instead of the reference it is passed, keeps the object alive'
  );
}

/**
 * KeyedRefs to the object: the entries of WeakValueDictionary. They hold their value weakly, so they
 * are not the cause, but they say where the object has been shared from: a value read from such a
 * dictionary and kept in a variable is the usual culprit.
 */
export function keyedRefsProbe(target: WeakKey): string | undefined {
  const keys: string[] = [];
  for (const owner of getweakrefs(target)) {
    if (owner instanceof KeyedRef) keys.push(reprOf((owner as KeyedRef<WeakKey>).key));
  }
  if (keys.length === 0) return undefined;
  return (
    `it is the value of ${plural(keys.length, 'KeyedRef', 'KeyedRefs')} (WeakValueDictionary entries; ` +
    `${keys.length === 1 ? 'key' : 'keys'} ${listed(keys)}): an entry holds its value weakly, so look for ` +
    'where a value read from the dictionary is still kept'
  );
}

/**
 * Turns instance tracking on and registers the core's probes; idempotent. Called by collected.ts
 * rather than run at load, so that bundlers honouring `sideEffects: false` cannot drop it.
 */
export function installCoreProbes(): void {
  // Containers created from now on are tracked (weakly) for the probes that search them.
  enableInstanceTracking();
  // Most certain first: a finalizer holding its own object is a definite cause; the others are leads.
  registerRetentionProbe(ownFinalizersProbe);
  registerRetentionProbe(callbacksProbe);
  registerRetentionProbe(keyedRefsProbe);
}
