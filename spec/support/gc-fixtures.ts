/**
 * Fixtures of the test_gc.py ports (spec/gc-module.spec.ts, spec/gc-module-cycles.spec.ts): CPython's
 * C1055820 and GC_Detector, its setUpModule/tearDownModule, the shape of its cycle tests; and
 * test_weakref.py's check_gc_during_creation, which sets the collector's thresholds.
 */
import { expect } from 'chai';
import { gc, getweakrefcount, ref } from '../../src';

/** CPython's C1055820: an instance with a self-loop, so cyclic trash when unreachable. */
export class C1055820 {
  loop: C1055820 | undefined;
  keep_c0_alive?: unknown;
  constructor(public i: number) {
    this.loop = this;
  }
}

/** CPython's GC_Detector: `gc_happened` turns true once a collection has collected a piece of trash. */
export class GcDetector {
  gc_happened = false;
  readonly wr: ref<C1055820>;
  constructor() {
    this.wr = ref(new C1055820(666), () => {
      this.gc_happened = true;
    });
  }
}

/** CPython's setUpModule / tearDownModule, for each ported class. */
export function moduleSetup(): void {
  let enabled = true;
  let debug = 0;
  before(async () => {
    enabled = gc.isenabled();
    gc.disable();
    expect(gc.isenabled()).to.equal(false);
    debug = gc.get_debug();
    gc.set_debug(debug & ~gc.DEBUG_LEAK); // this test is supposed to leak
    await gc.collect(); // Delete 2nd generation garbage
  });
  after(() => {
    gc.set_debug(debug);
    // test gc.enable() even if GC is disabled by default
    gc.enable();
    expect(gc.isenabled()).to.equal(true);
    if (!enabled) gc.disable();
  });
}

/**
 * The common shape of CPython's cycle tests: `make()` builds the cycle and returns its `n` objects,
 * each then watched by a `ref`. A collection leaves them alone while they are held; once they are
 * dropped (Python's `del`), the next collection must clear exactly those `n` references.
 */
export async function expectCycleCollected(n: number, make: () => object[]): Promise<void> {
  let objects: object[] | undefined = make();
  const refs = objects.map((o) => ref(o));
  expect(refs).to.have.length(n);
  await gc.collect();
  expect(refs.filter((r) => r() !== undefined).length, 'held, the cycle survives a collection').to.equal(n);
  objects = undefined;
  expect(await gc.collect(), 'what gc.collect() resolves to after the del').to.equal(n);
  expect(refs.filter((r) => r() !== undefined).length).to.equal(0);
}

/**
 * CPython's ReferencesTestCase.check_gc_during_creation (test_weakref.py), for `ref` and `proxy`: with
 * thresholds of 1, CPython starts a collection inside the second `weakref.ref()`, while a cycle holding
 * the first reference object is trash. V8 cannot collect inside a call, so the collection comes right
 * after it; what must hold is the same: the trash and its reference go, `referenced` stays, and no
 * callback runs.
 */
export async function checkGcDuringCreation(makeref: (o: object) => unknown): Promise<void> {
  const thresholds = gc.get_threshold();
  gc.set_threshold(1, 1, 1);
  await gc.collect();
  class A {
    a?: A;
    wr?: unknown;
  }
  let called = 0;
  const callback = (): void => void called++;
  const referenced = new A();
  let a = new A();
  a.a = a;
  a.wr = makeref(referenced);
  try {
    // now make sure the object and the ref get labeled as cyclic trash:
    a = new A();
    ref(referenced, callback);
    await gc.collect(); // where CPython's threshold of 1 collected, inside ref()
    expect(called).to.equal(0);
    expect(getweakrefcount(referenced)).to.equal(0); // the trash's reference and the dropped one
    expect(ref(referenced)()).to.equal(referenced);
  } finally {
    gc.set_threshold(...thresholds);
  }
  expect(gc.get_threshold()).to.deep.equal(thresholds);
  void a;
}
