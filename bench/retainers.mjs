// `npm run bench:retainers`: what a failing assertCollected's explanation costs (CONTRACT §13), and
// that a passing one costs nothing more than before (the explanation runs on failure only).
//
// 1. Explanation time and peak extra RSS at heaps of about 10, 40 and 150 MB (each in a fresh child
//    process of plain node on the compiled library; ts-node suites add the compiler's heap).
// 2. The pass path of assertCollected with retainer paths on (the default) and off
//    (PYWEAKREF_RETAINERS=0): the ratio should be about 1.0, measured in this one run.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const child = fileURLToPath(new URL('./retainers-child.mjs', import.meta.url));
const sizes = (process.env.BENCH_RETAINER_SIZES ?? '10,40,150').split(',').map(Number);

console.log('## Explaining a failed assertCollected (one heap snapshot)\n');
const RUNS = Number(process.env.BENCH_RETAINER_RUNS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`Median of ${RUNS} fresh processes per heap size.\n`);
console.log(
  '| heap used | ballast objects | failing assertCollected | of which the explanation | peak extra RSS | culprit named |',
);
console.log('|---|---|---|---|---|---|');
for (const mb of sizes) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, [child, String(mb)], { encoding: 'utf8' });
    runs.push(JSON.parse(out.trim().split('\n').at(-1)));
  }
  const r = runs[0];
  console.log(
    `| ${(r.heapUsed / 1048576).toFixed(0)} MB | ${r.objects.toLocaleString('en')} | ${(median(runs.map((x) => x.ms)) / 1000).toFixed(2)} s | ${(median(runs.map((x) => x.explainMs)) / 1000).toFixed(2)} s | ${(median(runs.map((x) => x.peakExtraRss)) / 1048576).toFixed(0)} MB | ${runs.every((x) => x.named) ? 'yes' : 'NO'} |`,
  );
}

const { assertCollected } = require('../dist/testing/index.js');
async function passPath(n) {
  const start = performance.now();
  for (let i = 0; i < n; i++) await assertCollected(() => ({ i }));
  return (performance.now() - start) / n;
}
const N = Number(process.env.BENCH_RETAINER_PASSES ?? 200);
await passPath(20); // warm-up
const rounds = [];
for (let round = 0; round < 3; round++) {
  delete process.env.PYWEAKREF_RETAINERS;
  const on = await passPath(N);
  process.env.PYWEAKREF_RETAINERS = '0';
  const off = await passPath(N);
  rounds.push({ on, off });
}
delete process.env.PYWEAKREF_RETAINERS;
const on = median(rounds.map((r) => r.on));
const off = median(rounds.map((r) => r.off));
console.log('\n## A passing assertCollected\n');
console.log('| retainer paths on | off (PYWEAKREF_RETAINERS=0) | ratio on/off |');
console.log('|---|---|---|');
console.log(`| ${on.toFixed(2)} ms | ${off.toFixed(2)} ms | ${(on / off).toFixed(2)} |`);
