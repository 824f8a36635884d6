/**
 * Port of CPython's Lib/test/test_weakref.py WeakMethodTestCase.
 *
 * Translation rules:
 * - Python's bound method `o.some_method` is `MethodType(o.some_method, o)` (Python's
 *   `types.MethodType`; JavaScript's `o.some_method` is the shared function, without `__self__`), so
 *   `WeakMethod(o.some_method)` is `WeakMethod(MethodType(o.some_method, o))`: the faithful ports
 *   below. The two-argument form `new WeakMethod(o, 'some_method')`, which passes the two parts
 *   without building the bound method, runs the same CPython tests in the nested block
 *   "two-argument form".
 * - `del C.some_method` is `delete C.prototype.some_method`. A JavaScript method is one function shared
 *   by every instance through the class prototype: it stays alive while the class does, and dies only
 *   when it is deleted or replaced there. The "method dead" tests therefore build a fresh class per
 *   test (CPython's `_subclass()`), whose method can really die.
 * - `del x; gc.collect()` is `x = undefined; await gc.collect()`; work that touches a referent before
 *   it is dropped runs in a synchronous helper (`weakMethod` below), so that no temporary of the async
 *   test (a bound method holds its object and its function strongly) keeps it.
 *
 * JavaScript-only behaviour is in weak-method-interop.spec.ts.
 */
import { expect } from 'chai';
import { MethodType, WeakMethod, ReferenceType, ref, gc, getweakrefcount } from '../src';
import { PyObject, assertCollected } from './support/lifetime';

/** CPython's `Object` with its two methods. */
class PyObj extends PyObject {
  some_method(): number {
    return 4;
  }
  other_method(): number {
    return 5;
  }
}

/** CPython's `_subclass()`: a new class (and so a new `some_method` function) each call. */
function subclass(): typeof PyObj {
  return class C extends PyObj {
    override some_method(): number {
      return 6;
    }
  };
}

/** Python's `test.support.ALWAYS_EQ`. */
const ALWAYS_EQ = {
  __eq__: (): boolean => true,
  __ne__: (): boolean => false,
};

type Meth = 'some_method' | 'other_method';

/**
 * Python's `weakref.WeakMethod(o.name, callback)`, in a synchronous frame of its own: the bound
 * method it builds is a temporary that nothing keeps.
 */
function weakMethod(o: PyObj, name: Meth, callback?: (r: unknown) => void): WeakMethod<PyObj> {
  return WeakMethod(MethodType(o[name], o), callback);
}

describe('WeakMethodTestCase', () => {
  it('test_alive: calling it gives a new bound method of the object', () => {
    const o = new PyObj(1);
    const r = WeakMethod(MethodType(o.some_method, o));
    expect(r).to.be.instanceOf(ReferenceType);
    expect(r()).to.be.instanceOf(MethodType);
    expect(r()!.__self__).to.equal(o);
    expect(r()!.__func__).to.equal(MethodType(o.some_method, o).__func__);
    expect(r()!()).to.equal(4);
  });

  it('test_object_dead: dead once the object is collected', async () => {
    let o: PyObj | undefined = new PyObj(1);
    const r = weakMethod(o, 'some_method');
    o = undefined;
    await gc.collect();
    expect(r()).to.equal(undefined);
  });

  it('test_method_dead: dead once the method is deleted from the class and collected', async () => {
    const C = subclass();
    const o = new C(1);
    const r = weakMethod(o, 'some_method');
    delete (C.prototype as Partial<PyObj>).some_method;
    await gc.collect();
    expect(r()).to.equal(undefined);
  });

  it('test_callback_when_object_dead: the callback runs once, when the object dies first', async () => {
    // Test callback behaviour when object dies first.
    const C = subclass();
    const calls: unknown[] = [];
    const cb = (arg: unknown): void => void calls.push(arg);
    let o: PyObj | undefined = new C(1);
    const r = weakMethod(o, 'some_method', cb);
    o = undefined;
    await gc.collect();
    expect(calls).to.deep.equal([r]);
    // Callback is only called once.
    C.prototype.some_method = PyObj.prototype.some_method;
    await gc.collect();
    expect(calls).to.deep.equal([r]);
  });

  it('test_callback_when_method_dead: the callback runs once, when the method dies first', async () => {
    // Test callback behaviour when method dies first.
    const C = subclass();
    const calls: unknown[] = [];
    const cb = (arg: unknown): void => void calls.push(arg);
    let o: PyObj | undefined = new C(1);
    const r = weakMethod(o, 'some_method', cb);
    delete (C.prototype as Partial<PyObj>).some_method;
    await gc.collect();
    expect(calls).to.deep.equal([r]);
    // Callback is only called once.
    o = undefined;
    await gc.collect();
    expect(calls).to.deep.equal([r]);
  });

  it('test_no_cycles: a WeakMethod with a callback does not keep itself alive', async () => {
    // CPython checks that no reference cycle delays the WeakMethod's death under refcounting. The
    // JavaScript form: nothing of the library (weak lists, callbacks) keeps a dropped WeakMethod.
    const o = new PyObj(1);
    const cb = (): void => {};
    let r: WeakMethod<PyObj> | undefined = weakMethod(o, 'some_method', cb);
    const wr = ref(r);
    r = undefined;
    await assertCollected(wr);
    expect(getweakrefcount(o)).to.equal(0);
  });

  it('test_equality: equal objects and the same function; identity once dead', async () => {
    const _eq = (a: WeakMethod<any>, b: unknown): void => {
      expect(a.__eq__(b)).to.equal(true);
      expect(a.__ne__(b)).to.equal(false);
    };
    const _ne = (a: WeakMethod<any>, b: unknown): void => {
      expect(a.__ne__(b)).to.equal(true);
      expect(a.__eq__(b)).to.equal(false);
    };
    let x: PyObj | undefined = new PyObj(1);
    let y: PyObj | undefined = new PyObj(1);
    let z: PyObj | undefined = new PyObj(2);
    const refs = ((): WeakMethod<PyObj>[] => {
      const a = WeakMethod(MethodType(x!.some_method, x!));
      const b = WeakMethod(MethodType(y!.some_method, y!));
      const c = WeakMethod(MethodType(x!.other_method, x!));
      const d = WeakMethod(MethodType(y!.other_method, y!));
      // Objects equal, same method
      _eq(a, b);
      _eq(c, d);
      // Objects equal, different method
      _ne(a, c);
      _ne(a, d);
      _ne(b, c);
      _ne(b, d);
      // Objects unequal, same or different method
      const e = WeakMethod(MethodType(z!.some_method, z!));
      const f = WeakMethod(MethodType(z!.other_method, z!));
      _ne(a, e);
      _ne(a, f);
      _ne(b, e);
      _ne(b, f);
      // Compare with different types
      _ne(a, MethodType(x!.some_method, x!));
      _eq(a, ALWAYS_EQ);
      return [a, b, c, d, e, f];
    })();
    x = y = z = undefined;
    await gc.collect();
    // Dead WeakMethods compare by identity
    for (const q of refs) {
      for (const r of refs) {
        expect(q.__eq__(r)).to.equal(q === r);
        expect(q.__ne__(r)).to.equal(q !== r);
      }
    }
  });

  it('test_hashing: the hash of the object, kept after death; unhashed and dead is a TypeError', async () => {
    // Alive WeakMethods are hashable if the underlying object is hashable.
    let x: PyObj | undefined = new PyObj(1);
    let y: PyObj | undefined = new PyObj(1);
    const a = weakMethod(x, 'some_method');
    const b = weakMethod(y, 'some_method');
    const c = weakMethod(y, 'other_method');
    // Since WeakMethod objects are equal, the hashes should be equal.
    expect(a.__hash__()).to.equal(b.__hash__());
    const ha = a.__hash__();
    // Dead WeakMethods retain their old hash value
    x = y = undefined;
    await gc.collect();
    expect(a.__hash__()).to.equal(ha);
    expect(b.__hash__()).to.equal(ha);
    // If it wasn't hashed when alive, a dead WeakMethod cannot be hashed.
    expect(() => c.__hash__()).to.throw(TypeError, 'weak object has gone away');
  });

  describe('two-argument form: new WeakMethod(o, "some_method")', () => {
    it('test_alive: calling it gives a new bound method of the object', () => {
      const o = new PyObj(1);
      const r = new WeakMethod(o, 'some_method');
      expect(r).to.be.instanceOf(ReferenceType);
      expect(r()).to.be.instanceOf(MethodType);
      expect(r()!.__self__).to.equal(o);
      expect(r()!.__func__).to.equal(o.some_method);
      expect(r()!()).to.equal(4);
      // Python's bound methods are new objects on every attribute access; so are these.
      expect(r()).not.to.equal(r());
    });

    it('test_object_dead: dead once the object is collected', async () => {
      let o: PyObj | undefined = new PyObj(1);
      const r = new WeakMethod(o, 'some_method');
      o = undefined;
      await assertCollected(r);
    });

    it('test_method_dead: dead once the method is deleted from the class and collected', async () => {
      const C = subclass();
      const o = new C(1);
      const r = new WeakMethod(o, 'some_method');
      expect(r()!()).to.equal(6);
      delete (C.prototype as Partial<PyObj>).some_method;
      await assertCollected(r);
    });

    it('test_callback_when_object_dead: the callback runs once, when the object dies first', async () => {
      // Test callback behaviour when object dies first.
      const C = subclass();
      const calls: unknown[] = [];
      const cb = (arg: unknown): void => void calls.push(arg);
      let o: PyObj | undefined = new C(1);
      const r = new WeakMethod(o, 'some_method', cb);
      o = undefined;
      await gc.collect();
      expect(calls).to.have.length(1);
      expect(calls[0]).to.equal(r);
      // Callback is only called once.
      C.prototype.some_method = PyObj.prototype.some_method;
      await gc.collect();
      expect(calls).to.have.length(1);
    });

    it('test_callback_when_method_dead: the callback runs once, when the method dies first', async () => {
      // Test callback behaviour when method dies first.
      const C = subclass();
      const calls: unknown[] = [];
      const cb = (arg: unknown): void => void calls.push(arg);
      let o: PyObj | undefined = new C(1);
      const r = new WeakMethod(o, 'some_method', cb);
      delete (C.prototype as Partial<PyObj>).some_method;
      await gc.collect();
      expect(calls).to.have.length(1);
      expect(calls[0]).to.equal(r);
      // Callback is only called once.
      o = undefined;
      await gc.collect();
      expect(calls).to.have.length(1);
    });

    it('test_no_cycles: a WeakMethod with a callback does not keep itself alive', async () => {
      // CPython checks that no reference cycle delays the WeakMethod's death under refcounting. The
      // JavaScript form: nothing of the library (weak lists, callbacks) keeps a dropped WeakMethod.
      const o = new PyObj(1);
      const cb = (): void => {};
      let r: WeakMethod<PyObj> | undefined = new WeakMethod(o, 'some_method', cb);
      const wr = ref(r);
      r = undefined;
      await assertCollected(wr);
      expect(getweakrefcount(o)).to.equal(0);
    });

    it('test_equality: equal objects and the same function; identity once dead', async () => {
      const _eq = (a: WeakMethod<any>, b: unknown): void => {
        expect(a.__eq__(b)).to.equal(true);
        expect(a.__ne__(b)).to.equal(false);
      };
      const _ne = (a: WeakMethod<any>, b: unknown): void => {
        expect(a.__ne__(b)).to.equal(true);
        expect(a.__eq__(b)).to.equal(false);
      };
      let x: PyObj | undefined = new PyObj(1);
      let y: PyObj | undefined = new PyObj(1);
      let z: PyObj | undefined = new PyObj(2);
      const refs = ((): WeakMethod<PyObj>[] => {
        const a = new WeakMethod(x!, 'some_method');
        const b = new WeakMethod(y!, 'some_method');
        const c = new WeakMethod(x!, 'other_method');
        const d = new WeakMethod(y!, 'other_method');
        // Objects equal, same method
        _eq(a, b);
        _eq(c, d);
        // Objects equal, different method
        _ne(a, c);
        _ne(a, d);
        _ne(b, c);
        _ne(b, d);
        // Objects unequal, same or different method
        const e = new WeakMethod(z!, 'some_method');
        const f = new WeakMethod(z!, 'other_method');
        _ne(a, e);
        _ne(a, f);
        _ne(b, e);
        _ne(b, f);
        // Compare with different types
        _ne(a, x!.some_method);
        _eq(a, ALWAYS_EQ);
        return [a, b, c, d, e, f];
      })();
      x = y = z = undefined;
      await gc.collect();
      // Dead WeakMethods compare by identity
      for (const q of refs) {
        for (const r of refs) {
          expect(q.__eq__(r)).to.equal(q === r);
          expect(q.__ne__(r)).to.equal(q !== r);
        }
      }
    });

    it('test_hashing: the hash of the object, kept after death; unhashed and dead is a TypeError', async () => {
      // Alive WeakMethods are hashable if the underlying object is hashable.
      let x: PyObj | undefined = new PyObj(1);
      let y: PyObj | undefined = new PyObj(1);
      const a = new WeakMethod(x, 'some_method');
      const b = new WeakMethod(y, 'some_method');
      const c = new WeakMethod(y, 'other_method');
      // Since WeakMethod objects are equal, the hashes should be equal.
      expect(a.__hash__()).to.equal(b.__hash__());
      const ha = a.__hash__();
      // Dead WeakMethods retain their old hash value
      x = y = undefined;
      await gc.collect();
      expect(a.__hash__()).to.equal(ha);
      expect(b.__hash__()).to.equal(ha);
      // If it wasn't hashed when alive, a dead WeakMethod cannot be hashed.
      expect(() => c.__hash__()).to.throw(TypeError, 'weak object has gone away');
    });
  });
});
