/**
 * WeakValueDictionary beyond CPython's tests: dict-style access through its Proxy, the races the
 * implementation pins (named after them), snapshot iteration, bad input, and the library reference
 * example (libreftest's id2obj).
 */
import { expect } from 'chai';
import * as util from 'node:util';
import { getweakrefcount, gc, KeyedRef, KeyError, ref, WeakKeyDictionary, WeakValueDictionary } from '../src';
import { C } from './support/lifetime';
import { collectWithoutCleanup } from './support/dict-fixtures';

/** The dict-style view of a dictionary (TypeScript has no index signature on the class). */
type Bracket = Record<string, any>;
const bracket = (d: WeakValueDictionary<any, any>): Bracket => d as unknown as Bracket;

/** Stores a fresh object under `key` from a helper, so that nothing but the dictionary refers to it. */
function storeFresh(d: WeakValueDictionary<any, any>, key: unknown): void {
  d.set(key, new C());
}

/**
 * `d.get` is the dictionary's own copy of the class's `get` (docs/porting-guide.md, "d.get is a
 * per-dictionary copy of the method"): never an entry stored under 'get', the same function at every
 * read, the dictionary's entries when called on it, and the class's method for any other receiver.
 */
function expectOwnGet(d: WeakValueDictionary<any, any>): void {
  const get = bracket(d).get as (this: unknown, ...a: unknown[]) => unknown;
  expect(get).to.be.a('function');
  expect(get).to.equal(bracket(d).get);
  expect(get.name).to.equal('get');
  const probe = new C();
  const other = new WeakValueDictionary<string, C>([['probe', probe]]);
  expect(get.call(other, 'probe'), 'another receiver gets the class method').to.equal(probe);
  expect(() => get.call({}, 'k')).to.throw(
    TypeError,
    "descriptor 'get' requires a 'WeakValueDictionary' object but received 'Object'",
  );
  expect(get.call(d, 'no such key', 7)).to.equal(7);
  expect(() => get.call(d)).to.throw(TypeError, 'get expected at least 1 argument, got 0');
}

describe('libreftest', () => {
  it('id2obj: the library reference example of an id -> object table', async () => {
    // From the weakref documentation: remember(obj) / id2obj(oid) over a WeakValueDictionary.
    const _id2obj_dict = new WeakValueDictionary<number, object>();
    let nextId = 1;
    const remember = (obj: object): number => {
      const oid = nextId++; // Python's id(obj)
      _id2obj_dict.__setitem__(oid, obj);
      return oid;
    };
    const id2obj = (oid: number): object => _id2obj_dict.__getitem__(oid);
    class A {}
    let a: A | undefined = new A(); // from here, just testing
    const aId = remember(a);
    expect(id2obj(aId)).to.equal(a);
    a = undefined;
    await gc.collect();
    let out: string;
    try {
      id2obj(aId);
      out = 'WeakValueDictionary error';
    } catch (e) {
      out = e instanceof KeyError ? 'OK' : String(e);
    }
    expect(out).to.equal('OK');
  });
});

describe('JavaScript interop: WeakValueDictionary', () => {
  it('should give dict-style access for string keys: d[k] = v, d[k], k in d, delete d[k]', () => {
    const d = new WeakValueDictionary<string, C>();
    const a = new C();
    bracket(d)['a'] = a;
    expect(d.get('a')).to.equal(a);
    expect(bracket(d)['a']).to.equal(a);
    expect(bracket(d).missing).to.equal(undefined);
    expect('a' in d).to.equal(true);
    expect('missing' in d).to.equal(false);
    expect(delete bracket(d)['a']).to.equal(true);
    expect(d.has('a')).to.equal(false);
    expect(d.size).to.equal(0);
    // Brackets use string property keys: d[1] is the key '1', not the number 1.
    bracket(d)[1] = a;
    expect(d.get('1')).to.equal(a);
    expect(d.get(1 as unknown as string)).to.equal(undefined);
  });

  it('should let class members win over keys of the same name, and still store those keys', () => {
    const d = new WeakValueDictionary<string, C>();
    const v = new C();
    for (const name of ['get', 'size', 'keys', 'constructor', 'toString', 'update', '__len__']) {
      bracket(d)[name] = v;
      expect(d.get(name), name).to.equal(v);
    }
    expectOwnGet(d);
    expect(d.size).to.equal(7);
    expect(bracket(d).constructor).to.equal(WeakValueDictionary);
    expect(String(d)).to.match(/^<WeakValueDictionary at 0x[0-9a-f]+>$/);
    expect('get' in d).to.equal(true);
    delete bracket(d).get; // deletes the entry, never the method
    expect(d.has('get')).to.equal(false);
    expect(typeof d.get).to.equal('function');
  });

  it('should store __proto__, constructor, prototype, toString and hasOwnProperty as entries without touching a prototype', () => {
    const protoNames = (o: object): string[] => Object.getOwnPropertyNames(o).sort();
    const before = {
      object: protoNames(Object.prototype),
      objectToString: Object.prototype.toString,
      objectHasOwn: Object.prototype.hasOwnProperty,
      wvd: protoNames(WeakValueDictionary.prototype),
      wvdGet: WeakValueDictionary.prototype.get,
    };
    const d = new WeakValueDictionary<string, object>();
    const v = new C();
    for (const key of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']) {
      bracket(d)[key] = v;
      expect(d.get(key), key).to.equal(v);
    }
    expect(Object.getPrototypeOf(d)).to.equal(WeakValueDictionary.prototype);
    expect(d instanceof WeakValueDictionary).to.equal(true);
    expect(bracket(d)['__proto__']).to.equal(v);
    expect(bracket(d).hasOwnProperty).to.equal(v); // only Object.prototype defines it: the entry wins
    expect(protoNames(Object.prototype)).to.deep.equal(before.object);
    expect(Object.prototype.toString).to.equal(before.objectToString);
    expect(Object.prototype.hasOwnProperty).to.equal(before.objectHasOwn);
    expect(protoNames(WeakValueDictionary.prototype)).to.deep.equal(before.wvd);
    expect(WeakValueDictionary.prototype.get).to.equal(before.wvdGet);
    expect(({} as Bracket).__proto__).to.equal(Object.prototype);
    expect(({} as Bracket).prototype).to.equal(undefined);
    // Reading __proto__ without an entry gives undefined, never a prototype.
    expect(bracket(new WeakValueDictionary())['__proto__']).to.equal(undefined);
    expect('__proto__' in new WeakValueDictionary()).to.equal(false);
  });

  it("should keep Object.prototype's methods reachable when no entry shadows them", () => {
    const d = new WeakValueDictionary<string, C>();
    expect(d.hasOwnProperty('x')).to.equal(false);
    expect(bracket(d).valueOf()).to.equal(d);
    expect(Object.prototype.hasOwnProperty.call(d, 'x')).to.equal(false);
    expect(Object.keys(d), 'entries are not own properties').to.deep.equal([]);
    d.set('x', new C());
    expect(Object.keys(d)).to.deep.equal([]);
    expect(JSON.stringify(d)).to.equal('{}');
  });

  it('should keep instanceof, methods on the Proxy, subclass fields, accessors and #private state working', () => {
    class Cache extends WeakValueDictionary<string, C> {
      hits = 0;
      #misses = 0;
      get misses(): number {
        return this.#misses;
      }
      set misses(n: number) {
        this.#misses = n;
      }
      lookup(key: string): C | undefined {
        const v = this.get(key);
        if (v === undefined) this.misses++;
        else this.hits++;
        return v;
      }
    }
    const cache = new Cache();
    const v = new C();
    expect(cache instanceof Cache && cache instanceof WeakValueDictionary).to.equal(true);
    bracket(cache)['k'] = v;
    expect(cache.lookup('k')).to.equal(v);
    expect(cache.lookup('nope')).to.equal(undefined);
    expect(cache.hits).to.equal(1);
    expect(cache.misses).to.equal(1);
    expect(cache.has('hits'), 'a class field is not an entry').to.equal(false);
    expect(String(cache)).to.match(/^<Cache at 0x[0-9a-f]+>$/);
    // Methods extracted and called on the dictionary.
    const get = cache.get as (this: unknown, key: string) => C | undefined;
    expect(get.call(cache, 'k')).to.equal(v);
    expect((WeakValueDictionary.prototype.get as typeof get).call(cache, 'k')).to.equal(v);
    // copy() is a plain WeakValueDictionary; the reflected union keeps the class, as in CPython.
    expect(Object.getPrototypeOf(cache.copy())).to.equal(WeakValueDictionary.prototype);
    expect(cache.__ror__(new Map()) instanceof Cache).to.equal(true);
  });

  it('should let a property defined on one dictionary override a member (how to stub a method)', () => {
    const d = new WeakValueDictionary<string, C>();
    const other = new WeakValueDictionary<string, C>();
    const v = new C();
    const stub = (): C => v;
    Object.defineProperty(d, 'get', { value: stub, configurable: true, writable: true });
    expect(d.get('anything')).to.equal(v);
    expect(other.get('anything')).to.equal(undefined);
    bracket(d).get = (): undefined => undefined; // an own property is written, not stored as an entry
    expect(d.get('anything')).to.equal(undefined);
    expect(d.size).to.equal(0);
    delete bracket(d).get; // removes the own property: the class member is back
    expectOwnGet(d);
    // A symbol-keyed property is an ordinary property of the dictionary, never an entry.
    const tag = Symbol('tag');
    bracket(d)[tag as unknown as string] = 1;
    expect(bracket(d)[tag as unknown as string]).to.equal(1);
    expect(d.size).to.equal(0);
  });

  it('should throw a TypeError when a method is called on something that is not a WeakValueDictionary', () => {
    const get = WeakValueDictionary.prototype.get as (this: unknown, k: unknown) => unknown;
    expect(() => get.call({}, 'k')).to.throw(
      TypeError,
      "descriptor 'get' requires a 'WeakValueDictionary' object but received 'Object'",
    );
    expect(() => WeakValueDictionary.prototype.keys.call(new WeakKeyDictionary() as never)).to.throw(TypeError);
    expect(() => (WeakValueDictionary.prototype.update as (o?: unknown) => void).call({}, [])).to.throw(TypeError);
  });

  it("should count each entry's KeyedRef in getweakrefcount, and expose them through valuerefs()", () => {
    const d = new WeakValueDictionary<string, C>();
    const v = new C();
    d.set('k', v);
    expect(getweakrefcount(v)).to.equal(1);
    d.set('k', v); // the same value again keeps its KeyedRef
    expect(getweakrefcount(v)).to.equal(1);
    d.set('other', v);
    expect(getweakrefcount(v)).to.equal(2);
    const refs = d.valuerefs();
    expect(refs.every((r) => r instanceof KeyedRef && r() === v)).to.equal(true);
    expect(refs.map((r) => r.key)).to.deep.equal(['k', 'other']);
    expect(d.itervaluerefs().next().value).to.equal(refs[0]);
  });

  it('should yield keys from [Symbol.iterator], pairs from entries(), and offer the Map-like protocol', () => {
    const a = new C();
    const b = new C();
    const d = new WeakValueDictionary<string, C>([['a', a]]);
    expect(d.set('b', b)).to.equal(d);
    expect([...d]).to.deep.equal(['a', 'b']);
    expect([...d.entries()]).to.deep.equal([
      ['a', a],
      ['b', b],
    ]);
    expect(d.update()).to.equal(undefined);
    expect(d.__ior__({ c: a })).to.equal(d);
    expect(d.delete('c')).to.equal(true);
    expect(d.delete('c')).to.equal(false);
    expect(d.clear()).to.equal(undefined);
    expect(d.size).to.equal(0);
    const iter = d.keys() as IterableIterator<string> & { map?: unknown };
    expect(iter[Symbol.iterator]()).to.equal(iter);
  });

  it('should print as <WeakValueDictionary at 0x..> in String(), util.inspect() and toString tags', () => {
    const d = new WeakValueDictionary();
    expect(String(d)).to.match(/^<WeakValueDictionary at 0x[0-9a-f]+>$/);
    expect(util.inspect(d)).to.equal(String(d));
    expect(`${d}`).to.equal(String(d));
    expect(Object.prototype.toString.call(d)).to.equal('[object WeakValueDictionary]');
    expect(String(new WeakValueDictionary())).not.to.equal(String(d));
  });

  it("should refuse a value that cannot be weakly referenced with CPython's TypeError, leaving the dictionary unchanged", () => {
    const d = new WeakValueDictionary<string, any>({ keep: new C() });
    for (const bad of [42, 's', null, undefined, true, 10n, Symbol.for('registered')]) {
      const type = bad === null ? 'null' : typeof bad;
      const message = `cannot create weak reference to '${type}' object`;
      expect(() => d.set('x', bad), String(type)).to.throw(TypeError, message);
      expect(() => (bracket(d)['x'] = bad)).to.throw(TypeError, message);
      expect(() => d.__setitem__('x', bad)).to.throw(TypeError, message);
      expect(() => d.setdefault('x', bad)).to.throw(TypeError, message);
      expect(() =>
        d.update([
          ['y', new C()],
          ['x', bad],
        ]),
      ).to.throw(TypeError, message);
      expect(() => new WeakValueDictionary({ x: bad } as never)).to.throw(TypeError, message);
    }
    expect([...d.keys()]).to.deep.equal(['keep']);
    // setdefault checks the default only when it stores it, as CPython.
    expect(d.setdefault('keep', 42 as never)).to.be.an.instanceOf(C);
  });

  it('should return an explicit default from pop, even undefined, and throw KeyError without one', () => {
    const d = new WeakValueDictionary<string, C>();
    expect(d.pop('missing', undefined)).to.equal(undefined);
    expect(d.pop('missing', 5)).to.equal(5);
    const err = (() => {
      try {
        d.pop('missing');
      } catch (e) {
        return e;
      }
    })() as KeyError;
    expect(err).to.be.an.instanceOf(KeyError);
    expect(err.key).to.equal('missing');
    expect(err.name).to.equal('KeyError');
  });

  it('should pop items last-inserted first, skipping dead ones, in linear time', async () => {
    const d = new WeakValueDictionary<number, C>();
    const keep: C[] = [];
    for (let i = 0; i < 5; i++) {
      if (i === 3) storeFresh(d, i);
      else {
        keep.push(new C());
        d.set(i, keep[keep.length - 1]);
      }
    }
    await collectWithoutCleanup();
    expect(d.popitem()[0]).to.equal(4);
    d.set(9, keep[0]); // an added key comes out first
    expect(d.popitem()[0]).to.equal(9);
    d.set(0, keep[1]); // an existing key keeps its place
    expect([0, 1, 2].map(() => d.popitem()[0])).to.deep.equal([2, 1, 0]);
    const big = new WeakValueDictionary<number, C>();
    for (let i = 0; i < 50000; i++) big.set(i, keep[0]);
    const start = Date.now();
    while (big.size > 0) big.popitem();
    expect(Date.now() - start, 'draining 50,000 entries').to.be.below(5000);
  });

  it('should accept every input form: Map, weak dictionary, pairs, plain object, items(), keys() + __getitem__()', () => {
    const a = new C();
    const b = new C();
    const expected = [
      ['x', a],
      ['y', b],
    ];
    const forms: unknown[] = [
      new Map<string, C>([
        ['x', a],
        ['y', b],
      ]),
      new WeakValueDictionary<string, C>([
        ['x', a],
        ['y', b],
      ]),
      [
        ['x', a],
        ['y', b],
      ],
      new Set([
        ['x', a],
        ['y', b],
      ]),
      { x: a, y: b },
      Object.assign(Object.create(null), { x: a, y: b }),
      {
        items: () =>
          [
            ['x', a],
            ['y', b],
          ][Symbol.iterator](),
        marker: true,
        __proto__: { constructor: class Mapping {} },
      },
      new (class {
        keys(): string[] {
          return ['x', 'y'];
        }
        __getitem__(k: string): C {
          return k === 'x' ? a : b;
        }
      })(),
    ];
    for (const form of forms) expect([...new WeakValueDictionary(form as never).items()]).to.deep.equal(expected);
    expect(() => new WeakValueDictionary(42 as never)).to.throw(TypeError, "'number' object is not iterable");
    expect(() => new WeakValueDictionary([['x']] as never)).to.throw(
      TypeError,
      'element #0 has length 1; 2 is required',
    );
    expect(() => new WeakValueDictionary([5] as never)).to.throw(
      TypeError,
      'cannot convert dictionary update sequence element #0 to a sequence',
    );
    expect(() => new WeakValueDictionary().__or__([['x', a]] as never)).to.throw(
      TypeError,
      "unsupported operand type(s) for |: 'WeakValueDictionary' and 'Array'",
    );
  });

  it('should check the number of arguments of its methods, as Python does', () => {
    const d = new WeakValueDictionary<string, C>();
    expect(() => (d.get as (...a: unknown[]) => unknown).call(d)).to.throw(
      TypeError,
      'get expected at least 1 argument, got 0',
    );
    expect(() => (d.pop as (...a: unknown[]) => unknown).call(d, 1, 2, 3)).to.throw(
      TypeError,
      'pop expected at most 2 arguments, got 3',
    );
    expect(() => (d.set as (...a: unknown[]) => unknown).call(d, 'k')).to.throw(
      TypeError,
      'set expected 2 arguments, got 1',
    );
    expect(() => (d.copy as (...a: unknown[]) => unknown).call(d, 1)).to.throw(
      TypeError,
      'copy() takes no arguments (1 given)',
    );
    expect(() => (d.__len__ as (...a: unknown[]) => unknown).call(d, 1)).to.throw(TypeError);
  });

  it('should be collected with its entries while their values live on elsewhere', async () => {
    const value = new C();
    const wd = ((): ref<object> => {
      const d = new WeakValueDictionary<number, C>();
      for (let i = 0; i < 100; i++) d.set(i, value);
      return ref(d);
    })();
    expect(getweakrefcount(value)).to.equal(100);
    await expect(wd).to.be.collected;
    expect(getweakrefcount(value)).to.equal(0);
  });
});
