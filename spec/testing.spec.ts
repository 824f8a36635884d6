/**
 * `pyweakref/testing` (issue 8): the lifetime assertions, their messages, the retention probes, the
 * chai plugin both ways, the leak checker, and loading the built subpath through the package exports.
 *
 * Referents live in `let` variables set to `undefined` (Python's `del`) or are made inside helper
 * functions, so that the only strong reference is the one the test drops.
 */
import * as chai from 'chai';
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { inspect } from 'node:util';
import { KeyedRef, WeakMethod, finalize, proxy, ref } from '../src';
import {
  LifetimeAssertionError,
  assertCollected,
  assertNoLeak,
  assertNotCollected,
  chaiPyweakref,
  isCollected,
  measureLeak,
} from '../src/testing';
import {
  markLibraryCallback,
  registerRetentionProbe,
  trackInstance,
  trackedInstances,
} from '../src/internal/retention';
import { registerTableSize } from '../src/internal/table-sizes';
import { C } from './support/lifetime';
import { withoutRetainerPaths } from './support/retainers-off';
import { ROOT } from './support/root';
import { rejection } from './support/rejection';
import { exportTargets } from './support/package-exports';

chai.use(chaiPyweakref);

const FOOTER =
  'Anything else that holds it is outside pyweakref: a variable not set to undefined (an async function ' +
  'keeps its locals across await), a closure, an array, a Map or a cache.';
const NO_REASONS =
  'No pyweakref structure reports holding it, so a strong reference remains in the program: a variable ' +
  'not set to undefined (an async function keeps its locals across await), a closure, an array, a Map ' +
  'or a cache.';

function notCollected(what: string, reasons: string[] = []): string {
  const head = `expected ${what} to be collected, but it is still reachable after gc.collect()`;
  if (reasons.length === 0) return `${head}\n${NO_REASONS}`;
  return `${head}\nWhat pyweakref knows about it:\n${reasons.map((r) => `  - ${r}`).join('\n')}\n${FOOTER}`;
}

/** A ref whose callback closes over its referent: the reference then keeps the referent alive. */
function refWithCapturingCallback(o: C): ref<C> {
  return ref(o, () => void o.method());
}

describe('JavaScript interop: pyweakref/testing', () => {
  withoutRetainerPaths();

  describe('isCollected', () => {
    it('should be false while a variable holds the referent and true once it is dropped', async () => {
      let o: C | undefined = new C();
      const r = ref(o);
      expect(await isCollected(r)).to.equal(false);
      o = undefined;
      expect(await isCollected(r)).to.equal(true);
    });

    it('should watch what a factory makes without holding it, and see it survive when the factory stores it', async () => {
      expect(await isCollected(() => new C())).to.equal(true);
      const cache: C[] = [];
      expect(
        await isCollected(() => {
          const o = new C();
          cache.push(o);
          return o;
        }),
      ).to.equal(false);
      cache.length = 0;
    });

    it('should accept an async factory and watch the object it resolves to', async () => {
      const kept: C[] = [];
      // An async function that never awaits is still an async factory: the case under test.
      // eslint-disable-next-line @typescript-eslint/require-await
      expect(await isCollected(async () => new C())).to.equal(true);
      expect(
        await isCollected(async () => {
          await Promise.resolve();
          const o = new C();
          kept.push(o);
          return o;
        }),
      ).to.equal(false);
    });

    it('should accept KeyedRef and WeakMethod, reading them as r() does', async () => {
      let o: C | undefined = new C();
      const kr = new KeyedRef(o, null, 'k');
      const wm = new WeakMethod(o, 'method');
      expect(await isCollected(kr)).to.equal(false);
      expect(await isCollected(wm)).to.equal(false);
      o = undefined;
      expect(await isCollected(kr)).to.equal(true);
      expect(await isCollected(wm)).to.equal(true);
    });

    it('should accept a weak proxy, alive and dead, without touching a dead referent', async () => {
      let o: C | undefined = new C();
      const p = proxy(o);
      expect(await isCollected(p)).to.equal(false);
      o = undefined;
      expect(await isCollected(p)).to.equal(true);
      expect(await isCollected(p)).to.equal(true);
    });

    it('should refuse the object itself and primitives with a TypeError that says why', async () => {
      const err = await rejection(isCollected(new C()));
      expect(err).to.be.instanceOf(TypeError);
      expect(err.message).to.equal(
        'isCollected() expects a ref, a proxy or a factory function that returns the object to watch, not the ' +
          'object itself: an argument that is the object keeps it alive for the whole call (pass ref(obj) and ' +
          'drop obj, or a factory such as () => new Thing())',
      );
      const prim = await rejection(isCollected(42 as unknown as object));
      expect(prim).to.be.instanceOf(TypeError);
      expect(prim.message).to.match(/^isCollected\(\) expects a ref, a proxy or a factory function .* not 'number': /);
    });

    it('should refuse a factory result that cannot be weakly referenced with the contract message', async () => {
      const err = await rejection(isCollected(() => 42));
      expect(err).to.be.instanceOf(TypeError);
      expect(err.message).to.equal(
        "the factory returned a value that cannot be watched: cannot create weak reference to 'number' object",
      );
    });

    it('should recognise a reference object of another copy of the library instead of calling it as a factory', async () => {
      let called = false;
      const foreign = Object.assign(
        () => {
          called = true;
          return new C();
        },
        { __call__: () => undefined, __hash__: () => 1, __callback__: undefined },
      );
      const err = await rejection(assertCollected(foreign));
      expect(err).to.be.instanceOf(TypeError);
      expect(err.message).to.equal(
        'assertCollected() was given a reference object from another copy of pyweakref (two installed versions, ' +
          "or a module registry reset such as jest.resetModules()): load 'pyweakref/testing' from the same copy as 'pyweakref'",
      );
      expect(called).to.equal(false);
    });
  });

  describe('assertCollected', () => {
    it('should pass for a dropped referent and for a factory (Python: del o; gc.collect(); assert r() is None)', async () => {
      let o: C | undefined = new C();
      const r = ref(o);
      o = undefined;
      await assertCollected(r);
      expect(r()).to.equal(undefined);
      await assertCollected(() => new C());
    });

    it('should fail with an AssertionError naming the object when nothing in pyweakref holds it', async () => {
      let o: C | undefined = new C();
      const r = ref(o);
      const err = await rejection(assertCollected(r));
      expect(err).to.be.instanceOf(LifetimeAssertionError);
      expect(err.name).to.equal('AssertionError');
      expect((err as LifetimeAssertionError).code).to.equal('ERR_ASSERTION');
      expect((err as LifetimeAssertionError).reasons).to.deep.equal([]);
      expect(err.message).to.equal(notCollected(`the referent of ${String(r)}`));
      o = undefined;
    });

    it('should prefix the message given, as assert and chai do', async () => {
      let o: C | undefined = new C();
      const r = ref(o);
      const err = await rejection(assertCollected(r, 'the cache should let go'));
      expect(err.message).to.equal(`the cache should let go: ${notCollected(`the referent of ${String(r)}`)}`);
      o = undefined;
    });

    it('should keep nothing alive itself: the object dies once the test drops it after a failure', async () => {
      let o: C | undefined = new C();
      const r = ref(o, () => {});
      await rejection(assertCollected(r));
      await rejection(assertCollected(r));
      o = undefined;
      await assertCollected(r);
    });

    it('should name the reference whose callback closes over the referent', async () => {
      let o: C | undefined = new C();
      const r = ref(o);
      let holder: ref<C> | undefined = refWithCapturingCallback(o);
      o = undefined;
      const reason =
        `it is the referent of 1 live reference with a callback (${String(holder)}): a reference holds its ` +
        'callback strongly, so a callback that uses the object itself, instead of the reference it is passed, ' +
        'keeps the object alive';
      const err = await rejection(assertCollected(r));
      expect(err.message).to.equal(notCollected(`the referent of ${String(r)}`, [reason]));
      expect((err as LifetimeAssertionError).reasons).to.deep.equal([reason]);
      holder = undefined;
      await assertCollected(r);
    });

    it('should not report callbacks that the library marked as its own', async () => {
      let o: C | undefined = new C();
      const cleanup = (): void => {};
      markLibraryCallback(cleanup);
      const r = ref(o, cleanup);
      const err = await rejection(assertCollected(r));
      expect((err as LifetimeAssertionError).reasons).to.deep.equal([]);
      o = undefined;
      await assertCollected(r);
    });

    it('should say when the object is the value of KeyedRefs (WeakValueDictionary entries)', async () => {
      let o: C | undefined = new C();
      const r = new KeyedRef(o, null, 'page');
      const err = await rejection(assertCollected(r));
      expect((err as LifetimeAssertionError).reasons).to.deep.equal([
        'it is the value of 1 KeyedRef (WeakValueDictionary entries; key "page"): an entry holds its value ' +
          'weakly, so look for where a value read from the dictionary is still kept',
      ]);
      o = undefined;
      await assertCollected(r);
    });

    it('should state for certain that a finalizer holding its own object in args keeps it alive', async () => {
      let o: C | undefined = new C();
      const r = ref(o);
      const f = finalize(o, (x: C) => void x, o);
      o = undefined;
      const err = await rejection(assertCollected(r));
      expect((err as LifetimeAssertionError).reasons).to.deep.equal([
        `${String(f)} holds it in func or args: a finalizer keeps func and args alive until it runs, so the ` +
          'object can never be collected (as in Python: func and args must not refer to obj)',
      ]);
      f.detach();
      await assertCollected(r);
    });

    it('should list the other finalizers of the object as leads', async () => {
      let o: C | undefined = new C();
      const r = ref(o);
      const f = finalize(o, () => {});
      const err = await rejection(assertCollected(r));
      expect((err as LifetimeAssertionError).reasons).to.deep.equal([
        `it has 1 live finalizer (${String(f)}): a finalizer keeps func and args alive until it runs, so a func ` +
          'that closes over the object (an arrow function using it, obj.method.bind(obj)) keeps it alive',
      ]);
      o = undefined;
      await assertCollected(r);
      expect(f.alive).to.equal(false);
    });

    it('should consult registered retention probes, report one that throws, and let probes keep nothing', async () => {
      const marked = new globalThis.WeakSet<WeakKey>();
      const unregister = [
        registerRetentionProbe((t) => (marked.has(t) ? 'it is held by the probe spec' : undefined)),
        registerRetentionProbe(() => {
          throw new Error('boom');
        }),
      ];
      let o: C | undefined = new C();
      const r = ref(o);
      try {
        marked.add(o);
        const err = await rejection(assertCollected(r));
        expect((err as LifetimeAssertionError).reasons).to.deep.equal([
          'it is held by the probe spec',
          '(a retention probe failed: boom)',
        ]);
      } finally {
        for (const u of unregister) u();
      }
      const err = await rejection(assertCollected(r));
      expect((err as LifetimeAssertionError).reasons).to.deep.equal([]);
      o = undefined;
      await assertCollected(r);
    });

    it('should let probes search tracked containers, which tracking holds only weakly', async () => {
      class Box {
        constructor(public item: unknown) {}
        toString(): string {
          return '<Box>';
        }
      }
      const unregister = registerRetentionProbe((t) =>
        trackedInstances<Box>('spec.Box')
          .filter((b) => b.item === t)
          .map((b) => `it is the item of ${String(b)}`),
      );
      try {
        let o: C | undefined = new C();
        const r = ref(o);
        const shelf = [new Box(o)];
        trackInstance('spec.Box', shelf[0]);
        const boxRef = ref(shelf[0]);
        o = undefined;
        const err = await rejection(assertCollected(r));
        expect((err as LifetimeAssertionError).reasons).to.deep.equal(['it is the item of <Box>']);
        shelf.length = 0;
        await assertCollected(r);
        await assertCollected(boxRef);
        expect(trackedInstances('spec.Box')).to.deep.equal([]);
      } finally {
        unregister();
      }
    });

    it('should describe a factory object and a proxy referent in the message', async () => {
      const kept: C[] = [];
      const err = await rejection(assertCollected(() => (kept[0] = new C())));
      expect(err.message).to.match(
        /^expected the object made by the factory \(<C object at 0x[0-9a-f]+>\) to be collected, but it is still reachable after gc\.collect\(\)\n/,
      );
      let o: C | undefined = new C();
      const p = proxy(o);
      const perr = await rejection(assertCollected(p));
      expect(perr.message).to.equal(notCollected(`the referent of ${inspect(p)}`));
      o = undefined;
      await assertCollected(p);
    });

    it('should find the referent of a proxy for the probes', async () => {
      let o: C | undefined = new C();
      const p = proxy(o);
      let holder: ref<C> | undefined = refWithCapturingCallback(o);
      o = undefined;
      const err = await rejection(assertCollected(p));
      expect((err as LifetimeAssertionError).reasons).to.have.length(1);
      expect((err as LifetimeAssertionError).reasons[0]).to.contain(`(${String(holder)})`);
      holder = undefined;
      await assertCollected(p);
    });
  });

  describe('assertNotCollected', () => {
    it('should pass while something holds the object', async () => {
      let o: C | undefined = new C();
      await assertNotCollected(ref(o));
      await assertNotCollected(proxy(o));
      const cache = new Map<string, C>();
      await assertNotCollected(() => {
        const made = new C();
        cache.set('k', made);
        return made;
      });
      o = undefined;
    });

    it('should fail with an AssertionError naming the reference once the object was collected', async () => {
      let o: C | undefined = new C();
      const r = ref(o);
      o = undefined;
      const err = await rejection(assertNotCollected(r, 'still needed'));
      expect(err).to.be.instanceOf(LifetimeAssertionError);
      expect(err.message).to.equal(
        `still needed: expected the referent of ${String(r)} not to be collected, but gc.collect() collected it`,
      );
      expect(String(r)).to.match(/; dead>$/);
    });

    it('should name the object a factory made, even after its death', async () => {
      const err = await rejection(assertNotCollected(() => new C()));
      expect(err.message).to.match(
        /^expected the object made by the factory \(<C object at 0x[0-9a-f]+>\) not to be collected, but gc\.collect\(\) collected it$/,
      );
    });
  });

  describe('chai plugin', () => {
    it('should make collected an awaitable property, both ways', async () => {
      let o: C | undefined = new C();
      const r = ref(o);
      const pending: Promise<void> = expect(r).not.to.be.collected;
      expect(pending).to.be.instanceOf(Promise);
      await pending;
      o = undefined;
      await expect(r).to.be.collected;
    });

    it("should fail with chai's AssertionError and the same message, prefixed by expect(x, message)", async () => {
      let o: C | undefined = new C();
      const r = ref(o);
      const err = await rejection(expect(r, 'after close()').to.be.collected);
      expect(err).to.be.instanceOf(chai.AssertionError);
      expect(err.message).to.equal(`after close(): ${notCollected(`the referent of ${String(r)}`)}`);
      o = undefined;
      const negated = await rejection(expect(r).not.to.be.collected);
      expect(negated).to.be.instanceOf(chai.AssertionError);
      expect(negated.message).to.equal(
        `expected the referent of ${String(r)} not to be collected, but gc.collect() collected it`,
      );
    });

    it('should accept a factory and a proxy', async () => {
      await expect(() => new C()).to.be.collected;
      const kept: C[] = [];
      await expect(() => (kept[0] = new C())).not.to.be.collected;
      let o: C | undefined = new C();
      const p = proxy(o);
      await expect(p).not.to.be.collected;
      o = undefined;
      await expect(p).to.be.collected;
    });

    it('should reject, not pass, when given the object itself', async () => {
      const err = await rejection(expect(new C()).to.be.collected);
      expect(err).to.be.instanceOf(TypeError);
      expect(err.message).to.match(
        /^expect\(subject\)\.to\.be\.collected expects a ref, a proxy or a factory function/,
      );
    });
  });

  describe('assertNoLeak', () => {
    it('should pass a function whose refs, proxies, KeyedRefs and finalizers all go away', async () => {
      const report = await assertNoLeak(
        () => {
          const o = new C();
          ref(o, () => {});
          proxy(o);
          new KeyedRef(o, () => {}, 'k');
          finalize(o, () => {});
        },
        { iterations: 200 },
      );
      expect(report.leaked).to.equal(false);
      expect(report.iterations).to.equal(200);
      expect(report.warmup).to.equal(10);
      expect(report.tables.after).to.deep.equal(report.tables.before);
      expect(report.heap).not.to.equal(undefined);
      expect(report.summary).to.match(/^after 200 iterations \(10 warm-up\), memory returned to its baseline\n/);
    });

    it('should catch a global array that grows, with the numbers in the message', async () => {
      const hoard: number[][] = [];
      const err = await rejection(
        assertNoLeak(() => void hoard.push(new Array(512).fill(hoard.length)), {
          iterations: 200,
          heapToleranceBytes: 64 * 1024,
        }),
      );
      expect(err).to.be.instanceOf(LifetimeAssertionError);
      const lines = err.message.split('\n');
      expect(lines[0]).to.equal('after 200 iterations (10 warm-up), memory did not return to its baseline');
      expect(lines[1]).to.equal('  pyweakref tables (after gc.collect()):');
      expect(lines[2]).to.match(/^ {4}liveLists: (\d+) -> \1 \(\+0\)$/);
      const heap = lines
        .at(-1)!
        .match(
          /^ {2}heap used \(after gc\.collect\(\)\): (\d+) -> (\d+) bytes \(\+(\d+); tolerance 65536\) {2}<- over$/,
        );
      expect(heap, lines.at(-1)).not.to.equal(null);
      // 200 arrays of 512 numbers: at least 800 kB the heap cannot give back.
      expect(Number(heap![3])).to.be.greaterThan(200 * 512 * 8);
      expect(Number(heap![2]) - Number(heap![1])).to.equal(Number(heap![3]));
      hoard.length = 0;
    });

    it('should catch reference objects left alive in the library tables, whatever the heap tolerance', async () => {
      const keep: unknown[] = [];
      const leaky = (): void => {
        const o = new C();
        keep.push(
          o,
          ref(o, () => {}),
        );
      };
      const err = await rejection(
        assertNoLeak(leaky, { iterations: 50, heapToleranceBytes: Infinity, message: 'observer registry' }),
      );
      const lines = err.message.split('\n');
      expect(lines[0]).to.equal(
        'observer registry: after 50 iterations (10 warm-up), memory did not return to its baseline',
      );
      const grew = lines[2].match(/^ {4}liveLists: (\d+) -> (\d+) \(\+50\) {2}<- grew$/);
      expect(grew, lines[2]).not.to.equal(null);
      expect(Number(grew![2]) - Number(grew![1])).to.equal(50);
      expect(lines.at(-1)).to.match(/tolerance Infinity\)$/);
      keep.length = 0;
    });

    it('should await an async function on every run and report without throwing in measureLeak', async () => {
      let runs = 0;
      const report = await measureLeak(
        async () => {
          await Promise.resolve();
          runs++;
        },
        { iterations: 20, warmup: 2 },
      );
      expect(runs).to.equal(22);
      expect(report.leaked).to.equal(false);
      expect(report.summary.split('\n')[0]).to.equal(
        'after 20 iterations (2 warm-up), memory returned to its baseline',
      );
    });

    it('should count the tables other modules register', async () => {
      const table = new Set<number>();
      registerTableSize('spec.table', () => table.size);
      try {
        const report = await measureLeak(() => void table.add(table.size), {
          iterations: 5,
          warmup: 0,
          heapToleranceBytes: Infinity,
        });
        expect(report.leaked).to.equal(true);
        expect(report.tables.before['spec.table']).to.equal(0);
        expect(report.tables.after['spec.table']).to.equal(5);
        expect(report.summary).to.contain('\n    spec.table: 0 -> 5 (+5)  <- grew');
      } finally {
        registerTableSize('spec.table', () => 0);
      }
    });

    it('should refuse bad arguments', async () => {
      const notFn = await rejection(assertNoLeak(42 as unknown as () => void));
      expect(notFn).to.be.instanceOf(TypeError);
      expect(notFn.message).to.equal("assertNoLeak() expects a function to run, not 'number'");
      const badIterations = await rejection(assertNoLeak(() => {}, { iterations: 1.5 }));
      expect(badIterations).to.be.instanceOf(RangeError);
      expect(badIterations.message).to.equal('assertNoLeak(): iterations must be a non-negative integer, got 1.5');
      const badWarmup = await rejection(assertNoLeak(() => {}, { warmup: -1 }));
      expect(badWarmup.message).to.equal('assertNoLeak(): warmup must be a non-negative integer, got -1');
      const badTolerance = await rejection(assertNoLeak(() => {}, { heapToleranceBytes: Number.NaN }));
      expect(badTolerance.message).to.equal(
        'assertNoLeak(): heapToleranceBytes must be a non-negative number, got NaN',
      );
    });
  });

  describe('package exports', function () {
    this.timeout(30000);
    const root = ROOT;
    const dist = path.join(root, 'dist', 'testing');
    const names = [
      'LifetimeAssertionError',
      'assertCollected',
      'assertNoLeak',
      'assertNotCollected',
      'chaiPyweakref',
      'explainRetention',
      'isCollected',
      'measureLeak',
    ];
    let scratch: string;

    before(function () {
      const built = path.join(dist, 'index.js');
      if (!fs.existsSync(built)) throw new Error(`${built} is missing: run npm run build first (npm test does)`);
      const builtAt = fs.statSync(built).mtimeMs;
      const sources = fs
        .readdirSync(path.join(root, 'src', 'testing'))
        .map((f) => path.join(root, 'src', 'testing', f));
      const stale = sources.filter((f) => fs.statSync(f).mtimeMs > builtAt);
      if (stale.length > 0) throw new Error(`dist/testing is older than ${stale.join(', ')}: run npm run build first`);
      // A consumer project: node_modules/pyweakref is the repository, as npm link would make it.
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pyweakref-testing-'));
      fs.mkdirSync(path.join(scratch, 'node_modules'));
      fs.symlinkSync(root, path.join(scratch, 'node_modules', 'pyweakref'), 'dir');
    });

    after(() => {
      if (scratch !== undefined) fs.rmSync(scratch, { recursive: true, force: true });
    });

    function run(file: string, source: string, ...args: string[]): any {
      fs.writeFileSync(path.join(scratch, file), source);
      const out = execFileSync(process.execPath, [file, ...args], { cwd: scratch, encoding: 'utf8' });
      return JSON.parse(out);
    }

    it('should emit the CommonJS, ESM and declaration files that package.json points at', () => {
      const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
      const entry = pkg.exports['./testing'];
      const targets = exportTargets(entry);
      expect(targets).to.have.length(8);
      for (const file of targets) {
        expect(fs.existsSync(path.join(root, file)), file).to.equal(true);
      }
      expect(fs.readFileSync(path.join(dist, 'chai-plugin.d.ts'), 'utf8')).to.match(
        /namespace Chai \{\s*interface Assertion \{/,
      );
      for (const file of fs.readdirSync(dist).filter((f) => /\.(m?js)$/.test(f))) {
        // chai is never loaded by the subpath: the plugin receives it from chai.use().
        expect(fs.readFileSync(path.join(dist, file), 'utf8'), file).not.to.match(
          /require\(\s*["']chai["']\s*\)|import\(\s*["']chai["']\s*\)|^import[^\n]*from\s*["']chai["']/m,
        );
      }
    });

    it("should load with require('pyweakref/testing'), share the library's classes and assert without --expose-gc", () => {
      const result = run(
        'check.cjs',
        `
        const gcAtStart = typeof globalThis.gc;
        const testing = require('pyweakref/testing');
        const weakref = require('pyweakref');
        (async () => {
          let o = {};
          const r = weakref.ref(o);
          const alive = await testing.isCollected(r);
          o = undefined;
          await testing.assertCollected(r);
          let failure;
          try {
            await testing.assertCollected(weakref.ref(globalThis));
          } catch (e) {
            failure = e.name + ': ' + e.message.split('\\n')[0];
          }
          console.log(JSON.stringify({ gcAtStart, alive, failure, names: Object.keys(testing).filter((k) => k !== '__esModule').sort() }));
        })();
        `,
      );
      expect(result.gcAtStart).to.equal('undefined');
      expect(result.alive).to.equal(false);
      expect(result.failure).to.match(
        /^AssertionError: expected the referent of <weakref at 0x[0-9a-f]+; to 'Object' at 0x[0-9a-f]+> to be collected/,
      );
      expect(result.names).to.deep.equal(names);
    });

    it("should load with import 'pyweakref/testing', give the same objects as require, and run the chai plugin", () => {
      const chaiUrl = 'file://' + require.resolve('chai').split(path.sep).join('/');
      const result = run(
        'check.mjs',
        `
        import * as testing from 'pyweakref/testing';
        import * as weakref from 'pyweakref';
        import { createRequire } from 'node:module';
        const require = createRequire(import.meta.url);
        const cjs = require('pyweakref/testing');
        const chai = await import(process.argv[2]);
        chai.use(testing.chaiPyweakref);
        let o = {};
        const r = weakref.ref(o);
        await chai.expect(r).not.to.be.collected;
        o = undefined;
        await chai.expect(r).to.be.collected;
        console.log(JSON.stringify({
          names: Object.keys(testing).sort(),
          same: Object.keys(testing).every((k) => testing[k] === cjs[k]),
          sameLibrary: weakref.ref === require('pyweakref').ref,
        }));
        `,
        chaiUrl,
      );
      expect(result.names).to.deep.equal(names);
      expect(result.same).to.equal(true);
      expect(result.sameLibrary).to.equal(true);
    });
  });
});
