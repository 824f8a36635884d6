/**
 * Helpers for specs around `gc.disable()` / `gc.enable()`.
 *
 * - {@link disableGc}: CPython's `test.support.disable_gc()` context manager, as a function that runs
 *   its body with gc disabled and restores the previous state afterwards (even if the body throws).
 * - {@link engineCollection}: a collection made by the engine on its own, as opposed to
 *   `gc.collect()`: a full `gc()` in a fresh macrotask without the library's sweep, then the turns of
 *   the event loop in which V8 runs the FinalizationRegistry callbacks. This is how a program that
 *   never calls `gc.collect()` sees objects die.
 */
import { gc } from '../../src';
import { getForceGc } from '../../src/internal/force-gc';
import { heldCount } from '../../src/internal/gc-state';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Python: `with support.disable_gc(): body()`. */
export async function disableGc<T>(body: () => Promise<T> | T): Promise<T> {
  const have = gc.isenabled();
  gc.disable();
  try {
    return await body();
  } finally {
    if (have) gc.enable();
  }
}

/**
 * Lets the engine collect, without `gc.collect()`, and waits (at most `maxTurns` turns of the event
 * loop) until `done()` holds. Without `done`: while gc is disabled, until the engine has reported at
 * least `held` deaths that it held back (`heldCount()`); while enabled, a fixed 20 turns.
 */
export async function engineCollection(
  options: { held?: number; done?: () => boolean; maxTurns?: number } = {},
): Promise<void> {
  const maxTurns = options.maxTurns ?? 200;
  await tick();
  getForceGc()!();
  const done = options.done ?? (options.held !== undefined ? (): boolean => heldCount() >= options.held! : undefined);
  if (done === undefined) {
    for (let turn = 0; turn < 20; turn++) await tick();
    return;
  }
  for (let turn = 0; turn < maxTurns && !done(); turn++) await tick();
}

export { heldCount };
