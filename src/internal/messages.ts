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
  cannotCreateInstances: (name: string) => `cannot create '${name}' instances`,
  dictEmpty: 'popitem(): dictionary is empty',
  setEmpty: 'pop from empty WeakSet',
  noGc: (why: string) =>
    `gc.collect(): this engine cannot force a garbage collection (${why}); ` +
    'in Node.js it needs nothing, in Chromium start the browser with --js-flags=--expose-gc',
} as const;
