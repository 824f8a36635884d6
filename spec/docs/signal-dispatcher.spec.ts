/**
 * The `Signal` of examples/signal-dispatcher.ts, the worked port of Django's dispatcher in
 * docs/porting-guide.md, tested the way Django tests its own: Django's tests/dispatch/tests.py
 * (`ReceiverTestCase`, `DispatcherTests`), ported, plus lifetime checks with `pyweakref/testing`.
 *
 * `ReceiverTestCase` runs first on purpose: its receivers are never disconnected, and Django relies on
 * CPython freeing them when each test returns. Under JavaScript they live until the next collection, so
 * `DispatcherTests`' `assertTestIsClean` would see them; the `afterEach` below (the hook of
 * `pyweakref/testing/mocha-hooks`, for this block only) collects after every test, as the porting guide
 * says ("State that lives across tests"). spec/testing-mocha-hooks.spec.ts shows the failure without it.
 *
 * Receivers and objects live in `let` variables set to `undefined` (Python's `del`) or in helpers.
 */
import { expect } from 'chai';
import { MethodType, gc, ref } from '../../src';
import { assertCollected, assertNotCollected } from '../../src/testing';
import { mochaHooks } from '../../src/testing/mocha-hooks';
import { Signal } from '../../examples/signal-dispatcher';

interface Val {
  val: unknown;
}

// Django: def receiver_1_arg(val, **kwargs): return val
function receiver1Arg({ val }: Val): unknown {
  return val;
}

// Django's `Callable`: its instances are callable (`__call__`) and have a method `a`. A callable
// JavaScript object is a function: `callable()` makes a new one each time, as `Callable()` does.
class Callable {
  a({ val }: Val): unknown {
    return val;
  }
}
const callable =
  (): ((kwargs: Val) => unknown) =>
  ({ val }) =>
    val;

// Module-level signals, as Django's: the weak registries that outlive every test.
const aSignal = new Signal<Val>();
const bSignal = new Signal<Val>();
const cSignal = new Signal<Val>();

/** Django's `sender=self`: one object per test. */
const testCase = (): object => ({});

/** Django's DispatcherTests.assertTestIsClean. */
function assertTestIsClean(signal: Signal<Val>): void {
  // Dead receivers are cleared as a side effect of using the signal: has_listeners() first.
  expect(signal.hasListeners()).to.equal(false);
  expect(signal.receivers).to.deep.equal([]);
}

describe('Django tests/dispatch, on examples/signal-dispatcher.ts', () => {
  // Python frees a test's locals when it returns; this collects them before the next test.
  afterEach(mochaHooks.afterEach);

  describe('ReceiverTestCase', () => {
    it('test_receiver_single_signal: a receiver connected in a test, never disconnected', () => {
      let state: unknown = false;
      aSignal.connect(({ val }) => {
        state = val;
      });
      aSignal.send(testCase(), { val: true });
      expect(state).to.equal(true);
    });

    it('test_receiver_signal_list: one receiver on three signals, never disconnected', () => {
      const state: unknown[] = [];
      const f = ({ val }: Val): void => void state.push(val);
      for (const signal of [aSignal, bSignal, cSignal]) signal.connect(f);
      const sender = testCase();
      aSignal.send(sender, { val: 'a' });
      cSignal.send(sender, { val: 'c' });
      bSignal.send(sender, { val: 'b' });
      expect(state).to.have.members(['a', 'b', 'c']);
    });
  });

  describe('DispatcherTests', () => {
    it('test_exact: a receiver for one sender', () => {
      const self = testCase();
      aSignal.connect(receiver1Arg, { sender: self });
      expect(aSignal.send(self, { val: 'test' })).to.deep.equal([[receiver1Arg, 'test']]);
      aSignal.disconnect(receiver1Arg, { sender: self });
      assertTestIsClean(aSignal);
    });

    it('test_ignored_sender: a receiver for any sender', () => {
      aSignal.connect(receiver1Arg);
      expect(aSignal.send(testCase(), { val: 'test' })).to.deep.equal([[receiver1Arg, 'test']]);
      aSignal.disconnect(receiver1Arg);
      assertTestIsClean(aSignal);
    });

    it('test_garbage_collected: a bound-method receiver dies with its object', async () => {
      const self = testCase();
      let a: Callable | undefined = new Callable();
      aSignal.connect(MethodType(a.a, a), { sender: self });
      a = undefined; // Python: del a
      await gc.collect();
      expect(aSignal.send(self, { val: 'test' })).to.deep.equal([]);
      assertTestIsClean(aSignal);
    });

    it.skip('test_cached_garbaged_collected [n/a: the example has no use_caching]');

    it('test_multiple_registration: connecting the same receiver again does nothing', async () => {
      let a: ((kwargs: Val) => unknown) | undefined = callable();
      for (let i = 0; i < 6; i++) aSignal.connect(a);
      let result: unknown[] | undefined = aSignal.send(testCase(), { val: 'test' });
      expect(result).to.have.length(1);
      expect(aSignal.receivers).to.have.length(1);
      a = result = undefined; // Python: del a; del result
      await gc.collect();
      assertTestIsClean(aSignal);
    });

    it('test_uid_registration: a second receiver with the same dispatch_uid is not connected', () => {
      const uidBasedReceiver1 = (): void => {};
      const uidBasedReceiver2 = (): void => {};
      aSignal.connect(uidBasedReceiver1, { dispatchUid: 'uid' });
      aSignal.connect(uidBasedReceiver2, { dispatchUid: 'uid' });
      expect(aSignal.receivers).to.have.length(1);
      aSignal.disconnect(undefined, { dispatchUid: 'uid' });
      assertTestIsClean(aSignal);
    });

    it.skip('test_robust [n/a: the example has no send_robust]');

    it('test_disconnection: disconnected and collected receivers are both gone', async () => {
      const receiver1 = callable();
      let receiver2: ((kwargs: Val) => unknown) | undefined = callable();
      const receiver3 = callable();
      aSignal.connect(receiver1);
      aSignal.connect(receiver2);
      aSignal.connect(receiver3);
      aSignal.disconnect(receiver1);
      receiver2 = undefined; // Python: del receiver_2
      await gc.collect();
      aSignal.disconnect(receiver3);
      assertTestIsClean(aSignal);
    });

    it('test_values_returned_by_disconnection: disconnect() says whether it found the receiver', () => {
      const receiver1 = callable();
      const receiver2 = callable();
      aSignal.connect(receiver1);
      expect(aSignal.disconnect(receiver1)).to.equal(true);
      expect(aSignal.disconnect(receiver2)).to.equal(false);
      assertTestIsClean(aSignal);
    });

    it('test_has_listeners: with and without a sender', () => {
      expect(aSignal.hasListeners()).to.equal(false);
      expect(aSignal.hasListeners(testCase())).to.equal(false);
      const receiver1 = callable();
      aSignal.connect(receiver1);
      expect(aSignal.hasListeners()).to.equal(true);
      expect(aSignal.hasListeners(testCase())).to.equal(true);
      aSignal.disconnect(receiver1);
      expect(aSignal.hasListeners()).to.equal(false);
      expect(aSignal.hasListeners(testCase())).to.equal(false);
    });
  });

  describe('JavaScript interop', () => {
    it('should not keep a receiver alive: the test drops it, and the signal forgets it', async () => {
      let receiver: ((kwargs: Val) => unknown) | undefined = callable();
      const r = ref(receiver);
      aSignal.connect(receiver);
      receiver = undefined; // Python: del receiver
      await assertCollected(r);
      expect(aSignal.receivers, 'the dead entry waits for the next use of the signal').to.have.length(1);
      assertTestIsClean(aSignal);
    });

    it('should let a bound-method receiver die with its object, not with its temporary MethodType', async () => {
      let obj: Callable | undefined = new Callable();
      const r = ref(obj);
      // The MethodType is a temporary, as Python's obj.a: a plain ref to it would die at the next
      // collection. WeakMethod holds its object and function instead.
      aSignal.connect(MethodType(obj.a, obj));
      await gc.collect();
      expect(aSignal.send(testCase(), { val: 'alive' }).map(([, response]) => response)).to.deep.equal(['alive']);
      await assertNotCollected(r, 'the signal must not keep the object alive, nor let it go while used');
      obj = undefined; // Python: del obj
      await assertCollected(r);
      expect(Callable.prototype.a, 'the function lives on the prototype').to.be.a('function');
      assertTestIsClean(aSignal);
    });

    it('should keep a receiver connected with weak: false until it is disconnected', async () => {
      let receiver: ((kwargs: Val) => unknown) | undefined = callable();
      const r = ref(receiver);
      aSignal.connect(receiver, { weak: false, dispatchUid: 'strong' });
      receiver = undefined;
      await assertNotCollected(r);
      expect(aSignal.disconnect(undefined, { dispatchUid: 'strong' })).to.equal(true);
      await assertCollected(r);
      assertTestIsClean(aSignal);
    });

    it('should not be kept alive by its receivers: a signal dropped while they live is collected', async () => {
      await assertCollected(() => {
        const signal = new Signal<Val>();
        signal.connect(receiver1Arg); // a module-level function, alive for the whole run
        signal.connect(MethodType(Callable.prototype.a, keep), { sender: keep });
        return signal;
      });
    });
  });
});

/** An object alive for the whole run, for the receiver of the last test. */
const keep = new Callable();
