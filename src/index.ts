/**
 * pyweakref: Python's `weakref` module for TypeScript. Exports follow the order of CPython's
 * `weakref.__all__`, then the stand-ins for `gc` and `sys`; adding an export is a deliberate diff.
 */
export { ref, type RefConstructor, type RefCallback } from './ref';
export { getweakrefcount, getweakrefs } from './getweakrefs';
export { ReferenceType } from './ref';
export { KeyedRef } from './keyed-ref';
export { KeyError } from './errors';
export { gc } from './gc';
export { sys, type UnraisableHook, type UnraisableHookArgs } from './sys';
