/**
 * Model-based fuzzing of WeakKeyDictionary: random operation sequences (every mutator and accessor,
 * values that reference their own key, snapshot iterators held across steps), interleaved with key
 * deaths and `gc.collect()`, checked after every step against a Map of what is still alive.
 * See docs/reliability.md; failing sequences are pinned in fuzz-regressions.spec.ts.
 */
import fc from 'fast-check';
import { fcParams, runSequence, sequenceArb } from './support/fuzz-common';
import { WkdHarness, wkdOpArb } from './support/wkd-machine';

describe('Reliability: WeakKeyDictionary against a model', function () {
  this.timeout(0);

  it('should match the model after every step of random sequences with deaths and collections', async () => {
    await fc.assert(
      fc.asyncProperty(sequenceArb(wkdOpArb), (ops) => runSequence(() => new WkdHarness(), ops)),
      fcParams(),
    );
  });
});
