/**
 * WeakKeyDictionary beyond CPython's tests: ephemeron values (better than CPython), identity keys,
 * counts, bad input, snapshot iteration and the Map-like protocol.
 */
import { expect } from 'chai';
import * as util from 'node:util';
import { getweakrefcount, getweakrefs, gc, KeyError, ref, WeakKeyDictionary } from '../src';
import { C, PyObject } from './support/lifetime';
import { collectWithoutCleanup } from './support/dict-fixtures';

/** A node whose value in the dictionary points back at it. */
class Node {
  constructor(public name: string) {}
}

describe('JavaScript interop: WeakKeyDictionary', () => {
  it('should not let a value that references its own key keep the key alive (ephemeron; CPython leaks here)', async () => {
    const d = new WeakKeyDictionary<Node, { owner: Node; self?: unknown }>();
    const wk = ((): ref<Node> => {
      const key = new Node('k');
      const value = { owner: key, self: undefined as unknown };
      value.self = value;
      d.set(key, value);
      return ref(key);
    })();
    expect(d.size).to.equal(1);
    await expect(wk, 'the key was kept alive by its own value').to.be.collected;
    expect(d.size).to.equal(0);
    expect([...d.items()]).to.deep.equal([]);
  });

  it('should keep values alive exactly as long as their keys', async () => {
    const d = new WeakKeyDictionary<C, object>();
    let key: C | undefined = new C();
    const wv = ((k: C): ref<object> => {
      const value = {};
      d.set(k, value);
      return ref(value);
    })(key);
    await expect(wv, 'the value died while its key lives').not.to.be.collected;
    key = undefined;
    await expect(wv).to.be.collected;
  });

  it('should count each key once in getweakrefcount, with a ref that has a callback', () => {
    const d = new WeakKeyDictionary<C, number>();
    const o = new C();
    d.set(o, 1);
    expect(getweakrefcount(o)).to.equal(1);
    d.set(o, 2); // an existing key keeps its ref
    expect(getweakrefcount(o)).to.equal(1);
    const [wr] = d.keyrefs();
    expect(wr()).to.equal(o);
    expect(wr.__callback__).to.be.a('function');
    expect(getweakrefs(o)).to.deep.equal([wr]);
    new WeakKeyDictionary([[o, 1]]);
    expect(getweakrefcount(o)).to.equal(2);
  });

  it("should answer has/__contains__/delete with false for a non-key, and throw CPython's TypeError where Python raises", () => {
    const d = new WeakKeyDictionary<object, number>();
    const bad = 13 as unknown as object;
    const message = "cannot create weak reference to 'number' object";
    expect(d.has(bad)).to.equal(false);
    expect(d.__contains__(bad)).to.equal(false);
    expect(d.delete(bad)).to.equal(false);
    expect(() => d.get(bad)).to.throw(TypeError, message);
    expect(() => d.get(bad, 0)).to.throw(TypeError, message);
    expect(() => d.set(bad, 1)).to.throw(TypeError, message);
    expect(() => d.__getitem__(bad)).to.throw(TypeError, message);
    expect(() => d.__setitem__(bad, 1)).to.throw(TypeError, message);
    expect(() => d.__delitem__(bad)).to.throw(TypeError, message);
    expect(() => d.pop(bad, 0)).to.throw(TypeError, message);
    expect(() => d.setdefault(bad, 0)).to.throw(TypeError, message);
    expect(() => d.get(Symbol.for('registered') as never)).to.throw(
      TypeError,
      "cannot create weak reference to 'symbol' object",
    );
    expect(() => d.get(null as never)).to.throw(TypeError, "cannot create weak reference to 'null' object");
    expect(d.size).to.equal(0);
  });

  it('should refuse bad keys in update and the constructor, leaving the dictionary unchanged', () => {
    const a = new C();
    const d = new WeakKeyDictionary<object, number>([[a, 1]]);
    expect(() =>
      d.update([
        [new C(), 2],
        ['s' as never, 3],
      ]),
    ).to.throw(TypeError, "cannot create weak reference to 'string' object");
    expect(() => d.update({ name: 3 } as never)).to.throw(TypeError, "cannot create weak reference to 'string' object");
    expect(() => new WeakKeyDictionary([[1 as never, 1]])).to.throw(TypeError);
    expect([...d.items()]).to.deep.equal([[a, 1]]);
  });

  it('should put the key object itself in KeyError.key', () => {
    const d = new WeakKeyDictionary<PyObject, number>();
    const o = new PyObject('missing');
    for (const attempt of [() => d.__getitem__(o), () => d.__delitem__(o), () => d.pop(o)]) {
      try {
        attempt();
        expect.fail('no KeyError');
      } catch (e) {
        expect(e).to.be.an.instanceOf(KeyError);
        expect((e as KeyError).key).to.equal(o);
      }
    }
    expect(d.pop(o, undefined)).to.equal(undefined);
  });

  it('should compare keys by identity, not by __eq__', () => {
    const d = new WeakKeyDictionary<PyObject, string>();
    const a = new PyObject(1);
    const b = new PyObject(1);
    expect(a.__eq__(b)).to.equal(true);
    d.set(a, 'a');
    expect(d.has(b)).to.equal(false);
    d.set(b, 'b');
    expect(d.size).to.equal(2);
    expect(d.get(a)).to.equal('a');
  });

  it('should offer no bracket access: property keys are strings, never the key objects', () => {
    const d = new WeakKeyDictionary<C, number>();
    const o = new C();
    d.set(o, 1);
    expect((d as unknown as Record<string, unknown>)[String(o)]).to.equal(undefined);
    expect(Object.keys(d)).to.deep.equal([]);
    expect(typeof d.get).to.equal('function');
  });

  it('should iterate over a snapshot: mutation or collection while iterating never throws', async () => {
    const keep = Array.from({ length: 5 }, () => new C());
    const d = new WeakKeyDictionary<C, number>(keep.map((k, i) => [k, i] as [C, number]));
    const seen: number[] = [];
    for (const k of d) {
      const i = keep.indexOf(k);
      seen.push(i);
      if (i === 0) {
        d.set(new C(), 100); // added: not visited
        d.delete(keep[1]); // deleted ahead: skipped
        d.set(keep[2], 22); // changed ahead: visited with its new value
      }
      if (i === 2) expect(d.get(k)).to.equal(22);
    }
    expect(seen).to.deep.equal([0, 2, 3, 4]);
    // Keys dying while an iteration is in progress are skipped.
    const d2 = new WeakKeyDictionary<C, number>();
    ((): void => {
      for (let i = 0; i < 3; i++) d2.set(new C(), i);
    })();
    const it = d2.values();
    await collectWithoutCleanup();
    expect(d2.size, 'counted until the clean-up runs').to.equal(3);
    expect([...it]).to.deep.equal([]);
    expect(d2.keyrefs()).to.deep.equal([]);
    await gc.collect();
    expect(d2.size).to.equal(0);
    expect(d2.__len__()).to.equal(0);
  });

  it('should pop items last-inserted first, and clear() without disturbing later entries', async () => {
    const a = new C();
    const b = new C();
    const c = new C();
    const d = new WeakKeyDictionary<C, string>([
      [a, 'a'],
      [b, 'b'],
    ]);
    d.set(a, 'A'); // an existing key keeps its place
    expect(d.popitem()).to.deep.equal([b, 'b']);
    d.set(c, 'c');
    expect(d.popitem()).to.deep.equal([c, 'c']);
    expect(d.popitem()).to.deep.equal([a, 'A']);
    expect(() => d.popitem()).to.throw(KeyError, 'popitem(): dictionary is empty');
    d.set(a, 'again');
    d.clear();
    expect(d.has(a)).to.equal(false);
    d.set(a, 'after clear');
    await gc.collect(); // the cleared refs are collected; their callbacks must not touch the new entry
    expect(d.get(a)).to.equal('after clear');
    expect(d.size).to.equal(1);
  });

  it('should print as <WeakKeyDictionary at 0x..> and carry its toString tag', () => {
    const d = new WeakKeyDictionary();
    expect(String(d)).to.match(/^<WeakKeyDictionary at 0x[0-9a-f]+>$/);
    expect(util.inspect(d)).to.equal(String(d));
    expect(Object.prototype.toString.call(d)).to.equal('[object WeakKeyDictionary]');
    class Sub extends WeakKeyDictionary {}
    expect(String(new Sub())).to.match(/^<Sub at 0x[0-9a-f]+>$/);
  });

  it('should offer the Map-like protocol with Python return values', () => {
    const a = new C();
    const b = new C();
    const d = new WeakKeyDictionary<C, number>();
    expect(d.set(a, 1)).to.equal(d);
    expect(d.update([[b, 2]])).to.equal(undefined);
    expect([...d]).to.deep.equal([a, b]);
    expect([...d.entries()]).to.deep.equal([
      [a, 1],
      [b, 2],
    ]);
    expect(d.get(new C(), 'dflt' as never)).to.equal('dflt');
    expect(d.setdefault(a, 9)).to.equal(1);
    expect(d.setdefault(new C(), undefined as never)).to.equal(undefined);
    expect(d.size).to.equal(3);
    expect(d.__len__()).to.equal(d.size);
    expect(d.copy().__eq__(d)).to.equal(true);
    expect(d.__eq__(new Map([[a, 1]]))).to.equal(false);
    expect(d.__eq__([[a, 1]])).to.equal(false);
    expect(d.clear()).to.equal(undefined);
  });
});
