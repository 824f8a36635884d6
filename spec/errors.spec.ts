/**
 * The Python-like errors of the library and Python's `e.args`: a port of the KeyError part of
 * Lib/test/test_exceptions.py ExceptionTests.testAttributes, then every place the library raises
 * one, checked against what CPython's `weakref` puts in `args` there.
 */
import { expect } from 'chai';
import { KeyError, WeakKeyDictionary, WeakSet as PyWeakSet, WeakValueDictionary } from '../src';
import { LifetimeAssertionError } from '../src/testing';

/** The KeyError `fn` throws. */
function keyErrorOf(fn: () => unknown): KeyError {
  try {
    fn();
  } catch (e) {
    if (e instanceof KeyError) return e;
    throw e;
  }
  throw new Error('no KeyError');
}

describe('ExceptionTests', () => {
  it('testAttributes: args is what the exception was made with', () => {
    // (BaseException, (), {'args' : ()}), (BaseException, (1, ), {'args' : (1,)}),
    // (BaseException, ('foo',), {'args' : ('foo',)}), for KeyError.
    expect(new KeyError().args).to.deep.equal([]);
    expect(new KeyError(1).args).to.deep.equal([1]);
    expect(new KeyError('foo').args).to.deep.equal(['foo']);
    // Python's KeyError(None).args is (None,): an explicit undefined counts.
    expect(new KeyError(undefined).args).to.deep.equal([undefined]);
  });
});

describe('JavaScript interop: e.args', () => {
  class A {}

  it("should be CPython's args at every KeyError the library raises", () => {
    const a = new A();
    // Python: (key,) for a missing key...
    expect(keyErrorOf(() => new WeakValueDictionary().__getitem__('k')).args).to.deep.equal(['k']);
    expect(keyErrorOf(() => new WeakValueDictionary().__delitem__('k')).args).to.deep.equal(['k']);
    expect(keyErrorOf(() => new WeakValueDictionary().pop('k')).args).to.deep.equal(['k']);
    // ...where CPython's WeakKeyDictionary and WeakSet put a temporary weakref, pyweakref the key itself.
    for (const err of [
      keyErrorOf(() => new WeakKeyDictionary().__getitem__(a)),
      keyErrorOf(() => new WeakKeyDictionary().__delitem__(a)),
      keyErrorOf(() => new WeakKeyDictionary().pop(a)),
      keyErrorOf(() => new PyWeakSet().remove(a)),
    ]) {
      expect(err.args).to.have.length(1);
      expect(err.args[0]).to.equal(a);
      expect(err.key).to.equal(a);
    }
    // (message,) where CPython's message is fixed.
    expect(keyErrorOf(() => new WeakValueDictionary().popitem()).args).to.deep.equal([
      'popitem(): dictionary is empty',
    ]);
    expect(keyErrorOf(() => new WeakKeyDictionary().popitem()).args).to.deep.equal(['popitem(): dictionary is empty']);
    expect(keyErrorOf(() => new PyWeakSet().pop()).args).to.deep.equal(['pop from empty WeakSet']);
  });

  it('should be frozen, as a Python tuple, and keep .key', () => {
    const e = new KeyError('k');
    expect(Object.isFrozen(e.args)).to.equal(true);
    expect(e.key).to.equal('k');
    expect(e.name).to.equal('KeyError');
    expect(e.message).to.equal('"k"');
  });

  it("should be [message] for the testing helpers' AssertionError", () => {
    const e = new LifetimeAssertionError('expected it to be collected');
    expect(e.args).to.deep.equal(['expected it to be collected']);
  });
});
