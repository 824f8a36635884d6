/**
 * The WeakKeyDictionary fuzz machine: operations, the model (a Map key id -> value in insertion order,
 * Python's dict semantics), and the comparison run after every step.
 *
 * Values are small numbers, or objects that reference their own key (`setSelf`): such a value must not
 * keep its key alive (ephemeron semantics, CONTRACT §6), which the world's oracle checks at every
 * forced collection.
 */
import fc from 'fast-check';
import { expect } from 'chai';
import { KeyError, ref, WeakKeyDictionary } from '../../../src';
import { type Harness, slotArb, SLOTS } from './fuzz-common';
import { Obj, World } from './world';

/** A value that references its key. */
interface SelfRef {
  n: number;
  key: Obj;
}
type Value = number | SelfRef;

const valueNumber = (v: Value): number => (typeof v === 'number' ? v : v.n);

export type WkdOp =
  | { t: 'set'; s: number; n: number; via: 'set' | 'setitem' | 'self' }
  | { t: 'get'; s: number; via: 'get' | 'getDefault' | 'getitem' }
  | { t: 'delete'; s: number; via: 'delete' | 'delitem' }
  | { t: 'pop'; s: number; withDefault: boolean }
  | { t: 'popitem' }
  | { t: 'setdefault'; s: number; n: number }
  | { t: 'update'; pairs: Array<[number, number]>; form: 'array' | 'map' | 'wkd' | 'ior' | 'ctor' }
  | { t: 'or'; pairs: Array<[number, number]>; reflected: boolean }
  | { t: 'clear' }
  | { t: 'copy' }
  | { t: 'iterStart'; j: number; kind: 'keys' | 'values' | 'items' | 'iter' }
  | { t: 'iterNext'; j: number };

const nArb = fc.nat({ max: 9 });
const pairsArb = fc.array(fc.tuple(slotArb, nArb), { maxLength: 3 });

export const wkdOpArb: fc.Arbitrary<WkdOp> = fc.oneof(
  {
    arbitrary: fc.record({
      t: fc.constant('set' as const),
      s: slotArb,
      n: nArb,
      via: fc.constantFrom('set' as const, 'setitem' as const, 'self' as const),
    }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('get' as const),
      s: slotArb,
      via: fc.constantFrom('get' as const, 'getDefault' as const, 'getitem' as const),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('delete' as const),
      s: slotArb,
      via: fc.constantFrom('delete' as const, 'delitem' as const),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ t: fc.constant('pop' as const), s: slotArb, withDefault: fc.boolean() }), weight: 2 },
  { arbitrary: fc.constant({ t: 'popitem' as const }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('setdefault' as const), s: slotArb, n: nArb }), weight: 2 },
  {
    arbitrary: fc.record({
      t: fc.constant('update' as const),
      pairs: pairsArb,
      form: fc.constantFrom('array' as const, 'map' as const, 'wkd' as const, 'ior' as const, 'ctor' as const),
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
      kind: fc.constantFrom('keys' as const, 'values' as const, 'items' as const, 'iter' as const),
    }),
    weight: 1,
  },
  { arbitrary: fc.record({ t: fc.constant('iterNext' as const), j: fc.nat({ max: 1 }) }), weight: 3 },
);

interface IterState {
  it: Iterator<unknown>;
  kind: 'keys' | 'values' | 'items' | 'iter';
  snapshot: number[] | undefined;
  cursor: number;
  done: boolean;
}

/** One `next()`, as ids and numbers: nothing yielded outlives this function. */
function readNext(state: IterState): { done: boolean; id?: number; n?: number } {
  const r = state.it.next();
  if (r.done === true) return { done: true };
  const v = r.value;
  if (state.kind === 'keys' || state.kind === 'iter') return { done: false, id: (v as Obj).id };
  if (state.kind === 'values') return { done: false, n: valueNumber(v as Value) };
  const [k, value] = v as [Obj, Value];
  return { done: false, id: k.id, n: valueNumber(value) };
}

export class WkdHarness implements Harness<WkdOp> {
  readonly world = new World(SLOTS);
  readonly d = new WeakKeyDictionary<Obj, Value>();
  /** key id -> value number, in insertion order. */
  readonly model = new Map<number, number>();
  readonly iters: Array<IterState | undefined> = [undefined, undefined];
  ops = 0;

  private has(id: number): boolean {
    return this.model.has(id) && this.world.mayLive(id);
  }

  private live(): Array<[number, number]> {
    return [...this.model].filter(([id]) => this.world.mayLive(id));
  }

  private expectKeyError(fn: () => unknown, key: Obj, where: string): void {
    let thrown: unknown;
    try {
      fn();
    } catch (e) {
      thrown = e;
    }
    expect(thrown, `${where}: KeyError expected`).to.be.instanceOf(KeyError);
    expect((thrown as KeyError).key, `${where}: KeyError.key is the key itself`).to.equal(key);
  }

  apply(op: WkdOp): void {
    const d = this.d;
    const where = JSON.stringify(op);
    switch (op.t) {
      case 'set': {
        const k = this.world.obj(op.s);
        if (op.via === 'set') expect(d.set(k, op.n), where).to.equal(d);
        else if (op.via === 'setitem') expect(d.__setitem__(k, op.n), where).to.equal(undefined);
        else d.set(k, { n: op.n, key: k });
        this.model.set(k.id, op.n);
        return;
      }
      case 'get': {
        const k = this.world.obj(op.s);
        const expected = this.has(k.id) ? this.model.get(k.id) : undefined;
        if (op.via === 'get') {
          const got = d.get(k);
          expect(got === undefined ? undefined : valueNumber(got), where).to.equal(expected);
        } else if (op.via === 'getDefault') {
          const got = d.get(k, -1);
          expect(valueNumber(got), where).to.equal(expected ?? -1);
        } else if (expected === undefined) this.expectKeyError(() => d.__getitem__(k), k, where);
        else expect(valueNumber(d.__getitem__(k)), where).to.equal(expected);
        return;
      }
      case 'delete': {
        const k = this.world.obj(op.s);
        const present = this.has(k.id);
        if (op.via === 'delete') expect(d.delete(k), where).to.equal(present);
        else if (!present) this.expectKeyError(() => d.__delitem__(k), k, where);
        else expect(d.__delitem__(k), where).to.equal(undefined);
        this.model.delete(k.id);
        return;
      }
      case 'pop': {
        const k = this.world.obj(op.s);
        if (this.has(k.id)) {
          const got = op.withDefault ? d.pop(k, -1) : d.pop(k);
          expect(valueNumber(got), where).to.equal(this.model.get(k.id));
        } else if (op.withDefault) expect(d.pop(k, -1), where).to.equal(-1);
        else this.expectKeyError(() => d.pop(k), k, where);
        this.model.delete(k.id);
        return;
      }
      case 'popitem':
        return this.applyPopitem(where);
      case 'setdefault': {
        const k = this.world.obj(op.s);
        const expected = this.has(k.id) ? this.model.get(k.id)! : op.n;
        expect(valueNumber(d.setdefault(k, op.n)), where).to.equal(expected);
        this.model.set(k.id, expected);
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
                : d[Symbol.iterator]();
        this.iters[op.j] = { it, kind: op.kind, snapshot: undefined, cursor: 0, done: false };
        return;
      }
      case 'iterNext':
        return this.applyIterNext(op.j, where);
    }
  }

  private applyPopitem(where: string): void {
    const ids = [...this.model.keys()];
    let expected: [number, number] | undefined;
    for (let i = ids.length - 1; i >= 0; i--) {
      const alive = this.world.mayLive(ids[i]);
      const n = this.model.get(ids[i])!;
      this.model.delete(ids[i]);
      if (alive) {
        expected = [ids[i], n];
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
    expect([k.id, valueNumber(v)], where).to.deep.equal(expected);
  }

  private pairsOf(pairs: Array<[number, number]>): Array<[Obj, number]> {
    return pairs.map(([s, n]) => [this.world.obj(s), n]);
  }

  private applyUpdate(op: Extract<WkdOp, { t: 'update' }>, where: string): void {
    const d = this.d;
    const pairs = this.pairsOf(op.pairs);
    switch (op.form) {
      case 'array':
        expect(d.update(pairs), where).to.equal(undefined);
        break;
      case 'map':
        expect(d.update(new Map(pairs)), where).to.equal(undefined);
        break;
      case 'wkd':
        expect(d.update(new WeakKeyDictionary(pairs)), where).to.equal(undefined);
        break;
      case 'ior':
        expect(d.__ior__(pairs), where).to.equal(d);
        break;
      case 'ctor': {
        const fresh = new WeakKeyDictionary<Obj, Value>(pairs);
        const expected = new Map<number, number>();
        for (const [k, n] of pairs) expected.set(k.id, n);
        expect(
          [...fresh.items()].map(([k, v]) => [k.id, valueNumber(v)]),
          where,
        ).to.deep.equal([...expected]);
        d.update(fresh);
        break;
      }
    }
    for (const [k, n] of pairs) this.model.set(k.id, n);
  }

  private applyOr(op: Extract<WkdOp, { t: 'or' }>, where: string): void {
    const other = new Map<Obj, Value>(this.pairsOf(op.pairs));
    const expected = new Map<number, number>();
    if (op.reflected) {
      for (const [k, n] of other) expected.set(k.id, valueNumber(n));
      for (const [id, n] of this.live()) expected.set(id, n);
    } else {
      for (const [id, n] of this.live()) expected.set(id, n);
      for (const [k, n] of other) expected.set(k.id, valueNumber(n));
    }
    const result = op.reflected ? this.d.__ror__(other) : this.d.__or__(other);
    expect(result, where).to.be.instanceOf(WeakKeyDictionary).and.not.equal(this.d);
    expect(
      [...result.items()].map(([k, v]) => [k.id, valueNumber(v)]),
      where,
    ).to.deep.equal([...expected]);
  }

  private applyCopy(where: string): void {
    const c = this.d.copy();
    expect(
      [...c.items()].map(([k, v]) => [k.id, valueNumber(v)]),
      `${where}: copy`,
    ).to.deep.equal(this.live());
    expect(c.__eq__(this.d), `${where}: copy == d`).to.equal(true);
    expect(this.d.__eq__(c), `${where}: d == copy`).to.equal(true);
    const k = this.world.obj(0);
    c.set(k, 99);
    expect(this.d.get(k), where).to.not.equal(99);
  }

  private applyIterNext(j: number, where: string): void {
    const state = this.iters[j];
    if (state === undefined) return;
    if (state.done) {
      expect(state.it.next().done, `${where}: a finished iterator stays finished`).to.equal(true);
      return;
    }
    if (state.snapshot === undefined) state.snapshot = this.live().map(([id]) => id);
    const got = readNext(state);
    while (state.cursor < state.snapshot.length) {
      const id = state.snapshot[state.cursor++];
      if (!this.has(id)) continue; // deleted, or its key died, since the snapshot: skipped
      expect(got.done, `${where}: iterator ended before key ${id}`).to.equal(false);
      if (state.kind !== 'values') expect(got.id, where).to.equal(id);
      if (state.kind === 'values' || state.kind === 'items') expect(got.n, where).to.equal(this.model.get(id));
      return;
    }
    expect(got, `${where}: iterator should be finished`).to.deep.equal({ done: true });
    state.done = true;
  }

  check(where: string): void {
    const d = this.d;
    const live = this.live();
    expect(
      [...d.items()].map(([k, v]) => [k.id, valueNumber(v)]),
      `${where}: items()`,
    ).to.deep.equal(live);
    expect(
      [...d].map((k) => k.id),
      `${where}: iteration yields keys`,
    ).to.deep.equal(live.map(([id]) => id));
    expect(
      d.keyrefs().map((wr) => wr()?.id),
      `${where}: keyrefs()`,
    ).to.deep.equal(live.map(([id]) => id));
    if (this.world.cleaned) expect(d.size, `${where}: size after gc.collect()`).to.equal(live.length);
    else expect(d.size, `${where}: size`).to.be.within(live.length, this.model.size);
    expect(d.__len__(), `${where}: __len__() === size`).to.equal(d.size);
    for (const k of this.world.slots) {
      if (k === undefined) continue;
      const present = this.has(k.id);
      const got = d.get(k);
      expect(got === undefined ? undefined : valueNumber(got), `${where}: get(${k.id})`).to.equal(
        present ? this.model.get(k.id) : undefined,
      );
      expect(d.has(k), `${where}: has(${k.id})`).to.equal(present);
      expect(d.__contains__(k), `${where}: __contains__(${k.id})`).to.equal(present);
    }
    expect(d.has(ref as unknown as Obj), `${where}: has(a stranger)`).to.equal(false);
  }

  purgeDead(): void {
    for (const id of [...this.model.keys()]) if (!this.world.mayLive(id)) this.model.delete(id);
  }

  expectedWeakrefCount(id: number): number {
    return this.model.has(id) ? 1 : 0;
  }

  holdsExtraRefs(): boolean {
    return this.iters.some((s) => s !== undefined && s.snapshot !== undefined && !s.done);
  }
}
