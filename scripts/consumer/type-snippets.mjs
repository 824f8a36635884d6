// The consumer's type test: TypeScript that a user of the package writes, one snippet per export,
// type-checked against the packed declarations. Only the snippets of names the package exports are
// used, so the check follows the package as features land. Each snippet either compiles (its uses
// of the API type-check) or carries a `// @ts-expect-error` for what the types must reject.

/** name -> code inside `async function main()`; `o` is `{ a: number }`, `K` a class with `m()`. */
export const SNIPPETS = {
  ref: `
  const r: ref<{ a: number }> = ref(o);
  const back: { a: number } | undefined = r();
  const withCb = new ref(o, (dead) => void dead);
  const same: boolean = r.__eq__(withCb);
  const h: number = r.__hash__();
  const cb = r.__callback__;
  void [back, same, h, cb];
  class MyRef extends ref<{ a: number }> {
    constructor(x: { a: number }, readonly extra: string) { super(x); }
  }
  const mine = new MyRef(o, 'x');
  const isRef: boolean = mine instanceof ref;
  void isRef;
  // @ts-expect-error a number cannot be weakly referenced
  ref(42);`,
  ReferenceType: `
  const isSame: boolean = (ReferenceType as unknown) === (ref as unknown);
  void isSame;`,
  getweakrefcount: `
  const count: number = getweakrefcount(o);
  void count;`,
  getweakrefs: `
  const all: object[] = getweakrefs(o);
  void all;`,
  KeyedRef: `
  const kr = new KeyedRef(o, null, 'key');
  const key: string = kr.key;
  const kv: { a: number } | undefined = kr();
  void [key, kv];`,
  KeyError: `
  const err = new KeyError('missing');
  const missing: unknown = err.key;
  const isError: boolean = err instanceof Error;
  void [missing, isError];`,
  gc: `
  const cleared: number = await gc.collect();
  const young: number = await gc.collect(0);
  gc.disable();
  const enabled: boolean = gc.isenabled();
  gc.enable();
  const gcCallback: GcCallback = (phase, info) => void [phase === 'start', info.generation, info.collected];
  gc.callbacks.push(gcCallback);
  gc.callbacks.splice(gc.callbacks.indexOf(gcCallback), 1);
  const [t0, t1, t2]: [number, number, number] = gc.get_threshold();
  gc.set_threshold(t0, t1, t2);
  const stats: GcStats[] = gc.get_stats();
  const counts: number[] = gc.get_count();
  gc.set_debug(gc.DEBUG_STATS | gc.get_debug());
  void [cleared, young, enabled, stats, counts, gc.is_tracked({}), gc.get_freeze_count()];`,
  sys: `
  const saved = sys.unraisablehook;
  sys.unraisablehook = (args: UnraisableHookArgs) => { void args.exc_value; void args.object; };
  sys.unraisablehook = sys.__unraisablehook__;
  sys.unraisablehook = saved;`,
  proxy: `
  const p = proxy(o);
  const a: number = p.a;
  const fp = proxy((x: number) => x * 2);
  const doubled: number = fp(2);
  void [a, doubled];`,
  ProxyType: `
  const isProxy: boolean = proxy(o) instanceof ProxyType;
  void isProxy;`,
  CallableProxyType: `
  const isCallableProxy: boolean = proxy(() => 1) instanceof CallableProxyType;
  void isCallableProxy;`,
  ProxyTypes: `
  const types: readonly unknown[] = ProxyTypes;
  void types;`,
  WeakValueDictionary: `
  const wvd = new WeakValueDictionary<string, { a: number }>();
  wvd.set('k', o);
  const wv: { a: number } | undefined = wvd.get('k');
  const wsize: number = wvd.size;
  for (const k of wvd.keys()) { const ks: string = k; void ks; }
  void [wv, wsize];`,
  WeakKeyDictionary: `
  const wkd = new WeakKeyDictionary<{ a: number }, number>();
  wkd.set(o, 1);
  const kv2: number | undefined = wkd.get(o);
  const has: boolean = wkd.has(o);
  void [kv2, has];`,
  WeakSet: `
  const ws = new WeakSet<{ a: number }>();
  ws.add(o);
  const member: boolean = ws.has(o);
  const wssize: number = ws.size;
  for (const m of ws) { const mm: { a: number } = m; void mm; }
  void [member, wssize];`,
  WeakMethod: `
  const kObj = new K();
  const wm = new WeakMethod(kObj, kObj.m);
  const bound = wm();
  if (bound !== undefined) void bound();
  const wmIsRef: boolean = wm instanceof ref;
  void wmIsRef;`,
  finalize: `
  const f = finalize(o, (x: number, y: string) => x + y.length, 1, 'ab');
  const res: number | undefined = f();
  const alive: boolean = f.alive;
  f.atexit = false;
  const detached = f.detach();
  const f2 = new finalize(o, () => undefined);
  void [res, alive, detached, f2.peek()];`,
};

/** Code using pyweakref/testing, by export name; `chai` only where chai can be imported (ESM). */
export const TESTING_SNIPPETS = {
  assertCollected: `
  await assertCollected(() => ({}));
  await assertCollected(() => ({}), 'a message');`,
  assertNotCollected: `
  await assertNotCollected(ref(o));`,
  isCollected: `
  const collected: boolean = await isCollected(() => ({}));
  void collected;`,
};

export const CHAI_SNIPPET = `
  chai.use(chaiPyweakref);
  await chai.expect(() => ({})).to.be.collected;
  await chai.expect(ref(o)).not.to.be.collected;`;

/** Type-only names of the root that the snippets use (not runtime exports). */
const TYPE_NAMES = { sys: ['UnraisableHookArgs'], gc: ['GcCallback', 'GcStats'] };

/**
 * The consumer file for the given runtime export names. `chai` says whether the file may import chai
 * (an ES module: not from a .cts file).
 */
export function consumerSource(rootNames, testingNames, { chai }) {
  const names = Object.keys(SNIPPETS).filter((n) => rootNames.includes(n));
  const typeNames = names.flatMap((n) => TYPE_NAMES[n] ?? []);
  const tNames = Object.keys(TESTING_SNIPPETS).filter((n) => testingNames.includes(n));
  const useChai = chai && testingNames.includes('chaiPyweakref');
  const needsRef = (tNames.includes('assertNotCollected') || useChai) && !names.includes('ref');
  const imports = [...names, ...(needsRef ? ['ref'] : []), ...typeNames.map((t) => `type ${t}`)];
  const lines = [
    '// Generated by scripts/check-package.mjs: a consumer of the packed pyweakref.',
    `import { ${imports.join(', ')} } from 'pyweakref';`,
  ];
  const testingImports = [...tNames, ...(useChai ? ['chaiPyweakref'] : [])];
  if (testingImports.length) lines.push(`import { ${testingImports.join(', ')} } from 'pyweakref/testing';`);
  if (useChai) lines.push("import * as chai from 'chai';");
  lines.push(
    '',
    'class K { m(): number { return 1; } }',
    'void K;',
    '',
    'export async function main(): Promise<void> {',
    '  const o = { a: 1 };',
    ...names.map((n) => SNIPPETS[n]),
    ...tNames.map((n) => TESTING_SNIPPETS[n]),
    ...(useChai ? [CHAI_SNIPPET] : []),
    '}',
    '',
  );
  return lines.join('\n');
}
