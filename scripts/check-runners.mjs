#!/usr/bin/env node
// The runner check (issue 17, CONTRACT §15): `pyweakref/vitest`, `pyweakref/jest` and `pyweakref/bun`
// proven the way a user meets them, and the spec subset that runs on Bun.
//
//  1. `npm run build`, then `npm pack` (the tarball a user would install).
//  2. Per runner, a scratch project under node_modules/.cache/pyweakref-runners/<runner>/ with the
//     runner from the npm registry (installed once and reused while the pinned versions are unchanged)
//     and the tarball (installed on every run):
//       - Vitest 4.1 on this node (Node 20 in CI), Jest 30 with ts-jest, Bun 1.4 (the `bun` package
//         brings its binary) with bun:test;
//       - a setup file that only imports the matcher module, as the docs say;
//       - a passing test file (an object nothing holds is collected, `.not` while a variable holds it,
//         the other helpers of pyweakref/testing): the run must pass;
//       - a failing test file (an object held by a Map, and `.not` on an object nothing holds): the run
//         must fail, and its output must contain the assertion's own messages, and under Node the
//         retainer path (`Map → value of key "a" → Session`);
//       - the TypeScript check with the runner's own types and nothing hand-written: `tsc --noEmit` on
//         the tests (TypeScript from this repository) with skipLibCheck off, counting the errors in the
//         tests and in pyweakref's declarations, not in the runner's (which a user's skipLibCheck
//         skips); and a control without the setup file, which must fail on `toBeCollected` (so the
//         declarations come from the package).
//  3. On Bun: the spec files of this repository that run on JavaScriptCore, compiled (.spec-build/, as
//     `npm test` does) and run by mocha on the Bun runtime. The others are listed below with the reason.
//
// Usage: node scripts/check-runners.mjs [--no-build] [--keep-tarball] [--only=vitest,jest,bun]
// Ends with `runners: N passed, N failed (T s)` and exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cache = join(root, 'node_modules', '.cache', 'pyweakref-runners');
const noBuild = process.argv.includes('--no-build');
const only = (process.argv.find((a) => a.startsWith('--only=')) ?? '--only=vitest,jest,bun').slice(7).split(',');
const started = Date.now();
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let passed = 0;
let failed = 0;

// The versions proven. Each runner's project is reinstalled when its list changes.
const RUNNERS = {
  vitest: { vitest: '4.1.12', '@types/node': '20.19.0', typescript: '5.9.3' },
  jest: {
    jest: '30.5.2',
    'ts-jest': '29.4.15',
    '@types/jest': '30.0.0',
    '@jest/globals': '30.5.2',
    '@types/node': '20.19.0',
    typescript: '5.9.3',
  },
  bun: { bun: '1.4.5', '@types/bun': '1.4.5', typescript: '5.9.3' },
};

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

function ok(what) {
  passed++;
  console.log(`✔ ${what}`);
}
function bad(what, detail = '') {
  failed++;
  console.log(`✖ ${what}${detail ? `\n${detail.trim().replace(/^/gm, '    ')}` : ''}`);
}
/** Runs a command, printing it; returns { status, out, seconds } with stdout and stderr together. */
function run(cmd, args, opts = {}) {
  const t = Date.now();
  const shown = [cmd === process.execPath ? 'node' : cmd, ...args]
    .map((a) => a.replace(`${root}/`, '').replace(/^.*node_modules\/\.cache\/pyweakref-runners\//, ''))
    .join(' ');
  console.log(`  $ ${shown}${opts.cwd && opts.cwd !== root ? `   (in ${opts.cwd.replace(`${root}/`, '')})` : ''}`);
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    ...opts,
    env: {
      ...process.env,
      FORCE_COLOR: '0',
      NO_COLOR: '1',
      CI: 'true',
      npm_config_update_notifier: 'false',
      ...opts.env,
    },
  });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`
    .split('\n')
    .filter((l) => !/Unknown user config "nodedir"/.test(l))
    .join('\n')
    .trim();
  return { status: r.status ?? 1, out: r.error ? `${r.error.message}\n${out}` : out, seconds: (Date.now() - t) / 1000 };
}
function finish() {
  console.log(`\nrunners: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exit(failed ? 1 : 0);
}
function tail(text, lines = 40) {
  return text.split('\n').slice(-lines).join('\n');
}

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

/** The scratch project of a runner: its pinned devDependencies (installed once) and the tarball. */
function project(name, files) {
  const dir = join(cache, name);
  const deps = RUNNERS[name];
  const stamp = join(dir, 'node_modules', '.pyweakref-runner-deps.json');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      { name: `pyweakref-${name}-check`, private: true, type: 'commonjs', devDependencies: deps },
      null,
      2,
    ),
  );
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== JSON.stringify(deps)) {
    rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
    rmSync(join(dir, 'package-lock.json'), { force: true });
    const i = run('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir });
    if (i.status !== 0) {
      bad(
        `${name}: npm install ${Object.entries(deps)
          .map(([p, v]) => `${p}@${v}`)
          .join(' ')}`,
        tail(i.out),
      );
      return undefined;
    }
    writeFileSync(stamp, JSON.stringify(deps));
    ok(
      `${name}: installed ${Object.entries(deps)
        .map(([p, v]) => `${p}@${v}`)
        .join(', ')} (${i.seconds.toFixed(1)} s)`,
    );
  } else {
    console.log(`  ${name}: ${Object.keys(deps).join(', ')} already installed (${dir.replace(`${root}/`, '')})`);
  }
  // The tarball, as `npm install <tarball>` would (the package has no dependencies): on every run.
  const i = run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: dir });
  if (i.status !== 0 || !existsSync(join(dir, 'node_modules', 'pyweakref', 'package.json'))) {
    bad(`${name}: npm install <tarball>`, tail(i.out));
    return undefined;
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

// The tests, the same for the three runners but for how they get `test` and `expect`.
const SESSION = `
class Session {
  constructor(readonly id: number) {}
}
const cache = new Map<string, Session>();
`;
function passingTests(header) {
  return `${header}
import { ref, finalize, gc, WeakValueDictionary } from 'pyweakref';
import { assertCollected, assertNotCollected, isCollected, assertNoLeak, explainRetention } from 'pyweakref/testing';
${SESSION}
test('toBeCollected: an object nothing holds is collected', async () => {
  await expect(() => new Session(1)).toBeCollected();
});

test('.not.toBeCollected while something holds it, toBeCollected once it lets go', async () => {
  // Held by an object's property, not by a local of this async function: JavaScriptCore (Bun) may
  // collect a local that is never read again, or keep one that was set to undefined (docs/testing.md).
  const holder: { s?: Session } = { s: new Session(2) };
  const r = ref(holder.s!);
  await expect(r).not.toBeCollected();
  expect(holder.s!.id).toBe(2);
  holder.s = undefined;
  const promise: Promise<unknown> = expect(r).toBeCollected();
  await promise;
});

test('the helpers of pyweakref/testing and gc.collect()', async () => {
  const events: string[] = [];
  const holder: { s?: Session } = { s: new Session(3) };
  const r = ref(holder.s!, () => events.push('callback'));
  finalize(holder.s!, () => events.push('finalizer'));
  const d = new WeakValueDictionary<string, Session>();
  d.set('s', holder.s!);
  await assertNotCollected(r);
  expect(await isCollected(r)).toBe(false);
  expect(d.get('s')).toBe(holder.s);
  holder.s = undefined;
  // Not expect(await gc.collect()): V8 saves the registers of a pending call across its await, and
  // one of them may still hold the Session read by the line above (seen with Jest).
  const cleared = await gc.collect();
  expect(cleared).toBeGreaterThan(0);
  expect(events).toEqual(['finalizer', 'callback']);
  expect(d.size).toBe(0);
  await assertCollected(r);
  expect((await explainRetention(() => new Session(4))).collected).toBe(true);
  await assertNoLeak(() => new Session(5), { iterations: 50 });
});
`;
}
function failingTests(header) {
  return `${header}
${SESSION}
test('held by a cache', async () => {
  await expect(() => {
    const s = new Session(6);
    cache.set('a', s);
    return s;
  }).toBeCollected();
});

test('.not on an object nothing holds', async () => {
  await expect(() => new Session(7)).not.toBeCollected();
});
`;
}
const MESSAGES = [
  [
    /expected the object made by the factory \(.*Session.*\) to be collected, but it is still reachable after gc\.collect\(\)/,
    'the failure of toBeCollected',
  ],
  [
    /expected the object made by the factory \(.*Session.*\) not to be collected, but gc\.collect\(\) collected it/,
    'the failure of .not.toBeCollected',
  ],
];
const RETAINER = [
  /It is held by[^\n]*\n\s*.*Map → value of key "a" → Session/,
  'the retainer path (… Map → value of key "a" → Session)',
];

/** Runs the passing and the failing tests of a runner and checks the outcome. */
function checkRun(name, cmd, args, { cwd, pass, fail, retainers, env }) {
  const p = run(cmd, [...args, ...pass], { cwd, env });
  if (p.status === 0) ok(`${name}: the passing tests pass (${p.seconds.toFixed(1)} s)`);
  else bad(`${name}: the passing tests`, tail(p.out, 60));
  const f = run(cmd, [...args, ...fail], { cwd, env });
  const expected = retainers ? [...MESSAGES, RETAINER] : MESSAGES;
  const missing = expected.filter(([re]) => !re.test(f.out)).map(([, what]) => what);
  if (f.status !== 0 && missing.length === 0) {
    const path = /It is held by[^\n]*\n\s*(.*)/.exec(f.out)?.[1];
    ok(
      `${name}: the failing tests fail with the assertion's messages${path ? ` and the retainer path: ${path.trim()}` : ''} (${f.seconds.toFixed(1)} s)`,
    );
  } else {
    bad(
      `${name}: the failing tests ${f.status === 0 ? 'passed' : `fail, but the output lacks ${missing.join(', ')}`}`,
      tail(f.out, 60),
    );
  }
}

/**
 * The TypeScript check of a runner's project: `tsc --noEmit` with skipLibCheck off, where an error in
 * the tests or in pyweakref's declarations fails and one in another package's declarations (the
 * runner's own, which a user's project skips with skipLibCheck) is ignored; and, with `control`, the
 * same tests without the setup file, which must fail on toBeCollected (so the declarations that make
 * them compile are the package's, loaded by the setup file).
 */
function checkTypes(name, dir, compilerOptions, tests, setup, { control = true } = {}) {
  const write = (file, files) =>
    writeFileSync(
      join(dir, file),
      JSON.stringify({ compilerOptions: { ...compilerOptions, skipLibCheck: false, noEmit: true }, files }, null, 2),
    );
  write('tsconfig.check.json', [setup, ...tests]);
  const r = run(process.execPath, [tsc, '-p', 'tsconfig.check.json'], { cwd: dir });
  const errors = r.out.split('\n').filter((l) => /error TS\d+/.test(l));
  const counted = errors.filter((l) => l.includes('node_modules/pyweakref/') || !l.includes('node_modules/'));
  if (r.status === 0 || (errors.length > 0 && counted.length === 0))
    ok(
      `${name}: tsc --noEmit: the tests and pyweakref's declarations type-check with the runner's types, nothing hand-written`,
    );
  else bad(`${name}: tsc --noEmit`, counted.length ? counted.join('\n') : r.out);
  if (!control) return;
  write('tsconfig.control.json', tests);
  const c = run(process.execPath, [tsc, '-p', 'tsconfig.control.json'], { cwd: dir });
  if (c.status !== 0 && /toBeCollected/.test(c.out))
    ok(`${name}: control: without the setup file, toBeCollected does not type-check`);
  else bad(`${name}: control without the setup file should fail on toBeCollected`, c.out);
}

// 2a. Vitest.
if (only.includes('vitest')) {
  const t = Date.now();
  console.log('\n=== Vitest');
  const header = "import { test, expect } from 'vitest';";
  const dir = project('vitest', {
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
  });
  if (dir) {
    const vitest = join(dir, 'node_modules', 'vitest', 'vitest.mjs');
    for (const pool of ['forks', 'threads']) {
      checkRun(`vitest (pool ${pool})`, process.execPath, [vitest, 'run', `--pool=${pool}`], {
        cwd: dir,
        pass: ['pass.test.ts'],
        fail: ['fail.test.ts'],
        retainers: true,
      });
    }
    const options = { target: 'es2022', module: 'esnext', moduleResolution: 'bundler', strict: true, types: ['node'] };
    const tests = ['pass.test.ts', 'fail.test.ts'];
    checkTypes('vitest (CommonJS package)', dir, options, tests, 'setup.ts');
    checkTypes('vitest (ES module package)', join(dir, 'esm'), options, tests, 'setup.ts', { control: false });
    checkTypes(
      'vitest (ES module package, nodenext)',
      join(dir, 'esm'),
      { ...options, module: 'nodenext', moduleResolution: 'nodenext' },
      tests,
      'setup.ts',
      { control: false },
    );
  }
  console.log(`=== Vitest: ${((Date.now() - t) / 1000).toFixed(1)} s`);
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

finish();
