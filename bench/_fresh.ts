import { items, nextTask, now, cpuNow } from './harness';
import { loadLibrary } from './lib';
const lib = loadLibrary();
const noop = () => {};
async function main() {
  const fr = new FinalizationRegistry(noop);
  const ref = lib.ref;
  const resO: number[] = [], resB: number[] = [];
  const n = 20000;
  for (let r = 0; r < 40; r++) {
    let objs = items(n);
    await nextTask();
    let t0 = cpuNow(); let s; for (let i = 0; i < n; i++) s = ref(objs[i], noop); resO.push((cpuNow() - t0) / n);
    objs = items(n);
    await nextTask();
    t0 = cpuNow(); for (let i = 0; i < n; i++) { const o = objs[i]; s = new WeakRef(o); fr.register(o, i, s); } resB.push((cpuNow() - t0) / n);
    void s;
  }
  resO.sort((a, b) => a - b); resB.sort((a, b) => a - b);
  console.log('ours min/med', resO[0].toFixed(0), resO[20].toFixed(0), 'base min/med', resB[0].toFixed(0), resB[20].toFixed(0), 'ratio min', (resO[0] / resB[0]).toFixed(2), 'ratio med', (resO[20] / resB[20]).toFixed(2));
}
main();
