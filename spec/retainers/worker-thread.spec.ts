/**
 * Retainer paths in a worker thread (CONTRACT §13: "the main thread, worker threads"), as Vitest's
 * `threads` pool runs tests: the worker takes the snapshot of its own isolate. Runs the compiled
 * library (dist/, built by `npm test` before mocha) in a real Worker.
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ROOT } from '../support/root';

/** The worker: leaks a Page into a module-scope Map and reports the failed assertion's message. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { assertCollected } = require(workerData.testing);
class Page {}
const sessions = new Map();
function open(id) {
  const page = new Page();
  sessions.set(id, page);
  return page;
}
assertCollected(() => open('s1')).then(
  () => parentPort.postMessage({ passed: true }),
  (err) => parentPort.postMessage({ message: err.message, first: err.retainers[0] && err.retainers[0].steps[0] }),
);
`;

describe('JavaScript interop: retainer paths in a worker thread', function () {
  this.timeout(60_000);

  it('should name the holder when the assertion fails in a worker thread', async function () {
    const testing = path.join(ROOT, 'dist', 'testing', 'index.js');
    if (!fs.existsSync(testing)) throw new Error(`${testing} is missing: run npm run build first (npm test does)`);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { testing } });
    try {
      const result = await new Promise<{ passed?: boolean; message?: string; first?: { kind: string; name: string } }>(
        (resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        },
      );
      expect(result.passed, 'the leaked page was collected').to.equal(undefined);
      expect(result.message).to.match(/variable 'sessions' → Map → value of key "s1" → Page/);
      expect(result.first).to.include({ kind: 'module-variable', name: 'sessions' });
    } finally {
      await worker.terminate();
    }
  });
});
