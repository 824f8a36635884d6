/**
 * `id(obj)`, Python's builtin: a port of Lib/test/test_builtin.py BuiltinTest.test_id, then the
 * JavaScript-only behaviour (what the reprs print, primitives, lifetime).
 */
import { expect } from 'chai';
import { id, ref, proxy, MethodType, finalize, gc } from '../src';
import { assertCollected } from './support/lifetime';
import { PRIMITIVES } from './support/primitives';

describe('BuiltinTest', () => {
  it('test_id: every object has one; JavaScript primitives have none (a TypeError)', () => {
    // Python's id(None), id(1), id(1.0), id('spam'): the primitives of JavaScript have no identity.
    for (const primitive of [undefined, 1, 1.0, 'spam']) {
      expect(() => id(primitive as never)).to.throw(TypeError, 'JavaScript primitives have no identity');
    }
    // id((0,1,2,3)), id([0,1,2,3]), id({'spam': 1, 'eggs': 2, 'ham': 3})
    for (const o of [Object.freeze([0, 1, 2, 3]), [0, 1, 2, 3], { spam: 1, eggs: 2, ham: 3 }]) {
      expect(id(o)).to.be.a('number').and.satisfy(Number.isSafeInteger);
    }
  });
});

describe('JavaScript interop: id', () => {
  it('should be stable for an object and distinct between live objects', () => {
    const a = {};
    const b = {};
    expect(id(a)).to.equal(id(a));
    expect(id(a)).not.to.equal(id(b));
    const ids = new Set(Array.from({ length: 100 }, () => id({})));
    expect(ids.size).to.equal(100);
  });

  it('should be the number the reprs print', () => {
    class C {
      m(): void {}
    }
    const o = new C();
    const hex = `0x${id(o).toString(16)}`;
    const r = ref(o);
    expect(String(r)).to.equal(`<weakref at 0x${id(r).toString(16)}; to 'C' at ${hex}>`);
    expect(String(MethodType(o.m, o))).to.equal(`<bound method C.m of <C object at ${hex}>>`);
    const f = finalize(o, () => undefined);
    expect(String(f)).to.equal(`<finalize object at 0x${id(f).toString(16)}; for 'C' at ${hex}>`);
    f.detach();
  });

  it('should give functions, non-registered symbols and proxies their own ids', () => {
    const fn = (): void => {};
    const o = {};
    const p = proxy(o);
    expect(id(fn)).to.be.a('number');
    expect(id(p)).not.to.equal(id(o));
    let symbolOk = true;
    try {
      new WeakRef(Symbol() as unknown as object);
    } catch {
      symbolOk = false;
    }
    if (symbolOk) expect(id(Symbol('s'))).to.be.a('number');
  });

  it('should refuse primitives with a TypeError that says why, and check its argument count', () => {
    for (const [value, type] of PRIMITIVES) {
      expect(() => id(value as never)).to.throw(
        TypeError,
        `id() argument must be an object, a function or a non-registered symbol, not '${type}' (JavaScript primitives have no identity)`,
      );
    }
    const call = id as unknown as (...args: unknown[]) => unknown;
    expect(() => call()).to.throw(TypeError, 'id() takes exactly one argument (0 given)');
    expect(() => call({}, {})).to.throw(TypeError, 'id() takes exactly one argument (2 given)');
  });

  it('should keep nothing alive', async () => {
    const r = ((): ref<object> => {
      const o = {};
      id(o);
      return ref(o);
    })();
    await gc.collect();
    await assertCollected(r);
  });
});
