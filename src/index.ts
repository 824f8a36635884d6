/**
 * pyweakref: Python's `weakref` module for TypeScript. Exports follow the order of CPython's
 * `weakref.__all__`, then `KeyedRef` (public in weakref.py though not in `__all__`), `KeyError`, and
 * the stand-ins for `gc` and `sys`. Adding an export is a deliberate diff: src/index.mts names the
 * same list, and spec/cpython-coverage.spec.ts (ModuleTestCase) and spec/package.spec.ts check both.
 */
export { ref, type RefConstructor, type RefCallback } from './ref';
export { proxy } from './proxy';
export { getweakrefcount, getweakrefs } from './getweakrefs';
export { WeakKeyDictionary } from './weak-key-dictionary';
export { ReferenceType } from './ref';
export { ProxyType, CallableProxyType, ProxyTypes } from './proxy';
export { WeakValueDictionary } from './weak-value-dictionary';
export { WeakSet } from './weak-set';
export { WeakMethod } from './weak-method';
export { finalize } from './finalize';
export { KeyedRef } from './keyed-ref';
export { KeyError } from './errors';
export { gc } from './gc';
export { sys, type UnraisableHook, type UnraisableHookArgs } from './sys';
