/**
 * Recipe: weak event listeners with WeakMethod (docs/recipes/weak-event-listeners.md).
 *
 * A signal that does not keep its listeners alive: subscribing `display.show` must not stop
 * `display` from being collected once the rest of the program has dropped it. Each subscription is
 * a `WeakMethod`, and its callback unsubscribes it when the object (or the function) dies.
 *
 * Run it: `npx ts-node examples/weak-observers.ts`.
 */
import { WeakMethod, gc } from '../src';

type Listener<A extends unknown[]> = (...args: A) => void;

/**
 * Python:
 *   class Signal:
 *       def __init__(self):
 *           self._slots = set()
 *       def connect(self, bound_method):
 *           self._slots.add(weakref.WeakMethod(bound_method, self._slots.discard))
 *       def emit(self, *args):
 *           for slot in list(self._slots):
 *               method = slot()
 *               if method is not None:
 *                   method(*args)
 */
class WeakSignal<A extends unknown[]> {
  /**
   * The subscriptions. They hold their objects and functions weakly; the signal holds the
   * subscriptions strongly until their callback (or `disconnect`) removes them.
   */
  readonly #slots = new Set<WeakMethod<object, Listener<A>>>();

  /**
   * Subscribes `obj[method]` (a method name, or a function that lives as long as `obj` needs it:
   * a prototype method, not an arrow function made on the spot). Returns the function that
   * unsubscribes it.
   */
  connect<T extends object>(obj: T, method: (keyof T & string) | Listener<A>): () => void {
    const slot = new WeakMethod<T, Listener<A>>(obj, method, (dead) => {
      this.#slots.delete(dead);
    });
    this.#slots.add(slot);
    return () => void this.#slots.delete(slot);
  }

  /** Calls every live listener with `args`; returns how many were called. */
  emit(...args: A): number {
    let called = 0;
    // Iterate over a copy: a listener may connect or disconnect others while we call it.
    for (const slot of [...this.#slots]) {
      const listener = slot();
      if (listener === undefined) continue; // died since the last collection: its callback will remove it
      listener(...args);
      called++;
    }
    return called;
  }

  /** The number of subscriptions (a dead one counts until its callback has run). */
  get size(): number {
    return this.#slots.size;
  }
}

class Thermometer {
  readonly changed = new WeakSignal<[celsius: number]>();

  set(celsius: number): void {
    this.changed.emit(celsius);
  }
}

class Display {
  constructor(readonly name: string) {}

  show(celsius: number): void {
    console.log(`  ${this.name}: ${celsius} °C`);
  }
}

/** Subscribes a display that nothing else references: it lives only until the next collection. */
function subscribeTemporaryDisplay(thermometer: Thermometer): void {
  const display = new Display('temporary display');
  thermometer.changed.connect(display, 'show');
}

async function main(): Promise<void> {
  const thermometer = new Thermometer();
  const lobby = new Display('lobby display');
  thermometer.changed.connect(lobby, 'show');
  subscribeTemporaryDisplay(thermometer);

  console.log(`1. two subscriptions (${thermometer.changed.size}); both displays are alive:`);
  thermometer.set(21);

  console.log('2. the temporary display is referenced by nothing but the signal, weakly; collect:');
  await gc.collect();
  console.log(`   subscriptions left: ${thermometer.changed.size}`);
  thermometer.set(22);

  console.log('3. the pitfall: an arrow function made on the spot is itself held weakly, and dies:');
  thermometer.changed.connect(lobby, (c: number) => lobby.show(c + 1000));
  console.log(`   subscriptions before collecting: ${thermometer.changed.size}`);
  await gc.collect();
  console.log(`   subscriptions after collecting: ${thermometer.changed.size} (subscribe methods, not fresh closures)`);
  thermometer.set(23);

  console.log('4. disconnect explicitly:');
  const disconnect = thermometer.changed.connect(lobby, Display.prototype.show);
  console.log(`   subscriptions: ${thermometer.changed.size}`);
  disconnect();
  console.log(`   after disconnect(): ${thermometer.changed.size}`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
