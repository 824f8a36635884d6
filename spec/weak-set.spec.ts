/**
 * Port of CPython's Lib/test/test_weakset.py (TestWeakSet), CPython 3.14 semantics.
 *
 * Translation rules:
 * - CPython's fixtures are `UserString` objects, which compare by value: `ustr('a')` is "in" a set
 *   holding another `ustr('a')`. pyweakref's WeakSet compares members by identity (like a
 *   WeakKeyDictionary), so here "an equal object" is the very same object: the fixture builds one
 *   object per letter and the tests look letters up instead of creating equal copies. Where CPython
 *   deliberately creates a *distinct* equal object (to check that a dead member is gone), the port
 *   creates a fresh object and also checks the size.
 * - Python's `[]` inside an argument (`s.update([[]])`) is an item that cannot be weakly referenced.
 *   A JavaScript array can be, so the port uses a primitive (`42`).
 * - `del x; gc.collect()` is `x = undefined; await gc.collect()`. Work that touches a referent before
 *   it is dropped runs in a synchronous helper, so that no temporary of the async test keeps it.
 */
import { expect } from 'chai';
import * as util from 'node:util';
import { WeakSet, KeyError, gc, getweakrefcount, getweakrefs, ref } from '../src';
import { assertCollected } from './support/lifetime';
import { PRIMITIVES } from './support/primitives';

/** CPython's `UserString` fixture, reduced to what the tests need: an object with a letter. */
class UStr {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

class Foo {
  [key: string]: unknown;
}

class RefCycle {
  cycle: RefCycle = this;
}

const ASCII_LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ustrs = (letters: string): UStr[] => Array.from(letters, (c) => new UStr(c));

/** Python's `set, frozenset, dict.fromkeys, list, tuple` as JavaScript iterables of the same items. */
const ITERABLE_KINDS: Array<[string, (xs: UStr[]) => Iterable<UStr>]> = [
  ['Set', (xs) => new Set(xs)],
  ['frozen array', (xs) => Object.freeze([...xs])],
  ['Map keys', (xs) => new Map(xs.map((x) => [x, undefined])).keys()],
  ['array', (xs) => [...xs]],
  [
    'generator',
    function* (xs) {
      yield* xs;
    },
  ],
];

interface Fixture {
  items: UStr[];
  items2: UStr[];
  /** The letters that are neither in `items` nor in `items2` (CPython's other `letters`). */
  others: UStr[];
  ab_items: UStr[];
  abcde_items: UStr[];
  def_items: UStr[];
  ab_weakset: WeakSet<UStr>;
  abcde_weakset: WeakSet<UStr>;
  def_weakset: WeakSet<UStr>;
  s: WeakSet<UStr>;
  d: Set<UStr>;
  obj: UStr | undefined;
  fs: WeakSet<UStr>;
}

function setUp(): Fixture {
  const items = ustrs('abc');
  const items2 = ustrs('xyz');
  const others = ustrs(ASCII_LETTERS.replace(/[abcxyz]/g, ''));
  // Value-equal objects of CPython's fixture are one object here: 'ab' and 'de' are shared.
  const abcde_items = ustrs('abcde');
  const ab_items = abcde_items.slice(0, 2);
  const def_items = [...abcde_items.slice(3), new UStr('f')];
  const obj = new UStr('F');
  return {
    items,
    items2,
    others,
    ab_items,
    abcde_items,
    def_items,
    ab_weakset: new WeakSet(ab_items),
    abcde_weakset: new WeakSet(abcde_items),
    def_weakset: new WeakSet(def_items),
    s: new WeakSet(items),
    d: new Set(items),
    obj,
    fs: new WeakSet([obj]),
  };
}

describe('TestWeakSet', () => {
  let t: Fixture;
  beforeEach(() => {
    t = setUp();
  });
  afterEach(() => {
    t = undefined as unknown as Fixture;
  });

  /**
   * CPython's `self.letters`, in ascii order, built from the live fixture objects (holds nothing).
   * Deliberately written without closures: V8 may keep a closure's context (here, an array holding
   * the fixture objects) alive for a while after the call, for instance while it optimizes the
   * closure on another thread, and a test that drops one of those objects must see it die.
   */
  function letters(): UStr[] {
    const byValue = new Map<string, UStr>();
    for (const list of [t.items, t.items2, t.others]) for (const u of list) byValue.set(u.value, u);
    const out: UStr[] = [];
    for (const c of ASCII_LETTERS) {
      const u = byValue.get(c);
      if (u !== undefined) out.push(u);
    }
    return out;
  }

  it('test_methods: every public method of Python set exists on WeakSet', () => {
    const setMethods = [
      'add',
      'clear',
      'copy',
      'difference',
      'difference_update',
      'discard',
      'intersection',
      'intersection_update',
      'isdisjoint',
      'issubset',
      'issuperset',
      'pop',
      'remove',
      'symmetric_difference',
      'symmetric_difference_update',
      'union',
      'update',
    ];
    for (const method of setMethods) {
      expect(
        typeof (WeakSet.prototype as unknown as Record<string, unknown>)[method],
        `WeakSet missing method ${method}`,
      ).to.equal('function');
    }
  });

  it('test_new_or_init: more than one constructor argument is a TypeError', () => {
    expect(() => new (WeakSet as unknown as new (...a: unknown[]) => WeakSet)([], 2)).to.throw(
      TypeError,
      'WeakSet expected at most 1 argument, got 2',
    );
  });

  it('test_len: len counts members and drops a collected one', async () => {
    expect(t.s.__len__()).to.equal(t.d.size);
    expect(t.s.size).to.equal(t.d.size);
    expect(t.fs.__len__()).to.equal(1);
    t.obj = undefined;
    await gc.collect();
    expect(t.fs.__len__()).to.equal(0);
    expect(t.fs.size).to.equal(0);
  });

  it('test_contains: membership, a primitive is never a member, a collected member is gone', async () => {
    (() => {
      for (const c of letters()) expect(t.s.__contains__(c)).to.equal(t.d.has(c));
      // 1 cannot be weakly referenced, but __contains__ answers false instead of throwing.
      expect(t.s.__contains__(1)).to.equal(false);
      expect(t.s.has(1)).to.equal(false);
      expect(t.fs.__contains__(t.obj)).to.equal(true);
    })();
    t.obj = undefined;
    await gc.collect();
    // CPython checks with a new, equal `ustr('F')`; with identity, a new object and the size.
    expect(t.fs.__contains__(new UStr('F'))).to.equal(false);
    expect(t.fs.size).to.equal(0);
  });

  it('test_union: union of any iterable; the result holds its members weakly', async () => {
    const u = (() => {
      const u = t.s.union(t.items2);
      for (const c of letters()) expect(u.has(c)).to.equal(t.d.has(c) || t.items2.includes(c));
      expect(t.s.__eq__(new WeakSet(t.items))).to.equal(true);
      expect(Object.getPrototypeOf(u)).to.equal(WeakSet.prototype);
      expect(() => t.s.union([42] as never)).to.throw(TypeError, "cannot create weak reference to 'number' object");
      for (const [kind, make] of ITERABLE_KINDS) {
        const x = new WeakSet([...t.items, ...t.items2]);
        expect(t.s.union(make(t.items2)).__eq__(x), kind).to.equal(true);
      }
      expect(u.size).to.equal(t.items.length + t.items2.length);
      return u;
    })();
    t.items2.pop();
    await gc.collect();
    expect(u.size).to.equal(t.items.length + t.items2.length);
  });

  it('test_or: s | other is the union', () => {
    const i = t.s.union(t.items2);
    expect(t.s.__or__(new Set(t.items2)).__eq__(i)).to.equal(true);
    expect(t.s.__or__(Object.freeze([...t.items2])).__eq__(i)).to.equal(true);
  });

  it('test_intersection: intersection of any iterable; the result holds its members weakly', async () => {
    const i = (() => {
      const s = new WeakSet(letters());
      const i = s.intersection(t.items2);
      const all = letters();
      for (const c of all) expect(i.has(c)).to.equal(t.items2.includes(c) && all.includes(c));
      expect(s.__eq__(new WeakSet(letters()))).to.equal(true);
      expect(Object.getPrototypeOf(i)).to.equal(WeakSet.prototype);
      for (const [kind, make] of ITERABLE_KINDS) {
        expect(i.intersection(make(t.items)).__eq__(new WeakSet([])), kind).to.equal(true);
      }
      expect(i.size).to.equal(t.items2.length);
      return i;
    })();
    t.items2.pop();
    await gc.collect();
    expect(i.size).to.equal(t.items2.length);
  });

  it('test_isdisjoint: disjoint and overlapping sets', () => {
    expect(t.s.isdisjoint(new WeakSet(t.items2))).to.equal(true);
    expect(!t.s.isdisjoint(new WeakSet(letters()))).to.equal(true);
  });

  it('test_and: s & other is the intersection', () => {
    const i = t.s.intersection(t.items2);
    expect(t.s.__and__(new Set(t.items2)).__eq__(i)).to.equal(true);
    expect(t.s.__and__(Object.freeze([...t.items2])).__eq__(i)).to.equal(true);
  });

  it('test_difference: difference, and TypeError for an item that cannot be held weakly', () => {
    const i = t.s.difference(t.items2);
    for (const c of letters()) expect(i.has(c)).to.equal(t.d.has(c) && !t.items2.includes(c));
    expect(t.s.__eq__(new WeakSet(t.items))).to.equal(true);
    expect(Object.getPrototypeOf(i)).to.equal(WeakSet.prototype);
    expect(() => t.s.difference([42])).to.throw(TypeError, "cannot create weak reference to 'number' object");
  });

  it('test_sub: s - other is the difference', () => {
    const i = t.s.difference(t.items2);
    expect(t.s.__sub__(new Set(t.items2)).__eq__(i)).to.equal(true);
    expect(t.s.__sub__(Object.freeze([...t.items2])).__eq__(i)).to.equal(true);
  });

  it('test_symmetric_difference: symmetric difference; the result holds its members weakly', async () => {
    const i = (() => {
      const i = t.s.symmetric_difference(t.items2);
      for (const c of letters()) expect(i.has(c)).to.equal(t.d.has(c) !== t.items2.includes(c));
      expect(t.s.__eq__(new WeakSet(t.items))).to.equal(true);
      expect(Object.getPrototypeOf(i)).to.equal(WeakSet.prototype);
      expect(() => t.s.symmetric_difference([42] as never)).to.throw(TypeError);
      expect(i.size).to.equal(t.items.length + t.items2.length);
      return i;
    })();
    t.items2.pop();
    await gc.collect();
    expect(i.size).to.equal(t.items.length + t.items2.length);
  });

  it('test_xor: s ^ other is the symmetric difference', () => {
    const i = t.s.symmetric_difference(t.items2);
    expect(t.s.__xor__(new Set(t.items2)).__eq__(i)).to.equal(true);
    expect(t.s.__xor__(Object.freeze([...t.items2])).__eq__(i)).to.equal(true);
  });

  it('test_sub_and_super: <=, >=, issubset and issuperset', () => {
    expect(t.ab_weakset.__le__(t.abcde_weakset)).to.equal(true);
    expect(t.abcde_weakset.__le__(t.abcde_weakset)).to.equal(true);
    expect(t.abcde_weakset.__ge__(t.ab_weakset)).to.equal(true);
    expect(t.abcde_weakset.__le__(t.def_weakset)).to.equal(false);
    expect(t.abcde_weakset.__ge__(t.def_weakset)).to.equal(false);
    // CPython's last four lines check Python's own set with strings; their WeakSet form, with plain
    // arrays as the other operand:
    const [a, b, c] = t.items;
    const s = new UStr('s');
    expect(new WeakSet([a]).issubset([a, b, c])).to.equal(true);
    expect(new WeakSet([a, b, c]).issuperset([a])).to.equal(true);
    expect(new WeakSet([a]).issubset([c, b, s])).to.equal(false);
    expect(new WeakSet([c, b, s]).issuperset([a])).to.equal(false);
  });

  it('test_lt: proper subset', () => {
    expect(t.ab_weakset.__lt__(t.abcde_weakset)).to.equal(true);
    expect(t.abcde_weakset.__lt__(t.def_weakset)).to.equal(false);
    expect(t.ab_weakset.__lt__(t.ab_weakset)).to.equal(false);
    expect(new WeakSet().__lt__(new WeakSet())).to.equal(false);
  });

  it('test_gt: proper superset', () => {
    expect(t.abcde_weakset.__gt__(t.ab_weakset)).to.equal(true);
    expect(t.abcde_weakset.__gt__(t.def_weakset)).to.equal(false);
    expect(t.ab_weakset.__gt__(t.ab_weakset)).to.equal(false);
    expect(new WeakSet().__gt__(new WeakSet())).to.equal(false);
  });

  it('test_gc: a nest of cycles through members and sets is collected whole', async () => {
    // Create a nest of cycles to exercise the collector. (In CPython the Foo objects die at once;
    // here they live until the next collection, so the loop really builds the cycles.)
    let s: WeakSet<Foo> | undefined = (() => {
      const s = new WeakSet(Array.from({ length: 1000 }, () => new Foo()));
      for (const elem of s) {
        elem.cycle = s;
        elem.sub = elem;
        elem.set = new WeakSet([elem]);
      }
      return s;
    })();
    const wr = ref(s);
    expect(s.size).to.equal(1000);
    await gc.collect();
    expect(s.size).to.equal(0);
    s = undefined;
    await assertCollected(wr);
  });

  it('test_subclass_with_custom_hash: a subclass may define __hash__ (Bug #1257731)', () => {
    let counter = 0;
    class H extends WeakSet {
      readonly #id = ++counter;
      override __hash__(): number {
        return this.#id & 0x7fffffff;
      }
    }
    const s = new H();
    const f = new Set<H>();
    f.add(s);
    expect(f.has(s)).to.equal(true);
    f.delete(s);
    f.add(s);
    f.delete(s);
    // What the hash is for in this library: a ref hashes as its referent.
    expect(ref(s).__hash__()).to.equal(s.__hash__());
  });

  it('test_init: __init__ empties the set and refills it', () => {
    const s = new WeakSet<UStr>();
    s.__init__(t.items);
    expect(s.__eq__(t.s)).to.equal(true);
    s.__init__(t.items2);
    expect(s.__eq__(new WeakSet(t.items2))).to.equal(true);
    expect(() => (s.__init__ as (...a: unknown[]) => void)(s, 2)).to.throw(TypeError);
    expect(() => s.__init__(1 as never)).to.throw(TypeError, "'number' object is not iterable");
  });

  it('test_constructor_identity: a set built from a set is a new object', () => {
    const s = new WeakSet(t.items);
    const u = new WeakSet(s);
    expect(u).not.to.equal(s);
    expect(u.__eq__(s)).to.equal(true);
  });

  it('test_hash: a WeakSet is unhashable', () => {
    expect(() => t.s.__hash__()).to.throw(TypeError, "unhashable type: 'WeakSet'");
  });

  it('test_clear: clear empties the set', () => {
    t.s.clear();
    expect(t.s.__eq__(new WeakSet([]))).to.equal(true);
    expect(t.s.__len__()).to.equal(0);
  });

  it('test_copy: copy is equal and distinct', () => {
    const dup = t.s.copy();
    expect(t.s.__eq__(dup)).to.equal(true);
    expect(dup).not.to.equal(t.s);
  });

  it('test_add: add, add twice, TypeError for a primitive, a collected member leaves', async () => {
    (() => {
      const x = new UStr('Q');
      t.s.add(x);
      expect(t.s.has(x)).to.equal(true);
      const dup = t.s.copy();
      t.s.add(x);
      expect(t.s.__eq__(dup)).to.equal(true);
      expect(() => t.s.add(42 as never)).to.throw(TypeError, "cannot create weak reference to 'number' object");
      t.fs.add(new Foo() as never);
    })();
    await gc.collect();
    expect(t.fs.__len__() === 1).to.equal(true);
    t.fs.add(t.obj!);
    expect(t.fs.__len__() === 1).to.equal(true);
  });

  it('test_remove: remove, KeyError when missing, TypeError for a primitive', () => {
    const x = t.items[0]; // CPython: ustr('a'), equal to the member; here the member itself
    t.s.remove(x);
    expect(t.s.has(x)).to.equal(false);
    expect(() => t.s.remove(x)).to.throw(KeyError);
    expect(() => t.s.remove(42 as never)).to.throw(TypeError);
  });

  it('test_discard: discard a member and a non-member; TypeError for a primitive', () => {
    const a = t.items[0];
    const q = new UStr('Q');
    t.s.discard(a);
    expect(t.s.has(a)).to.equal(false);
    t.s.discard(q);
    expect(() => t.s.discard(42 as never)).to.throw(TypeError);
  });

  it('test_pop: pop every member, then KeyError', () => {
    const n = t.s.__len__();
    for (let i = 0; i < n; i++) {
      const elem = t.s.pop();
      expect(t.s.has(elem)).to.equal(false);
    }
    expect(() => t.s.pop()).to.throw(KeyError, 'pop from empty WeakSet');
  });

  it('test_update: update returns undefined and adds every item; TypeError for a primitive', () => {
    const retval = t.s.update(t.items2);
    expect(retval).to.equal(undefined);
    for (const c of [...t.items, ...t.items2]) expect(t.s.has(c)).to.equal(true);
    expect(() => t.s.update([42] as never)).to.throw(TypeError);
  });

  it('test_update_set: update from a Set', () => {
    t.s.update(new Set(t.items2));
    for (const c of [...t.items, ...t.items2]) expect(t.s.has(c)).to.equal(true);
  });

  it('test_ior: s |= other', () => {
    t.s = t.s.__ior__(new Set(t.items2));
    for (const c of [...t.items, ...t.items2]) expect(t.s.has(c)).to.equal(true);
  });

  function expectIntersected(): void {
    for (const c of [...t.items, ...t.items2]) {
      expect(t.s.has(c)).to.equal(t.items2.includes(c) && t.items.includes(c));
    }
  }

  function expectDifferenced(): void {
    for (const c of [...t.items, ...t.items2]) {
      expect(t.s.has(c)).to.equal(t.items.includes(c) && !t.items2.includes(c));
    }
  }

  function expectXored(): void {
    for (const c of [...t.items, ...t.items2]) {
      expect(t.s.has(c)).to.equal(t.items.includes(c) !== t.items2.includes(c));
    }
  }

  it('test_intersection_update: in-place intersection returns undefined', () => {
    const retval = t.s.intersection_update(t.items2);
    expect(retval).to.equal(undefined);
    expectIntersected();
    expect(() => t.s.intersection_update([42])).to.throw(TypeError);
  });

  it('test_iand: s &= other', () => {
    t.s = t.s.__iand__(new Set(t.items2));
    expectIntersected();
  });

  it('test_difference_update: in-place difference returns undefined', () => {
    const retval = t.s.difference_update(t.items2);
    expect(retval).to.equal(undefined);
    expectDifferenced();
    expect(() => t.s.difference_update([42])).to.throw(TypeError);
    expect(() => t.s.symmetric_difference_update([42] as never)).to.throw(TypeError);
  });

  it('test_isub: s -= other', () => {
    t.s = t.s.__isub__(new Set(t.items2));
    expectDifferenced();
  });

  it('test_symmetric_difference_update: in-place symmetric difference returns undefined', () => {
    const retval = t.s.symmetric_difference_update(t.items2);
    expect(retval).to.equal(undefined);
    expectXored();
    expect(() => t.s.symmetric_difference_update([42] as never)).to.throw(TypeError);
  });

  it('test_ixor: s ^= other', () => {
    t.s = t.s.__ixor__(new Set(t.items2));
    expectXored();
  });

  it('test_inplace_on_self: |=, &=, -= and ^= with the set itself', () => {
    let u = t.s.copy();
    u = u.__ior__(u);
    expect(u.__eq__(t.s)).to.equal(true);
    u = u.__iand__(u);
    expect(u.__eq__(t.s)).to.equal(true);
    u = u.__isub__(u);
    expect(u.__eq__(new WeakSet())).to.equal(true);
    u = t.s.copy();
    u = u.__ixor__(u);
    expect(u.__eq__(new WeakSet())).to.equal(true);
  });

  it('test_eq: equal only to a WeakSet with the same members (issue 5964)', () => {
    expect(t.s.__eq__(t.s)).to.equal(true);
    expect(t.s.__eq__(new WeakSet(t.items))).to.equal(true);
    expect(t.s.__eq__(new Set(t.items))).to.equal(false);
    expect(t.s.__eq__([...t.items])).to.equal(false);
    expect(t.s.__eq__(Object.freeze([...t.items]))).to.equal(false);
    expect(t.s.__eq__(new WeakSet([Foo]))).to.equal(false);
    expect(t.s.__eq__(1)).to.equal(false);
  });

  it('test_ne: != is the negation of ==', () => {
    expect(t.s.__ne__(new Set(t.items))).to.equal(true);
    const s1 = new WeakSet();
    const s2 = new WeakSet();
    expect(s1.__ne__(s2)).to.equal(false);
  });

  it('test_weak_destroy_while_iterating: an iterator survives a member dying (Issue #7105)', async () => {
    // Create new items to be sure no-one else holds a reference.
    const items = ustrs('abc');
    const s = new WeakSet(items);
    let it: Iterator<UStr> | undefined = s[Symbol.iterator]();
    it.next(); // Trigger internal iteration
    // Destroy an item
    items.pop();
    await gc.collect();
    // We have removed either the first consumed item, or another one.
    const rest = (() => {
      const rest: UStr[] = [];
      for (let r = it.next(); !r.done; r = it.next()) rest.push(r.value);
      return rest.length;
    })();
    expect([items.length, items.length - 1]).to.include(rest);
    it = undefined;
    // The removal has been committed.
    expect(s.__len__()).to.equal(items.length);
  });

  it('test_weak_destroy_and_mutate_while_iterating: mutating while an iterator is open (Issue #7105)', async () => {
    const items = ustrs(ASCII_LETTERS);
    const s = new WeakSet(items);
    let expected = 0;

    /** Starts an iteration, drops the last item and returns a new object with its letter. */
    function start(it: Iterator<UStr>): UStr {
      expected = s.size - 1;
      const yielded = it.next().value as UStr;
      // Schedule an item for removal and recreate it (a distinct object with the same letter).
      const popped = items.pop()!;
      const u = new UStr(popped.value);
      // The iterator still holds the item it yielded last: advance it (issue #20006).
      if (yielded === popped) it.next();
      return u;
    }

    /** CPython's `with testcontext() as u:` block: `body` runs while an iteration is in progress. */
    async function testcontext(body: (u: UStr) => void): Promise<UStr> {
      let it: Iterator<UStr> | undefined = s[Symbol.iterator]();
      try {
        const u = start(it);
        await gc.collect();
        // With identity, the popped item's death shows in the size (CPython's check is `u not in s`).
        expect(s.size).to.equal(expected);
        body(u);
        return u;
      } finally {
        it = undefined; // should commit all removals
      }
    }

    let u = await testcontext((u) => expect(s.has(u)).to.equal(false));
    u = await testcontext((u) => expect(() => s.remove(u)).to.throw(KeyError));
    expect(s.has(u)).to.equal(false);
    u = await testcontext((u) => s.add(u));
    expect(s.has(u)).to.equal(true);
    const copy = s.copy();
    await testcontext(() => s.update(copy));
    expect(s.__len__()).to.equal(copy.__len__());
    await testcontext(() => s.clear());
    expect(s.__len__()).to.equal(0);
  });

  it('test_len_cycles: len is exact once the iterator that held the last member is gone', async () => {
    const N = 20;
    const s = new WeakSet(Array.from({ length: N }, () => new RefCycle()));
    let it: Iterator<RefCycle> | undefined = s[Symbol.iterator]();
    (() => void it!.next())();
    await gc.collect();
    const n1 = s.__len__();
    it = undefined;
    await gc.collect();
    const n2 = s.__len__();
    // One item may be kept alive inside the iterator.
    expect([0, 1]).to.include(n1);
    expect(n2).to.equal(0);
  });

  it('test_len_race: len stays within bounds whenever collections happen', async () => {
    // CPython varies the collector's thresholds so that a collection happens at different points.
    // gc.set_threshold() is ported, but V8 decides when it collects: the JavaScript analog forces
    // collections at different points instead (CPython's gc.collect(0) per round is left out: 99
    // full collections; the forced ones below do its work).
    const thresholds = gc.get_threshold(); // self.addCleanup(gc.set_threshold, *gc.get_threshold())
    try {
      for (let th = 1; th < 100; th++) {
        const N = 20;
        gc.set_threshold(th, th, th);
        const s = new WeakSet(Array.from({ length: N }, () => new RefCycle()));
        // All items will be collected at the next garbage collection pass.
        let it: Iterator<RefCycle> | undefined = s[Symbol.iterator]();
        (() => void it!.next())();
        if (th % 20 === 0) await gc.collect();
        const n1 = s.__len__();
        it = undefined;
        if (th % 10 === 0) await gc.collect();
        const n2 = s.__len__();
        expect(n1).to.be.at.least(0).and.at.most(N);
        expect(n2).to.be.at.least(0).and.at.most(n1);
      }
    } finally {
      gc.set_threshold(...thresholds);
    }
  });

  it("test_repr: repr(s) is repr(s.data), the set of the members' refs", () => {
    const refs = t.items.map((item) => String(getweakrefs(item)[0]));
    expect(String(t.s)).to.equal(`{${refs.join(', ')}}`);
    expect(String(new WeakSet())).to.equal('set()');
  });

  it.skip('test_abc [n/a: collections.abc Set/MutableSet have no JavaScript counterpart; test_methods checks the API]');

  it.skip(
    'test_copying [n/a: Python copy.copy/deepcopy, __reduce__ and __slots__ have no JavaScript counterpart; copy() keeping the subclass is under JavaScript interop]',
  );
});

describe('JavaScript interop: WeakSet', () => {
  class A {}

  it('should count one weak reference per member and set, and stop counting after discard', async () => {
    const o = new A();
    const s1 = new WeakSet([o]);
    const s2 = new WeakSet([o]);
    expect(getweakrefcount(o)).to.equal(2);
    expect(getweakrefs(o).every((r) => r instanceof ref)).to.equal(true);
    s1.discard(o);
    s2.discard(o);
    await gc.collect();
    expect(getweakrefcount(o)).to.equal(0);
  });

  it('should lose a member shared by two sets from both in one collection', async () => {
    let o: A | undefined = new A();
    const s1 = new WeakSet([o]);
    const s2 = new WeakSet([o, new A()]);
    o = undefined;
    await gc.collect();
    expect([s1.size, s2.size]).to.deep.equal([0, 0]);
  });

  it('should answer has() false for every primitive and throw the contract TypeError on add()', () => {
    const s = new WeakSet();
    for (const [value, type] of PRIMITIVES) {
      expect(s.has(value), type).to.equal(false);
      expect(s.__contains__(value), type).to.equal(false);
      expect(() => s.add(value as never), type).to.throw(TypeError, `cannot create weak reference to '${type}' object`);
    }
    expect(s.size).to.equal(0);
  });

  it('should accept functions, classes and non-registered symbols as members', () => {
    const fn = (): void => {};
    const sym = Symbol('local');
    const s = new WeakSet<WeakKey>([fn, A, sym]);
    expect([s.has(fn), s.has(A), s.has(sym), s.size]).to.deep.equal([true, true, true, 3]);
  });

  it('should return undefined from add, update, clear, discard and the *_update methods', () => {
    const a = new A();
    const s = new WeakSet<A>();
    expect(s.add(a)).to.equal(undefined);
    expect(s.update([a])).to.equal(undefined);
    expect(s.discard(a)).to.equal(undefined);
    expect(s.intersection_update([a])).to.equal(undefined);
    expect(s.difference_update([a])).to.equal(undefined);
    expect(s.symmetric_difference_update([a])).to.equal(undefined);
    expect(s.clear()).to.equal(undefined);
  });

  it('should give KeyError.key and the messages of Python', () => {
    const a = new A();
    const s = new WeakSet<A>();
    try {
      s.remove(a);
      expect.fail('remove of a non-member must throw');
    } catch (e) {
      expect(e).to.be.instanceOf(KeyError);
      expect((e as KeyError).key).to.equal(a);
    }
    try {
      s.pop();
      expect.fail('pop of an empty set must throw');
    } catch (e) {
      expect(e).to.be.instanceOf(KeyError);
      expect((e as Error).message).to.equal('pop from empty WeakSet');
    }
    expect(() => new WeakSet(42 as never)).to.throw(TypeError, "'number' object is not iterable");
    expect(() => s.update(null as never)).to.throw(TypeError, "'null' object is not iterable");
  });

  it('should leave the set unchanged when an argument holds an item that cannot be held weakly', () => {
    const a = new A();
    const b = new A();
    const s = new WeakSet([a]);
    expect(() => s.update([b, 42] as never)).to.throw(TypeError);
    expect(() => s.intersection_update([b, 42])).to.throw(TypeError);
    expect(() => s.difference_update([a, 42])).to.throw(TypeError);
    expect(() => s.symmetric_difference_update([a, b, 42] as never)).to.throw(TypeError);
    expect(() => s.__ior__([b, 42] as never)).to.throw(TypeError);
    expect([...s]).to.deep.equal([a]);
  });

  it('should iterate over a snapshot: adding and removing while iterating never throws', () => {
    const items = [new A(), new A(), new A()];
    const s = new WeakSet(items);
    const seen: A[] = [];
    for (const item of s) {
      seen.push(item);
      s.discard(items[2]);
      s.add(new A());
      s.clear();
    }
    // The snapshot yields the members alive when iteration started (CPython 3.14's data.copy()).
    expect(seen).to.deep.equal(items);
    expect(s.size).to.equal(0);
  });

  it('should skip a member that dies while an iteration is in progress, and hold the snapshot weakly', async () => {
    const s = new WeakSet<A>();
    let keep: A[] | undefined = [new A(), new A(), new A()];
    const wrs = keep.map((a) => ref(a));
    s.update(keep);
    let it: Iterator<A> | undefined = s[Symbol.iterator]();
    const first = (() => it!.next().value === keep![0])();
    expect(first).to.equal(true);
    keep = undefined;
    // The snapshot holds the members weakly: those not yet reached died. (CPython's generator keeps
    // the member it yielded last; V8's generator may or may not, so the first one is not checked.)
    await expect(wrs[1]).to.be.collected;
    expect(wrs[2]()).to.equal(undefined);
    expect(it.next().done).to.equal(true);
    it = undefined;
    await expect(wrs[0]).to.be.collected;
    expect(s.size).to.equal(0);
  });

  it('should support spread, Array.from, for..of and __iter__', () => {
    const items = [new A(), new A()];
    const s = new WeakSet(items);
    expect([...s]).to.deep.equal(items);
    expect(Array.from(s)).to.deep.equal(items);
    expect([...s.__iter__()]).to.deep.equal(items);
  });

  it('should keep size and __len__ equal, and exact after gc.collect()', async () => {
    const s = new WeakSet<A>();
    const keep = [new A(), new A()];
    (() => {
      s.update(keep);
      for (let i = 0; i < 10; i++) s.add(new A());
    })();
    expect(s.size).to.equal(s.__len__());
    await gc.collect();
    expect(s.size).to.equal(2);
    expect(s.__len__()).to.equal(2);
  });

  it('should not keep its members alive, and be collectable while they live', async () => {
    const o = new A();
    let s: WeakSet<A> | undefined = new WeakSet([o]);
    const wr = ref(s);
    s = undefined;
    await expect(wr).to.be.collected;
    expect(getweakrefcount(o)).to.equal(0);
  });

  it('should print like CPython 3.14 and tag itself WeakSet', () => {
    const a = new A();
    const s = new WeakSet([a]);
    expect(String(s)).to.match(/^\{<weakref at 0x[0-9a-f]+; to 'A' at 0x[0-9a-f]+>\}$/);
    expect(util.inspect(s)).to.equal(String(s));
    expect(Object.prototype.toString.call(s)).to.equal('[object WeakSet]');
    expect(util.inspect(new WeakSet())).to.equal('set()');
  });

  it('should build results of the same class in copy, union, intersection, difference', () => {
    class Tagged<T extends WeakKey> extends WeakSet<T> {
      tag = 'tagged';
    }
    const a = new A();
    const s = new Tagged([a]);
    for (const r of [s.copy(), s.union([new A()]), s.intersection([a]), s.difference([]), s.symmetric_difference([])]) {
      expect(r).to.be.instanceOf(Tagged);
    }
    // Python's reflected ==: a base WeakSet and a subclass instance with the same members are equal.
    expect(new WeakSet([a]).__eq__(s)).to.equal(true);
    expect(s.__eq__(new WeakSet([a]))).to.equal(true);
  });

  it('should shadow the global WeakSet only where imported', () => {
    expect(WeakSet).not.to.equal(globalThis.WeakSet);
    expect(new globalThis.WeakSet()).not.to.be.instanceOf(WeakSet);
  });
});
