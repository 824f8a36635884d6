// The ESM entry: the same objects as the CommonJS build (no dual-package hazard). Named explicitly,
// in the order of src/index.ts, so that no CommonJS artefact (`__esModule`, `default`) becomes a
// public name; spec/package.spec.ts checks that both entries export exactly the same names.
export {
  ref,
  proxy,
  getweakrefcount,
  getweakrefs,
  WeakKeyDictionary,
  ReferenceType,
  ProxyType,
  CallableProxyType,
  ProxyTypes,
  WeakValueDictionary,
  WeakSet,
  WeakMethod,
  finalize,
  KeyedRef,
  KeyError,
  MethodType,
  id,
  gc,
  sys,
  atexit,
} from './index.js';
export type {
  RefConstructor,
  RefCallback,
  UnraisableHook,
  UnraisableHookArgs,
  BoundMethodAttributes,
} from './index.js';
export type { GcControl, GcCallback, GcCallbackInfo, GcStats } from './index.js';
