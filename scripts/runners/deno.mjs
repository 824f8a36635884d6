// The Deno part of the runner check (CONTRACT §15): the packed package in a scratch project, with
// Deno 2.9 from the npm registry (the `deno` package brings its binary), run with no flags and no
// permissions, as a user who has only `deno` would:
//   - the same program three ways: `npm:pyweakref` (with pyweakref/testing), a file import of the ES
//     module build in node_modules (dist/esm/index.js), and the same build copied out of node_modules
//     (a vendored copy); each prints what a collection delivered, which must be exactly EXPECTED;
//   - `deno test` on a passing file (the helpers of pyweakref/testing under Deno.test) and a failing
//     one, whose output must hold the assertion's own message;
//   - `deno check` on all of it (Deno's own TypeScript, against the package's declarations).
import { cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bad, ok, run, tail } from './harness.mjs';

const PROGRAM = `
let o: object | undefined = { name: 'o' };
const events: string[] = [];
const r = ref(o, () => events.push('callback'));
finalize(o, () => events.push('finalizer'));
const d = new WeakValueDictionary<string, object>();
d.set('o', o);
console.log(\`alive: \${r() === o} \${d.size}\`);
o = undefined;
const cleared = await gc.collect();
console.log(\`collected: \${cleared > 0} \${r() === undefined} \${d.size} \${events.join(',')}\`);
`;
const EXPECTED = 'alive: true 1\ncollected: true true 0 finalizer,callback';

const SESSION = `
class Session {
  constructor(readonly id: number) {}
}
const cache = new Map<string, Session>();
`;

const FILES = {
  'npm-specifier.ts': `import { ref, finalize, gc, WeakValueDictionary } from 'npm:pyweakref';\n${PROGRAM}`,
  'esm-file.ts': `import { ref, finalize, gc, WeakValueDictionary } from './node_modules/pyweakref/dist/esm/index.js';\n${PROGRAM}`,
  'esm-vendored.ts': `import { ref, finalize, gc, WeakValueDictionary } from './vendor/pyweakref/index.js';\n${PROGRAM}`,
  'pass.test.ts': `import { ref, gc } from 'npm:pyweakref';
import { assertCollected, assertNotCollected, assertNoLeak, isCollected } from 'npm:pyweakref/testing';
${SESSION}
Deno.test('an object nothing holds is collected', async () => {
  await assertCollected(() => new Session(1));
});
Deno.test('assertNotCollected while something holds it, assertCollected once it lets go', async () => {
  const holder: { s?: Session } = { s: new Session(2) };
  const r = ref(holder.s!);
  await assertNotCollected(r);
  holder.s = undefined;
  await assertCollected(r);
  if (!(await isCollected(() => new Session(3)))) throw new Error('isCollected');
});
Deno.test('assertNoLeak and gc.collect()', async () => {
  await assertNoLeak(() => new Session(4), { iterations: 50 });
  if (typeof (await gc.collect()) !== 'number') throw new Error('gc.collect()');
});
`,
  'fail.test.ts': `import { assertCollected } from 'npm:pyweakref/testing';
${SESSION}
Deno.test('held by a cache', async () => {
  await assertCollected(() => {
    const s = new Session(5);
    cache.set('a', s);
    return s;
  });
});
`,
};
const FAILURE =
  /expected the object made by the factory \(.*Session.*\) to be collected, but it is still reachable after gc\.collect\(\)/;

/** Runs the Deno checks in the scratch project that `project(name, files)` makes. */
export function checkDeno(project) {
  // Outside node_modules/: Deno runs no TypeScript that lives under a node_modules folder.
  const dir = project('deno', FILES, { base: join(tmpdir(), 'pyweakref-runners') });
  if (!dir) return;
  cpSync(join(dir, 'node_modules', 'pyweakref', 'dist', 'esm'), join(dir, 'vendor', 'pyweakref'), { recursive: true });
  const deno = join(dir, 'node_modules', '.bin', 'deno');
  // No DENO_* flags from the environment: the point is that nothing is needed.
  const env = { DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' };
  console.log(`  ${run(deno, ['--version'], { cwd: dir, env }).out.split('\n')[0]}`);
  for (const [file, what] of [
    ['npm-specifier.ts', "deno run: import from 'npm:pyweakref'"],
    ['esm-file.ts', 'deno run: file import of the ES module build (node_modules/pyweakref/dist/esm/index.js)'],
    ['esm-vendored.ts', 'deno run: file import of a copy of the ES module build outside node_modules'],
  ]) {
    const r = run(deno, ['run', file], { cwd: dir, env });
    if (r.status === 0 && r.out === EXPECTED)
      ok(`${what}, no flags: ${r.out.replace('\n', '; ')} (${r.seconds.toFixed(1)} s)`);
    else bad(`${what}: expected\n${EXPECTED}`, tail(r.out));
  }
  const p = run(deno, ['test', 'pass.test.ts'], { cwd: dir, env });
  if (p.status === 0 && /ok \| 3 passed/.test(p.out))
    ok(`deno test: pyweakref/testing under Deno.test passes (${p.seconds.toFixed(1)} s)`);
  else bad('deno test: the passing tests', tail(p.out, 60));
  const f = run(deno, ['test', 'fail.test.ts'], { cwd: dir, env });
  if (f.status !== 0 && FAILURE.test(f.out))
    ok(`deno test: the failing test fails with the assertion's message (${f.seconds.toFixed(1)} s)`);
  else bad(`deno test: the failing test ${f.status === 0 ? 'passed' : 'lacks the message'}`, tail(f.out, 60));
  const c = run(deno, ['check', ...Object.keys(FILES)], { cwd: dir, env });
  if (c.status === 0)
    ok(`deno check: the programs and tests type-check with Deno's TypeScript (${c.seconds.toFixed(1)} s)`);
  else bad('deno check', tail(c.out, 60));
}
