/**
 * Recipe: resource cleanup with finalize, the port of the `TempDir` example of Python's weakref
 * documentation ("Finalizer Objects", "Comparing finalizers with __del__() methods").
 *
 * Python:
 *   class TempDir:
 *       def __init__(self):
 *           self.name = tempfile.mkdtemp()
 *           self._finalizer = weakref.finalize(self, shutil.rmtree, self.name)
 *
 *       def remove(self):
 *           self._finalizer()
 *
 *       @property
 *       def removed(self):
 *           return not self._finalizer.alive
 *
 * The directory goes away in exactly one of three ways, whichever comes first: `remove()` is called,
 * the `TempDir` is collected, or the program exits (`atexit`, true by default). The finalizer runs at
 * most once. Its function and arguments must not reference the `TempDir` itself (a closure over
 * `this`, or a bound method of it, would keep it alive forever): they get only the path.
 *
 * Run it: `npx ts-node examples/resource-cleanup.ts`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { finalize, gc } from '../src';

/** shutil.rmtree: what the finalizer runs. A module-level function, so it holds no TempDir. */
function removeTree(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`  removed ${path.basename(dir)}`);
}

class TempDir {
  readonly name: string;
  readonly #finalizer: finalize<TempDir, [string], void>;

  constructor(label: string) {
    this.name = fs.mkdtempSync(path.join(os.tmpdir(), `pyweakref-${label}-`));
    this.#finalizer = finalize(this, removeTree, this.name);
  }

  /** Removes the directory now (Python: `self._finalizer()`); later calls do nothing. */
  remove(): void {
    this.#finalizer();
  }

  /** Whether the directory is gone (Python: `not self._finalizer.alive`). */
  get removed(): boolean {
    return !this.#finalizer.alive;
  }
}

/** Lives until the program exits: the exit hook removes its directory (`atexit` is true). */
let keptUntilExit: TempDir | undefined;

/** Makes a TempDir that nothing keeps: a function of its own, so no frame of `main` holds it. */
function scratchDirectory(): string {
  const scratch = new TempDir('dropped');
  fs.writeFileSync(path.join(scratch.name, 'data.txt'), 'scratch');
  return scratch.name;
}

async function main(): Promise<void> {
  console.log('1. remove() explicitly:');
  const explicit = new TempDir('explicit');
  explicit.remove();
  explicit.remove(); // a finalizer runs at most once: nothing printed
  console.log(`  removed: ${explicit.removed}, exists: ${fs.existsSync(explicit.name)}`);

  console.log('2. dropped and collected (Python: del d, then CPython frees it):');
  const dropped = scratchDirectory();
  console.log(`  exists before collecting: ${fs.existsSync(dropped)}`);
  await gc.collect();
  console.log(`  exists after await gc.collect(): ${fs.existsSync(dropped)}`);

  console.log('3. still alive when the program ends:');
  keptUntilExit = new TempDir('atexit');
  console.log(`  at exit: ${keptUntilExit.name}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
