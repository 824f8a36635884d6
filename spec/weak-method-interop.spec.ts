/**
 * WeakMethod in JavaScript: what CPython's WeakMethodTestCase (weak-method.spec.ts) does not cover.
 * The two forms (`WeakMethod(m, callback?)` and `WeakMethod(obj, method, callback?)`) and how they are
 * told apart, calls with and without `new`, subclasses, duck-typed bound methods, counting, messages.
 */
import { expect } from 'chai';
import { MethodType, WeakMethod, ref, gc, getweakrefcount, getweakrefs } from '../src';
import { PyObject, captureUnraisable } from './support/lifetime';

/** CPython's `Object` with one method. */
class PyObj extends PyObject {
  some_method(): number {
    return 4;
  }
}

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

describe('JavaScript interop: the one-argument WeakMethod(m, callback?)', () => {
  class Button {
    label = 'ok';
    click(suffix = ''): string {
      return this.label + suffix;
    }
  }

  /** A WeakMethod of a fresh Button's click, made in a frame of its own (the Button is dropped). */
  function ofDroppedButton(callback?: (r: unknown) => void): WeakMethod<Button> {
    const b = new Button();
    return WeakMethod(MethodType(b.click, b), callback);
  }

  /** `getweakrefcount(wm().__self__)`, in a frame of its own (the bound method is dropped with it). */
  function countOnSelf(wm: WeakMethod<Button>): number {
    return getweakrefcount(wm()!.__self__);
  }

  it('should work with and without new, giving equal WeakMethods of the same kind', () => {
    const b = new Button();
    const m = MethodType(b.click, b);
    const plain = WeakMethod(m);
    const withNew = new WeakMethod(m);
    for (const wm of [plain, withNew]) {
      expect(wm).to.be.instanceOf(WeakMethod).and.instanceOf(ref);
      expect(typeof wm).to.equal('function');
      expect(wm()!('!')).to.equal('ok!');
    }
    expect(plain).not.to.equal(withNew);
    expect(plain.__eq__(withNew)).to.equal(true);
    expect(Object.getPrototypeOf(plain)).to.equal(WeakMethod.prototype);
    expect(WeakMethod.prototype.constructor).to.equal(WeakMethod);
  });

  it('should round-trip: what a live call returns is a MethodType that WeakMethod accepts again', () => {
    const b = new Button();
    const wm = WeakMethod(MethodType(b.click, b));
    const m = wm()!;
    expect(m).to.be.instanceOf(MethodType);
    expect(m.__eq__(MethodType(b.click, b))).to.equal(true);
    const again = WeakMethod(m);
    expect(again.__eq__(wm)).to.equal(true);
    expect(again()!.__self__).to.equal(b);
    // Python's `wm() is wm()` is False: a new bound method each call, all equal.
    expect(wm()).not.to.equal(wm());
    expect(wm()!.__eq__(wm())).to.equal(true);
  });

  it('should accept any value with __self__ and __func__ (Python reads the two attributes)', () => {
    const b = new Button();
    const duck = { __self__: b, __func__: Button.prototype.click };
    const wm = WeakMethod(duck);
    expect(wm()!('?')).to.equal('ok?');
    expect(wm()).to.be.instanceOf(MethodType);
    // Inherited attributes count too (Python's getattr), and so does a bind() made to look like one.
    const inherited = Object.create(duck) as typeof duck;
    expect(WeakMethod(inherited)()!.__self__).to.equal(b);
    const bound = Object.assign(b.click.bind(b), { __self__: b, __func__: b.click });
    expect(WeakMethod(bound)()!()).to.equal('ok');
  });

  it('should hold neither the bound method nor its parts: it dies with the object', async () => {
    const calls: unknown[] = [];
    const wm = ofDroppedButton((r) => void calls.push(r));
    expect(countOnSelf(wm)).to.equal(1);
    await gc.collect();
    expect(wm()).to.equal(undefined);
    expect(calls).to.deep.equal([wm]);
  });

  it('should die when the function of a bound method dies, even while the object lives', async () => {
    const b = new Button();
    const calls: unknown[] = [];
    const wm = ((): WeakMethod<Button> => {
      const perCall = function (this: Button): string {
        return this.label;
      };
      return WeakMethod(MethodType(perCall, b), (r) => void calls.push(r));
    })();
    await gc.collect();
    expect(wm()).to.equal(undefined);
    expect(calls).to.deep.equal([wm]);
    // As in Python, the WeakMethod is still a live reference to the object: only its call answers None.
    expect(getweakrefs(b)).to.deep.equal([wm]);
  });

  it('should tell the two forms apart by their arguments, as the TSDoc of WeakMethod documents', () => {
    const b = new Button();
    const m = MethodType(b.click, b);
    const cb = (): void => {};
    // (bound method, function): the function is the callback.
    const one = WeakMethod(m, cb);
    expect(one()!.__self__).to.equal(b);
    expect(one.__callback__).to.be.a('function');
    // (bound method, name): a string or symbol is always a method name, here of the bound method itself.
    const byName = WeakMethod(m, 'call');
    expect(byName()!.__self__).to.equal(m);
    expect(byName()!.__func__).to.equal(Function.prototype.call);
    // (object, function) and (object, function, callback): the two parts.
    expect(WeakMethod(b, Button.prototype.click)()!('.')).to.equal('ok.');
    expect(WeakMethod(b, Button.prototype.click, cb)()!.__self__).to.equal(b);
    // (bound method, function, callback) would be ambiguous: refused.
    expect(() => WeakMethod(m as never, cb, cb)).to.throw(
      TypeError,
      'WeakMethod(method, callback) takes at most 2 arguments when the first is a bound method, got 3',
    );
    // A bound method whose object is itself a function is still a bound method.
    const onFunction = MethodType(function (this: () => void): string {
      return typeof this;
    }, cb);
    const wm = WeakMethod(onFunction, cb);
    expect(wm()!.__self__).to.equal(cb);
    expect(wm()!()).to.equal('function');
    // To weakly reference a method *of* a bound method, bind it first.
    const ofMethod = WeakMethod(MethodType(Button.prototype.click, m as never));
    expect(ofMethod()!.__self__).to.equal(m);
  });

  it("should throw CPython's TypeError for a first argument that is no bound method", () => {
    const cases: Array<[unknown, string]> = [
      [new Button(), 'Button'],
      [{}, 'Object'],
      [() => 1, 'function'],
      [ref(new Button()), 'ref'],
      [42, 'number'],
      [undefined, 'undefined'],
      [null, 'null'],
    ];
    for (const [value, type] of cases) {
      expect(() => WeakMethod(value as never), String(type)).to.throw(
        TypeError,
        `argument should be a bound method, not <class '${type}'>`,
      );
      expect(() => new WeakMethod(value as never, undefined), String(type)).to.throw(
        TypeError,
        `not <class '${type}'>`,
      );
    }
    expect(() => (WeakMethod as unknown as () => unknown)()).to.throw(
      TypeError,
      "WeakMethod.__new__() missing 1 required positional argument: 'meth'",
    );
    expect(() => (WeakMethod as unknown as (...a: unknown[]) => unknown)(1, 2, 3, 4)).to.throw(
      TypeError,
      '__new__ expected at most 3 arguments, got 4',
    );
    // The parts of a duck-typed bound method must be weakly referenceable, and __func__ callable.
    expect(() => WeakMethod({ __self__: 5 as never, __func__: Button.prototype.click })).to.throw(
      TypeError,
      "cannot create weak reference to 'number' object",
    );
    expect(() => WeakMethod({ __self__: new Button(), __func__: {} as never })).to.throw(
      TypeError,
      "WeakMethod() argument's __func__ should be a function, not 'object'",
    );
  });

  it("should support Django's check: hasattr(receiver, '__self__') and hasattr(receiver, '__func__')", () => {
    const b = new Button();
    const isBound = (receiver: object): boolean => '__self__' in receiver && '__func__' in receiver;
    expect(isBound(MethodType(b.click, b))).to.equal(true);
    expect(isBound(WeakMethod(MethodType(b.click, b))()!)).to.equal(true);
    expect(isBound(b.click)).to.equal(false);
    expect(isBound(b.click.bind(b))).to.equal(false);
  });

  it('should be subclassable, with and without its own constructor', () => {
    const b = new Button();
    class Tagged extends WeakMethod<Button> {
      tag = 'first';
    }
    class Named extends WeakMethod<Button> {
      constructor(
        m: MethodType<Button>,
        readonly name2: string,
      ) {
        super(m);
      }
    }
    const t = new Tagged(MethodType(b.click, b));
    const n = new Named(MethodType(b.click, b), 'n');
    expect(t).to.be.instanceOf(Tagged).and.instanceOf(WeakMethod).and.instanceOf(ref);
    expect(t.tag).to.equal('first');
    expect(n.name2).to.equal('n');
    expect(n()!('?')).to.equal('ok?');
    expect(t.__eq__(n)).to.equal(true);
  });

  it('should type the call as the bound method of the given function', () => {
    const b = new Button();
    const wm = WeakMethod(MethodType(Button.prototype.click, b));
    const bound = wm();
    if (bound !== undefined) {
      const s: string = bound('?');
      expect(s).to.equal('ok?');
      const self: Button = bound.__self__;
      expect(self).to.equal(b);
      // @ts-expect-error the bound method keeps the parameter types of the function
      bound(42);
    }
  });
});
