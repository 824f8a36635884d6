// The machinery of the runner check (scripts/check-runners.mjs): counting, running commands, and the
// scratch projects where each runner meets the packed package as a user's project would.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cache = join(root, 'node_modules', '.cache', 'pyweakref-runners');
/** Where the other Node.js lines are installed; shared with scripts/test-matrix.sh, which reuses them. */
export const nodeMatrixDir = process.env.NODE_MATRIX_DIR ?? join(root, 'node_modules', '.cache', 'node-matrix');

const started = Date.now();
const counts = { passed: 0, failed: 0 };

export function ok(what) {
  counts.passed++;
  console.log(`✔ ${what}`);
}
export function bad(what, detail = '') {
  counts.failed++;
  console.log(`✖ ${what}${detail ? `\n${detail.trim().replace(/^/gm, '    ')}` : ''}`);
}
export function tail(text, lines = 40) {
  return text.split('\n').slice(-lines).join('\n');
}
export function finish() {
  console.log(
    `\nrunners: ${counts.passed} passed, ${counts.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  process.exit(counts.failed ? 1 : 0);
}

/** Runs a command, printing it; returns { status, out, seconds } with stdout and stderr together. */
export function run(cmd, args, opts = {}) {
  const t = Date.now();
  const shown = [cmd === process.execPath ? 'node' : cmd, ...args]
    .map((a) =>
      a
        .replace(`${root}/`, '')
        .replace(/^.*node_modules\/\.cache\/pyweakref-runners\//, '')
        .replace(/^.*node_modules\/\.cache\/node-matrix\/(node\d+)\/.*$/, '$1'),
    )
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
    // Colours, from a tool that colours whatever NO_COLOR says (Deno's test reporter).
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .filter((l) => !/Unknown user config "nodedir"/.test(l))
    .join('\n')
    .trim();
  return { status: r.status ?? 1, out: r.error ? `${r.error.message}\n${out}` : out, seconds: (Date.now() - t) / 1000 };
}

/**
 * The binary of Node.js `major` (the npm package `node`, which brings the real binary from the
 * registry), installed once into the folder the Node matrix uses; `undefined` (and a failure counted)
 * when it cannot be installed.
 */
export function nodeBinary(major) {
  const prefix = join(nodeMatrixDir, `node${major}`);
  const bin = join(prefix, 'node_modules', 'node', 'bin', 'node');
  if (existsSync(bin) && run(bin, ['--version']).status === 0) return bin;
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(prefix, { recursive: true });
  const i = run('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', `node@${major}`]);
  if (i.status !== 0 || !existsSync(bin)) {
    bad(`npm install node@${major}`, tail(i.out));
    return undefined;
  }
  return bin;
}

/**
 * The scratch project of a runner under node_modules/.cache/pyweakref-runners/<name>/: its pinned
 * devDependencies `deps` (installed once, again when the list changes), the tarball (installed on every
 * run, as `npm install <tarball>` would: the package has no dependencies) and `files`. `node` is the
 * Node.js binary whose npm installs (so that a runner's `engines` are checked against the Node.js it
 * runs on); `base` the folder that holds the project (Deno's must not be under a node_modules folder).
 * Returns the folder, or `undefined` (a failure counted).
 */
export function project(name, deps, files, { tarball, node = process.execPath, base = cache }) {
  const dir = join(base, name);
  const stamp = join(dir, 'node_modules', '.pyweakref-runner-deps.json');
  const env = { PATH: `${dirname(node)}:${process.env.PATH}` };
  const list = Object.entries(deps)
    .map(([p, v]) => `${p}@${v}`)
    .join(' ');
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
    const i = run('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, env });
    if (i.status !== 0) {
      bad(`${name}: npm install ${list}`, tail(i.out));
      return undefined;
    }
    mkdirSync(dirname(stamp), { recursive: true }); // no node_modules/ yet when there was nothing to install
    writeFileSync(stamp, JSON.stringify(deps));
    ok(`${name}: installed ${list || 'nothing'} (${i.seconds.toFixed(1)} s)`);
  } else {
    console.log(`  ${name}: ${Object.keys(deps).join(', ')} already installed (${dir.replace(`${root}/`, '')})`);
  }
  const i = run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefer-offline', tarball], {
    cwd: dir,
    env,
  });
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
