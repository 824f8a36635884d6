/**
 * Every error message of the library in one table, CPython's wording where CPython has one
 * (without Python's repr quotes where the contract says so).
 */
export const messages = {
  cannotWeakref: (type: string) => `cannot create weak reference to '${type}' object`,
  atLeastArgs: (n: number, got: number) => `__new__ expected at least ${n} argument${n === 1 ? '' : 's'}, got ${got}`,
  atMostArgs: (n: number, got: number) => `__new__ expected at most ${n} arguments, got ${got}`,
  refCallArgs: (got: number) => `weakref expected 0 arguments, got ${got}`,
  callbackNotCallable: (type: string) => `callback must be callable or undefined, not '${type}'`,
  unorderable: (type: string) => `'<' not supported between instances of '${type}' (weak references cannot be ordered or used as numbers)`,
  goneAway: 'weak object has gone away',
  proxyDead: 'weakly-referenced object no longer exists',
  // proxy (issue 3): CPython's PyArg_UnpackTuple wording, named after the function.
  proxyAtLeastArgs: (got: number) => `proxy expected at least 1 argument, got ${got}`,
  proxyAtMostArgs: (got: number) => `proxy expected at most 2 arguments, got ${got}`,
  cannotCreateInstances: (name: string) => `cannot create '${name}' instances`,
  dictEmpty: 'popitem(): dictionary is empty',
  setEmpty: 'pop from empty WeakSet',
  // `why` starts with the runtime's name (force-gc.ts); the way out covers every runtime (CONTRACT §15).
  noGc: (why: string) =>
    `gc.collect(): this engine cannot force a garbage collection (${why}); ` +
    'in Node.js, Deno and Bun it needs nothing (or start Node.js with --expose-gc, Deno with ' +
    '--v8-flags=--expose-gc), in Chromium start the browser with --js-flags=--expose-gc, in any other ' +
    'engine define a global gc() that runs a full collection before the first call',
  // WeakSet, WeakMethod, finalize (issue 5).
  notIterable: (type: string) => `'${type}' object is not iterable`,
  notCallable: (type: string) => `'${type}' object is not callable`,
  unhashable: (name: string) => `unhashable type: '${name}'`,
  setArgs: (got: number) => `WeakSet expected at most 1 argument, got ${got}`,
  weakMethodArg: (type: string) =>
    `WeakMethod() argument 'method' should be a function or the name of a method of obj, not '${type}'`,
  // MethodType, the one-argument WeakMethod, id (issue 16): CPython's wording.
  methodArgs: (got: number) => `method expected 2 arguments, got ${got}`,
  methodNotCallable: 'first argument must be callable',
  methodSelfNone: 'instance must not be None',
  notAcceptableBase: (name: string) => `type '${name}' is not an acceptable base type`,
  unorderableMethod: "'<' not supported between instances of 'method' (methods cannot be ordered or used as numbers)",
  notBoundMethod: (type: string) => `argument should be a bound method, not <class '${type}'>`,
  boundMethodFunc: (type: string) => `WeakMethod() argument's __func__ should be a function, not '${type}'`,
  weakMethodMissing: "WeakMethod.__new__() missing 1 required positional argument: 'meth'",
  weakMethodExtra: (got: number) =>
    `WeakMethod(method, callback) takes at most 2 arguments when the first is a bound method, got ${got}`,
  idArgs: (got: number) => `id() takes exactly one argument (${got} given)`,
  noIdentity: (type: string) =>
    `id() argument must be an object, a function or a non-registered symbol, not '${type}' (JavaScript primitives have no identity)`,
  finalizeMissing: (got: number) =>
    got === 0
      ? "finalize.__init__() missing 2 required positional arguments: 'obj' and 'func'"
      : "finalize.__init__() missing 1 required positional argument: 'func'",
  // WeakValueDictionary, WeakKeyDictionary (issue 4): CPython's wording for dict methods.
  dictArgs: (name: string, min: number, max: number, got: number) =>
    got < min
      ? `${name} expected ${min === max ? '' : 'at least '}${min} argument${min === 1 ? '' : 's'}, got ${got}`
      : `${name} expected ${min === max ? '' : 'at most '}${max} argument${max === 1 ? '' : 's'}, got ${got}`,
  dictNoArgs: (name: string, got: number) => `${name}() takes no arguments (${got} given)`,
  dictSequenceLength: (index: number, length: number) =>
    `dictionary update sequence element #${index} has length ${length}; 2 is required`,
  dictSequenceElement: (index: number) => `cannot convert dictionary update sequence element #${index} to a sequence`,
  unsupportedOperand: (op: string, left: string, right: string) =>
    `unsupported operand type(s) for ${op}: '${left}' and '${right}'`,
  notSubscriptable: (type: string) => `'${type}' object is not subscriptable`,
  wrongReceiver: (method: string, cls: string, got: string) =>
    `descriptor '${method}' requires a '${cls}' object but received '${got}'`,
  // atexit, sys.is_finalizing (issue 16): CPython's Modules/atexitmodule.c and METH_NOARGS wording.
  atexitRegisterNoArgs: 'register() takes at least 1 argument (0 given)',
  atexitNotCallable: 'the first argument must be callable',
  atexitUnregisterArgs: (got: number) => `atexit.unregister() takes exactly one argument (${got} given)`,
  noArguments: (name: string, got: number) => `${name}() takes no arguments (${got} given)`,
  // The rest of gc (issue 16): CPython's Modules/gcmodule.c and Argument Clinic wording.
  exactlyOneArgument: (name: string, got: number) => `${name}() takes exactly one argument (${got} given)`,
  atMostArguments: (name: string, n: number, got: number) =>
    `${name}() takes at most ${n} argument${n === 1 ? '' : 's'} (${got} given)`,
  atLeastArguments: (name: string, n: number, got: number) =>
    `${name}() takes at least ${n} argument${n === 1 ? '' : 's'} (${got} given)`,
  notAnInteger: (type: string) => `'${type}' object cannot be interpreted as an integer`,
  intAboveMaximum: 'signed integer is greater than maximum',
  intBelowMinimum: 'signed integer is less than minimum',
  invalidGeneration: 'invalid generation',
  generationArgument: (type: string) => `argument should be integer or undefined, not '${type}'`,
  generationTooLarge: 'generation parameter must be less than the number of available generations (3)',
  generationNegative: 'generation parameter cannot be negative',
  gcCallbackFailed: (repr: string) => `Exception ignored while calling GC callback ${repr}`,
  noGetObjects:
    "gc.get_objects() cannot be offered: JavaScript keeps no list of the objects it tracks (a heap snapshot " +
    "lists every node of the heap, most of them the engine's own, and turning each back into a value costs " +
    'an inspector call); to find what keeps an object alive, use await gc.get_referrers(obj), or a heap ' +
    'snapshot in DevTools',
} as const;
