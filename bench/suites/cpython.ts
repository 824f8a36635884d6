/**
 * Cross-language ratios against CPython's own weakref (bench/cpython_bench.py, run by `python3` when
 * it is on the PATH). ratio = ours / CPython: below 1, pyweakref on V8 is faster than CPython.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { type Config, type OpRow } from '../harness';
import { type MemoryRow } from './memory';
import { type SweepRow } from './core';
import { rootDir } from '../lib';

export interface CpythonRow {
  id: string;
  name: string;
  ours: string;
  ours_ns: number | null;
  cpython: string;
  cpython_ns: number | null;
  ratio: number | null;
  /** The target: faster than CPython (ratio < 1). */
  target?: number | null;
  status: 'met' | 'not met' | 'not available yet' | 'no target';
  unit?: 'ns' | 'ms' | 'bytes';
}

interface PythonOut {
  version: string;
  ops: Array<{ id: string; stmt: string; ns?: number; ms?: number }>;
  memory: Array<{ id: string; bytes_per_entry: number; n: number }>;
}

/** Our op id -> the CPython statement it is compared with, and whether the issue sets a target. */
const pairing: Array<{ ours: string; py: string; target?: number }> = [
  { ours: 'ref.call', py: 'ref.call' },
  { ours: 'ref.shared', py: 'ref.shared' },
  { ours: 'ref.new_cb', py: 'ref.new_cb' },
  { ours: 'proxy.get', py: 'proxy.get' },
  { ours: 'proxy.shared', py: 'proxy.shared' },
  { ours: 'wvd.get.hot', py: 'wvd.getitem.hot', target: 1 },
  { ours: 'wvd.item.hot', py: 'wvd.getitem.hot', target: 1 },
  { ours: 'wvd.get.hot', py: 'wvd.get.hot' },
  { ours: 'wvd.set.hot', py: 'wvd.set.hot', target: 1 },
  { ours: 'wkd.get.hot', py: 'wkd.get.hot' },
  { ours: 'wkd.set.hot', py: 'wkd.set.hot' },
  { ours: 'ws.has.hot', py: 'ws.has.hot' },
  { ours: 'ws.add.hot', py: 'ws.add.hot' },
];

function runPython(cfg: Config): Promise<PythonOut | string> {
  const script = path.join(rootDir, 'bench', 'cpython_bench.py');
  const repeat = cfg.mode === 'full' ? 7 : cfg.mode === 'quick' ? 3 : 1;
  const memN = Math.min(cfg.memoryN, 1_000_000);
  return new Promise((resolve) => {
    execFile(
      'python3',
      [script, String(cfg.pythonSeconds), String(repeat), String(memN)],
      { maxBuffer: 1 << 20 },
      (err, stdout, stderr) => {
        if (err) {
          const code = (err as NodeJS.ErrnoException).code;
          resolve(
            code === 'ENOENT'
              ? 'python3 is not on the PATH'
              : `python3 failed: ${(stderr || String(err)).trim().split('\n').pop()}`,
          );
          return;
        }
        try {
          resolve(JSON.parse(stdout) as PythonOut);
        } catch {
          resolve(`unreadable output of cpython_bench.py: ${stdout.slice(0, 200)}`);
        }
      },
    );
  });
}

export async function measureCpython(
  cfg: Config,
  ops: OpRow[],
  memory: MemoryRow[],
  sweep: SweepRow | undefined,
): Promise<{ version: string | null; rows: CpythonRow[]; skipped?: string }> {
  const out = await runPython(cfg);
  if (typeof out === 'string') return { version: null, rows: [], skipped: out };
  const byId = new Map(ops.map((o) => [o.id, o]));
  const py = new Map(out.ops.map((o) => [o.id, o]));
  const rows: CpythonRow[] = pairing.map((p) => {
    const mine = byId.get(p.ours);
    const theirs = py.get(p.py)!;
    const ours_ns = mine?.ours_ns ?? null;
    const cpython_ns = theirs.ns ?? null;
    const ratio = ours_ns !== null && cpython_ns !== null ? ours_ns / cpython_ns : null;
    let status: CpythonRow['status'] = 'no target';
    if (ours_ns === null) status = 'not available yet';
    else if (p.target !== undefined) status = ratio! < p.target ? 'met' : 'not met';
    return {
      id: `cpython.${p.ours}.${p.py}`,
      name: mine?.name ?? p.ours,
      ours: mine?.name ?? p.ours,
      ours_ns,
      cpython: theirs.stmt,
      cpython_ns,
      ratio,
      target: p.target ?? null,
      status,
      unit: 'ns',
    };
  });
  const gcRow = py.get('gc.collect.10k');
  if (gcRow !== undefined && sweep !== undefined) {
    rows.push({
      id: 'cpython.gc.collect',
      name: 'gc.collect() with 10,000 live refs with callbacks (ms)',
      ours: 'await gc.collect()',
      ours_ns: sweep.collect_ms,
      cpython: gcRow.stmt,
      cpython_ns: gcRow.ms ?? null,
      ratio: gcRow.ms ? sweep.collect_ms / gcRow.ms : null,
      target: null,
      status: 'no target',
      unit: 'ms',
    });
  }
  const pyMem = out.memory.find((m) => m.id === 'mem.wvd');
  const myMem = memory.find((m) => m.id === 'mem.wvd');
  if (pyMem !== undefined) {
    const ours = myMem?.ours_bytes ?? null;
    rows.push({
      id: 'cpython.mem.wvd',
      name: `WeakValueDictionary bytes per entry (n = ${pyMem.n})`,
      ours: 'WeakValueDictionary entry',
      ours_ns: ours,
      cpython: 'tracemalloc over d[k] = v',
      cpython_ns: pyMem.bytes_per_entry,
      ratio: ours !== null ? ours / pyMem.bytes_per_entry : null,
      target: null,
      status: ours === null ? 'not available yet' : 'no target',
      unit: 'bytes',
    });
  }
  return { version: out.version, rows };
}
