// One measurement of bench/retainers.mjs, in a fresh process: grows the heap to the asked size with
// ballast (a tree of small objects, as a program's heap is, not one big buffer), leaks one object in a
// module-scope Map, and times the failing assertCollected's explanation; prints one JSON line.
import { createRequire } from 'node:module';
import { growHeap, startMeasurement } from './ballast.mjs';

const require = createRequire(import.meta.url);
const { assertCollected } = require('../dist/testing/index.js');
const { explainObjects } = require('../dist/internal/heap/heap-explainer.js');

const targetMb = Number(process.argv[2]);
const ballastObjects = growHeap(targetMb);
class Page {}
const cache = new Map();
const measurement = startMeasurement();
let message = '';
try {
  await assertCollected(
    () => {
      const p = new Page();
      cache.set('a', p);
      return p;
    },
    { maxHeapBytes: 4 * 1024 * 1024 * 1024 },
  );
} catch (err) {
  message = err.message;
}
const { ms, peakExtraRss } = measurement.stop();
// The explanation alone (snapshot, search, words), without the collection the assertion makes first.
const explainStart = performance.now();
await explainObjects(() => [cache.get('a')]);
const explainMs = performance.now() - explainStart;
console.log(
  JSON.stringify({
    targetMb,
    heapUsed: measurement.heapUsed,
    ms,
    explainMs,
    peakExtraRss,
    named: message.includes('variable \'cache\' → Map → value of key "a" → Page'),
    objects: ballastObjects,
  }),
);
