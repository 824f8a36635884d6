/**
 * Bad-input matrix, part 1: `ref`, `KeyedRef`, `proxy` and the proxy types, `getweakrefcount`,
 * `getweakrefs`, `finalize`, `WeakMethod`, `KeyError`, `gc.collect`, and argument counts. Every
 * public function is called with every kind of wrong argument (CONTRACT §1, §10): the documented
 * TypeError with its message, or the documented harmless answer, and never an error from inside the
 * library. The containers are in bad-input-containers.spec.ts, wrong receivers (`this`) in
 * bad-input-receivers.spec.ts.
 */
import { expect } from 'chai';
import {
  atexit,
  CallableProxyType,
  finalize,
  gc,
  getweakrefcount,
  getweakrefs,
  id,
  KeyedRef,
  KeyError,
  MethodType,
  proxy,
  ProxyType,
  ref,
  sys,
  WeakKeyDictionary,
  WeakMethod,
  WeakSet as PyWeakSet,
  WeakValueDictionary,
} from '../../src';
import { BAD_VALUES, checkOutcome, expectNoFailures, ok, throws, weakref, type Outcome } from './support/bad-values';

class C {
  m(): number {
    return 1;
  }
}

const callbackRule = (v: unknown, type: string): Outcome =>
  v === undefined || v === null ? ok() : throws(TypeError, `callback must be callable or undefined, not '${type}'`);

interface Row {
  name: string;
  call: (v: any) => unknown;
  expect: (v: unknown, type: string) => Outcome;
}

const rows: Row[] = [
  { name: 'ref(obj)', call: (v) => ref(v), expect: (_v, t) => weakref(t) },
  { name: 'new ref(obj)', call: (v) => new ref(v), expect: (_v, t) => weakref(t) },
  { name: 'ref(o, callback)', call: (v) => ref(new C(), v), expect: callbackRule },
  {
    name: 'r(arg)',
    call: (v) => (ref(new C()) as unknown as (a: unknown) => unknown)(v),
    expect: () => throws(TypeError, 'weakref expected 0 arguments, got 1'),
  },
  { name: 'r.__eq__(other)', call: (v) => ref(new C()).__eq__(v), expect: () => ok((r) => expect(r).to.equal(false)) },
  { name: 'r.__ne__(other)', call: (v) => ref(new C()).__ne__(v), expect: () => ok((r) => expect(r).to.equal(true)) },
  { name: 'new KeyedRef(obj, null, key)', call: (v) => new KeyedRef(v, null, 1), expect: (_v, t) => weakref(t) },
  { name: 'new KeyedRef(o, callback, key)', call: (v) => new KeyedRef(new C(), v, 1), expect: callbackRule },
  {
    name: 'new KeyedRef(o, null, key)',
    call: (v) => new KeyedRef(new C(), null, v),
    expect: (v) => ok((r) => expect(Object.is((r as KeyedRef).key, v), 'key kept as given').to.equal(true)),
  },
  { name: 'proxy(obj)', call: (v) => proxy(v), expect: (_v, t) => weakref(t) },
  { name: 'new proxy(obj)', call: (v) => new proxy(v), expect: (_v, t) => weakref(t) },
  { name: 'proxy(o, callback)', call: (v) => proxy(new C(), v), expect: callbackRule },
  {
    name: 'ProxyType(x)',
    call: (v) => (ProxyType as unknown as (x: unknown) => unknown)(v),
    expect: () => throws(TypeError, "cannot create 'weakref.ProxyType' instances"),
  },
  {
    name: 'new CallableProxyType(x)',
    call: (v) => new (CallableProxyType as unknown as new (x: unknown) => unknown)(v),
    expect: () => throws(TypeError, "cannot create 'weakref.CallableProxyType' instances"),
  },
  {
    name: 'x instanceof ProxyType',
    call: (v) => v instanceof (ProxyType as unknown as Function),
    expect: () => ok((r) => expect(r).to.equal(false)),
  },
  {
    name: 'x instanceof CallableProxyType',
    call: (v) => v instanceof (CallableProxyType as unknown as Function),
    expect: () => ok((r) => expect(r).to.equal(false)),
  },
  { name: 'getweakrefcount(x)', call: (v) => getweakrefcount(v), expect: () => ok((r) => expect(r).to.equal(0)) },
  { name: 'getweakrefs(x)', call: (v) => getweakrefs(v), expect: () => ok((r) => expect(r).to.deep.equal([])) },
  { name: 'finalize(obj, func)', call: (v) => finalize(v, () => 1), expect: (_v, t) => weakref(t) },
  { name: 'new finalize(obj, func)', call: (v) => new finalize(v, () => 1), expect: (_v, t) => weakref(t) },
  {
    name: 'finalize(o, func)',
    call: (v) => finalize(new C(), v),
    expect: (_v, t) => throws(TypeError, `'${t}' object is not callable`),
  },
  {
    name: 'f.atexit = x (any value, stored as its truthiness)',
    call: (v) => {
      const f = finalize(new C(), () => 1);
      f.atexit = v as boolean;
      const got = f.atexit;
      f.detach();
      return got;
    },
    expect: (v) => ok((r) => expect(r).to.equal(Boolean(v))),
  },
  // atexit (CONTRACT §14): none of the bad values is callable, so nothing is ever registered here.
  {
    name: 'atexit.register(func)',
    call: (v) => atexit.register(v),
    expect: () => throws(TypeError, 'the first argument must be callable'),
  },
  {
    name: 'atexit.unregister(x)',
    call: (v) => atexit.unregister(v),
    expect: () => ok((r) => expect(r).to.equal(undefined)),
  },
  {
    name: 'sys.is_finalizing(x)',
    call: (v) => (sys.is_finalizing as (x: unknown) => boolean)(v),
    expect: () => throws(TypeError, 'sys.is_finalizing() takes no arguments (1 given)'),
  },
  { name: 'new WeakMethod(obj, "m")', call: (v) => new WeakMethod(v, 'm'), expect: (_v, t) => weakref(t) },
  {
    name: 'new WeakMethod(o, method)',
    call: (v) => new WeakMethod(new C(), v),
    // A string or symbol is a method name: none of these names a method of o, so `o[name]` is undefined.
    // `undefined` and `null` make it the one-argument form `WeakMethod(m, callback)`, and `o` is no
    // bound method (src/weak-method.ts, TSDoc of WeakMethod: how the two forms are told apart).
    expect: (v, t) =>
      v === undefined || v === null
        ? throws(TypeError, "argument should be a bound method, not <class 'C'>")
        : throws(
            TypeError,
            `WeakMethod() argument 'method' should be a function or the name of a method of obj, not '${typeof v === 'string' || typeof v === 'symbol' ? 'undefined' : t}'`,
          ),
  },
  {
    name: 'WeakMethod(m)',
    call: (v) => WeakMethod(v),
    expect: (v) =>
      throws(TypeError, `argument should be a bound method, not <class '${v === null ? 'null' : typeof v}'>`),
  },
  {
    name: 'WeakMethod({ __self__: x, __func__: f })',
    call: (v) => new WeakMethod({ __self__: v, __func__: C.prototype.m }),
    expect: (_v, t) => weakref(t),
  },
  {
    name: 'WeakMethod(m, callback)',
    call: (v) => WeakMethod(MethodType(C.prototype.m, new C()), v),
    // A string or symbol second argument is a method name (of the bound method itself, which has none).
    expect: (v, t) =>
      typeof v === 'string' || typeof v === 'symbol'
        ? throws(
            TypeError,
            "WeakMethod() argument 'method' should be a function or the name of a method of obj, not 'undefined'",
          )
        : callbackRule(v, t),
  },
  {
    name: 'MethodType(func, o)',
    call: (v) => MethodType(v, new C()),
    expect: () => throws(TypeError, 'first argument must be callable'),
  },
  {
    name: 'MethodType(f, obj) (a primitive is a valid __self__, as in Python)',
    call: (v) => MethodType(C.prototype.m, v),
    expect: (v) =>
      v === undefined || v === null
        ? throws(TypeError, 'instance must not be None')
        : ok((m) => expect(Object.is((m as MethodType).__self__, v)).to.equal(true)),
  },
  {
    name: 'm.__eq__(other)',
    call: (v) => MethodType(C.prototype.m, new C()).__eq__(v),
    expect: () => ok((r) => expect(r).to.equal(false)),
  },
  {
    name: 'id(x)',
    call: (v) => id(v),
    expect: (_v, t) =>
      throws(
        TypeError,
        `id() argument must be an object, a function or a non-registered symbol, not '${t}' (JavaScript primitives have no identity)`,
      ),
  },
  { name: 'new WeakMethod(o, "m", callback)', call: (v) => new WeakMethod(new C(), 'm', v), expect: callbackRule },
  {
    name: 'wm.__eq__(other)',
    call: (v) => new WeakMethod(new C(), 'm').__eq__(v),
    expect: () => ok((r) => expect(r).to.equal(false)),
  },
  {
    name: 'new KeyError(key)',
    call: (v) => new KeyError(v),
    expect: (v) => ok((r) => expect(Object.is((r as KeyError).key, v) && r instanceof Error).to.equal(true)),
  },
  {
    name: 'new KeyError(key).args',
    call: (v) => new KeyError(v).args,
    expect: (v) =>
      ok((r) =>
        expect(r)
          .to.have.length(1)
          .and.satisfy((a: unknown[]) => Object.is(a[0], v)),
      ),
  },
];

describe('Reliability: bad input, part 1 (references, proxies, finalize, WeakMethod)', () => {
  for (const row of rows) {
    it(`should handle every kind of wrong argument in ${row.name}`, () => {
      const failures: string[] = [];
      for (const [label, value, type] of BAD_VALUES) {
        const problem = checkOutcome(() => row.call(value), row.expect(value, type));
        if (problem !== undefined) failures.push(`${row.name} with ${label}: ${problem}`);
      }
      expectNoFailures(failures);
    });
  }

  it('should leave nothing registered after a failed creation (no weak list in use, no finalizer)', async () => {
    const o = new C();
    for (const [, value] of BAD_VALUES) {
      for (const attempt of [
        () => ref(o, value as never),
        () => proxy(o, value as never),
        () => new KeyedRef(o, value as never, 1),
        () => finalize(o, value as never),
        () => new WeakMethod(o, value as never),
        () => WeakMethod(MethodType(C.prototype.m, o), value as never),
        () => WeakMethod({ __self__: o, __func__: value as never }),
        () => new WeakMethod(o, 'm', value as never),
      ]) {
        try {
          attempt();
        } catch {
          // expected for most values
        }
      }
    }
    await gc.collect();
    expect(getweakrefcount(o), 'no reference object survived a failed creation').to.equal(0);
  });

  it("should refuse bad arguments to gc.collect() with CPython's errors (a rejection), and still collect", async () => {
    let o: C | undefined = new C();
    let called = 0;
    const r = ref(o, () => void called++);
    o = undefined;
    const collect = gc.collect as (...args: unknown[]) => Promise<number>;
    const bad: Array<[unknown[], Function]> = [
      [[42, 'x', null], TypeError],
      [[42], RangeError],
      [['x'], TypeError],
      [[null], TypeError],
      [[1.5], TypeError],
    ];
    for (const [args, type] of bad) {
      const outcome = await collect(...args).then(
        () => 'resolved',
        (e: unknown) => e,
      );
      expect(outcome, JSON.stringify(args)).to.be.an.instanceOf(type);
    }
    await gc.collect();
    expect([r(), called]).to.deep.equal([undefined, 1]);
  });
});

describe('Reliability: bad input, argument counts', () => {
  const o = new C();
  const at = (fn: () => unknown, outcome: Outcome) => ({ fn, outcome });
  const argCount = (msg: string): Outcome => throws(TypeError, msg);
  const cases: Record<string, { fn: () => unknown; outcome: Outcome }> = {
    'ref()': at(() => (ref as unknown as () => unknown)(), argCount('__new__ expected at least 1 argument, got 0')),
    'ref(o, cb, extra)': at(
      () => (ref as unknown as (...a: unknown[]) => unknown)(o, null, 3),
      argCount('__new__ expected at most 2 arguments, got 3'),
    ),
    'proxy()': at(() => (proxy as unknown as () => unknown)(), argCount('proxy expected at least 1 argument, got 0')),
    'proxy(o, cb, extra)': at(
      () => (proxy as unknown as (...a: unknown[]) => unknown)(o, null, 3),
      argCount('proxy expected at most 2 arguments, got 3'),
    ),
    'new KeyedRef(o)': at(
      () => new (KeyedRef as unknown as new (...a: unknown[]) => unknown)(o),
      argCount('KeyedRef.__new__() missing 2 required positional arguments'),
    ),
    'new KeyedRef(o, cb)': at(
      () => new (KeyedRef as unknown as new (...a: unknown[]) => unknown)(o, null),
      argCount('KeyedRef.__new__() missing 1 required positional argument'),
    ),
    'finalize()': at(
      () => (finalize as unknown as () => unknown)(),
      argCount("finalize.__init__() missing 2 required positional arguments: 'obj' and 'func'"),
    ),
    'finalize(o)': at(
      () => (finalize as unknown as (a: unknown) => unknown)(o),
      argCount("finalize.__init__() missing 1 required positional argument: 'func'"),
    ),
    'new WeakValueDictionary(a, b)': at(
      () => new (WeakValueDictionary as unknown as new (...a: unknown[]) => unknown)([], []),
      argCount('WeakValueDictionary expected at most 1 argument, got 2'),
    ),
    'new WeakKeyDictionary(a, b)': at(
      () => new (WeakKeyDictionary as unknown as new (...a: unknown[]) => unknown)([], []),
      argCount('WeakKeyDictionary expected at most 1 argument, got 2'),
    ),
    'new WeakSet(a, b)': at(
      () => new (PyWeakSet as unknown as new (...a: unknown[]) => unknown)([], []),
      argCount('WeakSet expected at most 1 argument, got 2'),
    ),
  };
  const dictMethods: Array<[name: string, counts: number[], message: (n: number) => string]> = [
    [
      'get',
      [0, 3],
      (n) => (n === 0 ? 'get expected at least 1 argument, got 0' : 'get expected at most 2 arguments, got 3'),
    ],
    ['set', [1, 3], (n) => `set expected 2 arguments, got ${n}`],
    ['has', [0, 2], (n) => `has expected 1 argument, got ${n}`],
    ['delete', [0, 2], (n) => `delete expected 1 argument, got ${n}`],
    [
      'pop',
      [0, 3],
      (n) => (n === 0 ? 'pop expected at least 1 argument, got 0' : 'pop expected at most 2 arguments, got 3'),
    ],
    [
      'setdefault',
      [0, 3],
      (n) =>
        n === 0 ? 'setdefault expected at least 1 argument, got 0' : 'setdefault expected at most 2 arguments, got 3',
    ],
    ['popitem', [1], (n) => `popitem() takes no arguments (${n} given)`],
    ['keys', [1], (n) => `keys() takes no arguments (${n} given)`],
    ['values', [1], (n) => `values() takes no arguments (${n} given)`],
    ['items', [1], (n) => `items() takes no arguments (${n} given)`],
    ['copy', [1], (n) => `copy() takes no arguments (${n} given)`],
    ['clear', [1], (n) => `clear() takes no arguments (${n} given)`],
    ['update', [2], (n) => `update expected at most 1 argument, got ${n}`],
    ['__getitem__', [0, 2], (n) => `__getitem__ expected 1 argument, got ${n}`],
    ['__setitem__', [1, 3], (n) => `__setitem__ expected 2 arguments, got ${n}`],
    ['__delitem__', [0, 2], (n) => `__delitem__ expected 1 argument, got ${n}`],
    ['__contains__', [0, 2], (n) => `__contains__ expected 1 argument, got ${n}`],
    ['__len__', [1], (n) => `__len__() takes no arguments (${n} given)`],
    ['__eq__', [0, 2], (n) => `__eq__ expected 1 argument, got ${n}`],
    ['__or__', [0, 2], (n) => `__or__ expected 1 argument, got ${n}`],
    ['__ror__', [0, 2], (n) => `__ror__ expected 1 argument, got ${n}`],
    ['__ior__', [0, 2], (n) => `__ior__ expected 1 argument, got ${n}`],
  ];
  for (const [Ctor, label] of [
    [WeakValueDictionary, 'WeakValueDictionary'],
    [WeakKeyDictionary, 'WeakKeyDictionary'],
  ] as const) {
    for (const [name, counts, message] of dictMethods) {
      for (const n of counts) {
        cases[`${label}.${name} with ${n} arguments`] = at(
          () => {
            const d = new (Ctor as unknown as new () => Record<string, (...a: unknown[]) => unknown>)();
            return d[name](...Array.from({ length: n }, () => new C()));
          },
          argCount(message(n)),
        );
      }
    }
  }

  it('should throw the documented TypeError for a wrong number of arguments, wherever it matters', () => {
    const failures: string[] = [];
    for (const [name, { fn, outcome }] of Object.entries(cases)) {
      const problem = checkOutcome(fn, outcome);
      if (problem !== undefined) failures.push(`${name}: ${problem}`);
    }
    expectNoFailures(failures);
  });
});
