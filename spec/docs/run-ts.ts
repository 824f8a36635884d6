/**
 * Runs a TypeScript file in a child `node` process the way a reader would (`npx ts-node file.ts`):
 * through ts-node's require hook, transpile-only (types are checked by `npm run typecheck` and by
 * code-blocks.spec.ts, not here), from the repository root.
 */
import { execFile } from 'node:child_process';
import { ROOT } from '../support/root';

/** The repository root. */
export { ROOT };

/** What a child process did. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `file` (absolute, or relative to the root) with `node -r ts-node/register`. */
export function runTs(file: string, timeoutMs = 60_000): Promise<RunResult> {
  return runProcess(process.execPath, ['-r', 'ts-node/register', file], timeoutMs);
}

/** Runs any command from the root, never rejecting: a failure is in the result. */
export function runProcess(command: string, args: string[], timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: ROOT,
        timeout: timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
        // NO_COLOR: util.inspect and the unraisable hook print plain text whatever the terminal.
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
      },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** A readable report of a failed run, for assertion messages. */
export function describeRun(what: string, result: RunResult): string {
  return `${what} exited with ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}
