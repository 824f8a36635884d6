"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sys = exports.gc = exports.KeyError = exports.KeyedRef = exports.finalize = exports.WeakMethod = exports.WeakSet = exports.WeakValueDictionary = exports.ProxyTypes = exports.CallableProxyType = exports.ProxyType = exports.ReferenceType = exports.WeakKeyDictionary = exports.getweakrefs = exports.getweakrefcount = exports.proxy = exports.ref = void 0;
/**
 * pyweakref: Python's `weakref` module for TypeScript. `import { ref, WeakValueDictionary, gc } from
 * 'pyweakref'` (or `require('pyweakref')`, the same objects).
 *
 * Every name of Python's `weakref` (`ref`, `proxy`, `getweakrefcount`, `getweakrefs`,
 * `WeakKeyDictionary`, `ReferenceType`, `ProxyType`, `CallableProxyType`, `ProxyTypes`,
 * `WeakValueDictionary`, `WeakSet`, `WeakMethod`, `finalize`, `KeyedRef`), Python's `KeyError`, and
 * two stand-ins for the Python modules that weakref code leans on: `gc` (`await gc.collect()`) and
 * `sys` (`sys.unraisablehook`). The porting guide (docs/porting-guide.md) maps each Python name to its
 * form here and lists every deviation.
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
// though not in `__all__`), `KeyError`, and the stand-ins for `gc` and `sys`. Adding an export is a
// deliberate diff: src/index.mts names the same list, and spec/cpython-coverage.spec.ts
// (ModuleTestCase) and spec/package.spec.ts check both.
var ref_1 = require("./ref");
Object.defineProperty(exports, "ref", { enumerable: true, get: function () { return ref_1.ref; } });
var proxy_1 = require("./proxy");
Object.defineProperty(exports, "proxy", { enumerable: true, get: function () { return proxy_1.proxy; } });
var getweakrefs_1 = require("./getweakrefs");
Object.defineProperty(exports, "getweakrefcount", { enumerable: true, get: function () { return getweakrefs_1.getweakrefcount; } });
Object.defineProperty(exports, "getweakrefs", { enumerable: true, get: function () { return getweakrefs_1.getweakrefs; } });
var weak_key_dictionary_1 = require("./weak-key-dictionary");
Object.defineProperty(exports, "WeakKeyDictionary", { enumerable: true, get: function () { return weak_key_dictionary_1.WeakKeyDictionary; } });
var ref_2 = require("./ref");
Object.defineProperty(exports, "ReferenceType", { enumerable: true, get: function () { return ref_2.ReferenceType; } });
var proxy_2 = require("./proxy");
Object.defineProperty(exports, "ProxyType", { enumerable: true, get: function () { return proxy_2.ProxyType; } });
Object.defineProperty(exports, "CallableProxyType", { enumerable: true, get: function () { return proxy_2.CallableProxyType; } });
Object.defineProperty(exports, "ProxyTypes", { enumerable: true, get: function () { return proxy_2.ProxyTypes; } });
var weak_value_dictionary_1 = require("./weak-value-dictionary");
Object.defineProperty(exports, "WeakValueDictionary", { enumerable: true, get: function () { return weak_value_dictionary_1.WeakValueDictionary; } });
var weak_set_1 = require("./weak-set");
Object.defineProperty(exports, "WeakSet", { enumerable: true, get: function () { return weak_set_1.WeakSet; } });
var weak_method_1 = require("./weak-method");
Object.defineProperty(exports, "WeakMethod", { enumerable: true, get: function () { return weak_method_1.WeakMethod; } });
var finalize_1 = require("./finalize");
Object.defineProperty(exports, "finalize", { enumerable: true, get: function () { return finalize_1.finalize; } });
var keyed_ref_1 = require("./keyed-ref");
Object.defineProperty(exports, "KeyedRef", { enumerable: true, get: function () { return keyed_ref_1.KeyedRef; } });
var errors_1 = require("./errors");
Object.defineProperty(exports, "KeyError", { enumerable: true, get: function () { return errors_1.KeyError; } });
var gc_1 = require("./gc");
Object.defineProperty(exports, "gc", { enumerable: true, get: function () { return gc_1.gc; } });
var sys_1 = require("./sys");
Object.defineProperty(exports, "sys", { enumerable: true, get: function () { return sys_1.sys; } });
