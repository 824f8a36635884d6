/**
 * Retainer paths in the failure of each lifetime assertion (CONTRACT §13): the message names the
 * holder, `err.retainers` has it structured, the switch and the budget work, a failure to explain
 * falls back to the message without a path, and explaining changes nothing.
 */
import * as chai from 'chai';
import { expect } from 'chai';
import { ref } from '../../src';
import {
  assertCollected,
  chaiPyweakref,
  explainRetention,
  LifetimeAssertionError,
  type RetainerPath,
} from '../../src/testing';
import { HeapSession } from '../../src/internal/heap/inspector-session';

chai.use(chaiPyweakref);

class Page {
  constructor(readonly n: number) {}
}

/** Module-scope holders, as a program's caches are. */
const cache = new Map<string, Page>();

function cachedPage(key: string): Page {
  const page = new Page(cache.size);
  cache.set(key, page);
  return page;
}

async function failureOf(run: () => Promise<unknown>): Promise<Error & { retainers?: readonly RetainerPath[] }> {
  try {
    await run();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the assertion to fail');
}

describe('JavaScript interop: retainer paths in failed assertions', function () {
  this.timeout(60_000);
  afterEach(() => cache.clear());

  it('should name the holder in the message of assertCollected, and keep it structured in err.retainers', async () => {
    const err = await failureOf(() => assertCollected(() => cachedPage('a')));
    expect(err).to.be.instanceOf(LifetimeAssertionError);
    expect(err.message).to.include(
      "module 'spec/retainers/assertions.spec.ts' variable 'cache' → Map → value of key \"a\" → Page",
    );
    const [path] = err.retainers!;
    expect(path.steps[0]).to.include({
      kind: 'module-variable',
      name: 'cache',
      file: 'spec/retainers/assertions.spec.ts',
    });
    expect(path.steps.at(-1)).to.include({ kind: 'object', name: 'Page' });
  });

  it("should name the holder in the message of chai's .collected, with err.retainers", async () => {
    const err = await failureOf(() => expect(() => cachedPage('b')).to.be.collected);
    expect(err.name).to.equal('AssertionError');
    expect(err.message).to.include('variable \'cache\' → Map → value of key "b" → Page');
    expect(err.retainers?.[0].steps[0].name).to.equal('cache');
  });

  it('should change nothing: the same assertion fails again, then passes once the holder lets go', async () => {
    let page: Page | undefined = cachedPage('c');
    const r = ref(page);
    page = undefined;
    await failureOf(() => assertCollected(r));
    await failureOf(() => assertCollected(r));
    cache.delete('c');
    await assertCollected(r);
  });

  it('should take no heap snapshot when the assertion passes', async () => {
    const open = HeapSession.open;
    let opened = 0;
    HeapSession.open = function (this: typeof HeapSession) {
      opened++;
      return open.call(this);
    };
    try {
      await assertCollected(() => new Page(1));
      await expect(() => new Page(2)).to.be.collected;
      await expect(() => cachedPage('d')).not.to.be.collected;
    } finally {
      HeapSession.open = open;
    }
    expect(opened).to.equal(0);
  });

  it('should leave the message without a path when switched off, by option or by PYWEAKREF_RETAINERS=0', async () => {
    const byOption = await failureOf(() => assertCollected(() => cachedPage('e'), { retainers: false }));
    expect(byOption.message).not.to.include('held by');
    expect(byOption.message).not.to.include('not looked up');
    expect((byOption as LifetimeAssertionError).retainers).to.deep.equal([]);
    process.env.PYWEAKREF_RETAINERS = '0';
    try {
      const byEnv = await failureOf(() => assertCollected(() => cachedPage('f'), 'cache'));
      expect(byEnv.message).to.match(/^cache: expected/);
      expect(byEnv.message).not.to.include('held by');
    } finally {
      delete process.env.PYWEAKREF_RETAINERS;
    }
  });

  it("should leave the message as it was where the runtime has no heap snapshot (Deno's node:inspector)", async () => {
    const g = globalThis as { Deno?: unknown };
    g.Deno = {};
    try {
      const err = await failureOf(() => assertCollected(() => cachedPage('k')));
      expect(err.message).not.to.include('held by');
      expect(err.message).not.to.include('not looked up');
      expect(err.message).to.include('No pyweakref structure reports holding it');
      const report = await explainRetention(() => cachedPage('l'));
      expect(report.skipped).to.match(/Deno/);
    } finally {
      delete g.Deno;
    }
  });

  it('should say that the explanation was skipped, and why, past the heap budget', async () => {
    const err = await failureOf(() => assertCollected(() => cachedPage('g'), { maxHeapBytes: 1 }));
    expect(err.message).to.match(/What holds it was not looked up: the heap in use \(\d+ MiB\) is over the budget/);
    expect(err.message).to.include('No pyweakref structure reports holding it');
  });

  it('should fall back to the message without a path when explaining fails, never hiding the failure', async () => {
    const open = HeapSession.open;
    HeapSession.open = () => Promise.reject(new Error('inspector is busy'));
    try {
      const err = await failureOf(() => assertCollected(() => cachedPage('h')));
      expect(err).to.be.instanceOf(LifetimeAssertionError);
      expect(err.message).to.include('What holds it was not looked up: the explanation failed: inspector is busy.');
    } finally {
      HeapSession.open = open;
    }
  });

  it('explainRetention should collect, then report { collected, retainers } without asserting', async () => {
    const kept = await explainRetention(() => cachedPage('i'));
    expect(kept.collected).to.equal(false);
    expect(kept.retainers[0].text).to.match(/variable 'cache' → Map → value of key "i" → Page$/);
    const gone = await explainRetention(() => new Page(3));
    expect(gone).to.deep.equal({ collected: true, retainers: [] });
    const off = await explainRetention(() => cachedPage('j'), { retainers: false });
    expect(off.collected).to.equal(false);
    expect(off.skipped).to.match(/switched off/);
  });
});
