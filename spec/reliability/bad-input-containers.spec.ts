/**
 * Bad-input matrix, part 2: every method of WeakValueDictionary, WeakKeyDictionary and WeakSet with
 * every kind of wrong argument, and hostile inputs (iterables and mappings that throw half-way).
 * Each call gets a fresh container holding two live entries; after an error it must be unchanged
 * (CONTRACT §10: no partial update, nothing corrupted or leaked).
 */
import { expect } from 'chai';
import { KeyError, WeakKeyDictionary, WeakSet as PyWeakSet, WeakValueDictionary } from '../../src';
import {
  BAD_VALUES,
  checkOutcome,
  expectNoFailures,
  notIterable,
  ok,
  sameSnapshot,
  throws,
  weakref,
  type Outcome,
} from './support/bad-values';

class C {}

/** Python's minimal mapping protocol (`keys()` and `__getitem__`), failing on its second key. */
class FailingGetitem {
  constructor(private readonly value: C) {}
  keys(): string[] {
    return ['k', 'l'];
  }
  __getitem__(k: string): C {
    if (k === 'l') throw new RangeError('no l');
    return this.value;
  }
}

/** A mapping whose `items()` throws. */
class FailingItems {
  items(): never {
    throw new RangeError('no items');
  }
}

/** A fresh container of each kind, with two entries and an identity snapshot of its contents. */
interface Ctx {
  a: C;
  b: C;
  wvd: WeakValueDictionary<unknown, C>;
  wkd: WeakKeyDictionary<C, unknown>;
  ws: PyWeakSet<C>;
}

function makeCtx(): Ctx {
  const a = new C();
  const b = new C();
  return {
    a,
    b,
    wvd: new WeakValueDictionary<unknown, C>([
      ['a', a],
      ['b', b],
    ]),
    wkd: new WeakKeyDictionary<C, unknown>([
      [a, 1],
      [b, 2],
    ]),
    ws: new PyWeakSet([a, b]),
  };
}

function snapshot(c: Ctx): unknown[] {
  return [[...c.wvd.items()], c.wvd.size, [...c.wkd.items()], c.wkd.size, [...c.ws], c.ws.size].flat();
}

/** The constructor / update rule of the dictionaries: what `dict(x)` and `d.update(x)` do with x. */
const mappingRule = (v: unknown, type: string): Outcome => {
  if (v === undefined || v === null || v === '') return ok();
  if (typeof v === 'string')
    return throws(TypeError, 'dictionary update sequence element #0 has length 1; 2 is required');
  return notIterable(type);
};
/** The rule of the WeakSet methods that must hold every item weakly. */
const weakItemsRule = (v: unknown, type: string): Outcome => {
  if (v === '') return ok();
  if (typeof v === 'string') return weakref('string'); // iterable: its first item is 's'
  return notIterable(type);
};
/** The rule of the WeakSet methods that only look items up (items that cannot be members are not members). */
const lookupRule = (v: unknown, type: string): Outcome => (typeof v === 'string' ? ok() : notIterable(type));
const keyErrorWith = (v: unknown): Outcome => ({ error: KeyError, message: /.*/, key: v });
const operand =
  (left: boolean, name: string) =>
  (_v: unknown, type: string): Outcome =>
    throws(
      TypeError,
      left
        ? `unsupported operand type(s) for |: '${name}' and '${type}'`
        : `unsupported operand type(s) for |: '${type}' and '${name}'`,
    );
const returns = (expected: unknown) => (): Outcome => ok((r) => expect(r).to.deep.equal(expected));

interface Row {
  name: string;
  call: (c: Ctx, v: any) => unknown;
  expect: (v: unknown, type: string) => Outcome;
}

const rows: Row[] = [
  // WeakValueDictionary: values must be weakly referenceable; keys may be anything.
  { name: 'new WeakValueDictionary(x)', call: (_c, v) => new WeakValueDictionary(v), expect: mappingRule },
  { name: 'wvd.set(key, x)', call: (c, v) => c.wvd.set('k', v), expect: (_v, t) => weakref(t) },
  {
    name: "wvd['k'] = x",
    call: (c, v) => void ((c.wvd as unknown as Record<string, unknown>)['k'] = v),
    expect: (_v, t) => weakref(t),
  },
  { name: 'wvd.__setitem__(key, x)', call: (c, v) => c.wvd.__setitem__('k', v), expect: (_v, t) => weakref(t) },
  { name: 'wvd.setdefault(newKey, x)', call: (c, v) => c.wvd.setdefault('k', v), expect: (_v, t) => weakref(t) },
  {
    name: 'wvd.setdefault(liveKey, x) (checked only when stored)',
    call: (c, v) => c.wvd.setdefault('a', v) === c.a,
    expect: returns(true),
  },
  {
    name: 'wvd.set(x, value) (any key)',
    call: (c, v) => c.wvd.set(v, c.a).get(v) === c.a && c.wvd.has(v),
    expect: returns(true),
  },
  { name: 'wvd.get(x)', call: (c, v) => c.wvd.get(v), expect: returns(undefined) },
  { name: 'wvd.has(x)', call: (c, v) => c.wvd.has(v), expect: returns(false) },
  { name: 'wvd.__contains__(x)', call: (c, v) => c.wvd.__contains__(v), expect: returns(false) },
  { name: 'wvd.delete(x)', call: (c, v) => c.wvd.delete(v), expect: returns(false) },
  { name: 'wvd.__getitem__(x)', call: (c, v) => c.wvd.__getitem__(v), expect: keyErrorWith },
  { name: 'wvd.__delitem__(x)', call: (c, v) => c.wvd.__delitem__(v), expect: keyErrorWith },
  { name: 'wvd.pop(x)', call: (c, v) => c.wvd.pop(v), expect: keyErrorWith },
  { name: 'wvd.pop(x, default)', call: (c, v) => c.wvd.pop(v, 'default'), expect: returns('default') },
  { name: 'wvd.update(x)', call: (c, v) => c.wvd.update(v), expect: mappingRule },
  {
    name: 'wvd.__ior__(x)',
    call: (c, v) => c.wvd.__ior__(v) === c.wvd,
    expect: (v, t) => ('ok' in mappingRule(v, t) ? returns(true)() : mappingRule(v, t)),
  },
  { name: 'wvd.update([[key, x]])', call: (c, v) => c.wvd.update([['k', v]]), expect: (_v, t) => weakref(t) },
  {
    name: 'wvd.update([[key, live], [key2, x]]) (no partial update)',
    call: (c, v) =>
      c.wvd.update([
        ['k', c.a],
        ['k2', v],
      ]),
    expect: (_v, t) => weakref(t),
  },
  { name: 'wvd.update({ k: x })', call: (c, v) => c.wvd.update({ k: v }), expect: (_v, t) => weakref(t) },
  { name: 'wvd.__or__(x)', call: (c, v) => c.wvd.__or__(v), expect: operand(true, 'WeakValueDictionary') },
  { name: 'wvd.__ror__(x)', call: (c, v) => c.wvd.__ror__(v), expect: operand(false, 'WeakValueDictionary') },
  { name: 'wvd.__eq__(x)', call: (c, v) => c.wvd.__eq__(v), expect: returns(false) },
  // WeakKeyDictionary: keys must be weakly referenceable (CONTRACT §6).
  { name: 'new WeakKeyDictionary(x)', call: (_c, v) => new WeakKeyDictionary(v), expect: mappingRule },
  {
    name: 'new WeakKeyDictionary([[x, 1]])',
    call: (_c, v) => new WeakKeyDictionary([[v, 1]]),
    expect: (_v, t) => weakref(t),
  },
  { name: 'wkd.set(x, value)', call: (c, v) => c.wkd.set(v, 1), expect: (_v, t) => weakref(t) },
  { name: 'wkd.__setitem__(x, value)', call: (c, v) => c.wkd.__setitem__(v, 1), expect: (_v, t) => weakref(t) },
  { name: 'wkd.get(x)', call: (c, v) => c.wkd.get(v), expect: (_v, t) => weakref(t) },
  { name: 'wkd.get(x, default)', call: (c, v) => c.wkd.get(v, 0), expect: (_v, t) => weakref(t) },
  { name: 'wkd.__getitem__(x)', call: (c, v) => c.wkd.__getitem__(v), expect: (_v, t) => weakref(t) },
  { name: 'wkd.__delitem__(x)', call: (c, v) => c.wkd.__delitem__(v), expect: (_v, t) => weakref(t) },
  { name: 'wkd.pop(x)', call: (c, v) => c.wkd.pop(v), expect: (_v, t) => weakref(t) },
  { name: 'wkd.pop(x, default)', call: (c, v) => c.wkd.pop(v, 0), expect: (_v, t) => weakref(t) },
  { name: 'wkd.setdefault(x, value)', call: (c, v) => c.wkd.setdefault(v, 1), expect: (_v, t) => weakref(t) },
  { name: 'wkd.has(x)', call: (c, v) => c.wkd.has(v), expect: returns(false) },
  { name: 'wkd.__contains__(x)', call: (c, v) => c.wkd.__contains__(v), expect: returns(false) },
  { name: 'wkd.delete(x)', call: (c, v) => c.wkd.delete(v), expect: returns(false) },
  { name: 'wkd.update(x)', call: (c, v) => c.wkd.update(v), expect: mappingRule },
  { name: 'wkd.update([[x, 1]])', call: (c, v) => c.wkd.update([[v, 1]]), expect: (_v, t) => weakref(t) },
  {
    name: 'wkd.update([[live, 1], [x, 2]]) (no partial update)',
    call: (c, v) =>
      c.wkd.update([
        [new C(), 1],
        [v, 2],
      ]),
    expect: (_v, t) => weakref(t),
  },
  { name: 'wkd.__ior__([[x, 1]])', call: (c, v) => c.wkd.__ior__([[v, 1]]), expect: (_v, t) => weakref(t) },
  { name: 'wkd.__or__(x)', call: (c, v) => c.wkd.__or__(v), expect: operand(true, 'WeakKeyDictionary') },
  { name: 'wkd.__ror__(x)', call: (c, v) => c.wkd.__ror__(v), expect: operand(false, 'WeakKeyDictionary') },
  { name: 'wkd.__eq__(x)', call: (c, v) => c.wkd.__eq__(v), expect: returns(false) },
  // WeakSet: members must be weakly referenceable; arguments of the algebra must be iterable.
  {
    name: 'new WeakSet(x)',
    call: (_c, v) => new PyWeakSet(v),
    expect: (v, t) => (v === undefined || v === null ? ok() : weakItemsRule(v, t)),
  },
  { name: 'ws.add(x)', call: (c, v) => c.ws.add(v), expect: (_v, t) => weakref(t) },
  { name: 'ws.discard(x)', call: (c, v) => c.ws.discard(v), expect: (_v, t) => weakref(t) },
  { name: 'ws.remove(x)', call: (c, v) => c.ws.remove(v), expect: (_v, t) => weakref(t) },
  { name: 'ws.has(x)', call: (c, v) => c.ws.has(v), expect: returns(false) },
  { name: 'ws.__contains__(x)', call: (c, v) => c.ws.__contains__(v), expect: returns(false) },
  { name: 'ws.__eq__(x)', call: (c, v) => c.ws.__eq__(v), expect: returns(false) },
  { name: 'ws.__ne__(x)', call: (c, v) => c.ws.__ne__(v), expect: returns(true) },
  ...(
    [
      'update',
      '__ior__',
      'union',
      '__or__',
      'difference',
      '__sub__',
      'difference_update',
      '__isub__',
      'symmetric_difference',
      '__xor__',
      'symmetric_difference_update',
      '__ixor__',
      'intersection_update',
      '__iand__',
      'issubset',
      '__le__',
      '__lt__',
      'issuperset',
      '__ge__',
      '__gt__',
    ] as const
  ).flatMap((m): Row[] => [
    { name: `ws.${m}(x)`, call: (c, v) => (c.ws[m] as (o: unknown) => unknown)(v), expect: weakItemsRule },
    {
      name: `ws.${m}([live, x]) (no partial update)`,
      call: (c, v) => (c.ws[m] as (o: unknown) => unknown)([new C(), v]),
      expect: (_v, t) => weakref(t),
    },
  ]),
  ...(['intersection', '__and__', 'isdisjoint'] as const).flatMap((m): Row[] => [
    { name: `ws.${m}(x)`, call: (c, v) => (c.ws[m] as (o: unknown) => unknown)(v), expect: lookupRule },
    {
      name: `ws.${m}([x]) (not a member, no error)`,
      call: (c, v) => (c.ws[m] as (o: unknown) => unknown)([v]),
      expect: () => ok(),
    },
  ]),
];

describe('Reliability: bad input, part 2 (containers)', () => {
  for (const row of rows) {
    it(`should handle every kind of wrong argument in ${row.name}, leaving the containers unchanged after an error`, () => {
      const failures: string[] = [];
      for (const [label, value, type] of BAD_VALUES) {
        const c = makeCtx();
        const before = snapshot(c);
        const outcome = row.expect(value, type);
        const problem = checkOutcome(() => row.call(c, value), outcome);
        if (problem !== undefined) failures.push(`${row.name} with ${label}: ${problem}`);
        else if (!('ok' in outcome) && !sameSnapshot(snapshot(c), before))
          failures.push(`${row.name} with ${label}: the error left a container changed`);
      }
      expectNoFailures(failures);
    });
  }
});

describe('Reliability: hostile inputs', () => {
  function* throwsHalfWay(first: unknown): Generator<unknown> {
    yield first;
    throw new RangeError('the iterable failed');
  }
  const failing = (c: Ctx): Record<string, () => unknown> => ({
    'wvd.update(a generator that throws)': () => c.wvd.update(throwsHalfWay(['k', c.a]) as Iterable<[string, C]>),
    // Class instances: a plain object would be read as keyword arguments (its `keys` a key).
    'wvd.update(a mapping whose __getitem__ throws)': () => c.wvd.update(new FailingGetitem(c.a) as never),
    'wvd.update(an object whose items() throws)': () => c.wvd.update(new FailingItems() as never),
    'new WeakValueDictionary(a throwing getter in keyword arguments)': () =>
      new WeakValueDictionary(
        Object.defineProperty({}, 'k', {
          enumerable: true,
          get() {
            throw new RangeError('getter');
          },
        }) as Record<string, C>,
      ),
    'wkd.update(a generator that throws)': () => c.wkd.update(throwsHalfWay([new C(), 1]) as Iterable<[C, number]>),
    'ws.update(a generator that throws)': () => c.ws.update(throwsHalfWay(new C()) as Iterable<C>),
    'ws.symmetric_difference_update(a generator that throws)': () =>
      c.ws.symmetric_difference_update(throwsHalfWay(c.a) as Iterable<C>),
    'ws.intersection_update(a generator that throws)': () =>
      c.ws.intersection_update(throwsHalfWay(c.a) as Iterable<C>),
    'ws.difference_update(a generator that throws)': () => c.ws.difference_update(throwsHalfWay(c.a) as Iterable<C>),
  });

  it('should let the error of a failing input through unchanged and leave the container as it was', () => {
    const failures: string[] = [];
    for (const name of Object.keys(failing(makeCtx()))) {
      const c = makeCtx();
      const before = snapshot(c);
      const problem = checkOutcome(failing(c)[name], throws(RangeError, /.*/));
      if (problem !== undefined) failures.push(`${name}: ${problem}`);
      else if (!sameSnapshot(snapshot(c), before)) failures.push(`${name}: the container changed`);
    }
    expectNoFailures(failures);
  });

  it('should accept revoked proxies as referents and print them without throwing', () => {
    const { proxy: revoked, revoke } = Proxy.revocable({}, {});
    revoke();
    const c = makeCtx();
    c.wvd.set('r', revoked);
    c.wkd.set(revoked, 1);
    c.ws.add(revoked);
    expect([c.wvd.get('r'), c.wkd.get(revoked), c.ws.has(revoked)]).to.deep.equal([revoked, 1, true]);
    expect(() => String(c.ws)).to.not.throw();
  });
});
