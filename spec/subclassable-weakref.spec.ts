/**
 * Port of CPython's Lib/test/test_weakref.py SubclassableWeakrefTestCase.
 */
import { expect } from 'chai';
import { ref, getweakrefs, getweakrefcount, gc } from '../src';
import { C, PyObject, assertCollected } from './support/lifetime';

describe('SubclassableWeakrefTestCase', () => {
  it('test_subclass_refs: a subclass with extra state and an overridden __call__', async () => {
    class MyRef<T extends WeakKey> extends ref<T> {
      value: number;
      called = false;
      constructor(ob: T, callback?: (r: MyRef<T>) => void, value = 42) {
        super(ob, callback);
        this.value = value;
      }
      override __call__(): T | undefined {
        this.called = true;
        return super.__call__();
      }
    }
    let o: PyObject | undefined = new PyObject('foo');
    const mr = new MyRef(o, undefined, 24);
    expect(mr()).to.equal(o);
    expect(mr.called).to.equal(true);
    expect(mr.value).to.equal(24);
    o = undefined;
    await assertCollected(mr);
    expect(mr.called).to.equal(true);
    expect(mr).to.be.instanceOf(MyRef);
    expect(mr).to.be.instanceOf(ref);
  });

  it('test_subclass_refs_dont_replace_standard_refs: subclass instances are never the shared basic ref', () => {
    class MyRef<T extends WeakKey> extends ref<T> {}
    const o = new PyObject(42);
    const r1 = new MyRef(o);
    const r2 = ref(o);
    expect(r1).not.to.equal(r2);
    expect(getweakrefs(o)).to.deep.equal([r2, r1]);
    expect(getweakrefcount(o)).to.equal(2);
    const r3 = new MyRef(o);
    expect(getweakrefcount(o)).to.equal(3);
    const refs = getweakrefs(o);
    expect(refs).to.have.length(3);
    expect(refs[0]).to.equal(r2);
    expect(refs.slice(1)).to.include(r1);
    expect(refs.slice(1)).to.include(r3);
  });

  it('test_subclass_refs_dont_conflate_callbacks: two subclass refs with different callbacks stay two', () => {
    class MyRef<T extends WeakKey> extends ref<T> {}
    const o = new PyObject(42);
    const r1 = new MyRef(o, () => 1);
    const r2 = new MyRef(o, () => 2);
    expect(r1).not.to.equal(r2);
    const refs = getweakrefs(o);
    expect(refs).to.include(r1);
    expect(refs).to.include(r2);
    expect(r1.__callback__).not.to.equal(r2.__callback__);
  });

  it('test_subclass_refs_with_slots: a subclass with its own constructor signature and fields', () => {
    // Python's __slots__ has no JavaScript meaning; the fields and the method are the part that ports.
    class MyRef<T extends WeakKey> extends ref<T> {
      slot1: string;
      slot2: string;
      constructor(ob: T, callback: undefined, slot1: string, slot2: string) {
        super(ob, callback);
        this.slot1 = slot1;
        this.slot2 = slot2;
      }
      meth(): string {
        return this.slot1 + this.slot2;
      }
    }
    const o = new PyObject(42);
    const r = new MyRef(o, undefined, 'abc', 'def');
    expect(r.slot1).to.equal('abc');
    expect(r.slot2).to.equal('def');
    expect(r.meth()).to.equal('abcdef');
    expect(r()).to.equal(o);
  });

  it('test_subclass_refs_with_cycle: a ref that alone holds its referent dies with it, without callback', async () => {
    let cbcalled = 0;
    class MyRef<T extends WeakKey> extends ref<T> {
      o?: unknown;
      r?: unknown;
    }
    const callback = (): void => {
      cbcalled += 1;
    };
    let o: C | undefined = new C();
    let r1: MyRef<C> | undefined = new MyRef(o, callback);
    r1.o = o;
    o = undefined;
    r1 = undefined;
    await gc.collect();
    expect(cbcalled).to.equal(0);

    o = new C();
    r1 = new MyRef(o, callback);
    let r2: MyRef<C> | undefined = new MyRef(o, callback);
    r1.r = r2;
    r2.o = o;
    o = undefined;
    r2 = undefined;
    r1 = undefined;
    await gc.collect();
    expect(cbcalled).to.equal(0);
  });
});
