/**
 * The per-referent list of reference objects: CPython's `tp_weaklist`.
 *
 * What keeps what alive (read this before touching anything here):
 *
 * - `lists` maps a referent to its WeakList through a WeakMap, so the referent is the key of an
 *   ephemeron: the list never keeps its referent alive, and the entry vanishes with the referent.
 * - A WeakList holds its referent only weakly: the list IS the native WeakRef to it (a WeakRef
 *   subclass), shared by every reference object to that referent (`r()` is `target.deref()`, and
 *   `target` is the list itself). One object instead of a list plus a WeakRef: a referent costs one
 *   allocation less, and `gc.collect()`'s sweep, which reads every list, one cache miss less.
 * - A WeakList holds its reference objects only through WeakRefs to their {@link Link}s. A link is
 *   owned by its reference object (the ref function's closure, the proxy's handler state) and holds
 *   the owner back, so link and owner are collected together; a dropped reference object therefore
 *   stops counting in `getweakrefcount`, and its callback, which only the link holds, is skipped and
 *   collected with it (CPython: a weakref that is itself garbage never has its callback called).
 * - The lifecycle module (`lifecycle.ts`) holds every WeakList strongly while its referent may be
 *   alive: the registry's held value is the list, and the lists in use are also in the table that
 *   `gc.collect()` sweeps.
 * - One exception to "only weakly", bounded by the current job: `basicHot` holds the basic ref's link
 *   strongly from the moment `ref(o)` dereferenced or created the basic ref until a microtask of the
 *   same job forgets it (see {@link holdBasicForJob}). The engine already keeps that link alive until
 *   the job ends (a WeakRef target dereferenced or created in a job is kept for the rest of it), so
 *   the cache never extends any lifetime; it only spares `ref(o)` a second `deref()`.
 */
import { NativeWeakMap, NativeWeakRef } from './natives';

/** The state every reference object (ref, proxy, KeyedRef, WeakMethod, finalize...) shares. */
export interface Link {
  /** The public reference object; strong, since link and owner live and die together. */
  readonly owner: object;
  /** The list of the referent; strong, so that a live reference keeps its list's slot. */
  readonly list: WeakList;
  /** The callback, strongly held as in CPython; `undefined` once it has been called or cleared. */
  callback: ((owner: any) => unknown) | undefined;
  /**
   * When a non-basic reference was made, as a {@link takeOrder} stamp (0 for the basic ref and
   * proxy, which have slots of their own): the list keeps its others in this order, which is CPython's
   * creation order, also for a reference made on demand later but dated from its entry's creation.
   */
  order: number;
}

/** The last creation stamp handed out; a double, so it never wraps in a process's life. */
let lastOrder = 0;

/**
 * A new creation stamp for a non-basic reference, or for a container entry whose reference object
 * will be made only on demand (a WeakValueDictionary entry: see value-entry.ts) and must then take
 * the place in its list that CPython's KeyedRef, made with the entry, would have had.
 */
export function takeOrder(): number {
  return ++lastOrder;
}

/**
 * How many stamps were handed out so far: the reference objects with a callback and the container
 * entries made in the process's life. `gc.get_count()` reads it (gc-module.ts); reading costs the hot
 * paths nothing.
 */
export function stampsTaken(): number {
  return lastOrder;
}

/** Compaction starts at this many entries in `others`, and then at twice the live count. */
const MIN_COMPACT = 8;

let listSerial = 0;

export class WeakList extends NativeWeakRef<WeakKey> {
  /** The referent, weakly: this list itself, a native WeakRef shared by every reference object to it. */
  readonly target: WeakRef<WeakKey>;
  /** The shared callback-less `ref` (CPython's basic ref), weakly. */
  basicRef: WeakRef<Link> | undefined = undefined;
  /**
   * The basic ref's link, strongly, for the rest of the current job only: the `ref(o)` fast path
   * (see {@link holdBasicForJob} for why this keeps nothing alive longer than the engine does).
   */
  basicHot: Link | undefined = undefined;
  /** The shared callback-less `proxy` (CPython's basic proxy), weakly. */
  basicProxy: WeakRef<Link> | undefined = undefined;
  /**
   * The oldest other (non-basic) reference object, weakly. Most referents have exactly one (a ref with
   * a callback, the KeyedRef of a dictionary entry, a set member's ref): they need no array, which
   * saves two objects per referent and two cache misses per list in `gc.collect()`'s sweep.
   */
  first: WeakRef<Link> | undefined = undefined;
  /** The later other reference objects, weakly, oldest first: read it backwards for newest first. */
  others: Array<WeakRef<Link>> | undefined = undefined;
  /** Set once the referent's death has been handled; the list then accepts nothing new. */
  dead = false;
  /** This list's index in the lifecycle module's table of lists in use; -1 while not in it. */
  liveIndex = -1;
  /** Creation order (wraps): spreads the sweep's emptiness checks evenly over the lists. */
  readonly serial: number = (listSerial = (listSerial + 1) & 0x3fffffff);
  private compactAt = MIN_COMPACT;

  constructor(target: WeakKey) {
    super(target);
    this.target = this;
  }

  /**
   * Appends a non-basic reference (it becomes the newest). Hot: every ref with a callback, every
   * container entry; the first one takes the `first` slot, the second makes a one-element array
   * (pushing into `[]` would reserve room for 17).
   */
  addOther(link: Link): void {
    link.order = ++lastOrder;
    const w = new NativeWeakRef(link);
    if (this.first === undefined) {
      this.first = w;
      return;
    }
    let others = this.others;
    if (others !== undefined && others.length >= this.compactAt) {
      this.compact();
      if (this.first === undefined) {
        this.first = w;
        return;
      }
      others = this.others;
    }
    if (others === undefined) this.others = [w];
    else others.push(w);
  }

  /**
   * Drops the WeakRefs of collected links, keeping the order. Amortised O(1) per insertion: the next
   * compaction waits until the array has doubled over what survived this one.
   */
  compact(): void {
    const live: Array<WeakRef<Link>> = [];
    if (this.first !== undefined && this.first.deref() !== undefined) live.push(this.first);
    const others = this.others;
    if (others !== undefined) for (let i = 0; i < others.length; i++) if (others[i].deref() !== undefined) live.push(others[i]);
    this.first = live.length > 0 ? live[0] : undefined;
    this.others = live.length > 1 ? live.slice(1) : undefined;
    this.compactAt = Math.max(MIN_COMPACT, live.length * 2);
  }

  /**
   * Moves `link`, which {@link addOther} just appended (the newest), back to where a reference stamped
   * `order` belongs: after every other reference made before it, before every one made after. For a
   * reference made on demand (a WeakValueDictionary entry's KeyedRef, on the first `valuerefs()` or
   * `getweakrefs()`), so that `getweakrefs()` order and callback order are those of CPython, which made
   * the KeyedRef with the entry. Rare and O(others).
   */
  backdate(link: Link, order: number): void {
    link.order = order;
    const others = this.others;
    if (others === undefined) return; // it is `first`, alone: already in place
    // addOther put it last in `others` (`first` is always set when `others` is). Walk it towards the
    // front past every newer link (and every collected one: its stamp is unknown, and it no longer
    // counts anywhere). Made in creation order, as makers should, it stops at once.
    const mine = others[others.length - 1];
    let at = others.length - 1;
    while (at > 0) {
      const l = others[at - 1].deref();
      if (l !== undefined && l.order < order) break;
      others[at] = others[at - 1];
      at--;
    }
    if (at > 0) {
      others[at] = mine;
      return;
    }
    const f = this.first!.deref();
    if (f !== undefined && f.order < order) {
      others[0] = mine;
      return;
    }
    others[0] = this.first!;
    this.first = mine;
  }

  /** The live links, in CPython's order: basic ref, basic proxy, then the others newest first. */
  liveLinks(): Link[] {
    const out: Link[] = [];
    const r = this.basicHot ?? this.basicRef?.deref();
    if (r !== undefined) out.push(r);
    const p = this.basicProxy?.deref();
    if (p !== undefined) out.push(p);
    const others = this.others;
    if (others !== undefined) {
      for (let i = others.length - 1; i >= 0; i--) {
        const l = others[i].deref();
        if (l !== undefined) out.push(l);
      }
    }
    const f = this.first?.deref();
    if (f !== undefined) out.push(f);
    return out;
  }

  /**
   * Whether no reference object to the referent is alive any more (the list may leave the sweep
   * table). Hot in `sweep()`: every `deref()` of a live link costs a runtime call and an entry in the
   * engine's keep-during-job set, so the cheapest evidence goes first (a job-held basic link costs
   * nothing) and the others are read newest first, the ones most likely still alive.
   */
  isEmpty(): boolean {
    if (this.basicHot !== undefined) return false;
    if (this.basicRef !== undefined && this.basicRef.deref() !== undefined) return false;
    if (this.basicProxy !== undefined && this.basicProxy.deref() !== undefined) return false;
    const others = this.others;
    if (others !== undefined) for (let i = others.length - 1; i >= 0; i--) if (others[i].deref() !== undefined) return false;
    return this.first === undefined || this.first.deref() === undefined;
  }

  /**
   * Forgets every reference: after the referent died, so that nothing may be delivered twice, or
   * when all of them died while the referent lives (the list then waits, empty, for new ones).
   */
  clear(): void {
    this.basicRef = undefined;
    this.basicHot = undefined;
    this.basicProxy = undefined;
    this.first = undefined;
    this.others = undefined;
    this.compactAt = MIN_COMPACT;
  }
}

/**
 * The lists whose `basicHot` is set in the current job, and whether the microtask that forgets them
 * is queued. `queueMicrotask` is captured at load time: fake-timer libraries can replace the global
 * one, and a cache that is never released would keep basic refs alive for ever.
 */
const hotLists: Array<WeakList | undefined> = [];
let hotCount = 0;
let releaseQueued = false;
const queueMicrotaskNative: (fn: () => void) => void =
  typeof globalThis.queueMicrotask === 'function'
    ? globalThis.queueMicrotask.bind(globalThis)
    : (fn) => void Promise.resolve().then(fn);

// The array is reused from job to job (slots cleared, capacity kept): filling a fresh `[]` in every
// job would pay for its growth again each time.
function releaseHot(): void {
  const n = hotCount;
  hotCount = 0;
  releaseQueued = false;
  for (let i = 0; i < n; i++) {
    hotLists[i]!.basicHot = undefined;
    hotLists[i] = undefined;
  }
}

/**
 * Remembers `link` (the basic ref's link of `list`, just dereferenced or created) strongly until the
 * end of the current job, so that further `ref(o)` calls in this job return it without a `deref()`.
 *
 * Why this holds nothing longer than the engine: ECMAScript's AddToKeptObjects keeps a WeakRef's
 * target alive until the end of the job in which it was created or dereferenced; in V8 that kept set
 * is cleared after the microtask checkpoint that ends the job. Our release runs as a microtask of the
 * same checkpoint, so before that. Why it pays: `deref()` is a runtime call plus an insertion into the
 * kept set, several times the cost of the `WeakMap.get` that `ref(o)` must do anyway.
 */
export function holdBasicForJob(list: WeakList, link: Link): void {
  if (list.basicHot === undefined) hotLists[hotCount++] = list;
  list.basicHot = link;
  if (!releaseQueued) {
    releaseQueued = true;
    queueMicrotaskNative(releaseHot);
  }
}

/** referent -> its list; a WeakMap, so this table never keeps a referent alive. */
const lists = new NativeWeakMap<WeakKey, WeakList>();

/**
 * The list of `target`, if it has one (no allocation: for lookups such as `getweakrefcount`). Any
 * value may be passed: `WeakMap.prototype.get` answers `undefined` for a primitive, which lets the
 * `ref(o)` fast path look up before validating.
 */
export function lookupList(target: unknown): WeakList | undefined {
  return lists.get(target as WeakKey);
}

/** Installs a new list for `target`; the lifecycle module calls this and registers the list. */
export function installList(target: WeakKey, list: WeakList): void {
  lists.set(target, list);
}

/**
 * Makers of the reference objects that a container creates only on demand (a WeakValueDictionary
 * entry is a bare WeakRef until someone asks for its KeyedRef: value-entry.ts). `getweakrefcount` and
 * `getweakrefs` call them for their argument first, so that every reference the library holds is in
 * the list when they read it (CONTRACT §11). Module-level functions; they hold no user object.
 */
const onDemandMakers: Array<(target: WeakKey) => void> = [];

/** Adds a maker of on-demand reference objects (see above). */
export function registerOnDemandRefs(make: (target: WeakKey) => void): void {
  onDemandMakers.push(make);
}

/** Makes every on-demand reference object to `target` real, in its list, in CPython's order. */
export function makeOnDemandRefs(target: WeakKey): void {
  for (let i = 0; i < onDemandMakers.length; i++) onDemandMakers[i](target);
}
