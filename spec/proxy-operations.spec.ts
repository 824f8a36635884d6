/**
 * A weak proxy in every JavaScript operation, part 1: one test per Proxy trap, alive and dead
 * (CONTRACT §3). A dead proxy must throw the built-in
 * `ReferenceError('weakly-referenced object no longer exists')` from every forwarded operation.
 * Part 2 (referent kinds) is spec/proxy-referent-kinds.spec.ts; the proxy's own behaviour (methods,
 * repr, types, creation, lifetime and callbacks) is spec/proxy-interop.spec.ts.
 */
import { expect } from 'chai';
import { proxy } from '../src';
import { deadProxy, expectDead, Point } from './support/weak-proxy';

describe('JavaScript interop', () => {
  describe('proxy traps (plain object referent)', () => {
    it('should forward get, with methods run on the referent', () => {
      const o = new Point(3, -4);
      const p = proxy(o);
      expect(p.x).to.equal(3);
      expect(p.norm1()).to.equal(7);
      expect((p as any).missing).to.equal(undefined);
    });

    it('should throw ReferenceError from get once the referent is dead', async () => {
      const { p } = await deadProxy(() => new Point(1, 2));
      expectDead(() => p.x);
      expectDead(() => p.norm1);
      expectDead(() => (p as any).missing);
    });

    it('should forward set to the referent', () => {
      const o = new Point(1, 2);
      const p = proxy(o);
      p.x = 10;
      (p as any).z = 5;
      expect(o.x).to.equal(10);
      expect((o as any).z).to.equal(5);
      expect(Reflect.set(p, 'y', 7)).to.equal(true);
      expect(o.y).to.equal(7);
    });

    it('should throw ReferenceError from set once the referent is dead', async () => {
      const { p } = await deadProxy(() => new Point(1, 2));
      expectDead(() => {
        p.x = 3;
      });
      expectDead(() => Reflect.set(p, 'y', 1));
    });

    it('should forward has (in), own and inherited', () => {
      const o = new Point(1, 2);
      const p = proxy(o);
      expect('x' in p).to.equal(true);
      expect('norm1' in p).to.equal(true);
      expect('nope' in p).to.equal(false);
      expect(Reflect.has(p, 'toString')).to.equal(true);
    });

    it('should throw ReferenceError from has once the referent is dead', async () => {
      const { p } = await deadProxy(() => new Point(1, 2));
      expectDead(() => 'x' in p);
    });

    it('should forward deleteProperty', () => {
      const o: Record<string, number> = { a: 1, b: 2 };
      const p = proxy(o);
      expect(delete p.a).to.equal(true);
      expect(o).to.deep.equal({ b: 2 });
      expect(Reflect.deleteProperty(p, 'nope')).to.equal(true);
    });

    it('should throw ReferenceError from deleteProperty once the referent is dead', async () => {
      const { p } = await deadProxy<Record<string, number>>(() => ({ a: 1 }));
      expectDead(() => delete p.a);
    });

    it('should forward ownKeys: Object.keys, getOwnPropertyNames, Reflect.ownKeys, for-in, spread, JSON', () => {
      const s = Symbol('s');
      const o = { a: 1, b: [2], [s]: 3 };
      Object.defineProperty(o, 'hidden', { value: 4, enumerable: false });
      const p = proxy(o);
      expect(Object.keys(p)).to.deep.equal(['a', 'b']);
      expect(Object.getOwnPropertyNames(p)).to.deep.equal(['a', 'b', 'hidden']);
      expect(Reflect.ownKeys(p)).to.deep.equal(['a', 'b', 'hidden', s]);
      const forIn: string[] = [];
      for (const k in p) forIn.push(k);
      expect(forIn).to.deep.equal(['a', 'b']);
      expect({ ...p }).to.deep.equal({ a: 1, b: [2], [s]: 3 });
      expect(Object.entries(p)).to.deep.equal([
        ['a', 1],
        ['b', [2]],
      ]);
      expect(JSON.stringify(p)).to.equal('{"a":1,"b":[2]}');
      expect(Object.assign({}, p)).to.deep.equal({ a: 1, b: [2], [s]: 3 });
    });

    it('should throw ReferenceError from ownKeys once the referent is dead', async () => {
      const { p } = await deadProxy(() => ({ a: 1 }));
      expectDead(() => Object.keys(p));
      expectDead(() => Reflect.ownKeys(p));
      expectDead(() => ({ ...p }));
      expectDead(() => JSON.stringify(p));
      expectDead(() => {
        for (const k in p) void k;
      });
    });

    it('should forward getOwnPropertyDescriptor', () => {
      const o = { a: 1 };
      const p = proxy(o);
      expect(Object.getOwnPropertyDescriptor(p, 'a')).to.deep.equal({
        value: 1,
        writable: true,
        enumerable: true,
        configurable: true,
      });
      expect(Object.getOwnPropertyDescriptor(p, 'nope')).to.equal(undefined);
      expect(Object.prototype.hasOwnProperty.call(p, 'a')).to.equal(true);
      expect(Object.hasOwn(p, 'toString')).to.equal(false);
    });

    it('should throw ReferenceError from getOwnPropertyDescriptor once the referent is dead', async () => {
      const { p } = await deadProxy(() => ({ a: 1 }));
      expectDead(() => Object.getOwnPropertyDescriptor(p, 'a'));
      expectDead(() => Object.hasOwn(p, 'a'));
    });

    it('should forward defineProperty, including non-configurable properties defined through the proxy', () => {
      const o: Record<string, unknown> = {};
      const p = proxy(o);
      Object.defineProperty(p, 'a', { value: 1, writable: true, enumerable: true, configurable: true });
      expect(o.a).to.equal(1);
      Object.defineProperty(p, 'fixed', { value: 2, writable: false, enumerable: true, configurable: false });
      expect(Object.getOwnPropertyDescriptor(o, 'fixed')).to.deep.equal({
        value: 2,
        writable: false,
        enumerable: true,
        configurable: false,
      });
      // Defined non-configurable through the proxy: reported truthfully.
      expect(Object.getOwnPropertyDescriptor(p, 'fixed')).to.deep.equal({
        value: 2,
        writable: false,
        enumerable: true,
        configurable: false,
      });
      expect(p.fixed).to.equal(2);
      expect(() => Object.defineProperty(p, 'fixed', { value: 3 })).to.throw(TypeError);
      expect(Reflect.defineProperty(p, 'fixed', { value: 3 })).to.equal(false);
      Object.defineProperty(p, 'sealedSlot', { value: 1, writable: true, configurable: false });
      p.sealedSlot = 5;
      Object.defineProperty(o, 'sealedSlot', { writable: false }); // tightened on the referent directly
      expect(Object.getOwnPropertyDescriptor(p, 'sealedSlot')).to.deep.equal({
        value: 5,
        writable: false,
        enumerable: false,
        configurable: false,
      });
      expect(p.sealedSlot).to.equal(5);
    });

    it('should throw ReferenceError from defineProperty once the referent is dead', async () => {
      const { p } = await deadProxy(() => ({}));
      expectDead(() => Object.defineProperty(p, 'a', { value: 1 }));
    });

    it('should forward getPrototypeOf: instanceof and Object.getPrototypeOf see the referent class', () => {
      const o = new Point(1, 2);
      const p = proxy(o);
      expect(Object.getPrototypeOf(p)).to.equal(Point.prototype);
      expect(p instanceof Point).to.equal(true);
      expect(Point.prototype.isPrototypeOf(p)).to.equal(true);
      expect(p.constructor).to.equal(Point);
    });

    it('should throw ReferenceError from getPrototypeOf once the referent is dead', async () => {
      const { p } = await deadProxy(() => new Point(1, 2));
      expectDead(() => Object.getPrototypeOf(p));
      expectDead(() => p instanceof Point);
    });

    it('should forward setPrototypeOf', () => {
      const o = {};
      const p = proxy(o);
      const proto = { hello: () => 'hi' };
      Object.setPrototypeOf(p, proto);
      expect(Object.getPrototypeOf(o)).to.equal(proto);
      expect((p as any).hello()).to.equal('hi');
    });

    it('should throw ReferenceError from setPrototypeOf once the referent is dead', async () => {
      const { p } = await deadProxy(() => ({}));
      expectDead(() => Object.setPrototypeOf(p, null));
    });

    it('should forward isExtensible', () => {
      const o = {};
      const p = proxy(o);
      expect(Object.isExtensible(p)).to.equal(true);
      Object.preventExtensions(o);
      expect(Object.isExtensible(p)).to.equal(false);
    });

    it('should throw ReferenceError from isExtensible once the referent is dead', async () => {
      const { p } = await deadProxy(() => ({}));
      expectDead(() => Object.isExtensible(p));
      expectDead(() => Object.isFrozen(p));
    });

    it('should forward preventExtensions, seal and freeze to the referent', () => {
      const a: Record<string, number> = { x: 1 };
      const pa = proxy(a);
      expect(Object.preventExtensions(pa)).to.equal(pa);
      expect(Object.isExtensible(a)).to.equal(false);
      expect(Reflect.set(pa, 'y', 1)).to.equal(false);
      expect(Object.keys(pa)).to.deep.equal(['x']);

      const b: Record<string, number> = { x: 1 };
      const pb = proxy(b);
      Object.seal(pb);
      expect(Object.isSealed(b)).to.equal(true);
      expect(Object.isSealed(pb)).to.equal(true);

      const c = { x: { deep: true }, y: 2 };
      const pc = proxy(c);
      expect(Object.freeze(pc)).to.equal(pc);
      expect(Object.isFrozen(c)).to.equal(true);
      expect(Object.isFrozen(pc)).to.equal(true);
      expect(pc.x).to.equal(c.x);
      expect(Object.keys(pc)).to.deep.equal(['x', 'y']);
    });

    it('should throw ReferenceError from preventExtensions once the referent is dead', async () => {
      const { p } = await deadProxy(() => ({}));
      expectDead(() => Object.preventExtensions(p));
      expectDead(() => Object.freeze(p));
    });

    it('should forward apply to a callable referent', () => {
      const f = (a: number, b: number): number => a + b;
      const p = proxy(f);
      expect(p(2, 3)).to.equal(5);
      expect(Reflect.apply(p, undefined, [1, 1])).to.equal(2);
      expect(p.call(null, 4, 4)).to.equal(8);
      expect(p.apply(null, [1, 2])).to.equal(3);
      expect(p.bind(null, 10)(1)).to.equal(11);
    });

    it('should throw ReferenceError from apply once the referent is dead', async () => {
      const { p } = await deadProxy(() => (a: number) => a);
      expectDead(() => p(1));
      expectDead(() => Reflect.apply(p, undefined, [1]));
    });

    it('should forward construct to a class referent, new.target being the class', () => {
      let seenTarget: unknown;
      class K {
        constructor(public v: number) {
          seenTarget = new.target;
        }
      }
      const P = proxy(K);
      const k = new P(4);
      expect(k).to.be.instanceOf(K);
      expect(k.v).to.equal(4);
      expect(seenTarget).to.equal(K);
      expect(Reflect.construct(P, [5]).v).to.equal(5);
      class Sub extends P {}
      const s = new Sub(6);
      expect(s).to.be.instanceOf(K);
      expect(seenTarget).to.equal(Sub);
    });

    it('should throw ReferenceError from construct once the referent is dead', async () => {
      const { p: P } = await deadProxy(
        () =>
          class K {
            v = 1;
          },
      );
      expectDead(() => new P());
      expectDead(() => Reflect.construct(P, []));
    });
  });
});
