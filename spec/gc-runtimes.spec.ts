/**
 * `gc.collect()` outside Node (issue 17, CONTRACT §15): in Bun through `Bun.gc(true)`; in a runtime
 * where no collection can be forced, an error that names the runtime and the way out. Each case runs
 * in a child process that pretends to be that runtime before the library loads
 * (spec/fixtures/runtime-gc.ts); scripts/check-runners.mjs runs the library in the real Bun.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as messages from '../src/internal/messages';
import { ROOT } from './support/root';

function runAs(mode: string): Record<string, unknown> {
  const out = execFileSync(
    process.execPath,
    ['-r', 'ts-node/register', path.join(ROOT, 'spec', 'fixtures', 'runtime-gc.ts'), mode],
    { encoding: 'utf8', env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1' } },
  );
  return JSON.parse(out.trim().split('\n').pop()!);
}

describe('JavaScript interop: gc.collect() in other runtimes', function () {
  this.timeout(60000);

  it('should force collections with Bun.gc(true) in Bun, and deliver the callbacks', () => {
    const result = runAs('bun');
    expect(result.rejected).to.equal(undefined);
    expect(result.dead).to.equal(true);
    expect(result.resolved).to.equal(1);
    expect(result.calls).to.be.an('array').that.is.not.empty;
    expect(new Set(result.calls as unknown[])).to.deep.equal(new Set([true]));
  });

  it('should name the runtime and the way out where no collection can be forced', () => {
    const result = runAs('deno');
    expect(result.rejected).to.equal(
      messages.noGc('Deno 2.9.0: no gc() is exposed, and this is not Node.js, Deno or Bun'),
    );
    expect(result.rejected).to.include('Deno with --v8-flags=--expose-gc');
    expect(result.rejected).to.include('in Chromium start the browser with --js-flags=--expose-gc');
  });
});
