#!/usr/bin/env node
// The packaging check: what `npm publish` would ship, verified the way a user meets it.
//
//  1. `npm run build` and `npm run build:browser`, then `npm pack` into a temporary folder.
//  2. The tarball: every `exports` target is in it; dist/, the sources its maps point at, README and
//     package.json are; nothing of the repository's own (spec/, scripts/, .ci/, bench/...) is;
//     `sideEffects` is false except for the runner matcher entries (importing them registers the
//     matcher) and dist/ has no stale file without a source.
//  3. A scratch consumer project installs the tarball (`npm install <tgz>`: the package has no
//     dependencies, so no download) and, with plain `node`:
//       - `require`s and `import`s `pyweakref` (and `pyweakref/testing` when the package has it),
//         checks both give the same objects, and runs a smoke test of every export (scripts/consumer/);
//       - checks that loading has no side effect (no global, listener, handle) and that finalize's
//         exit hook is registered only by the first finalizer, then runs at exit;
//       - loads `pyweakref/testing/mocha-hooks` both ways (one object) and runs mocha with
//         `--require pyweakref/testing/mocha-hooks`: a weak registry is clean in the next test;
//       - type-checks a consumer file against the packed declarations under moduleResolution node16,
//         nodenext and bundler (skipLibCheck off), with this project's TypeScript 5.9 and with
//         TypeScript 7 (installed once from the registry into node_modules/.cache/);
//       - bundles `import 'pyweakref'` for a browser with esbuild: no warning, no Node import; and
//         `import { ref, gc }` minified within the size limit, from the ES module build
//         (scripts/consumer/bundle-checks.mjs).
//  4. publint on the tarball (errors and warnings fail; suggestions are printed) and
//     @arethetypeswrong/cli on the tarball (any problem fails), through npx.
//
// Usage: node scripts/check-package.mjs [--no-build] [--keep]
// Ends with `package: N passed, N failed` and exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consumerSource } from './consumer/type-snippets.mjs';
import { checkBundles } from './consumer/bundle-checks.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ATTW = '@arethetypeswrong/cli@0.18.5';
const noBuild = process.argv.includes('--no-build');
const keep = process.argv.includes('--keep');
const tmp = mkdtempSync(join(tmpdir(), 'pyweakref-pack-'));
const started = Date.now();
let passed = 0;
let failed = 0;

function ok(what) {
  passed++;
  console.log(`✔ ${what}`);
}
function bad(what, detail = '') {
  failed++;
  console.log(`✖ ${what}${detail ? `\n${detail.replace(/^/gm, '    ')}` : ''}`);
}
function note(what) {
  console.log(`  ${what}`);
}
/** Runs a command; returns { status, out } with stdout and stderr together. */
function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    ...opts,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', npm_config_update_notifier: 'false', ...opts.env },
  });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`
    // npm's warning about this machine's own config, not about the package.
    .split('\n')
    .filter((l) => !/Unknown user config "nodedir"/.test(l))
    .join('\n')
    .trim();
  return { status: r.status ?? 1, out: r.error ? `${r.error.message}\n${out}` : out };
}
function finish() {
  if (!keep) rmSync(tmp, { recursive: true, force: true });
  else console.log(`(kept ${tmp})`);
  console.log(`\npackage: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(failed ? 1 : 0);
}

// 1. Build and pack.
if (!noBuild) {
  for (const script of ['build', 'build:browser']) {
    const b = run('npm', ['run', script]);
    if (b.status !== 0) {
      bad(`npm run ${script}`, b.out);
      finish();
    }
    ok(`npm run ${script}`);
  }
}
// --ignore-scripts: prepack would build again.
const pack = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp]);
let packed;
try {
  packed = JSON.parse(pack.out.slice(pack.out.indexOf('[')))[0];
} catch {
  bad('npm pack', pack.out);
  finish();
}
const tarball = join(tmp, packed.filename);
const files = new Set(packed.files.map((f) => f.path));
ok(`npm pack: ${packed.filename}, ${packed.files.length} files, ${(packed.size / 1024).toFixed(1)} kB packed`);

// 2. package.json and the tarball's contents.
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
{
  const problems = [];
  const targets = [];
  const walk = (v) => {
    if (typeof v === 'string') targets.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(pkg.exports);
  for (const t of [pkg.main, pkg.types, ...targets]) {
    if (t && !files.has(posix.normalize(t))) problems.push(`${t} is named in package.json but not in the tarball`);
  }
  for (const f of files) {
    if (
      /^(spec|scripts|\.ci|bench|examples|docs|node_modules|coverage)\//.test(f) ||
      /tsbuildinfo$|^tsconfig|^\.mocharc/.test(f)
    ) {
      problems.push(`${f} is shipped but belongs to the repository only`);
    }
  }
  if (!files.has('dist/browser/pyweakref.mjs'))
    problems.push('dist/browser/pyweakref.mjs (the browser build) is not shipped');
  // Source maps and declaration maps point at src/: those files must ship with them.
  for (const f of files) {
    if (!f.endsWith('.map')) continue;
    const map = JSON.parse(readFileSync(join(root, f), 'utf8'));
    for (const s of map.sources ?? []) {
      const target = posix.normalize(posix.join(posix.dirname(f), map.sourceRoot ?? '', s));
      if (!files.has(target)) problems.push(`${f} points at ${target}, which is not shipped`);
    }
  }
  // A file in dist/ whose source is gone (a renamed module) would ship dead code.
  for (const f of files) {
    const m = /^dist\/(.+?)\.(d\.m?ts|m?js)(\.map)?$/.exec(f);
    if (!m || f.startsWith('dist/browser/')) continue;
    // dist/esm/ holds one ES module per .ts source (scripts/build-esm.mjs).
    const esm = m[1].startsWith('esm/');
    const src = esm ? [`src/${m[1].slice(4)}.ts`] : [`src/${m[1]}.ts`, `src/${m[1]}.mts`];
    if (!src.some((s) => existsSync(join(root, s)))) problems.push(`${f} is stale: no ${src.join(' or ')}`);
  }
  // The fallbacks for tools that ignore exports (moduleResolution node10): testing/package.json,
  // testing/mocha-hooks/package.json, one folder per subpath.
  for (const subpath of Object.keys(pkg.exports ?? {})) {
    const fallback = posix.join(subpath.slice(2), 'package.json');
    if (subpath === '.' || subpath === './package.json' || !existsSync(join(root, fallback))) continue;
    if (!files.has(fallback)) {
      problems.push(
        `${fallback} (pyweakref/${subpath.slice(2)} for moduleResolution node10) is not shipped: add it to files`,
      );
    }
  }
  // Only the runner matcher entries (pyweakref/vitest, /jest, /bun) do something when loaded: they
  // register expect(x).toBeCollected(). Everything else must stay droppable by bundlers.
  const matcherEntries = ['vitest', 'jest', 'bun'].flatMap((n) =>
    pkg.exports?.[`./${n}`] === undefined
      ? []
      : [`./dist/testing/${n}.js`, `./dist/testing/${n}.mjs`, `./dist/esm/testing/${n}.js`],
  );
  const sideEffects = pkg.sideEffects;
  const sideEffectsOk =
    sideEffects === false ||
    (Array.isArray(sideEffects) &&
      sideEffects.length === matcherEntries.length &&
      sideEffects.every((f) => matcherEntries.includes(f)));
  if (!sideEffectsOk)
    problems.push(
      `sideEffects is ${JSON.stringify(sideEffects)}, expected false${matcherEntries.length ? ` or exactly ${JSON.stringify(matcherEntries)}` : ''}`,
    );
  if (problems.length) bad('package.json and tarball contents', [...new Set(problems)].join('\n'));
  else
    ok(
      'package.json and tarball contents: every exports target shipped, maps resolve, nothing extra, sideEffects only on the matcher entries',
    );
}

// 3. The consumer project.
const consumer = join(tmp, 'consumer');
mkdirSync(consumer);
writeFileSync(
  join(consumer, 'package.json'),
  JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2),
);
const install = run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: consumer });
if (install.status !== 0 || !existsSync(join(consumer, 'node_modules', 'pyweakref', 'package.json'))) {
  bad('npm install <tarball> into a consumer project', install.out);
  finish();
}
ok('npm install <tarball> into a scratch consumer project');
for (const f of readdirSync(join(root, 'scripts', 'consumer')))
  cpSync(join(root, 'scripts', 'consumer', f), join(consumer, f));
// chai and its types, for the chai plugin of pyweakref/testing: linked from this project's
// devDependencies rather than downloaded.
for (const dep of ['chai', '@types/chai']) {
  const from = join(root, 'node_modules', dep);
  const to = join(consumer, 'node_modules', dep);
  if (existsSync(from) && !existsSync(to)) {
    mkdirSync(dirname(to), { recursive: true });
    symlinkSync(from, to, 'dir');
  }
}

const hasTesting = pkg.exports?.['./testing'] !== undefined && files.has('dist/testing/index.js');
if (pkg.exports?.['./testing'] !== undefined && !hasTesting)
  bad('pyweakref/testing is in exports but dist/testing/index.js is not shipped');
const testingArg = hasTesting ? ['testing'] : [];
const nodeRun = (file) => run(process.execPath, [file, ...testingArg], { cwd: consumer });

for (const [file, what] of [
  ['smoke.cjs', 'require'],
  ['smoke.mjs', 'import'],
]) {
  const r = nodeRun(file);
  console.log(r.out.replace(/^/gm, '  '));
  if (r.status === 0) ok(`runtime smoke test through ${what}${hasTesting ? ' (pyweakref and pyweakref/testing)' : ''}`);
  else bad(`runtime smoke test through ${what}`);
}
{
  const r = nodeRun('side-effects.cjs');
  console.log(r.out.replace(/^/gm, '  '));
  if (r.status === 0) ok('no load-time side effects (sideEffects: false holds)');
  else bad('load-time side effects');
}
{
  const r = nodeRun('exit-hook.cjs');
  if (r.out === 'no finalize') note('- finalize at exit (skipped: finalize not exported)');
  else if (r.status === 0 && r.out === 'main done\nexit:second\nexit:first')
    ok('finalize at process exit: atexit finalizers run newest first, atexit=false ones do not');
  else bad('finalize at process exit', `expected "main done / exit:second / exit:first", got:\n${r.out}`);
}
// pyweakref/testing/mocha-hooks: the same object through import and require, and mocha finds it by the
// documented `--require pyweakref/testing/mocha-hooks`. Mocha requires it from its own folder (here
// this project's node_modules): NODE_PATH puts the consumer's node_modules on that search path, as
// installing mocha beside the package would.
const hasMochaHooks = pkg.exports?.['./testing/mocha-hooks'] !== undefined;
if (hasMochaHooks) {
  writeFileSync(
    join(consumer, 'mocha-hooks-check.mjs'),
    [
      "import { mochaHooks } from 'pyweakref/testing/mocha-hooks';",
      "import { createRequire } from 'node:module';",
      "const cjs = createRequire(import.meta.url)('pyweakref/testing/mocha-hooks');",
      "console.log(mochaHooks === cjs.mochaHooks && typeof mochaHooks.afterEach === 'function');",
      '',
    ].join('\n'),
  );
  const same = run(process.execPath, ['mocha-hooks-check.mjs'], { cwd: consumer });
  writeFileSync(
    join(consumer, 'registry.test.cjs'),
    [
      "const assert = require('node:assert/strict');",
      "const { ref } = require('pyweakref');",
      "const receivers = []; // a module-level weak registry, as Django's signal receivers",
      "it('leaves a receiver', () => void receivers.push(ref(() => 'a test\\'s local function')));",
      "it('starts clean', () => assert.equal(receivers.filter((r) => r() !== undefined).length, 0));",
      '',
    ].join('\n'),
  );
  const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const mochaRun = (...args) =>
    run(process.execPath, [mocha, '--no-config', '--reporter', 'dot', ...args, 'registry.test.cjs'], {
      cwd: consumer,
      env: { NODE_PATH: join(consumer, 'node_modules') },
    });
  const withHook = mochaRun('--require', 'pyweakref/testing/mocha-hooks');
  const without = mochaRun();
  if (same.status !== 0 || same.out !== 'true')
    bad('pyweakref/testing/mocha-hooks: import and require give one mochaHooks', same.out);
  else if (withHook.status !== 0) bad('mocha --require pyweakref/testing/mocha-hooks', withHook.out);
  else if (without.status === 0)
    bad('mocha without the hook', 'the registry was clean without the hook: the check proves nothing');
  else
    ok(
      'pyweakref/testing/mocha-hooks: one object through import and require; mocha --require finds it, and a weak registry is clean in the next test (not without it)',
    );
}

// Type-checks: the runtime names decide which snippets apply.
const names = JSON.parse(
  run(
    process.execPath,
    [
      '-e',
      "const t=process.argv[1]==='testing'?Object.keys(require('pyweakref/testing')):[];" +
        "console.log(JSON.stringify({root:Object.keys(require('pyweakref')),testing:t}))",
      ...testingArg,
    ],
    { cwd: consumer },
  ).out,
);
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const typesDir = join(consumer, 'types');
mkdirSync(typesDir);
writeFileSync(join(typesDir, 'consumer.cts'), consumerSource(names.root, names.testing, { chai: false }));
writeFileSync(join(typesDir, 'consumer.mts'), consumerSource(names.root, names.testing, { chai: true }));
writeFileSync(join(typesDir, 'consumer.ts'), consumerSource(names.root, names.testing, { chai: true }));
// A project's own root hooks, spreading pyweakref's (docs/porting-guide.md#state-that-lives-across-tests).
const hooksSource = [
  "import { mochaHooks as pyweakrefHooks } from 'pyweakref/testing/mocha-hooks';",
  'const hook: () => Promise<void> = pyweakrefHooks.afterEach;',
  'export const mochaHooks = { ...pyweakrefHooks, beforeEach(): void {} };',
  'void hook;',
  '',
].join('\n');
if (hasMochaHooks) for (const ext of ['cts', 'mts', 'ts']) writeFileSync(join(typesDir, `hooks.${ext}`), hooksSource);
const withHooks = (list) => (hasMochaHooks ? [...list, ...list.map((f) => f.replace('consumer', 'hooks'))] : list);
const base = {
  target: 'es2022',
  // No DOM and no @types/node: the declarations must stand on their own in any project.
  lib: ['es2023'],
  types: [],
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  noUnusedLocals: false,
};
const modes = [
  ['node16', { module: 'node16', moduleResolution: 'node16' }, withHooks(['consumer.cts', 'consumer.mts'])],
  ['nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }, withHooks(['consumer.cts', 'consumer.mts'])],
  ['bundler', { module: 'esnext', moduleResolution: 'bundler' }, withHooks(['consumer.ts'])],
];
// TypeScript 7 (the native compiler) as well: a consumer may use it while this project stays on 5.9
// (ts-node cannot run on 7). Installed once from the npm registry into node_modules/.cache/.
const TS7 = '7.0.2';
const ts7 = (() => {
  const prefix = join(root, 'node_modules', '.cache', `typescript-${TS7}`);
  const bin = join(prefix, 'node_modules', 'typescript', 'bin', 'tsc');
  if (existsSync(bin)) return bin;
  const i = run('npm', [
    'install',
    '--prefix',
    prefix,
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    `typescript@${TS7}`,
  ]);
  if (i.status === 0 && existsSync(bin)) return bin;
  bad(`npm install typescript@${TS7}`, i.out);
  return undefined;
})();
for (const [mode, options, tsFiles] of modes) {
  const config = join(typesDir, `tsconfig.${mode}.json`);
  writeFileSync(config, JSON.stringify({ compilerOptions: { ...base, ...options }, files: tsFiles }, null, 2));
  for (const [version, bin] of [
    ['5.9', tsc],
    [TS7, ts7],
  ]) {
    if (!bin) continue;
    const r = run(process.execPath, [bin, '-p', config], { cwd: typesDir });
    if (r.status === 0)
      ok(`types: ${tsFiles.join(' and ')} type-check under moduleResolution ${mode} (TypeScript ${version})`);
    else bad(`types under moduleResolution ${mode} (TypeScript ${version})`, r.out);
  }
}
note(
  `(type-checked exports: ${names.root.join(', ')}${names.testing.length ? `; testing: ${names.testing.join(', ')}` : ''})`,
);

// The CommonJS and ESM declarations must export the same names, types included: a consumer that
// switches between require and import (or to moduleResolution bundler) must not lose a type.
{
  const ts = createRequire(import.meta.url)(join(root, 'node_modules', 'typescript'));
  // Each CommonJS entry against the ES wrapper Node.js imports and the ES module build's entry.
  const entries = [
    'index',
    ...(hasTesting ? ['testing/index'] : []),
    ...(hasMochaHooks ? ['testing/mocha-hooks'] : []),
  ];
  const pairs = entries.flatMap((e) => [
    [`dist/${e}.d.ts`, `dist/${e}.d.mts`],
    [`dist/${e}.d.ts`, `dist/esm/${e}.d.ts`],
  ]);
  const installed = join(consumer, 'node_modules', 'pyweakref');
  const program = ts.createProgram(
    [...new Set(pairs.flat())].map((f) => join(installed, f)),
    {
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts'],
      types: [],
      noEmit: true,
    },
  );
  const checker = program.getTypeChecker();
  const exportsOf = (f) => {
    const sf = program.getSourceFile(join(installed, f));
    const sym = sf && checker.getSymbolAtLocation(sf);
    return sym
      ? checker
          .getExportsOfModule(sym)
          .map((e) => e.getName())
          .sort()
      : [];
  };
  const problems = [];
  for (const [cjs, esm] of pairs) {
    const a = exportsOf(cjs);
    const b = exportsOf(esm);
    const onlyCjs = a.filter((n) => !b.includes(n));
    const onlyEsm = b.filter((n) => !a.includes(n));
    if (a.length === 0) problems.push(`${cjs} exports nothing`);
    if (onlyCjs.length) problems.push(`${esm} lacks ${onlyCjs.join(', ')} (exported by ${cjs})`);
    if (onlyEsm.length) problems.push(`${cjs} lacks ${onlyEsm.join(', ')} (exported by ${esm})`);
  }
  if (problems.length) bad('declarations: CommonJS and ESM entries export the same names', problems.join('\n'));
  else
    ok(
      `declarations: CommonJS, ES wrapper and ES module build entries export the same names, types included (${entries.join(', ')})`,
    );
}

// Bundlers (scripts/consumer/bundle-checks.mjs): the whole API for a browser, and the size of
// `import { ref, gc }` from the ES module build.
await checkBundles({ root, consumer, names, hasTesting, ok, bad, note, run });

// 4. publint and arethetypeswrong, on the same tarball.
{
  const r = run(join(root, 'node_modules', '.bin', 'publint'), ['run', tarball, '--strict']);
  const body = r.out
    .split('\n')
    .filter((l) => !/^(Running publint|Unpacking tarball|Linting)/.test(l))
    .join('\n');
  if (r.status === 0 && !/^(Errors|Warnings):/m.test(r.out)) {
    ok('publint: no error or warning');
    if (/^Suggestions:/m.test(r.out)) note(body.replace(/^/gm, '  '));
  } else bad('publint', body);
}
{
  const r = run('npx', ['-y', ATTW, tarball, '--format', 'ascii', '--no-emoji']);
  if (r.status === 0)
    ok(`@arethetypeswrong/cli: no problem (${ATTW.split('@').pop()}, profile strict: node10, node16 CJS/ESM, bundler)`);
  else bad('@arethetypeswrong/cli', r.out);
}

finish();
