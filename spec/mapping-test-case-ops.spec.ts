/**
 * Port of CPython's Lib/test/test_weakref.py MappingTestCase, part 2: construction, the methods and
 * operators (popitem, setdefault, update, delitem, `|`), repr, the threaded race tests done
 * deterministically, and test_remove_closure in its JavaScript form. Part 1 is
 * spec/mapping-test-case.spec.ts.
 */
import { expect } from 'chai';
import { getweakrefcount, gc, KeyError, ref, WeakKeyDictionary, WeakValueDictionary } from '../src';
import { C, assertCollected } from './support/lifetime';
import { PyObject, RefCycle, collectWithoutCleanup, expectSameMap, mapUnion } from './support/dict-fixtures';
import { disableGc } from './support/gc-toggle';

type Dict = WeakValueDictionary<any, any> | WeakKeyDictionary<any, any>;
type DictClass = new (other?: any) => Dict;

/** CPython's check_popitem. */
function checkPopitem(klass: DictClass, key1: unknown, value1: unknown, key2: unknown, value2: unknown): void {
  const weakdict = new klass();
  weakdict.__setitem__(key1, value1);
  weakdict.__setitem__(key2, value2);
  expect(weakdict.__len__()).to.equal(2);
  let [k, v] = weakdict.popitem();
  expect(weakdict.__len__()).to.equal(1);
  expect(v).to.equal(k === key1 ? value1 : value2);
  [k, v] = weakdict.popitem();
  expect(weakdict.__len__()).to.equal(0);
  expect(v).to.equal(k === key1 ? value1 : value2);
}

/** CPython's check_setdefault. */
function checkSetdefault(klass: DictClass, key: unknown, value1: unknown, value2: unknown): void {
  expect(value1, 'invalid test -- value parameters must be distinct objects').not.to.equal(value2);
  const weakdict = new klass();
  let o = weakdict.setdefault(key, value1);
  expect(o).to.equal(value1);
  expect(weakdict.__contains__(key)).to.equal(true);
  expect(weakdict.get(key)).to.equal(value1);
  expect(weakdict.__getitem__(key)).to.equal(value1);

  o = weakdict.setdefault(key, value2);
  expect(o).to.equal(value1);
  expect(weakdict.__contains__(key)).to.equal(true);
  expect(weakdict.get(key)).to.equal(value1);
  expect(weakdict.__getitem__(key)).to.equal(value1);
}

/** CPython's check_update: exercises update(), len(), keys(), `in`, get(), []. */
function checkUpdate(klass: DictClass, dict: Map<unknown, unknown>): void {
  const weakdict = new klass();
  weakdict.update(dict);
  expect(weakdict.__len__()).to.equal(dict.size);
  for (const k of weakdict.keys()) {
    expect(dict.has(k), 'mysterious new key appeared in weak dict').to.equal(true);
    const v = dict.get(k);
    expect(weakdict.__getitem__(k)).to.equal(v);
    expect(weakdict.get(k)).to.equal(v);
  }
  for (const k of dict.keys()) {
    expect(weakdict.__contains__(k), 'original key disappeared in weak dict').to.equal(true);
    const v = dict.get(k);
    expect(weakdict.__getitem__(k)).to.equal(v);
    expect(weakdict.get(k)).to.equal(v);
  }
}

const asMap = (d: Dict): Map<unknown, unknown> => new Map(d.items());

/** Fills a dictionary in a helper, so that the values (or keys) are held by `keep` only. */
function fill(d: Dict, n: number, keep: object[], keyed: boolean): void {
  for (let i = 0; i < n; i++) {
    const k = new PyObject(i);
    const v = new PyObject(-i);
    keep.push(keyed ? k : v);
    d.__setitem__(keyed ? k : i, keyed ? v : v);
  }
}

/**
 * CPython's check_threaded_weak_dict_copy copies a dictionary in one thread while another drops its
 * referents and collects. Deterministically: the copy runs while half of the referents are dead but
 * not yet cleaned up (their entries still in place), then again after the clean-up. As CPython's
 * collect_in_thread(), it runs with gc disabled (`support.disable_gc()`): only the test's own
 * `gc.collect()` cleans up, never the engine's registry between two steps.
 */
async function checkWeakDictCopyWhileCollecting(klass: DictClass, keyed: boolean): Promise<void> {
  await disableGc(() => weakDictCopyWhileCollecting(klass, keyed)); // CPython's collect_in_thread()
}

async function weakDictCopyWhileCollecting(klass: DictClass, keyed: boolean): Promise<void> {
  const d = new klass();
  const keep: object[] = [];
  fill(d, 2000, keep, keyed);
  for (let i = keep.length - 1; i >= 0; i -= 2) keep.splice(i, 1);
  await collectWithoutCleanup();
  const copy1 = d.copy();
  expect(copy1.__len__()).to.equal(keep.length);
  await gc.collect();
  const copy2 = d.copy();
  expect(copy2.__len__()).to.equal(keep.length);
  expect(d.__len__()).to.equal(keep.length);
}

describe('MappingTestCase', () => {
  it('test_make_weak_keyed_dict_from_dict: a WeakKeyDictionary made from a Map', () => {
    const o = new PyObject(3);
    const dict = new WeakKeyDictionary(new Map([[o, 364]]));
    expect(dict.__getitem__(o)).to.equal(364);
  });

  it('test_make_weak_keyed_dict_from_weak_keyed_dict: a WeakKeyDictionary made from another', () => {
    const o = new PyObject(3);
    const dict = new WeakKeyDictionary(new Map([[o, 364]]));
    const dict2 = new WeakKeyDictionary(dict);
    expect(dict.__getitem__(o)).to.equal(364);
    expect(dict2.__getitem__(o)).to.equal(364);
  });

  it('test_make_weak_valued_dict_from_dict: a WeakValueDictionary made from a Map', () => {
    const o = new PyObject(3);
    const dict = new WeakValueDictionary(new Map([[364, o]]));
    expect(dict.__getitem__(364)).to.equal(o);
  });

  it('test_make_weak_valued_dict_from_weak_valued_dict: a WeakValueDictionary made from another', () => {
    const o = new PyObject(3);
    const dict = new WeakValueDictionary(new Map([[364, o]]));
    const dict2 = new WeakValueDictionary(dict);
    expect(dict.__getitem__(364)).to.equal(o);
    expect(dict2.__getitem__(364)).to.equal(o);
  });

  it('test_make_weak_valued_dict_misc: bad constructor calls; keyword names as plain-object keys', () => {
    // Python: WeakValueDictionary.__init__() without self; JavaScript: the class called without new.
    expect(() => (WeakValueDictionary as unknown as () => void)()).to.throw(TypeError);
    // @ts-expect-error two positional arguments
    expect(() => new WeakValueDictionary({}, {})).to.throw(
      TypeError,
      'WeakValueDictionary expected at most 1 argument, got 2',
    );
    // @ts-expect-error two positional arguments
    expect(() => new WeakValueDictionary([], [])).to.throw(TypeError);
    // Special keyword arguments: Python's **kw is a plain object.
    const o = new PyObject(3);
    for (const kw of ['self', 'dict', 'other', 'iterable']) {
      const d = new WeakValueDictionary({ [kw]: o });
      expect([...d.keys()]).to.deep.equal([kw]);
      expect((d as unknown as Record<string, unknown>)[kw]).to.equal(o);
    }
  });

  it('test_weak_valued_dict_popitem: popitem returns matching pairs until empty', () => {
    checkPopitem(WeakValueDictionary, 'key1', new C(), 'key2', new C());
  });

  it('test_weak_keyed_dict_popitem: popitem returns matching pairs until empty', () => {
    checkPopitem(WeakKeyDictionary, new C(), 'value 1', new C(), 'value 2');
  });

  it('test_weak_valued_dict_setdefault: setdefault stores once, then returns the stored value', () => {
    checkSetdefault(WeakValueDictionary, 'key', new C(), new C());
  });

  it('test_weak_keyed_dict_setdefault: setdefault stores once, then returns the stored value', () => {
    checkSetdefault(WeakKeyDictionary, new C(), 'value 1', 'value 2');
  });

  it('test_weak_valued_dict_update: update from a mapping; bad calls; keyword names', () => {
    checkUpdate(
      WeakValueDictionary,
      new Map<unknown, unknown>([
        [1, new C()],
        ['a', new C()],
        [new C(), new C()],
      ]),
    );
    // errors
    expect(() => (WeakValueDictionary.prototype.update as (o?: unknown) => void).call(undefined)).to.throw(TypeError);
    let d = new WeakValueDictionary();
    // @ts-expect-error two arguments
    expect(() => d.update({}, {})).to.throw(TypeError, 'update expected at most 1 argument, got 2');
    // @ts-expect-error two arguments
    expect(() => d.update([], [])).to.throw(TypeError);
    expect([...d.keys()]).to.deep.equal([]);
    // special keyword arguments
    const o = new PyObject(3);
    for (const kw of ['self', 'dict', 'other', 'iterable']) {
      d = new WeakValueDictionary();
      d.update({ [kw]: o });
      expect([...d.keys()]).to.deep.equal([kw]);
      expect(d.__getitem__(kw)).to.equal(o);
    }
  });

  it('test_weak_valued_union_operators: | |= and the reflected | between weak dicts, Maps and pairs', async () => {
    let a: C | undefined = new C();
    const b = new C();
    const c = new C();
    const wvd1 = new WeakValueDictionary<number, C>(new Map([[1, a]]));
    const wvd2 = new WeakValueDictionary<number, C>(
      new Map([
        [1, b],
        [2, a],
      ]),
    );
    const wvd3 = wvd1.copy();
    const d1 = new Map([
      [1, c],
      [3, b],
    ]);
    const pairs: Array<[number, C]> = [
      [5, c],
      [6, b],
    ];

    const tmp1 = wvd1.__or__(wvd2); // Between two WeakValueDictionaries
    expectSameMap(asMap(tmp1), mapUnion(asMap(wvd1), asMap(wvd2)));
    expect(Object.getPrototypeOf(tmp1)).to.equal(WeakValueDictionary.prototype);
    wvd1.__ior__(wvd2);
    expect(wvd1.__eq__(tmp1)).to.equal(true);

    const tmp2 = wvd2.__or__(d1); // Between WeakValueDictionary and mapping
    expectSameMap(asMap(tmp2), mapUnion(asMap(wvd2), d1));
    expect(Object.getPrototypeOf(tmp2)).to.equal(WeakValueDictionary.prototype);
    wvd2.__ior__(d1);
    expect(wvd2.__eq__(tmp2)).to.equal(true);

    const tmp3 = wvd3.copy(); // Between WeakValueDictionary and iterable key, value
    tmp3.__ior__(pairs);
    expectSameMap(asMap(tmp3), mapUnion(asMap(wvd3), pairs));
    expect(Object.getPrototypeOf(tmp3)).to.equal(WeakValueDictionary.prototype);

    const tmp4 = wvd3.__ror__(d1); // Testing .__ror__ (Python: d1 | wvd3)
    expectSameMap(asMap(tmp4), mapUnion(d1, asMap(wvd3)));
    expect(Object.getPrototypeOf(tmp4)).to.equal(WeakValueDictionary.prototype);

    a = undefined;
    await gc.collect();
    expect(tmp1.__contains__(2)).to.equal(false);
    expect(tmp2.__contains__(2)).to.equal(false);
    expect(tmp3.__contains__(1)).to.equal(false);
    expect(tmp4.__contains__(1)).to.equal(false);
  });

  it('test_weak_keyed_dict_update: update from a mapping', () => {
    checkUpdate(
      WeakKeyDictionary,
      new Map<unknown, unknown>([
        [new C(), 1],
        [new C(), 2],
        [new C(), 3],
      ]),
    );
  });

  it('test_weak_keyed_delitem: del d[k] removes exactly that entry', () => {
    const d = new WeakKeyDictionary<PyObject, string>();
    const o1 = new PyObject('1');
    const o2 = new PyObject('2');
    d.__setitem__(o1, 'something');
    d.__setitem__(o2, 'something');
    expect(d.__len__()).to.equal(2);
    d.__delitem__(o1);
    expect(d.__len__()).to.equal(1);
    expect([...d.keys()]).to.deep.equal([o2]);
    expect([...d.keys()][0]).to.equal(o2);
  });

  it('test_weak_keyed_union_operators: | |= and the reflected | between weak dicts, Maps and pairs', async () => {
    let o1: C | undefined = new C();
    const o2 = new C();
    const o3 = new C();
    const wkd1 = new WeakKeyDictionary<C, unknown>(
      new Map<C, unknown>([
        [o1, 1],
        [o2, 2],
      ]),
    );
    const wkd2 = new WeakKeyDictionary<C, unknown>(
      new Map<C, unknown>([
        [o3, 3],
        [o1, 4],
      ]),
    );
    const wkd3 = wkd1.copy();
    const d1 = new Map<C, unknown>([
      [o2, '5'],
      [o3, '6'],
    ]);
    const pairs: Array<[C, unknown]> = [
      [o2, 7],
      [o3, 8],
    ];

    const tmp1 = wkd1.__or__(wkd2); // Between two WeakKeyDictionaries
    expectSameMap(asMap(tmp1), mapUnion(asMap(wkd1), asMap(wkd2)));
    expect(Object.getPrototypeOf(tmp1)).to.equal(WeakKeyDictionary.prototype);
    wkd1.__ior__(wkd2);
    expect(wkd1.__eq__(tmp1)).to.equal(true);

    const tmp2 = wkd2.__or__(d1); // Between WeakKeyDictionary and mapping
    expectSameMap(asMap(tmp2), mapUnion(asMap(wkd2), d1));
    expect(Object.getPrototypeOf(tmp2)).to.equal(WeakKeyDictionary.prototype);
    wkd2.__ior__(d1);
    expect(wkd2.__eq__(tmp2)).to.equal(true);

    const tmp3 = wkd3.copy(); // Between WeakKeyDictionary and iterable key, value
    tmp3.__ior__(pairs);
    expectSameMap(asMap(tmp3), mapUnion(asMap(wkd3), pairs));
    expect(Object.getPrototypeOf(tmp3)).to.equal(WeakKeyDictionary.prototype);

    const tmp4 = wkd3.__ror__(d1); // Testing .__ror__ (Python: d1 | wkd3)
    expectSameMap(asMap(tmp4), mapUnion(d1, asMap(wkd3)));
    expect(Object.getPrototypeOf(tmp4)).to.equal(WeakKeyDictionary.prototype);

    o1 = undefined;
    await gc.collect();
    expect([...tmp1.values()]).not.to.include(4);
    expect([...tmp2.values()]).not.to.include(4);
    expect([...tmp3.values()]).not.to.include(1);
    expect([...tmp4.values()]).not.to.include(1);
  });

  it('test_weak_valued_delitem: del d[k] removes exactly that entry', () => {
    const d = new WeakValueDictionary<string, PyObject>();
    const o1 = new PyObject('1');
    const o2 = new PyObject('2');
    d.__setitem__('something', o1);
    d.__setitem__('something else', o2);
    expect(d.__len__()).to.equal(2);
    d.__delitem__('something');
    expect(d.__len__()).to.equal(1);
    const items = [...d.items()];
    expect(items).to.have.length(1);
    expect(items[0][0]).to.equal('something else');
    expect(items[0][1]).to.equal(o2);
  });

  it('test_weak_keyed_bad_delitem: KeyError for a missing key, TypeError for a key that cannot be weakly referenced', () => {
    const d = new WeakKeyDictionary<object, unknown>();
    const o = new PyObject('1');
    // An attempt to delete an object that isn't there should raise KeyError.
    expect(() => d.__delitem__(o)).to.throw(KeyError);
    expect(() => d.__getitem__(o)).to.throw(KeyError);
    // If a key isn't of a weakly referencable type, __getitem__ and __setitem__ raise TypeError.
    // __delitem__ should too.
    const bad = 13 as unknown as object;
    expect(() => d.__delitem__(bad)).to.throw(TypeError, "cannot create weak reference to 'number' object");
    expect(() => d.__getitem__(bad)).to.throw(TypeError, "cannot create weak reference to 'number' object");
    expect(() => d.__setitem__(bad, 13)).to.throw(TypeError, "cannot create weak reference to 'number' object");
  });

  it('test_weak_keyed_cascading_deletes: deleting keys while their deletion drops other keys', async () => {
    // SF bug 742860: __delitem__ used to iterate over the keys, and keys vanishing meanwhile raised
    // RuntimeError. CPython's keys compare with an __eq__ that drops the last strong reference to
    // another key; JavaScript keys compare by identity, so that side effect runs in the loop instead.
    const d = new WeakKeyDictionary<PyObject, unknown>();
    let objs = ((): PyObject[] => {
      const made = [0, 1, 2, 3].map((i) => new PyObject(i));
      for (const o of made) d.__setitem__(o, o.arg);
      return made;
    })();
    // Find the order in which keys() sees the keys, and reverse it.
    objs = [...d.keys()].reverse();
    let count = 0;
    for (const o of objs) {
      count += 1;
      objs.pop(); // the side effect of CPython's mutating __eq__
      d.__delitem__(o);
    }
    await gc.collect();
    expect(d.__len__()).to.equal(0);
    expect(count).to.equal(2);
  });

  it('test_make_weak_valued_dict_repr: <WeakValueDictionary at 0x..>', () => {
    const dict = new WeakValueDictionary();
    expect(String(dict)).to.match(/^<WeakValueDictionary at 0x[0-9a-f]+>$/);
  });

  it('test_make_weak_keyed_dict_repr: <WeakKeyDictionary at 0x..>', () => {
    const dict = new WeakKeyDictionary();
    expect(String(dict)).to.match(/^<WeakKeyDictionary at 0x[0-9a-f]+>$/);
  });

  it('test_threaded_weak_valued_setdefault: setdefault never returns undefined while values die around it', async () => {
    // CPython's collect_in_thread() runs the section with gc disabled (support.disable_gc()).
    await disableGc(async () => {
      // CPython collects in another thread; here every round ends with a collection, alternating between
      // one that cleans up and one that leaves the dead entry in place.
      const d = new WeakValueDictionary<number, RefCycle>();
      for (let i = 0; i < 20; i++) {
        ((): void => {
          const x = d.setdefault(10, new RefCycle());
          expect(x).to.be.an.instanceOf(RefCycle); // we never put undefined in there!
        })();
        if (i % 2) await gc.collect();
        else await collectWithoutCleanup();
      }
    });
  });

  it('test_threaded_weak_valued_pop: pop with a default never returns undefined while values die around it', async () => {
    // CPython's collect_in_thread() runs the section with gc disabled (support.disable_gc()).
    await disableGc(async () => {
      const d = new WeakValueDictionary<number, RefCycle>();
      for (let i = 0; i < 20; i++) {
        ((): void => d.__setitem__(10, new RefCycle()))();
        if (i % 3 === 1) await gc.collect();
        else if (i % 3 === 2) await collectWithoutCleanup();
        const x = d.pop(10, 10);
        expect(x).not.to.equal(undefined); // we never put undefined in there!
        expect(x === 10 || x instanceof RefCycle).to.equal(true);
      }
    });
  });

  it('test_threaded_weak_valued_consistency: an old value dying never removes the new entry of its key', async () => {
    // CPython's collect_in_thread() runs the section with gc disabled (support.disable_gc()).
    await disableGc(async () => {
      // Issue #28427: old keys should not remove new values from WeakValueDictionary when collecting.
      // The old KeyedRefs are kept alive here, so that their callbacks do run when the old values die.
      const d = new WeakValueDictionary<number, RefCycle>();
      const oldRefs: unknown[] = [];
      for (let i = 0; i < 20; i++) {
        let o: RefCycle | undefined = new RefCycle();
        oldRefs.push(...d.valuerefs());
        d.__setitem__(10, o);
        if (i % 2) await gc.collect();
        else await collectWithoutCleanup();
        // o is still alive, so the dict can't be empty
        expect(d.__len__()).to.equal(1);
        expect(d.__getitem__(10)).to.equal(o);
        o = undefined; // lose ref
      }
    });
  });

  it('test_threaded_weak_key_dict_copy: copy() while keys die skips them and never throws', async () => {
    // Issue #35615: weakref keys or values getting GC'ed during dict copying should not crash.
    await checkWeakDictCopyWhileCollecting(WeakKeyDictionary, true);
  });

  it.skip('test_threaded_weak_key_dict_deepcopy [n/a: JavaScript has no copy.deepcopy protocol; copy() while collecting is test_threaded_weak_key_dict_copy]', () => {});

  it('test_threaded_weak_value_dict_copy: copy() while values die skips them and never throws', async () => {
    await checkWeakDictCopyWhileCollecting(WeakValueDictionary, false);
  });

  it.skip('test_threaded_weak_value_dict_deepcopy [n/a: JavaScript has no copy.deepcopy protocol; copy() while collecting is test_threaded_weak_value_dict_copy]', () => {});

  it('test_remove_closure: the removal callback does not keep the dictionary alive', async () => {
    // CPython checks that `d._remove` has no closure (no reference cycle to the dict). In JavaScript
    // the observable property: a dictionary whose values are alive elsewhere is still collected, and
    // its entries then stop counting in getweakrefcount.
    const value = new C();
    const make = (): ref<object> => {
      const d = new WeakValueDictionary<string, C>({ a: value, b: value });
      // eslint-disable-next-line @typescript-eslint/no-unused-vars -- only its weak reference to `value` counts
      const w = new WeakKeyDictionary<C, number>([[value, 1]]);
      expect(getweakrefcount(value)).to.equal(3);
      return ref(d);
    };
    const wd = make();
    await assertCollected(wd, 'the dictionary was kept alive');
    expect(getweakrefcount(value)).to.equal(0);
  });
});
