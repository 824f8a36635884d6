/**
 * `ref`, `KeyedRef`, `getweakrefcount` and `getweakrefs` as JavaScript sees them (CONTRACT §1, §2, §4,
 * §10, §11): construction with and without `new`, bad input, callback order, reprs.
 */
import { expect } from 'chai';
import { inspect } from 'node:util';
import { ref, ReferenceType, KeyedRef, getweakrefcount, getweakrefs, gc } from '../src';
import { C } from './support/lifetime';
import { PRIMITIVES } from './support/primitives';

function dropRefObject(o: object, record: string[]): void {
  // The reference object lives only in this frame: it is garbage once we return.
  ref(o, () => record.push('dropped ref'));
}

describe('JavaScript interop: ref', () => {
  it('should be callable with and without new, giving the same shared basic ref', () => {
    const o = new C();
    const r = ref(o);
    expect(new ref(o)).to.equal(r);
    expect(ReferenceType).to.equal(ref);
    expect(typeof r).to.equal('function');
    expect(r).to.be.instanceOf(ref);
    expect(r.call(undefined)).to.equal(o);
  });

  it('should give a new reference object for every ref with a callback', () => {
    const o = new C();
    const cb = (): void => {};
    expect(ref(o, cb)).not.to.equal(ref(o, cb));
    expect(ref(o, cb)).not.to.equal(ref(o));
  });

  it("should throw CPython's TypeError when called with arguments", () => {
    const r = ref(new C());
    expect(() => (r as unknown as (x: number) => unknown)(1)).to.throw(
      TypeError,
      'weakref expected 0 arguments, got 1',
    );
  });

  it("should validate the arguments of ref() with CPython's messages", () => {
    expect(() => (ref as unknown as () => unknown)()).to.throw(
      TypeError,
      '__new__ expected at least 1 argument, got 0',
    );
    expect(() => (ref as unknown as (...a: unknown[]) => unknown)(new C(), undefined, 3)).to.throw(
      TypeError,
      '__new__ expected at most 2 arguments, got 3',
    );
    expect(() => ref(new C(), 5 as never)).to.throw(TypeError, "callback must be callable or undefined, not 'number'");
  });

  for (const [value, type] of PRIMITIVES) {
    it(`should refuse ${type} with "cannot create weak reference to '${type}' object"`, () => {
      expect(() => ref(value as object)).to.throw(TypeError, `cannot create weak reference to '${type}' object`);
      expect(getweakrefcount(value)).to.equal(0);
      expect(getweakrefs(value)).to.deep.equal([]);
    });
  }

  it('should accept functions, classes, arrays and (where the engine allows) non-registered symbols', () => {
    for (const o of [() => {}, class {}, [], new Map(), Object.create(null)]) expect(ref(o)()).to.equal(o);
    let symbolsOk = true;
    try {
      new WeakRef(Symbol() as unknown as object);
    } catch {
      symbolsOk = false;
    }
    const s = Symbol('local');
    if (symbolsOk) expect(ref(s as unknown as object)()).to.equal(s);
    else
      expect(() => ref(s as unknown as object)).to.throw(TypeError, "cannot create weak reference to 'symbol' object");
  });

  it('should run callbacks newest reference first, each once, with the reference as the only argument', async () => {
    const order: Array<[string, unknown[]]> = [];
    let o: C | undefined = new C();
    const r1 = ref(o, (...args) => void order.push(['r1', args]));
    const r2 = ref(o, (...args) => void order.push(['r2', args]));
    const r3 = ref(o, (...args) => void order.push(['r3', args]));
    o = undefined;
    await gc.collect();
    await gc.collect();
    expect(order.map((e) => e[0])).to.deep.equal(['r3', 'r2', 'r1']);
    expect(order[0][1]).to.deep.equal([r3]);
    expect(order[1][1]).to.deep.equal([r2]);
    expect(order[2][1]).to.deep.equal([r1]);
  });

  it('should skip the callback of a reference object that was collected first', async () => {
    const record: string[] = [];
    let o: C | undefined = new C();
    const kept = ref(o, () => record.push('kept'));
    dropRefObject(o, record);
    await gc.collect();
    expect(getweakrefs(o)).to.deep.equal([kept]);
    o = undefined;
    await gc.collect();
    expect(record).to.deep.equal(['kept']);
  });

  it('should print like CPython in String() and util.inspect, with stable ids', async () => {
    class Widget {}
    let w: Widget | undefined = new Widget();
    const r = ref(w);
    const alive = String(r);
    expect(alive).to.match(/^<weakref at (0x[0-9a-f]+); to 'Widget' at (0x[0-9a-f]+)>$/);
    expect(inspect(r)).to.equal(alive);
    expect(String(r)).to.equal(alive);
    const selfId = /^<weakref at (0x[0-9a-f]+);/.exec(alive)![1];
    w = undefined;
    await gc.collect();
    expect(String(r)).to.equal(`<weakref at ${selfId}; dead>`);
    expect(inspect(r)).to.equal(`<weakref at ${selfId}; dead>`);
  });

  it('should refuse to become a number but still become a string', () => {
    const r = ref(new C());
    expect(() => +(r as unknown as number)).to.throw(TypeError);
    expect(`${r}`).to.match(/^<weakref at/);
  });

  it('should throw a TypeError when a ref method is called on something else', () => {
    const getter = Object.getOwnPropertyDescriptor(ref.prototype, '__callback__')!.get!;
    expect(() => getter.call({})).to.throw(TypeError);
    expect(() => ref.prototype.__hash__.call(() => {})).to.throw(TypeError);
  });

  it('should hash an object without __hash__ by a stable identity', () => {
    const o = new C();
    const r1 = ref(o);
    const r2 = ref(o, () => {});
    expect(r1.__hash__()).to.be.a('number');
    expect(r1.__hash__()).to.equal(r2.__hash__());
    expect(ref(new C()).__hash__()).not.to.equal(r1.__hash__());
  });

  it('should order getweakrefs as CPython: basic ref, then the others newest first', () => {
    const o = new C();
    const a = ref(o, () => {});
    const basic = ref(o);
    const b = ref(o, () => {});
    expect(getweakrefs(o)).to.deep.equal([basic, b, a]);
    expect(getweakrefcount(o)).to.equal(3);
  });
});

describe('JavaScript interop: KeyedRef', () => {
  it('should be a ref subclass with a key, never shared', async () => {
    let o: C | undefined = new C();
    const seen: unknown[] = [];
    const kr = new KeyedRef(o, (r) => void seen.push(r.key), 'name');
    expect(kr).to.be.instanceOf(KeyedRef);
    expect(kr).to.be.instanceOf(ref);
    expect(kr.key).to.equal('name');
    expect(kr()).to.equal(o);
    expect(new KeyedRef(o, undefined, 'name')).not.to.equal(new KeyedRef(o, undefined, 'name'));
    expect(getweakrefcount(o)).to.be.at.least(1);
    o = undefined;
    await gc.collect();
    expect(seen).to.deep.equal(['name']);
    expect(kr.key).to.equal('name');
  });

  it('should require the object, the callback and the key', () => {
    const K = KeyedRef as unknown as new (...a: unknown[]) => unknown;
    expect(() => new K(new C(), undefined)).to.throw(TypeError, /missing 1 required positional argument/);
    expect(() => new K(5, undefined, 'k')).to.throw(TypeError, "cannot create weak reference to 'number' object");
  });
});
