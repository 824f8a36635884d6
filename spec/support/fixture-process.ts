/**
 * Runs a fixture of spec/fixtures/ in a child `node` process, as CPython's
 * `script_helper.assert_python_ok` runs a script, and its Python twin in `python3` where one exists.
 *
 * Compiled runs (`npm test`, specs in .spec-build/) start the compiled fixture directly: it imports
 * the compiled library next to it, and no child pays for ts-node's start-up (over a second each).
 * Under ts-node, the fixture runs through ts-node's require hook, transpile-only.
 */
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
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

/** What mocha said of one test of a fixture it ran (see {@link runMochaFixture}). */
export interface FixtureTestOutcome {
  state: 'passed' | 'failed' | 'pending';
  /** The failure's message and stack, for a failed test. */
  error?: string;
}

/**
 * Runs spec/fixtures/<name>.ts, a mocha file outside the suite's glob, with mocha in a process of its
 * own (compiled, or through ts-node, as the suite itself runs), and resolves to each test's outcome by
 * its title; with `undefined` and the child's output when mocha's report cannot be read. Never
 * rejects. For specs whose every case pays for the heap the suite's worker has grown (heap snapshots).
 */
export async function runMochaFixture(
  name: string,
): Promise<{ outcomes: Map<string, FixtureTestOutcome> | undefined; output: string }> {
  const report = path.join(os.tmpdir(), `pyweakref-${name}-${process.pid}-${Date.now()}.json`);
  const mocha = path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const common = ['--no-config', '--timeout', '60000', '--reporter', 'json', '--reporter-option', `output=${report}`];
  const child = COMPILED
    ? await run(process.execPath, [mocha, ...common, path.join(__dirname, '..', 'fixtures', `${name}.js`)])
    : await run(process.execPath, [
        mocha,
        ...common,
        '--require',
        'ts-node/register',
        '--extension',
        'ts',
        path.join(ROOT, 'spec', 'fixtures', `${name}.ts`),
      ]);
  const output = `exit code ${String(child.code)}\n${child.stdout}${child.stderr}`;
  try {
    const json = JSON.parse(fs.readFileSync(report, 'utf8')) as {
      passes: Array<{ title: string }>;
      failures: Array<{ title: string; err: { message?: string; stack?: string } }>;
      pending: Array<{ title: string }>;
    };
    const outcomes = new Map<string, FixtureTestOutcome>();
    for (const t of json.passes) outcomes.set(t.title, { state: 'passed' });
    for (const t of json.pending) outcomes.set(t.title, { state: 'pending' });
    for (const t of json.failures) outcomes.set(t.title, { state: 'failed', error: t.err.stack ?? t.err.message });
    return { outcomes, output };
  } catch {
    return { outcomes: undefined, output };
  } finally {
    fs.rmSync(report, { force: true });
  }
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
