/**
 * The world of a model-based fuzz run: the referents, held in numbered slots, and the test's own
 * oracle of which of them are still alive.
 *
 * What keeps what alive (the point of this file):
 * - `slots` is the only strong reference the harness holds to a referent. Fuzz operations name slots by
 *   index, never objects, so fast-check's generated values, closures and shrinking machinery hold
 *   numbers only. Every operation that touches an object runs in a plain (non-async) function, so no
 *   object outlives the operation in a suspended async frame.
 * - `oracle` holds a native WeakRef per object (never the object): after a forced collection it tells
 *   the model which dropped objects really died. A dropped object that is still alive after a forced
 *   collection is a leak (the library, or the harness, kept it), unless it is `pinned`: the last member
 *   a suspended `WeakSet` generator yielded stays alive in the generator's frame (documented, and what
 *   CPython's generator does too).
 * - `probes` holds one `ref(obj, callback)` per object (the ref, never the object), whose callback
 *   records when the object's death was delivered. It is how the model sees `gc.disable()`: while gc
 *   is disabled, no callback may run except inside `gc.collect()` or `gc.enable()`; after
 *   `gc.collect()`, every dead object's callback has run, exactly once. Each live object therefore
 *   counts one more weak reference than its container gives it ({@link World.probeCount}).
 */
import { gc, ref } from '../../../src';
import { getForceGc } from '../../../src/internal/force-gc';
import { nextMacrotask } from '../../../src/internal/natives';

/** A referent: weakly referenceable, identified by a number that the model uses instead of the object. */
export class Obj {
  constructor(readonly id: number) {}
  toString(): string {
    return `<Obj ${this.id}>`;
  }
}

/**
 * What the model knows about an object: `live` (in a slot), `dropped` (no slot holds it, but it may
 * still be alive: pinned, or not yet collected), `dead` (a forced collection cleared it).
 */
export type Life = 'live' | 'dropped' | 'dead';

/** Thrown when a dropped, unpinned object survives a forced collection. */
export class LeakError extends Error {}

export class World {
  /** The referents: the harness's only strong references to them. */
  readonly slots: Array<Obj | undefined>;
  /** id -> the state the model relies on. */
  readonly life = new Map<number, Life>();
  /** ids that the harness may legitimately still hold through a suspended generator. */
  readonly pinned = new Set<number>();
  /**
   * Whether the clean-up of every dead object is known to have run (true after `gc.collect()`, false
   * after a collection that delivered nothing): until then `size` may still count dead entries.
   */
  cleaned = true;
  /** Forced collections and `gc.collect()` calls made, for the figures. */
  collections = 0;
  private readonly oracle = new Map<number, WeakRef<Obj>>();
  private nextId = 1;
  /** The model of `gc.isenabled()`. */
  gcDisabled = false;
  /** True while `gc.collect()` or `gc.enable()` runs: the only times a callback may run while disabled. */
  private delivering = false;
  /** id -> the probe ref of a live object (see the module comment); gone once its callback ran. */
  private readonly probes = new Map<number, ref<Obj>>();
  /** ids whose probe callback ran. */
  private readonly fired = new Set<number>();
  /** What the probes saw that the model forbids. */
  readonly violations: string[] = [];

  constructor(slotCount: number) {
    this.slots = new Array(slotCount).fill(undefined);
  }

  /** The id in slot `i`, filling the slot with a fresh object first when it is empty. */
  idAt(i: number): number {
    return this.obj(i).id;
  }

  /** The object in slot `i`, created when the slot is empty. Callers must not keep it past their operation. */
  obj(i: number): Obj {
    let o = this.slots[i];
    if (o === undefined) {
      o = new Obj(this.nextId++);
      this.slots[i] = o;
      this.life.set(o.id, 'live');
      this.oracle.set(o.id, new WeakRef(o));
      this.probes.set(o.id, this.probe(o));
    }
    return o;
  }

  /** The probe of `o`: its callback closes over the id and the world, never over `o`. */
  private probe(o: Obj): ref<Obj> {
    const id = o.id;
    return ref(o, () => this.probeFired(id));
  }

  private probeFired(id: number): void {
    this.probes.delete(id);
    if (this.fired.has(id)) this.violations.push(`object ${id}: its callback ran twice`);
    this.fired.add(id);
    if (this.gcDisabled && !this.delivering) {
      this.violations.push(`object ${id}: a callback ran while gc was disabled, outside gc.collect() and gc.enable()`);
    }
  }

  /** The weak references the world itself holds on object `id` (its probe, while it lives). */
  probeCount(id: number): number {
    return this.probes.has(id) ? 1 : 0;
  }

  /** `gc.disable()`. */
  disable(): void {
    gc.disable();
    this.gcDisabled = true;
  }

  /** `gc.enable()`: delivers what was held back, synchronously. */
  enable(): void {
    this.delivering = true;
    try {
      gc.enable();
    } finally {
      this.delivering = false;
    }
    this.gcDisabled = false;
  }

  /** The id in slot `i`, or `undefined` for an empty slot (never creates). */
  peekId(i: number): number | undefined {
    return this.slots[i]?.id;
  }

  /** Python's `del`: the slot forgets its object. */
  drop(i: number): void {
    const o = this.slots[i];
    if (o === undefined) return;
    this.slots[i] = undefined;
    this.life.set(o.id, 'dropped');
  }

  /** Whether `id` may still be seen alive by the container (live, or dropped and not known dead). */
  mayLive(id: number): boolean {
    return this.life.get(id) !== 'dead';
  }

  /** Whether `id` is certainly alive (held by a slot). */
  isLive(id: number): boolean {
    return this.life.get(id) === 'live';
  }

  /**
   * A forced full collection that delivers no callback (the window in which the engine has collected
   * objects and the FinalizationRegistry task is pending; the engine may still run it at any later
   * macrotask, so `size` becomes uncertain).
   */
  async forceGc(): Promise<void> {
    await nextMacrotask();
    getForceGc()!();
    this.collections++;
    this.settle();
    this.cleaned = false;
    // While disabled, give the engine's registry tasks their turns now: a callback they ran would be
    // caught by the probes at this step (held back, they run nothing).
    if (this.gcDisabled) for (let turn = 0; turn < 3; turn++) await nextMacrotask();
  }

  /**
   * `await gc.collect()`: every dead object's clean-up has run afterwards, and so has the callback of
   * every dead object's probe, whether gc is disabled or not.
   */
  async collect(): Promise<void> {
    this.delivering = true;
    try {
      await gc.collect();
    } finally {
      this.delivering = false;
    }
    this.collections++;
    this.settle();
    this.cleaned = true;
    for (const [id, life] of this.life) {
      if (life === 'dead' && !this.fired.has(id))
        this.violations.push(`object ${id}: dead, and gc.collect() did not deliver its callback`);
    }
  }

  /** Asks the oracle about every dropped object; an unpinned survivor is a leak. */
  private settle(): void {
    for (const [id, life] of this.life) {
      if (life !== 'dropped') continue;
      const alive = this.oracle.get(id)!.deref() !== undefined;
      if (!alive) {
        this.life.set(id, 'dead');
        this.oracle.delete(id);
      } else if (!this.pinned.has(id)) {
        throw new LeakError(`object ${id} was dropped but survived a forced collection`);
      }
    }
  }

  /** Ids of every object the model knows of that may be alive. */
  maybeLiveIds(): number[] {
    return [...this.life].filter(([, l]) => l !== 'dead').map(([id]) => id);
  }
}
