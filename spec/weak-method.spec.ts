/**
 * Port of CPython's Lib/test/test_weakref.py WeakMethodTestCase.
 *
 * Translation rules:
 * - Python's `WeakMethod(o.some_method)` is `new WeakMethod(o, 'some_method')`: JavaScript has no
 *   bound-method objects carrying `__self__` and `__func__`, so the two parts are passed separately.
 * - `del C.some_method` is `delete C.prototype.some_method`. A JavaScript method is one function shared
 *   by every instance through the class prototype: it stays alive while the class does, and dies only
 *   when it is deleted or replaced there. The "method dead" tests therefore build a fresh class per
 *   test (CPython's `_subclass()`), whose method can really die.
 * - `del x; gc.collect()` is `x = undefined; await gc.collect()`; work that touches a referent before
 *   it is dropped runs in a synchronous helper, so that no temporary of the async test keeps it.
 */
import { expect } from 'chai';
import { WeakMethod, ReferenceType, ref, gc, getweakrefcount, getweakrefs } from '../src';
import { PyObject, assertCollected, captureUnraisable } from './support/lifetime';

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

describe('WeakMethodTestCase', () => {
  it('test_alive: calling it gives a new function bound to the object', () => {
    const o = new PyObj(1);
    const r = new WeakMethod(o, 'some_method');
    expect(r).to.be.instanceOf(ReferenceType);
    expect(r()).to.be.a('function');
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

describe('JavaScript interop: WeakMethod', () => {
  class Button {
    label = 'ok';
    click(suffix = ''): string {
      return this.label + suffix;
    }
  }

  it('should accept the method as a function or by name, string or symbol', () => {
    const sym = Symbol('press');
    const b = Object.assign(new Button(), { [sym]: Button.prototype.click });
    for (const method of [Button.prototype.click, 'click', sym] as const) {
      const wm = new WeakMethod(b, method as 'click');
      expect(wm()!('!')).to.equal('ok!');
    }
  });

  it('should throw TypeError for a method that is not a function, a primitive object, a bad callback', () => {
    const b = new Button();
    expect(() => new WeakMethod(b, 'label')).to.throw(
      TypeError,
      "should be a function or the name of a method of obj, not 'string'",
    );
    expect(() => new WeakMethod(b, 'missing')).to.throw(TypeError, "not 'undefined'");
    expect(() => new WeakMethod(b, 42 as never)).to.throw(TypeError, "not 'number'");
    expect(() => new WeakMethod(42 as never, 'click')).to.throw(
      TypeError,
      "cannot create weak reference to 'number' object",
    );
    expect(() => new WeakMethod(b, 'click', 42 as never)).to.throw(TypeError, 'callback must be callable');
    // Nothing was registered by the failed constructions.
    expect(getweakrefcount(b)).to.equal(0);
  });

  it('should count one reference on the object and one on the function', () => {
    const b = new Button();
    const fn = (): void => {};
    const wm = new WeakMethod(b, fn);
    expect(getweakrefcount(b)).to.equal(1);
    expect(getweakrefs(b)).to.deep.equal([wm]);
    expect(getweakrefcount(fn)).to.equal(1);
  });

  it('should die with a per-object function that is replaced, and call the callback once', async () => {
    const calls: unknown[] = [];
    const b = new Button() as Button & { handler?: () => string };
    b.handler = (() =>
      function handler(this: Button) {
        return this.label;
      })();
    const wm = new WeakMethod(b, 'handler', (r) => void calls.push(r));
    expect(wm()!()).to.equal('ok');
    b.handler = undefined;
    await expect(wm).to.be.collected;
    expect(calls).to.deep.equal([wm]);
  });

  it('should call the callback once when the object and the function die together', async () => {
    const calls: unknown[] = [];
    let b: (Button & { handler: () => string }) | undefined = Object.assign(new Button(), {
      handler: function handler(this: Button): string {
        return this.label;
      },
    });
    const wm = new WeakMethod(b, 'handler', (r) => void calls.push(r));
    b = undefined;
    await gc.collect();
    expect(calls).to.deep.equal([wm]);
  });

  it('should report a throwing callback to sys.unraisablehook with the callback as object', async () => {
    const boom = new Error('boom');
    const failing = (): never => {
      throw boom;
    };
    let wm: WeakMethod<Button> | undefined;
    const seen = await captureUnraisable(async () => {
      let b: Button | undefined = new Button();
      wm = new WeakMethod(b, 'click', failing);
      b = undefined;
      await gc.collect();
    });
    expect(seen).to.have.length(1);
    expect(seen[0].exc_value).to.equal(boom);
    expect(seen[0].object).to.equal(failing);
    expect(wm!()).to.equal(undefined);
  });

  it('should compare equal to a plain ref to an equal object (Python reflects ==)', () => {
    const o = new PyObj(1);
    const wm = new WeakMethod(o, 'some_method');
    expect(wm.__eq__(ref(o))).to.equal(true);
    expect(ref(o).__eq__(wm)).to.equal(true);
    expect(wm.__ne__(ref(o))).to.equal(false);
    expect(wm.__eq__(ref(new PyObj(2)))).to.equal(false);
  });

  it('should print as a weakref to the object', async () => {
    let b: Button | undefined = new Button();
    const wm = new WeakMethod(b, 'click');
    expect(String(wm)).to.match(/^<weakref at 0x[0-9a-f]+; to 'Button' at 0x[0-9a-f]+>$/);
    b = undefined;
    await gc.collect();
    expect(String(wm)).to.match(/^<weakref at 0x[0-9a-f]+; dead>$/);
  });

  it('should type the call as the bound method or undefined', () => {
    const b = new Button();
    const wm = new WeakMethod(b, Button.prototype.click);
    const bound = wm();
    if (bound !== undefined) {
      const s: string = bound('?');
      expect(s).to.equal('ok?');
      // @ts-expect-error the bound method keeps the parameter types of the function
      bound(42);
    }
  });
});
