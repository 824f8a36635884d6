// One measurement of bench/retainers.mjs, in a fresh process: grows the heap to the asked size with
// ballast (a tree of small objects, as a program's heap is, not one big buffer), leaks one object in a
// module-scope Map, and times the failing assertCollected's explanation; prints one JSON line.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { assertCollected } = require('../dist/testing/index.js');
const { explainObjects } = require('../dist/internal/heap/heap-explainer.js');

const targetMb = Number(process.argv[2]);
// The ballast has the composition of a ts-node mocha suite's heap (measured: about 5,000 snapshot nodes
// per MB of heap used): objects with a few hundred bytes of text (flat: Array#join, not a tree of
// concatenated strings, each of which would be a node) and a small array of numbers each.
const ballast = [];
// Global, so that the engine cannot drop it as a dead local of this module's body.
globalThis.ballast = ballast;
let unit = 0;
while (process.memoryUsage().heapUsed < targetMb * 1024 * 1024) {
  const chunk = [];
  for (let i = 0; i < 1000; i++, unit++) {
    chunk.push({
      unit,
      text: new Array(100).fill(unit).join(' '),
      values: [unit, unit + 1, unit + 2, unit + 3],
      next: null,
    });
  }
  ballast.push(chunk);
}
class Page {}
const cache = new Map();
const heapUsed = process.memoryUsage().heapUsed;
const rssBefore = process.memoryUsage().rss;
const maxRssBefore = process.resourceUsage().maxRSS * 1024;
const start = performance.now();
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
const ms = performance.now() - start;
const maxRssAfter = process.resourceUsage().maxRSS * 1024;
// The explanation alone (snapshot, search, words), without the collection the assertion makes first.
const explainStart = performance.now();
await explainObjects(() => [cache.get('a')]);
const explainMs = performance.now() - explainStart;
console.log(
  JSON.stringify({
    targetMb,
    heapUsed,
    ms,
    explainMs,
    peakExtraRss: maxRssAfter - Math.max(maxRssBefore, rssBefore),
    named: message.includes('variable \'cache\' → Map → value of key "a" → Page'),
    objects: unit,
  }),
);
