/**
 * The browser build's `gc.get_referrers` / `gc.get_referents`: package.json's `browser` field maps
 * dist/esm/internal/heap/referrers.js to this module, so a bundle for a page leaves out the
 * heap-snapshot engine (about 14 kB minified) that a page could never run: a page has no
 * `node:inspector`. Both reject as the engine itself does outside Node (CONTRACT §13), with the same
 * message. Node, Deno and Bun never load this module (package.json's `node` condition, or no
 * `browser` field support).
 */
import { sessionUnavailableReason, snapshotUnavailable } from './availability';

const inThisBuild = 'this is the browser build of pyweakref, which has no heap-snapshot engine';

/** `gc.get_referrers()` in a page: rejects, saying why. */
export function getReferrers(_objs: unknown[]): Promise<unknown[]> {
  return Promise.reject(snapshotUnavailable('get_referrers', sessionUnavailableReason() ?? inThisBuild));
}

/** `gc.get_referents()` in a page: rejects, saying why. */
export function getReferents(_objs: unknown[]): Promise<unknown[]> {
  return Promise.reject(snapshotUnavailable('get_referents', sessionUnavailableReason() ?? inThisBuild));
}
