/**
 * `npm run bench` end to end on a tiny configuration (`--micro`): every section runs, the harness
 * exits cleanly and the JSON has the documented shape. No figure is checked: benchmarks never run in
 * `npm test`, this only proves the harness works.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './support/root';

const root = ROOT;

function runBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', path.join(root, 'bench', 'run.ts'), ...args],
      { cwd: root, maxBuffer: 16 << 20, env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' } },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('JavaScript interop: npm run bench', () => {
  it('should run every section of the harness in micro mode and write the documented JSON', async function () {
    this.timeout(120_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyweakref-bench-'));
    const file = path.join(dir, 'bench.json');
    try {
      const { code, stdout, stderr } = await runBench(['--micro', '--json', file]);
      expect(code, stderr).to.equal(0);
      for (const title of ['Operations', 'gc.collect() sweep', 'Memory', 'npm peers', 'Scale', 'Targets of issue 10']) {
        expect(stdout).to.include(`## ${title}`);
      }
      const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      for (const key of ['ops', 'memory', 'peers', 'cpython']) expect(doc[key], key).to.be.an('array');
      const ops = doc.ops as Array<Record<string, unknown>>;
      expect(ops.length).to.be.greaterThan(5);
      for (const op of ops) {
        expect(op).to.include.all.keys('name', 'ours_ns', 'baseline', 'baseline_ns', 'ratio');
        expect(op.name).to.be.a('string');
        expect(op.baseline).to.be.a('string');
        if (op.status !== 'not available yet') {
          expect(op.ours_ns).to.be.a('number').and.be.greaterThan(0);
          expect(op.baseline_ns).to.be.a('number').and.be.greaterThan(0);
          expect(op.ratio).to.be.closeTo((op.ours_ns as number) / (op.baseline_ns as number), 1e-9);
        }
      }
      const core = ops.find((o) => o.name === 'r() on a live ref');
      expect(core, 'the core is always measured').to.not.equal(undefined);
      expect(core!.ratio).to.be.a('number');
      const memory = doc.memory as Array<Record<string, unknown>>;
      expect(memory.length).to.be.greaterThan(0);
      for (const m of memory)
        expect(m).to.include.all.keys('name', 'ours_bytes', 'baseline', 'baseline_bytes', 'ratio');
      for (const p of doc.peers as Array<Record<string, unknown>>)
        expect(p).to.include.all.keys('name', 'peer', 'ratio');
      for (const c of doc.cpython as Array<Record<string, unknown>>)
        expect(c).to.include.all.keys('name', 'ours_ns', 'cpython_ns', 'ratio');
      expect(doc.scale).to.be.an('array').that.is.not.empty;
      expect(doc.targets).to.be.an('array').that.is.not.empty;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should refuse an unknown argument with a clear message', async function () {
    this.timeout(60_000);
    const { code, stderr } = await runBench(['--frobnicate']);
    expect(code).to.not.equal(0);
    expect(stderr).to.include('unknown argument --frobnicate');
  });
});
