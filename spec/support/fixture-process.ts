/**
 * Runs a fixture of spec/fixtures/ in a child `node` process, as CPython's
 * `script_helper.assert_python_ok` runs a script, and its Python twin in `python3` where one exists.
 *
 * Compiled runs (`npm test`, specs in .spec-build/) start the compiled fixture directly: it imports
 * the compiled library next to it, and no child pays for ts-node's start-up (over a second each).
 * Under ts-node, the fixture runs through ts-node's require hook, transpile-only.
 */
import { execFile, execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from './root';

/** What a child process did. */
export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Whether the specs run compiled (.spec-build/) rather than under ts-node. */
export const COMPILED = __filename.endsWith('.js');

function run(command: string, args: string[]): Promise<ChildResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 240_000,
        // NO_COLOR: the default unraisable hook and util.inspect print plain text.
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
      },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** Runs spec/fixtures/<name>.ts (or its compiled .js) with `args`; never rejects. */
export function runFixture(name: string, ...args: string[]): Promise<ChildResult> {
  if (COMPILED) return run(process.execPath, [path.join(__dirname, '..', 'fixtures', `${name}.js`), ...args]);
  return run(process.execPath, ['-r', 'ts-node/register', path.join(ROOT, 'spec', 'fixtures', `${name}.ts`), ...args]);
}

let python: string | null | undefined;

/** `python3`, if it runs here; else `null` (the specs then compare with their own expectations only). */
export function python3(): string | null {
  if (python === undefined) {
    try {
      execFileSync('python3', ['-c', 'pass'], { stdio: 'ignore' });
      python = 'python3';
    } catch {
      python = null;
    }
  }
  return python;
}

/** Runs spec/fixtures/<name>.py with python3, or resolves to `undefined` where there is no python3. */
export async function runPythonFixture(name: string, ...args: string[]): Promise<ChildResult | undefined> {
  const exe = python3();
  if (exe === null) return undefined;
  return run(exe, [path.join(ROOT, 'spec', 'fixtures', `${name}.py`), ...args]);
}

/** The non-empty lines of a text. */
export const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');
