/**
 * The containers' hot operations against their native baselines, on a hot working set (1,024 entries,
 * cache-resident, visited in order) and a cold one (262,144 distinct keys, visited in a fixed random
 * order so that every access misses the caches). `proxy` has its own file (proxy.ts).
 */
import { type Batch, type Config, type OpSpec, CREATION_BATCH, items, permutation, stringKeys } from '../harness';
import { type Any, type Library } from '../lib';
import { proxyOps } from './proxy';

/** A working set: `size` entries and the order in which a loop visits them. */
interface WorkingSet {
  label: 'hot' | 'cold';
  size: number;
  mask: number;
  /** `order[i & mask]` is the index of the i-th access (identity for hot, a permutation for cold). */
  order: Int32Array;
}

function workingSet(label: 'hot' | 'cold', size: number): WorkingSet {
  let order: Int32Array;
  if (label === 'cold') {
    order = permutation(size);
  } else {
    order = new Int32Array(size);
    for (let i = 0; i < size; i++) order[i] = i;
  }
  return { label, size, mask: size - 1, order };
}

function unavailable(lib: Library, name: string): string | undefined {
  return lib.missing[name];
}

// ---------------------------------------------------------------------------------------------
// WeakValueDictionary

/** The native equivalent of a WeakValueDictionary: Map<key, WeakRef> + one registry with tokens. */
class NativeValueMap {
  readonly map = new Map<string, WeakRef<object>>();
  readonly registry = new FinalizationRegistry<string>((key) => {
    const w = this.map.get(key);
    if (w !== undefined && w.deref() === undefined) this.map.delete(key);
  });
  set(key: string, value: object): void {
    const old = this.map.get(key);
    if (old !== undefined) this.registry.unregister(old);
    const w = new WeakRef(value);
    this.map.set(key, w);
    this.registry.register(value, key, w);
  }
}

function wvdOps(lib: Library, ws: WorkingSet): OpSpec[] {
  const WVD = lib.WeakValueDictionary;
  const missing = unavailable(lib, 'WeakValueDictionary');
  const { mask, order, size, label } = ws;
  const fill = () => {
    const keys = stringKeys(size);
    const vals = items(size);
    return { keys, vals };
  };
  const oursFilled = () => {
    const { keys, vals } = fill();
    const d: Any = new WVD();
    for (let i = 0; i < size; i++) d.set(keys[i], vals[i]);
    return { keys, vals, d };
  };
  const baseFilled = () => {
    const { keys, vals } = fill();
    const m = new NativeValueMap();
    for (let i = 0; i < size; i++) m.set(keys[i], vals[i]);
    return { keys, vals, m };
  };
  const hot = label === 'hot';
  return [
    {
      id: `wvd.get.${label}`,
      name: `WeakValueDictionary d.get(k) (${label})`,
      baseline: 'map.get(k)?.deref()',
      target: hot ? 1.6 : undefined,
      ours:
        missing ??
        ((): Batch => {
          const { keys, vals, d } = oursFilled();
          return {
            run(n) {
              let s;
              for (let i = 0; i < n; i++) s = d.get(keys[order[i & mask]]);
              return [s, vals];
            },
          };
        }),
      base: (): Batch => {
        const { keys, vals, m } = baseFilled();
        const map = m.map;
        return {
          run(n) {
            let s;
            for (let i = 0; i < n; i++) s = map.get(keys[order[i & mask]])?.deref();
            return [s, vals, m];
          },
        };
      },
    },
    {
      id: `wvd.item.${label}`,
      name: `WeakValueDictionary d[k] (${label})`,
      baseline: 'map.get(k)?.deref()',
      target: hot ? 2 : undefined,
      ours:
        missing ??
        ((): Batch => {
          const { keys, vals, d } = oursFilled();
          return {
            run(n) {
              let s;
              for (let i = 0; i < n; i++) s = d[keys[order[i & mask]]];
              return [s, vals];
            },
          };
        }),
      base: (): Batch => {
        const { keys, vals, m } = baseFilled();
        const map = m.map;
        return {
          run(n) {
            let s;
            for (let i = 0; i < n; i++) s = map.get(keys[order[i & mask]])?.deref();
            return [s, vals, m];
          },
        };
      },
    },
    {
      id: `wvd.set.${label}`,
      name: `WeakValueDictionary d.set(k, v) overwrite (${label})`,
      baseline: 'Map + WeakRef + register with token + unregister of the old',
      target: hot ? 1.5 : undefined,
      ours:
        missing ??
        ((): Batch => {
          const { keys, vals, d } = oursFilled();
          let shift = 0;
          return {
            maxN: CREATION_BATCH,
            // Every batch writes other values than the last one, so each write really replaces.
            prepare() {
              shift = (shift + 7) & mask || 1;
            },
            run(n) {
              for (let i = 0; i < n; i++) {
                const j = order[i & mask];
                d.set(keys[j], vals[(j + shift) & mask]);
              }
              return d;
            },
          };
        }),
      base: (): Batch => {
        const { keys, vals, m } = baseFilled();
        let shift = 0;
        return {
          maxN: CREATION_BATCH,
          prepare() {
            shift = (shift + 7) & mask || 1;
          },
          run(n) {
            const map = m.map;
            const registry = m.registry;
            for (let i = 0; i < n; i++) {
              const j = order[i & mask];
              const key = keys[j];
              const value = vals[(j + shift) & mask];
              const old = map.get(key);
              if (old !== undefined) registry.unregister(old);
              const w = new WeakRef(value);
              map.set(key, w);
              registry.register(value, key, w);
            }
            return m;
          },
        };
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// WeakKeyDictionary and WeakSet

function wkdOps(lib: Library, ws: WorkingSet): OpSpec[] {
  const WKD = lib.WeakKeyDictionary;
  const missing = unavailable(lib, 'WeakKeyDictionary');
  const { mask, order, size, label } = ws;
  const hot = label === 'hot';
  const ops: OpSpec[] = [
    {
      id: `wkd.get.${label}`,
      name: `WeakKeyDictionary d.get(o) (${label})`,
      baseline: 'WeakMap.prototype.get',
      target: hot ? 1.5 : undefined,
      ours:
        missing ??
        ((): Batch => {
          const objs = items(size);
          const d: Any = new WKD();
          for (let i = 0; i < size; i++) d.set(objs[i], i);
          return {
            run(n) {
              let s;
              for (let i = 0; i < n; i++) s = d.get(objs[order[i & mask]]);
              return s;
            },
          };
        }),
      base: (): Batch => {
        const objs = items(size);
        const wm = new WeakMap<object, number>();
        for (let i = 0; i < size; i++) wm.set(objs[i], i);
        return {
          run(n) {
            let s;
            for (let i = 0; i < n; i++) s = wm.get(objs[order[i & mask]]);
            return s;
          },
        };
      },
    },
  ];
  if (hot) {
    ops.push({
      id: 'wkd.set.hot',
      name: 'WeakKeyDictionary d.set(o, v) overwrite (hot)',
      baseline: 'WeakMap.prototype.set',
      ours:
        missing ??
        ((): Batch => {
          const objs = items(size);
          const d: Any = new WKD();
          for (let i = 0; i < size; i++) d.set(objs[i], i);
          return {
            maxN: CREATION_BATCH,
            run(n) {
              for (let i = 0; i < n; i++) d.set(objs[i & mask], i);
              return d;
            },
          };
        }),
      base: (): Batch => {
        const objs = items(size);
        const wm = new WeakMap<object, number>();
        for (let i = 0; i < size; i++) wm.set(objs[i], i);
        return {
          maxN: CREATION_BATCH,
          run(n) {
            for (let i = 0; i < n; i++) wm.set(objs[i & mask], i);
            return wm;
          },
        };
      },
    });
  }
  return ops;
}

function weakSetOps(lib: Library, ws: WorkingSet): OpSpec[] {
  const PyWeakSet = lib.WeakSet;
  const missing = unavailable(lib, 'WeakSet');
  const { mask, order, size, label } = ws;
  const hot = label === 'hot';
  const ops: OpSpec[] = [
    {
      id: `ws.has.${label}`,
      name: `WeakSet s.has(o) (${label})`,
      baseline: 'native WeakSet.prototype.has',
      target: hot ? 1.5 : undefined,
      ours:
        missing ??
        ((): Batch => {
          const objs = items(size);
          const s: Any = new PyWeakSet();
          for (let i = 0; i < size; i++) s.add(objs[i]);
          return {
            run(n) {
              let c = 0;
              for (let i = 0; i < n; i++) if (s.has(objs[order[i & mask]])) c++;
              return c;
            },
          };
        }),
      base: (): Batch => {
        const objs = items(size);
        const s = new WeakSet<object>();
        for (let i = 0; i < size; i++) s.add(objs[i]);
        return {
          run(n) {
            let c = 0;
            for (let i = 0; i < n; i++) if (s.has(objs[order[i & mask]])) c++;
            return [c, objs];
          },
        };
      },
    },
  ];
  if (hot) {
    ops.push({
      id: 'ws.add.hot',
      name: 'WeakSet s.add(o) of a member (hot)',
      baseline: 'native WeakSet.prototype.add',
      ours:
        missing ??
        ((): Batch => {
          const objs = items(size);
          const s: Any = new PyWeakSet();
          for (let i = 0; i < size; i++) s.add(objs[i]);
          return {
            run(n) {
              for (let i = 0; i < n; i++) s.add(objs[i & mask]);
              return s;
            },
          };
        }),
      base: (): Batch => {
        const objs = items(size);
        const s = new WeakSet<object>();
        for (let i = 0; i < size; i++) s.add(objs[i]);
        return {
          run(n) {
            for (let i = 0; i < n; i++) s.add(objs[i & mask]);
            return [s, objs];
          },
        };
      },
    });
  }
  return ops;
}

export function containerOps(lib: Library, cfg: Config): OpSpec[] {
  const hot = workingSet('hot', cfg.hot);
  const cold = workingSet('cold', cfg.cold);
  return [
    ...proxyOps(lib, cfg),
    ...wvdOps(lib, hot),
    ...wkdOps(lib, hot),
    ...weakSetOps(lib, hot),
    ...wvdOps(lib, cold),
    ...wkdOps(lib, cold),
    ...weakSetOps(lib, cold),
  ];
}

export { NativeValueMap };
