/**
 * The WeakSet fuzz machine: membership operations, the whole set algebra (new-set, in-place and
 * comparison forms, with arrays, Sets, WeakSets, one-shot generators and the set itself as the other
 * operand), snapshot iterators held across steps; the model is an insertion-ordered Set of ids.
 *
 * One uncertainty is modelled explicitly: a suspended `WeakSet` generator keeps the member it yielded
 * last alive (as CPython's does), so a member killed while pinned that way may survive; the world marks
 * it `dropped`, and results that depend on it are accepted for either outcome.
 */
import fc from 'fast-check';
import { expect } from 'chai';
import { KeyError, WeakSet as PyWeakSet } from '../../../src';
import { type Harness, slotArb, SLOTS } from './fuzz-common';
import { Obj, World } from './world';

type Form = 'array' | 'set' | 'weakset' | 'generator' | 'self';
type NewSetOp =
  'union' | 'intersection' | 'difference' | 'symmetric_difference' | '__or__' | '__and__' | '__sub__' | '__xor__';
type InPlaceOp =
  | 'update'
  | 'intersection_update'
  | 'difference_update'
  | 'symmetric_difference_update'
  | '__ior__'
  | '__iand__'
  | '__isub__'
  | '__ixor__';
type CompareOp =
  'issubset' | 'issuperset' | 'isdisjoint' | '__le__' | '__lt__' | '__ge__' | '__gt__' | '__eq__' | '__ne__';

export type WsOp =
  | { t: 'add'; s: number }
  | { t: 'discard'; s: number }
  | { t: 'remove'; s: number }
  | { t: 'pop' }
  | { t: 'clear' }
  | { t: 'copy' }
  | { t: 'new'; op: NewSetOp; other: number[]; form: Form }
  | { t: 'inplace'; op: InPlaceOp; other: number[]; form: Form }
  | { t: 'compare'; op: CompareOp; other: number[]; form: Form }
  | { t: 'iterStart'; j: number }
  | { t: 'iterNext'; j: number };

const otherArb = fc.array(slotArb, { maxLength: 4 });
const formArb = fc.constantFrom<Form>('array', 'set', 'weakset', 'generator', 'self');

export const wsOpArb: fc.Arbitrary<WsOp> = fc.oneof(
  { arbitrary: fc.record({ t: fc.constant('add' as const), s: slotArb }), weight: 6 },
  { arbitrary: fc.record({ t: fc.constant('discard' as const), s: slotArb }), weight: 2 },
  { arbitrary: fc.record({ t: fc.constant('remove' as const), s: slotArb }), weight: 2 },
  { arbitrary: fc.constant({ t: 'pop' as const }), weight: 2 },
  { arbitrary: fc.constant({ t: 'clear' as const }), weight: 1 },
  { arbitrary: fc.constant({ t: 'copy' as const }), weight: 1 },
  {
    arbitrary: fc.record({
      t: fc.constant('new' as const),
      op: fc.constantFrom<NewSetOp>(
        'union',
        'intersection',
        'difference',
        'symmetric_difference',
        '__or__',
        '__and__',
        '__sub__',
        '__xor__',
      ),
      other: otherArb,
      form: formArb,
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('inplace' as const),
      op: fc.constantFrom<InPlaceOp>(
        'update',
        'intersection_update',
        'difference_update',
        'symmetric_difference_update',
        '__ior__',
        '__iand__',
        '__isub__',
        '__ixor__',
      ),
      other: otherArb,
      form: formArb,
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      t: fc.constant('compare' as const),
      op: fc.constantFrom<CompareOp>(
        'issubset',
        'issuperset',
        'isdisjoint',
        '__le__',
        '__lt__',
        '__ge__',
        '__gt__',
        '__eq__',
        '__ne__',
      ),
      other: otherArb,
      form: formArb,
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ t: fc.constant('iterStart' as const), j: fc.nat({ max: 1 }) }), weight: 1 },
  { arbitrary: fc.record({ t: fc.constant('iterNext' as const), j: fc.nat({ max: 1 }) }), weight: 3 },
);

interface IterState {
  it: Iterator<Obj>;
  snapshot: number[] | undefined;
  cursor: number;
  done: boolean;
  /** The id this suspended generator yielded last (and so may keep alive). */
  pin: number | undefined;
}

/** Every subset of `items` (a handful at most: the uncertain members). */
function subsets<T>(items: T[]): T[][] {
  let out: T[][] = [[]];
  for (const item of items) out = out.concat(out.map((s) => [...s, item]));
  return out;
}

const sameSet = (a: Set<number>, b: Set<number>): boolean => a.size === b.size && [...a].every((x) => b.has(x));

function* oneShot(items: Obj[]): Generator<Obj> {
  yield* items;
}

export class WsHarness implements Harness<WsOp> {
  readonly world = new World(SLOTS);
  readonly s = new PyWeakSet<Obj>();
  /** Member ids in insertion order. */
  readonly model = new Set<number>();
  readonly iters: Array<IterState | undefined> = [undefined, undefined];
  ops = 0;

  /** Members certainly alive, and members that may or may not still be (killed while pinned). */
  private members(): { sure: number[]; maybe: number[] } {
    const sure: number[] = [];
    const maybe: number[] = [];
    for (const id of this.model) {
      const life = this.world.life.get(id);
      if (life === 'live') sure.push(id);
      else if (life === 'dropped') maybe.push(id);
    }
    return { sure, maybe };
  }

  /** The possible member sets now, one per outcome of the uncertain members. */
  private possibleSets(): Array<Set<number>> {
    const { sure, maybe } = this.members();
    return subsets(maybe).map((extra) => new Set([...sure, ...extra]));
  }

  /** The other operand in the requested form, and the ids it holds (weakly referenceable objects only). */
  private operand(other: number[], form: Form): { value: Iterable<Obj>; ids: number[] | undefined } {
    if (form === 'self') return { value: this.s, ids: undefined };
    const objs = other.map((i) => this.world.obj(i));
    const ids = objs.map((o) => o.id);
    switch (form) {
      case 'array':
        return { value: objs, ids };
      case 'set':
        return { value: new Set(objs), ids };
      case 'weakset':
        return { value: new PyWeakSet(objs), ids };
      case 'generator':
        return { value: oneShot(objs), ids };
    }
  }

  private updatePins(): void {
    this.world.pinned.clear();
    for (const st of this.iters)
      if (st !== undefined && !st.done && st.pin !== undefined) this.world.pinned.add(st.pin);
  }

  apply(op: WsOp): void {
    const s = this.s;
    const where = JSON.stringify(op);
    switch (op.t) {
      case 'add': {
        const o = this.world.obj(op.s);
        expect(s.add(o), where).to.equal(undefined);
        this.model.add(o.id);
        return;
      }
      case 'discard': {
        const o = this.world.obj(op.s);
        expect(s.discard(o), where).to.equal(undefined);
        this.model.delete(o.id);
        return;
      }
      case 'remove': {
        const o = this.world.obj(op.s);
        if (this.model.has(o.id)) expect(s.remove(o), where).to.equal(undefined);
        else {
          let thrown: unknown;
          try {
            s.remove(o);
          } catch (e) {
            thrown = e;
          }
          expect(thrown, `${where}: KeyError expected`).to.be.instanceOf(KeyError);
          expect((thrown as KeyError).key, `${where}: KeyError.key`).to.equal(o);
        }
        this.model.delete(o.id);
        return;
      }
      case 'pop':
        return this.applyPop(where);
      case 'clear':
        expect(s.clear(), where).to.equal(undefined);
        this.model.clear();
        return;
      case 'copy': {
        const c = s.copy();
        expect(c, where).to.be.instanceOf(PyWeakSet).and.not.equal(s);
        const got = new Set([...c].map((o) => o.id));
        expect(
          this.possibleSets().some((p) => sameSet(p, got)),
          `${where}: copy ${[...got]}`,
        ).to.equal(true);
        expect(c.__eq__(s), `${where}: copy == s`).to.equal(true);
        return;
      }
      case 'new':
        return this.applyNew(op, where);
      case 'inplace':
        return this.applyInPlace(op, where);
      case 'compare':
        return this.applyCompare(op, where);
      case 'iterStart':
        this.iters[op.j] = { it: s[Symbol.iterator](), snapshot: undefined, cursor: 0, done: false, pin: undefined };
        this.updatePins();
        return;
      case 'iterNext':
        return this.applyIterNext(op.j, where);
    }
  }

  private applyPop(where: string): void {
    let got: number | undefined;
    let thrown: unknown;
    try {
      got = this.s.pop().id;
    } catch (e) {
      thrown = e;
    }
    // The oldest member still alive: dead ones passed over are removed; an uncertain one may be it.
    for (const id of [...this.model]) {
      const life = this.world.life.get(id);
      this.model.delete(id);
      if (life === 'dead') continue;
      if (id === got) return;
      expect(life, `${where}: pop() returned ${got}, skipping the live member ${id}`).to.equal('dropped');
    }
    expect(thrown, `${where}: pop() of an empty set`).to.be.instanceOf(KeyError);
    expect((thrown as Error).message).to.equal('pop from empty WeakSet');
  }

  private applyNew(op: Extract<WsOp, { t: 'new' }>, where: string): void {
    const { value, ids } = this.operand(op.other, op.form);
    const result = (this.s[op.op] as (o: Iterable<Obj>) => PyWeakSet<Obj>).call(this.s, value);
    expect(result, where).to.be.instanceOf(PyWeakSet).and.not.equal(this.s);
    const got = new Set([...result].map((o) => o.id));
    const ok = this.possibleSets().some((mine) => {
      const other = new Set(ids ?? mine);
      let expected: Set<number>;
      if (op.op === 'union' || op.op === '__or__') expected = new Set([...mine, ...other]);
      else if (op.op === 'intersection' || op.op === '__and__')
        expected = new Set([...other].filter((x) => mine.has(x)));
      else if (op.op === 'difference' || op.op === '__sub__')
        expected = new Set([...mine].filter((x) => !other.has(x)));
      else expected = new Set([...[...mine].filter((x) => !other.has(x)), ...[...other].filter((x) => !mine.has(x))]);
      return sameSet(expected, got);
    });
    expect(ok, `${where}: result ${JSON.stringify([...got])}`).to.equal(true);
  }

  private applyInPlace(op: Extract<WsOp, { t: 'inplace' }>, where: string): void {
    const { value, ids } = this.operand(op.other, op.form);
    const returned = (this.s[op.op] as (o: Iterable<Obj>) => unknown).call(this.s, value);
    expect(returned, `${where}: return value`).to.equal(op.op.startsWith('__') ? this.s : undefined);
    // The other operand never holds an uncertain member (those are in no slot), so the new model is
    // the same whatever became of them.
    const other = ids === undefined ? undefined : new Set(ids);
    switch (op.op) {
      case 'update':
      case '__ior__':
        for (const id of other ?? []) this.model.add(id);
        return;
      case 'intersection_update':
      case '__iand__':
        if (other !== undefined) for (const id of [...this.model]) if (!other.has(id)) this.model.delete(id);
        return;
      case 'difference_update':
      case '__isub__':
        if (other === undefined) this.model.clear();
        else for (const id of other) this.model.delete(id);
        return;
      case 'symmetric_difference_update':
      case '__ixor__':
        if (other === undefined) this.model.clear();
        else for (const id of other) if (!this.model.delete(id)) this.model.add(id);
        return;
    }
  }

  private applyCompare(op: Extract<WsOp, { t: 'compare' }>, where: string): void {
    const { value, ids } = this.operand(op.other, op.form);
    const weak = op.form === 'weakset' || op.form === 'self';
    const got = (this.s[op.op] as (o: unknown) => boolean).call(this.s, value);
    const outcomes = this.possibleSets().map((mine) => {
      const other = new Set(ids ?? mine);
      const sub = [...mine].every((x) => other.has(x));
      const sup = [...other].every((x) => mine.has(x));
      switch (op.op) {
        case 'issubset':
        case '__le__':
          return sub;
        case '__lt__':
          return sub && mine.size < other.size;
        case 'issuperset':
        case '__ge__':
          return sup;
        case '__gt__':
          return sup && mine.size > other.size;
        case 'isdisjoint':
          return [...mine].every((x) => !other.has(x));
        case '__eq__':
          // Only another WeakSet can be equal (a native Set or an array never is, as in Python).
          return weak && sub && sup;
        case '__ne__':
          return !(weak && sub && sup);
      }
    });
    expect(outcomes, `${where}: ${op.op} gave ${got}`).to.include(got);
  }

  private applyIterNext(j: number, where: string): void {
    const state = this.iters[j];
    if (state === undefined) return;
    if (state.done) {
      expect(state.it.next().done, `${where}: a finished iterator stays finished`).to.equal(true);
      return;
    }
    if (state.snapshot === undefined) state.snapshot = [...this.model].filter((id) => this.world.mayLive(id));
    const r = state.it.next();
    const got = r.done === true ? undefined : r.value.id;
    // A WeakSet snapshot yields every member of the snapshot still alive, even one discarded since
    // (CPython 3.14: `for itemref in self.data.copy()`).
    while (state.cursor < state.snapshot.length) {
      const id = state.snapshot[state.cursor++];
      const life = this.world.life.get(id);
      if (life === 'dead') continue;
      if (id === got) {
        state.pin = got;
        this.updatePins();
        return;
      }
      expect(life, `${where}: the iteration skipped the live member ${id} (gave ${got})`).to.equal('dropped');
    }
    expect(got, `${where}: iterator should be finished`).to.equal(undefined);
    state.done = true;
    state.pin = undefined;
    this.updatePins();
  }

  check(where: string): void {
    const s = this.s;
    const { sure, maybe } = this.members();
    const iterated = [...s].map((o) => o.id);
    const maybeSet = new Set(maybe);
    const expected = [...this.model].filter((id) => this.world.mayLive(id));
    expect(iterated, `${where}: iteration`).to.deep.equal(
      expected.filter((id) => !maybeSet.has(id) || iterated.includes(id)),
    );
    if (this.world.cleaned && maybe.length === 0)
      expect(s.size, `${where}: size after gc.collect()`).to.equal(sure.length);
    else expect(s.size, `${where}: size`).to.be.within(sure.length, this.model.size);
    expect(s.__len__(), `${where}: __len__() === size`).to.equal(s.size);
    for (const o of this.world.slots) {
      if (o === undefined) continue;
      const member = this.model.has(o.id);
      expect(s.has(o), `${where}: has(${o.id})`).to.equal(member);
      expect(s.__contains__(o), `${where}: __contains__(${o.id})`).to.equal(member);
    }
    expect(s.__eq__(s), `${where}: s == s`).to.equal(true);
  }

  purgeDead(): void {
    for (const id of [...this.model]) if (this.world.life.get(id) === 'dead') this.model.delete(id);
  }

  expectedWeakrefCount(id: number): number {
    return this.model.has(id) ? 1 : 0;
  }

  holdsExtraRefs(): boolean {
    return this.iters.some((st) => st !== undefined && st.snapshot !== undefined && !st.done);
  }
}
