/**
 * How much of CPython's test_weakref.py and test_weakset.py is ported: every test method must appear
 * in spec/ as an `it('test_x: ...')` (ported) or an `it.skip('test_x [n/a: why]')` (not applicable),
 * inside a spec file that has `describe('<CPython class>'`.
 *
 * `npx ts-node scripts/cpython-coverage.ts` prints the tally; spec/cpython-coverage.spec.ts asserts
 * that nothing is missing.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../spec/support/root';

export interface Coverage {
  /** CPython class -> its test methods (including inherited mapping protocol tests). */
  cpython: Record<string, string[]>;
  ported: string[];
  skipped: string[];
  missing: string[];
}

// Found by its package.json: the specs also run this file compiled, from another folder.
const root = ROOT;

function specFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...specFiles(p));
    else if (entry.name.endsWith('.spec.ts')) out.push(p);
  }
  return out;
}

/** The CPython test inventory, or `undefined` when no python3 with its test package is present. */
export function cpythonTests(): Record<string, string[]> | undefined {
  try {
    const json = execFileSync('python3', [path.join(root, 'scripts', 'cpython-tests.py')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return JSON.parse(json) as Record<string, string[]>;
  } catch {
    return undefined;
  }
}

export function coverage(cpython: Record<string, string[]>): Coverage {
  const files = specFiles(path.join(root, 'spec')).map((f) => fs.readFileSync(f, 'utf8'));
  const result: Coverage = { cpython, ported: [], skipped: [], missing: [] };
  for (const [cls, tests] of Object.entries(cpython)) {
    const inClass = files.filter((text) => text.includes(`describe('${cls}'`));
    for (const test of tests) {
      const id = `${cls}.${test}`;
      const title = new RegExp(`\\bit(\\.skip)?\\(\\s*['"\`]${test}(?![A-Za-z0-9_])`);
      const hits = inClass.map((text) => title.exec(text)).filter((m): m is RegExpExecArray => m !== null);
      if (hits.length === 0) result.missing.push(id);
      else if (hits.some((m) => m[1] === undefined)) result.ported.push(id);
      else result.skipped.push(id);
    }
  }
  return result;
}

if (require.main === module) {
  const cpython = cpythonTests();
  if (cpython === undefined) {
    console.log('python3 with its test package is not available: nothing to compare.');
  } else {
    const c = coverage(cpython);
    const total = c.ported.length + c.skipped.length + c.missing.length;
    for (const cls of Object.keys(cpython)) {
      const n = (list: string[]) => list.filter((id) => id.startsWith(cls + '.')).length;
      console.log(`${cls.padEnd(30)} ported ${n(c.ported)}, skipped ${n(c.skipped)}, missing ${n(c.missing)}`);
    }
    console.log(`total: ${c.ported.length} ported and passing-or-failing, ${c.skipped.length} skipped with reason, ${c.missing.length} missing, of ${total}`);
    if (c.missing.length) console.log('missing:\n  ' + c.missing.join('\n  '));
  }
}
