/**
 * The per-referent list of reference objects: CPython's `tp_weaklist`.
 *
 * What keeps what alive (read this before touching anything here):
 *
 * - `lists` maps a referent to its WeakList through a WeakMap, so the referent is the key of an
 *   ephemeron: the list never keeps its referent alive, and the entry vanishes with the referent.
 * - A WeakList holds its referent only through `target`, one native WeakRef shared by every
 *   reference object to that referent (`r()` is `target.deref()`).
 * - A WeakList holds its reference objects only through WeakRefs to their {@link Link}s. A link is
 *   owned by its reference object (the ref function's closure, the proxy's handler state) and holds
 *   the owner back, so link and owner are collected together; a dropped reference object therefore
 *   stops counting in `getweakrefcount`, and its callback, which only the link holds, is skipped and
 *   collected with it (CPython: a weakref that is itself garbage never has its callback called).
 * - The lifecycle module (`lifecycle.ts`) holds every WeakList strongly while its referent may be
 *   alive: that is the table `gc.collect()` sweeps and the held value of the one registry.
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
}

/** Compaction starts at this many entries in `others`, and then at twice the live count. */
const MIN_COMPACT = 8;

export class WeakList {
  /** The referent, weakly. Shared by every reference object to it. */
  readonly target: WeakRef<WeakKey>;
  /** The shared callback-less `ref` (CPython's basic ref), weakly. */
  basicRef: WeakRef<Link> | undefined = undefined;
  /** The shared callback-less `proxy` (CPython's basic proxy), weakly. */
  basicProxy: WeakRef<Link> | undefined = undefined;
  /** Every other reference object, weakly, oldest first: read it backwards for newest first. */
  others: Array<WeakRef<Link>> = [];
  /** Set once the referent's death has been handled; the list then accepts nothing new. */
  dead = false;
  private compactAt = MIN_COMPACT;

  constructor(target: WeakKey) {
    this.target = new NativeWeakRef(target);
  }

  /** Appends a non-basic reference; newest-first order is the reverse of this array. */
  addOther(link: Link): void {
    if (this.others.length >= this.compactAt) this.compact();
    this.others.push(new NativeWeakRef(link));
  }

  /**
   * Drops the WeakRefs of collected links. Amortised O(1) per insertion: the next compaction waits
   * until the array has doubled over what survived this one.
   */
  compact(): void {
    const live = this.others.filter((w) => w.deref() !== undefined);
    this.others = live;
    this.compactAt = Math.max(MIN_COMPACT, live.length * 2);
  }

  /** The live links, in CPython's order: basic ref, basic proxy, then the others newest first. */
  liveLinks(): Link[] {
    const out: Link[] = [];
    const r = this.basicRef?.deref();
    if (r !== undefined) out.push(r);
    const p = this.basicProxy?.deref();
    if (p !== undefined) out.push(p);
    const others = this.others;
    for (let i = others.length - 1; i >= 0; i--) {
      const l = others[i].deref();
      if (l !== undefined) out.push(l);
    }
    return out;
  }

  /** Whether no reference object to the referent is alive any more (the list may be dropped). */
  isEmpty(): boolean {
    if (this.basicRef?.deref() !== undefined || this.basicProxy?.deref() !== undefined) return false;
    const others = this.others;
    for (let i = 0; i < others.length; i++) if (others[i].deref() !== undefined) return false;
    return true;
  }

  /** Forgets every reference; after the referent died, nothing here may be delivered twice. */
  clear(): void {
    this.basicRef = undefined;
    this.basicProxy = undefined;
    this.others = [];
  }
}

/** referent -> its list; a WeakMap, so this table never keeps a referent alive. */
const lists = new NativeWeakMap<WeakKey, WeakList>();

/** The list of `target`, if it has one (no allocation: for lookups such as `getweakrefcount`). */
export function lookupList(target: WeakKey): WeakList | undefined {
  return lists.get(target);
}

/** Installs a new list for `target`; the lifecycle module calls this and registers the list. */
export function installList(target: WeakKey, list: WeakList): void {
  lists.set(target, list);
}

/** Forgets the list of a live `target` whose reference objects all died. */
export function uninstallList(target: WeakKey, list: WeakList): void {
  if (lists.get(target) === list) lists.delete(target);
}
