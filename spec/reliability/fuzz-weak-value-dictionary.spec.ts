/**
 * Model-based fuzzing of WeakValueDictionary: random operation sequences (every mutator and accessor,
 * dict-style access, snapshot iterators held across steps), interleaved with referent deaths and
 * `gc.collect()`, checked after every step against a Map of what is still alive.
 * See docs/reliability.md; failing sequences are pinned in fuzz-regressions.spec.ts.
 */
import fc from 'fast-check';
import { fcParams, runSequence, sequenceArb } from './support/fuzz-common';
import { WvdHarness, wvdOpArb } from './support/wvd-machine';

describe('Reliability: WeakValueDictionary against a model', function () {
  this.timeout(0);

  it('should match the model after every step of random sequences with deaths and collections', async () => {
    await fc.assert(
      fc.asyncProperty(sequenceArb(wvdOpArb), (ops) => runSequence(() => new WvdHarness(), ops)),
      fcParams(),
    );
  });
});
