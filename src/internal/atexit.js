"use strict";
/**
 * The process-exit hook: the stand-in for Python's `atexit` module, for `finalize` (CONTRACT §8).
 *
 * Registered lazily: nothing listens to the process before the first finalizer is created, so
 * importing the library has no side effect (package.json says `sideEffects: false`), and a program
 * that never uses `finalize` keeps Node's exit path untouched.
 *
 * Where it fires: Node's `'exit'` event, which runs synchronously when the event loop drains, on
 * `process.exit()`, and after an uncaught exception. It does not fire when a signal kills the process
 * or on `process.abort()`. Outside Node (browsers, Deno without the Node shim) there is no such event:
 * {@link onProcessExit} then does nothing and reports `false`.
 *
 * `process` is read from `globalThis` and never imported, so bundlers for browsers see no Node module.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.onProcessExit = onProcessExit;
exports.writeStderr = writeStderr;
exports.describeError = describeError;
function nodeProcess() {
    const proc = globalThis.process;
    return proc !== null && typeof proc === 'object' ? proc : undefined;
}
const hooks = [];
let listening = false;
function runHooks() {
    // Each hook guards its own errors (finalize reports each failing finalizer); this guard only keeps
    // a broken hook from stopping the next one, since an 'exit' listener that throws ends the process.
    for (const hook of hooks) {
        try {
            hook();
        }
        catch (err) {
            writeStderr(`Exception in exit hook:\n${describeError(err)}\n`);
        }
    }
}
/**
 * Runs `hook` once, synchronously, when the process exits normally (Node's `'exit'` event). The first
 * call installs the one process listener of the library; later calls add to it.
 *
 * @returns whether an exit event exists in this environment (false in browsers).
 */
function onProcessExit(hook) {
    const proc = nodeProcess();
    if (proc === undefined || typeof proc.on !== 'function')
        return false;
    if (!hooks.includes(hook))
        hooks.push(hook);
    if (!listening) {
        proc.on('exit', runHooks);
        listening = true;
    }
    return true;
}
/** Writes to stderr synchronously where Node offers it (files and pipes on POSIX), else console.error. */
function writeStderr(text) {
    const write = nodeProcess()?.stderr?.write;
    if (typeof write === 'function')
        write.call(nodeProcess().stderr, text);
    else
        console.error(text.replace(/\n$/, ''));
}
/** The stack of an Error, or its string form; never throws. */
function describeError(err) {
    try {
        if (err instanceof Error && typeof err.stack === 'string' && err.stack !== '')
            return err.stack;
        return String(err);
    }
    catch {
        return '<unprintable exception>';
    }
}
