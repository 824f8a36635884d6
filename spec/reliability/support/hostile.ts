/**
 * Helpers of the hostile-callback specs: a referent class, capturing the unraisable hook and stderr,
 * a collection that delivers nothing, and a timeout that turns a deadlock into a failure.
 */
import { getForceGc } from '../../../src/internal/force-gc';
import { nextMacrotask } from '../../../src/internal/natives';

export class Obj {
  constructor(readonly name = '') {}
  m(): string {
    return this.name;
  }
}

/** The unraisable hook capturing while `body` runs: the suite's one helper for it. */
export { captureUnraisable as capturing } from '../../support/lifetime';

/** Captures what the library writes to stderr while `body` runs. */
export async function capturingStderr(body: () => Promise<void>): Promise<string> {
  const write = process.stderr.write;
  let text = '';
  process.stderr.write = ((chunk: string | Uint8Array): boolean => {
    text += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    await body();
  } finally {
    process.stderr.write = write;
  }
  return text;
}

/** A collection that clears weak references but delivers nothing (the registry's task is pending). */
export async function collectWithoutCleanup(): Promise<void> {
  await nextMacrotask();
  getForceGc()!();
}

export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms)),
  ]);
}
