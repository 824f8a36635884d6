/**
 * Port of CPython's Lib/test/test_weakref.py FinalizeTestCase.
 *
 * Translation rules:
 * - Python's keyword arguments (`finalize(a, add, 67, 43, z=89)`) have no JavaScript form: the port
 *   passes them positionally, or as an options object where the test is about keywords.
 * - `del a` followed by `_collect_if_necessary()` is `a = undefined; await gc.collect()`; work that
 *   touches `a` before it is dropped runs in a synchronous helper, so that no temporary keeps it.
 * - test_atexit runs a child `node` process (spec/fixtures/finalize-atexit.ts, compiled in `npm test`)
 *   and checks its stdout, stderr and exit code, as CPython's `script_helper.assert_python_ok` does.
 */
import { expect } from 'chai';
import * as util from 'node:util';
import { finalize, ref, gc, getweakrefcount, getweakrefs } from '../src';
import { assertCollected, assertNotCollected, captureUnraisable } from './support/lifetime';
import { lines, runFixture } from './support/fixture-process';

class A {}

describe('FinalizeTestCase', () => {
  it('test_finalize: call, detach and collection each run the function at most once', async () => {
    let res: number[] = [];
    const add = (x: number, y: number, z: number): number => {
      res.push(x + y + z);
      return x + y + z;
    };
    let a: A | undefined = new A();

    (() => {
      res = [];
      const f = finalize(a!, add, 67, 43, 89); // Python: z=89 as a keyword
      expect(f.alive).to.equal(true);
      const peeked = f.peek()!;
      expect(peeked[0]).to.equal(a);
      expect(peeked[1]).to.equal(add);
      expect(peeked[2]).to.deep.equal([67, 43, 89]);
      expect(f()).to.equal(199);
      expect(f()).to.equal(undefined);
      expect(f()).to.equal(undefined);
      expect(f.peek()).to.equal(undefined);
      expect(f.detach()).to.equal(undefined);
      expect(f.alive).to.equal(false);
      expect(res).to.deep.equal([199]);

      res = [];
      const g = finalize(a!, add, 67, 43, 89);
      const expected = [a, add, [67, 43, 89]];
      expect(g.peek()).to.deep.equal(expected);
      expect(g.detach()).to.deep.equal(expected);
      expect(g()).to.equal(undefined);
      expect(g()).to.equal(undefined);
      expect(g.peek()).to.equal(undefined);
      expect(g.detach()).to.equal(undefined);
      expect(g.alive).to.equal(false);
      expect(res).to.deep.equal([]);
      res = [];
    })();

    const f = finalize(a, add, 67, 43, 89); // Python: x=67, y=43, z=89 as keywords
    a = undefined;
    await gc.collect();
    expect(f()).to.equal(undefined);
    expect(f()).to.equal(undefined);
    expect(f.peek()).to.equal(undefined);
    expect(f.detach()).to.equal(undefined);
    expect(f.alive).to.equal(false);
    expect(res).to.deep.equal([199]);
  });

  it('test_arg_errors: arguments are passed through; obj and func are required and positional', () => {
    let res: unknown[] = [];
    const fin = (...args: unknown[]): void => void res.push(args);
    const a = new A();

    res = [];
    // Python: finalize(a, fin, 1, 2, func=3, obj=4): the keywords become an options object.
    const f = finalize(a, fin, 1, 2, { func: 3, obj: 4 });
    expect(f.peek()).to.deep.equal([a, fin, [1, 2, { func: 3, obj: 4 }]]);
    f();
    expect(res).to.deep.equal([[1, 2, { func: 3, obj: 4 }]]);
    const before = getweakrefcount(a);

    const untyped = finalize as unknown as (...args: unknown[]) => unknown;
    // Python: finalize(a, func=fin, arg=1): `func` cannot be given by keyword.
    expect(() => untyped(a, { func: fin, arg: 1 })).to.throw(TypeError, "'object' object is not callable");
    // Python: finalize(obj=a, func=fin, arg=1).
    expect(() => untyped({ obj: a, func: fin, arg: 1 })).to.throw(
      TypeError,
      "finalize.__init__() missing 1 required positional argument: 'func'",
    );
    expect(() => untyped(a)).to.throw(TypeError, "finalize.__init__() missing 1 required positional argument: 'func'");
    expect(() => untyped()).to.throw(
      TypeError,
      "finalize.__init__() missing 2 required positional arguments: 'obj' and 'func'",
    );
    // Nothing was registered by the failed calls.
    expect(getweakrefcount(a)).to.equal(before);
  });

  it('test_order: finalizers keep themselves alive and run newest first', async () => {
    let a: A | undefined = new A();
    const res: string[] = [];
    const append = (what: string): void => void res.push(what);

    let f1: finalize | undefined = finalize(a, append, 'f1');
    const f2 = finalize(a, append, 'f2');
    const f3 = finalize(a, append, 'f3');
    let f4: finalize | undefined = finalize(a, append, 'f4');
    const f5 = finalize(a, append, 'f5');

    // make sure finalizers can keep themselves alive
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropping the only references is the point
    f1 = f4 = undefined;
    await gc.collect();

    expect(f2.alive).to.equal(true);
    expect(f3.alive).to.equal(true);
    expect(f5.alive).to.equal(true);

    expect((() => f5.detach() !== undefined)()).to.equal(true);
    expect(f5.alive).to.equal(false);

    f5(); // nothing because previously unregistered
    res.push('A');
    f3(); // => res.push('f3')
    expect(f3.alive).to.equal(false);
    res.push('B');
    f3(); // nothing because previously called
    res.push('C');
    a = undefined;
    await gc.collect();
    // => res.push('f4')
    // => res.push('f2')
    // => res.push('f1')
    expect(f2.alive).to.equal(false);
    res.push('D');
    f2(); // nothing because previously called by gc

    const expected = ['A', 'f3', 'B', 'C', 'f4', 'f2', 'f1', 'D'];
    expect(res).to.deep.equal(expected);
  });

  it('test_all_freed: once run, neither the finalizer nor its function is kept', async () => {
    // we want a weakrefable subclass of weakref.finalize
    class MyFinalizer extends finalize {}

    let a: A | undefined = new A();
    const res: number[] = [];
    let callback: (() => void) | undefined = () => void res.push(123);
    let f: MyFinalizer | undefined = new MyFinalizer(a, callback);
    expect(f).to.be.instanceOf(MyFinalizer);
    expect(f).to.be.instanceOf(finalize);

    const wr_callback = ref(callback);
    const wr_f = ref(f);
    callback = f = undefined;
    // JavaScript only frees at a collection: collect, to show the finalizer keeps itself alive.
    await assertNotCollected(wr_callback);
    expect(wr_f()).not.to.equal(undefined);

    a = undefined;
    await assertCollected(wr_callback);
    expect(wr_f()).to.equal(undefined);
    expect(res).to.deep.equal([123]);
  });

  it('test_atexit: live atexit finalizers run at exit, newest first, errors reported, new ones too', async function () {
    this.timeout(60_000);
    const { code, stdout, stderr } = await runFixture('finalize-atexit');
    expect(code, stderr).to.equal(0);
    expect(lines(stdout)).to.deep.equal(['f4 foobar', 'f3 error', 'g1', 'f1 foobar']);
    expect(stderr).to.include('RangeError: division by zero');
  });
});

describe('JavaScript interop: finalize', () => {
  it('should work with and without new, and be a callable instance of finalize', () => {
    const a = new A();
    const f1 = finalize(a, () => 1);
    const f2 = new finalize(a, () => 2);
    for (const f of [f1, f2]) {
      expect(typeof f).to.equal('function');
      expect(f).to.be.instanceOf(finalize);
    }
    expect([f2(), f1()]).to.deep.equal([2, 1]);
  });

  it('should print like CPython, alive and dead, in String() and util.inspect', () => {
    const a = new A();
    const f = finalize(a, () => {});
    expect(String(f)).to.match(/^<finalize object at 0x[0-9a-f]+; for 'A' at 0x[0-9a-f]+>$/);
    expect(util.inspect(f)).to.equal(String(f));
    f.detach();
    expect(String(f)).to.match(/^<finalize object at 0x[0-9a-f]+; dead>$/);
    class MyFinalizer extends finalize {}
    const g = new MyFinalizer(a, () => {});
    expect(String(g)).to.match(/^<MyFinalizer object at 0x[0-9a-f]+; for 'A' at 0x[0-9a-f]+>$/);
    g.detach();
  });

  it('should count as one weak reference whose callback is the finalizer', () => {
    const a = new A();
    const f = finalize(a, () => {});
    expect(getweakrefcount(a)).to.equal(1);
    const [r] = getweakrefs(a) as Array<ref<A>>;
    expect(r).to.be.instanceOf(ref);
    expect(r.__callback__).to.equal(f);
    expect(r()).to.equal(a);
    f.detach();
  });

  it('should run interleaved newest first with the ref callbacks of the same object', async () => {
    const order: string[] = [];
    let a: A | undefined = new A();
    const r1 = ref(a, () => void order.push('r1'));
    finalize(a, () => void order.push('f1'));
    const r2 = ref(a, () => void order.push('r2'));
    finalize(a, () => void order.push('f2'));
    a = undefined;
    await gc.collect();
    expect(order).to.deep.equal(['f2', 'r2', 'f1', 'r1']);
    void [r1, r2];
  });

  it('should report an error thrown during collection to sys.unraisablehook, the finalizer as object', async () => {
    const order: string[] = [];
    const boom = new RangeError('boom');
    let f: finalize | undefined;
    const seen = await captureUnraisable(async () => {
      let a: A | undefined = new A();
      finalize(a, () => void order.push('older'));
      f = finalize(a, () => {
        order.push('failing');
        throw boom;
      });
      a = undefined;
      await gc.collect();
    });
    expect(order).to.deep.equal(['failing', 'older']);
    expect(seen).to.have.length(1);
    expect(seen[0].exc_value).to.equal(boom);
    expect(seen[0].object).to.equal(f);
  });

  it('should let atexit be written while alive, read false once dead, and ignore writes then', () => {
    const a = new A();
    const f = finalize(a, () => {});
    expect(f.atexit).to.equal(true);
    f.atexit = false;
    expect(f.atexit).to.equal(false);
    f.atexit = true;
    expect(f.atexit).to.equal(true);
    f();
    expect(f.atexit).to.equal(false);
    f.atexit = true;
    expect(f.atexit).to.equal(false);
    const g = finalize(a, () => {});
    g.detach();
    expect(g.atexit).to.equal(false);
  });

  it('should call func with this undefined and return its result once', () => {
    const a = new A();
    let seenThis: unknown = 'unset';
    const f = finalize(
      a,
      function (this: unknown, x: number) {
        seenThis = this;
        return x * 2;
      },
      21,
    );
    expect(f()).to.equal(42);
    expect(seenThis).to.equal(undefined);
    expect(f()).to.equal(undefined);
  });

  it('should hand out a copy of args from peek()', () => {
    const a = new A();
    const seen: unknown[] = [];
    const f = finalize(a, (...args: unknown[]) => void seen.push(args), 1, 2);
    f.peek()![2].push(3);
    f();
    expect(seen).to.deep.equal([[1, 2]]);
  });

  it('should throw the contract TypeError for an object that cannot be held weakly', () => {
    expect(() => finalize(42 as never, () => {})).to.throw(
      TypeError,
      "cannot create weak reference to 'number' object",
    );
    expect(() => finalize(Symbol.for('x') as never, () => {})).to.throw(
      TypeError,
      "cannot create weak reference to 'symbol' object",
    );
  });

  it('should run an overriding __call__ for f(), and for a collection', async () => {
    const log: string[] = [];
    class LoggingFinalizer extends finalize {
      override __call__(): unknown {
        log.push('__call__');
        return super.__call__();
      }
    }
    const a = new A();
    const f = new LoggingFinalizer(a, () => 'result');
    expect(f()).to.equal('result');
    let b: A | undefined = new A();
    new LoggingFinalizer(b, () => void log.push('ran'));
    b = undefined;
    await gc.collect();
    expect(log).to.deep.equal(['__call__', '__call__', 'ran']);
  });

  it('should reject methods called on something that is not a finalizer', () => {
    const detach = finalize.prototype.detach;
    expect(() => detach.call({} as never)).to.throw(TypeError, "requires a 'finalize' object");
  });

  it('should skip at exit what ran, was detached, opted out or was collected; process.exit() still runs the rest', async function () {
    this.timeout(60_000);
    const { code, stdout, stderr } = await runFixture('finalize-exit-rules');
    expect(code, stderr).to.equal(3);
    expect(lines(stdout)).to.deep.equal([
      'called before exit',
      'collected before exit',
      'exiting with 3',
      'newer live finalizer',
      'older live finalizer',
    ]);
    expect(stderr).to.equal('');
  });
});
