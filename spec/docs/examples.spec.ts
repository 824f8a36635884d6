/**
 * Every example under examples/ runs (as a reader would, `npx ts-node examples/x.ts`, or compiled in
 * `npm test`: see runExample) and prints what its comments promise, so no example can rot. Types are checked by `npm run typecheck`
 * (tsconfig.json includes examples/).
 *
 * Each example runs in a child `node` process: it must exit with code 0 and print nothing on stderr.
 * The examples listed in `expectations` also have their output checked; any other file dropped into
 * examples/ is still run. The object cache is the worked port of docs/porting-guide.md: when
 * `python3` is present, its Python original (examples/object-cache.py) must print the same lines; the
 * same holds for the second worked port, the signal dispatcher (examples/signal-dispatcher.py).
 */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { markdownFiles } from './markdown';
import { ROOT, describeRun, runProcess, runTs, type RunResult } from './run-ts';

const EXAMPLES = path.join(ROOT, 'examples');

/** Extra checks per example, beyond "exits with 0 and prints nothing on stderr". */
const expectations: Record<string, (stdout: string) => void> = {
  'seed-walkthrough.ts': (out) => {
    expect(out).to.match(/^## weakref\.ref\(object\[, callback\]\)$/m);
    expect(out).to.match(/^r\(\)\s+-> undefined\s+\(Python: None\)$/m);
    expect(out).to.match(/^## weakref\.proxy\(object\[, callback\]\)$/m);
    expect(out).to.contain('throws ReferenceError: weakly-referenced object no longer exists');
    expect(out).to.match(/^## weakref\.WeakValueDictionary/m);
    expect(out).to.match(/^cache1 is cache2\s+-> true$/m);
    expect(out).to.match(/^'test' in cache\s+-> false$/m);
    expect(out.trimEnd()).to.match(/Walkthrough complete\.$/);
  },
  'find-a-leak.ts': (out) => {
    expect(out).to.contain(
      "module 'examples/find-a-leak.ts' variable 'renderCache' → Map → value of key \"/home\" → Page",
    );
    expect(out).to.contain("first holder: module-variable 'renderCache' in examples/find-a-leak.ts");
    expect(out.trimEnd()).to.match(/after the fix: collected$/);
  },
  'event-bus-leak.ts': (out) => {
    // What grew and who holds it: the bus's array, each run's Subscription, and the tag it reaches.
    expect(out).to.match(
      /^ {4}\+1,000 Subscription \(1 per run, \d+ B each, \d+ B retained\): module 'examples\/event-bus-leak\.ts' variable 'bus' → EventBus\.listeners → Array\[\d+\] → Subscription$/m,
    );
    expect(out).to.match(
      /^ {4}\+1,000 PriceTag \(1 per run, \d+ B each\): .* → Subscription\.handler → bound function 'bound update' → bound this → PriceTag$/m,
    );
    expect(out).to.match(/^ {4}\+1,000 function 'call' \(examples\/event-bus-leak\.ts:\d+\) \(1 per run, /m);
    expect(out.trimEnd()).to.match(/\nthe fixed bus: no leak$/);
  },
  'object-cache.ts': (out) => {
    expect(out).to.equal(OBJECT_CACHE_OUTPUT);
  },
  'signal-dispatcher.ts': (out) => {
    expect(out).to.equal(SIGNAL_DISPATCHER_OUTPUT);
  },
  'weak-observers.ts': (out) => {
    expect(out).to.contain('lobby display: 21 °C');
    expect(out).to.contain('temporary display: 21 °C');
    expect(out).to.contain('subscriptions left: 1');
    expect(out).not.to.contain('temporary display: 22 °C');
    expect(out).to.contain('subscriptions after collecting: 1');
    expect(out).to.contain('after disconnect(): 1');
  },
  'resource-cleanup.ts': (out) => {
    expect(out).to.contain('removed: true, exists: false');
    expect(out).to.contain('exists before collecting: true');
    expect(out).to.contain('exists after await gc.collect(): false');
    const atExit = /^ {2}at exit: (.+)$/m.exec(out);
    expect(atExit, 'the example names the directory left for the exit hook').not.to.equal(null);
    const dir = atExit![1];
    // The exit hook (finalize's atexit) removed it after main() had finished.
    expect(out.trimEnd().endsWith(`removed ${path.basename(dir)}`), out).to.equal(true);
    expect(fs.existsSync(dir), `${dir} still exists after the process exited`).to.equal(false);
  },
};

/** What examples/object-cache.ts prints, line for line (examples/object-cache.py prints the same). */
const OBJECT_CACHE_OUTPUT = [
  'same object: true, fetches: 1',
  'changed: true',
  'cached: 2, 1 in rows: true',
  'forgot row 1',
  'cached: 1, 1 in rows: false',
  "Row(1, 'ada'), fetches: 3, changed: false",
  'exit: the finalizers of the rows still alive run now',
  'forgot row 1',
  'forgot row 2',
  '',
].join('\n');

/** What examples/signal-dispatcher.ts prints (examples/signal-dispatcher.py prints the same). */
const SIGNAL_DISPATCHER_OUTPUT = [
  'receivers: 3',
  'save Article: log: weak references, auditor saw weak references, counted',
  'save Comment: log: nice post, counted',
  'save Article: log: drafts, auditor saw drafts, counted, temporary',
  'receivers: 4 (one dead, removed by the next send)',
  'save Article: log: again, auditor saw again, counted',
  'receivers: 3',
  'save Article: log: unaudited, counted',
  'disconnect log: true, again: false',
  "disconnect 'counter': true",
  'has listeners: false, receivers: 0',
  '',
].join('\n');

/** The Python originals of the worked ports, and what their TypeScript ports print. */
const WORKED_PORTS: Array<[python: string, output: string]> = [
  ['object-cache.py', OBJECT_CACHE_OUTPUT],
  ['signal-dispatcher.py', SIGNAL_DISPATCHER_OUTPUT],
];

function exampleFiles(): string[] {
  return fs
    .readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .sort();
}

function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether the specs run compiled (`npm test`: .spec-build/spec/docs/examples.spec.js). */
const COMPILED = __filename.endsWith('.js');

/**
 * Runs an example. Under ts-node (the dev loop), as a reader runs it: `ts-node examples/x.ts`. In
 * `npm test`, its compiled twin in .spec-build/examples/ in plain node: the same program, without a
 * second of ts-node start-up and the TypeScript compiler in the heap of every child. The seed
 * walkthrough always runs through ts-node, as the README's `npm run demo` does, so that way of
 * running an example stays checked in every run.
 */
function runExample(name: string): Promise<RunResult> {
  if (!COMPILED || name === 'seed-walkthrough.ts') return runTs(path.join('examples', name));
  const compiled = path.join(__dirname, '..', '..', 'examples', name.replace(/\.ts$/, '.js'));
  return runProcess(process.execPath, ['--enable-source-maps', compiled]);
}

describe('docs: examples/', function () {
  this.timeout(120_000);

  it('should have the seed walkthrough and the three recipes', function () {
    expect(exampleFiles()).to.include.members([
      'seed-walkthrough.ts',
      'object-cache.ts',
      'weak-observers.ts',
      'resource-cleanup.ts',
    ]);
  });

  it('should link every example from the README or a docs page', function () {
    const docs = markdownFiles()
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');
    for (const name of exampleFiles()) expect(docs, `examples/${name} is not linked`).to.contain(`examples/${name}`);
  });

  for (const name of exampleFiles()) {
    it(`should run examples/${name} (exit code 0, nothing on stderr${name in expectations ? ', expected output' : ''})`, async function () {
      const result: RunResult = await runExample(name);
      expect(result.code, describeRun(name, result)).to.equal(0);
      expect(result.stderr, describeRun(name, result)).to.equal('');
      expectations[name]?.(result.stdout);
    });
  }

  for (const [python, output] of WORKED_PORTS) {
    it(`should print the same lines from examples/${python} under python3 (the worked port)`, async function () {
      if (!hasPython()) this.skip();
      const result = await runProcess('python3', [path.join('examples', python)]);
      expect(result.code, describeRun(python, result)).to.equal(0);
      // Python prints True/False where JavaScript prints true/false; nothing else differs.
      const normalised = result.stdout.replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false');
      expect(normalised).to.equal(output);
    });
  }
});
