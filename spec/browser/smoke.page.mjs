// The browser smoke suite: runs inside a Chromium page, on the browser build (dist/browser/), and is
// driven by scripts/browser-smoke.mjs. Plain JavaScript on purpose: the page loads it as it is.
//
// `run(weakref, options)` returns one result per test: { name, status: 'passed'|'failed'|'skipped',
// detail }. A test whose API the build does not export yet is skipped with a message saying so, so
// the suite follows the package as features land and fails once they are exported and broken.
//
// Lifetimes: a referent is created inside a helper function, so that the only strong reference is
// a local of that helper; after the helper returns, nothing but the library's weak structures points
// at it. (A `const` of an async function may stay alive across an `await`: never hold a referent in
// one of those.)

/** CONTRACT §1: the only names the root may export. */
export const CONTRACT_NAMES = [
  'ref',
  'ReferenceType',
  'proxy',
  'ProxyType',
  'CallableProxyType',
  'ProxyTypes',
  'getweakrefcount',
  'getweakrefs',
  'WeakKeyDictionary',
  'WeakValueDictionary',
  'WeakSet',
  'WeakMethod',
  'finalize',
  'KeyedRef',
  'KeyError',
  'MethodType',
  'id',
  'gc',
  'sys',
  'atexit',
];

class AssertionError extends Error {}

function check(cond, message) {
  if (!cond) throw new AssertionError(message);
}

function eq(actual, expected, what) {
  check(Object.is(actual, expected), `${what}: expected ${show(expected)}, got ${show(actual)}`);
}

function show(v) {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : String(v);
  } catch {
    return '<unprintable>';
  }
}

async function rejects(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new AssertionError('expected the promise to reject, it resolved');
}

function throws(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new AssertionError('expected a throw, got none');
}

class Obj {
  constructor(name) {
    this.name = name;
  }
  method() {
    return this.name;
  }
}

/** Yields to the event loop (a macrotask), so the engine may run its own collections and cleanups. */
const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Allocates until `done()` or `ms` have passed, yielding between rounds: how a page's own allocations
 * lead V8 to collect, without anyone calling gc(). Garbage that dies young is not enough: scavenges
 * of the young generation never clear a WeakRef to an old object, so each round keeps a few MB alive
 * for a while (they get promoted, the old generation grows) and then drops them, which makes V8 run
 * full mark-compact collections, the ones that clear WeakRefs and schedule their cleanup.
 */
async function churnUntil(done, ms) {
  const end = performance.now() + ms;
  const held = [];
  while (!done() && performance.now() < end) {
    const chunk = [];
    for (let i = 0; i < 20000; i++) chunk.push({ i, pad: [i, i, i, i] });
    held.push(chunk);
    if (held.length > 40) held.splice(0, 20);
    await tick(1);
  }
  held.length = 0;
  return done();
}

/** The tests. `needs` lists the exports a test uses; `mode` limits it to one launch ('gc' or 'nogc'). */
function tests(w, options) {
  const list = [];
  const test = (name, needs, body, mode) => list.push({ name, needs, body, mode });

  test('exports: only CONTRACT §1 names, ReferenceType is ref', ['ref'], () => {
    const extra = Object.keys(w).filter((k) => !CONTRACT_NAMES.includes(k));
    eq(extra.join(','), '', 'names outside the contract');
    if ('ReferenceType' in w) eq(w.ReferenceType, w.ref, 'ReferenceType');
    const missing = CONTRACT_NAMES.filter((k) => !(k in w));
    return missing.length ? `not exported yet: ${missing.join(', ')}` : 'all contract names exported';
  });

  test(
    'ref: callable, shared without callback, repr, TypeError for primitives',
    ['ref', 'getweakrefcount', 'getweakrefs'],
    () => {
      const o = new Obj('a');
      const r = w.ref(o);
      eq(typeof r, 'function', 'typeof r');
      check(r instanceof w.ref, 'r instanceof ref');
      eq(r(), o, 'r()');
      eq(w.ref(o), r, 'ref(o) === ref(o)');
      eq(new w.ref(o), r, 'new ref(o) === ref(o)');
      const r2 = w.ref(o, () => {});
      check(r2 !== r, 'a ref with a callback is new');
      eq(w.getweakrefcount(o), 2, 'getweakrefcount');
      eq(w.getweakrefs(o)[0], r, 'getweakrefs()[0] is the basic ref');
      check(/^<weakref at 0x[0-9a-f]+; to 'Obj' at 0x[0-9a-f]+>$/.test(String(r)), `String(r) = ${String(r)}`);
      const e = throws(() => w.ref(42));
      check(e instanceof TypeError, 'TypeError');
      eq(e.message, "cannot create weak reference to 'number' object", 'message');
      eq(w.getweakrefcount(42), 0, 'getweakrefcount(42)');
    },
  );

  test('KeyedRef and KeyError', ['KeyedRef', 'KeyError'], () => {
    const o = {};
    const kr = new w.KeyedRef(o, null, 'k');
    eq(kr.key, 'k', 'kr.key');
    eq(kr(), o, 'kr()');
    check(kr instanceof w.ref, 'KeyedRef is a ref');
    const e = new w.KeyError('k');
    check(e instanceof Error && e.name === 'KeyError' && e.key === 'k', 'KeyError shape');
  });

  test(
    'gc.collect(): clears refs, runs callbacks newest first with the ref, resolves to the count',
    ['ref', 'gc'],
    async () => {
      const calls = [];
      const make = () => {
        const o = new Obj('x');
        return [w.ref(o), w.ref(o, (r) => calls.push(['first', r])), w.ref(o, (r) => calls.push(['second', r]))];
      };
      const [r0, r1, r2] = make();
      const n = await w.gc.collect();
      eq(r0(), undefined, 'basic ref after collect');
      eq(r1(), undefined, 'ref with callback after collect');
      eq(calls.length, 2, 'callbacks run');
      eq(calls[0][0], 'second', 'newest first');
      eq(calls[0][1], r2, 'callback receives its own ref');
      check(n >= 3, `collect() resolved to ${n}, expected >= 3`);
      check(String(r0).endsWith('; dead>'), `String(dead ref) = ${String(r0)}`);
    },
    'gc',
  );

  test(
    'sys.unraisablehook: a throwing callback is reported, the others still run',
    ['ref', 'gc', 'sys'],
    async () => {
      const seen = [];
      let ran = false;
      const boom = () => {
        throw new Error('boom');
      };
      const make = () => {
        const o = {};
        return [
          w.ref(o, () => {
            ran = true;
          }),
          w.ref(o, boom),
        ];
      };
      const refs = make();
      const saved = w.sys.unraisablehook;
      w.sys.unraisablehook = (args) => seen.push(args);
      try {
        await w.gc.collect();
      } finally {
        w.sys.unraisablehook = saved;
      }
      eq(seen.length, 1, 'hook calls');
      eq(seen[0].exc_value.message, 'boom', 'exc_value');
      eq(seen[0].object, boom, 'object is the callback');
      eq(seen[0].err_msg, undefined, 'err_msg');
      check(ran, 'the other callback ran');
      eq(refs[0](), undefined, 'cleared');
    },
    'gc',
  );

  test(
    'sys.__unraisablehook__ (default) writes "Exception ignored in:" to the console',
    ['ref', 'gc', 'sys'],
    async () => {
      const lines = [];
      const original = console.error;
      console.error = (...a) => lines.push(a.join(' '));
      try {
        const make = () =>
          w.ref({}, function failingCallback() {
            throw new Error('to the console');
          });
        const r = make();
        await w.gc.collect();
        eq(r(), undefined, 'cleared');
      } finally {
        console.error = original;
      }
      check(
        lines.some((l) => l.startsWith('Exception ignored in:') && l.includes('to the console')),
        `console.error got: ${JSON.stringify(lines)}`,
      );
    },
    'gc',
  );

  test(
    'proxy: forwards, shares, types, dies with ReferenceError',
    ['proxy', 'ProxyType', 'CallableProxyType', 'gc'],
    async () => {
      const o = new Obj('p');
      const p = w.proxy(o);
      eq(p.name, 'p', 'get');
      p.name = 'q';
      eq(o.name, 'q', 'set');
      eq(p.method(), 'q', 'method call with this = referent');
      eq(w.proxy(o), p, 'proxy(o) === proxy(o)');
      check(p instanceof w.ProxyType, 'instanceof ProxyType');
      const f = function add(a, b) {
        return a + b;
      };
      const cp = w.proxy(f);
      eq(cp(2, 3), 5, 'callable proxy');
      check(cp instanceof w.CallableProxyType, 'instanceof CallableProxyType');
      check(Array.isArray(w.proxy([1, 2])), 'Array.isArray(proxy(array))');
      let called;
      const make = () =>
        w.proxy(new Obj('gone'), (x) => {
          called = x;
        });
      const dead = make();
      await w.gc.collect();
      eq(called, dead, 'callback receives the proxy');
      const e = throws(() => dead.name);
      check(e instanceof ReferenceError, `ReferenceError, got ${e}`);
      eq(e.message, 'weakly-referenced object no longer exists', 'message');
    },
    'gc',
  );

  test(
    'WeakValueDictionary: entries vanish with their values, size exact after collect',
    ['WeakValueDictionary', 'gc'],
    async () => {
      const d = new w.WeakValueDictionary();
      const keep = new Obj('kept');
      d.set('kept', keep);
      const fill = () => {
        d.set('gone', new Obj('gone'));
        d['bracket'] = new Obj('bracket');
      };
      fill();
      eq(d.get('kept'), keep, 'get');
      eq(d['kept'], keep, 'bracket get');
      eq(d.has('gone'), true, 'entry present before collect');
      eq(d.size, 3, 'size before collect');
      await w.gc.collect();
      eq(d.size, 1, 'size after collect');
      eq(d.get('gone'), undefined, 'dead entry');
      eq([...d].join(','), 'kept', 'iteration yields keys');
      const e = throws(() => d.__getitem__('gone'));
      check(e instanceof w.KeyError, 'KeyError for a dead key');
    },
    'gc',
  );

  test(
    'WeakKeyDictionary: entries vanish with their keys',
    ['WeakKeyDictionary', 'gc'],
    async () => {
      const d = new w.WeakKeyDictionary();
      const k = new Obj('k');
      d.set(k, 1);
      const fill = () => {
        d.set(new Obj('gone'), 2);
      };
      fill();
      eq(d.get(k), 1, 'get');
      await w.gc.collect();
      eq(d.size, 1, 'size after collect');
      eq(d.has(13), false, 'has(13)');
      check(throws(() => d.set(13, 1)) instanceof TypeError, 'set(13) TypeError');
    },
    'gc',
  );

  test(
    'WeakSet: members vanish when collected',
    ['WeakSet', 'gc'],
    async () => {
      const s = new w.WeakSet();
      const a = new Obj('a');
      s.add(a);
      const fill = () => {
        s.add(new Obj('b'));
      };
      fill();
      check(s.has(a) && s.__contains__(a), 'has');
      await w.gc.collect();
      eq(s.size, 1, 'size after collect');
      const e = throws(() => new w.WeakSet().pop());
      check(e instanceof w.KeyError, 'pop from empty is KeyError');
    },
    'gc',
  );

  test(
    'WeakMethod: bound while alive, undefined after, callback once',
    ['WeakMethod', 'gc'],
    async () => {
      const o = new Obj('m');
      const wm = new w.WeakMethod(o, 'method');
      eq(wm()(), 'm', 'wm()()');
      check(wm instanceof w.ref, 'WeakMethod is a ref');
      let calls = 0;
      const make = () => new w.WeakMethod(new Obj('gone'), 'method', () => calls++);
      const dead = make();
      await w.gc.collect();
      eq(dead(), undefined, 'dead WeakMethod');
      eq(calls, 1, 'callback calls');
    },
    'gc',
  );

  test(
    'finalize: runs once with its args when the object is collected; atexit is inert in a page',
    ['finalize', 'gc'],
    async () => {
      const got = [];
      const make = () => {
        const f = w.finalize(new Obj('f'), (a, b) => got.push([a, b]), 1, 2);
        eq(f.alive, true, 'alive');
        eq(f.atexit, true, 'atexit default');
        return f;
      };
      const f = make();
      await w.gc.collect();
      eq(got.length, 1, 'finalizer runs');
      eq(got[0].join(','), '1,2', 'args');
      eq(f.alive, false, 'alive after');
      eq(f(), undefined, 'f() after it ran');
      const o = {};
      const g = new w.finalize(o, () => 'now');
      eq(g(), 'now', 'f() runs it now');
      eq(g(), undefined, 'at most once');
    },
    'gc',
  );

  test(
    'pyweakref/testing: isCollected / assertCollected in a page',
    ['testing:isCollected', 'gc'],
    async () => {
      const t = options.testing;
      eq(await t.isCollected(() => ({})), true, 'a fresh object is collected');
      const kept = {};
      eq(await t.isCollected(w.ref(kept)), false, 'a kept object is not');
      if (typeof t.assertCollected === 'function') await t.assertCollected(() => ({}));
      if (typeof t.assertCollected === 'function' && typeof w.finalize === 'function') {
        // A finalizer whose args hold its object keeps it alive: the failure must say so (the
        // retention probes of pyweakref/testing are loaded in the browser build too).
        const held = new Obj('held');
        const f = w.finalize(held, () => {}, held);
        const e = await rejects(t.assertCollected(w.ref(held)));
        check(
          e.message.includes('What pyweakref knows about it:') && e.message.includes('finalize'),
          `the failure explains the finalizer: ${e.message}`,
        );
        f.detach();
      }
    },
    'gc',
  );

  // --- without --expose-gc ---

  test(
    'gc.collect() rejects with the documented error',
    ['gc'],
    async () => {
      const e = await rejects(w.gc.collect());
      check(e instanceof Error, 'an Error');
      const [prefix, suffix] = options.noGcMessage;
      check(e.message.startsWith(prefix) && e.message.endsWith(suffix), `message: ${e.message}`);
      return e.message;
    },
    'nogc',
  );

  test(
    'pyweakref/testing rejects like gc.collect() when the page has no gc()',
    ['testing:isCollected', 'gc'],
    async () => {
      const e = await rejects(options.testing.isCollected(() => ({})));
      const [prefix] = options.noGcMessage;
      check(e instanceof Error && e.message.includes(prefix), `message: ${e && e.message}`);
    },
    'nogc',
  );

  test(
    "refs work and callbacks still arrive after the engine's own collections",
    ['ref'],
    async () => {
      let called = 0;
      let finalized = 0;
      const make = () => {
        const o = new Obj('engine');
        const refs = [w.ref(o), w.ref(o, () => called++)];
        eq(refs[0](), o, 'alive');
        if (typeof w.finalize === 'function') w.finalize(o, () => finalized++);
        return refs;
      };
      // Both reference objects stay alive: a callback whose reference object died never runs (§2.3).
      const [r0, r1] = make();
      const expectFinalize = typeof w.finalize === 'function';
      const start = performance.now();
      const ok = await churnUntil(() => called === 1 && (!expectFinalize || finalized === 1), 30000);
      check(ok, `after 30 s of allocation: callback ${called}, finalizer ${finalized}`);
      eq(r0(), undefined, 'ref cleared');
      eq(r1(), undefined, 'ref with callback cleared');
      return `callback${expectFinalize ? ' and finalizer' : ''} after ${Math.round(performance.now() - start)} ms of allocation`;
    },
    'nogc',
  );

  return list;
}

/** Runs every test that applies to this launch; never throws. */
export async function run(w, options) {
  const results = [];
  for (const t of tests(w, options)) {
    if (t.mode !== undefined && t.mode !== options.mode) continue;
    const missing = t.needs.filter((n) =>
      n.startsWith('testing:') ? typeof options.testing?.[n.slice(8)] !== 'function' : !(n in w),
    );
    if (missing.length > 0) {
      results.push({ name: t.name, status: 'skipped', detail: `not exported by this build: ${missing.join(', ')}` });
      continue;
    }
    let timer;
    try {
      const detail = await Promise.race([
        Promise.resolve().then(() => t.body()),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out after 60 s')), 60000);
        }),
      ]);
      results.push({ name: t.name, status: 'passed', detail: typeof detail === 'string' ? detail : '' });
    } catch (e) {
      results.push({
        name: t.name,
        status: 'failed',
        detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
      });
    } finally {
      clearTimeout(timer);
    }
    await tick();
  }
  return results;
}
