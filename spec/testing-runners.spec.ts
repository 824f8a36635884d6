/**
 * The runner matchers (issue 17, CONTRACT §15): `expect(subject).toBeCollected()` registered by
 * `pyweakref/vitest`, `pyweakref/jest` and `pyweakref/bun`. This spec tests the one matcher they share
 * as the runners call it (a matcher context with `isNot`, a promise of `{ pass, message }`), its
 * messages against the assertion functions', and how each entry finds its runner's `expect`.
 * scripts/check-runners.mjs runs the packed package in real Vitest, Jest and bun:test projects.
 *
 * Referents live in `let` variables set to `undefined` (Python's `del`) or are made by factories.
 */
import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ref } from '../src';
import { assertNotCollected } from '../src/testing';
import { pyweakrefMatchers, registerMatchers, type MatcherResultLike } from '../src/testing/matchers';
import { testingMessages } from '../src/testing/messages';
import { C } from './support/lifetime';
import { ROOT } from './support/root';
import { runFixture } from './support/fixture-process';
import { rejection } from './support/rejection';

const { toBeCollected } = pyweakrefMatchers;

/** What a runner does with a matcher result: fail with `message()` when `pass` is not what it wanted. */
function verdict(result: MatcherResultLike, isNot: boolean): string | undefined {
  return result.pass === isNot ? result.message() : undefined;
}

const cache = new Map<string, C>();

describe('JavaScript interop: runner matchers (pyweakref/vitest, pyweakref/jest, pyweakref/bun)', () => {
  afterEach(() => cache.clear());

  describe('toBeCollected', () => {
    it('should pass for an object nothing holds, and fail under .not with the message of assertNotCollected', async () => {
      const result = await toBeCollected.call({ isNot: false }, () => new C());
      expect(verdict(result, false)).to.equal(undefined);

      let o: C | undefined = new C();
      const r = ref(o);
      o = undefined;
      const negated = await toBeCollected.call({ isNot: true }, r);
      const expected = await rejection(assertNotCollected(r));
      expect(verdict(negated, true)).to.equal(expected.message);
      expect(verdict(negated, true)).to.equal(testingMessages.collected(`the referent of ${String(r)}`));
    });

    it('should fail for an object that is held, with the message of assertCollected (retainer path included)', async function () {
      // In a child process (spec/fixtures/matcher-retainers.ts): a heap snapshot of a mocha worker
      // that has run many spec files takes up to 30 s, in a fresh process about one.
      this.timeout(120_000);
      const child = await runFixture('matcher-retainers');
      expect(child.stderr).to.equal('');
      const { matcher, assertion, referent } = JSON.parse(child.stdout) as Record<string, string>;
      expect(matcher).to.equal(assertion);
      expect(matcher).to.include(testingMessages.notCollected(`the referent of ${referent}`));
      // The path from the fixture's module-scope Map, as assertCollected prints it.
      expect(matcher).to.include(testingMessages.heldBy);
      expect(matcher).to.match(/variable 'cache' → Map → value of key "a" → C/);
    });

    it('should pass under .not for an object that is held, and let it go afterwards', async () => {
      let o: C | undefined = new C();
      const r = ref(o);
      const result = await toBeCollected.call({ isNot: true }, r);
      expect(verdict(result, true)).to.equal(undefined);
      expect(r()).to.equal(o);
      o = undefined;
      expect(verdict(await toBeCollected.call({ isNot: false }, r), false)).to.equal(undefined);
    });

    it('should be called with no context at all (a runner that passes none) as without .not', async () => {
      const result = await toBeCollected.call(undefined, () => new C());
      expect(result.pass).to.equal(true);
    });

    it('should reject the object itself with the TypeError of the assertion functions', async () => {
      const err = await rejection(toBeCollected.call({ isNot: false }, new C()));
      expect(err).to.be.instanceOf(TypeError);
      expect(err.message).to.equal(testingMessages.badSubject('expect(subject).toBeCollected()', 'object'));
    });
  });

  describe('registration', () => {
    type Extend = Record<string, unknown>;
    const expectSymbol = Symbol.for('expect-global');
    const g = globalThis as Record<string | symbol, unknown>;

    /** A fresh load of one entry of src/testing (each load registers again). */
    function load(entry: 'vitest' | 'jest' | 'bun'): void {
      const file = require.resolve(`../src/testing/${entry}`);
      delete require.cache[file];
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh load of a side-effect module
      require(file);
    }

    function fakeExpect(): { extend(m: Extend): void; extended: Extend[] } {
      const extended: Extend[] = [];
      return { extended, extend: (m: Extend) => void extended.push(m) };
    }

    afterEach(() => {
      delete g.expect;
      delete g[expectSymbol];
    });

    it('should hand the matcher to expect.extend', () => {
      const fake = fakeExpect();
      registerMatchers(fake, 'jest');
      expect(fake.extended).to.deep.equal([{ toBeCollected }]);
    });

    it("should find Vitest's expect where Vitest puts it (require() cannot import 'vitest')", () => {
      const fake = fakeExpect();
      g[expectSymbol] = fake;
      load('vitest');
      expect(fake.extended).to.deep.equal([{ toBeCollected }]);
    });

    it("should find Jest's global expect", () => {
      const fake = fakeExpect();
      g.expect = fake;
      load('jest');
      expect(fake.extended).to.deep.equal([{ toBeCollected }]);
    });

    it('should say which runner it expected, and how to load it, where that runner is absent', () => {
      for (const entry of ['vitest', 'jest', 'bun'] as const) {
        expect(() => load(entry), entry).to.throw(Error, testingMessages.noExpect(entry));
      }
      expect(testingMessages.noExpect('bun')).to.include('this is not Bun');
    });

    it('should be exported as pyweakref/vitest, pyweakref/jest and pyweakref/bun, also for moduleResolution node10', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      for (const entry of ['vitest', 'jest', 'bun']) {
        expect(pkg.exports[`./${entry}`], entry).to.deep.equal({
          node: {
            import: { types: `./dist/testing/${entry}.d.mts`, default: `./dist/testing/${entry}.mjs` },
            require: { types: `./dist/testing/${entry}.d.ts`, default: `./dist/testing/${entry}.js` },
          },
          import: { types: `./dist/esm/testing/${entry}.d.ts`, default: `./dist/esm/testing/${entry}.js` },
          default: { types: `./dist/testing/${entry}.d.ts`, default: `./dist/testing/${entry}.js` },
        });
        const fallback = JSON.parse(fs.readFileSync(path.join(ROOT, entry, 'package.json'), 'utf8'));
        expect(fallback.main).to.equal(`../dist/testing/${entry}.js`);
        expect(pkg.files).to.include(entry);
        // Loading the entry registers the matcher: bundlers must keep it.
        expect(pkg.sideEffects).to.include.members([`./dist/testing/${entry}.mjs`, `./dist/esm/testing/${entry}.js`]);
      }
    });
  });
});
