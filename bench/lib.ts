/**
 * Loads the BUILT library from `dist/` (so the benchmarks measure the compiled code users run), one
 * public name at a time: a class another issue has not delivered yet is reported as "not available
 * yet" instead of failing the whole run. Also loads the npm peers (some are ESM-only).
 */
import * as path from 'node:path';
import * as fs from 'node:fs';

/**
 * The package root: the nearest folder above this file whose package.json is pyweakref's. The
 * harness runs from bench/ (ts-node) or compiled into node_modules/.cache/pyweakref-bench/ (plain
 * node, so that the TypeScript compiler is not in the measured process's heap).
 */
function findRoot(): string {
  for (let dir = __dirname; ;) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file) && (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string }).name === 'pyweakref')
      return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`pyweakref's package.json not found above ${__dirname}`);
    dir = up;
  }
}

export const rootDir = findRoot();
export const distDir = path.join(rootDir, 'dist');

/** How to start a child process running one of the harness's own files (`name` without extension). */
export function harnessChild(name: string): { file: string; nodeArgs: string[] } {
  if (__filename.endsWith('.js')) return { file: path.join(__dirname, `${name}.js`), nodeArgs: [] };
  return { file: path.join(__dirname, `${name}.ts`), nodeArgs: ['-r', 'ts-node/register/transpile-only'] };
}

// The library is loaded untyped on purpose: `dist/` may not exist when the typecheck runs, and the
// benchmarks must compile even while some classes do not exist yet.
export type Any = any;

/** Public names and the dist file each one lives in when `index.js` does not export it yet. */
const homes: Record<string, string> = {
  ref: 'ref.js',
  gc: 'gc.js',
  proxy: 'proxy.js',
  WeakValueDictionary: 'weak-value-dictionary.js',
  WeakKeyDictionary: 'weak-key-dictionary.js',
  WeakSet: 'weak-set.js',
  WeakMethod: 'weak-method.js',
  finalize: 'finalize.js',
};

export interface Library {
  ref: Any;
  gc: Any;
  proxy?: Any;
  WeakValueDictionary?: Any;
  WeakKeyDictionary?: Any;
  WeakSet?: Any;
  WeakMethod?: Any;
  finalize?: Any;
  /** Internals used to time the sweep without the collection (`dist/internal/lifecycle.js`). */
  sweep: () => { dead: number; cleared: number };
  tableSizes: () => { liveLists: number };
  forceGc: () => void;
  /** Why an optional name is missing, for the report. */
  missing: Record<string, string>;
}

function tryRequire(file: string): Any {
  const full = path.join(distDir, file);
  if (!fs.existsSync(full)) return undefined;
  try {
    return require(full);
  } catch {
    return undefined;
  }
}

export function loadLibrary(): Library {
  if (!fs.existsSync(path.join(distDir, 'index.js'))) {
    throw new Error(`${distDir}/index.js not found: run \`npm run build\` first (npm run bench does)`);
  }
  const index = require(path.join(distDir, 'index.js'));
  const lifecycle = require(path.join(distDir, 'internal', 'lifecycle.js'));
  const forceGcModule = require(path.join(distDir, 'internal', 'force-gc.js'));
  const forceGc = forceGcModule.getForceGc();
  if (typeof forceGc !== 'function') throw new Error(`no gc(): ${forceGcModule.gcUnavailableReason()}`);
  const lib: Library = {
    ref: index.ref,
    gc: index.gc,
    sweep: lifecycle.sweep,
    tableSizes: lifecycle.tableSizes,
    forceGc,
    missing: {},
  };
  for (const name of [
    'proxy',
    'WeakValueDictionary',
    'WeakKeyDictionary',
    'WeakSet',
    'WeakMethod',
    'finalize',
  ] as const) {
    let value = index[name];
    if (value === undefined) value = tryRequire(homes[name])?.[name];
    if (typeof value === 'function') lib[name] = value;
    else
      lib.missing[name] =
        `not available yet (${name} is neither exported by dist/index.js nor found in dist/${homes[name]})`;
  }
  return lib;
}

export interface Peers {
  WeakValueMap?: Any;
  IterableWeakMap?: Any;
  IterableWeakSet?: Any;
  StrongWeakMap?: Any;
  missing: Record<string, string>;
}

/** The npm peers, through dynamic import (`@cspell/strong-weak-map` is ESM-only). */
export async function loadPeers(): Promise<Peers> {
  const peers: Peers = { missing: {} };
  try {
    const m: Any = await import('weakref');
    peers.WeakValueMap = m.WeakValueMap;
    peers.IterableWeakMap = m.IterableWeakMap;
    peers.IterableWeakSet = m.IterableWeakSet;
  } catch (e) {
    peers.missing.weakref = `cannot load the weakref package: ${(e as Error).message}`;
  }
  try {
    const m: Any = await import('@cspell/strong-weak-map');
    peers.StrongWeakMap = m.StrongWeakMap;
  } catch (e) {
    peers.missing['@cspell/strong-weak-map'] = `cannot load @cspell/strong-weak-map: ${(e as Error).message}`;
  }
  return peers;
}
