import { configFor, runOp } from './harness';
import { loadLibrary } from './lib';
import { coreOps, measureSweep } from './suites/core';
async function main() {
  const cfg = configFor((process.argv[2] as any) ?? 'quick');
  const lib = loadLibrary();
  for (const op of coreOps(lib, cfg)) {
    const r = await runOp(op, cfg);
    console.log(r.name.padEnd(50), r.ours_ns?.toFixed(1), r.baseline_ns?.toFixed(1), r.ratio?.toFixed(2), r.ratio_paired?.toFixed(2), r.status);
  }
  console.log(await measureSweep(lib, cfg));
}
main();
