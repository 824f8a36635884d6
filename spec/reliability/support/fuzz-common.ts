/**
 * What the three fuzz machines share: the operations on referents (kill, collect), the run loop, and
 * the reporting of a failing sequence in a form that pastes straight into a regression test.
 */
import fc from 'fast-check';
import { expect } from 'chai';
import { gc, getweakrefcount, getweakrefs, KeyedRef, ref } from '../../../src';
import { count, FUZZ_MAX_OPS, FUZZ_RUNS, FUZZ_SEED } from './config';
import { World } from './world';

/** Slots per run: few, so that operations collide on the same referents often. */
export const SLOTS = 4;

/** An operation on the referents rather than on the container. */
export type LifeOp =
  /** Python's `del` of the objects in these slots, then a forced collection that delivers nothing. */
  | { t: 'kill'; s: number[] }
  /** `await gc.collect()`: every clean-up due has run afterwards. */
  | { t: 'collect' }
  /**
   * `gc.disable()` / `gc.enable()`: while disabled, no callback or clean-up runs except inside
   * `gc.collect()` and `gc.enable()` (the world's probes check it; see world.ts).
   */
  | { t: 'disable' }
  | { t: 'enable' };

export const slotArb = fc.nat({ max: SLOTS - 1 });

export const lifeOpArbs = [
  {
    arbitrary: fc.record({
      t: fc.constant('kill' as const),
      s: fc.uniqueArray(slotArb, { minLength: 1, maxLength: 2 }),
    }),
    weight: 3,
  },
  { arbitrary: fc.constant({ t: 'collect' as const }), weight: 2 },
  { arbitrary: fc.constant({ t: 'disable' as const }), weight: 1 },
  { arbitrary: fc.constant({ t: 'enable' as const }), weight: 1 },
];

/** One container under test: applies operations, checks itself against its model. */
export interface Harness<Op> {
  readonly world: World;
  /** Applies a container operation (synchronously: no object may outlive it in an async frame). */
  apply(op: Op): void;
  /** Compares the container with the model; `where` names the step. */
  check(where: string): void;
  /** The number of live weak references the model expects on the object with this id. */
  expectedWeakrefCount(id: number): number;
  /** Whether something the harness holds (an iterator snapshot) may add weak references. */
  holdsExtraRefs(): boolean;
  /** Called after `gc.collect()`: the model forgets every entry of a dead referent. */
  purgeDead(): void;
  /** Operations applied, for the figures. */
  ops: number;
}

/** The live referents whose `getweakrefcount` differs from the model's, with what refers to them. */
function wrongCounts(h: Harness<unknown>): string[] {
  const out: string[] = [];
  for (let i = 0; i < h.world.slots.length; i++) {
    const o = h.world.slots[i];
    if (o === undefined) continue;
    const actual = getweakrefcount(o);
    const expected = h.expectedWeakrefCount(o.id) + h.world.probeCount(o.id);
    if (actual === expected) continue;
    const kinds = getweakrefs(o).map((w) =>
      w instanceof KeyedRef
        ? `KeyedRef(key ${JSON.stringify(w.key)})`
        : w instanceof ref
          ? `ref(callback: ${typeof w.__callback__})`
          : 'proxy',
    );
    out.push(`object ${o.id}: getweakrefcount ${actual}, expected ${expected} [${kinds.join(', ')}]`);
  }
  return out;
}

/** Whether the diagnostic heap snapshot (HEAPSNAPSHOT_ON_LEAK) was written in this process. */
let snapshotTaken = false;

/**
 * After `gc.collect()` every removed entry's reference object has been collected, so each live
 * referent counts exactly the weak references the model expects (CONTRACT §11). Strict: a reference
 * object that outlives the `gc.collect()` after it was dropped fails the run (docs/reliability.md,
 * "Late reference objects": found by this check; fixed in src/internal/force-gc.ts). The failure
 * says whether one more collection would have cleared it, and HEAPSNAPSHOT_ON_LEAK=<file> writes a
 * heap snapshot at that moment to find what held it.
 */
export async function checkWeakrefCounts(h: Harness<unknown>, where: string): Promise<void> {
  if (h.holdsExtraRefs()) return;
  const wrong = wrongCounts(h);
  if (wrong.length === 0) return;
  if (process.env.HEAPSNAPSHOT_ON_LEAK && !snapshotTaken) {
    snapshotTaken = true;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const file = (require('node:v8') as typeof import('node:v8')).writeHeapSnapshot(process.env.HEAPSNAPSHOT_ON_LEAK);
    console.warn(`      heap snapshot written to ${file}`);
  }
  await gc.collect();
  const late = wrongCounts(h).length === 0;
  expect(
    wrong,
    `${where}: ${wrong.join('; ')} (${late ? 'cleared' : 'still there'} after one more gc.collect())`,
  ).to.deep.equal([]);
}

/** Runs one operation sequence against a fresh harness, checking after every step. */
export async function runSequence<Op extends { t: string }>(
  make: () => Harness<Op>,
  ops: ReadonlyArray<Op | LifeOp>,
): Promise<void> {
  const h = make();
  try {
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i];
      const where = `step ${i} ${JSON.stringify(op)}`;
      if (op.t === 'kill') {
        for (const s of (op as { s: number[] }).s) h.world.drop(s);
        await h.world.forceGc();
      } else if (op.t === 'collect') {
        await h.world.collect();
        h.purgeDead();
        h.check(where);
        checkDeliveries(h, where);
        await checkWeakrefCounts(h, where);
        continue;
      } else if (op.t === 'disable') {
        h.world.disable();
      } else if (op.t === 'enable') {
        h.world.enable();
      } else {
        h.apply(op as Op);
      }
      h.ops++;
      h.check(where);
      checkDeliveries(h, where);
    }
    // A final collection: whatever happened, every dead referent's entry must go and nothing may
    // leak. It works whether gc is disabled or not.
    await h.world.collect();
    h.purgeDead();
    h.check('final gc.collect()');
    checkDeliveries(h, 'final gc.collect()');
    await checkWeakrefCounts(h, 'final gc.collect()');
  } finally {
    // A failing run must not leave the rest of the suite without callbacks.
    if (!gc.isenabled()) gc.enable();
  }
  count('fuzz operations', ops.length);
  count('fuzz collections', h.world.collections);
}

/** The probes' verdict (world.ts): no callback outside gc.collect()/gc.enable() while disabled, etc. */
function checkDeliveries(h: Harness<unknown>, where: string): void {
  expect(h.world.violations, `${where}: callbacks`).to.deep.equal([]);
}

/** The fast-check parameters every machine uses: a fixed seed by default, printed on failure. */
export function fcParams(runs = FUZZ_RUNS): fc.Parameters<unknown> {
  return { numRuns: runs, seed: FUZZ_SEED, endOnFailure: false, verbose: 1 };
}

/** Arbitrary sequences of container operations interleaved with referent deaths. */
export function sequenceArb<Op>(opArb: fc.Arbitrary<Op>): fc.Arbitrary<Array<Op | LifeOp>> {
  return fc.array(fc.oneof({ arbitrary: opArb as fc.Arbitrary<Op | LifeOp>, weight: 8 }, ...lifeOpArbs), {
    minLength: 1,
    maxLength: FUZZ_MAX_OPS,
    // fast-check's default ('small') keeps most arrays under ten items; longer sequences reach the
    // states that need several steps (a snapshot iterator outliving deletions and deaths).
    size: 'medium',
  });
}
