/**
 * Every test method of CPython's test_weakref.py and test_weakset.py is present in spec/, ported or
 * skipped with a reason (see scripts/cpython-coverage.ts).
 */
import { expect } from 'chai';
import { coverage, cpythonTests } from '../scripts/cpython-coverage';
import * as api from '../src';

describe('CPython test coverage', () => {
  it('should port or explicitly skip every test of test_weakref.py and test_weakset.py', function () {
    const cpython = cpythonTests();
    if (cpython === undefined) {
      console.log('      (python3 with its test package is absent: coverage not checked)');
      this.skip();
    }
    const c = coverage(cpython!);
    expect(c.missing, 'CPython tests with no spec').to.deep.equal([]);
    expect(c.ported.length).to.be.greaterThan(100);
  });
});

describe('ModuleTestCase', () => {
  it('test_names: the module exports exactly the public names of the contract', () => {
    const cjs = api;
    const names = Object.keys(cjs)
      .filter((k) => k !== '__esModule' && k !== 'default')
      .sort();
    expect(names).to.deep.equal(
      [
        'CallableProxyType',
        'KeyError',
        'KeyedRef',
        'MethodType',
        'ProxyType',
        'ProxyTypes',
        'ReferenceType',
        'WeakKeyDictionary',
        'WeakMethod',
        'WeakSet',
        'WeakValueDictionary',
        'atexit',
        'finalize',
        'gc',
        'id',
        'getweakrefcount',
        'getweakrefs',
        'proxy',
        'ref',
        'sys',
      ].sort(),
    );
    for (const name of names) expect((cjs as Record<string, unknown>)[name], name).not.to.equal(undefined);
  });
});
