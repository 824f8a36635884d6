/**
 * The types of Python's `gc` functions beyond `collect()` and the referrer queries (CONTRACT §12),
 * with what each means on a tracing collector. The implementation is internal/gc-module.ts; gc.ts
 * puts the members on the exported `gc`.
 */

/**
 * The second argument of a {@link GcCallback}: Python's `info` dict.
 *
 * @example
 * ```ts
 * gc.callbacks.push((phase, info) => {
 *   if (phase === 'stop') console.log(`generation ${info.generation}: ${info.collected} cleared`);
 * });
 * ```
 * @see https://docs.python.org/3/library/gc.html#gc.callbacks
 */
export interface GcCallbackInfo {
  /** The generation asked for: 0, 1 or 2 (every generation collects everything here). */
  generation: 0 | 1 | 2;
  /** At `'stop'`: what `gc.collect()` resolves to, the reference objects it cleared; 0 at `'start'`. */
  collected: number;
  /** Always 0: nothing is uncollectable on a tracing collector. */
  uncollectable: number;
}

/**
 * A function in {@link GcControl.callbacks | gc.callbacks}: called with `'start'` before and `'stop'` after each
 * `gc.collect()`.
 *
 * @example
 * ```ts
 * const timing: GcCallback = (phase) => console.log(phase, performance.now());
 * gc.callbacks.push(timing);
 * ```
 * @see https://docs.python.org/3/library/gc.html#gc.callbacks
 */
export type GcCallback = (phase: 'start' | 'stop', info: GcCallbackInfo) => unknown;

/**
 * One generation's entry in `gc.get_stats()`: Python's dict with the same keys.
 *
 * @example
 * ```ts
 * const [young, , old]: GcStats[] = gc.get_stats();
 * console.log(young.collections, old.collected);
 * ```
 * @see https://docs.python.org/3/library/gc.html#gc.get_stats
 */
export interface GcStats {
  /** How many `gc.collect(generation)` calls asked for this generation (the engine's own are not seen). */
  collections: number;
  /** The reference objects those calls cleared (what they resolved to), summed. */
  collected: number;
  /** Always 0: nothing is uncollectable here. */
  uncollectable: number;
}

/**
 * The members of {@link gc} beyond `collect()`, `get_referrers()` and `get_referents()`: every other
 * function and constant of Python's `gc` module, so that ported code never fails with
 * `gc.x is not a function`. docs/porting-guide.md says, per function, what it means here.
 *
 * @example
 * ```ts
 * gc.disable();                       // Python: gc.disable()
 * gc.set_threshold(1, 1, 1);          // Python: gc.set_threshold(1, 1, 1)
 * gc.callbacks.push(cb);              // Python: gc.callbacks.append(cb)
 * ```
 * @see https://docs.python.org/3/library/gc.html
 */
export interface GcControl {
  /**
   * Python's `gc.disable()`: holds back every callback, container clean-up and finalizer that the
   * engine's own collections would deliver, until the next `await gc.collect()` or `gc.enable()`,
   * which deliver them in CPython's order. A test section between `disable()` and `enable()` sees no
   * weakref callback, no `finalize` and no WeakValueDictionary, WeakKeyDictionary or WeakSet clean-up
   * fire in the middle of it (what CPython's `test.support.disable_gc()` is for), except inside the
   * `gc.collect()` calls it makes. While disabled, `r()` of a collected referent still reads
   * `undefined` (the engine decides that), and `size` may count dead entries until they are delivered.
   *
   * @throws TypeError `gc.disable() takes no arguments (n given)`.
   * @example
   * ```ts
   * gc.disable();                 // Python: gc.disable()
   * try {
   *   // ... no callback runs here unless this code awaits gc.collect() ...
   * } finally {
   *   gc.enable();                // delivers what was held back
   * }
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.disable
   */
  disable(): void;

  /**
   * Python's `gc.enable()`: delivers now, synchronously and in CPython's order, what the engine
   * reported while gc was disabled (no collection is forced), and lets its later reports deliver by
   * themselves again. Called from inside a callback, it delivers before returning to that callback.
   *
   * @throws TypeError `gc.enable() takes no arguments (n given)`.
   * @example
   * ```ts
   * gc.enable();                  // Python: gc.enable()
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.enable
   */
  enable(): void;

  /**
   * Python's `gc.isenabled()`: false between `gc.disable()` and `gc.enable()`.
   *
   * @example
   * ```ts
   * const was = gc.isenabled();   // Python: gc.isenabled()
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.isenabled
   */
  isenabled(): boolean;

  /**
   * Python's `gc.callbacks`: a plain array that the program fills; each function in it is called with
   * `('start', info)` before and `('stop', info)` after each `gc.collect()`, also while gc is disabled,
   * but not for a `gc.collect()` started by one of them. An exception (or a rejected promise) goes to
   * `sys.unraisablehook` with `err_msg` `Exception ignored while calling GC callback <repr>` (CPython
   * 3.14). The property cannot be rebound (`gc.callbacks = []` throws); change the array.
   *
   * @example
   * ```ts
   * const cb: GcCallback = (phase, info) => console.log(phase, info.generation);
   * gc.callbacks.push(cb);                              // Python: gc.callbacks.append(cb)
   * gc.callbacks.splice(gc.callbacks.indexOf(cb), 1);   // Python: gc.callbacks.remove(cb)
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.callbacks
   */
  readonly callbacks: GcCallback[];

  /**
   * Python's `gc.garbage`: an array that stays empty; a tracing collector has no uncollectable cycles,
   * and `DEBUG_SAVEALL` cannot save what the engine has freed. The property cannot be rebound.
   *
   * @example
   * ```ts
   * gc.garbage.length;            // 0   Python: len(gc.garbage)
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.garbage
   */
  readonly garbage: unknown[];

  /**
   * Python's `gc.get_threshold()`: the three thresholds last set (CPython's defaults `[700, 10, 10]`
   * at first). They are stored and returned only: V8 decides when it collects.
   *
   * @returns a new array `[threshold0, threshold1, threshold2]` (Python's tuple).
   * @example
   * ```ts
   * const saved = gc.get_threshold();   // Python: thresholds = gc.get_threshold()
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.get_threshold
   */
  get_threshold(): [number, number, number];

  /**
   * Python's `gc.set_threshold(threshold0[, threshold1[, threshold2]])`: stores the thresholds that
   * `get_threshold()` returns, with no effect on the engine. An optional one passed as `undefined` is
   * left as it is.
   *
   * @throws TypeError `set_threshold() takes at least 1 argument (0 given)` (or at most 3);
   *   `'<type>' object cannot be interpreted as an integer` (`'float'` for a fraction). RangeError
   *   `signed integer is greater than maximum` (Python's OverflowError) beyond a C int.
   * @example
   * ```ts
   * gc.set_threshold(1, 1, 1);          // Python: gc.set_threshold(1, 1, 1)
   * gc.set_threshold(...saved);         // Python: gc.set_threshold(*thresholds)
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.set_threshold
   */
  set_threshold(threshold0: number | bigint, threshold1?: number | bigint, threshold2?: number | bigint): void;

  /**
   * Python's `gc.get_count()`: `[count0, count1, count2]`. `count0` is the number of reference objects
   * with a callback and container entries made since the last `gc.collect()` (or `gc.freeze()`): the
   * objects the library starts tracking, where CPython counts container allocations. `count1` and
   * `count2` are CPython's: collections of the generation below since this one was collected
   * (`gc.collect(0)` makes them `[0, 1, 0]`, `gc.collect(1)` `[0, 0, 1]`).
   *
   * @example
   * ```ts
   * const [young, middle, old] = gc.get_count();   // Python: gc.get_count()
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.get_count
   */
  get_count(): [number, number, number];

  /**
   * Python's `gc.get_stats()`: one {@link GcStats} per generation, for the `gc.collect(generation)`
   * calls of this process (the engine's own collections are invisible to JavaScript).
   *
   * @returns a new array of three new objects.
   * @example
   * ```ts
   * gc.get_stats()[2].collections;      // Python: gc.get_stats()[2]['collections']
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.get_stats
   */
  get_stats(): GcStats[];

  /**
   * Python's `gc.freeze()`: accepted, and changes nothing but `get_count()[0]` (zeroed, as CPython
   * does). V8 has no permanent generation: an object alive now is collected once the program drops it,
   * frozen or not (CPython would keep a frozen cycle forever).
   *
   * @example
   * ```ts
   * gc.freeze();                        // Python: gc.freeze()
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.freeze
   */
  freeze(): void;

  /**
   * Python's `gc.unfreeze()`: accepted; nothing was frozen.
   *
   * @example
   * ```ts
   * gc.unfreeze();                      // Python: gc.unfreeze()
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.unfreeze
   */
  unfreeze(): void;

  /**
   * Python's `gc.get_freeze_count()`: always 0, since `freeze()` moves nothing.
   *
   * @example
   * ```ts
   * gc.get_freeze_count();              // 0
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.get_freeze_count
   */
  get_freeze_count(): number;

  /**
   * Python's `gc.is_tracked(obj)`: true for objects and functions (the engine's collector traces
   * them all), false for primitives (`1`, `'a'`, `undefined`, `null`, booleans, bigints, symbols),
   * which Python's atoms match.
   *
   * @throws TypeError `gc.is_tracked() takes exactly one argument (n given)`.
   * @example
   * ```ts
   * gc.is_tracked({});                  // true    Python: gc.is_tracked([]) is True
   * gc.is_tracked(1);                   // false
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.is_tracked
   */
  is_tracked(obj: unknown): boolean;

  /**
   * Python's `gc.is_finalized(obj)`: always false. An object that the program can still pass was
   * never finalized: JavaScript has no `__del__` that could hand a collected object back.
   *
   * @throws TypeError `gc.is_finalized() takes exactly one argument (n given)`.
   * @example
   * ```ts
   * gc.is_finalized(obj);               // false
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.is_finalized
   */
  is_finalized(obj: unknown): boolean;

  /**
   * Python's `gc.get_objects(generation=None)`: not offered. JavaScript keeps no list of the objects
   * it tracks; a heap snapshot lists every node of the heap, most of them the engine's own. The promise
   * rejects with an error that says so (after checking `generation` as CPython does); to find what
   * keeps an object alive, `await gc.get_referrers(obj)`.
   *
   * @throws Error (rejects) always: `gc.get_objects() cannot be offered: ...`; TypeError or
   *   RangeError (rejects) first for a bad `generation`, with CPython's messages.
   * @example
   * ```ts
   * await gc.get_objects().catch((e: Error) => console.log(e.message));
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.get_objects
   */
  get_objects(generation?: number): Promise<unknown[]>;

  /**
   * Python's `gc.set_debug(flags)`: stores the flags. `DEBUG_STATS` prints CPython's first and last
   * lines for each `gc.collect()` on stderr (`gc: collecting generation 2...`, `gc: done, N
   * unreachable, 0 uncollectable, 0.0123s elapsed`); the other flags are stored only (nothing is
   * uncollectable, and freed objects cannot be shown or saved).
   *
   * @throws TypeError `gc.set_debug() takes exactly one argument (n given)`, or for a non-integer.
   * @example
   * ```ts
   * gc.set_debug(gc.DEBUG_STATS);       // Python: gc.set_debug(gc.DEBUG_STATS)
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.set_debug
   */
  set_debug(flags: number | bigint): void;

  /**
   * Python's `gc.get_debug()`: the flags last set (0 at first).
   *
   * @example
   * ```ts
   * const saved = gc.get_debug();       // Python: debug = gc.get_debug()
   * ```
   * @see https://docs.python.org/3/library/gc.html#gc.get_debug
   */
  get_debug(): number;

  /**
   * Python's `gc.DEBUG_STATS` (1): print statistics during each `gc.collect()` (see `set_debug`).
   *
   * @example
   * ```ts
   * gc.set_debug(gc.get_debug() | gc.DEBUG_STATS);
   * ```
   */
  readonly DEBUG_STATS: 1;
  /**
   * Python's `gc.DEBUG_COLLECTABLE` (2): stored only here (freed objects cannot be shown).
   *
   * @example
   * ```ts
   * gc.set_debug(gc.DEBUG_COLLECTABLE);   // accepted; prints nothing
   * ```
   */
  readonly DEBUG_COLLECTABLE: 2;
  /**
   * Python's `gc.DEBUG_UNCOLLECTABLE` (4): stored only here (nothing is uncollectable).
   *
   * @example
   * ```ts
   * gc.set_debug(gc.DEBUG_UNCOLLECTABLE); // accepted; prints nothing
   * ```
   */
  readonly DEBUG_UNCOLLECTABLE: 4;
  /**
   * Python's `gc.DEBUG_SAVEALL` (32): stored only here; `gc.garbage` stays empty.
   *
   * @example
   * ```ts
   * gc.set_debug(gc.DEBUG_SAVEALL);       // gc.garbage still stays []
   * ```
   */
  readonly DEBUG_SAVEALL: 32;
  /**
   * Python's `gc.DEBUG_LEAK` (38): `DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL`.
   *
   * @example
   * ```ts
   * const debug = gc.get_debug();
   * gc.set_debug(debug & ~gc.DEBUG_LEAK); // Python: gc.set_debug(debug & ~gc.DEBUG_LEAK)
   * ```
   */
  readonly DEBUG_LEAK: 38;
}
