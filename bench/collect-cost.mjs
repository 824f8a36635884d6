// `npm run bench:collect`: what one `await gc.collect()` and one passing `assertCollected` cost against
// a bare full collection (one macrotask, then `gc()`), measured in this one run at a small heap (about
// 4 MB) and at a ts-node-sized one (about 40 MB, ballast as in bench/retainers-child.mjs). Issue 15's
// target 1 is `gc.collect / bare gc` <= 1.2 in the common case; target 2 is one full collection for a
// check on an object that is gone.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(import.meta.url);

if (process.argv[2] === 'child') {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const { gc } = require('../dist/index.js');
  const { assertCollected } = require('../dist/testing/index.js');
  const v8 = require('node:v8');
  const vm = require('node:vm');
  v8.setFlagsFromString('--expose-gc');
  const bareGc = vm.runInNewContext('gc');
  const mb = Number(process.argv[3]);
  globalThis.ballast = [];
  let unit = 0;
  while (process.memoryUsage().heapUsed < mb * 1048576) {
    const chunk = [];
    for (let i = 0; i < 1000; i++, unit++) {
      chunk.push({ unit, text: new Array(100).fill(unit).join(' '), values: [unit, unit + 1], next: null });
    }
    globalThis.ballast.push(chunk);
  }
  const immediate = () => new Promise((resolve) => setImmediate(resolve));
  const N = Number(process.env.BENCH_COLLECT_N ?? 50);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  async function time(run) {
    const samples = [];
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      await run();
      samples.push(performance.now() - t);
    }
    return median(samples);
  }
  await gc.collect();
  // Interleaved rounds, so that drift of the machine hits all three alike.
  const rows = { bare: [], collect: [], assertGone: [] };
  for (let round = 0; round < 3; round++) {
    rows.bare.push(
      await time(async () => {
        await immediate();
        bareGc();
      }),
    );
    rows.collect.push(await time(() => gc.collect()));
    rows.assertGone.push(await time(() => assertCollected(() => ({}))));
  }
  console.log(
    JSON.stringify({
      heapUsed: process.memoryUsage().heapUsed,
      bare: median(rows.bare),
      collect: median(rows.collect),
      assertGone: median(rows.assertGone),
    }),
  );
} else {
  console.log('| heap used | bare (macrotask + gc()) | gc.collect() | ratio | assertCollected, object gone | ratio |');
  console.log('|---|---|---|---|---|---|');
  for (const mb of (process.env.BENCH_COLLECT_SIZES ?? '4,40').split(',')) {
    const out = execFileSync(process.execPath, [child, 'child', mb], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').at(-1));
    const f = (ms) => `${ms.toFixed(2)} ms`;
    console.log(
      `| ${(r.heapUsed / 1048576).toFixed(0)} MB | ${f(r.bare)} | ${f(r.collect)} | ${(r.collect / r.bare).toFixed(2)} | ${f(r.assertGone)} | ${(r.assertGone / r.bare).toFixed(2)} |`,
    );
  }
}
