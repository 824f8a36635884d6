#!/usr/bin/env node
// The browser build: plain ES modules that run in a page with no bundler, no import map and no
// Node.js shim. esbuild bundles src/ (not the CommonJS dist/) so the output has real named exports.
//
//   dist/browser/pyweakref.mjs   the whole public API (what `import ... from 'pyweakref'` gives)
//   dist/browser/testing.mjs     pyweakref/testing, when src/testing/ exists; it shares one chunk
//                                with pyweakref.mjs, so both see the same registry and tables
//
// The build fails on any esbuild warning, and when anything Node-only would end up in a page: a
// static import of a Node built-in, a `require(` call, or an input file outside src/. Node-only features are reached at run
// time through globalThis.process (force-gc.ts, atexit.ts, sys.ts), which a page does not have.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'browser');

const entryPoints = [{ in: join(root, 'src', 'index.ts'), out: 'pyweakref' }];
const testingEntry = join(root, 'src', 'testing', 'index.ts');
if (existsSync(testingEntry)) entryPoints.push({ in: testingEntry, out: 'testing' });

/**
 * package.json's `sideEffects: false` speaks for the published dist/, where every internal import is a
 * CommonJS `require` that bundlers keep. Bundling src/ directly, esbuild would apply it to the ES
 * imports of src/ as well and drop a bare `import './module'` whose module registers something at
 * load time (src/testing/collected.ts imports './core-probes' that way). The library's own modules are
 * therefore marked as having side effects here: this bundle is the whole library, as the dist is.
 * Unused code is still removed statement by statement.
 */
const ownModulesHaveSideEffects = {
  name: 'own-modules-have-side-effects',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData === 'inner') return undefined;
      const r = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'inner',
      });
      if (r.errors.length > 0 || r.external) return undefined;
      return { path: r.path, sideEffects: true };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });

const result = await build({
  absWorkingDir: root,
  entryPoints,
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  sourcemap: true,
  // The map points at ../../src/*.ts, which the package ships: no need to copy the sources in.
  sourcesContent: false,
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  // chai is what a test page brings itself (the chai plugin of pyweakref/testing takes it as an
  // argument); bundling a second copy would split `instanceof` checks between two chais.
  external: ['chai'],
  plugins: [ownModulesHaveSideEffects],
});

// Any warning fails the build.
const problems = result.warnings.map(
  (w) => `warning: ${w.text}${w.location ? ` (${w.location.file}:${w.location.line})` : ''}`,
);
for (const input of Object.keys(result.metafile.inputs)) {
  const rel = relative(root, resolve(root, input));
  if (!rel.startsWith('src/')) problems.push(`input outside src/: ${rel}`);
}
for (const [file, meta] of Object.entries(result.metafile.outputs)) {
  if (!file.endsWith('.mjs')) continue;
  for (const imp of meta.imports) {
    if (imp.path.startsWith('node:') || (imp.external && imp.path !== 'chai')) {
      problems.push(`${relative(root, resolve(root, file))} imports ${imp.path}`);
    }
  }
  const text = readFileSync(resolve(root, file), 'utf8');
  if (/\brequire\(/.test(text)) problems.push(`${relative(root, resolve(root, file))} calls require()`);
}
if (problems.length > 0) {
  console.error(`build-browser: the browser build is not right:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

// Types for the bundle: the same declarations as the ESM entry of the package.
writeFileSync(join(outdir, 'pyweakref.d.mts'), "export * from '../index.mjs';\n");
if (entryPoints.length > 1) writeFileSync(join(outdir, 'testing.d.mts'), "export * from '../testing/index.mjs';\n");

const bytes = Object.entries(result.metafile.outputs)
  .filter(([f]) => f.endsWith('.mjs'))
  .reduce((n, [, o]) => n + o.bytes, 0);
console.log(
  `build-browser: ${entryPoints.map((e) => `dist/browser/${e.out}.mjs`).join(', ')} (${bytes} bytes of JavaScript in all)`,
);
