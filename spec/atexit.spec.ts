/**
 * Port of CPython's Lib/test/test_atexit.py GeneralTest, whose test_general runs the tests of
 * Lib/test/_test_atexit.py (CPython 3.14) in a child process because they call `atexit._clear()`.
 * Here they run in the test process: each test sets the process's own exit functions aside
 * (`finalize`'s exit hook among them) and puts them back afterwards, which is what the child process
 * is for in CPython. What happens at a real exit is in atexit-exit.spec.ts.
 *
 * Translation rules:
 * - `support.catch_unraisable_exception()` is `captureUnraisable`; CPython 3.14 reports a failing
 *   atexit function with `object` None and `err_msg` `Exception ignored in atexit callback <repr>`.
 * - Python's `1 / 0` (ZeroDivisionError) is `1n / 0n`, which throws a RangeError.
 * - Python's `l.append` (a new bound method each time, equal to the others) is
 *   `MethodType(Array.prototype.push, l)`.
 */
import { expect } from 'chai';
import { atexit, MethodType, sys, type UnraisableHookArgs } from '../src';
import { restoreExitFunctions, takeExitFunctions } from '../src/internal/atexit';
import { captureUnraisable } from './support/lifetime';

const FUNCTION_REPR = /^<function \w+ at 0x[0-9a-f]+>$/;

/** The `err_msg` CPython 3.14 gives for a failing atexit function. */
function atexitErrMsg(args: UnraisableHookArgs): string {
  expect(args.err_msg).to.be.a('string');
  const prefix = 'Exception ignored in atexit callback ';
  expect(args.err_msg!.startsWith(prefix), args.err_msg).to.equal(true);
  return args.err_msg!.slice(prefix.length);
}

describe('GeneralTest', () => {
  let saved: unknown;

  // CPython's setUp and tearDown call atexit._clear(); the child process of test_general keeps that
  // from touching the test runner's own exit functions. Here: set them aside, and put them back.
  beforeEach(() => {
    saved = takeExitFunctions();
    atexit._clear();
  });
  afterEach(() => {
    atexit._clear();
    restoreExitFunctions(saved);
  });

  async function assertRaisesUnraisable(excType: Function, func: (...args: any[]) => unknown, ...args: unknown[]) {
    const seen = await captureUnraisable(() => {
      atexit.register(func, ...args);
      atexit._run_exitfuncs();
    });
    expect(seen).to.have.length(1);
    expect(seen[0].object).to.equal(undefined);
    expect(atexitErrMsg(seen[0])).to.match(FUNCTION_REPR).and.to.include(` ${func.name} `);
    expect(seen[0].exc_type).to.equal(excType);
    expect(seen[0].exc_value).to.be.instanceOf(excType);
  }

  it('test_general: the tests of _test_atexit.py leave the exit functions of the process as they were', () => {
    // CPython runs them in a child process; here beforeEach and afterEach set the process's own exit
    // functions aside and put them back. Check that doing so keeps what was registered.
    const mark = (): void => {};
    atexit.register(mark);
    const aside = takeExitFunctions();
    expect(atexit._ncallbacks()).to.equal(0);
    let ran = 0;
    atexit.register(() => void ran++);
    atexit._run_exitfuncs(); // what the ported tests do
    restoreExitFunctions(aside);
    expect(ran).to.equal(1);
    expect(atexit._ncallbacks()).to.equal(1);
    atexit.unregister(mark);
    expect(atexit._ncallbacks()).to.equal(0);
  });

  it('test_order: callbacks run newest first, with their arguments', () => {
    const calls: Array<[string, unknown[]]> = [];
    const func1 = (...args: unknown[]): void => void calls.push(['func1', args]);
    const func2 = (...args: unknown[]): void => void calls.push(['func2', args]);
    atexit.register(func1, 1, 2);
    atexit.register(func2);
    atexit.register(func2, 3, { key: 'value' }); // Python: key="value" as a keyword
    atexit._run_exitfuncs();
    expect(calls).to.deep.equal([
      ['func2', [3, { key: 'value' }]],
      ['func2', []],
      ['func1', [1, 2]],
    ]);
  });

  it('test_badargs: a function that cannot be called with its arguments is reported, as a TypeError', async () => {
    // Python: func() takes no parameter but gets two. A JavaScript function accepts any arguments;
    // what cannot be called like that is a class constructor called without `new`.
    class Func {}
    await assertRaisesUnraisable(TypeError, Func as unknown as () => void, 1, 2);
  });

  it('test_raise: an exception is reported through sys.unraisablehook', async () => {
    function raise_type_error(): never {
      throw new TypeError();
    }
    await assertRaisesUnraisable(TypeError, raise_type_error);
  });

  it('test_raise_unnormalized: an exception raised by the engine (division by zero) is reported', async () => {
    function div_zero(): bigint {
      return 1n / 0n;
    }
    await assertRaisesUnraisable(RangeError, div_zero);
  });

  it.skip('test_exit [n/a: JavaScript has no SystemExit exception; process.exit() in an exit function ends the process at once, documented in the porting guide]', () => {});

  it('test_stress: 128 registrations of one function run 128 times', () => {
    let a = 0;
    const inc = (): void => void a++;
    for (let i = 0; i < 128; i++) atexit.register(inc);
    atexit._run_exitfuncs();
    expect(a).to.equal(128);
  });

  it('test_clear: _clear() forgets what was registered', () => {
    let a = 0;
    const inc = (): void => void a++;
    atexit.register(inc);
    atexit._clear();
    atexit._run_exitfuncs();
    expect(a).to.equal(0);
  });

  it('test_unregister: unregister() removes every registration of a function', () => {
    let a = 0;
    const inc = (): void => void a++;
    const dec = (): void => void a--;
    for (let i = 0; i < 4; i++) atexit.register(inc);
    atexit.register(dec);
    atexit.unregister(inc);
    atexit._run_exitfuncs();
    expect(a).to.equal(-1);
  });

  it('test_bound_methods: a bound method runs, and an equal bound method unregisters it', () => {
    const l: number[] = [];
    atexit.register(MethodType(Array.prototype.push, l), 5);
    atexit._run_exitfuncs();
    expect(l).to.deep.equal([5]);

    atexit.unregister(MethodType(Array.prototype.push, l));
    atexit._run_exitfuncs();
    expect(l).to.deep.equal([5]);
  });

  it('test_atexit_with_unregistered_function: a function that unregisters itself and throws is reported', async () => {
    function func(): bigint {
      atexit.unregister(func);
      return 1n / 0n;
    }
    atexit.register(func);
    try {
      const seen = await captureUnraisable(() => atexit._run_exitfuncs());
      expect(seen).to.have.length(1);
      expect(seen[0].object).to.equal(undefined);
      expect(atexitErrMsg(seen[0])).to.match(/^<function func at 0x[0-9a-f]+>$/);
      expect(seen[0].exc_type).to.equal(RangeError);
      expect(seen[0].exc_value).to.be.instanceOf(RangeError);
    } finally {
      atexit.unregister(func);
    }
  });

  it('test_eq_unregister_clear: an __eq__ that unregisters or clears while unregister() runs breaks nothing', () => {
    // gh-112127: CPython crashed when the callback list changed under unregister().
    const f1 = (): void => {};
    const f2 = (): void => {};
    const cases: Array<[action: () => void, eq: boolean, left: number]> = [
      [() => atexit.unregister(f1), false, 1],
      [() => atexit.unregister(f1), true, 0],
      [() => atexit._clear(), false, 0],
      [() => atexit._clear(), true, 0],
    ];
    for (const [action, eq, left] of cases) {
      const evil = {
        __eq__(): boolean {
          action();
          return eq;
        },
      };
      atexit.register(f1);
      atexit.register(f2);
      expect(() => atexit.unregister(evil)).not.to.throw();
      expect(atexit._ncallbacks(), `${String(action)} ${eq}`).to.equal(left);
      atexit._clear();
    }
  });

  it('test_eq_unregister: an __eq__ that unregisters another function removes the right ones', () => {
    // gh-142881: the callback found equal is removed wherever the __eq__ left it.
    let log: number[] = [];
    const f1 = (): void => void log.push(1);
    const f2 = (): void => void log.push(2);
    const f3 = (): void => void log.push(3);
    for (const [what, expected] of [
      [f1, [3]],
      [f2, [3, 1]],
      [f3, [1]],
    ] as const) {
      for (let when = 1; when < 4; when++) {
        let cnt = 0;
        const pred = {
          __eq__(other: unknown): boolean {
            cnt += 1;
            if (cnt === when) atexit.unregister(what);
            return other === f2;
          },
        };
        log = [];
        for (const f of [f1, f2, f3]) atexit.register(f);
        atexit.unregister(pred);
        atexit._run_exitfuncs();
        expect(log, `what=${what === f1 ? 'f1' : what === f2 ? 'f2' : 'f3'}, when=${when}`).to.deep.equal(expected);
      }
    }
  });
});

describe('JavaScript interop: atexit', () => {
  let saved: unknown;
  beforeEach(() => {
    saved = takeExitFunctions();
  });
  afterEach(() => {
    atexit._clear();
    restoreExitFunctions(saved);
  });

  it('should return func from register, for the decorator-like form', () => {
    const goodbye = (..._args: unknown[]): void => {};
    expect(atexit.register(goodbye)).to.equal(goodbye);
    expect(atexit.register(goodbye, 1, 2)).to.equal(goodbye);
    expect(atexit._ncallbacks()).to.equal(2);
  });

  it("should refuse what Python refuses, with CPython's messages", () => {
    const api = atexit as unknown as Record<string, (...args: unknown[]) => unknown>;
    expect(() => api.register()).to.throw(TypeError, /^register\(\) takes at least 1 argument \(0 given\)$/);
    for (const bad of [1, 'f', null, undefined, {}, Symbol('s')]) {
      expect(() => api.register(bad), String(bad)).to.throw(TypeError, /^the first argument must be callable$/);
    }
    expect(() => api.unregister()).to.throw(
      TypeError,
      /^atexit\.unregister\(\) takes exactly one argument \(0 given\)$/,
    );
    expect(() => api.unregister(1, 2)).to.throw(
      TypeError,
      /^atexit\.unregister\(\) takes exactly one argument \(2 given\)$/,
    );
    for (const name of ['_run_exitfuncs', '_clear', '_ncallbacks']) {
      expect(() => api[name](1), name).to.throw(
        TypeError,
        new RegExp(`^atexit\\.${name}\\(\\) takes no arguments \\(1 given\\)$`),
      );
    }
    expect(atexit._ncallbacks()).to.equal(0);
    // Python accepts anything in unregister(): nothing to remove, no error.
    for (const v of [1, null, undefined, {}]) expect(() => atexit.unregister(v)).not.to.throw();
  });

  it("should unregister a bound method with another, equal MethodType (Python's ==), and a plain function by identity", () => {
    const l: number[] = [];
    const push = (n: number): void => void l.push(n);
    atexit.register(MethodType(Array.prototype.push, l), 1);
    atexit.register(push, 2);
    atexit.unregister(MethodType(Array.prototype.push, l));
    atexit.unregister((n: number): void => void l.push(n)); // the same source, another function
    atexit._run_exitfuncs();
    expect(l).to.deep.equal([2]);
  });

  it('should call with this undefined and pass the arguments given, not a later state of them', () => {
    const seen: unknown[] = [];
    const args = [1, 2];
    atexit.register(
      function (this: unknown, ...got: unknown[]) {
        seen.push(this, got);
      },
      ...args,
    );
    args.push(3);
    atexit._run_exitfuncs();
    expect(seen).to.deep.equal([undefined, [1, 2]]);
  });

  it('should not run a function registered by an exit function, and still run one it unregisters', () => {
    const log: string[] = [];
    const later = (): void => void log.push('later');
    const victim = (): void => void log.push('victim');
    atexit.register(victim);
    atexit.register(() => {
      log.push('first');
      atexit.register(later);
      atexit.unregister(victim); // CPython 3.14 runs a snapshot: victim still runs
    });
    atexit._run_exitfuncs();
    expect(log).to.deep.equal(['first', 'victim']);
    expect(atexit._ncallbacks()).to.equal(0);
  });

  it('should run each registration once when an exit function runs the exit functions itself', () => {
    const log: string[] = [];
    atexit.register(() => void log.push('older'));
    atexit.register(() => {
      log.push('runner');
      atexit._run_exitfuncs();
    });
    atexit._run_exitfuncs();
    expect(log).to.deep.equal(['runner', 'older']);
  });

  it('should report a rejection of an async exit function instead of leaving it unhandled', async () => {
    async function late(): Promise<void> {
      await Promise.resolve();
      throw new Error('async failure');
    }
    const seen = await captureUnraisable(async () => {
      atexit.register(late);
      atexit._run_exitfuncs();
      await new Promise((resolve) => setImmediate(resolve));
    });
    expect(seen).to.have.length(1);
    expect(atexitErrMsg(seen[0])).to.match(/^<function late at 0x[0-9a-f]+>$/);
    expect((seen[0].exc_value as Error).message).to.equal('async failure');
  });

  it('should print "Exception ignored in atexit callback <repr>:" and the stack with the default hook', () => {
    const written: string[] = [];
    const write = process.stderr.write;
    function broken(): never {
      throw new Error('exit failure');
    }
    atexit.register(broken);
    process.stderr.write = ((text: string) => written.push(text) > 0) as unknown as typeof process.stderr.write;
    try {
      expect(sys.unraisablehook).to.equal(sys.__unraisablehook__);
      atexit._run_exitfuncs();
    } finally {
      process.stderr.write = write;
    }
    const text = written.join('');
    expect(text).to.match(
      /^Exception ignored in atexit callback <function broken at 0x[0-9a-f]+>:\nError: exit failure\n {4}at broken /,
    );
  });
});

describe('JavaScript interop: sys.is_finalizing', () => {
  it('should be false while the program runs, and take no arguments', () => {
    expect(sys.is_finalizing()).to.equal(false);
    const call = sys.is_finalizing as (...args: unknown[]) => boolean;
    expect(() => call(1)).to.throw(TypeError, /^sys\.is_finalizing\(\) takes no arguments \(1 given\)$/);
  });
});
