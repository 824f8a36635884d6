/**
 * Seed walkthrough, step 4: `weakref.finalize`, a resource that closes itself when its owner is
 * collected (the post stops at WeakValueDictionary; this step goes on to the rest of the module).
 *
 * Python:
 *   class TempFile:
 *       def __init__(self, path):
 *           self.path = path
 *           self._finalizer = weakref.finalize(self, os.remove, path)
 *
 *   f = TempFile('/tmp/demo')
 *   finalizer = f._finalizer
 *   finalizer.alive             # True
 *   finalizer.peek()            # (f, os.remove, ('/tmp/demo',), {})
 *   del f; gc.collect()         # os.remove('/tmp/demo') runs
 *   finalizer.alive             # False: the finalizer is now dead
 */
import { finalize, gc } from '../../src';

/** What the finalizer "closes": a log of open handles, standing in for the file system. */
const openHandles = new Set<string>();

function closeHandle(path: string): void {
  openHandles.delete(path);
  console.log(`  finalizer ran: closed ${path}`);
}

/**
 * A resource that closes itself. The finalizer's function and arguments must not reference the
 * object itself (a bound method or a closure over `this` would keep it alive forever): only the path.
 */
class TempFile {
  readonly finalizer: finalize<TempFile, [string], void>;

  constructor(readonly path: string) {
    openHandles.add(path);
    this.finalizer = finalize(this, closeHandle, path);
  }
}

/**
 * Prints `f.finalizer.peek()`. A function of its own: `peek()` returns the object itself, and a
 * variable of the async `run()` holding it could keep it alive across the `await` below.
 */
function showPeek(finalizer: finalize<TempFile, [string], void>): void {
  const [obj, func, args] = finalizer.peek()!;
  console.log(
    `f.finalizer.peek()          -> [${obj.constructor.name} ${obj.path}, ${func.name}, ${JSON.stringify(args)}]`,
  );
}

export async function run(): Promise<void> {
  console.log('## weakref.finalize(obj, func, *args)');
  // As in the Python, `f` is the TempFile and `f.finalizer` (Python: `f._finalizer`) its finalizer.
  let f: TempFile | undefined = new TempFile('/tmp/demo');
  // The finalizer in a variable of its own: it outlives the object it watches, so it can still be
  // asked after `del f`.
  const finalizer = f.finalizer;
  console.log(`f = TempFile('/tmp/demo')   -> ${f.path}`);
  console.log(`f.finalizer                 -> ${finalizer}`);
  console.log(`f.finalizer.alive           -> ${finalizer.alive}`);
  showPeek(finalizer);
  console.log(`open handles                -> ${JSON.stringify([...openHandles])}`);
  console.log('Drop the last strong reference and collect.');
  console.log('f = undefined               (Python: del f)');
  f = undefined;
  await gc.collect();
  console.log(`await gc.collect()          -> done`);
  console.log(`finalizer.alive             -> ${finalizer.alive}`);
  console.log(`finalizer()                 -> ${finalizer()}   (a finalizer runs at most once)`);
  console.log(`print(finalizer)            -> ${finalizer}`);
  console.log(`open handles                -> ${JSON.stringify([...openHandles])}`);
}
