/**
 * The WeakValueDictionary fuzz machine: operations, the model (a Map key -> object id in insertion
 * order, Python's dict semantics), and the comparison run after every step.
 *
 * Model semantics, CPython's: an entry whose value died is gone (it is in the model until the next
 * `gc.collect()` only so that `size`, which may still count it, can be bounded). Setting a key whose
 * value died inserts it anew, at the end, as a Python dict does after the entry was removed.
 */
import fc from 'fast-check';
import { expect } from 'chai';
import { KeyedRef, KeyError, WeakValueDictionary } from '../../../src';
import { type Harness, slotArb, SLOTS } from './fuzz-common';
import { Obj, World } from './world';

type Key = string | number;

/** Few keys, so that operations collide; the names that dict-style access treats specially included. */
export const WVD_KEYS: readonly Key[] = [
  'a',
  'b',
  'c',
  1,
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'get',
  'size',
];

export type WvdOp =
  | { t: 'set'; k: Key; s: number; via: 'set' | 'setitem' | 'bracket' }
  | { t: 'get'; k: Key; via: 'get' | 'getDefault' | 'getitem' | 'bracket' }
  | { t: 'delete'; k: Key; via: 'delete' | 'delitem' | 'bracket' }
  | { t: 'pop'; k: Key; withDefault: boolean }
  | { t: 'popitem' }
  | { t: 'setdefault'; k: Key; s: number }
  | { t: 'update'; pairs: Array<[Key, number]>; form: 'array' | 'map' | 'object' | 'wvd' | 'ior' | 'ctor' }
  | { t: 'or'; pairs: Array<[Key, number]>; reflected: boolean }
  | { t: 'clear' }
  | { t: 'copy' }
  | { t: 'iterStart'; j: number; kind: 'keys' | 'values' | 'items' | 'itervaluerefs' | 'iter' }
  | { t: 'iterNext'; j: number };

const keyArb = fc.constantFrom(...WVD_KEYS);
const pairsArb = fc.array(fc.tuple(keyArb, slotArb), { maxLength: 3 });

export const wvdOpArb: fc.Arbitrary<WvdOp> = fc.oneof(
  {
    arbitrary: fc.record({
      t: fc.constant('set' as const),
      k: keyArb,
      s: slotArb,
      via: fc.constantFrom('set' as const, 'setitem' as const, 'bracket' as const),
    }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('get' as const),
      k: keyArb,
      via: fc.constantFrom('get' as const, 'getDefault' as const, 'getitem' as const, 'bracket' as const),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('delete' as const),
      k: keyArb,
      via: fc.constantFrom('delete' as const, 'delitem' as const, 'bracket' as const),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ t: fc.constant('pop' as const), k: keyArb, withDefault: fc.boolean() }), weight: 2 },
  { arbitrary: fc.constant({ t: 'popitem' as const }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('setdefault' as const), k: keyArb, s: slotArb }), weight: 2 },
  {
    arbitrary: fc.record({
      t: fc.constant('update' as const),
      pairs: pairsArb,
      form: fc.constantFrom(
        'array' as const,
        'map' as const,
        'object' as const,
        'wvd' as const,
        'ior' as const,
        'ctor' as const,
      ),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ t: fc.constant('or' as const), pairs: pairsArb, reflected: fc.boolean() }), weight: 1 },
  { arbitrary: fc.constant({ t: 'clear' as const }), weight: 1 },
  { arbitrary: fc.constant({ t: 'copy' as const }), weight: 1 },
  {
    arbitrary: fc.record({
      t: fc.constant('iterStart' as const),
      j: fc.nat({ max: 1 }),
      kind: fc.constantFrom(
        'keys' as const,
        'values' as const,
        'items' as const,
        'itervaluerefs' as const,
        'iter' as const,
      ),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ t: fc.constant('iterNext' as const), j: fc.nat({ max: 1 }) }), weight: 3 },
);

type Bracket = Record<string, unknown>;
const MISSING = Symbol('missing');
const protoChain: object[] = [];
for (
  let p: object | null = WeakValueDictionary.prototype;
  p !== null && p !== Object.prototype;
  p = Object.getPrototypeOf(p)
)
  protoChain.push(p);

/** A name that the class (or a base below Object.prototype) defines: bracket reads give the member. */
function isMember(k: string): boolean {
  return protoChain.some((p) => Object.prototype.hasOwnProperty.call(p, k));
}

/** A name only Object.prototype defines: bracket reads give the entry if any, else the inherited member. */
function isInherited(k: string): boolean {
  return !isMember(k) && k !== '__proto__' && Object.prototype.hasOwnProperty.call(Object.prototype, k);
}

interface IterState {
  it: Iterator<unknown>;
  kind: 'keys' | 'values' | 'items' | 'itervaluerefs' | 'iter';
  snapshot: Key[] | undefined;
  cursor: number;
  done: boolean;
}

/** What one `next()` gave, as ids: the iterator's value never outlives {@link readNext}. */
interface NextResult {
  done: boolean;
  key?: Key;
  id?: number;
}

function readNext(state: IterState): NextResult {
  const r = state.it.next();
  if (r.done === true) return { done: true };
  const v = r.value;
  switch (state.kind) {
    case 'keys':
    case 'iter':
      return { done: false, key: v as Key };
    case 'values':
      return { done: false, id: (v as Obj).id };
    case 'items':
      return { done: false, key: (v as [Key, Obj])[0], id: (v as [Key, Obj])[1].id };
    case 'itervaluerefs': {
      const wr = v as KeyedRef<Obj, Key>;
      expect(wr).to.be.instanceOf(KeyedRef);
      return { done: false, key: wr.key, id: wr()?.id };
    }
  }
}

export class WvdHarness implements Harness<WvdOp> {
  readonly world = new World(SLOTS);
  readonly d = new WeakValueDictionary<Key, Obj>();
  /** key -> id, in the dictionary's insertion order. */
  readonly model = new Map<Key, number>();
  readonly iters: Array<IterState | undefined> = [undefined, undefined];
  ops = 0;

  private get bracket(): Bracket {
    return this.d as unknown as Bracket;
  }

  /** The id under `k` if its value may be alive, else undefined (missing or dead: gone for Python). */
  liveId(k: Key): number | undefined {
    const id = this.model.get(k);
    return id !== undefined && this.world.mayLive(id) ? id : undefined;
  }

  /** Python's `d[k] = v` on the model: an entry whose value died was already gone, so `k` goes last. */
  private modelSet(k: Key, id: number): void {
    if (this.model.has(k) && this.liveId(k) === undefined) this.model.delete(k);
    this.model.set(k, id);
  }

  private expectKeyError(fn: () => unknown, key: unknown, where: string): void {
    let thrown: unknown = MISSING;
    try {
      fn();
    } catch (e) {
      thrown = e;
    }
    expect(thrown, `${where}: KeyError expected`).to.be.instanceOf(KeyError);
    expect((thrown as KeyError).key, `${where}: KeyError.key`).to.equal(key);
  }

  apply(op: WvdOp): void {
    const d = this.d;
    const where = JSON.stringify(op);
    switch (op.t) {
      case 'set': {
        const o = this.world.obj(op.s);
        if (op.via === 'set') expect(d.set(op.k, o), where).to.equal(d);
        else if (op.via === 'setitem' || typeof op.k !== 'string')
          expect(d.__setitem__(op.k, o), where).to.equal(undefined);
        else this.bracket[op.k] = o;
        this.modelSet(op.k, o.id);
        return;
      }
      case 'get': {
        const id = this.liveId(op.k);
        if (op.via === 'get') expect((d.get(op.k) as Obj | undefined)?.id, where).to.equal(id);
        else if (op.via === 'getDefault') {
          const got = d.get(op.k, MISSING);
          expect(got === MISSING ? undefined : (got as Obj).id, where).to.equal(id);
        } else if (op.via === 'getitem' || typeof op.k !== 'string' || isMember(op.k)) {
          if (id === undefined) this.expectKeyError(() => d.__getitem__(op.k), op.k, where);
          else expect(d.__getitem__(op.k).id, where).to.equal(id);
        } else this.checkBracketRead(op.k, where);
        return;
      }
      case 'delete': {
        const id = this.liveId(op.k);
        if (op.via === 'delete') expect(d.delete(op.k), where).to.equal(id !== undefined);
        else if (op.via === 'delitem' || typeof op.k !== 'string') {
          if (id === undefined) this.expectKeyError(() => d.__delitem__(op.k), op.k, where);
          else expect(d.__delitem__(op.k), where).to.equal(undefined);
        } else expect(delete this.bracket[op.k], where).to.equal(true);
        this.model.delete(op.k);
        return;
      }
      case 'pop': {
        const id = this.liveId(op.k);
        if (id !== undefined) {
          const got = op.withDefault ? d.pop(op.k, MISSING) : d.pop(op.k);
          expect((got as Obj).id, where).to.equal(id);
        } else if (op.withDefault) expect(d.pop(op.k, MISSING), where).to.equal(MISSING);
        else this.expectKeyError(() => d.pop(op.k), op.k, where);
        this.model.delete(op.k);
        return;
      }
      case 'popitem':
        return this.applyPopitem(where);
      case 'setdefault': {
        const id = this.liveId(op.k);
        if (id !== undefined) {
          expect(d.setdefault(op.k, this.world.obj(op.s)).id, where).to.equal(id);
        } else {
          const o = this.world.obj(op.s);
          expect(d.setdefault(op.k, o), where).to.equal(o);
          this.modelSet(op.k, o.id);
        }
        return;
      }
      case 'update':
        return this.applyUpdate(op, where);
      case 'or':
        return this.applyOr(op, where);
      case 'clear':
        expect(d.clear(), where).to.equal(undefined);
        this.model.clear();
        return;
      case 'copy':
        return this.applyCopy(where);
      case 'iterStart': {
        const it =
          op.kind === 'keys'
            ? d.keys()
            : op.kind === 'values'
              ? d.values()
              : op.kind === 'items'
                ? d.items()
                : op.kind === 'itervaluerefs'
                  ? d.itervaluerefs()
                  : d[Symbol.iterator]();
        this.iters[op.j] = { it, kind: op.kind, snapshot: undefined, cursor: 0, done: false };
        return;
      }
      case 'iterNext':
        return this.applyIterNext(op.j, where);
    }
  }

  private applyPopitem(where: string): void {
    const keys = [...this.model.keys()];
    let expected: [Key, number] | undefined;
    for (let i = keys.length - 1; i >= 0; i--) {
      const id = this.liveId(keys[i]);
      this.model.delete(keys[i]); // popitem removes the dead entries it passes over, and the one it returns
      if (id !== undefined) {
        expected = [keys[i], id];
        break;
      }
    }
    if (expected === undefined) {
      let thrown: unknown;
      try {
        this.d.popitem();
      } catch (e) {
        thrown = e;
      }
      expect(thrown, `${where}: popitem() of an empty dictionary`).to.be.instanceOf(KeyError);
      expect((thrown as Error).message).to.equal('popitem(): dictionary is empty');
      return;
    }
    const [k, v] = this.d.popitem();
    expect([k, v.id], where).to.deep.equal(expected);
  }

  private pairsOf(pairs: Array<[Key, number]>): Array<[Key, Obj]> {
    return pairs.map(([k, s]) => [k, this.world.obj(s)]);
  }

  private applyUpdate(op: Extract<WvdOp, { t: 'update' }>, where: string): void {
    const d = this.d;
    let pairs = this.pairsOf(op.pairs);
    switch (op.form) {
      case 'array':
        expect(d.update(pairs), where).to.equal(undefined);
        break;
      case 'map':
        expect(d.update(new Map(pairs)), where).to.equal(undefined);
        break;
      case 'object':
        // Python's keyword arguments: string keys only. Object.fromEntries defines own properties, so a
        // `__proto__` key is data here, as it must be for the dictionary.
        pairs = pairs.filter(([k]) => typeof k === 'string');
        expect(d.update(Object.fromEntries(pairs) as Record<string, Obj>), where).to.equal(undefined);
        break;
      case 'wvd':
        expect(d.update(new WeakValueDictionary(pairs)), where).to.equal(undefined);
        break;
      case 'ior':
        expect(d.__ior__(pairs), where).to.equal(d);
        break;
      case 'ctor': {
        // The constructor fills a new dictionary as update() does; check it, then update this one.
        const fresh = new WeakValueDictionary(pairs);
        const expected = new Map<Key, number>();
        for (const [k, o] of pairs) expected.set(k, o.id);
        expect(
          [...fresh.items()].map(([k, o]) => [k, o.id]),
          where,
        ).to.deep.equal([...expected]);
        d.update(fresh);
        break;
      }
    }
    for (const [k, o] of pairs) this.modelSet(k, o.id);
  }

  private applyOr(op: Extract<WvdOp, { t: 'or' }>, where: string): void {
    const other = new Map(this.pairsOf(op.pairs));
    const live = [...this.model].filter(([k]) => this.liveId(k) !== undefined);
    const expected = new Map<Key, number>();
    if (op.reflected) {
      for (const [k, o] of other) expected.set(k, o.id);
      for (const [k, id] of live) expected.set(k, id);
    } else {
      for (const [k, id] of live) expected.set(k, id);
      for (const [k, o] of other) expected.set(k, o.id);
    }
    const result = op.reflected ? this.d.__ror__(other) : this.d.__or__(other);
    expect(result, where).to.be.instanceOf(WeakValueDictionary).and.not.equal(this.d);
    expect(
      [...result.items()].map(([k, o]) => [k, o.id]),
      where,
    ).to.deep.equal([...expected]);
  }

  private applyCopy(where: string): void {
    const c = this.d.copy();
    const live = [...this.model].filter(([k]) => this.liveId(k) !== undefined);
    expect(
      [...c.items()].map(([k, o]) => [k, o.id]),
      `${where}: copy`,
    ).to.deep.equal(live);
    expect(c.size, `${where}: copy size`).to.equal(live.length);
    expect(c.__eq__(this.d), `${where}: copy == d`).to.equal(true);
    expect(this.d.__eq__(c), `${where}: d == copy`).to.equal(true);
    // The copy is independent: changing it leaves the original alone.
    c.set('only-in-copy', this.world.obj(0));
    expect(this.d.has('only-in-copy'), where).to.equal(false);
    expect(this.d.__eq__(c), `${where}: d != changed copy`).to.equal(false);
  }

  private applyIterNext(j: number, where: string): void {
    const state = this.iters[j];
    if (state === undefined) return;
    if (state.done) {
      expect(state.it.next().done, `${where}: a finished iterator stays finished`).to.equal(true);
      return;
    }
    if (state.snapshot === undefined) {
      // The snapshot is taken at the first next(): the entries alive now, in order.
      state.snapshot = [...this.model.keys()].filter((k) => this.liveId(k) !== undefined);
    }
    const got = readNext(state);
    while (state.cursor < state.snapshot.length) {
      const k = state.snapshot[state.cursor++];
      const id = this.liveId(k);
      if (id === undefined) continue; // deleted or died since the snapshot: skipped
      expect(got.done, `${where}: iterator ended before key ${String(k)}`).to.equal(false);
      if (got.key !== undefined || state.kind === 'keys' || state.kind === 'iter') expect(got.key, where).to.equal(k);
      if (state.kind !== 'keys' && state.kind !== 'iter') expect(got.id, where).to.equal(id);
      return;
    }
    expect(got, `${where}: iterator should be finished`).to.deep.equal({ done: true });
    state.done = true;
  }

  private checkBracketRead(k: string, where: string): void {
    const id = this.liveId(k);
    const got = this.bracket[k];
    if (k === 'get') {
      // The dictionary's own copy of the class's `get` (docs/porting-guide.md): the same function at
      // every read, never the entry stored under 'get', and it reads this dictionary.
      expect(got, `${where}: d.get is a function`).to.be.a('function');
      expect(got, `${where}: d.get is the same at every read`).to.equal(this.bracket.get);
      const viaGet = (got as (k: string) => Obj | undefined).call(this.d, 'a');
      expect(viaGet?.id, `${where}: d.get reads the dictionary`).to.equal(this.liveId('a'));
    } else if (isMember(k)) {
      const member = k === 'size' ? this.d.size : (WeakValueDictionary.prototype as unknown as Bracket)[k];
      expect(got, `${where}: d[${k}] reads the class member`).to.equal(member);
    } else if (isInherited(k)) {
      if (id !== undefined) expect((got as Obj).id, `${where}: d[${k}]`).to.equal(id);
      else
        expect(got, `${where}: d[${k}] falls back to Object.prototype`).to.equal(
          (Object.prototype as unknown as Bracket)[k],
        );
    } else {
      expect((got as Obj | undefined)?.id, `${where}: d[${k}]`).to.equal(id);
    }
  }

  check(where: string): void {
    const d = this.d;
    const live = [...this.model].filter(([k]) => this.liveId(k) !== undefined);
    expect(
      [...d.items()].map(([k, o]) => [k, o.id]),
      `${where}: items()`,
    ).to.deep.equal(live);
    expect([...d], `${where}: iteration yields keys`).to.deep.equal(live.map(([k]) => k));
    expect(
      d.valuerefs().map((wr) => [wr.key, wr()?.id]),
      `${where}: valuerefs()`,
    ).to.deep.equal(live);
    if (this.world.cleaned) expect(d.size, `${where}: size after gc.collect()`).to.equal(live.length);
    else expect(d.size, `${where}: size`).to.be.within(live.length, this.model.size);
    expect(d.__len__(), `${where}: __len__() === size`).to.equal(d.size);
    for (const k of WVD_KEYS) {
      const id = this.liveId(k);
      expect((d.get(k) as Obj | undefined)?.id, `${where}: get(${String(k)})`).to.equal(id);
      expect(d.has(k), `${where}: has(${String(k)})`).to.equal(id !== undefined);
      expect(d.__contains__(k), `${where}: __contains__(${String(k)})`).to.equal(id !== undefined);
      if (typeof k === 'string') {
        // A name the class or Object.prototype defines is `in` any object; other names ask the entries.
        expect(k in d, `${where}: '${k}' in d`).to.equal(isMember(k) || isInherited(k) || id !== undefined);
        this.checkBracketRead(k, where);
      }
    }
    expect(Object.getPrototypeOf(d), `${where}: prototype`).to.equal(WeakValueDictionary.prototype);
    expect(Object.keys(d), `${where}: entries are not own properties`).to.deep.equal([]);
  }

  purgeDead(): void {
    for (const [k, id] of [...this.model]) if (!this.world.mayLive(id)) this.model.delete(k);
  }

  expectedWeakrefCount(id: number): number {
    let n = 0;
    for (const v of this.model.values()) if (v === id) n++;
    return n;
  }

  holdsExtraRefs(): boolean {
    // An unfinished iterator's snapshot holds KeyedRefs of entries that may have been removed since.
    return this.iters.some((s) => s !== undefined && s.snapshot !== undefined && !s.done);
  }
}
