/**
 * Obtaining a function that forces a full, WeakRef-clearing collection, without command-line flags.
 *
 * Order of preference: a `gc` the host already exposes (`node --expose-gc`, Chromium with
 * `--js-flags=--expose-gc`); else, in Node, turn `--expose-gc` on at run time and read `gc` from a new
 * vm context. The flag is left on: turning it off again would not take back the function, and other
 * tools may rely on it. We always call `gc()` with no argument: with an options object Node 20 runs
 * only a scavenge, which clears no WeakRef.
 */

type GcFunction = () => void;

let cached: GcFunction | undefined;
let failure: string | undefined;

interface NodeProcess {
  getBuiltinModule?: (id: string) => unknown;
}

function obtain(): GcFunction | undefined {
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === 'function') return existing as GcFunction;
  // process.getBuiltinModule (Node >= 20.16) instead of require: bundlers for browsers never see a
  // static import of node:v8 or node:vm, and the browser build degrades instead of breaking.
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (proc === undefined || typeof proc.getBuiltinModule !== 'function') {
    failure = 'no gc() is exposed and this is not Node.js';
    return undefined;
  }
  try {
    const v8 = proc.getBuiltinModule('v8') as { setFlagsFromString(flags: string): void };
    const vm = proc.getBuiltinModule('vm') as { runInNewContext(code: string): unknown };
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc');
    if (typeof gc === 'function') return gc as GcFunction;
    failure = 'setting --expose-gc at run time exposed no gc()';
  } catch (e) {
    failure = `enabling --expose-gc failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  return undefined;
}

/** The collection function, or `undefined` with {@link gcUnavailableReason} saying why. */
export function getForceGc(): GcFunction | undefined {
  if (cached === undefined && failure === undefined) cached = obtain();
  return cached;
}

export function gcUnavailableReason(): string {
  return failure ?? 'unknown reason';
}
