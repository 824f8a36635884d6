/**
 * The engine's own weak primitives and scheduling functions, captured once at load time.
 *
 * Why: our public `WeakSet` shadows the global in any module that imports it, and test suites
 * install fake timers (sinon, @sinonjs/fake-timers, Jest) that replace `setImmediate` and
 * `setTimeout` after we load. Everything in the library that needs the real thing imports it from
 * here, never from the global scope.
 */

export const NativeWeakRef = globalThis.WeakRef;
export const NativeWeakMap = globalThis.WeakMap;
export const NativeWeakSet = globalThis.WeakSet;
export const NativeFinalizationRegistry = globalThis.FinalizationRegistry;

export type NativeWeakRef<T extends WeakKey> = WeakRef<T>;

/**
 * Runs `fn` in a new macrotask (a new job). A `WeakRef` created or dereferenced in the current job
 * keeps its target alive until the job ends, and microtasks belong to the job; only a macrotask
 * boundary releases those targets so that a forced collection can clear them.
 */
export const scheduleMacrotask: (fn: () => void) => void = (() => {
  // Node: take setImmediate from the `timers` module rather than the global, so that fake timers
  // installed even before this module loads (Jest's `fakeTimers: { enableGlobally: true }`) cannot
  // replace it: fake-timer libraries patch globals, not the module's exports.
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const timers =
    typeof proc?.getBuiltinModule === 'function'
      ? (proc.getBuiltinModule('timers') as { setImmediate?: (fn: () => void) => unknown } | undefined)
      : undefined;
  const g = globalThis as { setImmediate?: (fn: () => void) => unknown };
  const setImmediate = typeof timers?.setImmediate === 'function' ? timers.setImmediate : g.setImmediate;
  if (typeof setImmediate === 'function') return (fn: () => void) => void setImmediate(fn);
  if (typeof MessageChannel === 'function') {
    // Browsers: a message-channel message is a macrotask and, unlike setTimeout, is not clamped.
    const channel = new MessageChannel();
    const queue: Array<() => void> = [];
    channel.port1.onmessage = () => queue.shift()!();
    return (fn: () => void) => {
      queue.push(fn);
      channel.port2.postMessage(null);
    };
  }
  const setTimeout = globalThis.setTimeout;
  return (fn: () => void) => void setTimeout(fn, 0);
})();

/** Resolves in a later macrotask; see {@link scheduleMacrotask}. */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => scheduleMacrotask(resolve));
}

/**
 * An environment variable of the process, or `undefined` where there is none to read: outside Node,
 * or where reading throws (Deno without `--allow-env` throws `NotCapable` for `process.env.X`: a
 * switch the user did not set must not turn into an error, nor ask for a permission).
 */
export function environmentVariable(name: string): string | undefined {
  try {
    const value = (globalThis as { process?: { env?: Record<string, unknown> } }).process?.env?.[name];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
