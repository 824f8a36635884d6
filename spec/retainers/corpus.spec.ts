/**
 * The retainer corpus (CONTRACT §13): for one leak of each kind of holder, the explanation names the
 * real culprit. The leaks are explained together, from one heap snapshot (each costs about 1.5 s), by
 * the engine that assertCollected uses on failure; spec/retainers/assertions.spec.ts checks the
 * failure messages themselves.
 */
import { expect } from 'chai';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { WeakSet as PyWeakSet, WeakValueDictionary } from '../../src';
import { ROOT } from '../support/root';
import { gc } from '../../src';
import { explainObjects, type Explanation } from '../../src/internal/heap/heap-explainer';
import { leakCases, releaseAll } from './leak-patterns';
import { assertCollected } from '../../src/testing';

/** By URL from the repository root: the specs also run compiled, from another folder. */
const ESM_FIXTURE = pathToFileURL(path.join(ROOT, 'spec', 'retainers', 'fixtures', 'esm-registry.mjs')).href;

interface EsmRegistry {
  keep<T>(value: T): T;
}

/** Makes every leak in this synchronous frame, so that no async frame holds a leaked object. */
function makeAll(context: object, esm: EsmRegistry): Array<WeakRef<object>> {
  const made = leakCases.map((c) => new WeakRef(c.make(context)));
  made.push(new WeakRef(esm.keep({ esm: true })));
  return made;
}

describe('JavaScript interop: retainer paths (corpus)', function () {
  this.timeout(120_000);
  let explained: Explanation[] = [];
  let leaks: Array<WeakRef<object>> = [];

  before(async function () {
    // A real ES module, loaded as ES (not through ts-node): its module-scope `registry` holds the object.
    const esm = (await import(ESM_FIXTURE)) as EsmRegistry;
    leaks = makeAll(this, esm);
    await gc.collect();
    explained = await explainObjects(() => leaks.map((w) => w.deref()).filter((o): o is object => o !== undefined));
  });

  after(async function () {
    // PYWEAKREF_CORPUS_TABLE=1 prints the corpus as a table (case → printed path), for the notes.
    if (process.env.PYWEAKREF_CORPUS_TABLE === '1') {
      const kinds = [...leakCases.map((c) => c.kind), 'a module-scope variable (ES module)'];
      const rows = explained.map((e, i) => {
        const text = e.status === 'explained' ? e.paths.map((p) => p.text).join(' / ') : e.status;
        return `| ${kinds[i]} | \`${text}\` |`;
      });
      console.log(['| case | printed path |', '|---|---|', ...rows].join('\n'));
    }
    releaseAll(this);
    const esm = (await import(ESM_FIXTURE)) as { size(): number };
    expect(esm.size()).to.equal(1);
    // Once released, every leaked object but the ES module's is collected: the explanation kept nothing.
    await gc.collect();
    expect(leaks.slice(0, -1).filter((w) => w.deref() !== undefined)).to.have.length(0);
  });

  leakCases.forEach((leak, i) => {
    it(`should name ${leak.kind}`, () => {
      const e = explained[i];
      expect(e?.status, JSON.stringify(e)).to.equal('explained');
      const texts = e.status === 'explained' ? e.paths.map((p) => p.text) : [];
      expect(
        texts.some((t) => leak.expected.test(t)),
        texts.join('\n'),
      ).to.equal(true);
    });
  });

  it('should name a module-scope variable of an ES module', () => {
    const e = explained[leakCases.length];
    const texts = e?.status === 'explained' ? e.paths.map((p) => p.text) : [];
    expect(
      texts.some((t) =>
        /^module 'spec\/retainers\/fixtures\/esm-registry\.mjs' variable 'registry' → Array\[0\] → Object$/.test(t),
      ),
      texts.join('\n'),
    ).to.equal(true);
  });

  it('should give each step a kind, a name and, where known, a file and line', () => {
    const e = explained[leakCases.findIndex((c) => c.kind === 'an EventEmitter listener')];
    expect(e.status).to.equal('explained');
    if (e.status !== 'explained') return;
    const steps = e.paths[0].steps;
    expect(steps.map((s) => s.kind)).to.deep.equal([
      'module-variable',
      'object',
      'property',
      'object',
      'listener',
      'function',
      'captured-variable',
      'object',
    ]);
    expect(steps[0]).to.include({ name: 'holders', file: 'spec/retainers/leak-patterns.ts' });
    expect(steps[4]).to.include({ kind: 'listener', name: 'render' });
    expect(steps[5].file).to.equal('spec/retainers/leak-patterns.ts');
    expect(steps[5].line).to.be.a('number');
    expect(e.paths[0].full.length).to.be.greaterThan(steps.length);
  });

  it('should not accuse a WeakMap, a WeakValueDictionary or a WeakSet (negative cases must pass)', async () => {
    // A WeakMap value that refers to its own key: the key is held by nothing else.
    await assertCollected(() => {
      const key = {};
      negatives.wm.set(key, { back: key });
      return key;
    });
    await assertCollected(() => {
      const v = new (class Value {})();
      negatives.wvd.set('k', v);
      return v;
    });
    await assertCollected(() => {
      const v = {};
      negatives.ws.add(v);
      return v;
    });
  });
});

const negatives = {
  wm: new WeakMap<object, object>(),
  wvd: new WeakValueDictionary<string, object>(),
  ws: new PyWeakSet<object>(),
};
