/**
 * Every error message of the library in one module, CPython's wording where CPython has one
 * (without Python's repr quotes where the contract says so).
 *
 * One export per message, read as `messages.x` through `import * as messages`: a bundler keeps only
 * the messages of the modules a program uses (one object literal would be kept whole; CONTRACT §15's
 * bundle size).
 */
export const cannotWeakref = (type: string) => `cannot create weak reference to '${type}' object`;
export const atLeastArgs = (n: number, got: number) =>
  `__new__ expected at least ${n} argument${n === 1 ? '' : 's'}, got ${got}`;
export const atMostArgs = (n: number, got: number) => `__new__ expected at most ${n} arguments, got ${got}`;
export const refCallArgs = (got: number) => `weakref expected 0 arguments, got ${got}`;
export const callbackNotCallable = (type: string) => `callback must be callable or undefined, not '${type}'`;
export const unorderable = (type: string) =>
  `'<' not supported between instances of '${type}' (weak references cannot be ordered or used as numbers)`;
export const goneAway = 'weak object has gone away';
export const proxyDead = 'weakly-referenced object no longer exists';
// proxy (issue 3): CPython's PyArg_UnpackTuple wording, named after the function.
export const proxyAtLeastArgs = (got: number) => `proxy expected at least 1 argument, got ${got}`;
export const proxyAtMostArgs = (got: number) => `proxy expected at most 2 arguments, got ${got}`;
export const cannotCreateInstances = (name: string) => `cannot create '${name}' instances`;
export const dictEmpty = 'popitem(): dictionary is empty';
export const setEmpty = 'pop from empty WeakSet';
// `why` starts with the runtime's name (force-gc.ts); the way out covers every runtime (CONTRACT §15).
export const noGc = (why: string) =>
  `gc.collect(): this engine cannot force a garbage collection (${why}); ` +
  'in Node.js, Deno and Bun it needs nothing (or start Node.js with --expose-gc, Deno with ' +
  '--v8-flags=--expose-gc), in Chromium start the browser with --js-flags=--expose-gc, in any other ' +
  'engine define a global gc() that runs a full collection before the first call';
// WeakSet, WeakMethod, finalize (issue 5).
export const notIterable = (type: string) => `'${type}' object is not iterable`;
export const notCallable = (type: string) => `'${type}' object is not callable`;
export const unhashable = (name: string) => `unhashable type: '${name}'`;
export const setArgs = (got: number) => `WeakSet expected at most 1 argument, got ${got}`;
export const weakMethodArg = (type: string) =>
  `WeakMethod() argument 'method' should be a function or the name of a method of obj, not '${type}'`;
// MethodType, the one-argument WeakMethod, id (issue 16): CPython's wording.
export const methodArgs = (got: number) => `method expected 2 arguments, got ${got}`;
export const methodNotCallable = 'first argument must be callable';
export const methodSelfNone = 'instance must not be None';
export const notAcceptableBase = (name: string) => `type '${name}' is not an acceptable base type`;
export const unorderableMethod =
  "'<' not supported between instances of 'method' (methods cannot be ordered or used as numbers)";
export const notBoundMethod = (type: string) => `argument should be a bound method, not <class '${type}'>`;
export const boundMethodFunc = (type: string) => `WeakMethod() argument's __func__ should be a function, not '${type}'`;
export const weakMethodMissing = "WeakMethod.__new__() missing 1 required positional argument: 'meth'";
export const weakMethodExtra = (got: number) =>
  `WeakMethod(method, callback) takes at most 2 arguments when the first is a bound method, got ${got}`;
export const idArgs = (got: number) => `id() takes exactly one argument (${got} given)`;
export const noIdentity = (type: string) =>
  `id() argument must be an object, a function or a non-registered symbol, not '${type}' (JavaScript primitives have no identity)`;
export const finalizeMissing = (got: number) =>
  got === 0
    ? "finalize.__init__() missing 2 required positional arguments: 'obj' and 'func'"
    : "finalize.__init__() missing 1 required positional argument: 'func'";
// WeakValueDictionary, WeakKeyDictionary (issue 4): CPython's wording for dict methods.
export const dictArgs = (name: string, min: number, max: number, got: number) =>
  got < min
    ? `${name} expected ${min === max ? '' : 'at least '}${min} argument${min === 1 ? '' : 's'}, got ${got}`
    : `${name} expected ${min === max ? '' : 'at most '}${max} argument${max === 1 ? '' : 's'}, got ${got}`;
export const dictNoArgs = (name: string, got: number) => `${name}() takes no arguments (${got} given)`;
export const dictSequenceLength = (index: number, length: number) =>
  `dictionary update sequence element #${index} has length ${length}; 2 is required`;
export const dictSequenceElement = (index: number) =>
  `cannot convert dictionary update sequence element #${index} to a sequence`;
export const unsupportedOperand = (op: string, left: string, right: string) =>
  `unsupported operand type(s) for ${op}: '${left}' and '${right}'`;
export const notSubscriptable = (type: string) => `'${type}' object is not subscriptable`;
export const wrongReceiver = (method: string, cls: string, got: string) =>
  `descriptor '${method}' requires a '${cls}' object but received '${got}'`;
// atexit, sys.is_finalizing (issue 16): CPython's Modules/atexitmodule.c and METH_NOARGS wording.
export const atexitRegisterNoArgs = 'register() takes at least 1 argument (0 given)';
export const atexitNotCallable = 'the first argument must be callable';
export const atexitUnregisterArgs = (got: number) => `atexit.unregister() takes exactly one argument (${got} given)`;
export const noArguments = (name: string, got: number) => `${name}() takes no arguments (${got} given)`;
// The rest of gc (issue 16): CPython's Modules/gcmodule.c and Argument Clinic wording.
export const exactlyOneArgument = (name: string, got: number) => `${name}() takes exactly one argument (${got} given)`;
export const atMostArguments = (name: string, n: number, got: number) =>
  `${name}() takes at most ${n} argument${n === 1 ? '' : 's'} (${got} given)`;
export const atLeastArguments = (name: string, n: number, got: number) =>
  `${name}() takes at least ${n} argument${n === 1 ? '' : 's'} (${got} given)`;
export const notAnInteger = (type: string) => `'${type}' object cannot be interpreted as an integer`;
export const intAboveMaximum = 'signed integer is greater than maximum';
export const intBelowMinimum = 'signed integer is less than minimum';
export const invalidGeneration = 'invalid generation';
export const generationArgument = (type: string) => `argument should be integer or undefined, not '${type}'`;
export const generationTooLarge = 'generation parameter must be less than the number of available generations (3)';
export const generationNegative = 'generation parameter cannot be negative';
export const gcCallbackFailed = (repr: string) => `Exception ignored while calling GC callback ${repr}`;
export const noGetObjects =
  'gc.get_objects() cannot be offered: JavaScript keeps no list of the objects it tracks (a heap snapshot ' +
  "lists every node of the heap, most of them the engine's own, and turning each back into a value costs " +
  'an inspector call); to find what keeps an object alive, use await gc.get_referrers(obj), or a heap ' +
  'snapshot in DevTools';
