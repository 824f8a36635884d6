"use strict";
/**
 * Obtaining a function that forces a full, WeakRef-clearing collection, without command-line flags.
 *
 * Order of preference: a `gc` the host already exposes (`node --expose-gc`, Chromium with
 * `--js-flags=--expose-gc`); else, in Node, turn `--expose-gc` on at run time and read `gc` from a new
 * vm context. The flag is left on: turning it off again would not take back the function, and other
 * tools may rely on it. We always call `gc()` with no argument: with an options object Node 20 runs
 * only a scavenge, which clears no WeakRef.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.getForceGc = getForceGc;
exports.gcUnavailableReason = gcUnavailableReason;
let cached;
let failure;
function obtain() {
    const existing = globalThis.gc;
    if (typeof existing === 'function')
        return existing;
    // process.getBuiltinModule (Node >= 20.16) instead of require: bundlers for browsers never see a
    // static import of node:v8 or node:vm, and the browser build degrades instead of breaking.
    const proc = globalThis.process;
    if (proc === undefined || typeof proc.getBuiltinModule !== 'function') {
        failure = 'no gc() is exposed and this is not Node.js';
        return undefined;
    }
    try {
        const v8 = proc.getBuiltinModule('v8');
        const vm = proc.getBuiltinModule('vm');
        v8.setFlagsFromString('--expose-gc');
        const gc = vm.runInNewContext('gc');
        if (typeof gc === 'function') {
            const finish = finishConcurrentCompiles(v8, vm);
            const full = gc;
            return finish === undefined
                ? full
                : () => {
                    finish();
                    full();
                };
        }
        failure = 'setting --expose-gc at run time exposed no gc()';
    }
    catch (e) {
        failure = `enabling --expose-gc failed: ${e instanceof Error ? e.message : String(e)}`;
    }
    return undefined;
}
/**
 * A function that waits for V8's concurrent optimizing compiles and finishes them, or `undefined`.
 *
 * Why: a compile job running on a background thread holds a handle to the function it optimizes
 * until the main thread finishes the job, a task or so later. Reference objects are functions (`r()`),
 * and hot ones get optimized; so a reference object that the program had dropped could survive the
 * next full collection, held by nothing but such a job (issue 15: a "late reference object" in the
 * fuzzers, 3 runs in 5 on Node 26, none with `--no-concurrent-recompilation`). Finishing the jobs
 * first took that to 0 runs in 12. Maglev's concurrent jobs are not all finished by it (with one
 * round per `gc.collect()` instead of two, 1 run in 6 still failed, none with `--no-maglev`), so
 * `gc.collect()` keeps its second round.
 *
 * How: V8's `%FinalizeOptimization()` runtime call, compiled once with `--allow-natives-syntax`
 * turned on for that moment and off again (the flag only changes how later code is parsed, and only
 * code starting with `%Name(`, which is a syntax error otherwise).
 */
function finishConcurrentCompiles(v8, vm) {
    try {
        v8.setFlagsFromString('--allow-natives-syntax');
        const finish = vm.runInThisContext('(function finishConcurrentCompiles() { %FinalizeOptimization(); })');
        if (typeof finish !== 'function')
            return undefined;
        finish();
        return finish;
    }
    catch {
        return undefined; // an engine without that runtime call: the rounds of gc.collect() still cover it
    }
    finally {
        try {
            v8.setFlagsFromString('--no-allow-natives-syntax');
        }
        catch {
            // Leave it as it is.
        }
    }
}
/** The collection function, or `undefined` with {@link gcUnavailableReason} saying why. */
function getForceGc() {
    if (cached === undefined && failure === undefined)
        cached = obtain();
    return cached;
}
function gcUnavailableReason() {
    return failure ?? 'unknown reason';
}
