'use strict';
// Loading the package must have no side effect that matters (package.json says sideEffects: false):
// no new globals, no process listener, no timer or handle, no gc() exposed. finalize registers the
// process exit hook lazily, on the first finalizer. argv[2] === 'testing' when the package has it.
const withTesting = process.argv[2] === 'testing';
const snapshot = () => ({
  globals: Object.getOwnPropertyNames(globalThis).sort().join(),
  exitListeners: process.listenerCount('exit'),
  listeners: process
    .eventNames()
    .map((e) => `${String(e)}:${process.listenerCount(e)}`)
    .sort()
    .join(),
  resources: process.getActiveResourcesInfo().join(),
  gc: typeof globalThis.gc,
});

(async () => {
  await new Promise((resolve) => setTimeout(resolve, 10));
  const before = snapshot();
  const w = require('pyweakref');
  await import('pyweakref');
  if (withTesting) {
    require('pyweakref/testing');
    await import('pyweakref/testing');
  }
  // Module loading itself leaves file requests (FSReqCallback, CloseReq) in flight for a moment:
  // let them finish, so that only what the library started remains.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  const after = snapshot();
  const problems = [];
  for (const k of Object.keys(before)) {
    if (before[k] !== after[k]) problems.push(`${k} changed on load: ${before[k]} -> ${after[k]}`);
  }
  if (typeof w.finalize === 'function') {
    w.finalize({}, () => {});
    const n = process.listenerCount('exit');
    if (n !== before.exitListeners + 1)
      problems.push(`the first finalizer added ${n - before.exitListeners} exit listeners, expected 1`);
    w.finalize({}, () => {});
    if (process.listenerCount('exit') !== n) problems.push('a second finalizer added another exit listener');
    // atexit.register shares that listener: finalize's exit hook is one of the atexit functions.
    if (w.atexit !== undefined) {
      w.atexit.unregister(w.atexit.register(() => {}));
      if (process.listenerCount('exit') !== n) problems.push('atexit.register added another exit listener');
    }
  }
  if (problems.length) {
    console.log(`  ✖ side effects: ${problems.join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log(
      `  ✔ side effects: loading adds no global, listener, handle or gc()${typeof w.finalize === 'function' ? '; the first finalize() adds the one exit listener' : ''}`,
    );
  }
})();
