/**
 * `proxy`: property reads through a weak proxy against the smallest weak proxy one can write (a shared
 * handler whose `get` dereferences a WeakRef held by the dummy target), sharing, and creation.
 */
import { type Batch, type Config, type OpSpec, CREATION_BATCH, items } from '../harness';
import { type Any, type Library } from '../lib';

const noop = (): void => {};
const DEAD = 'weakly-referenced object no longer exists';

/** The minimal weak proxy: one shared handler, the dummy target carries the WeakRef. */
const minimalHandler: ProxyHandler<{ w: WeakRef<object> }> = {
  get(t, key) {
    const o = t.w.deref();
    if (o === undefined) throw new ReferenceError(DEAD);
    return (o as Record<PropertyKey, unknown>)[key];
  },
};

export function proxyOps(lib: Library, cfg: Config): OpSpec[] {
  const proxy = lib.proxy;
  const missing = lib.missing.proxy;
  const hot = cfg.hot;
  const mask = hot - 1;
  return [
    {
      id: 'proxy.get',
      name: 'property get through proxy(o)',
      baseline: 'minimal Proxy whose get handler derefs a WeakRef',
      target: 1.3,
      ours:
        missing ??
        ((): Batch => {
          const objs = items(hot);
          const ps: Any[] = objs.map((o) => proxy(o));
          return {
            run(n) {
              let s = 0;
              for (let i = 0; i < n; i++) s += ps[i & mask].x;
              return [s, objs];
            },
          };
        }),
      base: (): Batch => {
        const objs = items(hot);
        const ps: Any[] = objs.map((o) => new Proxy({ w: new WeakRef(o) }, minimalHandler));
        return {
          run(n) {
            let s = 0;
            for (let i = 0; i < n; i++) s += ps[i & mask].x;
            return [s, objs];
          },
        };
      },
    },
    {
      id: 'proxy.shared',
      name: 'proxy(o) returning the shared basic proxy',
      baseline: 'WeakMap.prototype.get',
      ours:
        missing ??
        ((): Batch => {
          const objs = items(hot);
          const keep = objs.map((o) => proxy(o));
          return {
            run(n) {
              let s;
              for (let i = 0; i < n; i++) s = proxy(objs[i & mask]);
              return [s, keep];
            },
          };
        }),
      base: (): Batch => {
        const objs = items(hot);
        const wm = new WeakMap<object, object>();
        for (const o of objs) wm.set(o, {});
        return {
          run(n) {
            let s;
            for (let i = 0; i < n; i++) s = wm.get(objs[i & mask]);
            return [s, objs];
          },
        };
      },
    },
    {
      id: 'proxy.new_cb',
      name: 'proxy(o, cb) new proxy with callback (hot referents)',
      baseline: 'new Proxy + new WeakRef(o) + FinalizationRegistry.register(o, held, token)',
      ours:
        missing ??
        ((): Batch => {
          const objs = items(hot);
          return {
            maxN: CREATION_BATCH,
            run(n) {
              let s;
              for (let i = 0; i < n; i++) s = proxy(objs[i & mask], noop);
              return s;
            },
          };
        }),
      base: (): Batch => {
        const objs = items(hot);
        let fr = new FinalizationRegistry<number>(noop);
        return {
          maxN: CREATION_BATCH,
          prepare() {
            fr = new FinalizationRegistry<number>(noop);
          },
          run(n) {
            let s;
            for (let i = 0; i < n; i++) {
              const o = objs[i & mask];
              const w = new WeakRef(o);
              s = new Proxy({ w }, minimalHandler);
              fr.register(o, i, w);
            }
            return s;
          },
        };
      },
    },
  ];
}
