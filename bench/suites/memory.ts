/**
 * Memory per entry: one child process per measurement (bench/memory-child.ts), so that every figure
 * starts from a fresh heap. Pairs each of our structures with its native baseline, and with the npm
 * peers for the peers table.
 */
import { execFile } from 'node:child_process';
import { type Config } from '../harness';
import { harnessChild, rootDir } from '../lib';

export interface MemoryRow {
  id: string;
  name: string;
  ours_bytes: number | null;
  baseline: string;
  baseline_bytes: number | null;
  ratio: number | null;
  /** Absolute target on ours, bytes per entry. */
  target_bytes?: number | null;
  status: 'met' | 'not met' | 'not available yet' | 'no target';
  note?: string;
}

export interface PeerMemoryRow {
  id: string;
  name: string;
  ours_bytes: number | null;
  peer: string;
  peer_bytes: number | null;
  ratio: number | null;
  status: 'no target' | 'not available yet';
}

const allPairs: Array<{ id: string; name: string; ours: string; base: string; baseline: string; target?: number }> = [
  {
    id: 'mem.wvd',
    name: 'WeakValueDictionary entry',
    ours: 'wvd',
    base: 'wvd-native',
    baseline: 'Map + WeakRef + register with token',
    target: 200,
  },
  { id: 'mem.wkd', name: 'WeakKeyDictionary entry', ours: 'wkd', base: 'wkd-native', baseline: 'WeakMap entry' },
  { id: 'mem.ws', name: 'WeakSet member', ours: 'ws', base: 'ws-native', baseline: 'native WeakSet member' },
  {
    id: 'mem.ref_cb',
    name: 'ref(o, cb) with a callback',
    ours: 'ref-cb',
    base: 'ref-cb-native',
    baseline: 'WeakRef + register with token',
  },
  { id: 'mem.ref_basic', name: 'ref(o) basic ref', ours: 'ref-basic', base: 'ref-basic-native', baseline: 'WeakRef' },
  {
    id: 'mem.proxy',
    name: 'proxy(o)',
    ours: 'proxy',
    base: 'proxy-native',
    baseline: 'Proxy + WeakRef (shared handler)',
  },
  {
    id: 'mem.finalize',
    name: 'finalize(o, fn)',
    ours: 'finalize',
    base: 'finalize-native',
    baseline: 'register with token',
  },
];

const allPeerPairs: Array<{ id: string; name: string; ours: string; peer: string; label: string }> = [
  {
    id: 'peer.mem.wvd.wvm',
    name: 'value map, bytes per entry',
    ours: 'wvd',
    peer: 'wvd-peer-weakref',
    label: 'weakref WeakValueMap',
  },
  {
    id: 'peer.mem.wvd.swm',
    name: 'value map, bytes per entry',
    ours: 'wvd',
    peer: 'wvd-peer-cspell',
    label: '@cspell StrongWeakMap',
  },
  {
    id: 'peer.mem.wkd',
    name: 'key map, bytes per entry',
    ours: 'wkd',
    peer: 'wkd-peer-weakref',
    label: 'weakref IterableWeakMap',
  },
  {
    id: 'peer.mem.ws',
    name: 'weak set, bytes per member',
    ours: 'ws',
    peer: 'ws-peer-weakref',
    label: 'weakref IterableWeakSet',
  },
];

interface ChildResult {
  kind: string;
  bytes_per_entry: number | null;
  missing?: boolean;
  error?: string;
}

function runChild(kind: string, n: number): Promise<ChildResult> {
  const child = harnessChild('memory-child');
  const args = ['--expose-gc', ...child.nodeArgs, child.file, kind, String(n)];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: rootDir, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) {
        resolve({ kind, bytes_per_entry: null, error: (stderr || String(err)).trim().split('\n').slice(-3).join(' ') });
        return;
      }
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as ChildResult);
      } catch {
        resolve({ kind, bytes_per_entry: null, error: `unreadable output: ${line}` });
      }
    });
  });
}

export async function measureMemory(
  cfg: Config,
  log: (s: string) => void,
): Promise<{ memory: MemoryRow[]; peers: PeerMemoryRow[] }> {
  const results = new Map<string, ChildResult>();
  const allowed = (k: string) => cfg.memoryKinds === undefined || cfg.memoryKinds.includes(k);
  const passes = (id: string) => cfg.memoryFilter === undefined || cfg.memoryFilter(id);
  const pairs = allPairs.filter((p) => allowed(p.ours) && allowed(p.base) && passes(p.id));
  const peerPairs = allPeerPairs.filter((p) => allowed(p.ours) && allowed(p.peer) && passes(p.id));
  const kinds = new Set<string>();
  for (const p of pairs) kinds.add(p.ours).add(p.base);
  for (const p of peerPairs) kinds.add(p.ours).add(p.peer);
  // Two children at a time: each figure is a heap size inside its own process, which the other
  // process does not change (only the time it takes, which is not measured here).
  const queue = [...kinds];
  const worker = async (): Promise<void> => {
    for (let kind = queue.shift(); kind !== undefined; kind = queue.shift()) {
      const r = await runChild(kind, cfg.memoryN);
      if (r.error !== undefined) log(`  memory ${kind}: ${r.error}`);
      results.set(kind, r);
    }
  };
  await Promise.all([worker(), worker()]);
  const bytes = (kind: string): number | null => results.get(kind)?.bytes_per_entry ?? null;
  const memory: MemoryRow[] = pairs.map((p) => {
    const ours = bytes(p.ours);
    const base = bytes(p.base);
    const missing = results.get(p.ours)?.missing === true || ours === null;
    const ratio = ours !== null && base !== null && base > 0 ? ours / base : null;
    let status: MemoryRow['status'] = 'no target';
    if (missing) status = 'not available yet';
    else if (p.target !== undefined) status = ours! <= p.target ? 'met' : 'not met';
    return {
      id: p.id,
      name: p.name,
      ours_bytes: ours,
      baseline: p.baseline,
      baseline_bytes: base,
      ratio,
      target_bytes: p.target ?? null,
      status,
      ...(missing ? { note: results.get(p.ours)?.error ?? 'not available yet' } : {}),
    };
  });
  const peers: PeerMemoryRow[] = peerPairs.map((p) => {
    const ours = bytes(p.ours);
    const peer = bytes(p.peer);
    return {
      id: p.id,
      name: p.name,
      ours_bytes: ours,
      peer: p.label,
      peer_bytes: peer,
      ratio: ours !== null && peer !== null && peer > 0 ? ours / peer : null,
      status: ours === null || peer === null ? 'not available yet' : 'no target',
    };
  });
  return { memory, peers };
}
