/**
 * The npm peers on the same operations, hot working set: `weakref` (denostack: WeakValueMap,
 * IterableWeakMap, IterableWeakSet) and `@cspell/strong-weak-map` (StrongWeakMap: a Map of WeakRefs
 * that never cleans up by itself, so it does less work per entry than any of the others).
 * The ratio is ours / peer: below 1 we are faster.
 */
import { type Batch, type Config, type PairResult, CREATION_BATCH, items, measurePair, stringKeys } from '../harness';
import { type Any, type Library, type Peers } from '../lib';

export interface PeerSpec {
  id: string;
  name: string;
  /** The peer and its method, e.g. `weakref WeakValueMap.get`. */
  peer: string;
  /** Target on ours / peer, if the issue sets one. */
  target?: number;
  ours: (() => Batch) | string;
  other: (() => Batch) | string;
}

export interface PeerRow {
  id: string;
  name: string;
  ours_ns: number | null;
  peer: string;
  peer_ns: number | null;
  ratio: number | null;
  target?: number | null;
  status: 'met' | 'not met' | 'not available yet' | 'no target';
  note?: string;
}

/** Builds a value map (ours or a peer's) of `size` entries through its `set(k, v)`. */
function filledValueMap(make: () => Any, size: number) {
  const keys = stringKeys(size);
  const vals = items(size);
  const m = make();
  for (let i = 0; i < size; i++) m.set(keys[i], vals[i]);
  return { keys, vals, m };
}

/** `m.get(k)` over the hot set, for any map-like object. */
function getBatch(make: () => Any, size: number): () => Batch {
  return () => {
    const { keys, vals, m } = filledValueMap(make, size);
    const mask = size - 1;
    return {
      run(n) {
        let s;
        for (let i = 0; i < n; i++) s = m.get(keys[i & mask]);
        return [s, vals];
      },
    };
  };
}

/** `m.set(k, v)` overwriting with another value each batch. */
function setBatch(make: () => Any, size: number): () => Batch {
  return () => {
    const { keys, vals, m } = filledValueMap(make, size);
    const mask = size - 1;
    let shift = 0;
    return {
      maxN: CREATION_BATCH,
      prepare() {
        shift = (shift + 7) & mask || 1;
      },
      run(n) {
        for (let i = 0; i < n; i++) m.set(keys[i & mask], vals[(i + shift) & mask]);
        return m;
      },
    };
  };
}

/** Iteration of `[key, value]` pairs; `n` counts entries visited. */
function iterBatch(make: () => Any, size: number, entries: (m: Any) => Iterable<[unknown, unknown]>): () => Batch {
  return () => {
    const { vals, m } = filledValueMap(make, size);
    return {
      run(n) {
        let c = 0;
        const loops = Math.max(1, Math.round(n / size));
        for (let l = 0; l < loops; l++) for (const e of entries(m)) if (e[1] !== undefined) c++;
        return [c, vals];
      },
    };
  };
}

/** Object-keyed maps and sets: `get` / `set` / `has` / `add` over the hot set. */
function keyedBatch(make: () => Any, size: number, op: 'get' | 'set' | 'has' | 'add-fresh'): () => Batch {
  return () => {
    let objs = items(size);
    const m = make();
    const mask = size - 1;
    if (op === 'get' || op === 'set') for (let i = 0; i < size; i++) m.set(objs[i], i);
    if (op === 'has') for (let i = 0; i < size; i++) m.add(objs[i]);
    switch (op) {
      case 'get':
        return {
          run(n) {
            let s;
            for (let i = 0; i < n; i++) s = m.get(objs[i & mask]);
            return s;
          },
        };
      case 'set':
        return {
          maxN: CREATION_BATCH,
          run(n) {
            for (let i = 0; i < n; i++) m.set(objs[i & mask], i);
            return m;
          },
        };
      case 'has':
        return {
          run(n) {
            let c = 0;
            for (let i = 0; i < n; i++) if (m.has(objs[i & mask])) c++;
            return c;
          },
        };
      case 'add-fresh':
        // New members each batch; the set of the batch before is dropped with its members.
        return {
          maxN: CREATION_BATCH,
          prepare(n) {
            objs = items(n);
          },
          run(n) {
            const s = make();
            for (let i = 0; i < n; i++) s.add(objs[i]);
            return s;
          },
        };
    }
  };
}

export function peerSpecs(lib: Library, peers: Peers, cfg: Config): PeerSpec[] {
  const size = cfg.hot;
  const WVD = lib.WeakValueDictionary;
  const WKD = lib.WeakKeyDictionary;
  const WS = lib.WeakSet;
  const wvd = WVD === undefined ? lib.missing.WeakValueDictionary : undefined;
  const wkd = WKD === undefined ? lib.missing.WeakKeyDictionary : undefined;
  const ws = WS === undefined ? lib.missing.WeakSet : undefined;
  const wvm = peers.WeakValueMap === undefined ? peers.missing.weakref : undefined;
  const iwm = peers.IterableWeakMap === undefined ? peers.missing.weakref : undefined;
  const iws = peers.IterableWeakSet === undefined ? peers.missing.weakref : undefined;
  const swm = peers.StrongWeakMap === undefined ? peers.missing['@cspell/strong-weak-map'] : undefined;
  const ourWvd = () => new WVD();
  const theirWvm = () => new peers.WeakValueMap();
  const theirSwm = () => new peers.StrongWeakMap();
  return [
    {
      id: 'peer.wvd.get.wvm',
      name: 'value map get(k) (hot)',
      peer: 'weakref WeakValueMap.get',
      ours: wvd ?? getBatch(ourWvd, size),
      other: wvm ?? getBatch(theirWvm, size),
    },
    {
      id: 'peer.wvd.get.swm',
      name: 'value map get(k) (hot)',
      peer: '@cspell StrongWeakMap.get',
      ours: wvd ?? getBatch(ourWvd, size),
      other: swm ?? getBatch(theirSwm, size),
    },
    {
      id: 'peer.wvd.set.wvm',
      name: 'value map set(k, v) overwrite (hot)',
      peer: 'weakref WeakValueMap.set',
      // The issue: ">= 2x faster than weakref's WeakValueMap.set", i.e. ours / peer <= 0.5.
      target: 0.5,
      ours: wvd ?? setBatch(ourWvd, size),
      other: wvm ?? setBatch(theirWvm, size),
    },
    {
      id: 'peer.wvd.set.swm',
      name: 'value map set(k, v) overwrite (hot)',
      peer: '@cspell StrongWeakMap.set',
      ours: wvd ?? setBatch(ourWvd, size),
      other: swm ?? setBatch(theirSwm, size),
    },
    {
      id: 'peer.wvd.iter.wvm',
      name: 'value map iteration, per entry (1,024 entries)',
      peer: 'weakref WeakValueMap entries',
      ours: wvd ?? iterBatch(ourWvd, size, (m) => m.items()),
      other: wvm ?? iterBatch(theirWvm, size, (m) => m.entries()),
    },
    {
      id: 'peer.wvd.iter.swm',
      name: 'value map iteration, per entry (1,024 entries)',
      peer: '@cspell StrongWeakMap entries',
      ours: wvd ?? iterBatch(ourWvd, size, (m) => m.items()),
      other: swm ?? iterBatch(theirSwm, size, (m) => m.entries()),
    },
    {
      id: 'peer.wkd.get',
      name: 'key map get(o) (hot)',
      peer: 'weakref IterableWeakMap.get',
      ours: wkd ?? keyedBatch(() => new WKD(), size, 'get'),
      other: iwm ?? keyedBatch(() => new peers.IterableWeakMap(), size, 'get'),
    },
    {
      id: 'peer.wkd.set',
      name: 'key map set(o, v) overwrite (hot)',
      peer: 'weakref IterableWeakMap.set',
      ours: wkd ?? keyedBatch(() => new WKD(), size, 'set'),
      other: iwm ?? keyedBatch(() => new peers.IterableWeakMap(), size, 'set'),
    },
    {
      id: 'peer.ws.has',
      name: 'weak set has(o) (hot)',
      peer: 'weakref IterableWeakSet.has',
      ours: ws ?? keyedBatch(() => new WS(), size, 'has'),
      other: iws ?? keyedBatch(() => new peers.IterableWeakSet(), size, 'has'),
    },
    {
      id: 'peer.ws.add',
      name: 'weak set add(o) of a new member',
      peer: 'weakref IterableWeakSet.add',
      ours: ws ?? keyedBatch(() => new WS(), size, 'add-fresh'),
      other: iws ?? keyedBatch(() => new peers.IterableWeakSet(), size, 'add-fresh'),
    },
  ];
}

export async function runPeer(spec: PeerSpec, cfg: Config): Promise<PeerRow> {
  const row = { id: spec.id, name: spec.name, peer: spec.peer, target: spec.target ?? null };
  for (const side of [spec.ours, spec.other]) {
    if (typeof side === 'string') {
      return { ...row, ours_ns: null, peer_ns: null, ratio: null, status: 'not available yet', note: side };
    }
  }
  const r: PairResult = await measurePair((spec.ours as () => Batch)(), (spec.other as () => Batch)(), cfg);
  const status = spec.target === undefined ? 'no target' : r.ratio <= spec.target ? 'met' : 'not met';
  return { ...row, ours_ns: r.ours_ns, peer_ns: r.baseline_ns, ratio: r.ratio, status };
}
