/**
 * `pyweakref/testing/mocha-hooks`: the mocha Root Hook Plugin that collects after every test, so that
 * a module-level weak registry is clean between tests as it is in Python (docs/porting-guide.md,
 * "State that lives across tests").
 *
 * The hook in this process, then child mocha runs of spec/fixtures/mocha-hooks-registry.ts: with the
 * hook required the registry is clean in the second test, without it the first test's receiver is
 * still there. Last, the built package: `--require pyweakref/testing/mocha-hooks` resolved through
 * package.json `exports`, and the same object from `import` and `require`.
 */
import { expect } from 'chai';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gc, ref } from '../src';
import { mochaHooks } from '../src/testing/mocha-hooks';
import { COMPILED } from './support/fixture-process';
import { ROOT } from './support/root';
import { exportTargets } from './support/package-exports';

const MOCHA = path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');

/** What mocha's JSON reporter prints (the part read here). */
interface MochaJson {
  stats: { tests: number; passes: number; failures: number };
  failures: Array<{ title: string; err: { message?: string } }>;
}

interface MochaRun {
  code: number | null;
  json: MochaJson;
  stderr: string;
}

/** Runs mocha in a child process with the JSON reporter; never rejects on test failures. */
function runMocha(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<MochaRun> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [MOCHA, '--no-config', '--reporter', 'json', '--timeout', '60000', ...args],
      {
        cwd: options.cwd ?? ROOT,
        timeout: 120_000,
        encoding: 'utf8',
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
        try {
          resolve({ code, json: JSON.parse(stdout) as MochaJson, stderr });
        } catch {
          reject(
            new Error(`mocha ${args.join(' ')} exited with ${code}\n--- stdout\n${stdout}\n--- stderr\n${stderr}`),
          );
        }
      },
    );
  });
}

/** The fixture and the hook, as source under ts-node and compiled under `npm test`. */
function fixtureArgs(withHook: boolean): string[] {
  const base = COMPILED ? path.join(__dirname, '..') : ROOT;
  const ext = COMPILED ? 'js' : 'ts';
  const loader = COMPILED ? [] : ['--require', 'ts-node/register', '--extension', 'ts'];
  const hook = withHook ? ['--require', path.join(base, 'src', 'testing', `mocha-hooks.${ext}`)] : [];
  return [...loader, ...hook, path.join(base, 'spec', 'fixtures', `mocha-hooks-registry.${ext}`)];
}

describe('JavaScript interop: pyweakref/testing/mocha-hooks', function () {
  this.timeout(180_000);

  describe('the hook', () => {
    it('should deliver the callback of an object dropped before it, as gc.collect() does', async () => {
      const seen: string[] = [];
      let o: object | undefined = {};
      const r = ref(o, () => void seen.push('callback'));
      o = undefined;
      expect(seen, 'nothing has collected yet').to.deep.equal([]);
      expect(await mochaHooks.afterEach()).to.equal(undefined);
      expect(seen).to.deep.equal(['callback']);
      expect(r()).to.equal(undefined);
    });

    it('should be a frozen root hook object with one named afterEach hook, as mocha reads it', () => {
      expect(Object.keys(mochaHooks)).to.deep.equal(['afterEach']);
      expect(Object.isFrozen(mochaHooks)).to.equal(true);
      // Mocha titles a failing hook `"after each" hook: <function name>`.
      expect(mochaHooks.afterEach.name).to.equal('pyweakrefCollect');
    });

    it('should reject as gc.collect() does where no collection can be forced', async () => {
      // The hook adds nothing to gc.collect(): the same promise chain, so its errors are the same.
      let calls = 0;
      const saved = gc.collect;
      (gc as { collect: () => Promise<number> }).collect = () => {
        calls += 1;
        return Promise.reject(new Error('no gc here'));
      };
      try {
        let error: unknown;
        await mochaHooks.afterEach().catch((e: unknown) => (error = e));
        expect(calls).to.equal(1);
        expect(error).to.be.instanceOf(Error).with.property('message', 'no gc here');
      } finally {
        (gc as { collect: typeof saved }).collect = saved;
      }
    });
  });

  describe('a child mocha run of a module-level weak registry', () => {
    it('should be clean between tests with --require of the hook', async () => {
      const run = await runMocha(fixtureArgs(true));
      expect(run.json.failures.map((f) => `${f.title}: ${f.err.message}`)).to.deep.equal([]);
      expect(run.json.stats).to.include({ tests: 2, passes: 2, failures: 0 });
      expect(run.code).to.equal(0);
    });

    it("should show the previous test's receiver without it (the failure the hook prevents)", async () => {
      const run = await runMocha(fixtureArgs(false));
      expect(run.json.stats).to.include({ tests: 2, passes: 1, failures: 1 });
      expect(run.json.failures[0].title).to.equal(
        "starts clean: the previous test's receiver is gone and its callback ran",
      );
      expect(run.json.failures[0].err.message).to.match(/^live receivers/);
      expect(run.code).to.equal(1);
    });
  });

  describe('package exports', () => {
    let scratch: string;

    before(function () {
      const dist = path.join(ROOT, 'dist', 'testing');
      for (const [built, source] of [
        ['mocha-hooks.js', 'mocha-hooks.ts'],
        ['mocha-hooks.mjs', 'mocha-hooks.mts'],
      ]) {
        const file = path.join(dist, built);
        if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build first (npm test does)`);
        const src = path.join(ROOT, 'src', 'testing', source);
        if (fs.statSync(src).mtimeMs > fs.statSync(file).mtimeMs) {
          throw new Error(`${file} is older than ${src}: run npm run build first`);
        }
      }
      // A consumer project: node_modules/pyweakref is the repository, as npm link would make it.
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pyweakref-mocha-hooks-'));
      fs.mkdirSync(path.join(scratch, 'node_modules'));
      fs.symlinkSync(ROOT, path.join(scratch, 'node_modules', 'pyweakref'), 'dir');
    });

    after(() => {
      if (scratch !== undefined) fs.rmSync(scratch, { recursive: true, force: true });
    });

    it('should declare ./testing/mocha-hooks in exports, with a fallback for moduleResolution node10', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
      const entry = pkg.exports['./testing/mocha-hooks'];
      const targets = exportTargets(entry);
      expect(targets).to.have.length(8);
      for (const file of targets) {
        expect(fs.existsSync(path.join(ROOT, file)), file).to.equal(true);
      }
      const fallback = JSON.parse(fs.readFileSync(path.join(ROOT, 'testing', 'mocha-hooks', 'package.json'), 'utf8'));
      expect(path.join('testing', 'mocha-hooks', fallback.main)).to.equal(path.normalize(entry.node.require.default));
      expect(path.join('testing', 'mocha-hooks', fallback.types)).to.equal(path.normalize(entry.node.require.types));
    });

    it('should give the same mochaHooks to import and require, sharing the library with pyweakref', () => {
      fs.writeFileSync(
        path.join(scratch, 'check.mjs'),
        `
        import { mochaHooks } from 'pyweakref/testing/mocha-hooks';
        import * as weakref from 'pyweakref';
        import { createRequire } from 'node:module';
        const require = createRequire(import.meta.url);
        const cjs = require('pyweakref/testing/mocha-hooks');
        const seen = [];
        let o = {};
        const r = weakref.ref(o, () => seen.push('callback'));
        o = undefined;
        await mochaHooks.afterEach();
        console.log(JSON.stringify({
          same: mochaHooks === cjs.mochaHooks,
          names: Object.keys(cjs).filter((k) => k !== '__esModule'),
          seen,
          dead: r() === undefined,
        }));
        `,
      );
      const out = execFileSync(process.execPath, ['check.mjs'], { cwd: scratch, encoding: 'utf8' });
      expect(JSON.parse(out)).to.deep.equal({ same: true, names: ['mochaHooks'], seen: ['callback'], dead: true });
    });

    it('should run with mocha --require pyweakref/testing/mocha-hooks, resolved through exports', async () => {
      // The fixture's test, on the installed package. Mocha requires `--require` modules from its own
      // folder: NODE_PATH puts the consumer's node_modules on its search path, as an install would.
      fs.writeFileSync(
        path.join(scratch, 'registry.test.cjs'),
        `
        const assert = require('node:assert/strict');
        const { ref } = require('pyweakref');
        const receivers = [];
        it('connects a receiver and leaves it connected', () => {
          const receiver = () => 'received';
          receivers.push(ref(receiver));
          assert.equal(receivers[0]()(), 'received');
        });
        it('starts clean', () => {
          assert.equal(receivers.filter((r) => r() !== undefined).length, 0, 'live receivers');
        });
        `,
      );
      const env = { NODE_PATH: path.join(scratch, 'node_modules') };
      const run = await runMocha(['--require', 'pyweakref/testing/mocha-hooks', 'registry.test.cjs'], {
        cwd: scratch,
        env,
      });
      expect(run.json.failures.map((f) => `${f.title}: ${f.err.message}`)).to.deep.equal([]);
      expect(run.json.stats).to.include({ tests: 2, passes: 2 });
      // The same run without the hook fails: the hook, not chance, made it pass.
      const without = await runMocha(['registry.test.cjs'], { cwd: scratch, env });
      expect(without.json.stats).to.include({ tests: 2, passes: 1, failures: 1 });
    });
  });
});
