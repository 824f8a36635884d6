// One measurement of bench/retainers.mjs, in a fresh process: grows the heap to the asked size with
// ballast (a tree of small objects, as a program's heap is, not one big buffer), leaks one object in a
// module-scope Map, and times the failing assertCollected's explanation; prints one JSON line.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { assertCollected } = require('../dist/testing/index.js');

const targetMb = Number(process.argv[2]);
const ballast = [];
while (process.memoryUsage().heapUsed < targetMb * 1024 * 1024) {
  const chunk = [];
  for (let i = 0; i < 1000; i++) chunk.push({ i, name: `item ${i}`, tags: [i, i + 1] });
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
console.log(
  JSON.stringify({
    targetMb,
    heapUsed,
    ms,
    peakExtraRss: maxRssAfter - Math.max(maxRssBefore, rssBefore),
    named: message.includes('variable \'cache\' → Map → value of key "a" → Page'),
    objects: ballast.length * 3000,
  }),
);
