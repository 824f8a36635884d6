import { configFor, runOp } from './harness';
import { loadLibrary } from './lib';
import { coreOps } from './suites/core';
async function main() {
  const cfg = configFor((process.argv[2] as any) ?? 'quick');
  const lib = loadLibrary();
  const which = process.argv[3];
  if (process.env.SETTLE) { lib.forceGc(); await new Promise((r) => setTimeout(r, +process.env.SETTLE!)); }
  for (let k = 0; k < (+process.env.K! || 3); k++)
  for (const op of coreOps(lib, cfg)) {
    if (which && op.id !== which) continue;
    const r = await runOp(op, cfg);
    console.log(r.name.padEnd(50), r.ours_ns?.toFixed(1), r.baseline_ns?.toFixed(1), r.ratio?.toFixed(2), r.ratio_paired?.toFixed(2), r.status);
  }
}
main();
