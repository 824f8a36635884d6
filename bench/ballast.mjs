// Ballast for the heap-snapshot benches (bench/retainers-child.mjs, bench/leak-explain-child.mjs): grows
// the heap to `targetMb` with objects of the composition of a ts-node mocha suite's heap (measured:
// about 5,000 snapshot nodes per MB of heap used): objects with a few hundred bytes of text (flat:
// Array#join, not a tree of concatenated strings, each of which would be a node) and a small array of
// numbers each; a tree of small objects, as a program's heap is, not one big buffer.

/**
 * Grows the heap to `targetMb` MB used; the ballast stays on `globalThis.ballast` for the process's life.
 * Returns how many ballast objects it made.
 */
export function growHeap(targetMb) {
  const ballast = [];
  // Global, so that the engine cannot drop it as a dead local.
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
  return unit;
}

/**
 * Starts measuring one failing assertion: the heap in use now, and a `stop()` that returns the time
 * since and the peak RSS the process reached above what it had at the start.
 */
export function startMeasurement() {
  const heapUsed = process.memoryUsage().heapUsed;
  const rssBefore = process.memoryUsage().rss;
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  const start = performance.now();
  return {
    heapUsed,
    stop() {
      const ms = performance.now() - start;
      const maxRssAfter = process.resourceUsage().maxRSS * 1024;
      return { ms, peakExtraRss: maxRssAfter - Math.max(maxRssBefore, rssBefore) };
    },
  };
}
