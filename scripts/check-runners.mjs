#!/usr/bin/env node
// The runner check (issue 17, CONTRACT §15): `pyweakref/vitest`, `pyweakref/jest` and `pyweakref/bun`
// proven the way a user meets them, the spec subset that runs on Bun, and Deno.
//
//  1. `npm run build`, then `npm pack` (the tarball a user would install).
//  2. Per runner, a scratch project under node_modules/.cache/pyweakref-runners/<runner>/ with the
//     runner from the npm registry (installed once and reused while the pinned versions are unchanged)
//     and the tarball (installed on every run):
//       - Vitest 4.1 on this node (Node 20 in CI), Vitest 5 on Node 22 (installed as the npm package
//         `node`, into the folder the Node matrix reuses), Jest 30 with ts-jest, Bun 1.4 (the `bun`
//         package brings its binary) with bun:test;
//       - a setup file that only imports the matcher module, as the docs say;
//       - a passing test file (an object nothing holds is collected, `.not` while a variable holds it,
//         the other helpers of pyweakref/testing): the run must pass;
//       - a failing test file (an object held by a Map, `.not` on an object nothing holds, a leak of one
//         object per run): the run must fail, and its output must contain the assertions' own messages,
//         and under Node the retainer path (`Map → value of key "a" → Session`) and what the leak check
//         found growing (`+200 LeakySession (1 per run, …): … → LeakySession`);
//       - the TypeScript check with the runner's own types and nothing hand-written: `tsc --noEmit` on
//         the tests (TypeScript from this repository) with skipLibCheck off, counting the errors in the
//         tests and in pyweakref's declarations, not in the runner's (which a user's skipLibCheck
//         skips); and a control without the setup file, which must fail on `toBeCollected` (so the
//         declarations come from the package).
//  3. On Bun: the spec files of this repository that run on JavaScriptCore, compiled (.spec-build/, as
//     `npm test` does) and run by mocha on the Bun runtime. The others are listed below with the reason.
//  4. node:test on this node: the functions of pyweakref/testing (node:test has no expect to extend),
//     a passing and a failing file of plain ES modules.
//  5. Deno 2.9 (the `deno` package brings its binary), no flags and no permissions: `npm:pyweakref`,
//     a file import of the ES module build (in node_modules and copied elsewhere), Deno.test with
//     pyweakref/testing (a passing and a failing file) and `deno check` (scripts/runners/deno.mjs).
//
// The machinery (running commands, scratch projects) is in scripts/runners/harness.mjs, the tests and
// checks shared by the runners in scripts/runners/lifetime-tests.mjs.
//
// Usage: node scripts/check-runners.mjs [--no-build] [--only=vitest,vitest5,jest,bun,node-test,deno]
// Ends with `runners: N passed, N failed (T s)` and exits non-zero when anything failed.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bad, cache, finish, nodeBinary, ok, project as scratchProject, root, run, tail } from './runners/harness.mjs';
import { LEAK_TEST, checkRun, checkTypes, failingTests, passingTests } from './runners/lifetime-tests.mjs';
import { checkDeno } from './runners/deno.mjs';
import { SIZE_LIMIT, SMALL_ENTRY, SMALL_OUTPUT } from './consumer/bundle-checks.mjs';

const noBuild = process.argv.includes('--no-build');
const only = (process.argv.find((a) => a.startsWith('--only=')) ?? '--only=vitest,vitest5,jest,bun,node-test,deno')
  .slice(7)
  .split(',');

// The versions proven. Each runner's project is reinstalled when its list changes.
const RUNNERS = {
  vitest: { vitest: '4.1.12', '@types/node': '20.19.0', typescript: '5.9.3' },
  vitest5: { vitest: '5.1.2', '@types/node': '22.19.0', typescript: '5.9.3' },
  jest: {
    jest: '30.5.2',
    'ts-jest': '29.4.15',
    '@types/jest': '30.0.0',
    '@jest/globals': '30.5.2',
    '@types/node': '20.19.0',
    typescript: '5.9.3',
  },
  bun: { bun: '1.4.5', '@types/bun': '1.4.5', typescript: '5.9.3' },
  deno: { deno: '2.9.6' },
  // node:test is Node's own; the project holds only the tarball.
  'node-test': {},
};
// Vitest 5 needs Node.js 22 or later (on Node 20 its reporter crashes on the first failure): it runs
// on Node 22, installed as the Node matrix installs it.
const VITEST5_NODE = 22;

// The spec files that run on Bun (mocha on the Bun runtime, against .spec-build/). Chosen by running
// every spec file on Bun 1.4.5 (five runs of this list, all passing). The others test what differs on
// JavaScriptCore, each failure of one of these kinds (docs/gc-semantics.md, "JavaScriptCore (Bun)"):
//  - liveness: JavaScriptCore collects a local that the function never reads again, so a spec that
//    keeps an object (or a reference object) alive by a variable it does not read later, or by
//    `void [a, b]` (which JavaScriptCore does not evaluate), sees it collected: finalize, references,
//    ref-interop, proxy-interop, weak-set, weak-key-dictionary, weak-value-dictionary-entries,
//    mapping-test-case*, method-type, gc-disable, gc-collect, unraisable, testing, testing-probes,
//    gc-module-cycles;
//  - conservative stack scanning: an object the program dropped is sometimes still found on the
//    machine stack, or in the saved frame of a suspended async function, and survives a collection:
//    weak-method (1 run in 3), proxy-referent-kinds (1 run in 3), references, proxy;
//  - V8 or Node only: heap snapshots and retainer paths (gc-referrers, spec/retainers/), counts of
//    V8 collections (testing-cost), V8 flags (bench-smoke), mocha's root hooks in a child node
//    (testing-mocha-hooks).
const BUN_SPECS = [
  'atexit',
  'atexit-exit',
  'cpython-coverage',
  'errors',
  'gc-functions',
  'gc-module',
  'id',
  'mapping-protocol',
  'proxy-operations',
  'source-map',
  'subclassable-weakref',
  'weak-method-interop',
  'weak-value-dictionary',
  'weak-value-dictionary-races',
];

// 1. Build and pack.
mkdirSync(cache, { recursive: true });
if (!noBuild) {
  const b = run('npm', ['run', 'build']);
  if (b.status !== 0) {
    bad('npm run build', b.out);
    finish();
  }
  ok(`npm run build (${b.seconds.toFixed(1)} s)`);
}
let tarball;
{
  // --ignore-scripts: prepack would build again (and the browser build is not needed here).
  const pack = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', cache]);
  try {
    tarball = join(cache, JSON.parse(pack.out.slice(pack.out.indexOf('[')))[0].filename);
  } catch {
    bad('npm pack', pack.out);
    finish();
  }
  ok(`npm pack: ${tarball.replace(`${root}/`, '')}`);
}
/** A node:test file: the imports and the Session class of the other runners' tests, then `body`. */
function nodeTestFile(body) {
  return `import { test } from 'node:test';
import { ref } from 'pyweakref';
import { assertCollected, assertNotCollected, assertNoLeak } from 'pyweakref/testing';
class Session {
  constructor(id) {
    this.id = id;
  }
}
const cache = new Map();
${body}`;
}

/** A runner's scratch project (scripts/runners/harness.mjs) with its pinned versions and the tarball. */
const project = (name, files, opts = {}) => scratchProject(name, RUNNERS[name], files, { tarball, ...opts });

// 2a. Vitest: 4.1 on this node (Node 20 in CI), 5 on Node 22.
function checkVitest(name, node, pools) {
  const t = Date.now();
  console.log(`\n=== Vitest (${name}, ${run(node, ['--version']).out})`);
  const header = "import { test, expect } from 'vitest';";
  const dir = project(
    name,
    {
      'vitest.config.mjs': "export default { test: { setupFiles: ['./setup.ts'], include: ['*.test.ts'] } };\n",
      'setup.ts': "import 'pyweakref/vitest';\n",
      'pass.test.ts': passingTests(header),
      'fail.test.ts': failingTests(header),
      // The same tests in an ES module package ("type": "module"), for the type check: TypeScript reads
      // Vitest's ESM declarations there and its CommonJS ones (index.d.cts) above.
      'esm/package.json': '{ "type": "module" }\n',
      'esm/setup.ts': "import 'pyweakref/vitest';\n",
      'esm/pass.test.ts': passingTests(header),
      'esm/fail.test.ts': failingTests(header),
      // Vite's own bundler (Rolldown in Vite 8, which both Vitest versions bring): the size of
      // `import { ref, gc }` for the web, as scripts/consumer/bundle-checks.mjs measures it with esbuild.
      // An app build, not library mode: Vite leaves the whitespace of a library's ES output unminified.
      'vite-entry.mjs': SMALL_ENTRY,
      'vite.bundle.config.mjs': `export default {
  logLevel: 'warn',
  build: {
    outDir: 'vite-out',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    modulePreload: false,
    rolldownOptions: { input: 'vite-entry.mjs', output: { entryFileNames: 'bundle.mjs' } },
  },
};
`,
    },
    { node },
  );
  if (dir) {
    const vitest = join(dir, 'node_modules', 'vitest', 'vitest.mjs');
    for (const pool of pools) {
      checkRun(`${name} (pool ${pool})`, node, [vitest, 'run', `--pool=${pool}`], {
        cwd: dir,
        pass: ['pass.test.ts'],
        fail: ['fail.test.ts'],
        retainers: true,
      });
    }
    checkViteBundle(name, dir, node);
    const options = { target: 'es2022', module: 'esnext', moduleResolution: 'bundler', strict: true, types: ['node'] };
    const tests = ['pass.test.ts', 'fail.test.ts'];
    checkTypes(`${name} (CommonJS package)`, dir, options, tests, 'setup.ts');
    checkTypes(`${name} (ES module package)`, join(dir, 'esm'), options, tests, 'setup.ts', { control: false });
    checkTypes(
      `${name} (ES module package, nodenext)`,
      join(dir, 'esm'),
      { ...options, module: 'nodenext', moduleResolution: 'nodenext' },
      tests,
      'setup.ts',
      { control: false },
    );
  }
  console.log(`=== Vitest (${name}): ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
/** `vite build` of `import { ref, gc }` (minified): within SIZE_LIMIT, and it runs. */
function checkViteBundle(name, dir, node) {
  const pkg = JSON.parse(readFileSync(join(dir, 'node_modules', 'vite', 'package.json'), 'utf8'));
  const b = run(node, [join(dir, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '-c', 'vite.bundle.config.mjs'], {
    cwd: dir,
  });
  const file = join(dir, 'vite-out', 'bundle.mjs');
  if (b.status !== 0 || !existsSync(file)) {
    bad(`${name}: vite build`, tail(b.out));
    return;
  }
  const bytes = statSync(file).size;
  const r = run(node, [file], { cwd: dir });
  const what = `${name}: Vite ${pkg.version} bundles import { ref, gc } from 'pyweakref' to ${bytes} bytes minified (limit ${SIZE_LIMIT})`;
  if (bytes <= SIZE_LIMIT && r.status === 0 && r.out === SMALL_OUTPUT) ok(`${what}; it runs`);
  else
    bad(
      what,
      r.status === 0 && r.out === SMALL_OUTPUT ? 'over the limit' : `the bundle did not run as expected: ${r.out}`,
    );
}

if (only.includes('vitest')) checkVitest('vitest', process.execPath, ['forks', 'threads']);
if (only.includes('vitest5')) {
  const node = nodeBinary(VITEST5_NODE);
  if (node) checkVitest('vitest5', node, ['forks', 'threads']);
}

// 2b. Jest (ts-jest), with the global expect (@types/jest) and with @jest/globals.
if (only.includes('jest')) {
  const t = Date.now();
  console.log('\n=== Jest');
  const dir = project('jest', {
    // The ignore patterns: Jest's defaults skip every path with /node_modules/ in it, which this scratch
    // project's own path has (node_modules/.cache/); its own node_modules stay ignored.
    'jest.config.js': `module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  setupFilesAfterEnv: ['<rootDir>/setup.ts'],
  testPathIgnorePatterns: ['<rootDir>/node_modules/'],
  transformIgnorePatterns: ['<rootDir>/node_modules/'],
  haste: { retainAllFiles: true },
};
`,
    // ts-jest compiles with this file; the type check is tsc's below (isolatedModules: transpile only).
    'tsconfig.json': JSON.stringify(
      {
        compilerOptions: {
          target: 'es2022',
          module: 'commonjs',
          strict: true,
          isolatedModules: true,
          esModuleInterop: true,
        },
      },
      null,
      2,
    ),
    'setup.ts': "import 'pyweakref/jest';\n",
    'pass.test.ts': passingTests("// Jest's global expect and test (@types/jest)."),
    'fail.test.ts': failingTests("// Jest's global expect and test (@types/jest)."),
    'pass-globals.test.ts': passingTests("import { expect, test } from '@jest/globals';"),
  });
  if (dir) {
    const jest = join(dir, 'node_modules', 'jest', 'bin', 'jest.js');
    checkRun('jest', process.execPath, [jest, '--ci'], {
      cwd: dir,
      pass: ['pass.test.ts', 'pass-globals.test.ts'],
      fail: ['fail.test.ts'],
      retainers: true,
    });
    // Two programs: the global expect alone (nothing imports the 'expect' package there), and
    // @jest/globals; each with moduleResolution node10 (module commonjs: pyweakref/jest through the
    // jest/package.json fallback) and nodenext (package exports).
    const base = { target: 'es2022', strict: true, types: ['jest', 'node'] };
    for (const [kind, tests] of [
      ['global expect', ['pass.test.ts', 'fail.test.ts']],
      ['@jest/globals', ['pass-globals.test.ts']],
    ]) {
      checkTypes(`jest (${kind}, module commonjs)`, dir, { ...base, module: 'commonjs' }, tests, 'setup.ts');
      checkTypes(`jest (${kind}, module nodenext)`, dir, { ...base, module: 'nodenext' }, tests, 'setup.ts', {
        control: false,
      });
    }
  }
  console.log(`=== Jest: ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

// 2c. Bun: bun:test with the matcher, then the spec subset on the Bun runtime.
if (only.includes('bun')) {
  const t = Date.now();
  console.log('\n=== Bun');
  const header = "import { test, expect } from 'bun:test';";
  const dir = project('bun', {
    'bunfig.toml': '[test]\npreload = ["./setup.ts"]\n',
    'setup.ts': "import 'pyweakref/bun';\n",
    'pass.test.ts': passingTests(header),
    'fail.test.ts': failingTests(header),
  });
  if (dir) {
    const bun = join(dir, 'node_modules', '.bin', 'bun');
    const version = run(bun, ['--version'], { cwd: dir });
    console.log(`  bun ${version.out}`);
    checkRun('bun test', bun, ['test'], {
      cwd: dir,
      pass: ['./pass.test.ts'],
      fail: ['./fail.test.ts'],
      retainers: false,
    });
    checkTypes(
      'bun',
      dir,
      { target: 'esnext', module: 'preserve', moduleResolution: 'bundler', strict: true, types: ['bun'] },
      ['pass.test.ts', 'fail.test.ts'],
      'setup.ts',
    );
    const build = run(process.execPath, [join(root, 'scripts', 'build-specs.mjs')]);
    if (build.status !== 0) bad('build-specs', build.out);
    else {
      const files = BUN_SPECS.map((f) => join('.spec-build', 'spec', `${f}.spec.js`));
      const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
      const r = run(bun, [mocha, '--no-config', '--timeout', '20000', ...files]);
      const count = (what) => /(\d+) /.exec(r.out.match(new RegExp(`^ +\\d+ ${what}`, 'm'))?.[0] ?? '')?.[1] ?? '0';
      if (r.status === 0)
        ok(
          `bun: ${BUN_SPECS.length} spec files on the Bun runtime (mocha run by bun): ${count('passing')} passing, ${count('pending')} pending (${r.seconds.toFixed(1)} s)`,
        );
      else bad(`bun: the spec subset on the Bun runtime (${count('failing')} failing)`, tail(r.out, 80));
    }
  }
  console.log(`=== Bun: ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

// 2d. node:test (no expect, so no matcher): the functions of pyweakref/testing in plain ES modules.
if (only.includes('node-test')) {
  const t = Date.now();
  console.log('\n=== node:test');
  const dir = project('node-test', {
    'pass.test.mjs': nodeTestFile(`
test('an object nothing holds is collected', async () => {
  await assertCollected(() => new Session(1));
});
test('assertNotCollected while something holds it, assertCollected once it lets go', async () => {
  const holder = { s: new Session(2) };
  const r = ref(holder.s);
  await assertNotCollected(r);
  holder.s = undefined;
  await assertCollected(r);
  await assertNoLeak(() => new Session(3), { iterations: 50 });
});
`),
    'fail.test.mjs': nodeTestFile(`
test('held by a cache', async () => {
  await assertCollected(() => {
    const s = new Session(6);
    cache.set('a', s);
    return s;
  });
});
test('assertNotCollected on an object nothing holds', async () => {
  await assertNotCollected(() => new Session(7));
});
${LEAK_TEST.replace("import { assertNoLeak } from 'pyweakref/testing';\n", '')
  .replace('readonly buffer', 'buffer')
  .replace('const leaked: LeakySession[]', 'const leaked')}`),
  });
  if (dir) {
    checkRun('node --test', process.execPath, ['--test'], {
      cwd: dir,
      pass: ['pass.test.mjs'],
      fail: ['fail.test.mjs'],
      retainers: true,
    });
  }
  console.log(`=== node:test: ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

// 2e. Deno: the npm package, a file import of the ES module build, Deno.test with pyweakref/testing.
if (only.includes('deno')) {
  const t = Date.now();
  console.log('\n=== Deno');
  checkDeno(project);
  console.log(`=== Deno: ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

finish();
