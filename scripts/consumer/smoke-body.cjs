'use strict';
// The runtime smoke test of the packed package, run by smoke.cjs on what `require('pyweakref')` gives
// and by smoke.mjs on what `import` gives. Each feature is tested when the package exports it and
// reported as skipped otherwise, so the check follows the package as features land.
//
// Lifetimes: referents are created inside helper functions, so that after the helper returns nothing
// but the library's weak structures points at them, and `await w.gc.collect()` must collect them.
const assert = require('node:assert/strict');
const util = require('node:util');

/** CONTRACT §1: the only names the root may export; the core ones must be there. */
const CONTRACT_NAMES = [
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
const CORE = ['ref', 'ReferenceType', 'getweakrefcount', 'getweakrefs', 'KeyedRef', 'KeyError', 'gc', 'sys'];

class Obj {
  constructor(name) {
    this.name = name;
  }
  method() {
    return this.name;
  }
}

function tests(w) {
  const list = [];
  const test = (name, needs, body) => list.push({ name, needs, body });

  test('exports: the core names, nothing outside CONTRACT §1', [], () => {
    const names = Object.keys(w);
    assert.deepEqual(
      names.filter((n) => !CONTRACT_NAMES.includes(n)),
      [],
      'names outside the contract',
    );
    assert.deepEqual(
      CORE.filter((n) => !names.includes(n)),
      [],
      'core names missing',
    );
    assert.equal(w.ReferenceType, w.ref);
    const missing = CONTRACT_NAMES.filter((n) => !names.includes(n));
    return missing.length ? `not exported yet: ${missing.join(', ')}` : 'all 17 names';
  });

  test('ref: callable, shared, repr and util.inspect, TypeError for primitives', ['ref'], () => {
    const o = new Obj('a');
    const r = w.ref(o);
    assert.equal(typeof r, 'function');
    assert.ok(r instanceof w.ref);
    assert.equal(r(), o);
    assert.equal(w.ref(o), r);
    assert.equal(w.getweakrefcount(o), 1);
    assert.deepEqual(w.getweakrefs(o), [r]);
    assert.match(String(r), /^<weakref at 0x[0-9a-f]+; to 'Obj' at 0x[0-9a-f]+>$/);
    assert.equal(util.inspect(r), String(r));
    assert.throws(() => w.ref(42), { name: 'TypeError', message: "cannot create weak reference to 'number' object" });
  });

  test('gc.collect(): no flag needed, callbacks newest first, refs cleared', ['ref', 'gc'], async () => {
    const calls = [];
    const make = () => {
      const o = new Obj('x');
      return [w.ref(o, () => calls.push(1)), w.ref(o, () => calls.push(2))];
    };
    const refs = make();
    const n = await w.gc.collect();
    assert.deepEqual(calls, [2, 1]);
    assert.equal(refs[0](), undefined);
    assert.ok(n >= 2, `collect() resolved to ${n}`);
  });

  test("sys.unraisablehook receives a callback's exception", ['ref', 'gc', 'sys'], async () => {
    const seen = [];
    const boom = () => {
      throw new Error('boom');
    };
    const make = () => w.ref({}, boom);
    const r = make();
    const saved = w.sys.unraisablehook;
    w.sys.unraisablehook = (args) => seen.push(args);
    try {
      await w.gc.collect();
    } finally {
      w.sys.unraisablehook = saved;
    }
    assert.equal(r(), undefined);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].object, boom);
    assert.equal(seen[0].exc_value.message, 'boom');
  });

  test('KeyedRef and KeyError', ['KeyedRef', 'KeyError'], () => {
    const o = {};
    const kr = new w.KeyedRef(o, null, 'k');
    assert.equal(kr.key, 'k');
    assert.equal(kr(), o);
    assert.ok(kr instanceof w.ref);
    const e = new w.KeyError('k');
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'KeyError');
  });

  test(
    'proxy: forwards, then throws ReferenceError; util.inspect never throws',
    ['proxy', 'ProxyType', 'gc'],
    async () => {
      const o = new Obj('p');
      const p = w.proxy(o);
      assert.equal(p.method(), 'p');
      assert.ok(p instanceof w.ProxyType);
      const make = () => w.proxy(new Obj('gone'));
      const dead = make();
      await w.gc.collect();
      assert.throws(() => dead.name, { name: 'ReferenceError', message: 'weakly-referenced object no longer exists' });
      assert.match(util.inspect(dead), /^<weakproxy at 0x[0-9a-f]+; dead>$/);
    },
  );

  test('WeakValueDictionary: an entry vanishes with its value', ['WeakValueDictionary', 'gc'], async () => {
    const d = new w.WeakValueDictionary();
    const kept = new Obj('kept');
    d.set('kept', kept);
    const fill = () => {
      d.set('gone', new Obj('gone'));
    };
    fill();
    assert.equal(d.size, 2);
    await w.gc.collect();
    assert.equal(d.size, 1);
    assert.equal(d.get('kept'), kept);
    assert.equal(d.get('gone'), undefined);
  });

  test('WeakKeyDictionary: an entry vanishes with its key', ['WeakKeyDictionary', 'gc'], async () => {
    const d = new w.WeakKeyDictionary();
    const k = new Obj('k');
    d.set(k, 1);
    const fill = () => {
      d.set(new Obj('gone'), 2);
    };
    fill();
    await w.gc.collect();
    assert.equal(d.size, 1);
    assert.equal(d.get(k), 1);
  });

  test('WeakSet: a member vanishes when collected', ['WeakSet', 'gc'], async () => {
    const s = new w.WeakSet();
    const a = new Obj('a');
    s.add(a);
    const fill = () => {
      s.add(new Obj('b'));
    };
    fill();
    await w.gc.collect();
    assert.equal(s.size, 1);
    assert.ok(s.has(a));
  });

  test('WeakMethod: bound while alive, undefined after', ['WeakMethod', 'gc'], async () => {
    const o = new Obj('m');
    const wm = new w.WeakMethod(o, 'method');
    assert.equal(wm()(), 'm');
    const make = () => new w.WeakMethod(new Obj('gone'), 'method');
    const dead = make();
    await w.gc.collect();
    assert.equal(dead(), undefined);
  });

  test('finalize: runs once with its args on collection', ['finalize', 'gc'], async () => {
    const got = [];
    const make = () => w.finalize(new Obj('f'), (a, b) => got.push(a + b), 1, 2);
    const f = make();
    await w.gc.collect();
    assert.deepEqual(got, [3]);
    assert.equal(f.alive, false);
  });

  return list;
}

/** Tests of `pyweakref/testing`, when the package has it. */
function testingTests(w, t) {
  const list = [];
  const test = (name, body) => list.push({ name, needs: [], body });
  test('testing: isCollected / assertCollected / assertNotCollected', async () => {
    assert.equal(await t.isCollected(() => ({})), true);
    const kept = {};
    assert.equal(await t.isCollected(w.ref(kept)), false);
    await t.assertCollected(() => ({}));
    await t.assertNotCollected(w.ref(kept));
    await assert.rejects(t.assertCollected(w.ref(kept)));
  });
  return list;
}

/** Runs the tests; resolves to the number of failures, printing one line per test. */
module.exports = async function smoke(label, w, t) {
  let failed = 0;
  const all = [...tests(w), ...(t ? testingTests(w, t) : [])];
  for (const test of all) {
    const missing = test.needs.filter((n) => !(n in w));
    if (missing.length) {
      console.log(`  - [${label}] ${test.name} (skipped: not exported: ${missing.join(', ')})`);
      continue;
    }
    try {
      const detail = await test.body();
      console.log(`  ✔ [${label}] ${test.name}${typeof detail === 'string' ? ` (${detail})` : ''}`);
    } catch (e) {
      failed++;
      console.log(`  ✖ [${label}] ${test.name}: ${e && e.message}`);
    }
  }
  if (!t) console.log(`  - [${label}] pyweakref/testing (skipped: not in the package)`);
  return failed;
};
