/**
 * `gc.get_referrers(...objs)` and `gc.get_referents(...objs)` (CONTRACT §12, §13): the real objects,
 * read from a V8 heap snapshot, against what Python 3 returns for the same shapes (each Python snippet
 * was run with CPython 3.11; its output is in the comment).
 *
 * The objects under test live in locals of the test functions: a local is held by the frame, and
 * frames are never listed, so the holders the tests build are the only referrers. Nothing here captures
 * a test's locals in a closure (a closure would be a referrer too). Each call takes a heap snapshot
 * (about a second), hence the timeout.
 */
import { expect } from 'chai';
import { gc, ref } from '../src';
import { assertCollected } from '../src/testing';

class Thing {
  constructor(readonly name = '') {}
}

/** A function that holds `v` through its closure (Python: a cell in `f.__closure__`). */
function capture(v: Thing): () => Thing {
  return () => v;
}

/** A holder of a fresh object, with references to watch both; the test holds only `box`. */
function setUp(): { box: { holder?: Thing[] }; value: ref<Thing>; holder: ref<Thing[]> } {
  const value = new Thing('value');
  const box: { holder?: Thing[] } = { holder: [value] };
  return { box, value: ref(value), holder: ref(box.holder!) };
}

/**
 * Whether the referrers of the box's object are exactly its holder. The results (which hold the
 * holder) and every temporary are gone when this returns.
 */
async function onlyHolderHolds(box: { holder?: Thing[] }): Promise<boolean> {
  const found = await referrersOfHeld(box);
  return found.length === 1 && found[0] === box.holder;
}

function referrersOfHeld(box: { holder?: Thing[] }): Promise<unknown[]> {
  return gc.get_referrers(box.holder![0]);
}

describe('JavaScript interop: gc.get_referrers and gc.get_referents', function () {
  this.timeout(60000);

  // o = Thing(); holder = [o]
  // [r is holder for r in gc.get_referrers(o)]   # [True, False]: the list (and the module's globals dict)
  it('should list the array that holds an object, even with PYWEAKREF_RETAINERS=0', async () => {
    const saved = process.env.PYWEAKREF_RETAINERS;
    process.env.PYWEAKREF_RETAINERS = '0';
    try {
      let o: Thing | undefined = new Thing();
      let holder: Thing[] | undefined = [o];
      const found = await gc.get_referrers(o);
      expect(found).to.have.lengthOf(1);
      expect(found[0]).to.equal(holder);
      o = holder = undefined;
    } finally {
      if (saved === undefined) delete process.env.PYWEAKREF_RETAINERS;
      else process.env.PYWEAKREF_RETAINERS = saved;
    }
  });

  // o = Thing(); cache = {'k': o}
  // any(r is cache for r in gc.get_referrers(o))   # True
  it('should list the Map that holds a value, not its hash table', async () => {
    let o: Thing | undefined = new Thing();
    let cache: Map<string, Thing> | undefined = new Map([['k', o]]);
    const found = await gc.get_referrers(o);
    expect(found).to.have.lengthOf(1);
    expect(found[0]).to.equal(cache);
    o = cache = undefined;
  });

  // o = Thing(); h = Thing(); h.p = o
  // any(r is h for r in gc.get_referrers(o))   # True (3.11: the instance itself, its dict is inline)
  it('should list the object whose property holds an object', async () => {
    let o: Thing | undefined = new Thing();
    let h: { p?: Thing } | undefined = { p: o };
    const found = await gc.get_referrers(o);
    expect(found).to.deep.equal([h]);
    expect(found[0]).to.equal(h);
    o = h = undefined;
  });

  // def make(v):
  //     def f(): return v
  //     return f
  // o = Thing(); f = make(o)
  // [type(r).__name__ for r in gc.get_referrers(o)]   # ['cell', 'dict']: f.__closure__[0], the globals
  // Here: the function itself (a closure's context is lifted to the functions that close over it).
  it('should list the function that captures a variable', async () => {
    let o: Thing | undefined = new Thing();
    let f: (() => Thing) | undefined = capture(o);
    const found = await gc.get_referrers(o);
    expect(found).to.have.lengthOf(1);
    expect(found[0]).to.equal(f);
    o = f = undefined;
  });

  // o = Thing(); a = [o, o]; d = {'x': o}; h = Thing(); h.y = o
  // rs = gc.get_referrers(o, o)
  // all(any(r is x for r in rs) for x in (a, d, h))   # True
  // sum(r is a for r in rs)                           # 1: each referrer once, even for two arguments
  it('should list several holders, each once, for several arguments', async () => {
    let o: Thing | undefined = new Thing();
    let other: Thing | undefined = new Thing();
    let a: Thing[] | undefined = [o, o];
    let m: Map<Thing, Thing> | undefined = new Map([[o, other]]);
    let s: Set<Thing> | undefined = new Set([o, other]);
    let h: { y?: Thing } | undefined = { y: o };
    let f: (() => Thing) | undefined = capture(o);
    let pr: Thing | undefined = new Proxy(other, {});
    const found = await gc.get_referrers(o, o, other);
    expect(found).to.have.members([a, m, s, h, f, pr]);
    expect(new Set(found).size, 'each referrer once').to.equal(found.length);
    o = other = a = m = s = h = f = pr = undefined;
  });

  // o = Thing(); o.a = Thing(); o.b = [1]
  // [type(r).__name__ for r in gc.get_referents(o)]   # ['Thing', 'list', 'type']: the values, the class
  // x = Thing()
  // gc.get_referents([1, x, x])                       # [x, x, 1]: one entry per reference
  // gc.get_referents({'k': x})                        # [x]    (the str key is not tracked)
  // gc.get_referents({x})                             # [x]
  // Here: the prototype stands for the class; primitives (1, 'k') are never listed.
  it('should list what an object, an array, a Map and a Set hold, with their prototypes', async () => {
    let x: Thing | undefined = new Thing('x');
    let key: Thing | undefined = new Thing('key');
    let o: { a?: Thing; b?: number[]; n: number; s: string } | undefined = { a: x, b: [1], n: 1, s: 'str' };
    let arr: unknown[] | undefined = [1, x, x];
    let map: Map<unknown, unknown> | undefined = new Map<unknown, unknown>([
      ['k', x],
      [key, 'v'],
    ]);
    let set: Set<Thing> | undefined = new Set([x]);
    const held = await gc.get_referents(o, arr, map, set);
    expect(held).to.have.members([
      x,
      o.b,
      Object.prototype,
      x,
      x,
      Array.prototype,
      x,
      key,
      Map.prototype,
      x,
      Set.prototype,
    ]);
    // Argument by argument, each in the engine's edge order: properties before the prototype.
    expect(held.slice(0, 3)).to.deep.equal([x, o.b, Object.prototype]);
    o = arr = map = set = x = key = undefined;
  });

  // def make(v):
  //     def f(): return v
  //     return f
  // [type(r).__name__ for r in gc.get_referents(make(Thing()).__closure__[0])]   # ['Thing']
  // p = functools.partial(g, o): [type(r).__name__ for r in gc.get_referents(p)] # ['type', 'function', 'tuple', 'dict']
  it('should list the captured variables of a closure, the parts of a bound function and of a Proxy', async () => {
    let x: Thing | undefined = new Thing('x');
    let handler: ProxyHandler<Thing> | undefined = {};
    let f: (() => Thing) | undefined = capture(x);
    let target: ((this: unknown, a: unknown) => void) | undefined = function target() {};
    let bound: ((...args: unknown[]) => void) | undefined = target.bind(handler, x);
    let px: Thing | undefined = new Proxy(x, handler);
    const [ofF, ofBound, ofProxy] = [
      await gc.get_referents(f),
      await gc.get_referents(bound),
      await gc.get_referents(px),
    ];
    expect(ofF).to.have.members([Function.prototype, x]);
    expect(ofBound).to.have.members([Function.prototype, target, handler, x]);
    expect(ofProxy).to.have.members([x, handler]);
    x = handler = f = target = bound = px = undefined;
  });

  // def lonely():
  //     z = Thing()
  //     return gc.get_referrers(z)
  // lonely()   # []: a frame's locals are not listed (3.11: running frames are not gc objects)
  it('should list nothing for an object held only by a local variable (frames are not listed)', async () => {
    let o: Thing | undefined = new Thing();
    expect(await gc.get_referrers(o)).to.deep.equal([]);
    expect(await gc.get_referents(o)).to.deep.equal([Thing.prototype]);
    o = undefined;
  });

  // len(gc.get_referrers(1)) > 0   # True: an int is an object in Python
  // gc.get_referents(1)            # []
  // Here: a number or string is a value, not an object: nothing holds it and it holds nothing.
  it('should list nothing for primitives, without taking a snapshot', async () => {
    const started = Date.now();
    expect(await gc.get_referrers(1, 'one', undefined, null, 1n)).to.deep.equal([]);
    expect(await gc.get_referents(1, 'one', Symbol.for('s'))).to.deep.equal([]);
    expect(await gc.get_referrers()).to.deep.equal([]);
    expect(Date.now() - started).to.be.below(500);
  });

  // k = Thing(); v = Thing(); wk = weakref.WeakKeyDictionary(); wk[k] = v
  // [type(r).__name__ for r in gc.get_referrers(v)]   # ['dict', 'dict']: wk.data, and the globals
  // Here: a WeakMap does not hold its values; the key does (an ephemeron), so the key is listed.
  it("should list a WeakMap value's key as its holder, not the WeakMap", async () => {
    let k: Thing | undefined = new Thing('key');
    let v: Thing | undefined = new Thing('value');
    let wm: WeakMap<Thing, Thing> | undefined = new WeakMap([[k, v]]);
    const found = await gc.get_referrers(v);
    expect(found).to.have.lengthOf(1);
    expect(found[0]).to.equal(k);
    expect(await gc.get_referents(wm)).to.deep.equal([WeakMap.prototype]);
    k = v = wm = undefined;
  });

  // o = Thing(); r = weakref.ref(o); holder = [o]; del o
  // gc.get_referrers(r())
  // del holder; gc.collect(); r()   # None: asking changed nothing
  it('should change nothing: the holder and the object are collected once the holder lets go', async () => {
    const { box, value, holder } = setUp();
    expect(await onlyHolderHolds(box)).to.equal(true);
    box.holder = undefined;
    await assertCollected(value);
    await assertCollected(holder);
  });

  it('should reject with the reason where there is no V8 heap snapshot', async () => {
    const g = globalThis as { Deno?: unknown };
    g.Deno = {};
    let referrers: Promise<unknown[]>;
    let referents: Promise<unknown[]>;
    try {
      referrers = gc.get_referrers({});
      referents = gc.get_referents({});
    } finally {
      delete g.Deno;
    }
    for (const [p, name] of [
      [referrers, 'get_referrers'],
      [referents, 'get_referents'],
    ] as const) {
      const err = await p.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).to.be.instanceOf(Error);
      expect((err as Error).message).to.equal(
        `gc.${name}() needs a V8 heap snapshot: Deno's node:inspector cannot take heap snapshots in the same process`,
      );
    }
  });
});
