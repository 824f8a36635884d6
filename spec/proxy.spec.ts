/**
 * Port of the proxy tests of CPython's Lib/test/test_weakref.py ReferencesTestCase (the `ref` tests of
 * the same class live in spec/references.spec.ts). Python's operators become what a JavaScript port
 * writes instead: the dunder method called through the proxy (docs/porting-guide.md#operators).
 */
import { expect } from 'chai';
import * as util from 'node:util';
import { proxy, ref, getweakrefcount, getweakrefs, gc, ProxyType, CallableProxyType } from '../src';
import { C, PyObject, assertCollected } from './support/lifetime';
import { checkGcDuringCreation } from './support/gc-fixtures';

const DEAD = 'weakly-referenced object no longer exists';

/** Whether `actual` holds exactly the objects of `expected`, by identity and in order (no trap runs). */
function sameObjects(actual: readonly unknown[], expected: readonly unknown[]): boolean {
  return actual.length === expected.length && actual.every((x, i) => x === expected[i]);
}

/** A repr of a list of references that never runs a proxy trap, for assertion messages. */
function reprs(list: readonly unknown[]): string {
  return util.inspect(list);
}

/** CPython's check_proxy: attribute addition, change and removal, both ways. */
function checkProxy(o: any, p: any): void {
  o.foo = 1;
  expect(p.foo, 'proxy does not reflect attribute addition').to.equal(1);
  o.foo = 2;
  expect(p.foo, 'proxy does not reflect attribute modification').to.equal(2);
  delete o.foo;
  expect('foo' in p, 'proxy does not reflect attribute removal').to.equal(false);

  p.foo = 1;
  expect(o.foo, 'object does not reflect attribute addition via proxy').to.equal(1);
  p.foo = 2;
  expect(o.foo, 'object does not reflect attribute modification via proxy').to.equal(2);
  delete p.foo;
  expect('foo' in o, 'object does not reflect attribute removal via proxy').to.equal(false);
}

/** A proxy whose referent only the proxy's WeakRef knows about (CPython: `weakref.proxy(C())`). */
function proxyToTemporary<T extends object>(make: () => T, callback?: (p: T) => unknown): T {
  return proxy(make(), callback) as unknown as T;
}

describe('ReferencesTestCase', () => {
  let cbcalled = 0;
  const callback = (): void => {
    cbcalled += 1;
  };
  beforeEach(() => {
    cbcalled = 0;
  });

  it('test_proxy_ref: proxies to a collected object throw ReferenceError and their callbacks ran', async () => {
    let o: any = new C();
    o.bar = 1;
    const ref1: any = proxy(o, callback);
    const ref2: any = proxy(o, callback);
    o = undefined;
    await gc.collect();

    const check = (p: any) => () => p.bar;
    expect(check(ref1)).to.throw(ReferenceError, DEAD);
    expect(check(ref2)).to.throw(ReferenceError, DEAD);
    const ref3: any = proxyToTemporary(() => new C());
    await gc.collect();
    // Python: bool(ref3) raises. JavaScript truthiness never consults a proxy (a dead proxy is still
    // truthy, see the porting notes), so the check uses an operation that does.
    expect(() => Object.keys(ref3)).to.throw(ReferenceError, DEAD);
    expect(cbcalled).to.equal(2);
  });

  it('test_ref_reuse: the basic ref is shared across an intervening proxy, and a dropped proxy stops counting', async () => {
    let o = new C();
    let ref1 = ref(o);
    // create a proxy to make sure that there's an intervening creation between these two; it
    // should make no difference
    let p: C | undefined = proxy(o);
    let ref2 = ref(o);
    expect(ref1 === ref2, 'reference object w/out callback should be re-used').to.equal(true);

    o = new C();
    p = proxy(o);
    ref1 = ref(o);
    ref2 = ref(o);
    expect(ref1 === ref2, 'reference object w/out callback should be re-used').to.equal(true);
    expect(getweakrefcount(o), 'wrong weak ref count for object').to.equal(2);
    p = undefined;
    await gc.collect();
    expect(getweakrefcount(o), 'wrong weak ref count for object after deleting proxy').to.equal(1);
    expect(p).to.equal(undefined);
  });

  it('test_proxy_reuse: the basic proxy is shared across an intervening ref', () => {
    const o = new C();
    const proxy1 = proxy(o);
    const r = ref(o);
    const proxy2 = proxy(o);
    expect(proxy1 === proxy2, 'proxy object w/out callback should have been re-used').to.equal(true);
    expect(r()).to.equal(o);
  });

  it('test_basic_proxy: attributes and list operations go through the proxy both ways', () => {
    const o = new C();
    checkProxy(o, proxy(o));

    // CPython uses a UserList; a JavaScript array is the same thing. Python's truthiness checks
    // (an empty list is false) have no JavaScript counterpart: every object is truthy.
    const L: number[] = [];
    const p = proxy(L);
    p.push(12);
    expect(L.length).to.equal(1);
    p.splice(0, p.length, 2, 3); // p[:] = [2, 3]
    expect(L.length).to.equal(2);
    expect(p.length).to.equal(2);
    expect(p.includes(3), "proxy didn't support __contains__() properly").to.equal(true);
    p[1] = 5;
    expect(L[1]).to.equal(5);
    expect(p[1]).to.equal(5);
    const L2 = [...L];
    const p2 = proxy(L2);
    expect([...p]).to.deep.equal([...p2]); // p == p2 compares the lists in Python
    const L3 = Array.from({ length: 10 }, (_, i) => i);
    const p3 = proxy(L3);
    expect(L3.slice()).to.deep.equal(p3.slice());
    expect(L3.slice(5)).to.deep.equal(p3.slice(5));
    expect(L3.slice(0, 5)).to.deep.equal(p3.slice(0, 5));
    expect(L3.slice(2, 5)).to.deep.equal(p3.slice(2, 5));
  });

  it("test_proxy_unicode: String(p) is the referent's string, and its members are visible through the proxy", () => {
    // Python's str(p) and bytes(p) call __str__ and __bytes__ on the referent; JavaScript's String(p)
    // and template literals call toString (or Symbol.toPrimitive) through the proxy.
    class Str {
      toString(): string {
        return 'string';
      }
      __bytes__(): Uint8Array {
        return new TextEncoder().encode('bytes');
      }
    }
    const instance = new Str();
    const p = proxy(instance);
    expect('__bytes__' in p).to.equal(true); // dir(p) lists it
    expect(new TextDecoder().decode(p.__bytes__())).to.equal('bytes');
    expect(String(p)).to.equal('string');
    expect(`${p}`).to.equal('string');
  });

  it('test_proxy_index: conversion to a number goes through the proxy', () => {
    // Python's operator.index(p) calls __index__; JavaScript's numeric conversion calls
    // Symbol.toPrimitive / valueOf, with `this` the referent.
    class Index {
      [Symbol.toPrimitive](): number {
        return 10;
      }
    }
    const o = new Index();
    const p = proxy(o);
    expect(Number(p)).to.equal(10);
    expect(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'][p as unknown as number]).to.equal('k');
  });

  it('test_proxy_div: // and //= on a proxy are __floordiv__ and __ifloordiv__ called through it', () => {
    class Div {
      __floordiv__(_other: number): number {
        return 42;
      }
      __ifloordiv__(_other: number): number {
        return 21;
      }
    }
    const o = new Div();
    let p: any = proxy(o);
    expect(p.__floordiv__(5)).to.equal(42);
    p = p.__ifloordiv__(5); // p //= 5 rebinds p, as in Python
    expect(p).to.equal(21);
  });

  it('test_proxy_matmul: @, reflected @ and @= are __matmul__, __rmatmul__, __imatmul__ called through the proxy', () => {
    class MatMul {
      __matmul__(_other: number): number {
        return 1729;
      }
      __rmatmul__(_other: number): number {
        return -163;
      }
      __imatmul__(_other: number): number {
        return 561;
      }
    }
    const o = new MatMul();
    let p: any = proxy(o);
    expect(p.__matmul__(5)).to.equal(1729);
    expect(p.__rmatmul__(5)).to.equal(-163);
    p = p.__imatmul__(5);
    expect(p).to.equal(561);
  });

  it('test_shared_proxy_without_callback: proxies without callback are shared, however "none" is spelled', () => {
    const o = new PyObject(1);
    let p1 = proxy(o, undefined);
    let p2 = proxy(o, undefined);
    expect(p1 === p2, 'both callbacks were None in the C API').to.equal(true);
    p1 = proxy(o);
    p2 = proxy(o, undefined);
    expect(p1 === p2, 'callbacks were NULL, None in the C API').to.equal(true);
    p1 = proxy(o);
    p2 = proxy(o);
    expect(p1 === p2, 'both callbacks were NULL in the C API').to.equal(true);
    p1 = proxy(o, null);
    p2 = proxy(o);
    expect(p1 === p2, 'callbacks were null, NULL').to.equal(true);
    expect(new proxy(o) === p1, 'new proxy(o) shares too').to.equal(true);
  });

  it('test_callable_proxy: a proxy to a callable is a CallableProxyType and forwards calls', () => {
    // CPython's Callable class; a callable JavaScript object is a function with properties.
    type Callable = ((x: unknown) => void) & { bar: unknown; foo?: unknown };
    const o = function callable(this: unknown, ...args: unknown[]): void {
      if (args.length !== 1)
        throw new TypeError(`callable() takes 1 positional argument but ${args.length} were given`);
      o.bar = args[0];
    } as Callable;
    o.bar = undefined;
    const ref1 = proxy(o);

    checkProxy(o, ref1);

    expect(ref1 instanceof CallableProxyType, 'proxy is not of callable type').to.equal(true);
    expect(ref1 instanceof ProxyType).to.equal(false);
    ref1('twinkies!');
    expect(o.bar, 'call through proxy not passed through to original').to.equal('twinkies!');
    // Python's ref1(x='Splat.'): JavaScript has no keyword arguments; the call still goes through.
    ref1('Splat.');
    expect(o.bar, 'call through proxy not passed through to original').to.equal('Splat.');

    // expect due to too few args
    expect(() => (ref1 as any)()).to.throw(TypeError);
    // expect due to too many args
    expect(() => (ref1 as any)(1, 2, 3)).to.throw(TypeError);
  });

  it('test_proxy_deletion: delete p[0] reaches the referent', () => {
    // Python's `del f[0]` calls Foo.__delitem__; JavaScript's `delete p[0]` deletes property 0.
    const g: Record<number, string> & { result?: unknown } = { 0: 'zero', 1: 'one' };
    const f = proxy(g);
    expect(delete f[0]).to.equal(true);
    expect(0 in g).to.equal(false);
    expect(f[1]).to.equal('one');
  });

  it('test_proxy_bool: Boolean(p) is Boolean(referent)', () => {
    // Python's bool(proxy(lyst)) == bool(lyst) for an empty list subclass (both False). In
    // JavaScript every object is truthy, so the proxy agrees with its referent trivially; what a
    // port writes for Python's emptiness test is p.length === 0.
    class List extends Array<number> {}
    const lyst = new List();
    const p = proxy(lyst);
    expect(Boolean(p)).to.equal(Boolean(lyst));
    expect(p.length === 0).to.equal(lyst.length === 0);
  });

  it('test_proxy_iter: an iterator method that drops the last reference to its object mid-call is safe', () => {
    let obj: MyObj | undefined;
    class MyObj {
      [Symbol.iterator](): Iterator<unknown> {
        obj = undefined;
        return 'NotImplemented' as never; // not an iterator object
      }
    }
    obj = new MyObj();
    const p = proxy(obj);
    // Python: "blech" in p calls MyObj.__iter__ through the proxy; JavaScript's membership test over
    // an iterable is a spread or a for-of, which must throw a TypeError, not crash.
    expect(() => [...(p as unknown as Iterable<unknown>)].includes('blech')).to.throw(TypeError);
  });

  it("test_proxy_next: a proxy to an iterator is iterated through the iterator's own next", () => {
    const arr = [4, 5, 6];
    function* iteratorFunc(): Generator<number> {
      yield* arr;
    }
    const it = iteratorFunc();
    class IteratesWeakly {
      [Symbol.iterator](): Iterator<number> {
        return proxy(it);
      }
    }
    const weakIt = new IteratesWeakly();
    // Calls proxy.next, which runs the generator's next with `this` the generator.
    expect(Array.from(weakIt)).to.deep.equal([4, 5, 6]);
  });

  it('test_proxy_bad_next: a proxy to a non-iterator used as an iterator throws TypeError', () => {
    const notAnIterator = (): number => 0;
    class A {
      [Symbol.iterator](): Iterator<unknown> {
        return proxy(notAnIterator) as unknown as Iterator<unknown>;
      }
    }
    const a = new A();
    expect(() => Array.from(a)).to.throw(TypeError);
  });

  it('test_proxy_reversed: reversed(p) is __reversed__ called through the proxy (toReversed for arrays)', () => {
    class MyObj {
      __len__(): number {
        return 3;
      }
      *__reversed__(): Generator<string> {
        yield* 'cba';
      }
    }
    const obj = new MyObj();
    expect([...proxy(obj).__reversed__()].join('')).to.equal('cba');
    expect(
      proxy([...'abc'])
        .toReversed()
        .join(''),
    ).to.equal('cba');
  });

  it("test_proxy_hash: a proxy is never its referent's stand-in as a key; keys go by the proxy's own identity", () => {
    // Python: hash(proxy) raises TypeError even when the referent is hashable, so a proxy can never
    // be a dict key standing for its referent. JavaScript has no hash(); Map and Set key objects by
    // identity, and a proxy is a different object from its referent.
    class MyObj {
      __hash__(): number {
        return 42;
      }
    }
    const obj = new MyObj();
    const p = proxy(obj);
    const m = new Map<unknown, string>([[p, 'proxy']]);
    expect(m.has(obj)).to.equal(false);
    expect(m.get(p)).to.equal('proxy');
    expect(new Set([obj, p]).size).to.equal(2);
    // Two proxies with callbacks are two keys too.
    expect(new Set([proxy(obj, () => {}), proxy(obj, () => {})]).size).to.equal(2);
  });

  it('test_getweakrefcount: proxies count with refs, and dropped ones stop counting', async () => {
    const o = new C();
    let ref1: unknown = ref(o);
    let ref2: unknown = ref(o, callback);
    expect(getweakrefcount(o), 'got wrong number of weak reference objects').to.equal(2);

    let proxy1: unknown = proxy(o);
    let proxy2: unknown = proxy(o, callback);
    expect(getweakrefcount(o), 'got wrong number of weak reference objects').to.equal(4);

    ref1 = ref2 = proxy1 = proxy2 = undefined;
    await gc.collect();
    expect(getweakrefcount(o), 'weak reference objects not unlinked from referent when discarded.').to.equal(0);

    // assumes ints do not support weakrefs
    expect(getweakrefcount(1), 'got wrong number of weak reference objects for int').to.equal(0);
    expect([ref1, ref2, proxy1, proxy2, cbcalled]).to.deep.equal([undefined, undefined, undefined, undefined, 0]);
  });

  it('test_getweakrefs: the basic ref, then the basic proxy, then the others newest first', async () => {
    const o = new C();
    const p1 = proxy(o, callback);
    const basicProxy = proxy(o);
    const r1 = ref(o, callback);
    const basicRef = ref(o);
    let p2: C | undefined = proxy(o, callback);
    const expected = [basicRef, basicProxy, p2, r1, p1];
    expect(sameObjects(getweakrefs(o), expected), reprs(getweakrefs(o))).to.equal(true);
    p2 = undefined;
    expected.splice(2, 1);
    await gc.collect();
    expect(sameObjects(getweakrefs(o), expected), reprs(getweakrefs(o))).to.equal(true);
    expect(getweakrefs(1)).to.deep.equal([]);
    expect(cbcalled).to.equal(0);
  });

  it('test_multiple_callbacks: proxy callbacks receive the proxy, newest first among the refs of the same referent', async () => {
    const order: string[] = [];
    const got: unknown[] = [];
    let o: C | undefined = new C();
    const p1 = proxy(o, (p) => {
      order.push('p1');
      got.push(p);
    });
    const r1 = ref(o, () => order.push('r1'));
    const p2 = proxy(o, (p) => {
      order.push('p2');
      got.push(p);
    });
    o = undefined;
    await assertCollected(r1);
    expect(order).to.deep.equal(['p2', 'r1', 'p1']);
    expect(sameObjects(got, [p2, p1]), reprs(got)).to.equal(true);
  });

  it('test_newstyle_number_ops: arithmetic on a proxy to a number object goes through valueOf', () => {
    // CPython proxies a float subclass; JavaScript proxies need an object, so the referent is a
    // Number object, and + converts the proxy through Number.prototype.valueOf (an internal-slot
    // method, run with `this` the referent).
    const f = new Number(2.0);
    const p = proxy(f) as unknown as number;
    expect(p + 1.0).to.equal(3.0);
    expect(1.0 + p).to.equal(3.0); // this used to SEGV
  });

  it('test_gc_during_proxy_creation: a collection right after proxy() frees the trash and its proxy', async () => {
    await checkGcDuringCreation((o) => proxy(o));
  });
});
