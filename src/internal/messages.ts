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
  noGc: (why: string) =>
    `gc.collect(): this engine cannot force a garbage collection (${why}); ` +
    'in Node.js it needs nothing, in Chromium start the browser with --js-flags=--expose-gc',
  // WeakSet, WeakMethod, finalize (issue 5).
  notIterable: (type: string) => `'${type}' object is not iterable`,
  notCallable: (type: string) => `'${type}' object is not callable`,
  unhashable: (name: string) => `unhashable type: '${name}'`,
  setArgs: (got: number) => `WeakSet expected at most 1 argument, got ${got}`,
  weakMethodArg: (type: string) =>
    `WeakMethod() argument 'method' should be a function or the name of a method of obj, not '${type}'`,
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
} as const;
