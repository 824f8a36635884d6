// The lifetime tests that the runner check (scripts/check-runners.mjs) runs in each runner's scratch
// project: the same tests for every runner but for how they get `test` and `expect`, the messages their
// failures must show, and the TypeScript check of a project.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bad, ok, root, run, tail } from './harness.mjs';

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

const SESSION = `
class Session {
  constructor(readonly id: number) {}
}
const cache = new Map<string, Session>();
`;
export function passingTests(header) {
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
export function failingTests(header) {
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
${LEAK_TEST}`;
}

/**
 * A failing leak check, for every runner's failing file: one LeakySession per run (4 kB each, far over
 * the heap's tolerance) kept by a module-level array. Under Node its message names the class, the count
 * per run and the holder (CONTRACT §13), in each runner's module system.
 */
export const LEAK_TEST = `
import { assertNoLeak } from 'pyweakref/testing';
class LeakySession {
  readonly buffer = new Array(512).fill(1);
}
const leaked: LeakySession[] = [];
test('a leak of one object per run', async () => {
  await assertNoLeak(() => void leaked.push(new LeakySession()), { iterations: 200 });
});
`;
export const MESSAGES = [
  [
    /expected the object made by the factory \(.*Session.*\) to be collected, but it is still reachable after gc\.collect\(\)/,
    'the failure of toBeCollected',
  ],
  [
    /expected the object made by the factory \(.*Session.*\) not to be collected, but gc\.collect\(\) collected it/,
    'the failure of .not.toBeCollected',
  ],
  [/after 200 iterations \(\d+ warm-up\), memory did not return to its baseline/, 'the failure of assertNoLeak'],
];
export const RETAINER = [
  /It is held by[^\n]*\n\s*.*Map → value of key "a" → Session/,
  'the retainer path (… Map → value of key "a" → Session)',
];
export const GROWTH = [
  /\+[\d,]+ LeakySession \(1 per run, [^)]*\): [^\n]*→ LeakySession/,
  'what grew (+200 LeakySession (1 per run, …): … → LeakySession)',
];

/** Runs the passing and the failing tests of a runner and checks the outcome. */
export function checkRun(name, cmd, args, { cwd, pass, fail, retainers, env }) {
  const p = run(cmd, [...args, ...pass], { cwd, env });
  if (p.status === 0) ok(`${name}: the passing tests pass (${p.seconds.toFixed(1)} s)`);
  else bad(`${name}: the passing tests`, tail(p.out, 60));
  const f = run(cmd, [...args, ...fail], { cwd, env });
  const expected = retainers ? [...MESSAGES, RETAINER, GROWTH] : MESSAGES;
  const missing = expected.filter(([re]) => !re.test(f.out)).map(([, what]) => what);
  if (f.status !== 0 && missing.length === 0) {
    const path = /It is held by[^\n]*\n\s*(.*)/.exec(f.out)?.[1];
    const growth = /\+[\d,]+ LeakySession [^\n]*/.exec(f.out)?.[0];
    ok(
      `${name}: the failing tests fail with the assertion's messages${path ? `, the retainer path: ${path.trim()}` : ''}${growth ? `, what grew: ${growth.trim()}` : ''} (${f.seconds.toFixed(1)} s)`,
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
export function checkTypes(name, dir, compilerOptions, tests, setup, { control = true } = {}) {
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
