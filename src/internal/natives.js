"use strict";
/**
 * The engine's own weak primitives and scheduling functions, captured once at load time.
 *
 * Why: our public `WeakSet` shadows the global in any module that imports it, and test suites
 * install fake timers (sinon, @sinonjs/fake-timers, Jest) that replace `setImmediate` and
 * `setTimeout` after we load. Everything in the library that needs the real thing imports it from
 * here, never from the global scope.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.scheduleMacrotask = exports.NativeFinalizationRegistry = exports.NativeWeakSet = exports.NativeWeakMap = exports.NativeWeakRef = void 0;
exports.nextMacrotask = nextMacrotask;
exports.NativeWeakRef = globalThis.WeakRef;
exports.NativeWeakMap = globalThis.WeakMap;
exports.NativeWeakSet = globalThis.WeakSet;
exports.NativeFinalizationRegistry = globalThis.FinalizationRegistry;
/**
 * Runs `fn` in a new macrotask (a new job). A `WeakRef` created or dereferenced in the current job
 * keeps its target alive until the job ends, and microtasks belong to the job; only a macrotask
 * boundary releases those targets so that a forced collection can clear them.
 */
exports.scheduleMacrotask = (() => {
    // Node: take setImmediate from the `timers` module rather than the global, so that fake timers
    // installed even before this module loads (Jest's `fakeTimers: { enableGlobally: true }`) cannot
    // replace it: fake-timer libraries patch globals, not the module's exports.
    const proc = globalThis.process;
    const timers = typeof proc?.getBuiltinModule === 'function'
        ? proc.getBuiltinModule('timers')
        : undefined;
    const g = globalThis;
    const setImmediate = typeof timers?.setImmediate === 'function' ? timers.setImmediate : g.setImmediate;
    if (typeof setImmediate === 'function')
        return (fn) => void setImmediate(fn);
    if (typeof MessageChannel === 'function') {
        // Browsers: a message-channel message is a macrotask and, unlike setTimeout, is not clamped.
        const channel = new MessageChannel();
        const queue = [];
        channel.port1.onmessage = () => queue.shift()();
        return (fn) => {
            queue.push(fn);
            channel.port2.postMessage(null);
        };
    }
    const setTimeout = globalThis.setTimeout;
    return (fn) => void setTimeout(fn, 0);
})();
/** Resolves in a later macrotask; see {@link scheduleMacrotask}. */
function nextMacrotask() {
    return new Promise((resolve) => (0, exports.scheduleMacrotask)(resolve));
}
