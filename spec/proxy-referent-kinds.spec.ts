/**
 * A weak proxy in every JavaScript operation, part 2: one test per referent kind (frozen, sealed,
 * non-extensible, arrays, functions, classes, non-configurable properties, accessors, symbol keys,
 * Map, Set, Date, Promise, typed arrays, private fields, symbols), alive and dead (CONTRACT §3).
 */
import { expect } from 'chai';
import * as util from 'node:util';
import { proxy, CallableProxyType } from '../src';
import { deadProxy, expectDead } from './support/weak-proxy';

describe('JavaScript interop', () => {
  describe('referent kinds', () => {
    it('should read, list and describe a frozen referent, and refuse writes as the referent does', () => {
      const o = Object.freeze({ a: 1, nested: { b: 2 } });
      const p = proxy(o);
      expect(p.a).to.equal(1);
      expect(p.nested).to.equal(o.nested);
      expect(Object.keys(p)).to.deep.equal(['a', 'nested']);
      expect(JSON.stringify(p)).to.equal('{"a":1,"nested":{"b":2}}');
      expect({ ...p }).to.deep.equal({ a: 1, nested: { b: 2 } });
      expect(() => {
        (p as any).a = 2;
      }).to.throw(TypeError);
      expect(() => {
        (p as any).c = 3;
      }).to.throw(TypeError);
      expect(() => delete (p as any).a).to.throw(TypeError);
      expect(Object.isFrozen(p)).to.equal(true);
      expect(Object.isExtensible(p)).to.equal(false);
      expect(Object.getOwnPropertyDescriptor(p, 'a')).to.deep.equal({
        value: 1,
        writable: false,
        enumerable: true,
        configurable: false,
      });
      expect(Object.keys(p)).to.deep.equal(['a', 'nested']);
      expect('a' in p).to.equal(true);
      expect(Object.freeze(p)).to.equal(p);
      expect(o.a).to.equal(1);
    });

    it('should throw ReferenceError for a dead frozen referent', async () => {
      const { p } = await deadProxy(() => Object.freeze({ a: 1 }));
      expectDead(() => p.a);
      expectDead(() => Object.keys(p));
      expectDead(() => Object.isFrozen(p));
    });

    it('should work with a sealed referent: writes go through, additions and deletions fail', () => {
      const o = Object.seal({ a: 1 });
      const p = proxy(o);
      p.a = 2;
      expect(o.a).to.equal(2);
      expect(() => {
        (p as any).b = 1;
      }).to.throw(TypeError);
      expect(() => delete (p as any).a).to.throw(TypeError);
      expect(Object.isSealed(p)).to.equal(true);
      expect(Object.isFrozen(p)).to.equal(false);
      p.a = 3;
      expect(p.a).to.equal(3);
      expect(Object.getOwnPropertyDescriptor(p, 'a')).to.deep.equal({
        value: 3,
        writable: true,
        enumerable: true,
        configurable: false,
      });
      Object.freeze(o);
      expect(Object.isFrozen(p)).to.equal(true);
      expect(Object.getOwnPropertyDescriptor(p, 'a')).to.deep.equal({
        value: 3,
        writable: false,
        enumerable: true,
        configurable: false,
      });
    });

    it('should throw ReferenceError for a dead sealed referent', async () => {
      const { p } = await deadProxy(() => Object.seal({ a: 1 }));
      expectDead(() => {
        p.a = 2;
      });
      expectDead(() => Object.isSealed(p));
    });

    it('should follow a non-extensible referent whose properties change after it was inspected', () => {
      const o: Record<string, number> = Object.preventExtensions({ a: 1, b: 2, c: 3 });
      const p = proxy(o);
      expect(Object.isExtensible(p)).to.equal(false);
      delete o.a; // directly on the referent
      expect(Object.keys(p)).to.deep.equal(['b', 'c']);
      expect('a' in p).to.equal(false);
      delete p.b; // through the proxy
      expect(Object.getOwnPropertyDescriptor(p, 'b')).to.equal(undefined);
      expect(Object.keys(o)).to.deep.equal(['c']);
      expect(() => {
        p.z = 1;
      }).to.throw(TypeError);
      Object.defineProperty(o, 'c', { configurable: false }); // tightened directly
      expect(Object.getOwnPropertyDescriptor(p, 'c')).to.deep.equal({
        value: 3,
        writable: true,
        enumerable: true,
        configurable: false,
      });
      Object.defineProperty(p, 'c', { writable: false }); // and through the proxy
      expect(Object.isFrozen(p)).to.equal(true);
      expect(Object.isFrozen(o)).to.equal(true);
    });

    it('should throw ReferenceError for a dead non-extensible referent', async () => {
      const { p } = await deadProxy(() => Object.preventExtensions({ a: 1 }));
      expectDead(() => p.a);
      expectDead(() => Object.isExtensible(p));
    });

    it('should be an array to Array.isArray, with push, length, indices, iteration and JSON', () => {
      const arr = [1, 2, 3];
      const p = proxy(arr);
      expect(Array.isArray(p)).to.equal(true);
      expect(p.length).to.equal(3);
      expect(p.push(4)).to.equal(4);
      expect(arr).to.deep.equal([1, 2, 3, 4]);
      p[0] = 10;
      expect(arr[0]).to.equal(10);
      expect(p[3]).to.equal(4);
      p.length = 2;
      expect(arr).to.deep.equal([10, 2]);
      expect([...p]).to.deep.equal([10, 2]);
      expect(Array.from(p)).to.deep.equal([10, 2]);
      expect(JSON.stringify(p)).to.equal('[10,2]');
      expect(p.map((x) => x * 2)).to.deep.equal([20, 4]);
      expect([0].concat(p)).to.deep.equal([0, 10, 2]);
      expect(Object.keys(p)).to.deep.equal(['0', '1']);
      expect(Object.getOwnPropertyDescriptor(p, 'length')).to.deep.equal({
        value: 2,
        writable: true,
        enumerable: false,
        configurable: false,
      });
      expect(Object.prototype.toString.call(p)).to.equal('[object Array]');
      expect(p instanceof Array).to.equal(true);
    });

    it('should handle a frozen array (read-only length) and one frozen through the proxy', () => {
      const arr = Object.freeze([1, 2]);
      const p = proxy(arr);
      expect(Object.getOwnPropertyDescriptor(p, 'length')).to.deep.equal({
        value: 2,
        writable: false,
        enumerable: false,
        configurable: false,
      });
      expect(p.length).to.equal(2);
      expect(Object.isFrozen(p)).to.equal(true);
      expect(() => (p as number[]).push(3)).to.throw(TypeError);
      expect([...p]).to.deep.equal([1, 2]);

      const arr2 = [1, 2, 3];
      const p2 = proxy(arr2);
      Object.freeze(p2);
      expect(Object.isFrozen(arr2)).to.equal(true);
      expect(Reflect.ownKeys(p2)).to.include.members(['0', '1', '2', 'length']);
      expect(p2.length).to.equal(3);
    });

    it('should throw ReferenceError for a dead array, while Array.isArray still answers', async () => {
      const { p } = await deadProxy(() => [1, 2, 3]);
      expect(Array.isArray(p)).to.equal(true); // no trap runs: the proxy is not revoked
      expectDead(() => p.length);
      expectDead(() => p.push(1));
      expectDead(() => p[0]);
      expectDead(() => [...p]);
      expectDead(() => JSON.stringify(p));
    });

    it('should call a function referent, with its name, length and properties', () => {
      function add(this: unknown, a: number, b: number): number {
        return a + b;
      }
      (add as any).meta = 'm';
      const p = proxy(add);
      expect(typeof p).to.equal('function');
      expect(p(1, 2)).to.equal(3);
      expect(p.name).to.equal('add');
      expect(p.length).to.equal(2);
      expect((p as any).meta).to.equal('m');
      expect(Object.getOwnPropertyNames(p)).to.include.members(['length', 'name', 'prototype', 'meta']);
      expect(p instanceof CallableProxyType).to.equal(true);
    });

    it('should throw ReferenceError for a dead function referent', async () => {
      const { p } = await deadProxy(
        () =>
          function f(): number {
            return 1;
          },
      );
      expectDead(() => p());
      expectDead(() => p.name);
      expect(typeof p).to.equal('function');
    });

    it('should construct a class referent and reach its static members', () => {
      class Shape {
        static count = 0;
        static #secret = 42;
        static make(): Shape {
          Shape.count++;
          return new this();
        }
        static reveal(): number {
          return this.#secret;
        }
      }
      const P = proxy(Shape);
      expect(new P()).to.be.instanceOf(Shape);
      expect(P.make()).to.be.instanceOf(Shape);
      expect(P.count).to.equal(1);
      expect(P.reveal()).to.equal(42); // static private field: `this` is the class, not the proxy
      P.count = 5;
      expect(Shape.count).to.equal(5);
      expect(new Shape() instanceof P).to.equal(true);
      expect(P.prototype).to.equal(Shape.prototype);
      expect(() => (P as unknown as () => void)()).to.throw(TypeError); // a class cannot be called
    });

    it('should throw ReferenceError for a dead class referent', async () => {
      const { p: P } = await deadProxy(
        () =>
          class Shape {
            static count = 0;
          },
      );
      expectDead(() => new P());
      expectDead(() => P.count);
      expectDead(() => ({}) instanceof P);
    });

    it('should keep working with non-configurable properties of the referent (reported configurable)', () => {
      const o: Record<string, unknown> = {};
      Object.defineProperty(o, 'fixed', { value: 1, writable: false, enumerable: true, configurable: false });
      Object.defineProperty(o, 'slot', { value: 2, writable: true, enumerable: true, configurable: false });
      const p = proxy(o);
      expect(p.fixed).to.equal(1);
      p.slot = 3;
      expect(o.slot).to.equal(3);
      expect(() => {
        p.fixed = 2;
      }).to.throw(TypeError);
      expect(() => delete p.fixed).to.throw(TypeError);
      // Rewritten as configurable (docs/porting-guide.md#descriptors-of-non-configurable-properties-say-configurable-true): the proxy holds no copy of the value.
      expect(Object.getOwnPropertyDescriptor(p, 'fixed')).to.deep.equal({
        value: 1,
        writable: false,
        enumerable: true,
        configurable: true,
      });
      expect(Object.keys(p)).to.deep.equal(['fixed', 'slot']);
      expect(Object.getOwnPropertyDescriptors(p).slot.value).to.equal(3);
    });

    it('should throw ReferenceError for a dead referent with non-configurable properties', async () => {
      const { p } = await deadProxy(
        () => Object.defineProperty({}, 'fixed', { value: 1, enumerable: true }) as { fixed: number },
      );
      expectDead(() => p.fixed);
      expectDead(() => Object.getOwnPropertyDescriptor(p, 'fixed'));
    });

    it('should run getters and setters with `this` the referent', () => {
      class Temp {
        #celsius = 0;
        get fahrenheit(): number {
          return this.#celsius * 1.8 + 32;
        }
        set fahrenheit(f: number) {
          this.#celsius = (f - 32) / 1.8;
        }
        get celsius(): number {
          return this.#celsius;
        }
      }
      const o = new Temp();
      const p = proxy(o);
      expect(p.fahrenheit).to.equal(32);
      p.fahrenheit = 212;
      expect(o.celsius).to.equal(100);
      expect(p.celsius).to.equal(100);
      // An object inheriting from the proxy: the getter runs with that object as `this`, as for any prototype.
      const child = Object.create(
        proxy({
          get me() {
            return this;
          },
        }),
      );
      expect(child.me).to.equal(child);
    });

    it('should throw ReferenceError from getters and setters of a dead referent', async () => {
      const { p } = await deadProxy(() => ({
        v: 1,
        get g() {
          return this.v;
        },
        set g(x: number) {
          this.v = x;
        },
      }));
      expectDead(() => p.g);
      expectDead(() => {
        p.g = 2;
      });
    });

    it('should forward symbol keys', () => {
      const s = Symbol('s');
      const o: Record<symbol, number> = { [s]: 1 };
      const p = proxy(o);
      expect(p[s]).to.equal(1);
      p[s] = 2;
      expect(o[s]).to.equal(2);
      expect(s in p).to.equal(true);
      expect(Object.getOwnPropertySymbols(p)).to.deep.equal([s]);
      expect(delete p[s]).to.equal(true);
      expect(s in o).to.equal(false);
      const tagged = proxy(
        new (class Tagged {
          get [Symbol.toStringTag](): string {
            return 'Tagged';
          }
        })(),
      );
      expect(Object.prototype.toString.call(tagged)).to.equal('[object Tagged]');
    });

    it('should throw ReferenceError for symbol keys of a dead referent', async () => {
      const s = Symbol('s');
      const { p } = await deadProxy<Record<symbol, number>>(() => ({ [s]: 1 }));
      expectDead(() => p[s]);
      expectDead(() => s in p);
      expectDead(() => Object.getOwnPropertySymbols(p));
    });

    it('should work with a Map: size, get, set, iteration (internal slots reached through the referent)', () => {
      const m = new Map<string, number>([['a', 1]]);
      const p = proxy(m);
      expect(p.size).to.equal(1);
      expect(p.get('a')).to.equal(1);
      expect(p.set('b', 2)).to.equal(m); // Map#set returns `this`: the referent itself
      expect([...p]).to.deep.equal([
        ['a', 1],
        ['b', 2],
      ]);
      expect([...p.keys()]).to.deep.equal(['a', 'b']);
      expect(p.has('b')).to.equal(true);
      expect(p instanceof Map).to.equal(true);
      expect(Object.prototype.toString.call(p)).to.equal('[object Map]');
    });

    it('should throw ReferenceError for a dead Map', async () => {
      const { p } = await deadProxy(() => new Map([['a', 1]]));
      expectDead(() => p.size);
      expectDead(() => p.get('a'));
      expectDead(() => [...p]);
    });

    it('should work with a Set', () => {
      const s = new Set([1]);
      const p = proxy(s);
      p.add(2);
      expect(s.has(2)).to.equal(true);
      expect(p.size).to.equal(2);
      expect([...p]).to.deep.equal([1, 2]);
      p.forEach((v) => expect([1, 2]).to.include(v));
    });

    it('should throw ReferenceError for a dead Set', async () => {
      const { p } = await deadProxy(() => new Set([1]));
      expectDead(() => p.has(1));
      expectDead(() => p.size);
    });

    it('should work with a Date: methods, JSON and conversion to a primitive', () => {
      const d = new Date(Date.UTC(2016, 5, 3));
      const p = proxy(d);
      expect(p.getTime()).to.equal(d.getTime());
      expect(p.toISOString()).to.equal('2016-06-03T00:00:00.000Z');
      expect(JSON.stringify({ when: p })).to.equal('{"when":"2016-06-03T00:00:00.000Z"}');
      expect(+p).to.equal(d.getTime());
      expect(`${p}`).to.equal(String(d));
      p.setUTCFullYear(2020);
      expect(d.getUTCFullYear()).to.equal(2020);
      expect(p instanceof Date).to.equal(true);
    });

    it('should throw ReferenceError for a dead Date', async () => {
      const { p } = await deadProxy(() => new Date(0));
      expectDead(() => p.getTime());
      expectDead(() => +p);
      expectDead(() => String(p));
    });

    it('should work with a Promise: then, and await through the proxy', async () => {
      const pr = Promise.resolve(42);
      const p = proxy(pr);
      expect(await p.then((x) => x + 1)).to.equal(43);
      expect(await p).to.equal(42);
      expect(p instanceof Promise).to.equal(true);
    });

    it('should reject an await of a dead Promise proxy with the ReferenceError', async () => {
      const { p } = await deadProxy(() => Promise.resolve(1));
      expectDead(() => p.then(() => {}));
      let thrown: unknown;
      try {
        await p;
      } catch (err) {
        thrown = err;
      }
      expect(thrown).to.be.instanceOf(ReferenceError);
    });

    it('should work with a typed array', () => {
      const ta = new Uint8Array([1, 2, 3]);
      const p = proxy(ta);
      expect(p.length).to.equal(3);
      expect(p[1]).to.equal(2);
      p[1] = 20;
      expect(ta[1]).to.equal(20);
      p.set([7], 0);
      expect(ta[0]).to.equal(7);
      expect([...p]).to.deep.equal([7, 20, 3]);
      expect(Array.from(p.subarray(1))).to.deep.equal([20, 3]);
      expect(Array.from(new Uint8Array(p))).to.deep.equal([7, 20, 3]); // copied through iteration
      expect(p.byteLength).to.equal(3);
    });

    it('should throw ReferenceError for a dead typed array', async () => {
      const { p } = await deadProxy(() => new Uint8Array(2));
      expectDead(() => p[0]);
      expectDead(() => p.length);
    });

    it('should reach private #fields from methods read through the proxy', () => {
      class Account {
        #balance = 0;
        deposit(n: number): this {
          this.#balance += n;
          return this;
        }
        get balance(): number {
          return this.#balance;
        }
        static isAccount(x: object): boolean {
          return #balance in x;
        }
      }
      const a = new Account();
      const p = proxy(a);
      expect(p.deposit(5)).to.equal(a);
      expect(p.balance).to.equal(5);
      expect(a.balance).to.equal(5);
      expect(Account.isAccount(p)).to.equal(false); // a brand check sees the proxy, not the referent
    });

    it('should throw ReferenceError for private-field methods of a dead referent', async () => {
      class Account {
        #balance = 1;
        get balance(): number {
          return this.#balance;
        }
      }
      const { p } = await deadProxy(() => new Account());
      expectDead(() => p.balance);
    });

    it('should proxy a non-registered symbol', () => {
      const s = Symbol('token');
      const p = proxy(s) as unknown as { description: string; toString(): string };
      expect(p.description).to.equal('token');
      expect(p.toString()).to.equal('Symbol(token)');
      expect(util.inspect(p)).to.match(/^<weakproxy at 0x[0-9a-f]+; to 'symbol' at 0x[0-9a-f]+>$/);
      expect(() => proxy(Symbol.for('registered'))).to.throw(
        TypeError,
        "cannot create weak reference to 'symbol' object",
      );
    });
  });
});
