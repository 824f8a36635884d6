/**
 * `gc.get_referrers` / `gc.get_referents` in the ES module build (dist/esm/): scripts/build-esm.mjs
 * imports this module there in place of referrers.ts, so that no bundle carries the heap-snapshot
 * engine (about 14 kB minified) that nothing loading that build could run: Node.js loads the CommonJS
 * build (package.json's `node` condition), and pages, Deno and web bundles cannot take a heap
 * snapshot of their own process. Both reject as the engine itself does where it cannot run
 * (CONTRACT §13): with the runtime's reason, or, in Node.js (a file import of dist/esm/ by path), with
 * the way to the build that has the engine.
 */
import { sessionUnavailableReason, snapshotUnavailable } from './availability';

const inThisBuild =
  "the ES module build of pyweakref has no heap-snapshot engine; in Node.js import 'pyweakref' itself (its CommonJS build has one)";

/** `gc.get_referrers()` in the ES module build: rejects, saying why. */
export function getReferrers(_objs: unknown[]): Promise<unknown[]> {
  return Promise.reject(snapshotUnavailable('get_referrers', sessionUnavailableReason() ?? inThisBuild));
}

/** `gc.get_referents()` in the ES module build: rejects, saying why. */
export function getReferents(_objs: unknown[]): Promise<unknown[]> {
  return Promise.reject(snapshotUnavailable('get_referents', sessionUnavailableReason() ?? inThisBuild));
}
