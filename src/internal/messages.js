"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.messages = void 0;
/**
 * Every error message of the library in one table, CPython's wording where CPython has one
 * (without Python's repr quotes where the contract says so).
 */
exports.messages = {
    cannotWeakref: (type) => `cannot create weak reference to '${type}' object`,
    atLeastArgs: (n, got) => `__new__ expected at least ${n} argument${n === 1 ? '' : 's'}, got ${got}`,
    atMostArgs: (n, got) => `__new__ expected at most ${n} arguments, got ${got}`,
    refCallArgs: (got) => `weakref expected 0 arguments, got ${got}`,
    callbackNotCallable: (type) => `callback must be callable or undefined, not '${type}'`,
    unorderable: (type) => `'<' not supported between instances of '${type}' (weak references cannot be ordered or used as numbers)`,
    goneAway: 'weak object has gone away',
    proxyDead: 'weakly-referenced object no longer exists',
    // proxy (issue 3): CPython's PyArg_UnpackTuple wording, named after the function.
    proxyAtLeastArgs: (got) => `proxy expected at least 1 argument, got ${got}`,
    proxyAtMostArgs: (got) => `proxy expected at most 2 arguments, got ${got}`,
    cannotCreateInstances: (name) => `cannot create '${name}' instances`,
    dictEmpty: 'popitem(): dictionary is empty',
    setEmpty: 'pop from empty WeakSet',
    noGc: (why) => `gc.collect(): this engine cannot force a garbage collection (${why}); ` +
        'in Node.js it needs nothing, in Chromium start the browser with --js-flags=--expose-gc',
    // WeakSet, WeakMethod, finalize (issue 5).
    notIterable: (type) => `'${type}' object is not iterable`,
    notCallable: (type) => `'${type}' object is not callable`,
    unhashable: (name) => `unhashable type: '${name}'`,
    setArgs: (got) => `WeakSet expected at most 1 argument, got ${got}`,
    weakMethodArg: (type) => `WeakMethod() argument 'method' should be a function or the name of a method of obj, not '${type}'`,
    finalizeMissing: (got) => got === 0
        ? "finalize.__init__() missing 2 required positional arguments: 'obj' and 'func'"
        : "finalize.__init__() missing 1 required positional argument: 'func'",
    // WeakValueDictionary, WeakKeyDictionary (issue 4): CPython's wording for dict methods.
    dictArgs: (name, min, max, got) => got < min
        ? `${name} expected ${min === max ? '' : 'at least '}${min} argument${min === 1 ? '' : 's'}, got ${got}`
        : `${name} expected ${min === max ? '' : 'at most '}${max} argument${max === 1 ? '' : 's'}, got ${got}`,
    dictNoArgs: (name, got) => `${name}() takes no arguments (${got} given)`,
    dictSequenceLength: (index, length) => `dictionary update sequence element #${index} has length ${length}; 2 is required`,
    dictSequenceElement: (index) => `cannot convert dictionary update sequence element #${index} to a sequence`,
    unsupportedOperand: (op, left, right) => `unsupported operand type(s) for ${op}: '${left}' and '${right}'`,
    notSubscriptable: (type) => `'${type}' object is not subscriptable`,
    wrongReceiver: (method, cls, got) => `descriptor '${method}' requires a '${cls}' object but received '${got}'`,
};
