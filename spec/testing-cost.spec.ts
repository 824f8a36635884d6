/**
 * What a lifetime check costs, counted in full collections (issue 15): `gc.collect()` and a check on
 * an object that is gone take one; a collection whose callbacks may have dropped more goes round
 * again, and a check that would fail retries once. Counted with Node's `gc` performance entries
 * (major collections), never timed.
 */
import { expect } from 'chai';
import * as chai from 'chai';
import { PerformanceObserver, constants } from 'node:perf_hooks';
import { gc, ref } from '../src';
import { assertCollected, assertNotCollected, chaiPyweakref, isCollected } from '../src/testing';

chai.use(chaiPyweakref);

/** The number of major (full) collections while `run` runs. */
async function fullCollections(run: () => Promise<unknown>): Promise<number> {
  let count = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const detail = (entry as { detail?: { kind?: number } }).detail;
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) count++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  await run();
  // Entries are delivered in a later task.
  await new Promise((resolve) => setTimeout(resolve, 20));
  observer.disconnect();
  return count;
}

class Thing {}

function droppedRef(callback?: () => void): ref<Thing> {
  return callback === undefined ? ref(new Thing()) : ref(new Thing(), callback);
}

describe('JavaScript interop: what a lifetime check costs', function () {
  this.timeout(30_000);
  beforeEach(() => gc.collect());

  it('should take one full collection to check an object that is gone', async () => {
    expect(await fullCollections(() => assertCollected(() => new Thing()))).to.equal(1);
    expect(await fullCollections(() => assertCollected(droppedRef()))).to.equal(1);
    expect(await fullCollections(() => isCollected(() => new Thing()))).to.equal(1);
    expect(await fullCollections(() => expect(() => new Thing()).to.be.collected)).to.equal(1);
  });

  it('should go on as gc.collect() does when a callback ran (it may have dropped more)', async () => {
    let held: Thing | undefined = new Thing();
    const second = ref(held);
    let called = 0;
    const first = droppedRef(() => {
      called++;
      held = undefined; // the callback drops the last reference to another object
    });
    expect(await fullCollections(() => assertCollected(first))).to.be.greaterThan(1);
    expect(called).to.equal(1);
    expect(second(), 'the object the callback dropped is collected in the same call').to.equal(undefined);
  });

  it('should retry before saying an object is alive', async () => {
    const kept = new Thing();
    expect(await fullCollections(() => assertNotCollected(ref(kept)))).to.equal(2);
    expect(await fullCollections(() => isCollected(ref(kept)))).to.equal(2);
  });

  it('should take one full collection for a gc.collect() that runs no callback', async () => {
    expect(await fullCollections(() => gc.collect())).to.equal(1);
    let o: Thing | undefined = new Thing();
    const r = ref(o);
    o = undefined;
    expect(await fullCollections(() => gc.collect())).to.equal(1);
    expect(r()).to.equal(undefined);
  });
});
