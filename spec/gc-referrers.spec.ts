/**
 * `gc.get_referrers(...objs)` and `gc.get_referents(...objs)` (CONTRACT §12, §13): the cases are in
 * spec/fixtures/gc-referrers.cases.ts, with what Python 3 returns for the same shapes. Each case takes
 * heap snapshots, whose cost grows with the heap: in a mocha worker that has run other spec files they
 * took about 30 s in all, in a process of their own about 8 s. So mocha runs that file in a child
 * process, and each case is reported here under its own title, failing with the child's own error.
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runMochaFixture, type FixtureTestOutcome } from './support/fixture-process';
import { ROOT } from './support/root';

const CASES = 'gc-referrers.cases';
/** The titles of the cases, read from the file (loading it here would register its tests in this run). */
const titles = [
  ...fs
    .readFileSync(path.join(ROOT, 'spec', 'fixtures', `${CASES}.ts`), 'utf8')
    .matchAll(/^ {2}it\((['"])(.+?)\1,/gm),
].map((m) => m[2]);

describe('JavaScript interop: gc.get_referrers and gc.get_referents', function () {
  this.timeout(240_000);
  let run: Promise<{ outcomes: Map<string, FixtureTestOutcome> | undefined; output: string }>;

  before(function () {
    // Started once; each case below waits for it (runMochaFixture never rejects).
    run = runMochaFixture(CASES);
  });

  it('should find the cases and run each of them in the child process', async () => {
    expect(titles).to.have.length.greaterThan(10);
    const { outcomes, output } = await run;
    expect(outcomes, output).to.not.equal(undefined);
    expect([...outcomes!.keys()].sort()).to.deep.equal([...titles].sort());
  });

  for (const title of titles) {
    it(title, async () => {
      const { outcomes, output } = await run;
      const outcome = outcomes?.get(title);
      if (outcome === undefined) throw new Error(`the case did not run in the child process:\n${output}`);
      if (outcome.state === 'failed') throw new Error(`in the child process: ${outcome.error ?? ''}`);
      expect(outcome.state).to.equal('passed');
    });
  }
});
