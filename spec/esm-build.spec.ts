/**
 * The ES module build (dist/esm/, scripts/build-esm.mjs) and the package.json conditions that choose
 * between it and the CommonJS build (CONTRACT §1, §15; docs/browsers.md). The tarball-level checks
 * (bundle size, Deno, publint, attw) are scripts/check-package.mjs and scripts/check-runners.mjs; these
 * are the fast ones, on the build `npm test` has just made.
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as weakref from '../src';
import { getReferents, getReferrers } from '../src/internal/heap/referrers-unavailable';
import * as engine from '../src/internal/heap/referrers';
import { ROOT } from './support/root';

const ESM = path.join(ROOT, 'dist', 'esm');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  sideEffects: string[];
};

function built(): void {
  if (!fs.existsSync(path.join(ESM, 'index.js'))) throw new Error('dist/esm/ is missing: run npm run build first');
}

/** Runs an ES module program with this machine's node; returns its stdout. */
function runModule(source: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', source], { cwd: ROOT, encoding: 'utf8' });
}

describe('JavaScript interop', () => {
  describe('the ES module build', () => {
    it('sends Node (import and require) to the CommonJS build and every other importer to dist/esm/', () => {
      for (const [subpath, entry] of Object.entries(pkg.exports)) {
        if (subpath === './package.json') continue;
        const name = subpath === '.' ? 'index' : subpath.slice(2).replace(/^(vitest|jest|bun)$/, 'testing/$1');
        const file = name === 'testing' ? 'testing/index' : name;
        expect(entry, subpath).to.deep.equal({
          // One copy of every class and table in Node: both conditions end in the CommonJS build.
          node: {
            import: { types: `./dist/${file}.d.mts`, default: `./dist/${file}.mjs` },
            require: { types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` },
          },
          import: { types: `./dist/esm/${file}.d.ts`, default: `./dist/esm/${file}.js` },
          default: { types: `./dist/${file}.d.ts`, default: `./dist/${file}.js` },
        });
      }
    });

    it('is ES modules with explicit file specifiers, each naming its declarations', () => {
      built();
      expect(JSON.parse(fs.readFileSync(path.join(ESM, 'package.json'), 'utf8')).type).to.equal('module');
      const index = fs.readFileSync(path.join(ESM, 'index.js'), 'utf8');
      expect(index.split('\n')[0]).to.equal('// @ts-self-types="./index.d.ts"');
      expect(index).to.include('from "./ref.js"');
      // Every relative specifier of every module names a file (an ES module loader, Deno or a page
      // without a bundler, resolves nothing else), and no module calls require().
      const files = fs.readdirSync(ESM, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
      expect(files.length).to.be.greaterThan(50);
      for (const f of files) {
        // Without comments (which quote specifiers and require() in prose).
        const code = fs.readFileSync(path.join(ESM, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        for (const [, spec] of code.matchAll(/(?:from|import\() ?["'](\.{1,2}\/[^"']*)["']/g)) {
          expect(spec, f).to.match(/\.js$/);
          expect(fs.existsSync(path.join(ESM, path.dirname(f), spec)), `${f}: ${spec}`).to.equal(true);
        }
        // The runner entries of Bun and Jest call require() only inside that runner, whose ES modules
        // have one (Bun's always; Jest's global expect comes first, and the call is guarded).
        if (!/^testing[/\\](bun|jest)\.js$/.test(f)) {
          expect(code, f).not.to.match(/\brequire\(/);
        }
      }
      expect(fs.readFileSync(path.join(ESM, 'index.d.ts'), 'utf8')).to.include('from "./ref.js"');
    });

    it('exports the same names as the CommonJS build, and works on its own', () => {
      built();
      const out = runModule(`
        import * as w from './dist/esm/index.js';
        let o = {};
        const events = [];
        const r = w.ref(o, () => events.push('callback'));
        const d = new w.WeakValueDictionary([['o', o]]);
        o = undefined;
        await w.gc.collect();
        console.log(JSON.stringify({ names: Object.keys(w), dead: r() === undefined, size: d.size, events }));
      `);
      const got = JSON.parse(out) as { names: string[]; dead: boolean; size: number; events: string[] };
      expect(got.names).to.deep.equal(Object.keys(weakref).sort());
      expect(got).to.deep.include({ dead: true, size: 0, events: ['callback'] });
    });

    it('maps its stack frames back to the lines of src/', () => {
      built();
      const out = execFileSync(
        process.execPath,
        [
          '--enable-source-maps',
          '--input-type=module',
          '-e',
          "import { ref } from './dist/esm/index.js'; try { ref(42); } catch (e) { console.log(e.stack); }",
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
      const source = fs.readFileSync(path.join(ROOT, 'src', 'internal', 'weakrefable.ts'), 'utf8').split('\n');
      const line = source.findIndex((l) => l.includes('throw new TypeError(messages.cannotWeakref')) + 1;
      expect(line).to.be.greaterThan(0);
      expect(out).to.include(`src/internal/weakrefable.ts:${line}:`);
    });

    it('keeps only the runner matcher entries as modules with side effects, in both builds', () => {
      built();
      const esm = JSON.parse(fs.readFileSync(path.join(ESM, 'package.json'), 'utf8')) as { sideEffects: string[] };
      const entries = ['vitest', 'jest', 'bun'];
      expect(esm.sideEffects).to.deep.equal(entries.map((e) => `./testing/${e}.js`));
      expect(pkg.sideEffects).to.include.members(entries.map((e) => `./dist/esm/testing/${e}.js`));
    });
  });

  describe('the stand-in of the heap-snapshot engine in the ES module build', () => {
    it('is what the ES module build imports in place of the engine, with the same exports', () => {
      built();
      expect(fs.readFileSync(path.join(ESM, 'gc.js'), 'utf8')).to.include(
        'from "./internal/heap/referrers-unavailable.js"',
      );
      expect(fs.readFileSync(path.join(ESM, 'gc.d.ts'), 'utf8')).not.to.include('referrers-unavailable');
      expect(Object.keys({ getReferents, getReferrers }).sort()).to.deep.equal(Object.keys(engine).sort());
    });

    it('rejects gc.get_referrers() and gc.get_referents() as the engine does outside Node', async () => {
      for (const [kind, fn] of [
        ['get_referrers', getReferrers],
        ['get_referents', getReferents],
      ] as const) {
        let error: unknown;
        await fn([{}]).catch((e: unknown) => (error = e));
        expect(error, kind).to.be.an('error');
        expect((error as Error).message).to.equal(
          `gc.${kind}() needs a V8 heap snapshot: the ES module build of pyweakref has no heap-snapshot engine; in Node.js import 'pyweakref' itself (its CommonJS build has one)`,
        );
      }
    });
  });
});
