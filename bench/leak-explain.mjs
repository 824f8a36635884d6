// `npm run bench:leaks`: what the explanation of a failing assertNoLeak costs (CONTRACT §13, issue 18):
// the further runs of `fn` between two heap marks, the heap snapshot, the groups and their paths.
//
// Each measurement is a fresh child process of plain node on the compiled library (bench/
// leak-explain-child.mjs) with its heap grown to a ts-node suite's size (40 MB by default) and a leak
// of one object per run; the baseline is the same failing check with the explanation switched off
// (PYWEAKREF_RETAINERS=0), measured in the same run. Median of BENCH_LEAK_RUNS fresh processes.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const child = fileURLToPath(new URL('./leak-explain-child.mjs', import.meta.url));
const heapMb = Number(process.env.BENCH_LEAK_HEAP_MB ?? 40);
const iterationsList = (process.env.BENCH_LEAK_ITERATIONS ?? '100,1000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_LEAK_RUNS ?? 3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MB`;
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

function measure(iterations, explain) {
  const env = { ...process.env };
  if (explain) delete env.PYWEAKREF_RETAINERS;
  else env.PYWEAKREF_RETAINERS = '0';
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, [child, String(heapMb), String(iterations)], { encoding: 'utf8', env });
    runs.push(JSON.parse(out.trim().split('\n').at(-1)));
  }
  return {
    first: runs[0],
    ms: median(runs.map((r) => r.ms)),
    rss: median(runs.map((r) => r.peakExtraRss)),
    failed: runs.every((r) => r.failed),
    named: runs.every((r) => r.named),
  };
}

console.log('## Explaining a failing assertNoLeak (further runs, two heap marks, one heap snapshot)\n');
console.log(`Median of ${RUNS} fresh processes per row; plain node ${process.version} on dist/.\n`);
console.log(
  '| iterations | heap used | failing check, explanation off | with the explanation | of which the explanation | ratio | peak extra RSS off / on | failed, culprit named |',
);
console.log('|---|---|---|---|---|---|---|---|');
const lines = [];
for (const iterations of iterationsList) {
  const off = measure(iterations, false);
  const on = measure(iterations, true);
  lines.push(on.first.line);
  console.log(
    `| ${iterations.toLocaleString('en-US')} | ${mb(on.first.heapUsed)} | ${s(off.ms)} | ${s(on.ms)} | ${s(on.ms - off.ms)} | ${(on.ms / off.ms).toFixed(1)}x | ${mb(off.rss)} / ${mb(on.rss)} | ${off.failed && on.failed ? 'yes' : 'NO'}, ${on.named ? 'yes' : 'NO'} |`,
  );
}
console.log('\nThe line each explanation printed first:\n');
for (const line of lines) console.log(`    ${line.trim()}`);
