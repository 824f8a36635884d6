/**
 * Finding the leak in an event bus: a failing `assertNoLeak` that says what grew and who holds it.
 *
 * A price tag subscribes to an event bus when it is mounted and unsubscribes when it is unmounted;
 * the leak check mounts and unmounts one a thousand times and fails: the bus keeps every tag. Its
 * message names the holder (the bus's `listeners` array), what each run leaves there (a Subscription,
 * the wrapper function it calls, the tag that wrapper reaches) and the line of that wrapper, which is
 * the bug: `off()` looks for the wrapper, which no caller has. The fixed bus then passes.
 *
 * Run it: `npx ts-node examples/event-bus-leak.ts` (Node.js; the explanation takes one heap snapshot).
 * docs/recipes/find-a-leak-in-an-event-bus.md walks through it.
 */
import { LifetimeAssertionError, assertNoLeak } from '../src/testing';

// #region bus
type Handler = (payload: number) => void;

class Subscription {
  constructor(
    readonly topic: string,
    /** What the subscriber passed to `on()`. */
    readonly handler: Handler,
    /** What `emit()` calls: the handler, with its errors reported instead of thrown at the emitter. */
    readonly call: Handler,
  ) {}
}

class EventBus {
  protected readonly listeners: Subscription[] = [];

  on(topic: string, handler: Handler): void {
    const call: Handler = (payload) => {
      try {
        handler(payload);
      } catch (err) {
        console.error(err);
      }
    };
    this.listeners.push(new Subscription(topic, handler, call));
  }

  off(topic: string, handler: Handler): void {
    const i = this.listeners.findIndex((s) => s.topic === topic && s.call === handler);
    if (i >= 0) this.listeners.splice(i, 1);
  }

  emit(topic: string, payload: number): void {
    for (const s of [...this.listeners]) if (s.topic === topic) s.call(payload);
  }
}

class PriceTag {
  price = 0;
  constructor(private readonly bus: EventBus) {
    this.update = this.update.bind(this);
  }
  update(price: number): void {
    this.price = price;
  }
  mount(): void {
    this.bus.on('price', this.update);
  }
  unmount(): void {
    this.bus.off('price', this.update);
  }
}
// #endregion bus

// #region fix
class FixedEventBus extends EventBus {
  override off(topic: string, handler: Handler): void {
    // Compare what the caller has: the handler it subscribed, not the wrapper made for it.
    const i = this.listeners.findIndex((s) => s.topic === topic && s.handler === handler);
    if (i >= 0) this.listeners.splice(i, 1);
  }
}
// #endregion fix

// #region test
const bus = new EventBus();

/** Mounting and unmounting a price tag must leave nothing behind. */
async function checkPriceTags(): Promise<void> {
  await assertNoLeak(
    () => {
      const tag = new PriceTag(bus);
      tag.mount();
      bus.emit('price', 42);
      tag.unmount();
    },
    { iterations: 4000, heapToleranceBytes: 512 * 1024 },
  );
}
// #endregion test

// #region fixed
const fixedBus = new FixedEventBus();

async function checkPriceTagsOnTheFixedBus(): Promise<void> {
  await assertNoLeak(
    () => {
      const tag = new PriceTag(fixedBus);
      tag.mount();
      fixedBus.emit('price', 42);
      tag.unmount();
    },
    { iterations: 4000, heapToleranceBytes: 512 * 1024 },
  );
}
// #endregion fixed

async function main(): Promise<void> {
  try {
    await checkPriceTags();
    console.log('no leak (unexpected: the bus keeps every tag)');
  } catch (err) {
    if (!(err instanceof LifetimeAssertionError)) throw err;
    console.log(err.message);
  }
  await checkPriceTagsOnTheFixedBus();
  console.log('the fixed bus: no leak');
}

void main();
