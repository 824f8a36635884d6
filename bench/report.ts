/**
 * Tables for stdout (Markdown pipe tables, readable in a terminal and pasteable into RESULTS.md), the
 * machine description, and the targets of issue 10 evaluated against one run.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { type Config, type OpRow } from './harness';
import { type SweepRow } from './suites/core';
import { type PeerRow } from './suites/peers';
import { type MemoryRow, type PeerMemoryRow } from './suites/memory';
import { type CpythonRow } from './suites/cpython';
import { type ScaleRow } from './suites/scale';

export interface Machine {
  node: string;
  v8: string;
  cpu: string;
  cores: number;
  platform: string;
  memory_gb: number;
  load_average: number[];
  mode: string;
  clock: string;
  date: string;
}

export function machine(cfg: Config): Machine {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = fs
      .readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line !== undefined) cpu = line.split(':')[1].trim();
  } catch {
    // Not Linux: os.cpus() said it.
  }
  return {
    node: process.version,
    v8: process.versions.v8,
    cpu,
    cores: os.cpus().length,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    load_average: os.loadavg().map((x) => Math.round(x * 100) / 100),
    mode: cfg.mode,
    clock: cfg.clock,
    date: new Date().toISOString(),
  };
}

export function table(head: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '—' : String(c))));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export function ns(x: number | null | undefined): string | null {
  if (x === null || x === undefined) return null;
  if (x >= 1000) return x.toFixed(0);
  if (x >= 100) return x.toFixed(1);
  return x.toFixed(2);
}

export function ratio(x: number | null | undefined): string | null {
  return x === null || x === undefined ? null : x.toFixed(2);
}

function status(s: string, target: string | null): string {
  if (s === 'no target') return '';
  return target === null ? s : `${s} (≤ ${target})`;
}

export function opsTable(rows: OpRow[]): string {
  return table(
    ['operation', 'ours ns/op', 'baseline', 'baseline ns/op', 'ratio', 'paired', 'target'],
    rows.map((r) => [
      r.name,
      ns(r.ours_ns),
      r.baseline,
      ns(r.baseline_ns),
      ratio(r.ratio),
      ratio(r.ratio_paired),
      status(r.status, r.target === null || r.target === undefined ? null : String(r.target)),
    ]),
  );
}

export function sweepTable(s: SweepRow): string {
  return table(
    ['live registrations', 'sweep() ms', 'sweep ms per 10,000', 'gc() ms', 'await gc.collect() ms', 'target'],
    [
      [
        s.live_registrations,
        s.sweep_ms.toFixed(3),
        s.sweep_ms_per_10k.toFixed(3),
        s.gc_ms.toFixed(2),
        s.collect_ms.toFixed(2),
        `${s.status} (≤ 2 ms / 10,000)`,
      ],
    ],
  );
}

export function peersTable(rows: PeerRow[], mem: PeerMemoryRow[]): string {
  const a = table(
    ['operation', 'ours ns/op', 'peer', 'peer ns/op', 'ours / peer', 'target'],
    rows.map((r) => [
      r.name,
      ns(r.ours_ns),
      r.peer,
      ns(r.peer_ns),
      ratio(r.ratio),
      r.status === 'not available yet'
        ? 'not available yet'
        : status(r.status, r.target === null || r.target === undefined ? null : String(r.target)),
    ]),
  );
  if (mem.length === 0) return a;
  const b = table(
    ['memory', 'ours bytes', 'peer', 'peer bytes', 'ours / peer'],
    mem.map((r) => [r.name, ns(r.ours_bytes), r.peer, ns(r.peer_bytes), ratio(r.ratio)]),
  );
  return `${a}\n\n${b}`;
}

export function memoryTable(rows: MemoryRow[], n: number): string {
  return table(
    [`bytes per entry (n = ${n})`, 'ours', 'baseline', 'baseline bytes', 'ratio', 'target'],
    rows.map((r) => [
      r.name,
      ns(r.ours_bytes),
      r.baseline,
      ns(r.baseline_bytes),
      ratio(r.ratio),
      r.status === 'not available yet'
        ? 'not available yet'
        : status(r.status, r.target_bytes === null || r.target_bytes === undefined ? null : `${r.target_bytes} bytes`),
    ]),
  );
}

export function cpythonTable(rows: CpythonRow[], version: string | null): string {
  return table(
    ['operation (ours)', 'ours', `CPython ${version ?? ''}`.trim(), 'CPython', 'ours / CPython', 'target'],
    rows.map((r) => {
      const unit = r.unit ?? 'ns';
      const v = (x: number | null) => (x === null ? null : `${unit === 'ms' ? x.toFixed(2) : ns(x)} ${unit}`);
      return [
        r.name,
        v(r.ours_ns),
        r.cpython,
        v(r.cpython_ns),
        ratio(r.ratio),
        r.status === 'not available yet' ? 'not available yet' : r.status === 'no target' ? '' : `${r.status} (< 1)`,
      ];
    }),
  );
}

export function scaleTable(rows: ScaleRow[]): string {
  return table(
    [
      'subject',
      'n',
      'set ns',
      'get ns',
      'iter ns/entry',
      'size ns',
      'gc.collect() ms',
      'gc() ms',
      'sweep() ms',
      'baseline',
      'base set',
      'base get',
      'base iter',
      'base size',
    ],
    rows.map((r) => [
      r.subject,
      r.n.toLocaleString('en'),
      ns(r.set_ns),
      ns(r.get_ns),
      ns(r.iter_ns),
      ns(r.size_ns),
      r.collect_ms?.toFixed(1),
      r.gc_ms?.toFixed(1),
      r.sweep_ms?.toFixed(2),
      r.baseline,
      ns(r.baseline_set_ns),
      ns(r.baseline_get_ns),
      ns(r.baseline_iter_ns),
      ns(r.baseline_size_ns),
    ]),
  );
}

export interface TargetRow {
  target: string;
  measured: string;
  status: string;
}

/** The target table, each line evaluated against this run. */
export function targets(
  ops: OpRow[],
  sweep: SweepRow | undefined,
  peers: PeerRow[],
  memory: MemoryRow[],
  cpython: CpythonRow[],
): TargetRow[] {
  const op = (id: string) => ops.find((o) => o.id === id);
  const out: TargetRow[] = [];
  const fromOp = (label: string, id: string, bound: number) => {
    const r = op(id);
    if (r === undefined) return;
    out.push({
      target: `${label} <= ${bound}x`,
      measured: r.ratio === null ? '—' : `${r.ratio.toFixed(2)}x (${ns(r.ours_ns)} vs ${ns(r.baseline_ns)} ns)`,
      status: r.status,
    });
  };
  fromOp('r() vs WeakRef.prototype.deref', 'ref.call', 1.5);
  fromOp('ref(o) shared basic ref vs WeakMap.prototype.get', 'ref.shared', 3);
  fromOp('ref(o, cb) new ref, hot referent, vs new WeakRef + register', 'ref.new_cb', 2);
  fromOp('ref(o, cb) new ref, fresh referent, vs new WeakRef + register', 'ref.new_cb_fresh', 2);
  fromOp('proxy property get vs minimal WeakRef Proxy', 'proxy.get', 1.3);
  fromOp('WeakValueDictionary d.get(k) (hot) vs map.get(k)?.deref()', 'wvd.get.hot', 1.6);
  fromOp('WeakValueDictionary d[k] (hot) vs map.get(k)?.deref()', 'wvd.item.hot', 2);
  fromOp('WeakValueDictionary set overwrite (hot) vs Map + WeakRef + register/unregister', 'wvd.set.hot', 1.5);
  const p = peers.find((r) => r.id === 'peer.wvd.set.wvm');
  if (p !== undefined) {
    out.push({
      target: "WeakValueDictionary set overwrite >= 2x faster than weakref's WeakValueMap.set (ours / peer <= 0.5)",
      measured: p.ratio === null ? '—' : `${p.ratio.toFixed(2)} (${ns(p.ours_ns)} vs ${ns(p.peer_ns)} ns)`,
      status: p.status,
    });
  }
  fromOp('WeakKeyDictionary get vs WeakMap.prototype.get', 'wkd.get.hot', 1.5);
  fromOp('WeakSet has vs native WeakSet.prototype.has', 'ws.has.hot', 1.5);
  if (sweep !== undefined) {
    out.push({
      target: 'gc.collect() sweep, gc() excluded, <= 2 ms per 10,000 live registrations',
      measured: `${sweep.sweep_ms_per_10k.toFixed(2)} ms per 10,000 (${sweep.live_registrations} live)`,
      status: sweep.status,
    });
  }
  const m = memory.find((r) => r.id === 'mem.wvd');
  if (m !== undefined) {
    out.push({
      target: 'memory per WeakValueDictionary entry <= 200 bytes (CPython: 158)',
      measured: m.ours_bytes === null ? '—' : `${m.ours_bytes.toFixed(0)} bytes`,
      status: m.status,
    });
  }
  for (const id of [
    'cpython.wvd.get.hot.wvd.getitem.hot',
    'cpython.wvd.item.hot.wvd.getitem.hot',
    'cpython.wvd.set.hot.wvd.set.hot',
  ]) {
    const c = cpython.find((r) => r.id === id);
    if (c === undefined) continue;
    out.push({
      target: `${c.name} faster than CPython's \`${c.cpython}\``,
      measured: c.ratio === null ? '—' : `${c.ratio.toFixed(2)}x (${ns(c.ours_ns)} vs ${ns(c.cpython_ns)} ns)`,
      status: c.status,
    });
  }
  return out;
}

export function targetsTable(rows: TargetRow[]): string {
  return table(
    ['target', 'measured', 'status'],
    rows.map((r) => [r.target, r.measured, r.status]),
  );
}
