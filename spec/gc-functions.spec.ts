/**
 * The rest of Python's `gc` (CONTRACT §12), beyond what test_gc.py checks (spec/gc-module.spec.ts):
 * every name exists, values have Python's shapes, bad input gets CPython's messages (checked against
 * python3 3.11), `gc.callbacks` errors reach `sys.unraisablehook`, and DEBUG_STATS prints.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { gc, ref, type GcCallback } from '../src';
import { C, captureUnraisable } from './support/lifetime';
import { shortRepr } from '../src/internal/ids';

/** `dir(gc)` of CPython 3.11 without the dunders (3.12 to 3.14 add no public name). */
const PYTHON_GC_NAMES = [
  'DEBUG_COLLECTABLE',
  'DEBUG_LEAK',
  'DEBUG_SAVEALL',
  'DEBUG_STATS',
  'DEBUG_UNCOLLECTABLE',
  'callbacks',
  'collect',
  'disable',
  'enable',
  'freeze',
  'garbage',
  'get_count',
  'get_debug',
  'get_freeze_count',
  'get_objects',
  'get_referents',
  'get_referrers',
  'get_stats',
  'get_threshold',
  'is_finalized',
  'is_tracked',
  'isenabled',
  'set_debug',
  'set_threshold',
  'unfreeze',
];

type AnyCall = (...args: unknown[]) => unknown;
const call = (name: string, ...args: unknown[]): unknown => (gc as unknown as Record<string, AnyCall>)[name](...args);

/** What a call throws, or what its promise rejects with. */
async function failure(name: string, ...args: unknown[]): Promise<{ type: string; message: string } | undefined> {
  try {
    await call(name, ...args);
    return undefined;
  } catch (e) {
    return { type: (e as Error).constructor.name, message: (e as Error).message };
  }
}

describe('JavaScript interop: the rest of gc', () => {
  afterEach(() => {
    gc.callbacks.length = 0;
    gc.set_debug(0);
    gc.set_threshold(700, 10, 10);
    if (!gc.isenabled()) gc.enable();
  });

  it("has every public name of Python's gc module", () => {
    for (const name of PYTHON_GC_NAMES) expect(gc, name).to.have.property(name);
    let names = PYTHON_GC_NAMES;
    try {
      const out = execFileSync('python3', [
        '-c',
        "import gc; print(' '.join(n for n in dir(gc) if not n.startswith('_')))",
      ]);
      names = out.toString().trim().split(' ');
    } catch {
      // No python3 here: the list above, taken from it, stands.
    }
    for (const name of names) expect(gc, `python3's gc.${name}`).to.have.property(name);
    for (const name of Object.keys(gc)) expect(PYTHON_GC_NAMES, `gc.${name} is not Python's`).to.include(name);
  });

  it('the DEBUG_* constants have CPython values; callbacks, garbage and the constants cannot be rebound', () => {
    expect([
      gc.DEBUG_STATS,
      gc.DEBUG_COLLECTABLE,
      gc.DEBUG_UNCOLLECTABLE,
      gc.DEBUG_SAVEALL,
      gc.DEBUG_LEAK,
    ]).to.deep.equal([1, 2, 4, 32, 38]);
    const callbacks = gc.callbacks;
    for (const name of ['callbacks', 'garbage', 'DEBUG_STATS', 'DEBUG_LEAK']) {
      expect(() => {
        (gc as unknown as Record<string, unknown>)[name] = [];
      }, name).to.throw(TypeError);
    }
    expect(gc.callbacks).to.equal(callbacks);
    expect(Array.isArray(gc.callbacks) && Array.isArray(gc.garbage)).to.equal(true);
  });

  it('values have the shapes of Python: tuples are arrays, dicts plain objects, a new one each call', () => {
    expect(gc.get_threshold()).to.deep.equal([700, 10, 10]);
    expect(gc.get_threshold()).not.to.equal(gc.get_threshold());
    gc.set_threshold(5);
    expect(gc.get_threshold()).to.deep.equal([5, 10, 10]);
    gc.set_threshold(5, 6);
    expect(gc.get_threshold()).to.deep.equal([5, 6, 10]);
    gc.set_threshold(7n, undefined, -1);
    expect(gc.get_threshold()).to.deep.equal([7, 6, -1]);
    expect(gc.get_count()).to.have.length(3);
    const stats = gc.get_stats();
    expect(stats).to.have.length(3);
    for (const st of stats) expect(Object.keys(st)).to.deep.equal(['collections', 'collected', 'uncollectable']);
    stats[0].collections = -5; // a copy: the library's counts do not change
    expect(gc.get_stats()[0].collections).to.be.at.least(0);
    gc.set_debug(gc.DEBUG_LEAK);
    expect(gc.get_debug()).to.equal(38);
    expect(gc.get_freeze_count()).to.equal(0);
    expect([gc.freeze(), gc.unfreeze(), gc.disable(), gc.enable(), gc.set_threshold(1)]).to.deep.equal([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('gc.collect() resolves to what gc.get_stats() adds up, for the generation asked for', async () => {
    await gc.collect();
    const before = gc.get_stats();
    const n = await gc.collect(1);
    const after = gc.get_stats();
    expect(after[1].collections).to.equal(before[1].collections + 1);
    expect(after[1].collected).to.equal(before[1].collected + n);
    expect(await gc.collect(undefined as never)).to.be.a('number'); // undefined: the default, 2
    expect(gc.get_stats()[2].collections).to.equal(after[2].collections + 1);
  });

  it("bad arguments get CPython's errors (RangeError for ValueError and OverflowError)", async () => {
    // Each row: python3 3.11's exception type and message for the same call (None is undefined).
    const rows: Array<[string, unknown[], string, string]> = [
      ['collect', [3], 'RangeError', 'invalid generation'],
      ['collect', [-1], 'RangeError', 'invalid generation'],
      ['collect', ['x'], 'TypeError', "'string' object cannot be interpreted as an integer"],
      ['collect', [1.5], 'TypeError', "'float' object cannot be interpreted as an integer"],
      ['collect', [null], 'TypeError', "'null' object cannot be interpreted as an integer"],
      ['collect', [2 ** 40], 'RangeError', 'signed integer is greater than maximum'],
      ['collect', [1, 2], 'TypeError', 'collect() takes at most 1 argument (2 given)'],
      ['set_threshold', [], 'TypeError', 'set_threshold() takes at least 1 argument (0 given)'],
      ['set_threshold', [1, 2, 3, 4], 'TypeError', 'set_threshold() takes at most 3 arguments (4 given)'],
      ['set_threshold', ['a'], 'TypeError', "'string' object cannot be interpreted as an integer"],
      ['set_threshold', [1.5], 'TypeError', "'float' object cannot be interpreted as an integer"],
      ['set_threshold', [2 ** 31], 'RangeError', 'signed integer is greater than maximum'],
      ['set_threshold', [-(2 ** 31) - 1], 'RangeError', 'signed integer is less than minimum'],
      ['set_threshold', [undefined], 'TypeError', "'undefined' object cannot be interpreted as an integer"],
      ['set_debug', [], 'TypeError', 'gc.set_debug() takes exactly one argument (0 given)'],
      ['set_debug', [1, 2], 'TypeError', 'gc.set_debug() takes exactly one argument (2 given)'],
      ['set_debug', ['x'], 'TypeError', "'string' object cannot be interpreted as an integer"],
      [
        'get_objects',
        [3],
        'RangeError',
        'generation parameter must be less than the number of available generations (3)',
      ],
      ['get_objects', [-2], 'RangeError', 'generation parameter cannot be negative'],
      ['get_objects', ['x'], 'TypeError', "argument should be integer or undefined, not 'string'"],
      ['get_objects', [1.234], 'TypeError', "argument should be integer or undefined, not 'float'"],
      ['get_objects', [1, 2], 'TypeError', 'get_objects() takes at most 1 argument (2 given)'],
      ['is_tracked', [], 'TypeError', 'gc.is_tracked() takes exactly one argument (0 given)'],
      ['is_finalized', [1, 2], 'TypeError', 'gc.is_finalized() takes exactly one argument (2 given)'],
    ];
    for (const name of [
      'enable',
      'disable',
      'isenabled',
      'get_threshold',
      'get_count',
      'get_stats',
      'freeze',
      'unfreeze',
      'get_freeze_count',
      'get_debug',
    ]) {
      rows.push([name, [1], 'TypeError', `gc.${name}() takes no arguments (1 given)`]);
    }
    for (const [name, args, type, message] of rows) {
      expect(await failure(name, ...args), `gc.${name}(${args.map(String).join(', ')})`).to.deep.equal({
        type,
        message,
      });
    }
    expect(gc.get_threshold(), 'a failed set_threshold changes nothing').to.deep.equal([700, 10, 10]);
    expect(gc.isenabled()).to.equal(true);
  });

  it('gc.collect() with a bad argument rejects without collecting or calling gc.callbacks', async () => {
    const phases: string[] = [];
    gc.callbacks.push((phase) => void phases.push(phase));
    const before = gc.get_stats()[2].collections;
    const p = gc.collect(7 as never);
    expect(p).to.be.an.instanceOf(Promise);
    await p.then(
      () => expect.fail('resolved'),
      (e: unknown) => expect(e).to.be.an.instanceOf(RangeError),
    );
    expect(phases).to.deep.equal([]);
    expect(gc.get_stats()[2].collections).to.equal(before);
  });

  it("gc.callbacks' errors go to sys.unraisablehook (CPython 3.14's message) and the others still run", async () => {
    const phases: string[] = [];
    const failing: GcCallback = function failing(phase) {
      throw new Error(`boom ${phase}`);
    };
    const seen = await captureUnraisable(async () => {
      gc.callbacks.push(
        failing,
        5 as never,
        async () => Promise.reject(new Error('async boom')),
        (p) => void phases.push(p),
      );
      await gc.collect();
      await new Promise((resolve) => setImmediate(resolve));
    });
    expect(phases).to.deep.equal(['start', 'stop']);
    expect([seen[0].err_msg, seen[0].object, String(seen[0].exc_value)]).to.deep.equal([
      `Exception ignored while calling GC callback ${shortRepr(failing)}`,
      undefined,
      'Error: boom start',
    ]);
    expect(seen.filter((a) => /boom start|boom stop/.test(String(a.exc_value)))).to.have.length(2);
    expect(
      seen.filter(
        (a) => a.exc_value instanceof TypeError && /'number' object is not callable/.test(String(a.exc_value)),
      ),
    ).to.have.length(2);
    expect(seen.filter((a) => String(a.exc_value) === 'Error: async boom')).to.have.length(2);
    for (const a of seen) expect(a.err_msg).to.match(/^Exception ignored while calling GC callback /);
  });

  it('a gc.collect() started by a gc callback collects, and calls no gc callback (no endless recursion)', async () => {
    const phases: string[] = [];
    let nested: Promise<number> | undefined;
    gc.callbacks.push((phase) => {
      phases.push(phase);
      if (phase === 'start') nested = gc.collect();
    });
    let o: C | undefined = new C();
    let called = 0;
    const r = ref(o, () => called++);
    o = undefined;
    await gc.collect();
    await nested;
    expect(phases).to.deep.equal(['start', 'stop']);
    expect([called, r()]).to.deep.equal([1, undefined]);
  });

  it('gc.callbacks are called by index over the live array, as CPython iterates its list', async () => {
    const log: string[] = [];
    const second: GcCallback = (phase) => void log.push(`second ${phase}`);
    const first: GcCallback = (phase) => {
      log.push(`first ${phase}`);
      if (phase === 'start') gc.callbacks.push(second);
    };
    gc.callbacks.push(first);
    await gc.collect();
    expect(log).to.deep.equal(['first start', 'second start', 'first stop', 'second stop']);
  });

  it("DEBUG_STATS prints CPython's first and last lines of each collection on stderr", async () => {
    const written: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((text: string) => written.push(text) > 0) as typeof process.stderr.write;
    try {
      gc.set_debug(gc.DEBUG_STATS);
      await gc.collect(1);
      gc.set_debug(0);
      await gc.collect(1);
    } finally {
      process.stderr.write = write;
    }
    expect(written).to.have.length(2);
    expect(written[0]).to.equal('gc: collecting generation 1...\n');
    expect(written[1]).to.match(/^gc: done, \d+ unreachable, 0 uncollectable, \d+\.\d{4}s elapsed\n$/);
  });

  it('is_tracked and is_finalized answer for every kind of value', () => {
    expect(gc.is_tracked(Symbol.for('registered'))).to.equal(false);
    expect(gc.is_tracked(new Proxy({}, {}))).to.equal(true);
    expect(gc.is_tracked(ref(gc as object))).to.equal(true);
    for (const v of [undefined, null, 0, 'a', {}, () => {}]) expect(gc.is_finalized(v)).to.equal(false);
  });
});
