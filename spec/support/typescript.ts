/**
 * The TypeScript compiler, for the few specs that compile something, loaded in their `before` and let
 * go in their `after`: loaded at the top of a spec file, it would stay in the heap of the whole run
 * (tens of MB), and every `gc.collect()` of every other spec costs in proportion to the heap.
 */
import type * as TS from 'typescript';

const request = 'typescript';

/** Loads the compiler (once per use; the module cache holds it until {@link releaseTypescript}). */
export function loadTypescript(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on demand, see above
  return require(request) as typeof TS;
}

/** Drops the module cache's hold on the compiler; the caller drops its own reference. */
export function releaseTypescript(): void {
  delete require.cache[require.resolve(request)];
}
