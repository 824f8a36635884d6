/**
 * Port of CPython's WeakValueDictionaryTestCase and WeakKeyDictionaryTestCase (Lib/test/test_weakref.py):
 * the mapping-protocol tests both inherit from Lib/test/mapping_tests.py BasicTestMappingProtocol,
 * run once per class with CPython's reference data.
 *
 * Where BasicTestMappingProtocol tests the plain `dict` of its reference data (`d = self.reference`),
 * the port tests the weak dictionary instead, which is what the JavaScript reader cares about.
 * Python's truthiness (`if p:`) is `__len__() === 0` here: every JavaScript object is truthy.
 */
import { expect } from 'chai';
import { KeyError, WeakKeyDictionary, WeakValueDictionary } from '../src';
import { PyObject } from './support/dict-fixtures';

type Dict = WeakValueDictionary<any, any> | WeakKeyDictionary<any, any>;

interface Protocol {
  /** `type2test()`, optionally from other data. */
  make(): Dict;
  /** `_reference()`: data invariant under storage, as a Map (insertion ordered, like a dict). */
  reference: Map<unknown, unknown>;
}

/** Multiset equality with pairs compared element-wise (Python's set() of tuples). */
function sameMembers(a: unknown[], b: unknown[]): boolean {
  const key = (x: unknown): unknown => x;
  const rest = [...b];
  for (const x of a) {
    const i = rest.findIndex((y) =>
      Array.isArray(x) && Array.isArray(y) ? x.length === y.length && x.every((v, j) => v === y[j]) : key(x) === key(y),
    );
    if (i < 0) return false;
    rest.splice(i, 1);
  }
  return rest.length === 0;
}

/** Python's `class Exc(Exception)`. */
class Exc extends Error {}

function basicTestMappingProtocol(p: Protocol): void {
  // BasicTestMappingProtocol.__init__: `other` is a pair not in the mapping, `inmapping` one in it.
  const reference = new Map(p.reference);
  const [otherKey, otherValue] = [...reference].pop()!;
  reference.delete(otherKey);
  const other = new Map([[otherKey, otherValue]]);
  const [inKey, inValue] = [...reference].pop()!;
  const empty = (): Dict => p.make();
  const full = (data: Map<unknown, unknown>): Dict => {
    const x = empty();
    for (const [key, value] of data) x.__setitem__(key, value);
    return x;
  };

  it('test_read: indexing, len, in, equality, emptiness, the iterators and get on a filled mapping', () => {
    const pm = empty();
    const d = full(reference);
    // Indexing
    for (const [key, value] of reference) expect(d.__getitem__(key)).to.equal(value);
    expect(() => d.__getitem__(otherKey)).to.throw(KeyError);
    // len
    expect(pm.__len__()).to.equal(0);
    expect(d.__len__()).to.equal(reference.size);
    // __contains__
    for (const k of reference.keys()) expect(d.__contains__(k)).to.equal(true);
    for (const k of other.keys()) expect(d.__contains__(k)).to.equal(false);
    // cmp
    expect(pm.__eq__(pm)).to.equal(true);
    expect(d.__eq__(d)).to.equal(true);
    expect(pm.__eq__(d)).to.equal(false);
    expect(d.__eq__(pm)).to.equal(false);
    // bool
    expect(pm.__len__() === 0, 'Empty mapping must compare to False').to.equal(true);
    expect(d.__len__() !== 0, 'Full mapping must compare to True').to.equal(true);
    // keys(), items(), values() ...
    const checkIterAndList = (iter: Iterator<unknown> & Iterable<unknown>, lst: unknown[], ref: unknown[]): void => {
      expect(iter.next).to.be.a('function');
      expect(iter[Symbol.iterator]).to.be.a('function');
      const x = [...iter];
      expect(sameMembers(x, lst) && sameMembers(lst, ref)).to.equal(true);
    };
    checkIterAndList(d.keys(), [...d.keys()], [...reference.keys()]);
    checkIterAndList(d[Symbol.iterator](), [...d.keys()], [...reference.keys()]);
    checkIterAndList(d.values(), [...d.values()], [...reference.values()]);
    checkIterAndList(d.items(), [...d.items()], [...reference.entries()]);
    // get
    const [key, value] = d.items().next().value!;
    expect(d.get(key, otherValue)).to.equal(value);
    expect(d.get(otherKey, otherValue)).to.equal(otherValue);
    expect(d.__contains__(otherKey)).to.equal(false);
  });

  it('test_write: item assignment and deletion, update, setdefault, pop and popitem', () => {
    let pm = empty();
    // Indexing
    for (const [key, value] of reference) {
      pm.__setitem__(key, value);
      expect(pm.__getitem__(key)).to.equal(value);
    }
    for (const key of reference.keys()) {
      pm.__delitem__(key);
      expect(() => pm.__getitem__(key)).to.throw(KeyError);
    }
    pm = empty();
    // update
    pm.update(reference);
    expect(new Map(pm.items())).to.deep.equal(reference);
    const items = [...pm.items()];
    pm = empty();
    pm.update(items);
    expect(new Map(pm.items())).to.deep.equal(reference);
    const d = full(reference);
    // setdefault
    const [key, value] = d.items().next().value!;
    expect(d.setdefault(key, otherValue)).to.equal(value);
    expect(d.__getitem__(key)).to.equal(value);
    expect(d.setdefault(otherKey, otherValue)).to.equal(otherValue);
    expect(d.__getitem__(otherKey)).to.equal(otherValue);
    // pop
    expect(d.pop(otherKey)).to.equal(otherValue);
    expect(d.__contains__(otherKey)).to.equal(false);
    expect(() => d.pop(otherKey)).to.throw(KeyError);
    const dflt = 909;
    d.__setitem__(otherKey, otherValue);
    expect(d.pop(otherKey, dflt)).to.equal(otherValue);
    expect(d.__contains__(otherKey)).to.equal(false);
    expect(d.pop(otherKey, dflt)).to.equal(dflt);
    // popitem
    const [k2, v2] = d.popitem();
    expect(d.__contains__(k2)).to.equal(false);
    expect(v2).to.equal(reference.get(k2));
    expect(() => empty().popitem()).to.throw(KeyError);
  });

  it('test_constructor: two empty mappings are equal', () => {
    expect(empty().__eq__(empty())).to.equal(true);
  });

  it('test_bool: an empty mapping is falsy in Python terms (__len__() is 0), a full one is not', () => {
    expect(empty().__len__() === 0).to.equal(true);
    expect(full(reference).__len__() === 0).to.equal(false);
    expect(empty().size).to.equal(0);
  });

  it('test_keys: keys() of an empty and of a full mapping; keys() takes no argument', () => {
    let d = empty();
    expect([...d.keys()]).to.deep.equal([]);
    d = full(reference);
    expect([...d.keys()]).to.include(inKey);
    expect([...d.keys()]).not.to.include(otherKey);
    expect(() => (d.keys as (x: unknown) => unknown)(undefined)).to.throw(TypeError);
    expect(() => (d.keys as (x: unknown) => unknown).call(d, null)).to.throw(
      TypeError,
      'keys() takes no arguments (1 given)',
    );
  });

  it('test_values: values() of an empty mapping; values() takes no argument', () => {
    const d = empty();
    expect([...d.values()]).to.deep.equal([]);
    expect(() => (d.values as (x: unknown) => unknown).call(d, null)).to.throw(
      TypeError,
      'values() takes no arguments (1 given)',
    );
  });

  it('test_items: items() of an empty mapping; items() takes no argument', () => {
    const d = empty();
    expect([...d.items()]).to.deep.equal([]);
    expect(() => (d.items as (x: unknown) => unknown).call(d, null)).to.throw(
      TypeError,
      'items() takes no arguments (1 given)',
    );
  });

  it('test_len: an empty mapping has length 0', () => {
    expect(empty().__len__()).to.equal(0);
  });

  it('test_getitem: d[k] of a key in the mapping; __getitem__ needs its argument', () => {
    const d = full(reference);
    expect(d.__getitem__(inKey)).to.equal(inValue);
    // @ts-expect-error no argument
    expect(() => d.__getitem__()).to.throw(TypeError, '__getitem__ expected 1 argument, got 0');
  });

  it('test_update: from mappings, pairs, iterators and Python-style mappings; errors propagate', () => {
    // mapping argument
    let d = empty();
    d.update(other);
    expect([...d.items()]).to.deep.equal([...other.entries()]);
    // No argument
    d = empty();
    d.update();
    expect(d.__eq__(empty())).to.equal(true);
    // item sequence
    d = empty();
    d.update([...other.entries()]);
    expect([...d.items()]).to.deep.equal([...other.entries()]);
    // Iterator
    d = empty();
    d.update(other.entries());
    expect([...d.items()]).to.deep.equal([...other.entries()]);

    expect(() => d.update(42 as never)).to.throw(TypeError, "'number' object is not iterable");

    class SimpleUserDict {
      d = reference;
      keys(): Iterable<unknown> {
        return this.d.keys();
      }
      __getitem__(i: unknown): unknown {
        return this.d.get(i);
      }
    }
    d.clear();
    d.update(new SimpleUserDict() as never);
    expect(sameMembers([...d.items()], [...reference.entries()])).to.equal(true);

    d = empty();
    class FailingUserDict1 {
      keys(): never {
        throw new Exc();
      }
    }
    expect(() => d.update(new FailingUserDict1() as never)).to.throw(Exc);

    d.clear();
    class FailingUserDict2 {
      keys(): Iterable<unknown> {
        // BogonIter: yields 'a', then raises.
        let i = 1;
        return {
          [Symbol.iterator]() {
            return this;
          },
          next(): IteratorResult<unknown> {
            if (i) {
              i = 0;
              return { value: 'a', done: false };
            }
            throw new Exc();
          },
        } as unknown as Iterable<unknown>;
      }
      __getitem__(key: unknown): unknown {
        return key;
      }
    }
    expect(() => d.update(new FailingUserDict2() as never)).to.throw(Exc);

    class FailingUserDict3 {
      keys(): Iterable<unknown> {
        return 'abcdefghijklmnopqrstuvwxyz';
      }
      __getitem__(): never {
        throw new Exc();
      }
    }
    expect(() => d.update(new FailingUserDict3() as never)).to.throw(Exc);

    d = empty();
    const badseq = {
      [Symbol.iterator]() {
        return this;
      },
      next(): never {
        throw new Exc();
      },
    };
    expect(() => d.update(badseq as never)).to.throw(Exc);

    // Python raises ValueError; JavaScript's built-ins raise TypeError for a malformed entry.
    expect(() => d.update([[1, 2, 3]] as never)).to.throw(
      TypeError,
      'dictionary update sequence element #0 has length 3; 2 is required',
    );
    expect(d.__len__(), 'a failed update stores nothing').to.equal(0);
  });

  it('test_get: get with and without a default; get needs 1 or 2 arguments', () => {
    let d = empty();
    expect(d.get(otherKey)).to.equal(undefined);
    expect(d.get(otherKey, 3)).to.equal(3);
    d = full(reference);
    expect(d.get(otherKey)).to.equal(undefined);
    expect(d.get(otherKey, 3)).to.equal(3);
    expect(d.get(inKey)).to.equal(inValue);
    expect(d.get(inKey, 3)).to.equal(inValue);
    // @ts-expect-error no argument
    expect(() => d.get()).to.throw(TypeError, 'get expected at least 1 argument, got 0');
    // @ts-expect-error three arguments
    expect(() => d.get(undefined, undefined, undefined)).to.throw(TypeError, 'get expected at most 2 arguments, got 3');
  });

  it('test_setdefault: setdefault needs its key', () => {
    const d = empty();
    // @ts-expect-error no argument
    expect(() => d.setdefault()).to.throw(TypeError, 'setdefault expected at least 1 argument, got 0');
  });

  it('test_popitem: KeyError on an empty mapping; popitem takes no argument', () => {
    const d = empty();
    expect(() => d.popitem()).to.throw(KeyError, 'popitem(): dictionary is empty');
    // @ts-expect-error one argument
    expect(() => d.popitem(42)).to.throw(TypeError, 'popitem() takes no arguments (1 given)');
  });

  it('test_pop: pop of a missing key is a KeyError, of a present one its value', () => {
    const d = empty();
    d.__setitem__(inKey, inValue);
    expect(() => d.pop(otherKey)).to.throw(KeyError);
    expect(d.pop(inKey)).to.equal(inValue);
    expect(d.__len__()).to.equal(0);
    expect(() => d.pop(inKey)).to.throw(KeyError);
  });
}

// CPython: __ref = {"key1": Object(1), "key2": Object(2), "key3": Object(3)}; held for the whole run.
const valueReference = new Map<unknown, unknown>([
  ['key1', new PyObject(1)],
  ['key2', new PyObject(2)],
  ['key3', new PyObject(3)],
]);

// CPython: __ref = {Object("key1"): 1, Object("key2"): 2, Object("key3"): 3}.
const keyReference = new Map<unknown, unknown>([
  [new PyObject('key1'), 1],
  [new PyObject('key2'), 2],
  [new PyObject('key3'), 3],
]);

describe('WeakValueDictionaryTestCase', () => {
  basicTestMappingProtocol({ make: () => new WeakValueDictionary(), reference: valueReference });
});

describe('WeakKeyDictionaryTestCase', () => {
  basicTestMappingProtocol({ make: () => new WeakKeyDictionary(), reference: keyReference });
});
