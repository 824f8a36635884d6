/**
 * Obtaining a function that forces a full, WeakRef-clearing collection, without command-line flags.
 *
 * Order of preference: a `gc` the host already exposes (`node --expose-gc`, Chromium with
 * `--js-flags=--expose-gc`); else, in Bun, `Bun.gc(true)`; else, in Node (and Deno, which serves
 * Node's `v8` and `vm`), turn `--expose-gc` on at run time and read `gc` from a new vm context. The
 * flag is left on: turning it off again would not take back the function, and other tools may rely on
 * it. We always call `gc()` with no argument: with an options object Node 20 runs only a scavenge,
 * which clears no WeakRef. Wherever V8 is reached through Node's modules, whichever `gc` is used, V8's
 * compilation jobs are finished and destroyed first (see {@link withCompileJobsFinished}).
 */

type GcFunction = () => void;

let cached: GcFunction | undefined;
let failure: string | undefined;

interface NodeProcess {
  getBuiltinModule?: (id: string) => unknown;
  versions?: { v8?: string; node?: string };
}

interface BunGlobal {
  gc?: (force: boolean) => unknown;
  version?: string;
}

function obtain(): GcFunction | undefined {
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === 'function') return withCompileJobsFinished(existing as GcFunction);
  // Bun (JavaScriptCore): `Bun.gc(true)` runs a synchronous full collection, which clears WeakRefs
  // whose targets are unreachable. Bun also serves `process.getBuiltinModule('v8')`, but setting
  // `--expose-gc` there exposes nothing, so Bun is asked first.
  const bun = (globalThis as { Bun?: BunGlobal }).Bun;
  if (typeof bun?.gc === 'function') {
    const bunGc = bun.gc;
    return () => {
      bunGc.call(bun, true);
    };
  }
  // process.getBuiltinModule (Node >= 20.16) instead of require: bundlers for browsers never see a
  // static import of node:v8 or node:vm, and the browser build degrades instead of breaking.
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (proc === undefined || typeof proc.getBuiltinModule !== 'function') {
    failure = `${runtimeName()}: no gc() is exposed, and this is not Node.js, Deno or Bun`;
    return undefined;
  }
  try {
    const v8 = proc.getBuiltinModule('v8') as { setFlagsFromString(flags: string): void };
    const vm = proc.getBuiltinModule('vm') as {
      runInNewContext(code: string): unknown;
      runInThisContext(code: string): unknown;
    };
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc');
    if (typeof gc === 'function') return withCompileJobsFinished(gc as GcFunction);
    failure = `${runtimeName()}: setting --expose-gc at run time exposed no gc()`;
  } catch (e) {
    failure = `${runtimeName()}: enabling --expose-gc at run time failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  return undefined;
}

/**
 * `full`, preceded by finishing V8's concurrent compilation jobs, where V8 can be reached through
 * Node's `v8` and `vm` modules (Node, and Deno where they answer); elsewhere `full` itself. Applied to
 * any `gc`, the host's own (`node --expose-gc`) included: one full collection per `gc.collect()` is
 * enough only with these jobs out of the way.
 */
function withCompileJobsFinished(full: GcFunction): GcFunction {
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (proc === undefined || typeof proc.getBuiltinModule !== 'function') return full;
  let finish: (() => void) | undefined;
  try {
    const v8 = proc.getBuiltinModule('v8') as { setFlagsFromString(flags: string): void };
    const vm = proc.getBuiltinModule('vm') as { runInThisContext(code: string): unknown };
    destroyCompileJobsOnMainThread(v8, proc);
    finish = finishConcurrentCompiles(v8, vm);
  } catch {
    return full; // a runtime without those modules: nothing to finish
  }
  if (finish === undefined) return full;
  const before = finish;
  return () => {
    before();
    full();
  };
}

/**
 * Makes V8 destroy finished Maglev compilation jobs on the main thread, at once, instead of in a
 * background task (`--no-maglev-destroy-on-background`, V8 12 and later: Node 22+).
 *
 * Why: a compilation job holds a handle to the function it compiles, and through the function's
 * context whatever that function closes over (likely the late object's holder: a dropped
 * dictionary's `remove` callback holds the dictionary, which holds its reference objects). {@link finishConcurrentCompiles} finishes every job
 * before each `gc()`, but a finished Maglev job is then handed to a background task to be destroyed,
 * and until that task runs its handles are roots: the function and what it holds outlived the next
 * full collection (issue 15: 4 runs in 31 of the fuzzers on Node 26 with one collection per
 * `gc.collect()`; 0 in 40 with this flag). Destroying the job on the main thread frees its handles
 * before `gc()` runs. Cost: a job is freed on the main thread instead of a helper thread (not measured
 * apart; `npm run bench:collect` includes it).
 */
function destroyCompileJobsOnMainThread(v8: { setFlagsFromString(flags: string): void }, proc: NodeProcess): void {
  // Node 20 (V8 11) has no such flag, and V8 prints "unrecognized flag" on stderr for one it lacks.
  const major = Number(/^(\d+)\./.exec(proc.versions?.v8 ?? '')?.[1] ?? 0);
  if (major < 12) return;
  try {
    v8.setFlagsFromString('--no-maglev-destroy-on-background');
  } catch {
    // Leave it as it is.
  }
}

/**
 * A function that waits for V8's concurrent optimizing compiles and finishes them, or `undefined`.
 *
 * Why: a compile job running on a background thread holds a handle to the function it optimizes
 * until the main thread finishes the job, a task or so later. Reference objects are functions (`r()`),
 * and hot ones get optimized; so a reference object that the program had dropped could survive the
 * next full collection, held by nothing but such a job (issue 15: a "late reference object" in the
 * fuzzers, 3 runs in 5 on Node 26, none with `--no-concurrent-recompilation`). Finishing the jobs
 * first took that to 0 runs in 12 with two collections per `gc.collect()`; with one, Maglev's finished
 * jobs still held theirs until a background task destroyed them: see
 * {@link destroyCompileJobsOnMainThread}.
 *
 * How: V8's `%FinalizeOptimization()` runtime call, compiled once with `--allow-natives-syntax`
 * turned on for that moment and off again (the flag only changes how later code is parsed, and only
 * code starting with `%Name(`, which is a syntax error otherwise).
 */
function finishConcurrentCompiles(
  v8: { setFlagsFromString(flags: string): void },
  vm: { runInThisContext(code: string): unknown },
): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--allow-natives-syntax');
    const finish = vm.runInThisContext('(function finishConcurrentCompiles() { %FinalizeOptimization(); })');
    if (typeof finish !== 'function') return undefined;
    (finish as () => void)();
    return finish as () => void;
  } catch {
    return undefined; // an engine without that runtime call: the rounds of gc.collect() still cover it
  } finally {
    try {
      v8.setFlagsFromString('--no-allow-natives-syntax');
    } catch {
      // Leave it as it is.
    }
  }
}

/**
 * The runtime, for the error of a runtime where no collection can be forced (CONTRACT §15: it names
 * the runtime; messages.noGc gives the way out for each).
 */
function runtimeName(): string {
  const g = globalThis as {
    Bun?: BunGlobal;
    Deno?: { version?: { deno?: string } };
    process?: NodeProcess;
    navigator?: { userAgent?: string };
  };
  if (g.Bun !== undefined) return `Bun ${g.Bun.version ?? ''}`.trim();
  if (g.Deno !== undefined) return `Deno ${g.Deno.version?.deno ?? ''}`.trim();
  if (typeof g.process?.versions?.node === 'string') return `Node.js ${g.process.versions.node}`;
  if (typeof g.navigator?.userAgent === 'string') return `a browser (${g.navigator.userAgent})`;
  return 'an engine that is not Node.js, Deno, Bun or a browser';
}

/** The collection function, or `undefined` with {@link gcUnavailableReason} saying why. */
export function getForceGc(): GcFunction | undefined {
  if (cached === undefined && failure === undefined) cached = obtain();
  return cached;
}

export function gcUnavailableReason(): string {
  return failure ?? 'unknown reason';
}
