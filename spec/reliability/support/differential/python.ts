/**
 * Running programs under CPython: one `python3 scripts/differential/run.py` process for a whole batch.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { Program, Trace } from './language';
import { ROOT } from '../../../support/root';

const SCRIPT = path.join(ROOT, 'scripts', 'differential', 'run.py');

/** The interpreter to use: `PYTHON` if set, else `python3`. */
export const PYTHON = process.env.PYTHON ?? 'python3';

/** Why CPython cannot be used here, or `undefined` when it can. */
export function pythonUnavailable(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import sys, weakref; print(sys.version_info[0])'], { encoding: 'utf8' });
  if (r.error !== undefined)
    return `${PYTHON} not found (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`;
  if (r.status !== 0 || r.stdout.trim() !== '3')
    return `${PYTHON} is not a working Python 3 (${r.stderr.trim() || r.stdout.trim()})`;
  return undefined;
}

/** Runs `programs` under CPython; returns its version and one trace per program. */
export function runPython(programs: Program[]): { version: string; traces: Trace[] } {
  const r = spawnSync(PYTHON, [SCRIPT], {
    input: JSON.stringify({ programs }),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.error !== undefined) throw r.error;
  if (r.status !== 0) throw new Error(`run.py failed (exit ${r.status}):\n${r.stderr}`);
  const out = JSON.parse(r.stdout) as { python: string; traces: Trace[] };
  return { version: out.python, traces: out.traces };
}
