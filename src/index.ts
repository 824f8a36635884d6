/**
 * pyweakref: Python's `weakref` module for TypeScript. `import { ref, WeakValueDictionary, gc } from
 * 'pyweakref'` (or `require('pyweakref')`, the same objects).
 *
 * Every name of Python's `weakref` (`ref`, `proxy`, `getweakrefcount`, `getweakrefs`,
 * `WeakKeyDictionary`, `ReferenceType`, `ProxyType`, `CallableProxyType`, `ProxyTypes`,
 * `WeakValueDictionary`, `WeakSet`, `WeakMethod`, `finalize`, `KeyedRef`), Python's `KeyError`, the
 * builtins `MethodType` and `id` that ports of weakref-using code need, and stand-ins for the Python
 * modules that weakref code leans on: `gc` (`await gc.collect()`), `sys` (`sys.unraisablehook`,
 * `sys.is_finalizing()`) and `atexit`. The porting guide
 * (docs/porting-guide.md) maps each Python name to its form here and lists every deviation.
 *
 * @example
 * ```ts
 * import { ref, gc } from 'pyweakref';
 * let o: object | undefined = {};
 * const r = ref(o, () => console.log('collected'));
 * o = undefined;        // Python: del o
 * await gc.collect();   // prints 'collected'
 * ```
 * @see https://docs.python.org/3/library/weakref.html
 * @module pyweakref
 */
// Exports follow the order of CPython's `weakref.__all__`, then `KeyedRef` (public in weakref.py
// though not in `__all__`), `KeyError`, the builtins `MethodType` (Python's `types.MethodType`) and
// `id`, and the stand-ins for `gc`, `sys` and `atexit`. Adding an
// export is a deliberate diff: src/index.mts names the same list, and spec/cpython-coverage.spec.ts
// (ModuleTestCase) and spec/package.spec.ts check both.
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
export { MethodType, type BoundMethodAttributes } from './method-type';
export { id } from './id';
export { gc } from './gc';
export type { GcControl, GcCallback, GcCallbackInfo, GcStats } from './gc-api';
export { sys, type UnraisableHook, type UnraisableHookArgs } from './sys';
export { atexit } from './atexit';
