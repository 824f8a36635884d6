/**
 * A weak proxy's own behaviour in JavaScript: method identity and lifetime, the repr through
 * `util.inspect` and `console.log`, `ProxyType`/`CallableProxyType`/`ProxyTypes`, creation and
 * argument checks, and lifetime and callbacks (CONTRACT §3, §2, §4).
 */
import { expect } from 'chai';
import * as util from 'node:util';
import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { proxy, ref, gc, getweakrefcount, getweakrefs, ProxyType, CallableProxyType, ProxyTypes } from '../src';
import { deadProxy, expectDead, proxyToTemporary, Point } from './support/weak-proxy';
import './support/lifetime'; // registers the chai plugin of pyweakref/testing
import { PRIMITIVES } from './support/primitives';

describe('JavaScript interop', () => {
  describe('methods', () => {
    it('should return the same method each time while the referent lives', () => {
      const o = new Point(1, 1);
      const p = proxy(o);
      expect(p.norm1).to.equal(p.norm1);
      expect(p.norm1.name).to.equal('norm1');
      const other = new Point(5, 5);
      expect(p.norm1.call(other)).to.equal(10); // another `this` passes through
      expect(p.constructor).to.equal(Point); // constructors are not wrapped
    });

    it('should not keep the referent alive through a held method, and throw when it is called dead', async () => {
      let called = 0;
      const p = proxyToTemporary(
        () => new Point(1, 1),
        () => called++,
      );
      const m = p.norm1;
      expect(m.call(p)).to.equal(2);
      await gc.collect();
      expect(called).to.equal(1);
      expectDead(() => m.call(p));
    });

    it('should not keep the referent alive through the method cache', async () => {
      let o: Point | undefined = new Point(1, 1);
      const r = ref(o);
      const p = proxy(o);
      expect(p.norm1()).to.equal(2);
      o = undefined;
      await expect(r).to.be.collected;
      expectDead(() => p.norm1);
    });
  });

  describe('repr', () => {
    it("should print <weakproxy at 0x..; to 'C' at 0x..> with util.inspect and console.log", () => {
      const o = new Point(1, 2);
      const p = proxy(o);
      const expected = /^<weakproxy at 0x[0-9a-f]+; to 'Point' at 0x[0-9a-f]+>$/;
      expect(util.inspect(p)).to.match(expected);
      expect(util.format(p)).to.match(expected); // what console.log prints
      expect(util.format('%o', p)).to.include(util.inspect(p)); // showProxy: target shown as the repr
      expect(util.inspect({ p })).to.equal(`{ p: ${util.inspect(p)} }`);
      expect(util.inspect(proxy([1]))).to.match(/^<weakproxy at 0x[0-9a-f]+; to 'Array' at 0x[0-9a-f]+>$/);
      expect(util.inspect(proxy(function f() {}))).to.match(
        /^<weakproxy at 0x[0-9a-f]+; to 'Function' at 0x[0-9a-f]+>$/,
      );
      // Stable ids: the same proxy prints the same.
      expect(util.inspect(p)).to.equal(util.inspect(p));
    });

    it('should keep printing a mirrored (frozen and inspected) proxy', () => {
      const p = proxy(Object.freeze([1, 2]));
      expect(Object.isFrozen(p)).to.equal(true);
      expect(util.inspect(p)).to.match(/^<weakproxy at 0x[0-9a-f]+; to 'Array' at 0x[0-9a-f]+>$/);
      const q = proxy(Object.freeze({ a: 1 }));
      Object.isFrozen(q);
      expect(util.inspect(q)).to.match(/^<weakproxy at 0x[0-9a-f]+; to 'Object' at 0x[0-9a-f]+>$/);
      expect(Object.keys(q)).to.deep.equal(['a']);
      // The repr hook is now an own (non-enumerable) key of the target, which the invariants expose.
      expect(Reflect.ownKeys(q)).to.deep.equal(['a', util.inspect.custom]);
      expect(util.inspect.custom in q).to.equal(true);
      expect((q as Record<symbol, unknown>)[util.inspect.custom]).to.equal(undefined);
      expect({ ...q }).to.deep.equal({ a: 1 });
    });

    it('should print <weakproxy at 0x..; dead> and never throw once the referent is dead', async () => {
      const { p } = await deadProxy(() => new Point(1, 2));
      const { p: f } = await deadProxy(() => () => 1);
      const { p: a } = await deadProxy(() => [1]);
      for (const q of [p, f, a]) {
        expect(util.inspect(q)).to.match(/^<weakproxy at 0x[0-9a-f]+; dead>$/);
        expect(util.format(q)).to.match(/^<weakproxy at 0x[0-9a-f]+; dead>$/);
        expect(() => util.format('%o %O %j', q, q, { q: 1 })).not.to.throw();
      }
      // console.log itself, on a console that writes into a buffer.
      let written = '';
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          written += chunk.toString();
          done();
        },
      });
      new Console({ stdout: sink }).log(p, [f], { a });
      await new Promise((resolve) => setImmediate(resolve));
      expect(written).to.match(
        /^<weakproxy at 0x[0-9a-f]+; dead> \[ <weakproxy at 0x[0-9a-f]+; dead> \] \{ a: <weakproxy at 0x[0-9a-f]+; dead> \}\n$/,
      );
    });

    it("should make String(p) the referent's string (Python's str(p)), and throw when dead", async () => {
      const p = proxy({ toString: () => 'hello' });
      expect(String(p)).to.equal('hello');
      const { p: d } = await deadProxy(() => ({ toString: () => 'hello' }));
      expectDead(() => String(d));
    });
  });

  describe('types', () => {
    it('should make a proxy an instance of ProxyType, a callable one of CallableProxyType, alive or dead', async () => {
      const o = {};
      const f = (): void => {};
      expect(proxy(o) instanceof ProxyType).to.equal(true);
      expect(proxy(o) instanceof CallableProxyType).to.equal(false);
      expect(proxy(f) instanceof CallableProxyType).to.equal(true);
      expect(proxy(f) instanceof ProxyType).to.equal(false);
      expect(o instanceof ProxyType).to.equal(false);
      expect(new Proxy({}, {}) instanceof ProxyType).to.equal(false);
      expect(ref(o) instanceof CallableProxyType).to.equal(false);
      expect(ProxyTypes).to.deep.equal([ProxyType, CallableProxyType]);
      expect(Object.isFrozen(ProxyTypes)).to.equal(true);
      expect(ProxyTypes.some((T) => proxy(f) instanceof T)).to.equal(true);
      const { p: dead } = await deadProxy(() => ({}));
      expect(dead instanceof ProxyType).to.equal(true);
    });

    it('should refuse to construct ProxyType and CallableProxyType', () => {
      expect(() => new (ProxyType as any)()).to.throw(TypeError, "cannot create 'weakref.ProxyType' instances");
      expect(() => (ProxyType as any)()).to.throw(TypeError, "cannot create 'weakref.ProxyType' instances");
      expect(() => new (CallableProxyType as any)()).to.throw(
        TypeError,
        "cannot create 'weakref.CallableProxyType' instances",
      );
      expect(ProxyType.name).to.equal('ProxyType');
      expect(CallableProxyType.name).to.equal('CallableProxyType');
    });
  });

  describe('creation', () => {
    it('should work with and without new, sharing the basic proxy', () => {
      const o = {};
      expect(new proxy(o) === proxy(o)).to.equal(true);
      const cb = (): void => {};
      expect(proxy(o, cb) === proxy(o, cb)).to.equal(false);
      expect(proxy(o, cb) === proxy(o)).to.equal(false);
    });

    it('should validate its arguments with CPython messages', () => {
      for (const [bad, type] of PRIMITIVES) {
        expect(() => proxy(bad as never)).to.throw(TypeError, `cannot create weak reference to '${type}' object`);
      }
      expect(() => (proxy as any)()).to.throw(TypeError, 'proxy expected at least 1 argument, got 0');
      expect(() => (proxy as any)({}, undefined, 3)).to.throw(TypeError, 'proxy expected at most 2 arguments, got 3');
      expect(() => proxy({}, 3 as never)).to.throw(TypeError, "callback must be callable or undefined, not 'number'");
      expect(() => proxy({}, {} as never)).to.throw(TypeError);
    });
  });

  describe('lifetime and callbacks', () => {
    it('should not keep its referent alive', async () => {
      let o: object | undefined = { big: new Array(1000).fill(0) };
      const r = ref(o);
      const p = proxy(o);
      expect(Object.keys(p)).to.deep.equal(['big']);
      o = undefined;
      await expect(r).to.be.collected;
    });

    it('should not keep a frozen self-referencing referent alive after listing or describing it', async () => {
      let o: any = { name: 'cyclic' };
      o.self = o;
      Object.freeze(o);
      const r = ref(o);
      const p = proxy(o);
      expect(Object.keys(p)).to.deep.equal(['name', 'self']);
      expect(Object.getOwnPropertyDescriptor(p, 'self')!.value).to.equal(o);
      expect(JSON.stringify({ ...p, self: undefined })).to.equal('{"name":"cyclic"}');
      o = undefined;
      await expect(r).to.be.collected;
      expectDead(() => p.name);
    });

    it('should not keep an acyclic frozen referent alive after Object.isFrozen mirrored it', async () => {
      let o: object | undefined = Object.freeze({ a: { nested: 1 } });
      const r = ref(o);
      const p = proxy(o);
      expect(Object.isFrozen(p)).to.equal(true);
      o = undefined;
      await expect(r).to.be.collected;
      expectDead(() => Object.keys(p));
    });

    it('should run callbacks with the proxy, newest first together with refs, and skip dropped proxies', async () => {
      const calls: Array<[string, unknown]> = [];
      let o: object | undefined = {};
      const p1 = proxy(o, (x) => calls.push(['p1', x]));
      const r1 = ref(o, (x) => calls.push(['r1', x]));
      let dropped: object | undefined = proxy(o, (x) => calls.push(['dropped', x]));
      const p2 = proxy(o, (x) => calls.push(['p2', x]));
      expect(getweakrefcount(o)).to.equal(4);
      dropped = undefined;
      await gc.collect();
      expect(getweakrefcount(o)).to.equal(3);
      expect(getweakrefs(o)[0] === p2).to.equal(true);
      o = undefined;
      await gc.collect();
      expect(calls.map((c) => c[0])).to.deep.equal(['p2', 'r1', 'p1']);
      expect(calls[0][1] === p2 && calls[1][1] === r1 && calls[2][1] === p1).to.equal(true);
      expect(dropped).to.equal(undefined);
    });

    it('should see a dead proxy inside its own callback', async () => {
      let seen = '';
      proxyToTemporary(
        () => ({ a: 1 }),
        (p) => {
          seen = util.inspect(p);
          try {
            (p as { a: number }).a;
          } catch (err) {
            seen += ` ${(err as Error).name}`;
          }
        },
      );
      // That proxy was garbage too, so its callback never ran (CPython: a dead weakref's callback is skipped).
      await gc.collect();
      expect(seen).to.equal('');
      let o: object | undefined = { a: 1 };
      const keep = proxy(o, (p) => {
        seen = util.inspect(p);
        try {
          (p as { a: number }).a;
        } catch (err) {
          seen += ` ${(err as Error).name}`;
        }
      });
      o = undefined;
      await gc.collect();
      expect(seen).to.match(/^<weakproxy at 0x[0-9a-f]+; dead> ReferenceError$/);
      expect(keep instanceof ProxyType).to.equal(true);
    });

    it('should stay truthy once dead (JavaScript truthiness never consults a proxy)', async () => {
      const { p } = await deadProxy(() => ({}));
      expect(Boolean(p)).to.equal(true);
      expect(p == null).to.equal(false);
      expect(typeof p).to.equal('object');
    });
  });
});
