// One measurement of bench/leak-explain.mjs, in a fresh process: grows the heap to the asked size with
// the ballast of bench/ballast.mjs (the composition of a ts-node mocha suite's heap), then
// times one failing assertNoLeak of a leak of one object per run held by a module-scope array, with
// the explanation on or off (PYWEAKREF_RETAINERS=0, set by the parent); prints one JSON line.
import { createRequire } from 'node:module';
import { growHeap, startMeasurement } from './ballast.mjs';

const require = createRequire(import.meta.url);
const { assertNoLeak } = require('../dist/testing/index.js');

const [targetMb, iterations] = process.argv.slice(2).map(Number);
const ballastObjects = growHeap(targetMb);

// The leak: one Subscription per run, each with a 4 kB buffer, so that even 100 runs (400 kB) are
// far above the heap's noise after a collection (up to about 130 kB) and the check fails every time.
class Subscription {
  constructor(n) {
    this.buffer = new Array(512).fill(n);
  }
}
const subscriptions = [];

const measurement = startMeasurement();
let message = '';
try {
  await assertNoLeak(() => void subscriptions.push(new Subscription(subscriptions.length)), {
    iterations,
    heapToleranceBytes: 64 * 1024,
    maxHeapBytes: 4 * 1024 * 1024 * 1024,
  });
} catch (err) {
  message = err.message;
}
const { ms, peakExtraRss } = measurement.stop();
const count = Math.min(iterations, 1000).toLocaleString('en-US');
console.log(
  JSON.stringify({
    targetMb,
    iterations,
    heapUsed: measurement.heapUsed,
    objects: ballastObjects,
    ms,
    peakExtraRss,
    failed: message !== '',
    named: message.includes(`+${count} Subscription (1 per run, `) && message.includes("variable 'subscriptions'"),
    line: message.split('\n').find((l) => l.startsWith('    +')) ?? '',
  }),
);
