/**
 * Every message of `pyweakref/testing` in one table (the library's own messages are in
 * src/internal/messages.ts; these belong to the test helpers and are pinned by spec/testing.spec.ts).
 */
export const testingMessages = {
  notCollected: (what: string) => `expected ${what} to be collected, but it is still reachable after gc.collect()`,
  collected: (what: string) => `expected ${what} not to be collected, but gc.collect() collected it`,
  reasonsHeader: 'What pyweakref knows about it:',
  reasonsFooter:
    'Anything else that holds it is outside pyweakref: a variable not set to undefined (an async function ' +
    'keeps its locals across await), a closure, an array, a Map or a cache.',
  noReasons:
    'No pyweakref structure reports holding it, so a strong reference remains in the program: a variable ' +
    'not set to undefined (an async function keeps its locals across await), a closure, an array, a Map ' +
    'or a cache.',
  badSubject: (fn: string, type: string) =>
    `${fn} expects a ref, a proxy or a factory function that returns the object to watch, not ` +
    `${type === 'object' ? 'the object itself' : `'${type}'`}: an argument that is the object keeps it alive ` +
    'for the whole call (pass ref(obj) and drop obj, or a factory such as () => new Thing())',
  foreignRef: (fn: string) =>
    `${fn} was given a reference object from another copy of pyweakref (two installed versions, or a ` +
    "module registry reset such as jest.resetModules()): load 'pyweakref/testing' from the same copy as 'pyweakref'",
  badFactoryResult: (cannot: string) => `the factory returned a value that cannot be watched: ${cannot}`,
  factoryWhat: (repr: string) => `the object made by the factory (${repr})`,
  referentWhat: (repr: string) => `the referent of ${repr}`,
  // Retainer paths.
  heldBy: 'It is held by (the shortest path from a GC root, from the last holder the program owns):',
  alsoHeldBy: 'and also by:',
  retainersSkipped: (reason: string) => `What holds it was not looked up: ${reason}.`,
  noRetainerFound: 'The heap snapshot found no path to it from a GC root.',
  // Runner matchers (pyweakref/vitest, pyweakref/jest, pyweakref/bun).
  noExpect: (runner: 'vitest' | 'jest' | 'bun') =>
    `pyweakref/${runner} registers expect(subject).toBeCollected() with ${runnerNames[runner]}'s expect, ` +
    `but found none: ${runnerWayOut[runner]}`,
  // Leak checks.
  badLeakFn: (type: string) => `assertNoLeak() expects a function to run, not '${type}'`,
  badCount: (name: string, value: unknown) =>
    `assertNoLeak(): ${name} must be a non-negative integer, got ${String(value)}`,
  badTolerance: (value: unknown) =>
    `assertNoLeak(): heapToleranceBytes must be a non-negative number, got ${String(value)}`,
  leak: (iterations: number, warmup: number) =>
    `after ${iterations} iteration${iterations === 1 ? '' : 's'} (${warmup} warm-up), memory did not return to its baseline`,
  noLeak: (iterations: number, warmup: number) =>
    `after ${iterations} iteration${iterations === 1 ? '' : 's'} (${warmup} warm-up), memory returned to its baseline`,
  tablesHeader: 'pyweakref tables (after gc.collect()):',
  heapLine: (before: number, after: number, tolerance: number) =>
    `heap used (after gc.collect()): ${before} -> ${after} bytes (${signed(after - before)}; tolerance ${tolerance})`,
  heapUnmeasured: 'heap used: not measured (no process.memoryUsage() in this environment)',
  badExplainMs: (value: unknown) => `assertNoLeak(): maxExplainMs must be a non-negative number, got ${String(value)}`,
  // What grew (a failing leak check's explanation: src/testing/leak-growth.ts).
  growthHeader: (runs: number) => `what ${runs} further runs left alive, by class and holder (largest first):`,
  growthMore: (n: number) => `… and ${n} more group${n === 1 ? '' : 's'} (measureLeak(): report.growth.groups)`,
  growthAttributed: (held: string, heap: string | undefined, short: boolean) =>
    `these hold ${held} per run` +
    (heap === undefined ? '' : `; the heap grew by ${heap} per measured run`) +
    (short
      ? ", the rest in memory that no new object owns (the holders' grown storage, engine internals) or growth that stopped"
      : ''),
  growthNone: (runs: number) =>
    `what ${runs} further runs left alive: no objects in numbers that grow with the runs, so nothing is ` +
    'attributed: the growth measured above is not in objects of its own (it is the grown storage of ' +
    "existing arrays, maps or strings, or the engine's own memory: compiled code, caches), or it stopped",
  growthSkipped: (reason: string) => `what grew was not looked up: ${reason}`,
  growthTooSlow: (ms: number, budget: number) =>
    `2 further runs of fn would take about ${ms} ms, over half the time budget (${budget} ms; maxExplainMs)`,
} as const;

const runnerNames = { vitest: 'Vitest', jest: 'Jest', bun: 'bun:test' } as const;

const runnerWayOut = {
  vitest:
    "import 'pyweakref/vitest' from a setup file that Vitest runs (test.setupFiles in vitest.config); " +
    "its CommonJS entry (loaded with require) finds Vitest's expect only inside a Vitest worker",
  jest:
    "import 'pyweakref/jest' from a setup file that Jest runs (setupFilesAfterEnv in the Jest " +
    "configuration); with injectGlobals: false, Jest's expect is read from '@jest/globals'",
  bun:
    'this is not Bun: pyweakref/bun is for `bun test` (list it under [test] preload in bunfig.toml); ' +
    "under Jest or Vitest import 'pyweakref/jest' or 'pyweakref/vitest'",
} as const;

function signed(n: number): string {
  return n >= 0 ? `+${n}` : String(n);
}

export { signed };
