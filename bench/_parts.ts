import { items, nextTask, now } from './harness';
const noop = () => {};
async function time(name: string, f: (objs: any[]) => unknown, n = 20000) {
  const res: number[] = [];
  for (let r = 0; r < 15; r++) {
    const objs = items(n);
    await nextTask();
    const t0 = now(); f(objs); const t1 = now();
    res.push(Number(t1 - t0) / n);
  }
  res.sort((a, b) => a - b);
  console.log(name.padEnd(40), res[7].toFixed(1));
}
async function main() {
  const fr = new FinalizationRegistry(noop);
  const wm = new WeakMap();
  const set = new Set();
  const proto = { __proto__: Function.prototype };
  const SYM = Symbol('x');
  for (let k = 0; k < 2; k++) {
  await time('WeakRef', (o) => { let s; for (let i = 0; i < o.length; i++) s = new WeakRef(o[i]); return s; });
  await time('register no token', (o) => { for (let i = 0; i < o.length; i++) fr.register(o[i], i); });
  await time('register token', (o) => { for (let i = 0; i < o.length; i++) fr.register(o[i], i, o[i]); });
  await time('register token=obj{}', (o) => { for (let i = 0; i < o.length; i++) { const t = {}; fr.register(o[i], t, t); } });
  await time('WeakMap.set fresh', (o) => { const w = new WeakMap(); for (let i = 0; i < o.length; i++) w.set(o[i], i); });
  await time('global WeakMap.set fresh', (o) => { for (let i = 0; i < o.length; i++) wm.set(o[i], i); });
  await time('Set.add', (o) => { for (let i = 0; i < o.length; i++) set.add(o[i]); set.clear(); });
  await time('closure', (o) => { let s; for (let i = 0; i < o.length; i++) { const t = o[i]; s = function () { return t; }; } return s; });
  await time('closure+setProto', (o) => { let s; for (let i = 0; i < o.length; i++) { const t = o[i]; s = function () { return t; }; Object.setPrototypeOf(s, proto); } return s; });
  await time('closure+setProto+sym', (o) => { let s: any; for (let i = 0; i < o.length; i++) { const t = o[i]; s = function () { return t; }; Object.setPrototypeOf(s, proto); s[SYM] = { t }; } return s; });
  await time('array []', (o) => { let s; for (let i = 0; i < o.length; i++) { s = [o[i]]; } return s; });
  }
}
main();
