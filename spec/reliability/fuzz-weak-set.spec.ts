/**
 * Model-based fuzzing of WeakSet: random sequences of membership operations and the whole set
 * algebra (with arrays, Sets, WeakSets, one-shot generators and the set itself as the other operand),
 * snapshot iterators held across steps, interleaved with member deaths and `gc.collect()`, checked
 * after every step against a Set of what is still alive.
 * See docs/reliability.md; failing sequences are pinned in fuzz-regressions.spec.ts.
 */
import fc from 'fast-check';
import { fcParams, runSequence, sequenceArb } from './support/fuzz-common';
import { WsHarness, wsOpArb } from './support/weakset-machine';

describe('Reliability: WeakSet against a model', function () {
  this.timeout(0);

  it('should match the model after every step of random sequences with deaths and collections', async () => {
    await fc.assert(
      fc.asyncProperty(sequenceArb(wsOpArb), (ops) => runSequence(() => new WsHarness(), ops)),
      fcParams(),
    );
  });
});
