/**
 * `npm run bench`: pyweakref against native baselines, npm peers and CPython (issue 10).
 *
 *   npm run bench                       full run (several minutes)
 *   npm run bench -- --quick            under a minute
 *   npm run bench -- --json out.json    also write every figure as JSON
 *   npm run bench -- --only ops,sweep   some sections: ops, sweep, peers, scale, memory, cpython
 *   npm run bench -- --clock wall       time with the wall clock instead of the process CPU time
 *   npm run bench -- --micro            (or BENCH_MICRO=1) a tiny configuration for the smoke spec
 *
 * The library is loaded from dist/ (the compiled code users run); `npm run bench` builds it first.
 * See bench/README.md for what each column means.
 */
import * as fs from 'node:fs';
import { type Config, type Mode, type OpRow, configFor, runOp } from './harness';
import { loadLibrary, loadPeers } from './lib';
import { coreOps, measureSweep, type SweepRow } from './suites/core';
import { containerOps } from './suites/containers';
import { peerSpecs, runPeer, type PeerRow } from './suites/peers';
import { measureMemory, type MemoryRow, type PeerMemoryRow } from './suites/memory';
import { measureCpython, type CpythonRow } from './suites/cpython';
import { scaleSubjects, type ScaleRow } from './suites/scale';
import {
  cpythonTable,
  machine,
  memoryTable,
  opsTable,
  peersTable,
  scaleTable,
  sweepTable,
  targets,
  targetsTable,
  type TargetRow,
} from './report';

const SECTIONS = ['ops', 'sweep', 'peers', 'scale', 'memory', 'cpython'] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  cfg: Config;
  json?: string;
  sections: Set<Section>;
  /** Only the operations (and memory pairs, peers) whose id starts with one of these. */
  filter?: string[];
}

function parseArgs(argv: string[]): Options {
  let mode: Mode = process.env.BENCH_MICRO === '1' ? 'micro' : 'full';
  let json: string | undefined;
  let clock: Config['clock'] | undefined;
  let sections = new Set<Section>(SECTIONS);
  let filter: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') mode = mode === 'micro' ? 'micro' : 'quick';
    else if (a === '--micro') mode = 'micro';
    else if (a === '--json') json = argv[++i];
    else if (a.startsWith('--json=')) json = a.slice('--json='.length);
    else if (a === '--clock') clock = argv[++i] as Config['clock'];
    else if (a === '--only') sections = new Set(argv[++i].split(',') as Section[]);
    else if (a === '--filter') filter = argv[++i].split(',');
    else if (a === '--help' || a === '-h') {
      console.log(
        'usage: npm run bench -- [--quick] [--json FILE] [--only ops,sweep,peers,scale,memory,cpython] [--filter id-prefix,...] [--clock cpu|wall]',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${a} (try --help)`);
  }
  for (const s of sections) if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s}`);
  if (json === undefined && argv.includes('--json')) throw new Error('--json needs a file name');
  const cfg = configFor(mode);
  if (clock !== undefined) {
    if (clock !== 'cpu' && clock !== 'wall') throw new Error('--clock is cpu or wall');
    cfg.clock = clock;
  }
  return { cfg, json, sections, filter };
}

const t0 = Date.now();
const progress = (s: string): void => void process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1)}s] ${s}\n`);

function print(title: string, body: string): void {
  console.log(`\n## ${title}\n\n${body}`);
}

async function main(): Promise<void> {
  const { cfg, json, sections, filter } = parseArgs(process.argv.slice(2));
  const wanted = (id: string): boolean => filter === undefined || filter.some((f) => id.startsWith(f));
  if (filter !== undefined) cfg.memoryFilter = wanted;
  const started = Date.now();
  const lib = loadLibrary();
  const host = machine(cfg);
  console.log(`# pyweakref benchmarks (${cfg.mode})\n`);
  console.log(
    `node ${host.node} (V8 ${host.v8}) · ${host.cpu} · ${host.cores} cores · load ${host.load_average.join(' ')} · clock: ${cfg.clock === 'cpu' ? 'process CPU time' : 'wall'}`,
  );
  const missing = Object.entries(lib.missing);
  for (const [name, why] of missing) console.log(`- ${name}: ${why}`);

  const ops: OpRow[] = [];
  let sweep: SweepRow | undefined;
  const peers: PeerRow[] = [];
  let peerMemory: PeerMemoryRow[] = [];
  let memory: MemoryRow[] = [];
  let cpython: CpythonRow[] = [];
  let cpythonVersion: string | null = null;
  let cpythonSkipped: string | undefined;
  const scale: ScaleRow[] = [];

  if (sections.has('ops')) {
    for (const spec of [...coreOps(lib, cfg), ...containerOps(lib, cfg)].filter((o) => wanted(o.id))) {
      progress(`ops: ${spec.name}`);
      const row = await runOp(spec, cfg);
      ops.push(row);
      // Garbage of this operation must not be collected while the next one is timed.
      await lib.gc.collect();
    }
    print('Operations (ratio = ours / baseline, medians of interleaved rounds)', opsTable(ops));
  }
  if (sections.has('sweep')) {
    progress('sweep');
    sweep = await measureSweep(lib, cfg);
    print('gc.collect() sweep', sweepTable(sweep));
  }
  if (sections.has('peers')) {
    const peerLib = await loadPeers();
    for (const [name, why] of Object.entries(peerLib.missing)) console.log(`- ${name}: ${why}`);
    for (const spec of peerSpecs(lib, peerLib, cfg).filter((p) => wanted(p.id))) {
      progress(`peers: ${spec.name} vs ${spec.peer}`);
      peers.push(await runPeer(spec, cfg));
      await lib.gc.collect();
    }
  }
  if (sections.has('memory')) {
    progress(`memory: ${cfg.memoryN} entries per measurement, one child process each`);
    const m = await measureMemory(cfg, progress);
    memory = m.memory;
    peerMemory = m.peers;
    print('Memory (heap delta after forced collection, bytes per entry)', memoryTable(memory, cfg.memoryN));
  }
  if (sections.has('peers'))
    print('npm peers (ratio = ours / peer; below 1 we are faster)', peersTable(peers, peerMemory));
  if (sections.has('scale')) {
    for (const subject of scaleSubjects(lib)) {
      if (subject.missing !== undefined) {
        console.log(`- scale ${subject.name}: ${subject.missing}`);
        continue;
      }
      for (const n of cfg.scaleSizes) {
        progress(`scale: ${subject.name} n=${n}`);
        scale.push(await subject.run(lib, n, cfg));
      }
    }
    print('Scale (cost growth with the number of live entries)', scaleTable(scale));
  }
  if (sections.has('cpython')) {
    progress('cpython: python3 bench/cpython_bench.py');
    const c = await measureCpython(cfg, ops, memory, sweep);
    cpython = c.rows;
    cpythonVersion = c.version;
    cpythonSkipped = c.skipped;
    if (c.skipped !== undefined) print('CPython', `skipped: ${c.skipped}`);
    else print('CPython (ratio = ours / CPython; below 1 we are faster)', cpythonTable(cpython, cpythonVersion));
  }

  const goals: TargetRow[] = targets(ops, sweep, peers, memory, cpython);
  if (cpythonSkipped !== undefined && sections.has('cpython')) {
    goals.push({
      target: 'WeakValueDictionary get and set faster than CPython',
      measured: '—',
      status: `not measured: ${cpythonSkipped}`,
    });
  }
  print('Targets of issue 10', targetsTable(goals));
  const seconds = (Date.now() - started) / 1000;
  console.log(`\nfinished in ${seconds.toFixed(1)} s`);

  if (json !== undefined) {
    const doc = {
      machine: host,
      config: cfg,
      seconds,
      missing: lib.missing,
      ops: ops.map(({ id, name, ours_ns, baseline, baseline_ns, ratio, ratio_paired, target, status, note }) => ({
        name,
        ours_ns,
        baseline,
        baseline_ns,
        ratio,
        id,
        ratio_paired,
        target,
        status,
        ...(note ? { note } : {}),
      })),
      memory,
      peers: [...peers, ...peerMemory],
      cpython: cpythonSkipped === undefined ? cpython : [],
      cpython_version: cpythonVersion,
      ...(cpythonSkipped !== undefined ? { cpython_skipped: cpythonSkipped } : {}),
      sweep: sweep ?? null,
      scale,
      targets: goals,
    };
    fs.writeFileSync(json, `${JSON.stringify(doc, null, 2)}\n`);
    progress(`wrote ${json}`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
