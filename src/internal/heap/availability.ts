/**
 * Whether this runtime can take a V8 heap snapshot of its own process, and the error that says why not.
 *
 * A module of its own, free of the heap engine, because the stand-in of `gc.get_referrers` in the ES
 * module build (referrers-unavailable.ts) must reject with the very message the engine gives outside
 * Node, without bringing the engine along.
 */

/** Why no session can be opened here, or `undefined` when one can. */
export function sessionUnavailableReason(): string | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: unknown; versions?: { node?: string; bun?: string } } })
    .process;
  if (proc?.versions?.bun !== undefined) return 'Bun has no V8 heap snapshot (node:inspector is not available there)';
  if ((globalThis as { Deno?: unknown }).Deno !== undefined) {
    return "Deno's node:inspector cannot take heap snapshots in the same process";
  }
  if (proc?.versions?.node === undefined || typeof proc.getBuiltinModule !== 'function') {
    return 'this is not Node.js: heap snapshots are taken through node:inspector';
  }
  return undefined;
}

/** `gc.get_referrers` / `gc.get_referents` outside Node: the rejection, naming the runtime's reason. */
export function snapshotUnavailable(kind: 'get_referrers' | 'get_referents', reason: string): Error {
  return new Error(`gc.${kind}() needs a V8 heap snapshot: ${reason}`);
}
