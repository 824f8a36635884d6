/**
 * Port of CPython's Lib/test/test_atexit.py FunctionalTest and SubinterpreterTest: what happens when a
 * process (or a worker thread, the nearest thing to a subinterpreter) really exits. The in-process
 * tests (GeneralTest) are in atexit.spec.ts.
 *
 * Each child process costs from 0.1 s (compiled) to 1.5 s (ts-node), so the checks share children:
 * one per registration order of the ordering fixture (spec/fixtures/atexit-order.ts, which also
 * checks that the import installs no listener), run together with their Python twin
 * (atexit-order.py) once for every test of this file that reads them.
 */
import { expect } from 'chai';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { atexit } from '../src';
import { ROOT } from './support/root';
import { COMPILED, lines, runFixture, runPythonFixture, type ChildResult } from './support/fixture-process';

type Order = 'user-first' | 'finalize-first';

/** What both runtimes must print, per registration order (CPython 3.11 and 3.14 agree). */
const EXPECTED: Record<Order, string[]> = {
  'user-first': [
    'main False',
    // finalize's exit hook was registered after the atexit function: it runs first.
    'finalizer False',
    'atexit function False',
    // The finalizer created by the atexit function never runs: finalize's exit hook is over.
    'after the atexit functions True',
  ],
  'finalize-first': [
    'main False',
    'atexit function False',
    'finalizer created by the atexit function False',
    'finalizer created after the atexit function False',
    'finalizer False',
    'after the atexit functions True',
  ],
};

const runs = new Map<Order, Promise<{ node: ChildResult; python: ChildResult | undefined }>>();

/** The ordering fixture in node and in python3, started once per order for the whole file. */
function orderRun(order: Order): Promise<{ node: ChildResult; python: ChildResult | undefined }> {
  let run = runs.get(order);
  if (run === undefined) {
    run = Promise.all([runFixture('atexit-order', order), runPythonFixture('atexit-order', order)]).then(
      ([node, python]) => ({ node, python }),
    );
    runs.set(order, run);
  }
  return run;
}

describe('FunctionalTest', function () {
  this.timeout(60_000);

  it('test_shutdown: at a normal exit the atexit functions run, newest first, and print nothing else', async () => {
    const res = await runFixture('atexit-shutdown');
    expect(res.code, res.stderr).to.equal(0);
    expect(lines(res.stdout)).to.deep.equal(['two', 'one']);
    expect(res.stderr).to.equal('');
  });

  it.skip('test_atexit_instances [n/a: a module is loaded once per process (import and require share it); two installed copies of pyweakref would keep two lists, each run from its own exit listener]', () => {});

  it.skip('test_atexit_thread_safety [n/a: JavaScript runs one thread per isolate; a worker thread has its own module and list, see SubinterpreterTest]', () => {});
});

describe('SubinterpreterTest', function () {
  this.timeout(60_000);

  // One worker thread (a fresh copy of the library, with its own `process` and exit event) for the
  // three tests: it registers a function and leaves it registered, puts the module in a cycle, and
  // registers a callback that writes to shared memory when the worker ends (CPython: to a pipe).
  let countBefore = -1;
  let countAfter = -1;
  let ranAtTeardown = -1;
  let registeredInWorker = -1;

  before(async function () {
    const shared = new SharedArrayBuffer(8);
    const flag = new Int32Array(shared);
    countBefore = atexit._ncallbacks();
    const lib = COMPILED ? path.join(__dirname, '..', 'src', 'index.js') : path.join(ROOT, 'src', 'index.ts');
    const tsNode = COMPILED ? undefined : require.resolve('ts-node', { paths: [ROOT] });
    const code = `
      const { workerData } = require('node:worker_threads');
      if (workerData.tsNode !== undefined) {
        require(workerData.tsNode).register({ transpileOnly: true, project: workerData.project });
      }
      const { atexit } = require(workerData.lib);
      const flag = new Int32Array(workerData.shared);
      function f() {}
      atexit.register(f);
      atexit.__atexit = atexit;
      atexit.register(() => Atomics.store(flag, 0, 1));
      Atomics.store(flag, 1, atexit._ncallbacks());
    `;
    const worker = new Worker(code, {
      eval: true,
      workerData: { lib, tsNode, project: path.join(ROOT, 'tsconfig.json'), shared },
      stdout: false,
      stderr: false,
    });
    const exitCode = await new Promise<number>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('exit', resolve);
    });
    expect(exitCode).to.equal(0);
    countAfter = atexit._ncallbacks();
    ranAtTeardown = Atomics.load(flag, 0);
    registeredInWorker = Atomics.load(flag, 1);
  });

  it('test_callbacks_leak: what a worker registers stays in the worker', () => {
    expect(registeredInWorker).to.equal(2);
    expect(countAfter).to.equal(countBefore);
  });

  it('test_callbacks_leak_refcycle: also when the worker puts its atexit module in a cycle', () => {
    expect(registeredInWorker).to.equal(2);
    expect(countAfter).to.equal(countBefore);
  });

  it('test_callback_on_subinterpreter_teardown: a worker runs its atexit functions when it ends', () => {
    expect(ranAtTeardown).to.equal(1);
  });
});

describe('JavaScript interop: atexit and finalize at exit, against python3', function () {
  this.timeout(60_000);

  // Both orders at once (they never reject: a failure is in the result): two cores, half the wait.
  before(() => {
    void orderRun('user-first');
    void orderRun('finalize-first');
  });

  for (const order of ['user-first', 'finalize-first'] as const) {
    const when = order === 'user-first' ? 'before' : 'after';
    it(`should interleave an atexit function registered ${when} the first finalizer with the finalizers as CPython does`, async () => {
      const { node, python } = await orderRun(order);
      // Exit code 0: the fixture's own checks passed (no exit listener before the first registration,
      // exactly one after), and a failing atexit function does not change the exit code.
      expect(node.code, node.stderr).to.equal(0);
      expect(lines(node.stdout)).to.deep.equal(EXPECTED[order]);
      if (python !== undefined) {
        expect(python.code, python.stderr).to.equal(0);
        expect(lines(node.stdout), 'python3 printed').to.deep.equal(lines(python.stdout));
      }
    });
  }

  it('should report a failing atexit function as CPython 3.14 does, and run the others', async () => {
    const { node, python } = await orderRun('user-first');
    // boom was registered last: it ran first, and the others still ran (the test above).
    expect(node.stderr).to.match(
      /^Exception ignored in atexit callback <function boom at 0x[0-9a-f]+>:\nError: boom\n {4}at boom /,
    );
    // Only boom's report: the line after its stack is not another report.
    expect(node.stderr.match(/Exception ignored/g)).to.have.length(1);
    if (python !== undefined) {
      // Python 3.11 writes "callback: <repr>", 3.14 "callback <repr>:"; both name the function.
      expect(python.stderr).to.match(/^Exception ignored in atexit callback:? <function boom at 0x[0-9a-f]+>:?\n/);
    }
  });
});

describe('JavaScript interop: sys.is_finalizing at exit', function () {
  this.timeout(60_000);

  it('should be false in atexit functions and in finalizers run at exit, true in what runs after them', async () => {
    for (const order of ['user-first', 'finalize-first'] as const) {
      const { node, python } = await orderRun(order);
      const flags = lines(node.stdout).map((line) => line.slice(line.lastIndexOf(' ') + 1));
      expect(
        flags.slice(0, -1).every((f) => f === 'False'),
        node.stdout,
      ).to.equal(true);
      expect(flags[flags.length - 1]).to.equal('True');
      expect(lines(node.stdout).filter((l) => l.startsWith('finalizer')).length).to.be.greaterThan(0);
      if (python !== undefined) expect(lines(python.stdout)).to.deep.equal(lines(node.stdout));
    }
  });
});
