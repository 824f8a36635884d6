/**
 * One memory measurement, in a process of its own (so that nothing another measurement allocated or
 * fragmented is in the heap): `node --expose-gc memory-child.js <kind> <n>` (compiled, as `npm run
 * bench` runs it) or `node --expose-gc -r ts-node/register/transpile-only bench/memory-child.ts
 * <kind> <n>` prints one JSON line `{ kind, n, bytes_per_entry, ... }`.
 *
 * Method: the keys and values (and, for references, the array that holds them) are created first,
 * then the heap is settled (a forced full collection in a fresh macrotask, three times) and read; the
 * structure under test is filled with n entries, the heap is settled and read again. The difference
 * divided by n is what one entry costs beyond the objects it refers to. A small instance of the same
 * structure is made before the first reading, so that what is created once per process (modules,
 * registries, tables) is not charged to the entries, while the growth of the shared tables is.
 */
import * as v8 from 'node:v8';
import { items, stringKeys } from './harness';
import { type Any, loadLibrary, loadPeers } from './lib';

const noop = (): void => {};
const gc = (globalThis as { gc?: () => void }).gc;

async function settle(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc!();
  }
  await new Promise((resolve) => setImmediate(resolve));
  return v8.getHeapStatistics().used_heap_size;
}

/** Fills one structure of `n` entries from prepared inputs and returns it (kept alive by the caller). */
type Builder = (n: number, keys: string[], vals: object[], holder: unknown[]) => unknown;

const minimalHandler: ProxyHandler<{ w: WeakRef<object> }> = {
  get(t, key) {
    return (t.w.deref() as Record<PropertyKey, unknown>)[key];
  },
};

async function builders(): Promise<Record<string, Builder | undefined>> {
  const lib = loadLibrary();
  const peers = await loadPeers();
  const WVD = lib.WeakValueDictionary;
  const WKD = lib.WeakKeyDictionary;
  const WS = lib.WeakSet;
  return {
    wvd:
      WVD &&
      ((n, keys, vals) => {
        const d: Any = new WVD();
        for (let i = 0; i < n; i++) d.set(keys[i], vals[i]);
        return d;
      }),
    'wvd-native': (n, keys, vals) => {
      const map = new Map<string, WeakRef<object>>();
      const fr = new FinalizationRegistry<string>((k) => map.delete(k));
      for (let i = 0; i < n; i++) {
        const w = new WeakRef(vals[i]);
        map.set(keys[i], w);
        fr.register(vals[i], keys[i], w);
      }
      return [map, fr];
    },
    'wvd-peer-weakref':
      peers.WeakValueMap &&
      ((n, keys, vals) => {
        const m = new peers.WeakValueMap();
        for (let i = 0; i < n; i++) m.set(keys[i], vals[i]);
        return m;
      }),
    'wvd-peer-cspell':
      peers.StrongWeakMap &&
      ((n, keys, vals) => {
        const m = new peers.StrongWeakMap();
        for (let i = 0; i < n; i++) m.set(keys[i], vals[i]);
        return m;
      }),
    wkd:
      WKD &&
      ((n, _keys, vals) => {
        const d: Any = new WKD();
        for (let i = 0; i < n; i++) d.set(vals[i], i);
        return d;
      }),
    'wkd-native': (n, _keys, vals) => {
      const wm = new WeakMap<object, number>();
      for (let i = 0; i < n; i++) wm.set(vals[i], i);
      return wm;
    },
    'wkd-peer-weakref':
      peers.IterableWeakMap &&
      ((n, _keys, vals) => {
        const m = new peers.IterableWeakMap();
        for (let i = 0; i < n; i++) m.set(vals[i], i);
        return m;
      }),
    ws:
      WS &&
      ((n, _keys, vals) => {
        const s: Any = new WS();
        for (let i = 0; i < n; i++) s.add(vals[i]);
        return s;
      }),
    'ws-native': (n, _keys, vals) => {
      const s = new WeakSet<object>();
      for (let i = 0; i < n; i++) s.add(vals[i]);
      return s;
    },
    'ws-peer-weakref':
      peers.IterableWeakSet &&
      ((n, _keys, vals) => {
        const s = new peers.IterableWeakSet();
        for (let i = 0; i < n; i++) s.add(vals[i]);
        return s;
      }),
    'ref-cb': (n, _keys, vals, holder) => {
      for (let i = 0; i < n; i++) holder[i] = lib.ref(vals[i], noop);
      return holder;
    },
    'ref-cb-native': (n, _keys, vals, holder) => {
      const fr = new FinalizationRegistry<number>(noop);
      for (let i = 0; i < n; i++) {
        const w = new WeakRef(vals[i]);
        fr.register(vals[i], i, w);
        holder[i] = w;
      }
      return [holder, fr];
    },
    'ref-basic': (n, _keys, vals, holder) => {
      for (let i = 0; i < n; i++) holder[i] = lib.ref(vals[i]);
      return holder;
    },
    'ref-basic-native': (n, _keys, vals, holder) => {
      for (let i = 0; i < n; i++) holder[i] = new WeakRef(vals[i]);
      return holder;
    },
    proxy:
      lib.proxy &&
      ((n, _keys, vals, holder) => {
        for (let i = 0; i < n; i++) holder[i] = lib.proxy(vals[i]);
        return holder;
      }),
    'proxy-native': (n, _keys, vals, holder) => {
      for (let i = 0; i < n; i++) holder[i] = new Proxy({ w: new WeakRef(vals[i]) }, minimalHandler);
      return holder;
    },
    finalize:
      lib.finalize &&
      ((n, _keys, vals, holder) => {
        for (let i = 0; i < n; i++) holder[i] = lib.finalize(vals[i], noop);
        return holder;
      }),
    'finalize-native': (n, _keys, vals, holder) => {
      const fr = new FinalizationRegistry<() => void>((f) => f());
      for (let i = 0; i < n; i++) {
        const token = {};
        fr.register(vals[i], noop, token);
        holder[i] = token;
      }
      return [holder, fr];
    },
  };
}

async function main(): Promise<void> {
  const [kind, nArg] = process.argv.slice(2);
  const n = Number(nArg);
  if (typeof gc !== 'function') throw new Error('run with --expose-gc');
  const all = await builders();
  if (!(kind in all)) throw new Error(`unknown kind ${kind}`);
  const build = all[kind];
  if (build === undefined) {
    console.log(JSON.stringify({ kind, n, bytes_per_entry: null, missing: true }));
    return;
  }
  // What exists once per process, made before the first reading.
  const warm = build(64, stringKeys(64), items(64), new Array(64));
  const keys = kind.startsWith('wvd') ? stringKeys(n) : [];
  const vals = items(n);
  const holder: unknown[] = new Array(n).fill(undefined);
  const before = await settle();
  const built = build(n, keys, vals, holder);
  const after = await settle();
  console.log(
    JSON.stringify({ kind, n, bytes_per_entry: (after - before) / n, heap_before: before, heap_after: after }),
  );
  // Everything stays reachable until the second reading.
  void [warm, built, keys, vals, holder];
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
